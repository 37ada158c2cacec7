"""Section 4: governance-weighted concentration and the partial supply-risk figure beside the
EU's published values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers.core.formatting import fmt_number
from helpers.methods import concentration
from helpers.sources import external

from .catalogue import EU_ASSESSMENT_YEAR, label, material_keys
from .supply import _country_shares, eu_shares


def wgi_year(wgi: pd.DataFrame | None = None) -> int:
    """The latest year with governance estimates."""
    wgi = external.load("wgi_2023") if wgi is None else wgi
    return int(wgi.dropna(subset=["value"])["year"].max())


def governance_table(selected: Sequence[str], stage: str) -> pd.DataFrame:
    """Per material: HHI_WGI for global supply and EU sourcing (EU 2023 shares and t, WGI of the
    latest year), the partial SR interval, and the EU 2023 published SR and EI."""
    wgi = external.load("wgi_2023")
    year = wgi_year(wgi)
    scores = concentration.governance_scores(wgi, year)
    gs = eu_shares(selected, stage, "global")
    eus = eu_shares(selected, stage, "eu")
    scores_all = external.load("eu_crm_2023_scores")
    published = scores_all[scores_all["year"] == EU_ASSESSMENT_YEAR].set_index("material")
    keys = material_keys(selected, stage).set_index("material")
    rows = []
    for m in selected:
        if m not in keys.index:
            continue
        g = gs[gs["material"] == m]
        if g.empty:
            continue
        g_sh = _country_shares(g)
        g_t = g.dropna(subset=["iso3"]).groupby("iso3")["t"].first()
        h_gs = concentration.hhi_wgi(g_sh, scores, g_t)
        e = eus[eus["material"] == m]
        h_eus = None
        if not e.empty:
            h_eus = concentration.hhi_wgi(
                _country_shares(e), scores, e.dropna(subset=["iso3"]).groupby("iso3")["t"].first()
            )
        sr = concentration.supply_risk(h_gs.value, h_eus.value if h_eus else None)
        for score_name in str(keys.loc[m, "eu_score_material"] or "").split(";"):
            score_name = score_name.strip()
            pub = published.loc[score_name] if score_name in published.index else None
            rows.append({
                "material": m,
                "eu_material": score_name,
                "hhi_wgi_gs": h_gs.value,
                "hhi_wgi_eus": h_eus.value if h_eus else math.nan,
                "sr_high": sr.high,
                "sr_missing": ", ".join(sr.missing),
                "sr_published": float(pub["sr"]) if pub is not None else math.nan,
                "ei_published": float(pub["ei"]) if pub is not None else math.nan,
                "wgi_missing": ", ".join(h_gs.missing),
                "wgi_year": year,
            })
    out = pd.DataFrame(rows)
    if not out.empty:
        out["critical_published"] = [
            concentration.is_critical(s, e) if not (math.isnan(s) or math.isnan(e)) else None
            for s, e in zip(out["sr_published"], out["ei_published"], strict=True)
        ]
    return out


def governance_display(gov: pd.DataFrame) -> pd.DataFrame:
    def yes(v: Any) -> str:
        return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else (
            "ja" if v else "nei")

    return pd.DataFrame({
        "materiale": gov["material"].map(label),
        "navn i EU-studien": gov["eu_material"],
        "HHI-WGI global": gov["hhi_wgi_gs"].map(lambda v: fmt_number(v, 2)),
        "HHI-WGI EU": gov["hhi_wgi_eus"].map(lambda v: fmt_number(v, 2)),
        "delvis SR, øvre grense": gov["sr_high"].map(
            lambda v: "–" if math.isinf(v) else fmt_number(v, 2)),
        "SR EU 2023": gov["sr_published"].map(lambda v: fmt_number(v, 1)),
        "EI EU 2023": gov["ei_published"].map(lambda v: fmt_number(v, 1)),
        "kritisk (EU 2023-tall)": gov["critical_published"].map(yes),
    })


def gov_labels(gov: pd.DataFrame) -> list[str]:
    """Row labels for section 4: the material, with the EU study's name where one material has
    several EU entries (rare earths: LREEs and HREEs)."""
    counts = gov["material"].value_counts()
    return [f"{label(m)} ({name})" if counts[m] > 1 else label(m)
            for m, name in zip(gov["material"], gov["eu_material"], strict=True)]
