"""One classification per material, used in every section of the report.

The report's status of a material is its legal status in the Critical Raw Materials Act
(Regulation (EU) 2024/1252, Annex I strategic, Annex II critical). Beside it stand the EU 2023
assessment's scores (supply risk SR and economic importance EI) for the EU material(s) that
represent it, a proxy where the EU has no entry for the material itself, and a note where the
Act and the scores disagree (the Act lists materials whose scores do not reach the thresholds,
e.g. nickel). Sections 2, 4 and 6 read status and note from ``classification`` only, so a
material cannot be "critical" in one table and "not critical" in another.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from helpers.core import data
from helpers.core.formatting import fmt_number
from helpers.methods import concentration
from helpers.sources import external

from .catalogue import EU_ASSESSMENT_YEAR, label, material_keys

#: Why an EU entry stands in for a material the EU does not assess as such (our reasoning).
PROXY_WHY = {
    "ferroalloys": (
        "EU vurderer ikke ferrolegeringer samlet; mangan står for dem fordi manganlegeringer er "
        "en hovedgruppe av ferrolegeringer og EU-studien har et eget prosesseringsledd for mangan"
    ),
    "rare_earths": (
        "EU vurderer lette (LREE) og tunge (HREE) sjeldne jordarter hver for seg; begge vises"
    ),
}

#: Norwegian names (ours) of the EU 2023 study's entries used in the report.
EU_NAME_NO = {
    "Aluminium": "aluminium", "Nickel": "nikkel", "Cobalt": "kobolt", "Manganese": "mangan",
    "Silicon metal": "silisiummetall", "Magnesium": "magnesium",
    "Phosphate rock": "fosfatråstoff", "Phosphate Rock": "fosfatråstoff",
    "LREEs": "lette sjeldne jordarter", "HREEs": "tunge sjeldne jordarter",
    "Neodymium": "neodym", "Praseodymium": "praseodym", "Cerium": "cerium",
    "Lanthanum": "lantan", "Samarium": "samarium", "Dysprosium": "dysprosium",
    "Terbium": "terbium", "Natural graphite": "naturlig grafitt",
    "Natural Graphite": "naturlig grafitt", "Lithium": "litium", "Titanium": "titan",
    "Titanium ores": "titanmalm", "Titanium metal": "titanmetall", "Tungsten": "wolfram",
    "Zinc": "sink",
}


def eu_name_no(name: str) -> str:
    """Norwegian name of an EU study entry (the entry itself where we have none)."""
    return EU_NAME_NO.get(name, name)


def entry_label(material: str, eu_name: str, several: bool) -> str:
    """Label for one EU entry of a material: the material, with the entry's Norwegian name
    where the material has several entries or a proxy stands for it."""
    if several or material in PROXY_WHY:
        name = eu_name_no(eu_name)
        # "tunge sjeldne jordarter" already says it is rare earths
        return name if label(material) in name else f"{label(material)} ({name})"
    return label(material)


#: Readers' names of the report's status values.
STATUS_NO = {
    (True, True): "strategisk og kritisk",
    (False, True): "kritisk",
    (True, False): "strategisk",
    (False, False): "ikke på EUs lister",
}


def _crma_entries(material: str) -> tuple[list[str], list[str]]:
    """The Act's entries covering ``material`` on Annex I and Annex II, in Norwegian."""
    cmap = data.load("value_chains_crma_map")
    lists = data.load("eu_crma_annex_lists")
    mine = cmap[cmap["material"] == material]
    names = dict(zip(mine["crma_material"], mine["crma_label_no"], strict=True))
    on = lists[lists["material"].isin(list(names))].drop_duplicates(["material", "measure"])
    strat = on.loc[on["measure"] == "strategic_raw_material", "material"].map(names).tolist()
    crit = on.loc[on["measure"] == "critical_raw_material", "material"].map(names).tolist()
    return strat, crit


def score_materials(material: str, stage: str | None = None) -> list[str]:
    """The EU 2023 entries whose scores stand for ``material`` (``stage``, or every stage, in
    key order)."""
    names: list[str] = []
    for cell in material_keys([material], stage)["eu_score_material"].fillna(""):
        for name in str(cell).split(";"):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    return names


def _published_scores() -> pd.DataFrame | None:
    if not external.available("eu_crm_2023_scores"):
        return None
    scores = external.load("eu_crm_2023_scores")
    return scores[scores["year"] == EU_ASSESSMENT_YEAR].set_index("material")


