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

from .catalogue import EU_ASSESSMENT_YEAR, STAGE_NO, STAGES, material_keys
from .classification import entry_label, score_materials, status_of
from .supply import _country_shares, eu_shares


def wgi_year(wgi: pd.DataFrame | None = None) -> int:
    """The latest year with governance estimates."""
    wgi = external.load("wgi_2023") if wgi is None else wgi
    return int(wgi.dropna(subset=["value"])["year"].max())


def governance_table(selected: Sequence[str], stage: str | None = None,
                     status: dict[str, str] | None = None) -> pd.DataFrame:
    """Per material and EU entry: HHI_WGI for global supply and EU sourcing (EU 2023 shares and
    t, WGI of the latest year) in the stage where our partial SR is highest (the EU method
    uses the bottleneck stage), the partial SR, and the EU 2023 published SR and EI.

    The partial SR is the EU formula with the components the data give: the two HHI_WGI
    terms, weighted as if import reliance were complete where that gives the larger value
    (IR unknown), with no deduction for recycling (EoL-RIR) or substitution (SI). It is NOT
    a bound on the EU's value: the EU used other governance years and its own shares.
    ``stage`` limits the computation to one stage (None: both); ``status`` is
    ``status_of(selected)`` when the caller has the classification already.
    """
    wgi = external.load("wgi_2023")
    year = wgi_year(wgi)
    scores = concentration.governance_scores(wgi, year)
    scores_all = external.load("eu_crm_2023_scores")
    published = scores_all[scores_all["year"] == EU_ASSESSMENT_YEAR].set_index("material")
    status = status_of(selected) if status is None else status
    stages = [stage] if stage else list(STAGES)
    best: dict[str, dict[str, Any]] = {}
    for st in stages:
        gs = eu_shares(selected, st, "global")
        eus = eu_shares(selected, st, "eu")
        for m in material_keys(selected, st)["material"]:
            g = gs[gs["material"] == m]
            if g.empty:
                continue
            h_gs = concentration.hhi_wgi(
                _country_shares(g), scores, g.dropna(subset=["iso3"]).groupby("iso3")["t"].first())
            e = eus[eus["material"] == m]
            h_eus = None if e.empty else concentration.hhi_wgi(
                _country_shares(e), scores, e.dropna(subset=["iso3"]).groupby("iso3")["t"].first())
            sr = concentration.supply_risk(h_gs.value, h_eus.value if h_eus else None)
            value = math.nan if math.isinf(sr.high) else sr.high
            old = best.get(m)
            if old is None or (not math.isnan(value)
                               and (math.isnan(old["sr_partial"]) or value > old["sr_partial"])):
                best[m] = {"stage": st, "hhi_wgi_gs": h_gs.value,
                           "hhi_wgi_eus": h_eus.value if h_eus else math.nan,
                           "sr_partial": value, "wgi_missing": ", ".join(h_gs.missing)}
    rows = []
    for m in selected:
        if m not in best:
            continue
        for score_name in score_materials(m, best[m]["stage"]):
            pub = published.loc[score_name] if score_name in published.index else None
            sr_pub = float(pub["sr"]) if pub is not None else math.nan
            rows.append({
                "material": m, "eu_material": score_name, **best[m],
                "sr_published": sr_pub,
                "ei_published": float(pub["ei"]) if pub is not None else math.nan,
                "status": status[m], "wgi_year": year,
            })
    return pd.DataFrame(rows)


def comparison_word(partial: float, published: float) -> str:
    """How our partial SR stands to the EU's value, in words ("under", "over", "lik", "–")."""
    if math.isnan(partial) or math.isnan(published):
        return "–"
    if round(partial, 1) == round(published, 1):
        return "lik"
    return "under" if partial < published else "over"


def governance_display(gov: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "materiale": gov_labels(gov),
        "ledd": gov["stage"].map(STAGE_NO),
        "HHI-WGI global": gov["hhi_wgi_gs"].map(lambda v: fmt_number(v, 2)),
        "HHI-WGI EU": gov["hhi_wgi_eus"].map(lambda v: fmt_number(v, 2)),
        "delvis SR (vår)": gov["sr_partial"].map(lambda v: fmt_number(v, 2)),
        "SR EU 2023": gov["sr_published"].map(lambda v: fmt_number(v, 1)),
        "vår mot EU": [comparison_word(p, q) for p, q in
                       zip(gov["sr_partial"], gov["sr_published"], strict=True)],
        "EI EU 2023": gov["ei_published"].map(lambda v: fmt_number(v, 1)),
        "status i rapporten": gov["status"],
    })


def gov_labels(gov: pd.DataFrame) -> list[str]:
    """Row labels for section 4: the material, with the EU entry's Norwegian name where one
    material has several EU entries (rare earths) or a proxy stands for it (ferro-alloys)."""
    counts = gov["material"].value_counts()
    return [entry_label(m, name, counts[m] > 1)
            for m, name in zip(gov["material"], gov["eu_material"], strict=True)]


def supply_risk_comparison_text(gov: pd.DataFrame) -> str:
    """Norwegian clause: for how many EU entries our partial SR lies under / over the EU's."""
    words = [comparison_word(p, q) for p, q in zip(gov["sr_partial"], gov["sr_published"],
                                                    strict=True)]
    labels = gov_labels(gov)
    under = [lab for lab, w in zip(labels, words, strict=True) if w == "under"]
    over = sum(w == "over" for w in words)
    text = f"ligger over EUs verdi for {over} av {len(words)} oppføringer"
    if under:
        text += " og under for " + ", ".join(under)
    return text + "; den er altså ingen øvre grense."
