"""Currency conversion with annual average rates (NOK per EUR/USD)."""

from __future__ import annotations

import pandas as pd

from helpers.core import data
from helpers.methods import growth

from .common import PERCENT, RATES, ProcessIndustryError, _check_choice
from .declaration import allowed

# --------------------------------------------------------------------------- currency


def rates() -> pd.DataFrame:
    return data.load(RATES)


def nok_per(currency: str, year: int, fx: pd.DataFrame | None = None) -> float:
    """NOK per unit of ``currency`` in ``year`` with the document's annual average rates."""
    _check_choice("currency", currency, allowed("currency"))
    if currency == "NOK":
        return 1.0
    fx = rates() if fx is None else fx
    hit = fx[(fx["pair"] == f"NOK_per_{currency}") & (fx["year"] == year)]
    if hit.empty:
        years = sorted(fx.loc[fx["pair"] == f"NOK_per_{currency}", "year"].tolist())
        raise ProcessIndustryError(
            f"{RATES}: no NOK per {currency} rate for {year}; the document gives {years}"
        )
    return float(hit["value"].iloc[0])


def convert(value_nok: float, year: int, currency: str, fx: pd.DataFrame | None = None) -> float:
    """A NOK amount of ``year`` in ``currency`` (the document's annual average rate)."""
    return float(value_nok) / nok_per(currency, year, fx)


def currency_change(pair: str, start: int, end: int, fx: pd.DataFrame | None = None) -> float:
    """Percent change of a rate between two years (positive = the krone weakened)."""
    fx = rates() if fx is None else fx
    sel = fx[fx["pair"] == pair].set_index("year")["value"]
    return PERCENT * growth.growth(float(sel.loc[start]), float(sel.loc[end]))


