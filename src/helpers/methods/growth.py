"""Growth arithmetic shared by the theme reports and the document checks: change, compound
annual rates, deflation, required rates and pathways. Rates are fractions (0.05 = 5 %) here and
everywhere else; a percentage is a fraction times 100 at the point of display."""

from __future__ import annotations

import pandas as pd


def _positive(name: str, value: float) -> float:
    value = float(value)
    if not value > 0:
        raise ValueError(f"{name} must be positive for a growth rate, got {value!r}")
    return value


def _non_negative(name: str, value: float) -> float:
    value = float(value)
    if not value >= 0:
        raise ValueError(f"{name} must be zero or more for a growth rate, got {value!r}")
    return value


def _years(years: float) -> float:
    years = float(years)
    if not years > 0:
        raise ValueError(f"the number of years must be positive, got {years!r}")
    return years


def growth(start: float, end: float) -> float:
    """Total relative change from ``start`` to ``end`` (0.25 = +25 %)."""
    start = _positive("start", start)
    return (float(end) - start) / start


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate: ``(end / start) ** (1 / years) - 1`` (-1 for an end of 0)."""
    return (_non_negative("end", end) / _positive("start", start)) ** (1.0 / _years(years)) - 1.0


def annualise(total_growth: float, years: float) -> float:
    """The annual rate that compounds to ``total_growth`` over ``years``."""
    if total_growth <= -1:
        raise ValueError(f"a total change of {total_growth!r} (-100 % or less) has no annual rate")
    return (1.0 + total_growth) ** (1.0 / _years(years)) - 1.0


def compound(rate: float, years: float) -> float:
    """Total change after ``years`` at the annual ``rate``."""
    return (1.0 + rate) ** float(years) - 1.0


def deflate(values: pd.Series, price_index: pd.Series, base: int) -> pd.Series:
    """Express ``values`` (indexed by year, current prices) in prices of year ``base``.

    ``price_index`` is indexed by year; every year of ``values`` and ``base`` must be in it.
    """
    missing = sorted(set(values.index) - set(price_index.index))
    if base not in price_index.index:
        missing.append(base)
    if missing:
        raise ValueError(f"the price index has no value for year(s) {missing}")
    factors = price_index.loc[base] / price_index.loc[values.index]
    return pd.Series(values.to_numpy() * factors.to_numpy(), index=values.index, name=values.name)


def required_rate(now: float, target: float, years: float) -> float:
    """Annual rate that takes ``now`` to ``target`` in ``years``: (target/now)^(1/years) - 1."""
    if float(target) == 0:
        raise ValueError("a target of zero cannot be reached at a constant rate")
    return cagr(now, target, years)


def pathway(start_year: int, start_value: float, end_year: int, rate: float) -> pd.Series:
    """Yearly values from ``start_year`` to ``end_year`` growing at ``rate`` a year."""
    if end_year < start_year:
        raise ValueError(f"end year {end_year} is before start year {start_year}")
    years = range(int(start_year), int(end_year) + 1)
    return pd.Series(
        [float(start_value) * (1.0 + rate) ** (y - start_year) for y in years],
        index=pd.Index(list(years), name="year"),
    )
