"""Municipalities: the document's top-five industries per municipality, the 2024 municipality
list of a county, and Bærum's figures reconstructed from the document's shares."""

from __future__ import annotations

import pandas as pd

from helpers.core import data

from .common import MUNICIPALITIES, VIKEN_PARTS, _check_county
from .document import stated_value


def top5_municipalities() -> pd.DataFrame:
    """Figure 2-10: one row per Akershus municipality, the five largest industries by VA."""
    frame = data.load("smart_top5_industries_municipality")
    wide = frame.pivot(index="municipality", columns="rank", values="industry")
    wide.columns = [f"{c}." for c in wide.columns]
    return wide.reset_index().rename(columns={"municipality": "kommune"})


def top5_frequency() -> pd.DataFrame:
    """How often each industry is among a municipality's five largest, and how often first."""
    frame = data.load("smart_top5_industries_municipality")
    out = frame.groupby("industry").agg(
        blant_fem_største=("municipality", "count"),
        størst=("rank", lambda r: int((r == 1).sum())),
    )
    return out.sort_values(["blant_fem_største", "størst"], ascending=False).reset_index()


def municipality_list(county: str) -> pd.DataFrame:
    """The 2024 municipalities of the county (Viken: all three) from ``municipalities_2024``."""
    _check_county(county)
    frame = data.load(MUNICIPALITIES)
    counties = VIKEN_PARTS if county == "Viken" else (county,)
    sel = frame[frame["county_name"].isin(counties)]
    cols = [c for c in ("county_name", "municipality_code", "municipality_name", "previous_code")
            if c in sel.columns]
    return sel[cols].sort_values(cols[:1] + ["municipality_name"]).reset_index(drop=True)


def baerum_figures() -> dict[str, float]:
    """Bærum's shares (document) turned into levels: VA, employment and productivity, and the
    average productivity of the other 20 municipalities (reconstruction from stated shares)."""
    va_total = stated_value("002-0882-a")  # NOK bn
    emp_total = stated_value("002-0823-b")  # accounting-obliged firms
    va_share, emp_share = stated_value("002-1100-a") / 100, stated_value("002-1102-a") / 100
    b_va, b_emp = va_total * va_share, emp_total * emp_share
    rest_va, rest_emp = va_total - b_va, emp_total - b_emp
    return {
        "baerum_va_bn": b_va, "baerum_employment": b_emp,
        "baerum_productivity_m": b_va * 1e3 / b_emp,
        "rest_va_bn": rest_va, "rest_employment": rest_emp,
        "rest_productivity_m": rest_va * 1e3 / rest_emp,
    }
