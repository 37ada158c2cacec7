"""Critical and strategic value chains (document 004): data assembly for the report.

Document-based parts (definitions, materials, chains, Norway's roles, the mapping steps) need only
``data/``. The supply analysis needs the external datasets (``helpers.sources``): USGS world
production, World Bank governance indicators and the EU 2023 criticality tables. Functions that
need them raise ``external.MissingExternalData``; ``missing_external()`` tells the notebook
which sections it must leave out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import countries, data
from helpers.core.formatting import en_dash, exact_decimals, fmt_number, nobreak
from helpers.methods import concentration
from helpers.sources import external

STAGES = ("extraction", "processing")
STAGE_NO = {"extraction": "utvinning", "processing": "prosessering"}
ROLE_NO = {"supplier": "leverandør", "dependant": "importavhengig", "not_stated": "ikke oppgitt"}
#: The EU criticality assessment whose published SR and EI the report compares with.
EU_ASSESSMENT_YEAR = 2023
#: The value_chain parameter's value for every chain.
ALL_CHAINS = "alle"

#: Which report sections need which external datasets.
SECTION_NEEDS: dict[str, tuple[str, ...]] = {
    "3 Forsyningskonsentrasjon": ("usgs_mcs2025_world", "eu_crm_2023_global_shares"),
    "4 Styringsvektet konsentrasjon og forsyningsrisiko": (
        "wgi_2023", "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares", "eu_crm_2023_scores",
    ),
    "5 Norges rolle (andeler)": (
        "usgs_mcs2025_world", "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares",
    ),
    "6 Scenario": ("usgs_mcs2025_world", "eu_crm_2023_global_shares"),
}

DOC = "value_chains_materials"


# --------------------------------------------------------------------------- document data


def chains() -> pd.DataFrame:
    return data.load("value_chains_chains")


def materials() -> pd.DataFrame:
    return data.load("value_chains_materials")


def links() -> pd.DataFrame:
    return data.load("value_chains_links")


def chain_ids() -> list[str]:
    return chains()["chain"].tolist()


def material_ids() -> list[str]:
    return materials()["material"].tolist()


def label(material: str) -> str:
    """Norwegian label of a material id."""
    m = materials().set_index("material")
    return str(m.loc[material, "label_no"]) if material in m.index else material


def materials_of(value_chain: str) -> list[str]:
    """The materials of a chain (document order); ``alle`` gives every material."""
    if value_chain == ALL_CHAINS:
        return material_ids()
    linked = set(links().query("chain == @value_chain")["material"])
    return [m for m in material_ids() if m in linked]


def resolve_materials(value_chain: str, chosen: Sequence[str] | None) -> list[str]:
    """The materials the report covers: ``chosen`` if given, else those of the chain."""
    return list(chosen) if chosen else materials_of(value_chain)


def resolve_country(value: str | None) -> tuple[str, str] | None:
    """(ISO3, Norwegian display name) for a country code, name or alias; None for None (no
    scenario).

    Raises ValueError for a name that is not in ``country_codes``.
    """
    if value is None:
        return None
    code = countries.country_code(str(value))
    if code is None:
        raise ValueError(
            f"disrupted_country {value!r} is not a known country code or name (dataset "
            "country_codes: e.g. 'CHN', 'China', 'Indonesia', 'ZAF'); leave it null for no scenario"
        )
    return code, countries.country_name_nb(code) or countries.country_name(code) or str(value)


def material_keys(selected: Iterable[str], stage: str | None = None) -> pd.DataFrame:
    keys = data.load("value_chains_material_keys")
    keys = keys[keys["material"].isin(list(selected))]
    return keys if stage is None else keys[keys["stage"] == stage]


# --------------------------------------------------------------------------- parameters


def validate_parameters(params: dict[str, Any]) -> None:
    """Reject impossible parameter combinations for notebook ``critical_value_chains`` (called
    with every parameter; single values are declared in ``reports.yaml`` and checked before)."""
    nb = "critical_value_chains"
    chain = params["value_chain"]
    selected = resolve_materials(chain, params["materials"])
    if not selected:
        raise ValueError(
            f"{nb}: the document names no material for value_chain {chain!r}; "
            "give the parameter 'materials' (e.g. ['silicon'])"
        )
    stage = params["stage"]
    if material_keys(selected, stage).empty:
        other = [s for s in STAGES if s != stage][0]
        raise ValueError(
            f"{nb}: none of the materials {selected} has supply data for stage {stage!r}; "
            f"choose stage {other!r} or other materials"
        )
    threshold = params["concentration_threshold"]
    if not threshold > 0:  # the declaration's minimum is inclusive: a zero share flags everything
        raise ValueError(
            f"{nb}: concentration_threshold must be a share in (0, 1], got {threshold!r}"
        )
    try:
        resolve_country(params["disrupted_country"])
    except ValueError as exc:
        raise ValueError(f"{nb}: {exc}") from None


# --------------------------------------------------------------------------- external data


def missing_external() -> dict[str, list[str]]:
    """Sections that cannot be shown, with the external datasets each lacks (empty if none)."""
    ok = {name: external.available(name) for name in external.sources()}
    out: dict[str, list[str]] = {}
    for section, needs in SECTION_NEEDS.items():
        lacking = [n for n in needs if not ok.get(n, False)]
        if lacking:
            out[section] = lacking
    return out


#: Short names of the external datasets for the report's callouts.
SHORT_NAMES = {
    "usgs_mcs2025_world": "USGS 2025",
    "wgi_2023": "WGI 2023",
    "eu_crm_2023_scores": "EU 2023 SR/EI",
    "eu_crm_2023_global_shares": "EU 2023 globale andeler",
    "eu_crm_2023_eu_shares": "EU 2023 EU-andeler",
}


def missing_external_message(missing: dict[str, list[str]]) -> str:
    """Norwegian text for the callout at the top of the report: which sections need which data,
    and how to get them."""
    parts = [f"avsnitt {section.split()[0]} ({', '.join(SHORT_NAMES.get(n, n) for n in names)})"
             for section, names in missing.items()]
    needed = list(dict.fromkeys(n for names in missing.values() for n in names))
    return (
        "Eksterne datasett mangler, så disse avsnittene er utelatt: " + "; ".join(parts) + ". "
        "Datasettene: " + "; ".join(f"{SHORT_NAMES.get(n, n)} = {external.citation(n)}"
                                     for n in needed) + ". "
        f"Hent dem med «{external.FETCH_COMMAND}» (krever internett; filene kontrolleres mot "
        f"SHA-256 og lagres i data/external/), eller sett miljøvariabelen "
        f"{external.EXTERNAL_DIR_ENV} til en mappe som har dem. Avsnittene 1, 2, 7 og 8 bygger "
        "bare på dokumentet og EU-listene."
    )


def external_citations(*names: str) -> list[str]:
    return [external.citation(n) for n in names]


# --------------------------------------------------------------------------- section 1


def definitions_table(kind: str | None = None) -> pd.DataFrame:
    """Definitions and frameworks of document 004; ``kind`` 'definition' or 'framework' gives
    one of them without the type column (narrower, for print)."""
    c = data.load("value_chains_concepts")
    c = c[c["kind"].isin([kind] if kind else ["definition", "framework"])]
    names = {"definition": "definisjon", "framework": "rammeverk"}
    first = {} if kind else {"type": c["kind"].map(names)}
    return pd.DataFrame({
        **first,
        "utsteder": c["issuer"].fillna(""),
        "innhold (våre ord)": c["label_no"],
        "linjer": c["lines"],
    }).reset_index(drop=True)


#: What the report does with each criterion of the document (our assessment).
CRITERION_STATUS = {
    "SR": "beregnet som delvis indikator (avsnitt 4) og vist fra EU 2023",
    "EI": "vist fra EU 2023 (krever sektordata for å beregnes)",
    "IR": "mangler (krever handelsstatistikk)",
    "HHI; top share": "beregnet (avsnitt 3)",
    "EoL-RIR": "mangler i prosjektets data",
    "SI": "mangler i prosjektets data",
}


def criteria_table() -> pd.DataFrame:
    c = data.load("value_chains_concepts").query("kind == 'criterion'")
    return pd.DataFrame({
        "kriterium": c["label_no"],
        "indikator i EU-metoden": c["report_indicator"],
        "i denne rapporten": c["report_indicator"].map(CRITERION_STATUS).fillna(""),
        "linjer": c["lines"],
    }).reset_index(drop=True)


# --------------------------------------------------------------------------- section 2


def crma_status(selected: Iterable[str]) -> pd.DataFrame:
    """Per material: on Annex I (strategic) / Annex II (critical), with the list entries."""
    cmap = data.load("value_chains_crma_map")
    lists = data.load("eu_crma_annex_lists")
    rows = []
    for m in selected:
        entries = cmap.loc[cmap["material"] == m, "crma_material"].tolist()
        on = lists[lists["material"].isin(entries)]
        strat = on.loc[on["measure"] == "strategic_raw_material", "material"].tolist()
        crit = on.loc[on["measure"] == "critical_raw_material", "material"].tolist()
        rows.append({"material": m, "strategic": "; ".join(strat), "critical": "; ".join(crit)})
    return pd.DataFrame(rows)


def materials_table(selected: Sequence[str]) -> pd.DataFrame:
    """Section 2: material, chains, EU list status, Norway's role as the document states it."""
    mat = materials().set_index("material")
    lk = links()
    names = chains().set_index("chain")["label_no"]
    status = crma_status(selected).set_index("material")
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
            "EU strategisk (vedl. I)": "ja" if status.loc[m, "strategic"] else "nei",
            "EU kritisk (vedl. II)": "ja" if status.loc[m, "critical"] else "nei",
            "Norges rolle ifølge dokumentet": role,
            "linjer": r["role_lines"] or r["lines"],
        })
    return pd.DataFrame(rows)




