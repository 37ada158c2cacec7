"""Municipality and county codes from KLASS: the 2024 municipalities and the county borders.

- ``municipalities_2024``: the municipalities of counties 31 Østfold, 32 Akershus and
  33 Buskerud with their 2024 code and the Viken (2020–2023) code they replaced.
- ``border_table``: which municipalities of 2019 (before the 2020 reform) make up each 2024
  county, and which of them came from another county, so a report on the 2008–2019 county
  accounts (SSB table 11713) can say exactly how the old county differs from the new one.

Everything is derived from the recorded KLASS files (``klass_municipalities``,
``klass_regions_history``, ``klass_region_transitions``) and checked against the history's
validity dates. Those files link old to new codes only where a name stayed; the 2020 mergers
they do not link come from the dataset ``municipality_changes_2020``, whose every code and
name is checked against the history here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from helpers.core import data
from helpers.core.statistics import load_statistic

COUNTIES_2024 = ("31", "32", "33")
VIKEN = "30"
BEFORE_2020 = pd.Timestamp("2019-12-31")
REFORM_2020 = pd.Timestamp("2020-01-01")
REFORM_2024 = pd.Timestamp("2024-01-01")
CHANGES_2020 = "municipality_changes_2020"


class RegionsError(ValueError):
    """The KLASS files disagree with each other or with the expected reform."""


def _base(name: str) -> str:
    """A KLASS name without its disambiguating qualifier: "Våler (Østfold)" → "Våler"."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(name)).strip()


