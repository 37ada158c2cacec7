"""SSB's county accounts (table 11713) for this report: counties by name, the regions a county
can be compared with, and the 35 industry groups that add up to the total.

The accounts have the counties before 2020 (Trøndelag as Sør- and Nord-Trøndelag until 2017 and
as one county from 2018; here always one county), the whole country, and no row for the
continental shelf: the shelf is the whole country minus the counties. Regions built from several
counties (Viken, the counties in total) are sums; their volume change is the average of the
parts' volume changes weighted by the previous year's value added in current prices, which is how
annual chain-linked volumes add up.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

ACCOUNTS = "ssb_11713"
FIRST_YEAR, LAST_YEAR = 2008, 2019
#: Reference regions that are not a county (parameter value -> label in the report).
COUNTIES_TOTAL, WHOLE_COUNTRY = "fylkene", "landet"
REFERENCE_LABELS = {COUNTIES_TOTAL: "fylkene samlet (uten sokkelen)",
                    WHOLE_COUNTRY: "hele landet (med sokkelen)"}
VIKEN = "Viken"
VIKEN_PARTS: tuple[str, ...] = ("Østfold", "Akershus", "Buskerud")
#: Measures of the accounts used here (code -> Norwegian label with unit).
VALUE_ADDED, EMPLOYED, LABOUR_COSTS, VOLUME = (
    "bruttoprodukt", "sysselsatte", "lonnskostnader", "volumendring")
MEASURE_LABELS = {VALUE_ADDED: "verdiskaping (bruttoprodukt, mill. kr)",
                  EMPLOYED: "sysselsatte (1000 personer)",
                  LABOUR_COSTS: "lønnskostnader (mill. kr)"}
TOTAL = "Totalt for næringer"
#: Aggregates in the accounts that overlap the finest groups (left out of the partition).
AGGREGATES = {TOTAL, "Fastlands-Norge", "Offentlig forvaltning", "Statsforvaltning",
              "Kommuneforvaltning", "Industri", "Utvinning av råolje og naturgass, inkl. tjenester"}
MANUFACTURING = "Industri"


class AccountsError(ValueError):
    """A county, reference or year the accounts do not have; the message lists what they have."""


def county_name(label: str) -> str:
    """ "06 Buskerud (-2019)" / "Buskerud (-2019)" -> "Buskerud"; "Troms - Romsa (-2019)" ->
    "Troms"; "Sør-Trøndelag (-2017)" -> "Trøndelag" (one county here)."""
    text = re.sub(r"^\d+\s+", "", str(label))
    text = re.sub(r"\s*\(-\d{4}\)\s*$", "", text)
    text = text.split(" - ")[0].strip()
    return "Trøndelag" if text.endswith("Trøndelag") else text


def _raw() -> pd.DataFrame:
    from helpers.core.statistics import load_statistic

    return load_statistic(ACCOUNTS)


@lru_cache(maxsize=1)
def _tidy() -> pd.DataFrame:
    raw = _raw()
    frame = raw[raw["measure"].isin([VALUE_ADDED, EMPLOYED, LABOUR_COSTS, VOLUME])].copy()
    whole = frame["region"].astype(str).str.lstrip("0") == ""
    frame["name"] = _county_names(frame["region_label"])
    frame.loc[whole, "name"] = WHOLE_COUNTRY
    # the export wrote 0 for Trøndelag's parts after 2017 and for the merged county before
    # 2018: a county with no value added in a year did not exist that year
    va = frame[frame["measure"] == VALUE_ADDED].set_index(["region", "year", "industry"])["value"]
    tot = va.xs(TOTAL, level="industry")
    absent = {k for k, v in tot.items() if not v > 0}
    keys = list(zip(frame["region"], frame["year"], strict=True))
    frame = frame[[k not in absent for k in keys]]
    out = frame[["name", "industry", "year", "measure", "value"]].rename(
        columns={"name": "region"})
    # Trøndelag's volume change 2009-2017 is that of its two parts, weighted
    return _combine_volume(out)


def _combine_volume(frame: pd.DataFrame) -> pd.DataFrame:
    levels = frame[frame["measure"] != VOLUME].groupby(
        ["region", "industry", "year", "measure"], as_index=False)["value"].sum(min_count=1)
    vol = frame[frame["measure"] == VOLUME]
    dup = vol.duplicated(["region", "industry", "year"], keep=False)
    if not dup.any():
        return pd.concat([levels, vol], ignore_index=True)
    # weights: previous year's value added in current prices of each part (same region name)
    raw = _raw()
    parts = raw[raw["measure"].isin([VALUE_ADDED, VOLUME])].copy()
    parts["name"] = _county_names(parts["region_label"])
    multi = parts[parts["name"].isin(vol.loc[dup, "region"].unique())]
    combined = []
    for name, sub in multi.groupby("name"):
        by_part = {r: _part_series(p) for r, p in sub.groupby("region")}
        both = _weighted_volume(name, list(by_part.values()))
        years = vol.loc[dup & (vol["region"] == name), "year"].unique()
        combined.append(both[both["year"].isin(years)])
    single = vol[~dup]
    return pd.concat([levels, single, *combined], ignore_index=True)


def _part_series(part: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    va = part[part["measure"] == VALUE_ADDED].pivot(index="year", columns="industry",
                                                    values="value")
    vol = part[part["measure"] == VOLUME].pivot(index="year", columns="industry", values="value")
    return va.where(va > 0), vol


def _weighted_volume(name: str, parts: list[tuple[pd.DataFrame, pd.DataFrame]]) -> pd.DataFrame:
    """Volume change (%) of a sum of regions: sum of last year's value added times each part's
    volume factor, over the sum of last year's value added."""
    num = den = None
    for va, vol in parts:
        prev = va.shift(1)
        factor = 1 + vol.reindex_like(prev) / 100
        use = prev.notna() & factor.notna()
        n, d = (prev * factor).where(use, 0.0), prev.where(use, 0.0)
        num = n if num is None else num.add(n, fill_value=0)
        den = d if den is None else den.add(d, fill_value=0)
    change = ((num / den.where(den > 0)) - 1) * 100
    long = change.stack().rename("value").reset_index()
    long["region"], long["measure"] = name, VOLUME
    return long[["region", "industry", "year", "measure", "value"]]


