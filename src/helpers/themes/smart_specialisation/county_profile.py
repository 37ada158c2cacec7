"""County profile from the county accounts: value added, employment, productivity and labour
costs, as levels and as indexed growth, the county against its reference and every county."""

from __future__ import annotations

import pandas as pd

from . import accounts as acc


def totals(region: str) -> pd.DataFrame:
    """Year × measure for all industries: value added (mill. kr), employed (1000), labour costs
    (mill. kr), productivity (value added per employed, 1000 kr), labour costs per employed
    (1000 kr) and the volume index of value added (first year = 100)."""
    va = acc.levels(region, acc.VALUE_ADDED)[acc.TOTAL]
    emp = acc.levels(region, acc.EMPLOYED)[acc.TOTAL]
    lab = acc.levels(region, acc.LABOUR_COSTS)[acc.TOTAL]
    frame = pd.DataFrame({
        "value_added": va, "employed": emp, "labour_costs": lab,
        "productivity": va / emp, "labour_cost_per_employed": lab / emp,
        "real_index": acc.real_index(region)[acc.TOTAL],
    })
    frame.index.name = "year"
    return frame


def growth(region: str, start: int, end: int) -> dict[str, float]:
    """Growth start -> end (fractions): nominal and real value added, employment, nominal and
    real productivity (real value added per employed)."""
    t = totals(region)
    real = t.loc[end, "real_index"] / t.loc[start, "real_index"] - 1
    emp = t.loc[end, "employed"] / t.loc[start, "employed"] - 1
    return {"nominal": t.loc[end, "value_added"] / t.loc[start, "value_added"] - 1,
            "real": real, "employed": emp, "real_productivity": (1 + real) / (1 + emp) - 1,
            "productivity_level": t.loc[end, "productivity"]}


def ranking(start: int, end: int) -> pd.DataFrame:
    """Every county: real growth of value added and of employment start -> end, and
    productivity in ``end`` relative to the counties in total (= 1), highest real growth first."""
    ref = totals(acc.COUNTIES_TOTAL).loc[end, "productivity"]
    rows = []
    for county in acc.counties():
        g = growth(county, start, end)
        rows.append({"county": county, "real": g["real"] * 100, "employed": g["employed"] * 100,
                     "relative_productivity": g["productivity_level"] / ref})
    return pd.DataFrame(rows).sort_values("real", ascending=False).reset_index(drop=True)


def profile_table(county: str, reference: str, start: int, end: int) -> pd.DataFrame:
    """The county and the reference side by side for the report: levels in ``end`` and growth
    ``start`` -> ``end`` (Norwegian row labels)."""
    rows = []
    for region in (county, reference):
        t, g = totals(region), growth(region, start, end)
        rows.append({
            f"verdiskaping {end} (mrd. kr)": t.loc[end, "value_added"] / 1000,
            f"sysselsatte {end} (1000)": t.loc[end, "employed"],
            f"verdiskaping per sysselsatt {end} (1000 kr)": t.loc[end, "productivity"],
            f"lønnskostnader per sysselsatt {end} (1000 kr)":
                t.loc[end, "labour_cost_per_employed"],
            f"realvekst i verdiskaping {start}–{end} (%)": g["real"] * 100,
            f"vekst i sysselsetting {start}–{end} (%)": g["employed"] * 100,
            f"vekst i reell produktivitet {start}–{end} (%)": g["real_productivity"] * 100,
        })
    out = pd.DataFrame(rows, index=[acc.region_label(county), acc.region_label(reference)]).T
    out.index.name = "størrelse"
    return out.reset_index()
