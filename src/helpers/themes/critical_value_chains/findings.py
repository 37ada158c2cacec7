"""The report's main findings ("Hovedfunn"): four to six sentences computed from the same
functions as the sections, each with its number and a link to its section."""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.core.formatting import and_list, fmt_number
from helpers.core.report import Finding

from .analysis import Analysis, analysis_of
from .availability import SECTION_TITLES, missing_external
from .catalogue import ALL_CHAINS, STAGE_NO, chains, label
from .classification import STATUS_NO
from .lists import selection_gaps

#: Section anchors and titles as the notebook's headings have them.
SECTIONS = {
    "materialer": "Materialene og klassifiseringen",
    **SECTION_TITLES,
    "kontroll": "Kontroll av tall i dokumentet",
}


def norway_world_finding(world: pd.DataFrame, selected: list[str], stage: str,
                         year: int, usgs: pd.DataFrame | None = None) -> str:
    """Norway's largest share of world supply (EU 2023 study) in the set's stage, named as the
    EU study's figure and set beside USGS' figure for the same material, stage and year (the
    figure of the report's tables); when Norway has no share in that stage, the other stage,
    said so. ``usgs``: ``norway_shares(selected, year)`` when the caller has it already."""
    from .classification import eu_name_no
    from .norway import norway_shares

    own = world[world["stage"] == stage]
    lead = ""
    if own.empty:
        lead = (f"I leddet {STAGE_NO[stage]} har Norge ingen andel av verdensforsyningen i "
                "EU-studien fra 2023 for materialene i utvalget. ")
        own = world
    w = own.sort_values("global_share", ascending=False).iloc[0]
    text = (lead + f"Norges største andel av verdensforsyningen i leddet {STAGE_NO[w['stage']]} "
            f"er {fmt_number(w['global_share'], 1, percent=True)} for "
            f"{eu_name_no(w['eu_name'])} (nr. {int(w['global_rank'])} i verden) ifølge "
            "EU-studien fra 2023")
    usgs = norway_shares(selected, year) if usgs is None else usgs
    usgs = usgs[(usgs["material"] == w["material"]) & (usgs["stage"] == w["stage"])] \
        if not usgs.empty else usgs
    if len(usgs) and usgs["usgs"].notna().any():
        text += (f"; USGS' produksjonstall for {year} (brukt i tabellene der de finnes) gir "
                 "Norge "
                 f"{fmt_number(float(usgs['usgs'].iloc[0]), 1, percent=True)} av "
                 f"{label(w['material'])}")
    return text + "."


