"""Critical and strategic value chains (document 004): the functions the notebook calls.

Document-based parts (definitions, materials, chains, Norway's roles, the mapping steps) need only
``data/``. The supply analysis needs the external datasets (``helpers.sources``): USGS world
production, World Bank governance indicators and the EU 2023 criticality tables. Functions that
need them raise ``external.MissingExternalData``; ``missing_external()`` tells the notebook
which sections it must leave out.
"""

from .analysis import Analysis
from .availability import (
    SECTION_NEEDS,
    SECTION_TITLES,
    SHORT_NAMES,
    external_citations,
    external_status_table,
    missing_external,
    missing_external_message,
    missing_section_text,
)
from .catalogue import (
    ALL_CHAINS,
    DOC,
    EU_ASSESSMENT_YEAR,
    ROLE_NO,
    STAGE_NO,
    STAGES,
    chain_ids,
    chain_label,
    chains,
    document_section,
    label,
    links,
    material_ids,
    material_keys,
    materials,
    materials_of,
    resolve_country,
    resolve_materials,
)
from .charts import (
    chart_concentration,
    chart_exports,
    chart_scenario,
    chart_sr_ei,
    chart_supply_risk,
)
from .classification import (
    classification_display,
    classify,
    disagreements_text,
    status_of,
)
from .definitions import CRITERION_STATUS, criteria_table, definitions_table
from .document_checks import checks_display, document_checks
from .exports import (
    annual_exports,
    exports_available,
    exports_display,
    exports_text,
    load_exports,
    sitc_map,
)
from .findings import SECTIONS, findings
from .lists import excluded_materials, links_table, materials_table, selection_gaps
from .method import STEP_STATUS, example_chain, steps_table, worked_example
from .norway import (
    PLANT_MEASURE_NO,
    PLANT_PRODUCT_NO,
    norway_display,
    norway_eu_rows,
    norway_eu_rows_display,
    norway_eu_text,
    norway_roles_text,
    norway_shares,
    plant_facts_table,
    plant_note_text,
    plant_years,
    role_lines,
    silicon_claim_text,
)
from .params import validate_parameters
from .scenario import (
    disrupt,
    document_on_country,
    scenario_display,
    scenario_findings,
    scenario_table,
)
from .supply import (
    concentration_display,
    concentration_table,
    coverage_notes,
    eu_shares,
    supply_shares,
    usgs_shares,
)
from .supply_risk import (
    comparison_word,
    gov_labels,
    governance_display,
    governance_table,
    supply_risk_comparison_text,
    wgi_year,
)

#: Published statistics the report reads (the build ensures them; read without importing).
STATISTICS = ("usgs_mcs2025_world", "wgi_2023", "eu_crm_2023_scores",
              "eu_crm_2023_global_shares", "eu_crm_2023_eu_shares", "ssb_08818")

__all__ = [
    "Analysis",
    "STATISTICS",
    "chart_exports",
    "annual_exports",
    "exports_available",
    "exports_display",
    "exports_text",
    "load_exports",
    "sitc_map",
    "chain_label",
    "plant_note_text",
    "silicon_claim_text",
    "supply_risk_comparison_text",
    "SECTIONS",
    "SECTION_TITLES",
    "findings",
    "excluded_materials",
    "selection_gaps",
    "example_chain",
    "worked_example",
    "missing_section_text",
    "document_section",
    "norway_eu_rows",
    "norway_eu_rows_display",
    "norway_eu_text",
    "disrupt",
    "scenario_findings",
    "classify",
    "classification_display",
    "comparison_word",
    "disagreements_text",
    "status_of",
    "ALL_CHAINS",
    "CRITERION_STATUS",
    "DOC",
    "EU_ASSESSMENT_YEAR",
    "PLANT_MEASURE_NO",
    "PLANT_PRODUCT_NO",
    "ROLE_NO",
    "SECTION_NEEDS",
    "SHORT_NAMES",
    "STAGES",
    "STAGE_NO",
    "STEP_STATUS",
    "chain_ids",
    "chains",
    "chart_concentration",
    "chart_scenario",
    "chart_sr_ei",
    "chart_supply_risk",
    "checks_display",
    "concentration_display",
    "concentration_table",
    "coverage_notes",
    "criteria_table",
    "definitions_table",
    "document_checks",
    "document_on_country",
    "eu_shares",
    "external_citations",
    "external_status_table",
    "gov_labels",
    "governance_display",
    "governance_table",
    "label",
    "links",
    "links_table",
    "material_ids",
    "material_keys",
    "materials",
    "materials_of",
    "materials_table",
    "missing_external",
    "missing_external_message",
    "norway_display",
    "norway_roles_text",
    "norway_shares",
    "plant_facts_table",
    "plant_years",
    "resolve_country",
    "resolve_materials",
    "role_lines",
    "scenario_display",
    "scenario_table",
    "steps_table",
    "supply_shares",
    "usgs_shares",
    "validate_parameters",
    "wgi_year",
]
