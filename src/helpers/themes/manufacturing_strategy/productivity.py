"""Manufacturing productivity growth by period: the strategy's stated rates beside SSB's."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from helpers.core import data
from helpers.core.formatting import lines_ref
from helpers.methods import growth
from helpers.themes.manufacturing_strategy.params import PERIOD_RE, parse_periods, period_label
from helpers.themes.manufacturing_strategy.reference import (
    DS_PRODUCTIVITY,
    stated_figure,
    stated_figures_frame,
    stated_value,
)


def productivity_annual(industries: Sequence[str] = ("Industri", "Totalt for næringer")
                        ) -> pd.DataFrame:
    """Annual volume change in gross product per hour worked (percent) from SSB, wide by year."""
    df = data.load(DS_PRODUCTIVITY)
    df = df[df["region"].eq("Norway") & df["industry"].isin(list(industries))]
    wide = df.pivot_table(index="year", columns="industry", values="value", aggfunc="first")
    return wide.reindex(columns=list(industries)).sort_index()


def average_annual_growth(rates_pct: pd.Series) -> float:
    """Compound average of annual growth rates in percent (chain-linked, then annualised)."""
    rates = pd.Series(rates_pct, dtype=float).dropna()
    if rates.empty:
        return math.nan
    total = float(np.prod(1.0 + rates.to_numpy() / 100.0)) - 1.0
    return 100.0 * growth.annualise(total, len(rates))


def stated_period_figures() -> dict[tuple[int, int], str]:
    """Stated manufacturing productivity growth rates keyed by their period (from the data)."""
    frame = stated_figures_frame()
    sel = frame[(frame["document"] == "000") & (frame["kind"] == "growth_rate")
                & frame["measure"].str.startswith("average annual productivity growth")]
    out: dict[tuple[int, int], str] = {}
    for fid, period in zip(sel["id"], sel["period"], strict=True):
        m = PERIOD_RE.match(period)
        if m:
            out[(int(m.group(1)), int(m.group(2)))] = fid
    return out


def productivity_by_period(periods: Sequence[Any]) -> pd.DataFrame:
    """Average annual productivity growth in manufacturing per period.

    For each period: the document's stated rate where it states one for exactly that period,
    and the compound average of SSB's annual rates for the years of the period that the data
    cover (with the coverage shown, since the shipped SSB table holds 2009-2014 only).
    A period includes the annual rates of its first and last year (2005-2014 = ten rates), as
    the document's chart of annual rates suggests.
    """
    annual = productivity_annual(("Industri",))["Industri"]
    stated_ids = stated_period_figures()
    rows = []
    for start, end in parse_periods(periods):
        in_period = annual[(annual.index >= start) & (annual.index <= end)].dropna()
        fid = stated_ids.get((start, end))
        n_years = end - start + 1
        rows.append({
            "periode": period_label((start, end)),
            "strategien": stated_value(fid) if fid else math.nan,
            "linjer": lines_ref(stated_figure(fid)["lines"]) if fid else "–",
            # only over the whole period: a part of it beside a whole-period rate misleads
            "SSB, snitt": (average_annual_growth(in_period) if len(in_period) == n_years
                           else math.nan),
            "SSB-år": (f"{in_period.index.min()}–{in_period.index.max()}"
                                if len(in_period) else "ingen"),
            "dekning": f"{len(in_period)} av {n_years} år",
        })
    return pd.DataFrame(rows)


