"""Borders: the county accounts 2008-2019 use the counties before 2020. From KLASS (the border
table of ``helpers.core.regions``), which 2019 municipalities moved between a county of the
accounts and today's county, and which names of the accounts KLASS knows as counties."""

from __future__ import annotations

import pandas as pd

from . import accounts as acc

#: Date on which the accounts' county borders held (the last day before the 2020 reform).
ACCOUNTS_BORDERS = pd.Timestamp("2019-12-31")


def klass_county_names() -> set[str]:
    """County names KLASS has as valid on 31 December 2019 (before the 2020 reform)."""
    from helpers.core.statistics import load_statistic

    hist = load_statistic("klass_regions_history")
    counties = hist[hist["level"] == "county"]
    valid = counties[(counties["valid_from"] <= ACCOUNTS_BORDERS)
                     & (counties["valid_to"].isna() | (counties["valid_to"] > ACCOUNTS_BORDERS))]
    return {acc.county_name(str(n).strip()) for n in valid["label"]}


def moves(county: str) -> pd.DataFrame:
    """2019 municipalities that left the county (or Viken as a whole) or came into its 2024
    successor, from the KLASS border table of counties 31-33 (Østfold, Akershus, Buskerud).

    Columns: retning ("ut"/"inn"), kommune 2019, fylke 2019, kommune 2024, fylke 2024. Moves that
    do not touch counties 31-33 are not in the border table (see ``covers``)."""
    from helpers.core import regions

    table = regions.border_table()
    table = table.assign(old=table["county_2019_name"].map(acc.county_name),
                         new=table["county_2024_name"].map(acc.county_name))
    parts = set(acc.members(county)) if county != acc.WHOLE_COUNTRY else set()
    moved = table[table["old"] != table["new"]]
    out_rows = moved[moved["old"].isin(parts) & ~moved["new"].isin(parts)].assign(retning="ut")
    in_rows = moved[moved["new"].isin(parts) & ~moved["old"].isin(parts)].assign(retning="inn")
    frame = pd.concat([out_rows, in_rows])
    return frame.rename(columns={
        "municipality_2019_name": "kommune 2019", "old": "fylke 2019",
        "municipality_2024_name": "kommune 2024", "new": "fylke 2024",
    })[["retning", "kommune 2019", "fylke 2019", "kommune 2024", "fylke 2024"]].reset_index(
        drop=True)


def covers(county: str) -> bool:
    """Whether the border table covers every move of the county: true for Østfold, Akershus,
    Buskerud and Viken, whose successors are counties 31-33."""
    return set(acc.members(county)) <= set(acc.VIKEN_PARTS)
