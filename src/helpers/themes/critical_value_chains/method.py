"""Section 7: the mapping method document 004 proposes and how far this report carries it out."""

from __future__ import annotations

import pandas as pd

from helpers.core import data

from .catalogue import document_section

#: How far this report carries out each proposed step (our assessment).
STEP_STATUS: dict[int, tuple[str, str]] = {
    1: ("delvis", "EUs lister er med (avsnitt 2); NATOs liste er ikke blant kildene til rapporten"),
    2: ("delvis", "sink og kjemikalier er med som materialer; kjemikalier mangler forsyningsdata"),
    3: ("delvis", "koblingene er merket: fra dokumentet, fra CRMA-listen eller egen tilordning"),
    4: ("utført med eksterne data", "konsentrasjon, terskel og styringsvektet HHI (avsnitt 3-4) "
        "og scenario (avsnitt 6); importavhengighet mangler"),
    5: ("delvis", "Norges andeler og plass i verdensproduksjonen og EUs forsyning, og "
        "verdikjedene som bruker materialene (avsnitt 5)"),
    6: ("delvis", "Norges eksport etter varegruppe fra SSB (avsnitt 5); import og finere "
        "varenumre (HS/KN) mangler"),
    7: ("ikke utført", "krever dialog med bedrifter og referansegrupper"),
}


def steps_table() -> pd.DataFrame:
    s = data.load("value_chains_steps")
    return pd.DataFrame({
        "nr.": s["step"],
        "forslag (våre ord)": s["label_no"],
        "avsnitt i dokumentet": s["lines"].map(document_section),
        "i denne rapporten": s["step"].map(lambda i: STEP_STATUS[int(i)][0]),
        "merknad": s["step"].map(lambda i: STEP_STATUS[int(i)][1]),
    })


def example_chain(value_chain: str) -> str:
    """The chain the method is worked through on: the report's own chain, or for every chain
    the one with most materials in the document."""
    from .catalogue import ALL_CHAINS, links

    if value_chain != ALL_CHAINS:
        return value_chain
    counts = links().groupby("chain", sort=False)["material"].nunique()
    return str(counts.idxmax())


def _links_step(chain: str, name: str) -> str:
    """Step 3: the materials the document itself links to the chain, with the links the report
    adds (the wording of the EU list; its own assignment) told apart."""
    from .catalogue import label, links, material_ids

    lk = links()
    lk = lk[lk["chain"] == chain]

    def of(basis: str) -> list[str]:
        linked = set(lk.loc[lk["basis"] == basis, "material"])
        return [label(m) for m in material_ids() if m in linked]

    def join(items: list[str]) -> str:
        return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else items[0]

    document = of("document")
    text = (f"dokumentet knytter {len(document)} materialer til {name}" if document
            else f"dokumentet knytter ingen materialer direkte til {name}")
    added = [f"{len(of('eu_list'))} etter ordlyden i EUs liste ({join(of('eu_list'))})"
             if of("eu_list") else "",
             f"{len(of('own'))} etter egen vurdering ({join(of('own'))})"
             if of("own") else ""]
    added = [a for a in added if a]
    if added:
        text += "; rapporten legger til " + " og ".join(added)
    return text


def worked_example(chain: str, stage: str, threshold: float,
                   conc: pd.DataFrame | None, norway_rows: pd.DataFrame | None,
                   exports: pd.DataFrame | None = None) -> pd.DataFrame:
    """Steps 1-6 of the document's method carried out on one chain, with this report's
    results (``conc``: section 3, ``norway_rows``: section 5, ``exports``: SSB exports by
    material; None where the data were missing)."""
    from helpers.core.formatting import fmt_number

    from .catalogue import STAGE_NO, chains, label, materials_of
    from .classification import STATUS_NO, status_of

    mats = materials_of(chain)
    status = status_of(mats)
    on = [label(m) for m in mats if status[m] != STATUS_NO[(False, False)]]
    off = [label(m) for m in mats if status[m] == STATUS_NO[(False, False)]]
    name = chains().set_index("chain").loc[chain, "label_no"]
    rows = [
        (1, f"{len(on)} av {len(mats)} materialer står på EUs lister: {', '.join(on) or '–'}"),
        (2, f"ikke på EUs lister, men med i dokumentet: {', '.join(off) or 'ingen'}"),
        (3, _links_step(chain, name)),
    ]
    if conc is not None and not conc.empty:
        part = conc[conc["material"].isin(mats)]
        over = part[part["above_threshold"]]
        text = (f"{len(over)} av {len(part)} har ett land over "
                f"{fmt_number(threshold, 0, percent=True)} i leddet {STAGE_NO[stage]}")
        if len(over):
            text += ": " + ", ".join(
                f"{label(m)} ({c} {fmt_number(v, 0, percent=True)})"
                for m, c, v in zip(over["material"], over["top_country"], over["top_share"],
                                   strict=True))
        rows.append((4, text))
    else:
        rows.append((4, "forsyningsdataene mangler i denne utgaven"))
    if norway_rows is not None and not norway_rows.empty:
        part = norway_rows[norway_rows["material"].isin(mats) & (norway_rows["eu_rank"] <= 3)]
        rows.append((5, "Norge er blant EUs tre største kilder for "
                     + (", ".join(f"{label(m)} ({fmt_number(v, 0, percent=True)})"
                                  for m, v in zip(part["material"], part["eu_share"],
                                                  strict=True)) or "ingen av dem")))
    else:
        rows.append((5, "EU-studiens andeler mangler i denne utgaven"))
    if exports is not None and not exports.empty:
        from .exports import sitc_map

        groups = sitc_map(mats)
        part = exports[exports["sitc"].isin(groups["sitc"])]
        last = part[part["year"] == part["year"].max()] if len(part) else part
        if len(last):
            rows.append((6, f"norsk eksport i {int(last['year'].iloc[0])}: " + ", ".join(
                f"{g} {n} {fmt_number(v / 1000, 1)} mrd. kr"
                for g, n, v in zip(last["sitc"], last["sitc_label_no"], last["value_mnok"],
                                   strict=True))))
        else:
            rows.append((6, "ingen av kjedens materialer har en varegruppe med eksporttall"))
    else:
        rows.append((6, "SSBs eksportstatistikk etter varegruppe mangler i denne utgaven"))
    return pd.DataFrame(rows, columns=["trinn", f"resultat for {name}"])