def classify(selected: Iterable[str]) -> pd.DataFrame:
    """Per material: the report's one status (from the Act), the Act's entries, the EU 2023
    scores behind it, the proxy and why, and where Act and scores disagree.

    Columns: material, status, strategic, critical (bools), crma_entries, score_materials,
    scores (text), scores_meet (True/False/None when no scores), proxy, disagreement (text,
    "" where none).
    """
    published = _published_scores()
    rows = []
    for m in selected:
        strat, crit = _crma_entries(m)
        names = score_materials(m)
        meets: list[bool] = []
        parts: list[str] = []
        if published is not None:
            for name in names:
                if name not in published.index:
                    continue
                sr, ei = float(published.loc[name, "sr"]), float(published.loc[name, "ei"])
                if math.isnan(sr) or math.isnan(ei):
                    continue
                ok = concentration.is_critical(sr, ei)
                meets.append(ok)
                parts.append(f"{eu_name_no(name)}: SR {fmt_number(sr, 1)}, EI {fmt_number(ei, 1)} "
                             f"({'over' if ok else 'under'} tersklene)")
        mixed = bool(meets) and any(meets) and not all(meets)
        on_list = bool(crit) or bool(strat)
        proxy = PROXY_WHY.get(m, "")
        disagreement = ""
        if mixed:
            disagreement = ("EU-tallene spriker mellom leddene (" + "; ".join(parts)
                            + "); forordningen har materialet på listen")
        elif meets and on_list and not any(meets):
            disagreement = ("forordningen har materialet på listen selv om EU-vurderingen "
                            "fra 2023 gir verdier under tersklene")
        elif meets and not on_list and all(meets):
            proxies = ", ".join(map(eu_name_no, names))
            disagreement = (f"stedfortrederen ({proxies}) er over tersklene og står på "
                            f"forordningens lister, men {label(m)} står ikke der som eget "
                            "materiale")
        rows.append({
            "material": m,
            "status": STATUS_NO[(bool(strat), bool(crit))],
            "strategic": bool(strat),
            "critical": bool(crit),
            "crma_entries": "; ".join(dict.fromkeys(strat + crit)),
            "score_materials": "; ".join(names),
            "scores": "; ".join(parts),
            "scores_meet": None if not meets or mixed else all(meets),
            "proxy": proxy,
            "disagreement": disagreement,
        })
    return pd.DataFrame(rows)


def status_of(selected: Iterable[str]) -> dict[str, str]:
    """Material → the report's status text (the one every section shows)."""
    c = classify(selected)
    return dict(zip(c["material"], c["status"], strict=True))


def classification_display(cls: pd.DataFrame) -> pd.DataFrame:
    """Section 2's table: the status once, with its basis and the disagreements."""
    def basis(r: pd.Series) -> str:
        parts = [f"forordningen: {r['crma_entries']}" if r["crma_entries"]
                 else "ikke i forordningens vedlegg"]
        if r["scores"]:
            parts.append(f"EU 2023: {r['scores']}")
        elif r["score_materials"]:
            parts.append("EU 2023-tallene mangler i dataene")
        else:
            parts.append("ingen EU-vurdering")
        return "; ".join(parts)

    def note(r: pd.Series) -> str:
        return "; ".join(x for x in (r["proxy"], r["disagreement"]) if x) or "–"

    return pd.DataFrame({
        "materiale": cls["material"].map(label),
        "status i rapporten": cls["status"],
        "grunnlag": cls.apply(basis, axis=1),
        "stedfortreder og avvik": cls.apply(note, axis=1),
    })


def disagreements_text(cls: pd.DataFrame) -> str:
    """Norwegian sentence naming the materials where the Act and the scores disagree."""
    hit = cls[cls["disagreement"] != ""]
    if hit.empty:
        return ("For materialene i utvalget stemmer forordningens lister og EU-tallene fra 2023 "
                "overens.")
    names = [label(m) for m in hit["material"]]
    joined = ", ".join(names[:-1]) + " og " + names[-1] if len(names) > 1 else names[0]
    return (f"Forordningens lister og EU-tallene fra 2023 gir ikke samme svar for {joined}. "
            "Rapporten bruker forordningens status overalt og viser tallene ved siden av.")
