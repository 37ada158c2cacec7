"""SSB series beyond emissions, narrowed to a branch: energy use (table 11558), exports by SITC
group (08818), producer prices (12462) and the index of production (07095); deflation of
nominal amounts with the branch's producer prices.

Every function takes the tidy frame of the statistics loader (code columns, ``value``), so
tests can hand it a small frame; ``load(table)`` reads the real one."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.core import data

from .common import PERCENT, ProcessIndustryError, _check_choice
from .declaration import allowed

ENERGY = "ssb_11558"
EXPORTS = "ssb_08818"
PRICES = "ssb_12462"
PRODUCTION = "ssb_07095"
SITC_MAP = "process_sitc_map"
BRANCH_SERIES = "process_branch_series"

#: Codes of table 11558.
CONSUMPTION = "A01ur"  # energy use without raw-material (non-energy) use, like the document's 12.1
GWH = "Mengde1"
ALL_PRODUCTS = "EPTOT03"
ELECTRICITY = "EP07"
PRODUCT_NB = {
    "EP00": "kull", "EP03": "naturgass", "EP04IF": "olje", "EP05": "bio", "EP06": "avfall",
    "EP07": "elektrisitet", "EP08": "fjernvarme",
}
#: Codes of tables 12462 and 07095.
MARKET_TOTAL, MARKET_EXPORT = "00", "02"
PRICE_LEVEL = "Indeksnivo"
PRODUCTION_UNADJUSTED = "PeriodeRa"
THOUSAND = 1000.0


def load(table: str) -> pd.DataFrame:
    """One of the theme's SSB tables as loaded by the project's statistics loader."""
    from helpers.core.statistics import load_statistic

    return load_statistic(table)


def available(table: str) -> bool:
    """Whether an SSB table can be read here (False without the statistics loader)."""
    try:
        from helpers.core.statistics import available as statistics_available
    except ImportError:  # a checkout without the statistics loader
        return False
    return statistics_available(table)


def branches(branch: str) -> list[str]:
    """The branches ``branch`` stands for: itself, or all four for 'alle'."""
    _check_choice("branch", branch, allowed("branch"))
    return [b for b in allowed("branch") if b != "alle"] if branch == "alle" else [branch]


def branch_codes(branch: str, table: str) -> list[str]:
    """Industry codes of ``table`` that stand for ``branch`` (dataset process_branch_series)."""
    m = data.load(BRANCH_SERIES)
    codes = m.loc[m["branch"].isin(branches(branch)) & (m["table"] == table), "code"].tolist()
    if not codes:
        raise ProcessIndustryError(f"{BRANCH_SERIES}: no code of {table} for branch {branch!r}")
    return codes


def _year(frame: pd.DataFrame) -> pd.Series:
    return frame["Tid"].astype(str).str[:4].astype(int)


# --------------------------------------------------------------------------- energy (11558)


def energy_by_product(frame: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Energy use (GWh) of the industries ``codes`` together, years × energy products, with the
    total in column 'i alt'. SSB's missing cells stay missing in the sum of one product only
    when every industry lacks it."""
    sel = frame[(frame["Energiregnpost"] == CONSUMPTION) & (frame["ContentsCode"] == GWH)
                & frame["NaringMiljo"].isin(codes)].assign(year=lambda d: _year(d))
    wide = sel.pivot_table(index="year", columns="Energiprodukter", values="value",
                           aggfunc=lambda v: v.sum(min_count=1))
    out = wide[[c for c in PRODUCT_NB if c in wide.columns]].rename(columns=PRODUCT_NB)
    out.insert(0, "i alt", wide[ALL_PRODUCTS])
    out.columns.name = None
    return out


def electricity_share(energy: pd.DataFrame) -> pd.Series:
    """Electricity as percent of all energy use, by year (from ``energy_by_product``)."""
    return PERCENT * energy["elektrisitet"] / energy["i alt"]


# --------------------------------------------------------------------------- exports (08818)


def sitc_codes(branch: str) -> list[str]:
    """SITC groups counted as process-industry goods of ``branch`` (dataset process_sitc_map)."""
    m = data.load(SITC_MAP)
    return m.loc[m["included"] & m["branch"].isin(branches(branch)), "sitc"].tolist()


