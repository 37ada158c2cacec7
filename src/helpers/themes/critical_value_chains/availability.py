"""Which sections the external datasets allow, and how the report says what is missing."""

from __future__ import annotations

import pandas as pd

from helpers.sources import external

#: Which report sections need which external datasets (keys are the sections' anchors).
SECTION_NEEDS: dict[str, tuple[str, ...]] = {
    "konsentrasjon": ("usgs_mcs2025_world", "eu_crm_2023_global_shares"),
    "forsyningsrisiko": (
        "wgi_2023", "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares", "eu_crm_2023_scores",
    ),
    "norge": ("usgs_mcs2025_world", "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares"),
    "scenario": ("usgs_mcs2025_world", "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares"),
}
#: The sections' titles for readers (without number).
SECTION_TITLES = {
    "konsentrasjon": "Forsyningskonsentrasjon",
    "forsyningsrisiko": "Forsyningsrisiko",
    "norge": "Norges rolle",
    "scenario": "Scenario",
}


def missing_external() -> dict[str, list[str]]:
    """Sections that cannot be shown, with the external datasets each lacks (empty if none)."""
    ok = {name: external.available(name) for name in external.sources()}
    out: dict[str, list[str]] = {}
    for section, needs in SECTION_NEEDS.items():
        lacking = [n for n in needs if not ok.get(n, False)]
        if lacking:
            out[section] = lacking
    return out


#: The external datasets in words, for readers.
SHORT_NAMES = {
    "usgs_mcs2025_world": "USGS' verdensproduksjon (Mineral Commodity Summaries 2025)",
    "wgi_2023": "Verdensbankens styringsindikatorer (WGI)",
    "eu_crm_2023_scores": "EUs forsyningsrisiko og økonomiske betydning (2023)",
    "eu_crm_2023_global_shares": "EU-studiens globale forsyningsandeler (2023)",
    "eu_crm_2023_eu_shares": "EU-studiens andeler av EUs forsyning (2023)",
}


def missing_external_message(missing: dict[str, list[str]]) -> str:
    """Norwegian text for the callout at the top of the report: which sections lack which
    published data, in words (no commands: the reader cannot act on them)."""
    parts = [f"«{SECTION_TITLES[s]}» mangler "
             + ", ".join(SHORT_NAMES.get(n, n) for n in names)
             for s, names in missing.items()]
    return (
        "Denne utgaven er laget uten noen av de publiserte datasettene rapporten bygger på. "
        "Avsnittene som trenger dem, sier hva som mangler og viser bare det dokumentet og "
        "EUs lister gir: " + "; ".join(parts) + ". Definisjonene, materialene med status, "
        "metoden og kontrollen av dokumentets tall er med."
    )


def missing_section_text(section: str, missing: dict[str, list[str]]) -> str:
    """One sentence for a section that cannot be computed: which data it lacks."""
    names = ", ".join(SHORT_NAMES.get(n, n) for n in missing.get(section, []))
    return (f"Avsnittet krever {names}, som ikke var tilgjengelig da rapporten ble laget. "
            "Tallene kan derfor ikke vises her.")


def external_citations(*names: str) -> list[str]:
    return [external.citation(n) for n in names]


def external_status_table() -> pd.DataFrame:
    """The published datasets the report reads from outside the project, and whether they
    were there (and verified) when it was made."""
    ext = external.status()
    ext = ext[ext["name"].isin(list(SHORT_NAMES))]
    state = {"ok": "brukt", "missing": "manglet"}
    return pd.DataFrame({
        "datasett": ext["name"].map(SHORT_NAMES),
        "kilde": [external.citation(n) for n in ext["name"]],
        "status": ext["state"].map(lambda v: state.get(v, "kontrollsum stemte ikke")),
    })
