"""Sector attractiveness: an open reconstruction of the document's ranking of sectors, from the
county's own accounts and the user's weights.

Three indicators per industry group large enough to rank: real growth of value added over the
period (volume), productivity (value added per employed) against the same industry in the
reference, and real productivity growth (real value-added growth over employment growth). Each
is scaled from 0 (lowest) to 1 (highest) among the industries; the score is the weighted mean
with the weights normalised to sum 1. The document's expected growth and SDG score have no
counterpart in the accounts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from . import accounts as acc

COMPONENTS = ("vekst", "produktivitet", "produktivitetsvekst")
#: Parameter holding each component's weight.
WEIGHT_PARAMS = {"vekst": "weight_growth", "produktivitet": "weight_productivity",
                 "produktivitetsvekst": "weight_productivity_growth"}
LABELS = {"vekst": "realvekst i verdiskaping (% per år)",
          "produktivitet": "produktivitet mot referansen (referansen = 1)",
          "produktivitetsvekst": "reell produktivitetsvekst (% per år)"}


def weights(params: Mapping[str, float]) -> dict[str, float]:
    return {comp: float(params[key]) for comp, key in WEIGHT_PARAMS.items()}


def indicators(county: str, reference: str, start: int, end: int,
               threshold_pct: float) -> pd.DataFrame:
    """The three indicators per industry with at least ``threshold_pct`` % of the county's
    employment in ``end`` and published values in both years."""
    years = end - start
    real = acc.real_index(county, start)
    emp = acc.levels(county, acc.EMPLOYED)
    va = acc.levels(county, acc.VALUE_ADDED)
    va_r, emp_r = acc.levels(reference, acc.VALUE_ADDED), acc.levels(reference, acc.EMPLOYED)
    total_emp = float(emp.loc[end, acc.TOTAL])
    rows = []
    for ind in acc.industries():
        e0, e1 = emp.loc[start, ind], emp.loc[end, ind]
        r1 = real.loc[end, ind] if ind in real.columns else math.nan
        if any(pd.isna(v) or v <= 0 for v in (e0, e1, r1)) or e1 / total_emp * 100 < threshold_pct:
            continue
        g = (r1 / 100) ** (1 / years) - 1
        e = (e1 / e0) ** (1 / years) - 1
        rows.append({"næring": ind, "vekst": g * 100,
                     "produktivitet": (va.loc[end, ind] / e1) / (va_r.loc[end, ind]
                                                                 / emp_r.loc[end, ind]),
                     "produktivitetsvekst": ((1 + g) / (1 + e) - 1) * 100})
    return pd.DataFrame(rows)


def ranking(county: str, reference: str, start: int, end: int, threshold_pct: float,
            weights: Mapping[str, float]) -> pd.DataFrame:
    """Industries ranked by the weighted score of min-max scaled indicators (``poeng``, 0-1)."""
    total = sum(float(w) for w in weights.values())
    if not total > 0 or any(float(w) < 0 for w in weights.values()):
        raise ValueError(f"attractiveness weights must be >= 0 and not all zero, got "
                         f"{dict(weights)}")
    frame = indicators(county, reference, start, end, threshold_pct)
    score = pd.Series(0.0, index=frame.index)
    for comp in COMPONENTS:
        col = frame[comp]
        span = col.max() - col.min()
        scaled = (col - col.min()) / span if span > 0 else col * 0.0
        score += scaled * float(weights.get(comp, 0.0)) / total
    frame["poeng"] = score
    frame["rang"] = frame["poeng"].rank(ascending=False, method="min").astype(int)
    return frame.sort_values(["rang", "næring"]).reset_index(drop=True)


def weights_text(weights: Mapping[str, float]) -> str:
    """The normalised weights in words: "vekst 0,50, produktivitet 0,25, ..."."""
    from helpers.core.formatting import fmt_number

    total = sum(float(w) for w in weights.values())
    return ", ".join(f"{comp} {fmt_number(float(weights.get(comp, 0.0)) / total, 2)}"
                     for comp in COMPONENTS)
