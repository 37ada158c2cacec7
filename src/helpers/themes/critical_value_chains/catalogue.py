"""The document's catalogue: chains, materials, links between them and the keys that tie each
material and stage to the external datasets (all from ``data/documents``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from helpers.core import countries, data

STAGES = ("extraction", "processing")
STAGE_NO = {"extraction": "utvinning", "processing": "prosessering"}
ROLE_NO = {"supplier": "leverandør", "dependant": "importavhengig", "not_stated": "ikke oppgitt"}
#: The EU criticality assessment whose published SR and EI the report compares with.
EU_ASSESSMENT_YEAR = 2023
#: The value_chain parameter's value for every chain.
ALL_CHAINS = "alle"


DOC = "value_chains_materials"




def chains() -> pd.DataFrame:
    return data.load("value_chains_chains")


def materials() -> pd.DataFrame:
    return data.load("value_chains_materials")


def links() -> pd.DataFrame:
    return data.load("value_chains_links")


def chain_ids() -> list[str]:
    return chains()["chain"].tolist()


def material_ids() -> list[str]:
    return data.load_shared("value_chains_materials")["material"].tolist()


def label(material: str) -> str:
    """Norwegian label of a material id (a report asks for hundreds: the shared table)."""
    m = data.load_shared("value_chains_materials")
    hit = m.loc[m["material"] == material, "label_no"]
    return str(hit.iloc[0]) if len(hit) else material


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


def document_section(lines: str) -> str:
    """The heading of the document-004 section where a line reference (e.g. "201-203; 235")
    starts, in guillemets: «Norges posisjon». "" for an empty reference."""
    text = str(lines or "").strip()
    if not text:
        return ""
    first = int(text.split(";")[0].split("-")[0].split("\u2013")[0].strip())
    sections = data.load("value_chains_document_sections")
    hit = sections[(sections["start"] <= first) & (sections["end"] >= first)]
    return f"«{hit['heading'].iloc[0]}»" if len(hit) else ""


def chain_label(value_chain: str) -> str:
    """Readers' name of a chain, or "alle verdikjedene" for every chain."""
    if value_chain == ALL_CHAINS:
        return "alle verdikjedene"
    return str(chains().set_index("chain").loc[value_chain, "label_no"])
