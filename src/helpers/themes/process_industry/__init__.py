"""The process-industry report (document 003, Prosess21 *Status for norsk prosessindustri 2024*).

One module per report section; this package exposes what the notebook calls
(``from helpers.themes import process_industry as pi``):

- ``profile``: scope and employment (sections 1–2)
- ``investments``: the document's investment table (section 3)
- ``currency``: conversion with annual average rates
- ``exports``: exports by commodity group (section 4)
- ``energy``: the 2023 energy table (section 5)
- ``emissions``: emission levels, target path and annual rates (section 6)
- ``electricity``: electricity as an emission indicator (section 7)
- ``ripple``: ripple-effect ratios (section 8)
- ``audit``: the document's figures checked (section 9)
- ``charts``: every chart the notebook draws
- ``params``: validation of parameter combinations (the report's validator in reports.yaml)
"""

from __future__ import annotations

from .audit import CLASSES as AUDIT_CLASSES
from .audit import DIFFERENCE as AUDIT_DIFFERENCE
from .audit import ERROR as AUDIT_ERROR
from .audit import (
    document_checks,
    emission_checks,
    energy_checks,
    export_checks,
    investment_checks,
    ripple_checks,
    ssb_implied_1990,
)
from .audit_tables import class_counts, classified_table
from .charts import (
    chart_emission_path,
    chart_energy_mix,
    chart_export_groups,
    chart_investments,
    chart_lines,
)
from .common import (
    ALL_PRODUCTS,
    BILLION,
    BRANCH_MAP,
    ELECTRICITY,
    ENERGY,
    EXPORTS,
    ID_BASE_YEAR,
    ID_EMIS_1990,
    ID_EMIS_2023,
    ID_EMP_DIRECT,
    ID_EMP_TOTAL,
    ID_EXPORT_CHANGE,
    ID_EXPORT_CHANGE_PCT,
    ID_KI_ELECTRICITY,
    ID_REST_ELECTRICITY,
    ID_TARGET_CUT,
    ID_TARGET_YEAR,
    ID_VA_DIRECT,
    ID_VA_PER_FTE,
    ID_VA_TOTAL,
    INVESTMENTS,
    NOTEBOOK,
    PERCENT,
    RATES,
    SCOPE,
    SSB_ELECTRICITY,
    SSB_EMISSIONS,
    SSB_ENERGY,
    STATED,
    ProcessIndustryError,
    amount,
    branch_label,
    branch_rows,
    printed,
    public_available,
    shown,
    stated_table,
    stated_value,
)
from .currency import (
    convert,
    currency_change,
    nok_per,
    rates,
)
from .declaration import allowed
from .electricity import (
    IndicatorTest,
    electricity_emissions_table,
    indicator_test,
    industry_electricity_share_estimates,
    purchased_electricity_2023,
    ssb_power_intensive,
)
from .emissions import (
    EMISSION_UNIT,
    LEVEL_DECIMALS,
    EmissionPlan,
    document_target,
    emission_plan,
    emission_series,
    pathway_frame,
    plan_for,
    plan_table,
    plan_text,
    release_date,
    shown_gap,
    ssb_emission_levels,
    ssb_series_available,
    ssb_total_emissions,
    target_level,
)
from .energy import (
    PRODUCT_SHORT,
    electricity_shares,
    energy,
    energy_display,
    energy_matrix,
    energy_mix,
    energy_totals_check,
    energy_totals_summary,
    row_label,
)
from .exports import (
    GAP_THRESHOLD,
    ExportChange,
    ExportGap,
    export_change,
    export_gap,
    export_gap_table,
    export_gap_text,
    export_share_check,
    export_table,
    exports,
    norway_column,
    process_column,
)
from .findings import findings, findings_anchors
from .investments import (
    ID_TEN_YEAR_AVERAGE,
    ID_TEN_YEARS,
    REFINING_CHEMICALS,
    document_ten_year_average,
    investment_growth,
    investment_table,
    investment_totals,
    investments,
    ten_year_average,
)
from .params import (
    effective_source,
    validate_parameters,
)
from .profile import (
    ID_EMP_HIGH,
    ID_EMP_LOW,
    employment_summary,
    scope_markdown,
)
from .ripple import (
    ripple_multipliers,
)
from .ssb_emissions import TABLE as SSB_13931
from .ssb_emissions import (
    annual_rate,
    compare_base,
    document_beside_series,
    rate_table,
)
from .ssb_emissions import by_gas as ssb_by_gas
from .ssb_emissions import by_product as ssb_by_product
from .ssb_emissions import load as load_ssb_emissions
from .ssb_emissions import table_years as emission_table_years
from .ssb_emissions import total_series as ssb_total_series
from .ssb_emissions import vintage as ssb_vintage
from .ssb_series import ENERGY as SSB_11558
from .ssb_series import EXPORTS as SSB_08818
from .ssb_series import PRICES as SSB_12462
from .ssb_series import PRODUCTION as SSB_07095
from .ssb_series import available as series_available
from .ssb_series import load as load_series
from .ssb_tables import (
    PRICE_BASE,
    currency_years,
    document_energy_check,
    energy_overview,
    export_change_2019_2023,
    exports_by_year,
    investments_real,
    production,
    real_growth,
    real_growth_text,
    sitc_mapping_table,
)

