"""Section 3: country shares of supply (USGS, EU 2023) and their concentration."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers.core import countries
from helpers.core.formatting import fmt_number, nobreak
from helpers.methods import concentration
from helpers.sources import external

from .catalogue import label, material_keys


def usgs_shares(selected: Iterable[str], stage: str, year: int) -> pd.DataFrame:
    """Country shares of world production from USGS MCS 2025 for the materials' stage.

    Rows of the same country whose TYPE starts with the key's prefix are summed (e.g. ilmenite
    and rutile). Shares are of the world total; when the listed rows sum to more than the
    rounded world total, of their sum. Withheld countries (W) get no share.
    """
    usgs = external.load("usgs_mcs2025_world")
    prod = usgs[(usgs["measure"] == "production") & (usgs["year"] == year)]
    frames = []
    for key in material_keys(selected, stage).itertuples(index=False):
        if not key.usgs_commodity:
            continue
        rows = prod[(prod["commodity"] == key.usgs_commodity)
                    & prod["type"].str.startswith(key.usgs_type)]
        world_rows = rows[rows["country"] == key.usgs_world_label]
        world = world_rows["value"].sum() if len(world_rows) else math.nan
        listed = rows[rows["row_kind"].isin(["country", "other"])]
        by = listed.groupby(["country", "row_kind"], sort=False).agg(
            iso3=("iso3", "first"), value=("value", lambda v: v.sum(min_count=1)),
            status=("status", lambda s: ";".join(sorted({x for x in s if x}))),
            unit=("unit", "first"),
        ).reset_index()
        denominator = max(world, by["value"].sum()) if not math.isnan(world) else math.nan
        by["share"] = by["value"] / denominator
        by["material"], by["stage"], by["source"] = key.material, stage, "USGS"
        by["world_total"] = world
        by["note"] = key.note or ""
        frames.append(by)
    cols = ["material", "stage", "country", "iso3", "row_kind", "value", "unit", "status",
            "share", "world_total", "source", "note"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def eu_shares(selected: Iterable[str], stage: str, table: str = "global") -> pd.DataFrame:
    """Country shares from the EU 2023 study (``table`` 'global' or 'eu') for the stage."""
    name = "eu_crm_2023_global_shares" if table == "global" else "eu_crm_2023_eu_shares"
    shares = external.load(name)
    frames = []
    for key in material_keys(selected, stage).itertuples(index=False):
        if not key.eu_supply_material:
            continue
        # several names: the first the file has for this stage (the two EU files name
        # titanium extraction differently: "Titanium" and "Titanium ores")
        part = pd.DataFrame()
        for name in str(key.eu_supply_material).split(";"):
            part = shares[(shares["material"] == name.strip()) & (shares["stage"] == stage)]
            if not part.empty:
                break
        part = part.copy()
        if part.empty:
            continue
        part["eu_name"] = part["material"]
        part["material"], part["row_kind"] = key.material, "country"
        part["source"] = "EU 2023" if table == "global" else "EU 2023 (EU-forsyning)"
        part["status"] = part["share_status"]
        part["note"] = key.note or ""
        frames.append(part)
    cols = ["material", "stage", "country", "iso3", "row_kind", "share", "share_upper",
            "status", "t", "source", "note", "eu_name"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def supply_shares(selected: Iterable[str], stage: str, year: int) -> pd.DataFrame:
    """USGS shares where USGS covers the material and stage; the EU 2023 global shares else."""
    selected = list(selected)
    usgs = usgs_shares(selected, stage, year) if external.available("usgs_mcs2025_world") \
        else pd.DataFrame(columns=["material"])
    rest = [m for m in selected if m not in set(usgs["material"])]
    eu = eu_shares(rest, stage) if rest and external.available("eu_crm_2023_global_shares") \
        else pd.DataFrame()
    return pd.concat([usgs, eu], ignore_index=True)


def _country_shares(part: pd.DataFrame) -> pd.Series:
    """Shares by ISO3 code. Published shares are rounded, so listed shares can sum to a little
    more than 1; they are then rescaled to sum to 1."""
    rows = part[(part["row_kind"] == "country") & part["share"].notna()]
    s = rows.groupby("iso3")["share"].sum()
    total = s.sum() + part.loc[part["row_kind"] == "other", "share"].sum()
    return s / total if total > 1 else s


def concentration_table(shares: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Per material: largest supplier and share, the next two, HHI, threshold flag, notes.

    HHI is over the countries listed; "other countries" (USGS) and shares below 0.1 % (EU) are
    left out, so it is a lower bound (the excluded shares are spread over many countries).
    """
    rows = []
    for (material, stage), part in shares.groupby(["material", "stage"], sort=False):
        s = _country_shares(part)
        if s.empty:
            continue
        ordered = s.sort_values(ascending=False)
        names = _source_names(part)
        top_code, top = ordered.index[0], float(ordered.iloc[0])
        others = part.loc[part["row_kind"] == "other", "share"].sum()
        w_rows = part[part["status"].fillna("").str.contains("W")]
        withheld = [_display_country(c, i) for c, i in zip(w_rows["country"], w_rows["iso3"],
                                                           strict=True)]
        notes = []
        if others > 0:
            notes.append(nobreak(f"andre {fmt_number(others, 1, percent=True)}"))
        if withheld:
            notes.append("holdt tilbake: " + ", ".join(withheld))
        rows.append({
            "material": material,
            "stage": stage,
            "source": part["source"].iloc[0],
            "top_country": names.get(top_code, top_code),
            "top_iso3": top_code,
            "top_share": top,
            "second": _nth(ordered, 1, names),
            "third": _nth(ordered, 2, names),
            "hhi": concentration.hhi(s),
            "above_threshold": top > threshold,
            "notes": "; ".join(notes),
        })
    return pd.DataFrame(rows)


