"""Section 5: Norway's role, its shares of world and EU supply and the plant facts."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.core import data
from helpers.core.formatting import en_dash, fmt_number
from helpers.sources import external

from .catalogue import (
    ROLE_NO,
    STAGE_NO,
    STAGES,
    chains,
    document_section,
    label,
    links,
    material_keys,
    materials,
)
from .classification import eu_name_no
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

    role = [ROLE_NO[r] for r in nor["role"]]
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
        items = [f"{r.label_no}"
                 for r in mat[mat["norway_role"] == role].itertuples()]
        return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)

    return (f"I avsnittet «Norges posisjon» beskriver dokumentet Norge som leverandør av "
            f"{names('supplier')}, og som avhengig av import av {names('dependant')}.")


def role_lines(material: str) -> str:
    """The document lines where Norway's role for ``material`` is stated (en dash)."""
    return en_dash(str(materials().set_index("material").loc[material, "role_lines"] or ""))


def plant_years() -> str:
    """The year(s) of the dated plant-level facts, e.g. "2016"."""
    years = data.load("norway_plant_facts")["year"].dropna().astype(int).unique()
    return ", ".join(str(y) for y in sorted(years))


def _rank(frame: pd.DataFrame, name: str, stage: str, code: str = "NOR") -> float:
    """``code``'s place among the countries of one entry and stage (1 = largest); NaN if absent
    or its share is blank (below 0.1 %)."""
    part = frame[(frame["material"] == name) & (frame["stage"] == stage)]
    own = part.loc[part["iso3"] == code, "share"]
    if own.empty or own.isna().all():
        return math.nan
    return float((part["share"] > float(own.sum())).sum() + 1)


def norway_eu_rows(selected: Sequence[str]) -> pd.DataFrame:
    """Every row the EU 2023 files give for Norway for the selected materials (each EU entry
    of ``value_chains_eu_names``, each stage): share of global supply and of EU sourcing, with
    Norway's place, and the chains of document 004 that use the material."""
    names = data.load("value_chains_eu_names")
    names = names[names["material"].isin(list(selected))]
    gs = external.load("eu_crm_2023_global_shares")
    eus = external.load("eu_crm_2023_eu_shares")
    lk = links()
    chain_names = chains().set_index("chain")["label_no"]
    rows = []
    for r in names.itertuples(index=False):
        for stage in STAGES:
            g = gs[(gs["material"] == r.eu_name) & (gs["stage"] == stage) & (gs["iso3"] == "NOR")]
            e = eus[(eus["material"] == r.eu_name) & (eus["stage"] == stage)
                    & (eus["iso3"] == "NOR")]
            if g.empty and e.empty:
                continue
            g_share = float(g["share"].sum()) if g["share"].notna().any() else math.nan
            rows.append({
                "material": r.material, "eu_name": r.eu_name, "stage": stage,
                "global_share": g_share,
                "global_below": bool(len(g)) and g["share"].isna().all(),
                "global_rank": _rank(gs, r.eu_name, stage),
                "eu_share": float(e["share"].sum()) if e["share"].notna().any() else math.nan,
                "eu_rank": _rank(eus, r.eu_name, stage),
                "proxy": bool(r.proxy),
                "chains": ", ".join(chain_names[c]
                                    for c in lk.loc[lk["material"] == r.material, "chain"]),
            })
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    order = {m: i for i, m in enumerate(selected)}
    return out.sort_values(["material", "stage"], key=lambda s: s.map(order)
                           if s.name == "material" else s, kind="stable").reset_index(drop=True)


def norway_eu_rows_display(rows: pd.DataFrame) -> pd.DataFrame:
    def share(v: float, below: bool = False) -> str:
        return "under 0,1 %" if below else ("–" if math.isnan(v) else
                                            fmt_number(v, 1, percent=True))

    def place(v: float) -> str:
        return "–" if math.isnan(v) else f"nr. {int(v)}"

    return pd.DataFrame({
        "materiale (oppføring i EU-studien)": [
            (label(m) if eu_name_no(n) == label(m) else f"{label(m)} ({eu_name_no(n)})")
            + (", stedfortreder" if p else "")
            for m, n, p in zip(rows["material"], rows["eu_name"], rows["proxy"], strict=True)],
        "ledd": rows["stage"].map(STAGE_NO),
        "andel av verden": [share(v, b) for v, b in zip(rows["global_share"],
                                                       rows["global_below"], strict=True)],
        "plass i verden": rows["global_rank"].map(place),
        "andel av EUs forsyning": rows["eu_share"].map(share),
        "plass i EUs forsyning": rows["eu_rank"].map(place),
        "verdikjeder som bruker materialet": rows["chains"].replace("", "–"),
    })


def norway_eu_text(rows: pd.DataFrame) -> str:
    """Norwegian sentence: the entries where Norway is among the EU's three largest sources."""
    top = rows[rows["eu_rank"] <= 3].sort_values("eu_share", ascending=False)
    if top.empty:
        return ("Norge er ikke blant de tre største kildene til EUs forsyning for noen av "
                "materialene i utvalget.")
    parts = [f"{eu_name_no(n)}, {STAGE_NO[s]} ({fmt_number(v, 0, percent=True)}, nr. {int(k)})"
             for n, s, v, k in zip(top["eu_name"], top["stage"], top["eu_share"], top["eu_rank"],
                                   strict=True)]
    joined = ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0]
    return f"Norge er blant de tre største kildene til EUs forsyning av {joined}."


def silicon_claim_text(nor: pd.DataFrame) -> str:
    """The document's 30-40 % claim for ferro-alloys and silicon beside the EU 2023 figures
    (silicon metal; manganese as the ferro-alloys proxy); "" when silicon is not selected."""
    from helpers import checks

    si = nor[(nor["material"] == "silicon") & (nor["stage"] == "processing")]
    fa = nor[(nor["material"] == "ferroalloys") & (nor["stage"] == "processing")]
    if si.empty:
        return ""
    lo, hi = checks.stated("004-0221-a"), checks.stated("004-0221-b")
    text = (f"Dokumentet sier at Norge står for {lo.printed}–{hi.printed} % av EUs forbruk av "
            f"ferrolegeringer og silisium (avsnittet {document_section(lo.lines)}). I EU-studien "
            f"fra 2023 kom {fmt_number(si['eu'].iloc[0], 0, percent=True)} av EUs forsyning av "
            "silisiummetall fra Norge")
    if len(fa) and fa["eu"].notna().all():
        text += (f", og {fmt_number(fa['eu'].iloc[0], 0, percent=True)} av manganlegeringene "
                 "(stedfortrederen for ferrolegeringer)")
    return text + "."


def plant_note_text() -> str:
    """The caveat under the plant facts: their year, and the claim that cannot be checked."""
    from helpers import checks

    lo, hi = checks.stated("004-0205-a"), checks.stated("004-0217-a")
    return (f"Tallene for enkeltverkene gjelder {plant_years()} og er de nyeste på anleggsnivå i "
            "kildene til rapporten; de er eldre enn resten av rapporten. Dokumentets påstand om "
            f"{lo.printed}–{hi.printed} % av den vestlige verdens nikkelbehov (avsnittet "
            f"{document_section(lo.lines)}) kan ikke kontrolleres med disse dataene.")
