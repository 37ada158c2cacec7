"""Smart specialisation for any county (document 002: Menon Economics, *Smart spesialisering i
Viken og Akershus*, 2023, redone on SSB's county accounts, table 11713): the functions
``notebooks/smart_specialisation.ipynb`` calls, one module per report section.
"""

from __future__ import annotations

from helpers.core.formatting import and_list  # noqa: F401

from . import accounts, borders, relatedness, structure  # noqa: F401
from .accounts import (  # noqa: F401
    ACCOUNTS,
    FIRST_YEAR,
    LAST_YEAR,
    VIKEN,
    VIKEN_PARTS,
    AccountsError,
    counties,
    members,
    region_label,
)
from .areas import area_elements, area_names, area_overview, area_status  # noqa: F401
from .borders import (  # noqa: F401
    CHANGE_SOURCES,
    CountyChanges,
    changes_text,
    county_changes,
    klass_county_names,
)
from .charts import (  # noqa: F401
    chart_attractiveness,
    chart_county_ranking,
    chart_growth_index,
    chart_location_quotients,
    chart_relatedness,
    chart_shift_share,
    chart_top5_frequency,
)
from .clusters import clusters  # noqa: F401
from .common import AREAS, DOCUMENT, FOCUS_AREAS, county_label, whole  # noqa: F401
from .county_profile import growth, profile_table, ranking, totals  # noqa: F401
from .document import (  # noqa: F401
    shown,
    stated_figures,
    stated_value,
)
from .document_checks import (  # noqa: F401
    CANNOT,
    REPEAT_HOW,
    REPEATS,
    checks_display,
    document_checks,
    non_public_figures,
    non_public_summary,
)
from .document_vs_statistics import comparison  # noqa: F401
from .findings import findings, persons  # noqa: F401
from .growth_decomposition import employment_shift_share  # noqa: F401
from .municipalities import (  # noqa: F401
    baerum_figures,
    municipality_list,
    top5_frequency,
    top5_municipalities,
)
from .params import attractiveness_weights, validate_parameters  # noqa: F401
from .sector_attractiveness import COMPONENTS as ATTRACTIVENESS_COMPONENTS  # noqa: F401
from .sector_attractiveness import LABELS as ATTRACTIVENESS_LABELS  # noqa: F401
from .sector_attractiveness import indicators as attractiveness_indicators  # noqa: F401
from .sector_attractiveness import ranking as attractiveness  # noqa: F401
from .sector_attractiveness import weights_text  # noqa: F401
from .structure import (  # noqa: F401
    UNPUBLISHED,
    lq_table,
    productivity_by_industry,
    ranked,
    reference_effect,
    unpublished,
)

#: Published statistics the report reads (the build ensures them; rebuild keys follow them).
STATISTICS = ("ssb_11713", "klass_regions_history", "klass_municipalities",
              "klass_region_transitions")


def check_county(county: str) -> None:
    """Refuse a county that is not in the accounts or whose name KLASS does not know as a county
    before 2020 (Viken: its three parts), naming the parameter and the valid names."""
    valid = set(counties()) | {VIKEN}
    klass = klass_county_names()
    parts = members(county) if county in valid else ()
    if county not in valid or any(p not in klass for p in parts):
        raise AccountsError(
            f"smart_specialisation: parameter county={county!r} is not a county of SSB table "
            f"11713 known to KLASS on 31 December 2019; valid: {', '.join(sorted(valid))}")
