"""Section 5 (exports): Norway's export value of the materials' goods over time, from SSB table
08818 (exports by SITC group, monthly) through our SITC mapping (``value_chains_sitc_map``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.core import data
from helpers.core.formatting import fmt_number

from .catalogue import label

#: SSB table 08818 in the statistics catalogue.
STATISTIC = "ssb_08818"
#: Readers' names of the mapping's relations.
RELATION_NO = {"product": "produkt", "uses": "bruker materialet"}


def sitc_map(selected: Sequence[str]) -> pd.DataFrame:
    """The SITC groups of the selected materials (one row per material and group)."""
    m = data.load("value_chains_sitc_map")
    return m[m["material"].isin(list(selected))].reset_index(drop=True)


def exports_available() -> bool:
    """Whether SSB table 08818 can be read (the statistics loader and the recorded copy)."""
    try:
        from helpers.core import statistics
    except ImportError:  # the statistics loader is not in this installation
        return False
    return bool(statistics.available(STATISTIC))


def annual_exports(monthly: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """Yearly export value (NOK million) per SITC group of ``mapping``, full years only.

    ``monthly``: SSB 08818 as a tidy frame (``SITC``, ``Tid`` like "2024M01", ``value`` in
    NOK 1 000). A year counts only when all twelve months have a value, so the first
    (from March 2008) and the running year are left out rather than understated.
    """
    groups = mapping.groupby("sitc", sort=False).agg(
        materials=("material", lambda s: ", ".join(label(m) for m in s)),
        sitc_label_no=("sitc_label_no", "first"), fit=("fit", "first"),
        relation=("relation", "first")).reset_index()
    part = monthly[monthly["SITC"].isin(groups["sitc"])].copy()
    part["year"] = part["Tid"].str[:4].astype(int)
    full = part.groupby(["SITC", "year"]).agg(value=("value", lambda v: v.sum(min_count=12)),
                                              months=("value", "count")).reset_index()
    full = full[full["months"] == 12]
    full["value_mnok"] = full["value"] / 1000
    out = full.merge(groups, left_on="SITC", right_on="sitc")
    return out[["sitc", "sitc_label_no", "materials", "fit", "relation", "year",
                "value_mnok"]].sort_values(["sitc", "year"]).reset_index(drop=True)


def load_exports(selected: Sequence[str]) -> pd.DataFrame:
    """``annual_exports`` for the selected materials from SSB table 08818."""
    from helpers.core.statistics import load_statistic

    frame = load_statistic(STATISTIC)
    frame = frame[frame["ImpEks"] == "2"] if "ImpEks" in frame else frame
    mapping = sitc_map(selected)
    annual = annual_exports(frame, mapping)
    annual.attrs["suppressed"] = suppressed_groups(frame, mapping)
    return annual


def suppressed_groups(monthly: pd.DataFrame, mapping: pd.DataFrame) -> list[str]:
    """The mapped SITC groups SSB gives no value for in any month (confidential, ":"), as
    "562 gjødsel (unntatt råvarer), for eruptivt fosfat"."""
    out = []
    for sitc, part in mapping.groupby("sitc", sort=False):
        values = monthly.loc[monthly["SITC"] == sitc, "value"]
        if values.notna().sum() == 0:
            mats = ", ".join(label(m) for m in part["material"])
            out.append(f"{sitc} {part['sitc_label_no'].iloc[0]}, for {mats}")
    return out


def exports_display(annual: pd.DataFrame, years: int = 4) -> pd.DataFrame:
    """One row per SITC group: the value in the first full year and in the last ``years``
    years (NOK million) and the change from first to last."""
    last = sorted(annual["year"].unique())
    shown = [last[0], *last[-years:]] if len(last) > years else last
    rows = []
    for (sitc, name, mats, fit), part in annual.groupby(
            ["sitc", "sitc_label_no", "materials", "fit"], sort=False):
        by = part.set_index("year")["value_mnok"]
        row = {"varegruppe (SITC)": f"{sitc} {name}", "materialer": mats,
               "dekning": "bare materialet" if fit == "exact" else "videre gruppe"}
        for y in shown:
            row[str(y)] = fmt_number(by.get(y), 0) if y in by.index else "–"
        rows.append(row)
    return pd.DataFrame(rows)


def exports_text(annual: pd.DataFrame) -> str:
    """Norwegian sentence: the largest group in the last full year and its change since the
    first."""
    last = int(annual["year"].max())
    first = int(annual["year"].min())
    end = annual[annual["year"] == last].sort_values("value_mnok", ascending=False)
    top = end.iloc[0]
    start = annual[(annual["year"] == first) & (annual["sitc"] == top["sitc"])]
    text = (f"Størst i {last} var varegruppen {top['sitc_label_no']} med "
            f"{fmt_number(top['value_mnok'] / 1000, 1)} milliarder kroner i eksport")
    if len(start):
        text += (f", mot {fmt_number(start['value_mnok'].iloc[0] / 1000, 1)} milliarder i "
                 f"{first} (løpende kroner)")
    text += "."
    hidden = annual.attrs.get("suppressed") or []
    if hidden:
        text += (" SSB oppgir ingen verdi for " + "; ".join(hidden)
                 + " (skjermet), så gruppen mangler i tabellen.")
    return text
