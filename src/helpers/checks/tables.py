"""Check tables for Norwegian reports: one row per check (errors first when sorted), a verdict
count per document and kind of check, and the sources behind them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.checks.printed import ChecksError, _isnan
from helpers.checks.stated_figures import DATASET
from helpers.checks.verdicts import CheckKind, CheckResult, Verdict, ordered, span_text
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


def table(
    results: Iterable[CheckResult], *, formatted: bool = True, sort: bool = False
) -> pd.DataFrame:
    """The report table: dokument, linje, påstand, oppgitt, beregnet, differanse, vurdering,
    metode.

    ``påstand`` is the figure's Norwegian label (``label_nb``, with its period) when it has one,
    else the English ``measure``. ``formatted`` (default) gives Norwegian-formatted text (see
    ``format_value``): the stated value with the decimals printed, the recomputed value and the
    difference one decimal finer (none for counts, years and whole numbers), units in Norwegian
    (``UNITS_NB``). ``formatted=False`` keeps numbers for further computation. For "cannot be
    checked" the ``metode`` column holds the reason; for a recomputed value that carries its
    inputs' rounding, the span follows the method ("… (avrundede inndata: 9,22–9,44 %)"); for a
    difference of source, year or definition, the reason. ``sort`` puts the rows in the order
    of ``ordered`` (errors first); by default the rows follow ``results``.
    """
    rows = []
    results = list(results)
    if sort:
        bad = [r for r in results if not isinstance(r, CheckResult)]
        if bad:
            raise ChecksError(
                f"checks.table() expects CheckResult objects, got {type(bad[0]).__name__}")
        results = ordered(results)
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
        metode = _method_text(r)
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


def _method_text(r: CheckResult) -> str:
    """The ``metode`` cell: how, then why it cannot be checked or why it differs, then the
    span the inputs' rounding allows."""
    if r.verdict is Verdict.CANNOT_CHECK:
        if r.how and r.why and r.how != r.why:
            return f"{r.how}: {r.why}"
        return r.why or r.how
    text = r.how
    if r.why:
        text = f"{text}; {r.why}" if text else r.why
    span = span_text(r) if r.check_kind is CheckKind.RECOMPUTED else ""
    if span:
        text = f"{text} (avrundede inndata: {span})"
    return text


#: The ``kontroll`` column of ``summary``.
KIND_COLUMN = "kontroll"


def summary(results: Iterable[CheckResult], *, by_kind: bool = True) -> pd.DataFrame:
    """Count of verdicts per document: one column per verdict class (every class present, in
    report order, zero when none), plus ``totalt``. With ``by_kind`` (default) one row per
    document and kind of check (``kontroll``: "beregnet på nytt", "samme tall oppgitt to
    steder"), so confirmations of a number printed twice are counted apart from
    recomputations; ``by_kind=False`` gives one row per document."""
    labels = [v.label for v in Verdict]
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        key = (r.document, r.check_kind.label if by_kind else "")
        counts.setdefault(key, dict.fromkeys(labels, 0))[r.verdict.label] += 1
    kinds = [k.label for k in CheckKind]
    rows = [{"dokument": d, KIND_COLUMN: k, **c} for (d, k), c in sorted(
        counts.items(), key=lambda kv: (kv[0][0], kinds.index(kv[0][1]) if by_kind else 0))]
    columns = ["dokument", KIND_COLUMN, *labels] if by_kind else ["dokument", *labels]
    frame = pd.DataFrame(rows, columns=["dokument", KIND_COLUMN, *labels])[columns]
    frame[labels] = frame[labels].fillna(0).astype(int)
    frame["totalt"] = frame[labels].sum(axis=1)
    return frame.reset_index(drop=True)


def sources_of(results: Iterable[CheckResult]) -> list[str]:
    """Every source the checks used, ``stated_figures`` first, each once (for "Kilde:")."""
    out = [DATASET]
    for r in results:
        for s in r.sources:
            if s not in out:
                out.append(s)
    return out
