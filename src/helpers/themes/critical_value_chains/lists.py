"""Section 2: materials on the EU lists and the links between chains and materials."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .catalogue import ALL_CHAINS, ROLE_NO, chains, document_section, label, links, materials
from .classification import status_of


def materials_table(selected: Sequence[str],
                    status: dict[str, str] | None = None) -> pd.DataFrame:
    """Section 2: material, chains, EU list status, Norway's role as the document states it.
    ``status`` is ``status_of(selected)`` when the caller has the classification already."""
    mat = materials().set_index("material")
    lk = links()
    names = chains().set_index("chain")["label_no"]
    status = status_of(selected) if status is None else status
    rows = []
    for m in selected:
        r = mat.loc[m]
        chain_list = [names[c] for c in lk.loc[lk["material"] == m, "chain"]]
        role = ROLE_NO[r["norway_role"]]
        if r["norway_actor"]:
            role += f" ({r['norway_actor']})"
        rows.append({
            "materiale": r["label_no"],
            "verdikjeder": ", ".join(chain_list) or "–",
            "status i rapporten": status[m],
            "Norges rolle ifølge dokumentet": role,
            "avsnitt i dokumentet": document_section(r["role_lines"] or r["lines"]),
        })
    return pd.DataFrame(rows)




def links_table(selected: Sequence[str], value_chain: str) -> pd.DataFrame:
    """One row per chain; the materials linked to it in one column per basis of the link (the
    document; the CRMA list; our own assignment)."""
    lk = links()
    lk = lk[lk["material"].isin(selected)]
    if value_chain != ALL_CHAINS:
        lk = lk[lk["chain"] == value_chain]
    names = chains().set_index("chain")["label_no"]
    columns = {"document": "ifølge dokumentet", "eu_list": "ifølge CRMA-listen",
               "own": "egen tilordning"}
    rows = []
    for chain, part in lk.groupby("chain", sort=False):
        row = {"verdikjede": names[chain]}
        for basis, column in columns.items():
            sub = part[part["basis"] == basis]
            row[column] = ", ".join(
                label(m) for m in sub["material"])
        rows.append(row)
    out = pd.DataFrame(rows, columns=["verdikjede", *columns.values()])
    # leave out a basis no chain in the selection uses
    return out[[c for c in out.columns if c == "verdikjede" or (out[c] != "").any()]]


def selection_gaps(selected: Sequence[str], stage: str) -> tuple[list[str], list[str]]:
    """Two separate gaps, as material ids in document order: the document's materials outside
    the selection, and the selected materials the sources give no supply figures for in
    ``stage`` (they are in the selection, only without data)."""
    from .catalogue import material_ids, material_keys

    with_stage = set(material_keys(selected, stage)["material"])
    outside = [m for m in material_ids() if m not in selected]
    no_data = [m for m in material_ids() if m in selected and m not in with_stage]
    return outside, no_data


def excluded_materials(value_chain: str, selected: Sequence[str], stage: str) -> pd.DataFrame:
    """Materials of document 004 this report's selection leaves out of the supply sections,
    with the reason: not linked to the chain, or no supply data for the stage."""
    from .catalogue import STAGE_NO, material_ids, material_keys

    chain_name = ("alle verdikjedene" if value_chain == ALL_CHAINS
                  else chains().set_index("chain").loc[value_chain, "label_no"])
    with_stage = set(material_keys(selected, stage)["material"])
    any_stage = set(material_keys(selected)["material"])
    rows = []
    for m in material_ids():
        if m not in selected:
            reason = f"dokumentet knytter ikke materialet til {chain_name}"
        elif m not in any_stage:
            reason = ("en gruppe stoffer, ikke ett råmateriale; kildene har ingen "
                      "forsyningstall for den")
        elif m not in with_stage:
            other = [STAGE_NO[s] for s in material_keys([m])["stage"]]
            reason = (f"kildene har ikke tall for leddet {STAGE_NO[stage]}; bare for "
                      + " og ".join(other))
        else:
            continue
        rows.append({"materiale": label(m), "hvorfor det ikke er med": reason})
    return pd.DataFrame(rows, columns=["materiale", "hvorfor det ikke er med"])
