"""The document's value-added growth 2011-2021 and the price rise that reconciles its figures."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import checks
from helpers.methods import growth

from .common import DOCUMENT_BASE_YEAR, DOCUMENT_YEAR


def document_growth() -> dict[str, Any]:
    """Akershus' value added 2011-2021 as the document states it, and what reconciles it.

    Returns the nominal endpoints (NOK bn), nominal growth, the stated real growth and annual
    rate, the annual rate implied by the stated real growth, the interval of real growth that
    prints as both stated numbers, and the price rise (deflator) that interval implies, with
    and without the rounding of the nominal endpoints.
    """
    start, end = checks.stated("002-1044-a"), checks.stated("002-1044-b")
    real, rate = checks.stated("002-1046-a"), checks.stated("002-1046-b")
    years = DOCUMENT_YEAR - DOCUMENT_BASE_YEAR
    nominal = growth.growth(start.value, end.value)
    # every real growth that rounds to the printed real growth and whose annual rate rounds
    # to the printed annual rate
    r_lo, r_hi, _, _ = checks.rounding_interval(real.value, real.printed)
    c_lo, c_hi, _, _ = checks.rounding_interval(rate.value, rate.printed)
    from_rate = (growth.compound(float(c_lo) / 100, years),
                 growth.compound(float(c_hi) / 100, years))
    lo = max(float(r_lo) / 100, from_rate[0])
    hi = min(float(r_hi) / 100, from_rate[1])
    s_lo, s_hi, _, _ = checks.rounding_interval(start.value, start.printed)
    e_lo, e_hi, _, _ = checks.rounding_interval(end.value, end.printed)
    nominal_range = (growth.growth(float(s_hi), float(e_lo)),
                     growth.growth(float(s_lo), float(e_hi)))
    return {
        "start": start.value, "end": end.value, "unit": start.unit, "years": years,
        "nominal_growth": nominal,
        "nominal_cagr": growth.cagr(start.value, end.value, years),
        "real_growth_stated": real.value / 100,
        "cagr_stated": rate.value / 100,
        "cagr_from_real": growth.annualise(real.value / 100, years),
        "real_from_cagr": growth.compound(rate.value / 100, years),
        "real_consistent": (lo, hi) if lo < hi else None,
        "price_rise": ((growth.implied_price_growth(nominal, hi),
                        growth.implied_price_growth(nominal, lo)) if lo < hi else None),
        "price_rise_with_rounding": ((growth.implied_price_growth(nominal_range[0], hi),
                                      growth.implied_price_growth(nominal_range[1], lo))
                                     if lo < hi else None),
        "price_rise_midpoint": growth.implied_price_growth(nominal, real.value / 100),
        "ids": (start.id, end.id, real.id, rate.id),
    }


def growth_table() -> pd.DataFrame:
    """Nominal and real value added in Akershus 2011 and 2021 (NOK bn, 2011 prices), using the
    price rise implied by the document's own figures (a reconstruction: the document names no
    price index)."""
    g = document_growth()
    price = 1.0 + g["price_rise_midpoint"]
    index = pd.Series([1.0, price], index=[DOCUMENT_BASE_YEAR, DOCUMENT_YEAR])
    nominal = pd.Series([g["start"], g["end"]], index=[DOCUMENT_BASE_YEAR, DOCUMENT_YEAR])
    real = growth.deflate(nominal, index, base=DOCUMENT_BASE_YEAR)
    return pd.DataFrame({
        "år": nominal.index,
        "løpende priser (mrd. kr)": nominal.to_numpy(),
        "implisitt prisindeks (2011 = 1)": index.to_numpy(),
        "faste 2011-priser (mrd. kr)": real.to_numpy(),
    })
