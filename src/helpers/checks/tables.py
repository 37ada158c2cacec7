"""Check tables for Norwegian reports: one row per check, a verdict count per document,
and the sources behind them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.checks.printed import ChecksError, _isnan
from helpers.checks.stated_figures import DATASET
from helpers.checks.verdicts import CheckResult, Verdict
from helpers.core.formatting import EN_DASH, en_dash, fmt_number, unit_nb

TABLE_COLUMNS = (
    "dokument", "linje", "påstand", "oppgitt", "beregnet", "differanse", "vurdering", "metode",
)

def format_value(x: float | None, unit: str, decimals: int, *, kind: str = "") -> str:
    """A value for a Norwegian table: narrow no-break space for thousands, decimal comma, the
    unit in Norwegian; years (``kind`` or unit "year") as plain digits ("2024")."""
    if x is None or _isnan(x):
        return "–"
    if kind == "year" or unit == "year":
        return f"{float(x):.0f}"
    if round(float(x), decimals) == 0:
        x = 0.0  # no "−0,00" for a difference that is float noise
    shown = unit_nb(unit)
    return fmt_number(x, decimals) + (f" {shown}" if shown else "")


def _shown_decimals(r: CheckResult) -> int:
    """Decimals for the recomputed value and the difference: one finer than printed, so a
    within-rounding difference shows; as printed when the values agree exactly (the extra
    digit would be a trailing zero); none for counts, years and whole numbers in a whole
    printed figure."""
    whole = r.recomputed is not None and float(r.recomputed).is_integer()
    if r.kind in ("count", "year") or r.unit in ("count", "year") or (whole and not r.decimals):
        return 0
    # A large whole figure ("200 000") gains nothing from a decimal on its recomputed value.
    if not r.decimals and r.stated is not None and abs(float(r.stated)) >= 1000:
        return 0
    exact = r.verdict is Verdict.AGREES and r.stated_high is None  # inside a range is not equal
    return r.decimals if exact else r.decimals + 1


def _stated_text(r: CheckResult) -> str:
    """The stated value (or range) formatted from the stored value; a number printed in words
    keeps the word beside it ("4 % («fire»)")."""
    if r.stated_high is not None:
        low = format_value(r.stated, "", r.decimals, kind=r.kind)
        return f"{low}{EN_DASH}{format_value(r.stated_high, r.unit, r.decimals, kind=r.kind)}"
    text = format_value(r.stated, r.unit, r.decimals, kind=r.kind)
    return f"{text} («{r.printed}»)" if r.in_words else text


def table(results: Iterable[CheckResult], *, formatted: bool = True) -> pd.DataFrame:
    """The report table: dokument, linje, påstand, oppgitt, beregnet, differanse, vurdering,
    metode.

    ``påstand`` is the figure's Norwegian label (``label_nb``, with its period) when it has one,
    else the English ``measure``. ``formatted`` (default) gives Norwegian-formatted text (see
    ``format_value``): the stated value with the decimals printed, the recomputed value and the
    difference one decimal finer (none for counts, years and whole numbers), units in Norwegian
    (``UNITS_NB``). ``formatted=False`` keeps numbers for further computation. For "cannot be
    checked" the ``metode`` column holds the reason.
    """
    rows = []
    for r in results:
        if not isinstance(r, CheckResult):
            raise ChecksError(f"checks.table() expects CheckResult objects, got {type(r).__name__}")
        if formatted:
            decimals = _shown_decimals(r)
            oppgitt = _stated_text(r)
            beregnet = format_value(r.recomputed, r.unit, decimals, kind=r.kind)
            diff = format_value(r.difference, "", decimals)
        else:
            oppgitt, beregnet, diff = r.stated, r.recomputed, r.difference
        metode = r.how if r.verdict is not Verdict.CANNOT_CHECK else (r.why or r.how)
        if r.verdict is Verdict.CANNOT_CHECK and r.how and r.why and r.how != r.why:
            metode = f"{r.how}: {r.why}"
        rows.append(
            {
                "dokument": r.document,
                "linje": en_dash(r.lines),
                "påstand": r.claim,
                "oppgitt": oppgitt,
                "beregnet": beregnet,
                "differanse": diff,
                "vurdering": r.label,
                "metode": metode,
            }
        )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def summary(results: Iterable[CheckResult]) -> pd.DataFrame:
    """Count of verdicts per document: one row per document, one column per verdict label
    (every label present, zero when none), plus ``totalt``."""
    labels = [v.label for v in Verdict]
    counts: dict[str, dict[str, int]] = {}
    for r in results:
        counts.setdefault(r.document, dict.fromkeys(labels, 0))[r.label] += 1
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=labels).sort_index()
    frame = frame.reindex(columns=labels, fill_value=0).astype(int)
    frame["totalt"] = frame.sum(axis=1)
    frame.index.name = "dokument"
    return frame.reset_index()


def sources_of(results: Iterable[CheckResult]) -> list[str]:
    """Every source the checks used, ``stated_figures`` first, each once (for "Kilde:")."""
    out = [DATASET]
    for r in results:
        for s in r.sources:
            if s not in out:
                out.append(s)
    return out
