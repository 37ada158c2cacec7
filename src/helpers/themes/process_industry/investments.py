"""Section 3: the document's investment table (three-year averages), its totals and growth."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.methods import growth

from .common import INVESTMENTS, PERCENT, ProcessIndustryError, branch_rows, stated_value

# --------------------------------------------------------------------------- investments


def investments() -> pd.DataFrame:
    return data.load(INVESTMENTS)


def investment_table(df: pd.DataFrame | None = None, branch: str = "alle") -> pd.DataFrame:
    """Wide table: one row per printed row (parts marked 'herav'), one column per period,
    plus the total of the top-level groups computed from the rows (parts not counted twice)
    and the SUM row as printed. Values in million NOK per year."""
    df = investments() if df is None else df
    keep = branch_rows(branch, INVESTMENTS)
    periods = list(dict.fromkeys(df["period"]))
    rows = df[df["row_role"] != "printed_total"]
    if keep is not None:
        rows = rows[rows["industry"].isin(keep)]
    order = list(dict.fromkeys(rows["industry"]))
    wide = rows.pivot(index="industry", columns="period", values="value").loc[order, periods]
    roles = rows.drop_duplicates("industry").set_index("industry")["row_role"]
    wide.index = [f"– herav {i}" if roles[i] == "part" else i for i in wide.index]
    totals = investment_totals(df)
    if keep is None:
        wide.loc["Sum hovedgrupper (beregnet)"] = totals["groups_only"].to_numpy()
        wide.loc["SUM som trykt"] = totals["printed"].to_numpy()
    wide.index.name = "næringsgruppe"
    wide.columns.name = None
    return wide.reset_index()


def investment_totals(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per period: sum of the top-level groups, sum of every row (parts counted again), the
    printed SUM and its difference from both. Shows which rule the printed SUM follows."""
    df = investments() if df is None else df
    out = []
    for period, g in df.groupby("period", sort=False):
        groups = checks.total(g.loc[g["row_role"] == "group", "value"])
        every = checks.total(g.loc[g["row_role"].isin(["group", "part"]), "value"])
        printed_rows = g.loc[g["row_role"] == "printed_total", "value"]
        printed = float(printed_rows.iloc[0]) if len(printed_rows) else math.nan
        out.append(
            {
                "period": period,
                "groups_only": groups,
                "all_rows": every,
                "printed": printed,
                "printed_minus_groups": printed - groups,
                "printed_minus_all_rows": printed - every,
            }
        )
    return pd.DataFrame(out).set_index("period")


def investment_growth(df: pd.DataFrame | None = None, branch: str = "alle") -> pd.DataFrame:
    """Growth per row between consecutive periods (percent), and from the first to the last
    period as total change and as an annual rate between the periods' middle years."""
    df = investments() if df is None else df
    rows = df[df["row_role"] != "printed_total"].copy()
    keep = branch_rows(branch, INVESTMENTS)
    if keep is not None:
        rows = rows[rows["industry"].isin(keep)]
    records = []
    for industry, g in rows.groupby("industry", sort=False):
        g = g.sort_values("period_start")
        rec: dict[str, Any] = {"næringsgruppe": industry}
        values = g["value"].astype(float).tolist()
        periods = g["period"].tolist()
        for i in range(1, len(values)):
            rec[f"{periods[i - 1]} → {periods[i]}"] = PERCENT * growth.growth(values[i - 1],
                                                                               values[i])
        first, last = g.iloc[0], g.iloc[-1]
        years = _mid(last) - _mid(first)
        rec["hele perioden"] = PERCENT * growth.growth(values[0], values[-1])
        rec["årlig rate"] = PERCENT * growth.cagr(values[0], values[-1], years)
        records.append(rec)
    return pd.DataFrame(records)


def _mid(row: pd.Series) -> float:
    return (float(row["period_start"]) + float(row["period_end"])) / 2


def ten_year_average(df: pd.DataFrame, industry: str, last_year: int, years: int) -> float:
    """Approximate average annual value over the ``years`` years up to ``last_year`` from
    three-year averages: each year takes the average of the period that contains it.
    A reconstruction (the table has no single years)."""
    rows = df[(df["industry"] == industry) & (df["row_role"] != "printed_total")]
    values = []
    for year in range(last_year - years + 1, last_year + 1):
        hit = rows[(rows["period_start"] <= year) & (rows["period_end"] >= year)]
        if hit.empty:
            raise ProcessIndustryError(f"{INVESTMENTS}: no period covers the year {year}")
        values.append(float(hit["value"].iloc[0]))
    return sum(values) / len(values)


ID_TEN_YEARS = "003-0402-b"
ID_TEN_YEAR_AVERAGE = "003-0404-a"
REFINING_CHEMICALS = "Oljeraff., kjemisk farmas. industri (i alt)"


def document_ten_year_average(df: pd.DataFrame | None = None) -> tuple[float, int, int]:
    """The reconstruction behind the document's ten-year average for refining, chemicals and
    pharmaceuticals (line 404): (average in million NOK, first year, last year), the window
    being the stated number of years up to the table's last year."""
    df = investments() if df is None else df
    years = int(stated_value(ID_TEN_YEARS))
    last = int(df["period_end"].max())
    return ten_year_average(df, REFINING_CHEMICALS, last, years), last - years + 1, last


