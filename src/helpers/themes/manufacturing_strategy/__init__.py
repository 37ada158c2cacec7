"""The manufacturing-strategy report (documents 000 and 001): what its notebook calls.

One module per report section: ``reference`` (areas, recommendations, actors, stated
figures), ``key_figures``, ``productivity``, ``rd``, ``targets``, ``tracker`` (the user's
status file), ``actor_matrix``, ``needs`` (001 → 000), ``document_checks``; ``params``
validates parameter combinations and ``charts`` draws every chart. The notebook reads
``from helpers.themes import manufacturing_strategy as ms``.
"""

from helpers.themes.manufacturing_strategy.actor_matrix import actor_legend, actor_matrix
from helpers.themes.manufacturing_strategy.charts import (
    chart_actor_matrix,
    chart_indicators,
    chart_productivity_annual,
    chart_progress,
    chart_rd,
)
from helpers.themes.manufacturing_strategy.comparisons import series_comparison
from helpers.themes.manufacturing_strategy.counties import county_employment, county_text
from helpers.themes.manufacturing_strategy.document_checks import (
    DATASET_LABELS_NB,
    checks_table,
    document_checks,
)
from helpers.themes.manufacturing_strategy.indicators import (
    INDICATORS,
    indicator_series,
    indicator_table,
    indicators_for,
    load_table,
    missing_tables,
    sources_table,
)
from helpers.themes.manufacturing_strategy.key_figures import (
    KEY_FIGURES,
    employment_change,
    key_figures,
)
from helpers.themes.manufacturing_strategy.monitor import (
    area_context,
    dashboard_rows,
    dashboard_sources,
    dashboard_table,
    definitions_table,
    findings,
    rd_gdp_note,
    rd_indicator_rows,
)
from helpers.themes.manufacturing_strategy.needs import (
    needs_mapping,
    needs_table,
    recommendations_without_need,
)
from helpers.themes.manufacturing_strategy.params import (
    MAX_PERIODS,
    parse_periods,
    period_label,
    validate_parameters,
)
from helpers.themes.manufacturing_strategy.productivity import (
    average_annual_growth,
    productivity_annual,
    productivity_by_period,
)
from helpers.themes.manufacturing_strategy.rd import (
    rd_against_targets,
    rd_share_of_gdp,
    rd_targets,
)
from helpers.themes.manufacturing_strategy.reference import (
    ALL_LABEL,
    AREA_ALL,
    FOLLOW_UP,
    NOTEBOOK,
    ROLE_LABELS,
    ROLE_SYMBOLS,
    actor_links,
    actors,
    area_choices,
    area_label,
    areas,
    areas_table,
    recommendations,
    unit_no,
)
from helpers.themes.manufacturing_strategy.status_file import (
    STATUS_HEADINGS,
    STATUS_LABELS,
    UNKNOWN,
    StatusFileError,
    history,
    latest,
    read_status,
    reader_description,
    status_template,
    update_dates,
    write_status_template,
)
from helpers.themes.manufacturing_strategy.targets import (
    produktivitetsspranget_rate,
    targets,
    targets_table,
)
from helpers.themes.manufacturing_strategy.tracker import (
    as_of,
    changes_since_last_update,
    changes_table,
    county_recommendations,
    county_table,
    overdue,
    overdue_table,
    progress_by_area,
    status_words_text,
    template_caption,
    template_preview,
    tracker,
    tracker_table,
    tracker_with_follow_up,
)

#: Published statistics the report reads (declared for the build; read without importing).
STATISTICS = ("ssb_07095", "ssb_07984", "ssb_08818", "ssb_11010", "ssb_12462", "ssb_11713")

__all__ = [
    "county_employment", "county_text",
    "series_comparison",
    "sources_table",
    "dashboard_sources",
    "dashboard_rows", "rd_indicator_rows",
    "area_context", "missing_tables",
    "INDICATORS", "STATISTICS", "chart_indicators", "dashboard_table", "definitions_table",
    "findings", "indicator_series", "indicator_table", "indicators_for", "load_table",
    "rd_gdp_note",
    "ALL_LABEL", "AREA_ALL", "DATASET_LABELS_NB", "FOLLOW_UP", "KEY_FIGURES", "MAX_PERIODS",
    "NOTEBOOK", "ROLE_LABELS", "ROLE_SYMBOLS", "STATUS_HEADINGS", "STATUS_LABELS",
    "StatusFileError", "UNKNOWN", "actor_legend", "actor_links", "actor_matrix", "actors",
    "area_choices", "area_label", "areas", "areas_table", "as_of", "average_annual_growth",
    "changes_since_last_update", "changes_table", "chart_actor_matrix",
    "chart_productivity_annual", "chart_progress", "chart_rd", "checks_table",
    "county_recommendations", "county_table", "document_checks", "employment_change", "history",
    "key_figures", "latest", "needs_mapping", "needs_table", "overdue", "overdue_table",
    "parse_periods", "period_label", "productivity_annual", "productivity_by_period",
    "produktivitetsspranget_rate", "progress_by_area", "rd_against_targets", "rd_share_of_gdp",
    "rd_targets",
    "read_status", "reader_description", "recommendations", "recommendations_without_need",
    "status_template",
    "status_words_text", "targets", "targets_table", "template_caption", "template_preview",
    "tracker",
    "tracker_table", "tracker_with_follow_up", "unit_no", "update_dates", "validate_parameters",
    "write_status_template",
]
