"""Smart specialisation by county (document 002: Menon Economics, *Smart spesialisering i Viken og
Akershus*, 2023): the functions ``notebooks/smart_specialisation.ipynb`` calls, one module per
report section.
"""

from __future__ import annotations

from .areas import (  # noqa: F401
    area_elements,
    area_names,
    area_overview,
    area_status,
)
from .attractiveness import (  # noqa: F401
    ATTRACTIVENESS_INPUTS,
    ATTRACTIVENESS_LABELS,
    ATTRACTIVENESS_YEARS,
    SECTOR_MAP,
    attractiveness,
    attractiveness_indicators,
    attractiveness_inputs,
    weights_text,
)
from .charts import (  # noqa: F401
    chart_attractiveness,
    chart_export_balassa,
    chart_productivity_comparison,
    chart_top5_frequency,
)
from .clusters import (  # noqa: F401
    CLUSTER_PAIR_LABELS,
    cluster_pairs,
    clusters,
    membership_overlap,
)
from .common import (  # noqa: F401
    AREAS,
    ATTRACTIVENESS_COMPONENTS,
    BALASSA_REFERENCES,
    COUNTIES,
    DOCUMENT,
    DOCUMENT_BASE_YEAR,
    DOCUMENT_YEAR,
    EMISSIONS,
    EMPLOYMENT,
    EXPORTS,
    FOCUS_AREAS,
    GP_PER_HOUR,
    MANUFACTURING,
    MUNICIPALITIES,
    PRODUCTION_INDEX,
    REGIONAL_ACCOUNTS,
    VIKEN_PARTS,
    _check_county,
    and_list,
    county_label,
    whole,
)
from .document import (  # noqa: F401
    DOCUMENT_BALASSA,
    INDUSTRY_FIGURES,
    PROFILE_FIGURES,
    document_balassa,
    document_profile,
    industry_figures,
    note_no,
    period_no,
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
from .document_growth import (  # noqa: F401
    document_growth,
    growth_table,
)
from .exports import (  # noqa: F401
    balassa_sensitivity,
    export_balassa,
    export_shift_share,
    export_year_for,
    export_years,
)
from .municipalities import (  # noqa: F401
    MUNICIPALITY_COLUMNS,
    baerum_figures,
    county_industries,
    municipality_list,
    municipality_names,
    municipality_overview,
    municipality_table,
    top5_frequency,
    top5_municipalities,
)
from .params import (  # noqa: F401
    attractiveness_weights,
    validate_parameters,
)
from .profile import (  # noqa: F401
    productivity_comparison,
    published_profile,
    published_volume_growth,
    same_ranking,
)