def links_table(selected: Sequence[str], value_chain: str) -> pd.DataFrame:
    """One row per chain; the materials linked to it in one column per basis of the link (the
    document, with the lines where it says so; the CRMA list; our own assignment)."""
    lk = links()
    lk = lk[lk["material"].isin(selected)]
    if value_chain != ALL_CHAINS:
        lk = lk[lk["chain"] == value_chain]
    names = chains().set_index("chain")["label_no"]
    columns = {"document": "ifølge dokumentet (linjer)", "eu_list": "ifølge CRMA-listen",
               "own": "egen tilordning"}
    rows = []
    for chain, part in lk.groupby("chain", sort=False):
        row = {"verdikjede": names[chain]}
        for basis, column in columns.items():
            sub = part[part["basis"] == basis]
            row[column] = ", ".join(
                f"{label(m)} (l. {en_dash(ln)})" if isinstance(ln, str) and ln else label(m)
                for m, ln in zip(sub["material"], sub["lines"], strict=True))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["verdikjede", *columns.values()])
    # leave out a basis no chain in the selection uses
    return out[[c for c in out.columns if c == "verdikjede" or (out[c] != "").any()]]


# --------------------------------------------------------------------------- section 3


def usgs_shares(selected: Iterable[str], stage: str, year: int) -> pd.DataFrame:
    """Country shares of world production from USGS MCS 2025 for the materials' stage.

    Rows of the same country whose TYPE starts with the key's prefix are summed (e.g. ilmenite
    and rutile). Shares are of the world total; when the listed rows sum to more than the
    rounded world total, of their sum. Withheld countries (W) get no share.
    """
    usgs = external.load("usgs_mcs2025_world")
    prod = usgs[(usgs["measure"] == "production") & (usgs["year"] == year)]
    frames = []
    for key in material_keys(selected, stage).itertuples(index=False):
        if not key.usgs_commodity:
            continue
        rows = prod[(prod["commodity"] == key.usgs_commodity)
                    & prod["type"].str.startswith(key.usgs_type)]
        world_rows = rows[rows["country"] == key.usgs_world_label]
        world = world_rows["value"].sum() if len(world_rows) else math.nan
        listed = rows[rows["row_kind"].isin(["country", "other"])]
        by = listed.groupby(["country", "row_kind"], sort=False).agg(
            iso3=("iso3", "first"), value=("value", lambda v: v.sum(min_count=1)),
            status=("status", lambda s: ";".join(sorted({x for x in s if x}))),
            unit=("unit", "first"),
        ).reset_index()
        denominator = max(world, by["value"].sum()) if not math.isnan(world) else math.nan
        by["share"] = by["value"] / denominator
        by["material"], by["stage"], by["source"] = key.material, stage, "USGS"
        by["world_total"] = world
        by["note"] = key.note or ""
        frames.append(by)
    cols = ["material", "stage", "country", "iso3", "row_kind", "value", "unit", "status",
            "share", "world_total", "source", "note"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def eu_shares(selected: Iterable[str], stage: str, table: str = "global") -> pd.DataFrame:
    """Country shares from the EU 2023 study (``table`` 'global' or 'eu') for the stage."""
    name = "eu_crm_2023_global_shares" if table == "global" else "eu_crm_2023_eu_shares"
    shares = external.load(name)
    frames = []
    for key in material_keys(selected, stage).itertuples(index=False):
        if not key.eu_supply_material:
            continue
        part = shares[(shares["material"] == key.eu_supply_material)
                      & (shares["stage"] == stage)].copy()
        if part.empty:
            continue
        part["material"], part["row_kind"] = key.material, "country"
        part["source"] = "EU 2023" if table == "global" else "EU 2023 (EU-forsyning)"
        part["status"] = part["share_status"]
        part["note"] = key.note or ""
        frames.append(part)
    cols = ["material", "stage", "country", "iso3", "row_kind", "share", "share_upper",
            "status", "t", "source", "note"]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def supply_shares(selected: Iterable[str], stage: str, year: int) -> pd.DataFrame:
    """USGS shares where USGS covers the material and stage; the EU 2023 global shares else."""
    selected = list(selected)
    usgs = usgs_shares(selected, stage, year) if external.available("usgs_mcs2025_world") \
        else pd.DataFrame(columns=["material"])
    rest = [m for m in selected if m not in set(usgs["material"])]
    eu = eu_shares(rest, stage) if rest and external.available("eu_crm_2023_global_shares") \
        else pd.DataFrame()
    return pd.concat([usgs, eu], ignore_index=True)


def _country_shares(part: pd.DataFrame) -> pd.Series:
    """Shares by ISO3 code. Published shares are rounded, so listed shares can sum to a little
    more than 1; they are then rescaled to sum to 1."""
    rows = part[(part["row_kind"] == "country") & part["share"].notna()]
    s = rows.groupby("iso3")["share"].sum()
    total = s.sum() + part.loc[part["row_kind"] == "other", "share"].sum()
    return s / total if total > 1 else s


def concentration_table(shares: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Per material: largest supplier and share, the next two, HHI, threshold flag, notes.

    HHI is over the countries listed; "other countries" (USGS) and shares below 0.1 % (EU) are
    left out, so it is a lower bound (the excluded shares are spread over many countries).
    """
    rows = []
    for (material, stage), part in shares.groupby(["material", "stage"], sort=False):
        s = _country_shares(part)
        if s.empty:
            continue
        ordered = s.sort_values(ascending=False)
        names = _source_names(part)
        top_code, top = ordered.index[0], float(ordered.iloc[0])
        others = part.loc[part["row_kind"] == "other", "share"].sum()
        w_rows = part[part["status"].fillna("").str.contains("W")]
        withheld = [_display_country(c, i) for c, i in zip(w_rows["country"], w_rows["iso3"],
                                                           strict=True)]
        notes = []
        if others > 0:
            notes.append(nobreak(f"andre {fmt_number(others, 1, percent=True)}"))
        if withheld:
            notes.append("W: " + ", ".join(withheld))
        rows.append({
            "material": material,
            "stage": stage,
            "source": part["source"].iloc[0],
            "top_country": names.get(top_code, top_code),
            "top_iso3": top_code,
            "top_share": top,
            "second": _nth(ordered, 1, names),
            "third": _nth(ordered, 2, names),
            "hhi": concentration.hhi(s),
            "above_threshold": top > threshold,
            "notes": "; ".join(notes),
        })
    return pd.DataFrame(rows)


def coverage_notes(selected: Sequence[str], stage: str) -> pd.DataFrame:
    """What the supply data cover for each selected material and stage where that is not the
    material itself (proxies, withheld totals): ``note_no`` of ``value_chains_material_keys``."""
    keys = material_keys(selected, stage)
    keys = keys[keys["note_no"].fillna("") != ""]
    return pd.DataFrame({"materiale": keys["material"].map(label),
                         "hva dataene dekker": keys["note_no"]}).reset_index(drop=True)


def _source_names(part: pd.DataFrame) -> dict[str, str]:
    """ISO3 → the country's Norwegian display name (``country_codes.name_nb``), or its name as
    the source spells it where the code is unknown."""
    named = part.dropna(subset=["iso3"])
    return {code: countries.country_name_nb(code) or name
            for code, name in zip(named["iso3"], named["country"], strict=True)}


def _display_country(name: str, iso3: Any) -> str:
    """Norwegian display name for a row of a supply table (the source's spelling if unknown)."""
    code = iso3 if isinstance(iso3, str) and iso3 else countries.country_code(name)
    return (countries.country_name_nb(code) if code else None) or name


def _nth(ordered: pd.Series, i: int, names: dict[str, str]) -> str:
    if len(ordered) <= i:
        return "–"
    code = ordered.index[i]
    return nobreak(f"{names.get(code, code)} {fmt_number(ordered.iloc[i], 0, percent=True)}")


def concentration_display(conc: pd.DataFrame) -> pd.DataFrame:
    # the largest country and its share in one column keeps the table at 8 columns, so the
    # PDF prints it at normal size (more columns get the small "wide" layout)
    return pd.DataFrame({
        "materiale": conc["material"].map(label),
        "kilde": conc["source"].map(nobreak),
        "største land": [nobreak(f"{c} {fmt_number(v, 0, percent=True)}")
                         for c, v in zip(conc["top_country"], conc["top_share"], strict=True)],
        "nr. 2": conc["second"],
        "nr. 3": conc["third"],
        "HHI": conc["hhi"].map(lambda v: fmt_number(v, 2)),
        "terskel": conc["above_threshold"].map({True: "over", False: "under"}),
        "merknad": conc["notes"].replace("", "–"),
    })


def concentration_chart(conc: pd.DataFrame, threshold: float):
    """Horizontal bars: the largest supplier's share per material, the threshold as a line."""
    import matplotlib.pyplot as plt

    conc = conc.sort_values("top_share")
    height = max(2.5, 0.42 * len(conc) + 1.2)
    fig, ax = plt.subplots(figsize=(7, height))
    colours = ["#b2182b" if a else "#4d7ea8" for a in conc["above_threshold"]]
    names = [label(m) for m in conc["material"]]
    ax.barh(names, conc["top_share"] * 100, color=colours)
    for y, (share, country, h) in enumerate(zip(conc["top_share"], conc["top_country"],
                                                conc["hhi"], strict=True)):
        text = f"{country} · HHI {fmt_number(h, 2)}"
        inside = share > 0.55
        # a box in the bar's colour keeps the threshold line from running through the text
        ax.text(share * 100 + (-1.5 if inside else 1.5), y, text, va="center",
                ha="right" if inside else "left", fontsize=8, zorder=4,
                color="white" if inside else "black",
                bbox={"facecolor": colours[y] if inside else "white", "edgecolor": "none",
                      "pad": 1.0})
    ax.axvline(threshold * 100, color="black", linestyle="--", linewidth=1, zorder=3)
    ax.text(threshold * 100, len(conc) - 0.4, f" terskel {fmt_number(threshold, 0, percent=True)}",
            fontsize=8, va="bottom")
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(conc) - 0.1)
    ax.set_xlabel("Største lands andel av verdensproduksjonen (%)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- section 4


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


def partial_sr_chart(gov: pd.DataFrame):
    """Per material: the EU 2023 published SR (filled dot) and our partial indicator's upper
    bound (open diamond; an arrow to the edge where it has none), with the SR threshold."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = gov.iloc[::-1].reset_index(drop=True)  # first material at the top
    names = gov_labels(gov)[::-1]
    finite = [v for v in list(rows["sr_high"]) + list(rows["sr_published"])
              if not (math.isinf(v) or math.isnan(v))]
    xmax = max([concentration.SR_THRESHOLD * 2] + finite) * 1.12
    fig, ax = plt.subplots(figsize=(7, max(2.6, 0.36 * len(rows) + 1.4)))
    ax.axvline(concentration.SR_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    for y, (hi, pub) in enumerate(zip(rows["sr_high"], rows["sr_published"], strict=True)):
        if math.isinf(hi):
            ax.annotate("", xy=(xmax, y), xytext=(xmax * 0.9, y),
                        arrowprops={"arrowstyle": "->", "color": "#b2182b", "lw": 1})
            ax.text(xmax * 0.89, y, "ingen øvre grense", ha="right", va="center", fontsize=7,
                    color="#b2182b")
        elif not math.isnan(hi):
            ax.plot([hi], [y], marker="D", markersize=6, markerfacecolor="white",
                    markeredgecolor="#b2182b", linestyle="none", zorder=3)
        if not math.isnan(pub):
            ax.plot([pub], [y], marker="o", markersize=6, color="#4d7ea8", linestyle="none",
                    zorder=4)
    ax.set_yticks(range(len(rows)), names, fontsize=8)
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel("Forsyningsrisiko (SR)")
    sr_line = concentration.SR_THRESHOLD
    sr_text = f" SR = {fmt_number(sr_line, exact_decimals(sr_line))}"
    ax.text(concentration.SR_THRESHOLD, len(rows) - 0.35, sr_text, fontsize=7.5, color="grey",
            va="bottom")
    ax.spines[["top", "right"]].set_visible(False)
    handles = [
        Line2D([], [], marker="o", color="#4d7ea8", linestyle="none", label="EU 2023 (publisert)"),
        Line2D([], [], marker="D", markerfacecolor="white", markeredgecolor="#b2182b",
               linestyle="none", label="delvis SR, øvre grense (vår beregning)"),
    ]
    # the legend in a strip of fixed height below the axes, whatever the number of rows
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.35 / fig.get_figheight(), 1, 1))
    return fig


def sr_ei_chart(gov: pd.DataFrame):
    """The EU 2023 published SR (y) against EI (x), with the criticality thresholds."""
    import matplotlib.pyplot as plt

    pts = gov.dropna(subset=["sr_published", "ei_published"]).drop_duplicates("eu_material")
    fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.axhline(concentration.SR_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    ax.axvline(concentration.EI_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    crit = [concentration.is_critical(s, e)
            for s, e in zip(pts["sr_published"], pts["ei_published"], strict=True)]
    ax.scatter(pts["ei_published"], pts["sr_published"],
               c=["#b2182b" if c else "#4d7ea8" for c in crit], s=36, zorder=3)
    xmax = max(10.0, float(pts["ei_published"].max()) + 1.0) if len(pts) else 10.0
    ymax = max(2.0, float(pts["sr_published"].max()) + 0.5) if len(pts) else 2.0
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    sr, ei = concentration.SR_THRESHOLD, concentration.EI_THRESHOLD
    ax.text(xmax - 0.1, sr - 0.05, f"SR = {fmt_number(sr, exact_decimals(sr))}",
            ha="right", va="top", fontsize=8, color="grey")
    ax.text(ei + 0.1, ymax - 0.1, f"EI = {fmt_number(ei, exact_decimals(ei))}",
            va="top", fontsize=8, color="grey")
    ax.set_xlabel("Økonomisk betydning (EI)")
    ax.set_ylabel("Forsyningsrisiko (SR)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    texts = []
    for name, m in zip(pts["eu_material"], pts["material"], strict=True):
        # the EU name only where one material has several EU entries (rare earths)
        several = (pts["material"] == m).sum() > 1
        texts.append(f"{label(m)} ({name})" if several else label(m))
    _place_labels(fig, ax, list(pts["ei_published"]), list(pts["sr_published"]), texts)
    return fig


def _place_labels(fig, ax, xs: list[float], ys: list[float], texts: list[str]) -> None:
    """Annotate points without overlaps: try positions around each point, keep the first whose
    box hits no other label, point or the axes' edge (measured with the renderer)."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    pad = 4.0
    points = [to_px((x, y)) for x, y in zip(xs, ys, strict=True)]
    taken = [(px - pad, py - pad, px + pad, py + pad) for px, py in points]
    frame = ax.get_window_extent(renderer)
    candidates = [((6, 0), "left", "center"), ((-6, 0), "right", "center"),
                  ((0, 7), "center", "bottom"), ((0, -7), "center", "top"),
                  ((6, 7), "left", "bottom"), ((6, -7), "left", "top"),
                  ((-6, 7), "right", "bottom"), ((-6, -7), "right", "top"),
                  ((6, 16), "left", "bottom"), ((6, -16), "left", "top")]

    def overlaps(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for (x, y), text in zip(zip(xs, ys, strict=True), texts, strict=True):
        for offset, ha, va in candidates:
            ann = ax.annotate(text, (x, y), xytext=offset, textcoords="offset points",
                              ha=ha, va=va, fontsize=7.5)
            bb = ann.get_window_extent(renderer)
            box = (bb.x0, bb.y0, bb.x1, bb.y1)
            inside = (bb.x0 >= frame.x0 and bb.x1 <= frame.x1 + 40
                      and bb.y0 >= frame.y0 and bb.y1 <= frame.y1)
            own = to_px((x, y))
            hits = [t for t in taken
                    if overlaps(box, t) and not (abs(t[0] + pad - own[0]) < 1e-6
                                                 and abs(t[1] + pad - own[1]) < 1e-6)]
            if inside and not hits:
                taken.append(box)
                break
            ann.remove()
        else:  # no free place: put it to the right, with a leader line, and accept it
            ann = ax.annotate(text, (x, y), xytext=(12, -12), textcoords="offset points",
                              fontsize=7.5, arrowprops={"arrowstyle": "-", "lw": 0.5})
            bb = ann.get_window_extent(renderer)
            taken.append((bb.x0, bb.y0, bb.x1, bb.y1))


# --------------------------------------------------------------------------- section 5


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


# --------------------------------------------------------------------------- section 6


def scenario_table(shares: pd.DataFrame, country: tuple[str, str],
                   selected: Sequence[str]) -> pd.DataFrame:
    """Remove ``country`` from each material's supply: lost share, HHI before/after, chains."""
    code, _ = country
    lk = links()
    names = chains().set_index("chain")["label_no"]
    rows = []
    for (material, stage), part in shares.groupby(["material", "stage"], sort=False):
        s = _country_shares(part)
        if s.empty:
            continue
        d = concentration.remove_supplier(s, code)
        names_src = _source_names(part)
        touched = [names[c] for c in lk.loc[lk["material"] == material, "chain"]]
        rows.append({
            "material": material,
            "stage": stage,
            "source": part["source"].iloc[0],
            "lost_share": d.lost_share,
            "hhi_before": d.hhi_before,
            "hhi_after": d.hhi_after,
            "top_after": names_src.get(d.top_after[0], d.top_after[0]) if d.top_after else "–",
            "top_after_share": d.top_after[1] if d.top_after else math.nan,
            "chains": ", ".join(touched),
        })
    out = pd.DataFrame(rows)
    return out.sort_values("lost_share", ascending=False) if not out.empty else out


def document_on_country(code: str) -> str:
    """Norwegian sentence: what document 004 says about the country (``value_chains_countries``,
    our words), or that it does not name it."""
    c = data.load("value_chains_countries")
    row = c[c["iso3"] == code]
    name = countries.country_name_nb(code) or code
    if row.empty:
        return f"Dokumentet nevner ikke {name} blant landene i verdikjedene."
    r = row.iloc[0]
    return f"Dokumentet om {r['label_no']} (linje {en_dash(r['lines'])}): {r['role_no']}."


def scenario_chart(sc: pd.DataFrame, country_name: str):
    """Horizontal bars: each material's share of supply lost with ``country_name``, largest on
    top, with the largest remaining supplier named beside the bar."""
    import matplotlib.pyplot as plt

    hit = sc[sc["lost_share"] > 0].iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, max(2.4, 0.36 * len(hit) + 1.2)))
    ax.barh([label(m) for m in hit["material"]], hit["lost_share"] * 100, color="#b2182b")
    for y, (lost, top, share) in enumerate(zip(hit["lost_share"], hit["top_after"],
                                               hit["top_after_share"], strict=True)):
        after = (f"; størst etter bortfallet: {top} {fmt_number(share, 0, percent=True)}"
                 if top != "–" else "; ingen produsent igjen")
        ax.text(lost * 100 + 1, y, f"{fmt_number(lost, 0, percent=True)}{after}", va="center",
                fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Andel av produksjonen som faller bort med {country_name} (%)")
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def scenario_display(sc: pd.DataFrame) -> pd.DataFrame:
    """The scenario table; the largest remaining supplier is in the chart (``scenario_chart``)."""
    return pd.DataFrame({
        "materiale": sc["material"].map(label),
        "kilde": sc["source"].map(nobreak),
        "tapt andel": sc["lost_share"].map(lambda v: fmt_number(v, 0, percent=True)),
        "HHI før": sc["hhi_before"].map(lambda v: fmt_number(v, 2)),
        "HHI etter": sc["hhi_after"].map(lambda v: fmt_number(v, 2)),
        "berørte verdikjeder": sc["chains"],
    })


# --------------------------------------------------------------------------- section 7

#: How far this report carries out each proposed step (our assessment).
STEP_STATUS: dict[int, tuple[str, str]] = {
    1: ("delvis", "EUs lister er med (avsnitt 2); NATOs liste finnes ikke i prosjektets data"),
    2: ("delvis", "sink og kjemikalier er med som materialer; kjemikalier mangler forsyningsdata"),
    3: ("delvis", "koblingene er merket: fra dokumentet, fra CRMA-listen eller egen tilordning"),
    4: ("utført med eksterne data", "konsentrasjon, terskel og styringsvektet HHI (avsnitt 3-4) "
        "og scenario (avsnitt 6); importavhengighet mangler"),
    5: ("delvis", "Norges andeler av verdensproduksjon og EUs forsyning (avsnitt 5)"),
    6: ("ikke utført", "krever handelsstatistikk etter varenummer (SSBs utenrikshandel etter "
        "HS/KN, Eurostat Comext)"),
    7: ("ikke utført", "krever dialog med bedrifter og referansegrupper"),
}


def steps_table() -> pd.DataFrame:
    s = data.load("value_chains_steps")
    return pd.DataFrame({
        "nr.": s["step"],
        "forslag (våre ord)": s["label_no"],
        "linjer": s["lines"],
        "i denne rapporten": s["step"].map(lambda i: STEP_STATUS[int(i)][0]),
        "merknad": s["step"].map(lambda i: STEP_STATUS[int(i)][1]),
    })


# --------------------------------------------------------------------------- section 8


def checks_display(results: Sequence[checks.CheckResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two print-friendly tables: the figures that were recomputed (stated, recomputed,
    difference, verdict, method) and those that cannot be checked (stated, why not). The line
    stands in the claim column and the document column is left out (every row is document 004),
    so neither table needs the narrow columns that wrap words into syllables."""
    table = checks.table(results)
    claim = [f"{c} (l. {ln})" for c, ln in zip(table["påstand"], table["linje"], strict=True)]
    table = table.assign(påstand=claim)
    cannot = table["vurdering"] == checks.Verdict.CANNOT_CHECK.label
    table = table.assign(oppgitt=table["oppgitt"].map(nobreak),
                         beregnet=table["beregnet"].map(nobreak))
    # the verdict says what the difference would (0 inside a stated range), so it is left out
    done = table.loc[~cannot, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]
    rest = table.loc[cannot, ["påstand", "oppgitt", "metode"]].rename(
        columns={"metode": "hvorfor ikke"})
    return done.reset_index(drop=True), rest.reset_index(drop=True)


def document_checks() -> list[checks.CheckResult]:
    """Checks of the figures document 004 states (see stated_figures_004.csv)."""
    results = []
    lists = data.load("eu_crma_annex_lists")
    n_critical = int((lists["measure"] == "critical_raw_material").sum())
    results.append(checks.check(
        "004-0123-a", n_critical, "antall kritiske råmaterialer i CRMA vedlegg II",
        sources=["eu_crma_annex_lists"],
    ))
    swd = "krever Kommisjonens arbeidsdokument SWD(2021) 352, som ikke er i prosjektets data"
    for fid in ("004-0077-b", "004-0077-c", "004-0081-a"):
        results.append(checks.cannot_check(fid, swd))
    nickel = ("ingen data om den vestlige verdens nikkelbehov; USGS 2025 har ikke "
              "raffineringstall")
    for fid in ("004-0205-a", "004-0217-a"):
        results.append(checks.cannot_check(fid, nickel))
    how = "Norges andel av EUs forsyning av silisiummetall (EU 2023); ferrolegeringer ikke samlet"
    if external.available("eu_crm_2023_eu_shares"):
        eus = eu_shares(["silicon"], "processing", "eu")
        share = float(eus.loc[eus["iso3"] == "NOR", "share"].sum()) * 100
        results.append(checks.check_range("004-0221-a", "004-0221-b", share, how,
                                          sources=[external.citation("eu_crm_2023_eu_shares")]))
    else:
        for fid in ("004-0221-a", "004-0221-b"):
            results.append(checks.cannot_check(
                fid, f"krever eksterne data (EU 2023): {external.FETCH_COMMAND}"))
    results.append(checks.cannot_check(
        "004-0374-a", "terskel i et eksempel, ikke en målt størrelse; brukt som parameteren "
        "concentration_threshold"))
    return results


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


def external_status_table() -> pd.DataFrame:
    """The external datasets: citation, file and whether it is there and verifies."""
    ext = external.status()
    state = {"ok": "ok", "missing": "mangler"}
    return pd.DataFrame({
        "kilde": [external.citation(n) for n in ext["name"]],
        "fil": ext["file"],
        "status": ext["state"].map(lambda v: state.get(v, "feil sjekksum")),
    })


def plant_years() -> str:
    """The year(s) of the dated plant-level facts, e.g. "2016"."""
    years = data.load("norway_plant_facts")["year"].dropna().astype(int).unique()
    return ", ".join(str(y) for y in sorted(years))
