"""Section 5: Norway's role, its shares of world and EU supply and the plant facts."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.core import data
from helpers.core.formatting import en_dash, fmt_number
from helpers.sources import external

from .catalogue import ROLE_NO, STAGE_NO, STAGES, label, material_keys, materials
from .supply import eu_shares, usgs_shares


def norway_shares(selected: Sequence[str], year: int) -> pd.DataFrame:
    """Norway's share of world production (USGS, ``year``), of global supply and of EU sourcing
    (EU 2023), per material and stage, next to the role the document states."""
    mat = materials().set_index("material")
    rows = []
    for stage in STAGES:
        keys = material_keys(selected, stage)
        if keys.empty:
            continue
        usgs = usgs_shares(keys["material"], stage, year) \
            if external.available("usgs_mcs2025_world") else pd.DataFrame(columns=["material"])
        gs = eu_shares(keys["material"], stage, "global")
        eus = eu_shares(keys["material"], stage, "eu")
        for m in keys["material"]:
            def nor(frame: pd.DataFrame, material: str = m) -> tuple[float, str]:
                part = frame[(frame["material"] == material) & (frame["iso3"] == "NOR")]
                if part.empty:
                    return (math.nan, "ikke oppført" if (frame["material"] == material).any()
                            else "ingen data")
                if part["share"].isna().all() and "share_upper" in part:
                    return math.nan, "under 0,1 %"
                return float(part["share"].sum()), ""
            u, g, e = nor(usgs), nor(gs), nor(eus)
            if all(math.isnan(x[0]) for x in (u, g, e)):
                continue  # Norway has no published share in this stage
            rows.append({"material": m, "stage": stage, "usgs": u[0], "usgs_note": u[1],
                         "global": g[0], "global_note": g[1], "eu": e[0], "eu_note": e[1],
                         "role": mat.loc[m, "norway_role"], "lines": mat.loc[m, "role_lines"]})
    return pd.DataFrame(rows)


def norway_display(nor: pd.DataFrame, year: int) -> pd.DataFrame:
    def cell(v: float, note: str) -> str:
        return note or "–" if math.isnan(v) else fmt_number(v, 1, percent=True)

    role = [f"{ROLE_NO[r]} (l. {en_dash(ln)})" if ln else ROLE_NO[r]
            for r, ln in zip(nor["role"], nor["lines"].fillna(""), strict=True)]
    return pd.DataFrame({
        "materiale, ledd": [f"{label(m)}, {STAGE_NO[st]}"
                            for m, st in zip(nor["material"], nor["stage"], strict=True)],
        f"andel av verden, USGS {year}": [cell(v, n) for v, n in zip(nor["usgs"],
                                                                   nor["usgs_note"], strict=True)],
        "andel av verden, EU 2023": [cell(v, n) for v, n in zip(nor["global"], nor["global_note"],
                                                               strict=True)],
        "andel av EUs forsyning, EU 2023": [cell(v, n) for v, n in zip(nor["eu"], nor["eu_note"],
                                                                      strict=True)],
        "rolle ifølge dokumentet": role,
    })


#: Norwegian labels (ours) for the products and measures of ``norway_plant_facts``.
PLANT_PRODUCT_NO = {
    "nickel (refined)": "nikkel (raffinert)",
    "copper (refined)": "kobber (raffinert)",
    "cobalt (refined)": "kobolt (raffinert)",
    "sulphuric acid (by-product)": "svovelsyre (biprodukt)",
    "aluminium (primary)": "aluminium (primær)",
}
PLANT_MEASURE_NO = {
    "refinery production, Glencore Nikkelverk": "produksjon, Glencore Nikkelverk",
    "primary aluminium production, approximate annual":
        "primærproduksjon i Norge, omtrentlig per år",
}


def plant_facts_table() -> pd.DataFrame:
    p = data.load("norway_plant_facts")
    return pd.DataFrame({
        "produkt": p["material"].map(lambda v: PLANT_PRODUCT_NO.get(v, v)),
        "mål": p["measure"].map(lambda v: PLANT_MEASURE_NO.get(v, v)),
        "år": p["year"].map(lambda v: "udatert" if pd.isna(v) else str(int(v))),
        "tonn": p["value"].map(lambda v: "bare omtrentlig oppgitt" if pd.isna(v)
                               else fmt_number(v, 0)),
    })


def norway_roles_text() -> str:
    """Norwegian sentence: which materials the document names Norway a supplier of, and which
    it says Norway depends on importing (from ``value_chains_materials``)."""
    mat = materials()

    def names(role: str) -> str:
        items = [f"{r.label_no} (l. {en_dash(r.role_lines)})"
                 for r in mat[mat["norway_role"] == role].itertuples()]
        return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)

    return (f"Dokumentet beskriver Norge som leverandør av {names('supplier')}, og som avhengig av "
            f"import av {names('dependant')}.")


def role_lines(material: str) -> str:
    """The document lines where Norway's role for ``material`` is stated (en dash)."""
    return en_dash(str(materials().set_index("material").loc[material, "role_lines"] or ""))


def plant_years() -> str:
    """The year(s) of the dated plant-level facts, e.g. "2016"."""
    years = data.load("norway_plant_facts")["year"].dropna().astype(int).unique()
    return ", ".join(str(y) for y in sorted(years))