def _valid_on(frame: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    return frame[(frame["valid_from"] <= day) & (frame["valid_to"].isna()
                                                 | (frame["valid_to"] > day))]


def _history(level: str) -> pd.DataFrame:
    hist = load_statistic("klass_regions_history")
    out = hist[hist["level"] == level].copy()
    out["base"] = out["label"].map(_base)
    return out


def municipalities_2024(counties: Sequence[str] = COUNTIES_2024) -> pd.DataFrame:
    """The municipalities of ``counties`` valid on 1 January 2024, from KLASS.

    Columns: ``county_code``, ``county_name``, ``municipality_code``, ``municipality_name``,
    ``previous_code`` and ``previous_name`` (the Viken municipality, valid 2020–2023, whose
    code the 2024 code replaced; matched by name in the KLASS history and cross-checked with
    the transitions file). Raises ``RegionsError`` when a code is not valid on 2024-01-01 in
    the history or when the files disagree.
    """
    now = load_statistic("klass_municipalities")
    now = now[now["county"].isin(list(counties))]
    hist = _history("municipality")
    valid_2024 = _valid_on(hist, REFORM_2024).set_index("code")
    viken = _valid_on(hist, REFORM_2020)
    viken = viken[viken["code"].str[:2] == VIKEN]
    viken = viken[viken["valid_to"] == REFORM_2024]
    edges = load_statistic("klass_region_transitions")
    edges = edges[(edges["level"] == "municipality") & (edges["change_type"] == "renumbered")]
    edge_from = dict(zip(edges["to_code"], edges["from_code"], strict=False))
    rows = []
    for rec in now.itertuples(index=False):
        code = rec.municipality
        if code not in valid_2024.index or valid_2024.loc[code, "label"] != rec.municipality_label:
            raise RegionsError(
                f"KLASS: municipality {code} {rec.municipality_label} is not valid on "
                f"{REFORM_2024.date()} under that name in the history file"
            )
        match = viken[viken["base"] == _base(rec.municipality_label)]
        if len(match) != 1:
            raise RegionsError(
                f"KLASS: {code} {rec.municipality_label} matches {len(match)} Viken "
                f"municipalities by name ({', '.join(match['code']) or 'none'})"
            )
        previous = match.iloc[0]
        if code in edge_from and edge_from[code] != previous["code"]:
            raise RegionsError(
                f"KLASS: {code} replaced {previous['code']} by name in the history, but the "
                f"transitions file says {edge_from[code]}"
            )
        rows.append({
            "county_code": rec.county, "county_name": rec.county_label,
            "municipality_code": code, "municipality_name": rec.municipality_label,
            "previous_code": previous["code"], "previous_name": previous["label"],
        })
    out = pd.DataFrame(rows, columns=["county_code", "county_name", "municipality_code",
                                      "municipality_name", "previous_code", "previous_name"])
    return out.sort_values(["county_code", "municipality_code"]).reset_index(drop=True)


def _links_2020() -> pd.DataFrame:
    """Municipality valid on 2019-12-31 → Viken municipality valid from 2020-01-01.

    From the 2020 changes dataset where it has the old code, else by the same name (a name
    shared by several old municipalities goes to the one in a county that became Viken).
    Every code and name is checked against the KLASS history.
    """
    hist = _history("municipality")
    old = _valid_on(hist, BEFORE_2020)
    new = _valid_on(hist, REFORM_2020)
    new = new[new["code"].str[:2] == VIKEN]
    changes = data.load(CHANGES_2020)
    old_names = dict(zip(old["code"], old["base"], strict=True))
    new_names = dict(zip(new["code"], new["base"], strict=True))
    for rec in changes.itertuples(index=False):
        if old_names.get(rec.old_code) != rec.old_name:
            raise RegionsError(
                f"{CHANGES_2020}: {rec.old_code} {rec.old_name} is not a municipality valid on "
                f"{BEFORE_2020.date()} in the KLASS history "
                f"(history: {old_names.get(rec.old_code, 'no such code')})"
            )
        if new_names.get(rec.new_code) != rec.new_name:
            raise RegionsError(
                f"{CHANGES_2020}: {rec.new_code} {rec.new_name} is not a Viken municipality "
                f"valid on {REFORM_2020.date()} in the KLASS history"
            )
    viken_parts = _viken_parts()
    links = dict(zip(changes["old_code"], changes["new_code"], strict=True))
    basis = dict.fromkeys(links, "endringsliste 2020")
    targets = set(links.values())
    for rec in new.itertuples(index=False):
        cands = old[(old["base"] == rec.base) & ~old["code"].isin(list(links))]
        if len(cands) > 1:
            cands = cands[cands["county"].isin(viken_parts)]
        if len(cands) > 1:
            raise RegionsError(
                f"KLASS: Viken municipality {rec.code} {rec.label} has several predecessors "
                f"by name ({', '.join(cands['code'])}); list the right one in {CHANGES_2020}"
            )
        if len(cands) == 1:
            links[cands.iloc[0]["code"]] = rec.code
            basis[cands.iloc[0]["code"]] = "samme navn"
        elif rec.code not in targets:
            raise RegionsError(
                f"KLASS: Viken municipality {rec.code} {rec.label} has no predecessor by name "
                f"and none in {CHANGES_2020}"
            )
    out = old[old["code"].isin(list(links))][["code", "label", "county"]]
    out = out.rename(columns={"code": "municipality_2019", "label": "municipality_2019_name",
                              "county": "county_2019"})
    # the county's name valid on 2019-12-31 (a municipality record's own county_label is the
    # name when the record began: "Akershus amt" for Bærum, valid since 1838)
    out["county_2019_name"] = out["county_2019"].map(_county_names(BEFORE_2020))
    out["municipality_2020"] = out["municipality_2019"].map(links)
    out["basis"] = out["municipality_2019"].map(basis)
    unlinked = old[old["county"].isin(viken_parts) & ~old["code"].isin(list(links))]
    if len(unlinked):
        raise RegionsError(
            "KLASS: municipalities of the counties that became Viken without a successor: "
            + ", ".join(f"{c} {n}" for c, n in zip(unlinked["code"], unlinked["label"],
                                                   strict=True))
        )
    return out.reset_index(drop=True)


def _county_names(day: pd.Timestamp) -> dict[str, str]:
    """County code → the county's KLASS name valid on ``day``."""
    valid = _valid_on(_history("county"), day)
    if not valid["code"].is_unique:
        raise RegionsError(f"KLASS: several county names valid on {day.date()}")
    return dict(zip(valid["code"], valid["label"], strict=True))


def _viken_parts() -> list[str]:
    """Old counties that became Viken (2020), from the KLASS transitions, checked against the
    history: each ended on 2020-01-01."""
    edges = load_statistic("klass_region_transitions")
    edges = edges[(edges["level"] == "county") & edges["to_code"].isin(COUNTIES_2024)
                  & (edges["from_code"] < VIKEN)]
    counties = _history("county")
    ended = set(counties.loc[counties["valid_to"] == REFORM_2020, "code"])
    parts = sorted(set(edges["from_code"]) & ended)
    if len(parts) != 3:
        raise RegionsError(f"KLASS: expected three old counties behind 31-33, found {parts}")
    return parts


def border_table(counties: Sequence[str] = COUNTIES_2024) -> pd.DataFrame:
    """Which 2019 municipalities make up each 2024 county.

    One row per municipality valid on 2019-12-31 whose area lies in one of ``counties`` in
    2024. Columns: ``county_2024``, ``county_2024_name``, ``municipality_2024``,
    ``municipality_2024_name``, ``municipality_2019``, ``municipality_2019_name``,
    ``county_2019``, ``county_2019_name``, ``moved`` (the 2019 county is not the one the 2024
    county continues, e.g. Røyken: Buskerud → Akershus), ``basis`` ("samme navn" or
    "endringsliste 2020"). Borders are at municipality level (KLASS), not parts of one.
    """
    munis = municipalities_2024(counties)
    links = _links_2020()
    table = links.merge(munis, left_on="municipality_2020", right_on="previous_code",
                        how="inner")
    home = _home_counties()
    table["moved"] = table["county_2019"] != table["county_code"].map(home)
    out = table.rename(columns={
        "county_code": "county_2024", "county_name": "county_2024_name",
        "municipality_code": "municipality_2024", "municipality_name": "municipality_2024_name",
    })[["county_2024", "county_2024_name", "municipality_2024", "municipality_2024_name",
        "municipality_2019", "municipality_2019_name", "county_2019", "county_2019_name",
        "moved", "basis"]]
    return out.sort_values(["county_2024", "municipality_2024", "municipality_2019"]
                           ).reset_index(drop=True)


def _home_counties() -> dict[str, str]:
    """2024 county → the pre-2020 county it continues (31 → 01 …), from the transitions."""
    edges = load_statistic("klass_region_transitions")
    edges = edges[(edges["level"] == "county") & edges["to_code"].isin(COUNTIES_2024)
                  & (edges["from_code"] < VIKEN) & (edges["change_type"] == "renumbered")]
    home = dict(zip(edges["to_code"], edges["from_code"], strict=False))
    consistent = edges.groupby("to_code")["from_code"].nunique().le(1).all()
    if not consistent or sorted(home) != list(COUNTIES_2024):
        raise RegionsError(f"KLASS: cannot tell which old county each of 31-33 continues: {home}")
    return home


def border_changes(county: str) -> pd.DataFrame:
    """The 2019 municipalities that came into ``county`` (code "31"–"33") from another county,
    and those of its 2019 county that went elsewhere. Columns: ``direction`` ("inn"/"ut"),
    ``municipality_2019_name``, ``county_2019_name``, ``municipality_2024_name``,
    ``county_2024_name``."""
    table = border_table()
    home = _home_counties()[county]
    came = table[(table["county_2024"] == county) & table["moved"]].assign(direction="inn")
    left = table[(table["county_2019"] == home) & (table["county_2024"] != county)]
    cols = ["direction", "municipality_2019_name", "county_2019_name", "municipality_2024_name",
            "county_2024_name"]
    return pd.concat([came, left.assign(direction="ut")])[cols].reset_index(drop=True)
