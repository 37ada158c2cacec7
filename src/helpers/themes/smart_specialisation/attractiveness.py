"""Sector attractiveness: an open reconstruction of the document's ranking with the user's weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from helpers.core import data
from helpers.core.formatting import fmt_number
from helpers.methods import growth

from .common import ATTRACTIVENESS_COMPONENTS, GP_PER_HOUR, PRODUCTION_INDEX

#: Manufacturing groups present in both the production index and the productivity table:
#: production-index label -> label in the gross-product-per-hour table. Labels only.
SECTOR_MAP: dict[str, str] = {
    "Nærings-, drikkevare og tob.ind.": "Nærings-, drikkevare- og tobakksindustri",
    "Tekstil-, bekledn.-, lærvareind.": "Tekstil-, beklednings- og lærvareindustri",
    "Trelast- og trevareindustri": "Trelast- og trevareindustri, unntatt møbler",
    "Papir- og papirvareindustri": "Produksjon av papir og papirvarer",
    "Trykking, grafisk industri": "Trykking og reproduksjon av innspilte opptak",
    "Oljeraff., kjemisk, farmas. Industri": "Oljeraffinering, kjemisk og farmasøytisk industri",
    "Kjemiske råvarer": "Produksjon av kjemiske råvarer",
    "Gummi, plast, mineralsk industri mv.": "Produksjon av gummi-, plast- og mineralprodukter",
    "Metallindustri": "Produksjon av metaller",
    "Bergverksdrift": "Bergverksdrift",
    "Utvinning og utvinningstjenester": "Utvinnning av råolje og naturgass, inkl. tjenester",
}
ATTRACTIVENESS_YEARS = {"vekst": (2012, 2020), "produktivitet": (2010, 2014)}


def attractiveness_indicators() -> pd.DataFrame:
    """The indicators in data/ for the reconstruction, one row per sector (Norway).

    - vekst: annual growth of the production index (volume), 2012-2020 (CAGR, %). Historical
      growth stands in for the document's *expected* growth, for which data/ has nothing.
    - produktivitet: mean annual volume growth of gross product per hour worked, 2010-2014 (%),
      geometric mean of the published annual changes. A growth rate, not a level.
    The document's third component (an SDG score) has no indicator in data/ and is left out.
    """
    pi = data.load(PRODUCTION_INDEX)
    pi = pi[pi["measure"] == "production index, annual average, calendar adjusted"]
    gp = data.load(GP_PER_HOUR)
    g0, g1 = ATTRACTIVENESS_YEARS["vekst"]
    p0, p1 = ATTRACTIVENESS_YEARS["produktivitet"]
    rows = []
    for sector, gp_label in SECTOR_MAP.items():
        series = pi[pi["industry"] == sector].set_index("year")["value"]
        changes = gp[(gp["industry"] == gp_label) & gp["year"].between(p0, p1)]
        if g0 not in series.index or g1 not in series.index or len(changes) != p1 - p0 + 1:
            raise ValueError(f"attractiveness: missing data for {sector!r} in {PRODUCTION_INDEX} "
                             f"or {GP_PER_HOUR}")
        factor = math.prod(1 + float(v) / 100 for v in changes["value"])
        rows.append({
            "sektor": sector,
            "vekst": growth.cagr(float(series[g0]), float(series[g1]), g1 - g0) * 100,
            "produktivitet": growth.annualise(factor - 1, len(changes)) * 100,
        })
    return pd.DataFrame(rows)


#: What each component of the reconstruction stands on (indicator, dataset); the years are in
#: ATTRACTIVENESS_YEARS. The document's third component has no indicator in data/.
ATTRACTIVENESS_INPUTS: dict[str, tuple[str, str]] = {
    "vekst": ("årlig volumvekst i produksjonsindeksen (historisk, ikke forventet)",
              PRODUCTION_INDEX),
    "produktivitet": ("årlig volumvekst i bruttoprodukt per utførte timeverk (vekst, ikke nivå)",
                      GP_PER_HOUR),
}


def attractiveness_inputs(weights: Mapping[str, float]) -> pd.DataFrame:
    """The reconstruction's inputs: component, indicator, period, source, the user's weight and
    the weight after normalising to a sum of 1; the SDG score as a row that is left out."""
    total = sum(float(w) for w in weights.values())
    rows = []
    for comp in ATTRACTIVENESS_COMPONENTS:
        indicator, dataset = ATTRACTIVENESS_INPUTS[comp]
        y0, y1 = ATTRACTIVENESS_YEARS[comp]
        w = float(weights.get(comp, 0.0))
        rows.append({"komponent": comp, "indikator": indicator, "periode": f"{y0}–{y1}",
                     "kilde": data.sources(dataset)["citation"], "vekt": w,
                     "normalisert vekt": w / total if total > 0 else math.nan})
    rows.append({"komponent": "bærekraft (SDG-score)",
                 "indikator": "utelatt: ingen indikator per sektor i data/", "periode": "–",
                 "kilde": "–", "vekt": math.nan, "normalisert vekt": math.nan})
    return pd.DataFrame(rows)


def weights_text(weights: Mapping[str, float]) -> str:
    """The normalised weights in words: "vekst 0,50, produktivitet 0,50"."""
    total = sum(float(w) for w in weights.values())
    return ", ".join(f"{comp} {fmt_number(float(weights.get(comp, 0.0)) / total, 2)}"
                     for comp in ATTRACTIVENESS_COMPONENTS)


#: Report labels of the attractiveness table's columns.
ATTRACTIVENESS_LABELS = {
    "sektor": "sektor", "vekst": "vekst (% per år)",
    "produktivitet": "produktivitetsvekst (% per år)", "vekst_skalert": "vekst, skalert",
    "produktivitet_skalert": "produktivitet, skalert", "poeng": "poeng (0–1)", "rang": "rang",
}


def attractiveness(weights: Mapping[str, float]) -> pd.DataFrame:
    """Rank the sectors by a weighted score of min-max scaled indicators (0 = lowest, 1 =
    highest among the sectors). Weights are normalised to sum to 1; components with weight 0
    do not count. A reconstruction: the document prints no scores."""
    unknown = set(weights) - set(ATTRACTIVENESS_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown attractiveness component(s) {sorted(unknown)}; "
                         f"available: {', '.join(ATTRACTIVENESS_COMPONENTS)}")
    total = sum(float(w) for w in weights.values())
    if not total > 0 or any(float(w) < 0 for w in weights.values()):
        raise ValueError(
            f"attractiveness weights must be >= 0 and not all zero, got {dict(weights)}"
        )
    frame = attractiveness_indicators()
    score = pd.Series(0.0, index=frame.index)
    for comp in ATTRACTIVENESS_COMPONENTS:
        col = frame[comp]
        span = col.max() - col.min()
        scaled = (col - col.min()) / span if span > 0 else col * 0.0
        frame[f"{comp}_skalert"] = scaled
        score += scaled * float(weights.get(comp, 0.0)) / total
    frame["poeng"] = score
    frame["rang"] = frame["poeng"].rank(ascending=False, method="min").astype(int)
    return frame.sort_values(["rang", "sektor"]).reset_index(drop=True)
