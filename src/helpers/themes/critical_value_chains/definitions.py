"""Section 1: the definitions, frameworks and criteria document 004 presents."""

from __future__ import annotations

import pandas as pd

from helpers.core import data

from .catalogue import document_section


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
        "avsnitt i dokumentet": c["lines"].map(document_section),
    }).reset_index(drop=True)


#: What the report does with each criterion of the document (our assessment).
CRITERION_STATUS = {
    "SR": "beregnet som delvis indikator (avsnitt 4) og vist fra EU 2023",
    "EI": "vist fra EU 2023 (krever sektordata for å beregnes)",
    "IR": "mangler (krever handelsstatistikk)",
    "HHI; top share": "beregnet (avsnitt 3)",
    "EoL-RIR": "mangler i kildene til denne rapporten",
    "SI": "mangler i kildene til denne rapporten",
}


def criteria_table() -> pd.DataFrame:
    c = data.load("value_chains_concepts").query("kind == 'criterion'")
    return pd.DataFrame({
        "kriterium": c["label_no"],
        "indikator i EU-metoden": c["report_indicator"].replace(
            {"HHI; top share": "HHI; største lands andel"}),
        "i denne rapporten": c["report_indicator"].map(CRITERION_STATUS).fillna(""),
        "avsnitt i dokumentet": c["lines"].map(document_section),
    }).reset_index(drop=True)
