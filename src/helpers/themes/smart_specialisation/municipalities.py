"""Municipalities: the document's top-five industries per municipality, the 2024 municipality lists
and the counties' largest firms.
"""

from __future__ import annotations

import pandas as pd

from helpers.core import data
from helpers.core.formatting import en_dash

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


#: Report labels of the municipality list's columns.
MUNICIPALITY_COLUMNS = {"county_name": "fylke", "municipality_code": "kommunenr. 2024",
                        "municipality_name": "kommune", "previous_code": "nr. i Viken"}


def _filled(col: pd.Series) -> pd.Series:
    return col.notna() & (col.astype(str).str.strip() != "")


def municipality_table(county: str) -> pd.DataFrame:
    """The county's 2024 municipalities for the report, Norwegian column names, without the
    columns that are empty for every municipality (the 2024 codes, until KLASS fills them)."""
    frame = municipality_list(county)
    keep = [c for c in frame.columns if _filled(frame[c]).any()]
    if county != "Viken":
        keep = [c for c in keep if c != "county_name"]
    return frame[keep].rename(columns=MUNICIPALITY_COLUMNS)


def municipality_overview(county: str) -> pd.DataFrame:
    """Per county (all three for Viken): number of municipalities, how many have their 2024
    code and their Viken code in the data, and where the names come from."""
    _check_county(county)
    frame = data.load(MUNICIPALITIES)
    counties = VIKEN_PARTS if county == "Viken" else (county,)
    rows = []
    for name in counties:
        sub = frame[frame["county_name"] == name]
        from_doc = sub["name_source"].str.startswith("document").all()
        from_klass = sub["name_source"].str.startswith("SSB KLASS").all()
        rows.append({
            "fylke": name, "kommuner": len(sub),
            "med kommunenr. 2024": int(_filled(sub["municipality_code"]).sum()),
            "med nr. i Viken": int(_filled(sub["previous_code"]).sum()),
            "navnene fra": _name_origin(sub["name_source"].iloc[0]) if from_doc
            else "SSBs kommuneinndeling (KLASS)" if from_klass
            else "hjelpeliste, ikke kontrollert mot KLASS",
        })
    return pd.DataFrame(rows)


def _name_origin(source: str) -> str:
    """ "document 002, lines 843-844 (footnote 6)" -> "dokumentet, l. 843–844"."""
    lines = source.partition("lines ")[2].split(" ")[0]
    return f"dokumentet, l. {en_dash(lines)}" if lines else "dokumentet"


def municipality_names(county: str) -> pd.DataFrame:
    """One row per county: its municipalities' names in one cell, a compact list (the county
    column only for Viken, which has three)."""
    frame = municipality_list(county)
    if "county_name" not in frame.columns:
        frame = frame.assign(county_name=county)
    out = (frame.groupby("county_name", sort=False)["municipality_name"]
           .agg(lambda names: ", ".join(names)).rename("kommuner").reset_index()
           .rename(columns={"county_name": "fylke"}))
    return out if county == "Viken" else out.drop(columns="fylke")


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

def county_industries(county: str) -> pd.DataFrame:
    """Appendix C: the county's five largest industries and their five largest firms."""
    _check_county(county)
    frame = data.load("smart_top5_firms_county")
    if county != "Viken":
        frame = frame[frame["county"] == county]
    wide = frame.pivot_table(index=["county", "industry_order", "industry"], columns="rank",
                             values="firm", aggfunc="first")
    wide.columns = [f"{c}." for c in wide.columns]
    return wide.reset_index().drop(columns="industry_order").rename(
        columns={"county": "fylke", "industry": "næring"})