def coverage_notes(selected: Sequence[str], stage: str) -> pd.DataFrame:
    """What the supply data cover for each selected material and stage where that is not the
    material itself (proxies, withheld totals): ``note_no`` of ``value_chains_material_keys``."""
    keys = material_keys(selected, stage)
    keys = keys[keys["note_no"].fillna("") != ""]
    return pd.DataFrame({"materiale": keys["material"].map(label),
                         "hva dataene dekker": keys["note_no"]}).reset_index(drop=True)


def _source_names(part: pd.DataFrame) -> dict[str, str]:
    """ISO3 → the country's Norwegian display name (``country_codes.name_nb``), or its name as
    the source spells it where the code is unknown."""
    named = part.dropna(subset=["iso3"])
    return {code: countries.country_name_nb(code) or name
            for code, name in zip(named["iso3"], named["country"], strict=True)}


def _display_country(name: str, iso3: Any) -> str:
    """Norwegian display name for a row of a supply table (the source's spelling if unknown)."""
    code = iso3 if isinstance(iso3, str) and iso3 else countries.country_code(name)
    return (countries.country_name_nb(code) if code else None) or name


def _nth(ordered: pd.Series, i: int, names: dict[str, str]) -> str:
    if len(ordered) <= i:
        return "–"
    code = ordered.index[i]
    return nobreak(f"{names.get(code, code)} {fmt_number(ordered.iloc[i], 0, percent=True)}")


def concentration_display(conc: pd.DataFrame) -> pd.DataFrame:
    # the largest country and its share in one column keeps the table at 8 columns, so the
    # PDF prints it at normal size (more columns get the small "wide" layout)
    return pd.DataFrame({
        "materiale": conc["material"].map(label),
        "kilde": conc["source"].map(nobreak),
        "største land": [nobreak(f"{c} {fmt_number(v, 0, percent=True)}")
                         for c, v in zip(conc["top_country"], conc["top_share"], strict=True)],
        "nr. 2": conc["second"],
        "nr. 3": conc["third"],
        "HHI": conc["hhi"].map(lambda v: fmt_number(v, 2)),
        "terskel": conc["above_threshold"].map({True: "over", False: "under"}),
        "merknad": conc["notes"].replace("", "–"),
    })