def annual_exports(frame: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Exports of the SITC groups ``codes`` by year in NOK (SSB gives 1 000 NOK per month):
    value and the number of months the year has in the table (12 = a whole year)."""
    sel = frame[frame["SITC"].isin(codes)].assign(year=lambda d: _year(d))
    monthly = sel.groupby(["year", "Tid"])["value"].sum(min_count=1)
    out = monthly.groupby(level="year").agg(["sum", "count"])
    return pd.DataFrame({"nok": out["sum"] * THOUSAND, "months": out["count"]})


def full_years(exports: pd.DataFrame) -> pd.DataFrame:
    """Only the years with all twelve months."""
    return exports[exports["months"] == 12]


def in_currency(nok: pd.Series, currency: str, rates: pd.DataFrame) -> pd.Series:
    """NOK amounts by year in ``currency`` with the annual average rates in ``rates`` (year,
    pair, value); years without a rate are missing (never converted with another year's)."""
    if currency == "NOK":
        return nok.astype(float)
    sel = rates[rates["pair"] == f"NOK_per_{currency}"].set_index("year")["value"]
    per = pd.Series(nok.index.map(lambda y: sel.get(y, float("nan"))), index=nok.index)
    return nok.astype(float) / per.astype(float)


# --------------------------------------------------------------------------- prices and volumes


def annual_index(frame: pd.DataFrame, column: str, code: str, content: str,
                 market: str | None = None) -> pd.Series:
    """Annual average of a monthly index (12462 with ``market``; 07095 without), full years."""
    sel = frame[(frame[column] == code) & (frame["ContentsCode"] == content)]
    if market is not None:
        sel = sel[sel["Marked"] == market]
    sel = sel.dropna(subset=["value"]).assign(year=lambda d: _year(d))
    g = sel.groupby("year")["value"]
    out = g.mean()[g.count() == 12]
    if out.empty:
        raise ProcessIndustryError(f"no full year of index {code} ({content})")
    return out


def _index_or_total(frame: pd.DataFrame, code: str, market: str) -> pd.Series:
    # SSB publishes no export-market index for some branches: use both markets together.
    try:
        return annual_index(frame, "NaringUtenriks", code, PRICE_LEVEL, market)
    except ProcessIndustryError:
        if market == MARKET_TOTAL:
            raise
        return annual_index(frame, "NaringUtenriks", code, PRICE_LEVEL, MARKET_TOTAL)


def branch_prices(frame: pd.DataFrame, branch: str, market: str = MARKET_TOTAL) -> pd.Series:
    """Producer price index of ``branch`` by year (2021 = 100); for 'alle' the plain average
    of the four branches' indices (SSB's weights differ by year; a labelled simplification).
    Where SSB gives no index for ``market``, the index for both markets stands in."""
    series = [_index_or_total(frame, c, market) for c in branch_codes(branch, PRICES)]
    return pd.concat(series, axis=1).mean(axis=1, skipna=False).dropna()


def branch_production(frame: pd.DataFrame, branch: str) -> pd.DataFrame:
    """Index of production by year (2021 = 100, unadjusted annual average), one column per
    table group that stands for the branch."""
    m = data.load(BRANCH_SERIES)
    labels = m[m["table"] == PRODUCTION].set_index("code")["label_nb"]
    cols = {labels[c]: annual_index(frame, "PKoder", c, PRODUCTION_UNADJUSTED)
            for c in branch_codes(branch, PRODUCTION)}
    return pd.DataFrame(cols)


def deflate(nominal: pd.Series, prices: pd.Series, base_year: int) -> pd.Series:
    """Nominal amounts by year in constant prices of ``base_year``: nominal × P(base) / P(year).
    Years without a price are missing."""
    if base_year not in prices.index:
        raise ProcessIndustryError(f"no price index for the base year {base_year}")
    p = prices.reindex(nominal.index)
    return nominal.astype(float) * float(prices.loc[base_year]) / p


def period_prices(prices: pd.Series, periods: pd.DataFrame) -> pd.Series:
    """The price index averaged over each period (``period``, ``period_start``,
    ``period_end``), for amounts given as period averages; missing when a year lacks a price."""
    out = {}
    for _, r in periods.drop_duplicates("period").iterrows():
        years = range(int(r["period_start"]), int(r["period_end"]) + 1)
        vals = [prices.get(y) for y in years]
        out[r["period"]] = (sum(vals) / len(vals) if all(v is not None for v in vals)
                            else float("nan"))
    return pd.Series(out)
