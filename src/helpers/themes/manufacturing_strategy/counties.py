"""Manufacturing employment by county from SSB's county accounts (11713): the county reader's
numbers beside the recommendations that fall to the counties."""

from __future__ import annotations

import pandas as pd

from helpers.core.formatting import fmt_number
from helpers.themes.manufacturing_strategy.indicators import load_table

DATASET = "ssb_11713"
TRONDELAG = "Trøndelag"
#: Trøndelag before its merger in 2018: the sum of these two counties (our reconstruction).
TRONDELAG_PARTS = ("Sør-Trøndelag", "Nord-Trøndelag")


def _county_name(label: str) -> str:
    """'Østfold (-2019)' → 'Østfold'; 'Troms - Romsa (-2019)' → 'Troms'."""
    return label.split(" (")[0].split(" - ")[0].strip()


def county_employment_series(frame: pd.DataFrame) -> pd.DataFrame:
    """Employed persons in manufacturing (thousands) by county (columns) and year (rows),
    counties as before 2020; Trøndelag before 2018 as the sum of its two former counties.

    The recorded export has 0 where SSB has no figure (a county before it existed or after it
    was merged): 0 is read as not available, never as no employment.
    """
    sel = frame[(frame["measure"] == "sysselsatte") & (frame["industry_label"] == "Industri")
                & (frame["region"] != "0")]
    sel = sel.assign(county=sel["region_label"].map(_county_name),
                     value=sel["value"].where(sel["value"] > 0))
    wide = sel.pivot_table(index="year", columns="county", values="value", aggfunc="first")
    parts = [c for c in TRONDELAG_PARTS if c in wide.columns]
    if TRONDELAG in wide.columns and len(parts) == len(TRONDELAG_PARTS):
        merged = wide[list(parts)].sum(axis=1, min_count=len(parts))
        wide[TRONDELAG] = wide[TRONDELAG].fillna(merged)
        wide = wide.drop(columns=parts)
    return wide.sort_index()


def county_employment(period: tuple[int, int]) -> tuple[pd.DataFrame, tuple[int, int]] | None:
    """Employment in manufacturing per county in the first and last year of ``period`` that
    the table holds, with the change; None when the table is missing or holds no such years.
    Returns the table and the years used."""
    frame = load_table(DATASET)
    if frame is None:
        return None
    wide = county_employment_series(frame)
    years = [y for y in wide.index if period[0] <= y <= period[1]]
    if len(years) < 2:
        return None
    first, last = years[0], years[-1]
    table = pd.DataFrame({
        "fylke": wide.columns,
        f"sysselsatte {first} (1 000)": wide.loc[first].to_numpy(),
        f"sysselsatte {last} (1 000)": wide.loc[last].to_numpy(),
    })
    table["endring (%)"] = 100.0 * (table.iloc[:, 2] / table.iloc[:, 1] - 1)
    table = table.sort_values(table.columns[2], ascending=False, kind="stable")
    return table.reset_index(drop=True), (first, last)


def county_text(table: pd.DataFrame, years: tuple[int, int]) -> str:
    """One sentence: how many counties lost manufacturing jobs between the two years."""
    change = table["endring (%)"]
    return (f"Fra {years[0]} til {years[1]} gikk sysselsettingen i industrien ned i "
            f"{int((change < 0).sum())} av {len(table)} fylker; størst nedgang hadde "
            f"{table.loc[change.idxmin(), 'fylke']} ({fmt_number(change.min(), 1)} prosent).")
