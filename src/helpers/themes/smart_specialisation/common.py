"""Names the sections share: the document id, counties, reference regions, candidate areas, dataset
ids and small Norwegian text helpers.
"""

from __future__ import annotations

from helpers.core.formatting import fmt_number

DOCUMENT = "002"

#: Counties the report can be run for; Viken is the 2020-2023 county made of the other three.
COUNTIES: tuple[str, ...] = ("Akershus", "Buskerud", "Østfold", "Viken")
VIKEN_PARTS: tuple[str, ...] = ("Østfold", "Akershus", "Buskerud")
#: Reference regions for the Balassa index (parameter value -> label in the report).
BALASSA_REFERENCES: dict[str, str] = {
    "norge": "Norge",
    "viken": "Viken (Østfold + Akershus + Buskerud)",
}
AREAS: tuple[str, ...] = (
    "helseindustri", "automatisering", "bioøkonomi", "bygg_anlegg", "smarte_energisystemer",
)
FOCUS_AREAS: tuple[str, ...] = ("alle", *AREAS)
#: The years the document's growth figures span.
DOCUMENT_BASE_YEAR, DOCUMENT_YEAR = 2011, 2021
ATTRACTIVENESS_COMPONENTS: tuple[str, ...] = ("vekst", "produktivitet")

EXPORTS = "ssb_mainland_exports_by_county_2014_2018"
REGIONAL_ACCOUNTS = "ssb_regional_accounts_county"
EMPLOYMENT = "ssb_employment_by_workplace_region"
MANUFACTURING = "ssb_manufacturing_by_county_2007_2008"
PRODUCTION_INDEX = "ssb_production_index_annual"
GP_PER_HOUR = "ssb_gross_product_per_hour_growth_2009_2014"
EMISSIONS = "ssb_emissions_total_by_gas"
MUNICIPALITIES = "municipalities_2024"

def county_label(county: str) -> str:
    return "Viken (2020–2023)" if county == "Viken" else county




def whole(x: float) -> str:
    """A whole number for a table, never "−0" for a value that rounds to zero."""
    return fmt_number(0.0 if round(float(x)) == 0 else x, 0)

def _check_county(county: str) -> None:
    if county not in COUNTIES:
        raise ValueError(f"unknown county {county!r}; valid counties: {', '.join(COUNTIES)}")