def findings(params: dict[str, Any] | Analysis) -> list[Finding]:
    """Four to six findings for the parameter set, or for its ``Analysis`` (whose tables the
    sections then show without computing them again). Fewer sources, fewer findings: without
    the external data the findings come from the document and the EU lists."""
    a = analysis_of(params)
    chain, stage, threshold, selected = a.value_chain, a.stage, a.threshold, a.selected
    missing = missing_external()
    out: list[tuple[int, Finding]] = []

    def add(text: str, anchor: str, priority: int = 2) -> None:
        """Keep a finding; when there are more than six, those of lowest priority (highest
        number) go."""
        out.append((priority, Finding(text, anchor, SECTIONS[anchor])))

    cls = a.classification
    on = cls[cls["status"] != STATUS_NO[(False, False)]]
    chain_name = ("alle verdikjedene" if chain == ALL_CHAINS
                  else chains().set_index("chain").loc[chain, "label_no"])
    text = (f"{len(on)} av {len(selected)} materialer i utvalget ({chain_name}) står på EUs "
            "lister over kritiske eller strategiske råmaterialer.")
    split = cls[cls["disagreement"] != ""]
    if len(split):
        text += (" For " + and_list([label(m) for m in split["material"]])
                 + " gir forordningen og EUs tall fra 2023 ikke samme svar.")
    add(text, "materialer", 1)
    outside, no_data = selection_gaps(selected, stage)
    if chain != ALL_CHAINS and (outside or no_data):
        # materials outside the selection and selected materials without data are told apart
        parts = []
        if outside:
            parts.append(f"{len(outside)} av dokumentets materialer er ikke med i dette "
                         f"utvalget, blant dem {and_list([label(m) for m in outside[:3]])}.")
        if no_data:
            parts.append(f"For {and_list([label(m) for m in no_data])} i utvalget har kildene "
                         f"ingen forsyningstall i leddet {STAGE_NO[stage]}.")
        add(" ".join(parts), "materialer", 3)

    if "konsentrasjon" not in missing:
        conc = a.concentration
        if not conc.empty:
            over = conc[conc["above_threshold"]].sort_values("top_share", ascending=False)
            text = (f"{len(over)} av {len(conc)} materialer har ett land med mer enn "
                    f"{fmt_number(threshold, 0, percent=True)} av verdensforsyningen i leddet "
                    f"{STAGE_NO[stage]}.")
            if len(over):
                r = over.iloc[0]
                text += (f" Høyest: {label(r['material'])}, der {r['top_country']} har "
                         f"{fmt_number(r['top_share'], 0, percent=True)}.")
            add(text, "konsentrasjon")
    if "forsyningsrisiko" not in missing:
        from .supply_risk import gov_labels

        gov = a.governance
        if not gov.empty and gov["sr_published"].notna().any():
            i = int(gov["sr_published"].idxmax())
            under = gov[gov["sr_partial"] < gov["sr_published"]]
            text = (f"Høyest forsyningsrisiko i EUs vurdering fra 2023 har "
                    f"{gov_labels(gov)[list(gov.index).index(i)]} "
                    f"(SR {fmt_number(gov.loc[i, 'sr_published'], 1)}).")
            text += (f" Vår delvise beregning ligger under EUs verdi for {len(under)} av "
                     f"{len(gov)} oppføringer, så den er ingen øvre grense.")
            add(text, "forsyningsrisiko", 3)
    if "norge" not in missing:
        rows = a.norway_eu
        world = rows.dropna(subset=["global_share"]) if not rows.empty else rows
        if len(world):
            add(norway_world_finding(world, selected, stage, a.year, a.norway), "norge", 4)
        top = rows[rows["eu_rank"] == 1].sort_values("eu_share", ascending=False) \
            if not rows.empty else rows
        if len(top):
            from .classification import eu_name_no
            add("Norge er EUs største enkeltkilde for "
                + and_list([f"{eu_name_no(n)} ({fmt_number(v, 0, percent=True)})"
                         for n, v in zip(top["eu_name"], top["eu_share"], strict=True)])
                + " i EU-studien fra 2023.", "norge")
        elif not rows.empty:
            best = rows.sort_values("eu_share", ascending=False).iloc[0]
            add(f"Norges største andel av EUs forsyning i utvalget er "
                f"{fmt_number(best['eu_share'], 0, percent=True)} "
                f"({label(best['material'])}).", "norge")
    country = a.country
    if country is not None and "scenario" not in missing:
        sc = a.scenario
        hit = sc[sc["lost_share"] > 0] if not sc.empty else sc
        if len(hit):
            r = hit.iloc[0]
            text = (f"Uten {country[1]} faller {fmt_number(r['lost_share'], 0, percent=True)} "
                    f"av verdensforsyningen av {label(r['material'])} bort.")
            up = sc[(sc["norway_after"] < sc["norway_before"]) & (sc["norway_after"] <= 3)]
            if len(up):
                u = up.iloc[0]
                text += (f" Norge blir da nr. {int(u['norway_after'])} for "
                         f"{label(u['material'])}.")
            add(text, "scenario", 1)
        else:
            add(f"{country[1]} er ikke oppført som leverandør av noen av materialene i leddet "
                f"{STAGE_NO[stage]}.", "scenario")
    if missing:
        add("Denne utgaven mangler publiserte datasett, så avsnittene "
            + and_list([f"«{SECTION_TITLES[s]}»" for s in missing])
            + " viser ikke tall.", next(iter(missing)), 1)
    keep = sorted(range(len(out)), key=lambda i: (out[i][0], i))[:6]
    return [out[i][1] for i in sorted(keep)]