def _county_names(labels: pd.Series) -> pd.Series:
    """``county_name`` of every label, worked out once per distinct label (the accounts repeat
    each of their few dozen labels for every industry, year and measure)."""
    return labels.map({label: county_name(label) for label in labels.unique()})


def counties() -> list[str]:
    """The counties of the accounts, in SSB's order (Trøndelag as one)."""
    return list(_counties())


@lru_cache(maxsize=1)
def _counties() -> tuple[str, ...]:
    names = _county_names(_raw()["region_label"].drop_duplicates()).drop_duplicates()
    present = set(_tidy()["region"])
    return tuple(n for n in names if n in present)


def industries(manufacturing_subgroups: bool = True) -> list[str]:
    """The finest industry groups that add up to the total (35: 11 of them manufacturing and 2
    oil and gas), in SSB's order; without subgroups, manufacturing is one group (25)."""
    raw = _raw()
    order = raw.drop_duplicates("industry")
    if manufacturing_subgroups:
        return [i for i in order["industry"] if i not in AGGREGATES]
    keep = order[~order["parent_industry"].isin(["Industri"])]
    return [i for i in keep["industry"] if i not in AGGREGATES - {MANUFACTURING}]


def manufacturing_groups() -> list[str]:
    raw = _raw()
    return raw.loc[raw["manufacturing_subgroup"], "industry"].drop_duplicates().tolist()


def members(region: str) -> tuple[str, ...]:
    """The counties a region sums: one county, Viken's three, or every county."""
    if region == VIKEN:
        return VIKEN_PARTS
    if region == COUNTIES_TOTAL:
        return tuple(counties())
    if region == WHOLE_COUNTRY or region in counties():
        return (region,)
    raise AccountsError(
        f"region {region!r} is not in SSB table 11713; valid: {', '.join(counties())}, "
        f"{VIKEN}, {COUNTIES_TOTAL}, {WHOLE_COUNTRY}")


def region_label(region: str) -> str:
    if region == VIKEN:
        return "Viken (Østfold, Akershus og Buskerud)"
    return REFERENCE_LABELS.get(region, region)


@lru_cache(maxsize=64)
def levels(region: str, measure: str) -> pd.DataFrame:
    """Year × industry table of a level measure (value added, employed, labour costs) for a
    region, summed over its counties (NaN where a part has no value)."""
    if measure not in MEASURE_LABELS:
        raise AccountsError(f"measure {measure!r} is not a level; use one of "
                            f"{', '.join(MEASURE_LABELS)}")
    tidy = _tidy()
    sel = tidy[tidy["region"].isin(members(region)) & (tidy["measure"] == measure)]
    table = sel.pivot_table(index="year", columns="industry", values="value", aggfunc="sum",
                            min_count=1)
    return table.reindex(columns=_raw()["industry"].drop_duplicates().tolist())


@lru_cache(maxsize=64)
def volume_change(region: str) -> pd.DataFrame:
    """Year × industry annual volume change of value added (%) for a region; a sum of counties
    gets the value-added-weighted change of its parts."""
    parts = members(region)
    tidy = _tidy()
    vol = tidy[tidy["measure"] == VOLUME]
    if len(parts) == 1:
        return vol[vol["region"] == parts[0]].pivot(index="year", columns="industry",
                                                    values="value")
    pairs = [(levels(p, VALUE_ADDED).where(lambda t: t > 0),
              vol[vol["region"] == p].pivot(index="year", columns="industry", values="value"))
             for p in parts]
    wide = _weighted_volume(region, pairs)
    return wide.pivot(index="year", columns="industry", values="value")


def real_index(region: str, base: int = FIRST_YEAR) -> pd.DataFrame:
    """Year × industry volume index of value added (base year = 100), chained from the annual
    volume changes."""
    vol = volume_change(region).sort_index()
    factor = 1 + vol[vol.index >= base] / 100
    factor.loc[base] = 1.0
    return factor.cumprod() * 100


def check_year(year: int, what: str = "year") -> None:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise AccountsError(f"{what} {year} is outside SSB table 11713 as read here "
                            f"({FIRST_YEAR}–{LAST_YEAR})")
