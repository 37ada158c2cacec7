"""Which sections the external datasets allow, and how the report says what is missing."""

from __future__ import annotations

import pandas as pd

from helpers.sources import external

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


def external_status_table() -> pd.DataFrame:
    """The external datasets: citation, file and whether it is there and verifies."""
    ext = external.status()
    state = {"ok": "ok", "missing": "mangler"}
    return pd.DataFrame({
        "kilde": [external.citation(n) for n in ext["name"]],
        "fil": ext["file"],
        "status": ext["state"].map(lambda v: state.get(v, "feil sjekksum")),
    })