#: Published statistics this report reads (the build ensures them; read without importing).
STATISTICS = ("ssb_13931", "ssb_11558", "ssb_08818", "ssb_12462", "ssb_07095")

__all__ = [
    "class_counts",
    "amount",
    "STATISTICS",
    "chart_lines",
    "SSB_11558",
    "SSB_08818",
    "SSB_12462",
    "SSB_07095",
    "series_available",
    "load_series",
    "PRICE_BASE",
    "currency_years",
    "document_energy_check",
    "energy_overview",
    "exports_by_year",
    "export_change_2019_2023",
    "investments_real",
    "production",
    "real_growth",
    "real_growth_text",
    "sitc_mapping_table",
    "AUDIT_CLASSES",
    "AUDIT_DIFFERENCE",
    "AUDIT_ERROR",
    "classified_table",
    "findings",
    "findings_anchors",
    "effective_source",
    "SSB_13931",
    "ssb_by_gas",
    "ssb_by_product",
    "annual_rate",
    "compare_base",
    "document_beside_series",
    "rate_table",
    "load_ssb_emissions",
    "emission_table_years",
    "ssb_total_series",
    "ssb_vintage",
    "branch_label",
    "allowed",
    "ALL_PRODUCTS",
    "BILLION",
    "BRANCH_MAP",
    "ELECTRICITY",
    "ENERGY",
    "EXPORTS",
    "ID_BASE_YEAR",
    "ID_EMIS_1990",
    "ID_EMIS_2023",
    "ID_EMP_DIRECT",
    "ID_EMP_TOTAL",
    "ID_EXPORT_CHANGE",
    "ID_EXPORT_CHANGE_PCT",
    "ID_KI_ELECTRICITY",
    "ID_REST_ELECTRICITY",
    "ID_TARGET_CUT",
    "ID_TARGET_YEAR",
    "ID_VA_DIRECT",
    "ID_VA_PER_FTE",
    "ID_VA_TOTAL",
    "INVESTMENTS",
    "NOTEBOOK",
    "PERCENT",
    "ProcessIndustryError",
    "RATES",
    "SCOPE",
    "SSB_ELECTRICITY",
    "SSB_EMISSIONS",
    "SSB_ENERGY",
    "STATED",
    "branch_rows",
    "printed",
    "public_available",
    "shown",
    "stated_table",
    "stated_value",
    "ID_EMP_HIGH",
    "ID_EMP_LOW",
    "employment_summary",
    "scope_markdown",
    "ID_TEN_YEARS",
    "ID_TEN_YEAR_AVERAGE",
    "REFINING_CHEMICALS",
    "document_ten_year_average",
    "investment_growth",
    "investment_table",
    "investment_totals",
    "investments",
    "ten_year_average",
    "convert",
    "currency_change",
    "nok_per",
    "rates",
    "ExportChange",
    "ExportGap",
    "GAP_THRESHOLD",
    "export_change",
    "export_gap",
    "export_gap_table",
    "export_gap_text",
    "export_share_check",
    "export_table",
    "exports",
    "norway_column",
    "process_column",
    "PRODUCT_SHORT",
    "electricity_shares",
    "energy",
    "energy_display",
    "energy_matrix",
    "energy_mix",
    "energy_totals_check",
    "energy_totals_summary",
    "row_label",
    "EMISSION_UNIT",
    "LEVEL_DECIMALS",
    "EmissionPlan",
    "document_target",
    "emission_plan",
    "emission_series",
    "plan_for",
    "pathway_frame",
    "plan_table",
    "plan_text",
    "shown_gap",
    "release_date",
    "ssb_emission_levels",
    "ssb_series_available",
    "ssb_total_emissions",
    "target_level",
    "IndicatorTest",
    "electricity_emissions_table",
    "indicator_test",
    "industry_electricity_share_estimates",
    "purchased_electricity_2023",
    "ssb_power_intensive",
    "ripple_multipliers",
    "validate_parameters",
    "document_checks",
    "emission_checks",
    "energy_checks",
    "export_checks",
    "investment_checks",
    "ripple_checks",
    "ssb_implied_1990",
    "chart_emission_path",
    "chart_energy_mix",
    "chart_export_groups",
    "chart_investments",
]
