"""Document checks: a figure stated in a document compared with the same figure recomputed.

The public API used by themes and notebooks, gathered from the modules that do one job each:
``printed`` (reading printed numbers and their rounding), ``stated_figures`` (the
stated_figures dataset), ``verdicts`` (check, check_range, check_twice, cannot_check),
``results`` (Verdict, CheckKind, CheckResult, ordered), ``arithmetic`` (recomputations),
``spans`` (a recomputed value with the interval its rounded inputs allow), ``tables`` (report
tables), ``consistency`` and ``audit`` (every theme's checks in one place).

Each theme package (``helpers.themes.process_industry`` ...) exposes ``document_checks()``
returning a list of ``CheckResult``; ``collect_all`` gathers them for the audit page.
"""

from helpers.checks.arithmetic import cagr_pct, change_pct, difference, ratio, share, total
from helpers.checks.audit import THEME_MODULES, Audit, ModuleFailure, collect_all, documents_to_show
from helpers.checks.printed import (
    FRACTION_HALF_WIDTH,
    FRACTION_WORDS,
    NUMBER_WORDS,
    ChecksError,
    WordNumber,
    parse_printed,
    parse_words,
    printed_precision,
    rounding_interval,
    word_rounding_half_width,
)
from helpers.checks.spans import Span, evaluate, rounded
from helpers.checks.stated_figures import (
    DATASET,
    StatedFigure,
    UnknownFigure,
    document_name,
    document_names,
    document_titles,
    stated,
)
from helpers.checks.tables import (
    KIND_COLUMN,
    TABLE_COLUMNS,
    format_value,
    sources_of,
    summary,
    table,
)
from helpers.checks.verdicts import (
    CHECK_KIND_LABELS,
    DIFFERENCE_REASONS,
    EXACT_RTOL,
    VERDICT_LABELS,
    CheckKind,
    CheckResult,
    Verdict,
    cannot_check,
    check,
    check_range,
    check_twice,
    ordered,
    span_text,
    verdict_for,
)

__all__ = [
    "CHECK_KIND_LABELS", "DIFFERENCE_REASONS", "KIND_COLUMN", "CheckKind", "Span",
    "check_twice", "evaluate", "ordered", "rounded", "span_text",
    "DATASET", "EXACT_RTOL", "FRACTION_HALF_WIDTH", "FRACTION_WORDS", "NUMBER_WORDS",
    "TABLE_COLUMNS", "THEME_MODULES", "VERDICT_LABELS", "Audit", "CheckResult", "ChecksError",
    "ModuleFailure", "StatedFigure", "UnknownFigure", "Verdict", "WordNumber", "cagr_pct",
    "cannot_check", "change_pct", "check", "check_range", "collect_all", "difference",
    "document_name", "document_names", "document_titles", "documents_to_show", "format_value",
    "parse_printed", "parse_words",
    "printed_precision", "ratio", "rounding_interval", "share", "sources_of", "stated",
    "summary", "table", "total", "verdict_for", "word_rounding_half_width",
]
