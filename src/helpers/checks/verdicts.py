"""Verdicts: a stated figure compared with the same figure recomputed (``check``,
``check_range``, ``check_twice``, ``cannot_check``, ``verdict_for``). What a comparison
produces (``CheckResult``, ``Verdict``, ``CheckKind``, ``ordered``) is in
``helpers.checks.results`` and importable from here too.

A check names a stated figure by its id in the ``stated_figures`` dataset (e.g. ``003-0047-a``)
and gives the value recomputed from the document's own components or from published data, in the
same unit as the stated figure. The verdict knows about rounding, one way everywhere: the
stated figure stands for the interval of values that print as it did ("43,3" covers
[43.25, 43.35)), and the recomputed value for the interval its inputs' rounding allows (a
``Span``, from arithmetic on ``checks.rounded(id)``; a plain number is exact). The two agree
within rounding when the intervals meet. A stated range ("30–40 %", two rows) is checked with
``check_range``; a number the document states twice with ``check_twice``.

Verdicts (English in code, Norwegian labels in reports), in the order reports list them:

=========================  =======================================================
``disagrees``              stemmer ikke (feil i dokumentet)
``differs``                avvik som skyldes ulik kilde, år eller definisjon
``agrees_within_rounding`` stemmer innenfor avrunding
``agrees``                 stemmer
``cannot_check``           kan ikke kontrolleres
=========================  =======================================================

A recomputation that uses another source, year or definition than the document says so with
``differs="source" | "year" | "definition"`` (or several): outside rounding it is then a
difference (``differs``, with ``reason``), not an error in the document. Each result also has a
``check_kind``: ``recomputed`` (the figure computed anew) or ``stated_twice`` (the same figure
printed in two places compared), so summaries count confirmations of a repeated number apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from helpers.checks.printed import ChecksError, _dec, _isnan, rounding_interval
from helpers.checks.results import (  # noqa: F401 - the result types, importable from here too
    CHECK_KIND_LABELS,
    DIFFERENCE_REASONS,
    VERDICT_LABELS,
    CheckKind,
    CheckResult,
    Verdict,
    ordered,
    span_text,
)
from helpers.checks.spans import Span, rounded
from helpers.checks.stated_figures import StatedFigure, stated
from helpers.core.formatting import EN_DASH

#: Relative tolerance under which stated and recomputed values count as equal ("agrees"):
#: only floating-point noise, never a real difference.
EXACT_RTOL = 1e-9


def verdict_for(
    stated_value: float,
    recomputed: float | Span,
    printed: str | None = None,
    *,
    rounding_unit: float | None = None,
    kind: str = "",
    differs: bool = False,
) -> Verdict:
    """The verdict for a recomputed value (a number, or a ``Span`` carrying its inputs'
    rounding) against a stated value printed as ``printed`` (``kind``: the figure's kind, which
    sets the rounding of numbers printed in words). Outside rounding the verdict is
    ``disagrees``, or ``differs`` when the recomputation is known to use another source, year
    or definition (``differs=True``)."""
    if _isnan(recomputed) or _isnan(stated_value):
        return Verdict.CANNOT_CHECK
    s, r = float(stated_value), float(recomputed)
    if abs(r - s) <= EXACT_RTOL * max(1.0, abs(s)):
        return Verdict.AGREES
    interval = rounding_interval(s, printed, rounding_unit=rounding_unit, kind=kind)
    if _meets(recomputed, *interval):
        return Verdict.AGREES_WITHIN_ROUNDING
    return Verdict.DIFFERS if differs else Verdict.DISAGREES


def _meets(r: float | Span, low: Decimal, high: Decimal, low_closed: bool,
           high_closed: bool) -> bool:
    """Whether the recomputed value, or any value of its span, lies in the interval."""
    if not isinstance(r, Span) or r.width == 0:
        return _inside(float(r), low, high, low_closed, high_closed)
    lo, hi = _dec(r.low), _dec(r.high)
    return (hi >= low if low_closed else hi > low) and (lo <= high if high_closed else lo < high)


def _inside(x: float, low: Decimal, high: Decimal, low_closed: bool, high_closed: bool) -> bool:
    """Whether ``x`` lies in the interval (each end open or closed)."""
    d = _dec(x)
    return (d >= low if low_closed else d > low) and (d <= high if high_closed else d < high)


def check(
    figure_id: str,
    recomputed: float | Span | None,
    how: str,
    *,
    sources: Sequence[str] = (),
    rounding_unit: float | None = None,
    differs: str | Sequence[str] = (),
    why: str = "",
    check_kind: CheckKind | str = CheckKind.RECOMPUTED,
) -> CheckResult:
    """Compare stated figure ``figure_id`` with ``recomputed`` (in the stated figure's unit).

    ``recomputed`` is a number (taken as exact) or a ``Span`` from arithmetic on rounded
    inputs (``checks.share(checks.rounded("002-a"), checks.rounded("002-b"))``): then any
    value the inputs' rounding allows counts. ``how`` says in a few Norwegian words how the
    value was recomputed (shown in the report); ``sources`` names the datasets (or other
    sources) used; ``rounding_unit`` overrides the rounding read from the printed number (e.g.
    1000 for a figure printed as "about 360 000"). ``differs`` names what the recomputation
    does differently from the document ("source", "year", "definition"): a value outside
    rounding is then a difference, not an error; ``why`` says it in Norwegian words. A number
    printed in words is read from the ``value`` column (see ``word_rounding_half_width`` for
    its rounding). A missing recomputed value (None/NaN) gives "cannot be checked".
    """
    _need_how(figure_id, how)
    fig = stated(figure_id)
    srcs = _sources_tuple(sources)
    reasons = _reasons(figure_id, differs)
    kind_ = CheckKind(check_kind)
    if _isnan(recomputed):
        return replace(_cannot(fig, why or "beregnet verdi mangler (manglende data)", how, srcs),
                       reason=reasons, check_kind=kind_)
    verdict = verdict_for(fig.value, recomputed, fig.printed, rounding_unit=rounding_unit,
                          kind=fig.kind, differs=bool(reasons))
    low, high, _, _ = rounding_interval(
        fig.value, fig.printed, rounding_unit=rounding_unit, kind=fig.kind
    )
    return replace(
        _result(fig, how, srcs),
        recomputed=float(recomputed),  # type: ignore[arg-type]
        verdict=verdict,
        interval=(float(low), float(high)),
        reason=reasons,
        why=why,
        check_kind=kind_,
        recomputed_span=_span_tuple(recomputed),
    )


def check_twice(
    figure_id: str,
    other_id: str,
    how: str = "",
    *,
    differs: str | Sequence[str] = (),
    why: str = "",
) -> CheckResult:
    """Compare a figure the document states twice: ``figure_id`` against ``other_id`` (the
    same quantity printed elsewhere), each with its printed rounding. Equal values "agree";
    overlapping rounding intervals "agree within rounding"; otherwise the document contradicts
    itself ("disagrees"), unless ``differs`` says the two statements use another source, year
    or definition. ``how`` defaults to "samme tall oppgitt på l. …". Counted apart from
    recomputations (``check_kind`` ``stated_twice``)."""
    other = stated(other_id)
    mine = stated(figure_id)
    if other.unit != mine.unit:
        raise ChecksError(f"check_twice({figure_id!r}, {other_id!r}): units differ "
                          f"({mine.unit!r} and {other.unit!r})")
    how = how or f"samme tall oppgitt på l. {other.lines.replace('-', EN_DASH)}"
    return check(figure_id, rounded(other_id), how, sources=(), differs=differs, why=why,
                 check_kind=CheckKind.STATED_TWICE)


def check_range(
    low_id: str,
    high_id: str,
    recomputed: float | Span | None,
    how: str,
    *,
    sources: Sequence[str] = (),
    rounding_unit: float | None = None,
    differs: str | Sequence[str] = (),
    why: str = "",
    check_kind: CheckKind | str = CheckKind.RECOMPUTED,
) -> CheckResult:
    """Compare ``recomputed`` with a stated range whose ends are two stated figures.

    "30–40 %" is stored as two rows (low end, high end). Inside [low, high] the check
    "agrees"; outside it but within an end's printed rounding (29.5 for "30"), or with a span
    that reaches that far, it "agrees within rounding"; else it "disagrees" (or "differs", see
    ``check``). One result, carrying both ids (``figure_ids``); its ``difference`` is the
    distance to the nearer end (zero inside). ``rounding_unit`` overrides the printed rounding
    of both ends.
    """
    _need_how(low_id, how)
    low_fig, high_fig = stated(low_id), stated(high_id)
    if low_fig.document != high_fig.document or low_fig.unit != high_fig.unit:
        raise ChecksError(
            f"check_range({low_id!r}, {high_id!r}): the ends must share document and unit"
        )
    if low_fig.value > high_fig.value:
        raise ChecksError(f"check_range: {low_id!r} ({low_fig.value}) is above {high_id!r} "
                          f"({high_fig.value}); give the low end first")
    srcs = _sources_tuple(sources)
    reasons = _reasons(low_id, differs)
    lines = low_fig.lines if low_fig.lines == high_fig.lines else (
        f"{low_fig.lines}, {high_fig.lines}")
    base = replace(
        _result(low_fig, how, srcs),
        lines=lines,
        printed=f"{low_fig.printed}{EN_DASH}{high_fig.printed}",
        high_id=high_fig.id,
        stated_high=high_fig.value,
        decimals=max(low_fig.stored_decimals, high_fig.stored_decimals),
        reason=reasons,
        check_kind=CheckKind(check_kind),
    )
    if _isnan(recomputed):
        return replace(base, why=why or "beregnet verdi mangler (manglende data)")
    r = float(recomputed)  # type: ignore[arg-type]
    low, _, low_closed, _ = rounding_interval(
        low_fig.value, low_fig.printed, rounding_unit=rounding_unit, kind=low_fig.kind
    )
    _, high, _, high_closed = rounding_interval(
        high_fig.value, high_fig.printed, rounding_unit=rounding_unit, kind=high_fig.kind
    )
    if low_fig.value <= r <= high_fig.value:
        verdict = Verdict.AGREES
    elif _meets(recomputed, low, high, low_closed, high_closed):  # type: ignore[arg-type]
        verdict = Verdict.AGREES_WITHIN_ROUNDING
    else:
        verdict = Verdict.DIFFERS if reasons else Verdict.DISAGREES
    return replace(base, recomputed=r, verdict=verdict, interval=(float(low), float(high)),
                   why=why, recomputed_span=_span_tuple(recomputed))


def _span_tuple(x: object) -> tuple[float, float] | None:
    if isinstance(x, Span) and x.width > 0:
        return (x.low, x.high)
    return None


def _reasons(figure_id: str, differs: str | Sequence[str]) -> tuple[str, ...]:
    items = (differs,) if isinstance(differs, str) else tuple(differs)
    unknown = [d for d in items if d not in DIFFERENCE_REASONS]
    if unknown:
        raise ChecksError(f"check {figure_id!r}: differs must be among "
                          f"{', '.join(DIFFERENCE_REASONS)}; got {', '.join(map(repr, unknown))}")
    return tuple(d for d in DIFFERENCE_REASONS if d in items)


def _need_how(figure_id: str, how: str) -> None:
    if not isinstance(how, str) or not how.strip():
        raise ChecksError(f"check {figure_id!r}: 'how' must describe the recomputation")


def _result(fig: StatedFigure, how: str, srcs: tuple[str, ...]) -> CheckResult:
    """A "cannot be checked" result for ``fig``; checks replace verdict and value."""
    return CheckResult(
        figure_id=fig.id,
        document=fig.document,
        lines=fig.lines,
        claim=fig.label,
        printed=fig.printed,
        unit=fig.unit,
        stated=fig.value,
        recomputed=None,
        verdict=Verdict.CANNOT_CHECK,
        how=how,
        sources=srcs,
        decimals=fig.stored_decimals,
        kind=fig.kind,
        in_words=fig.in_words,
    )


def cannot_check(
    figure_id: str,
    why: str,
    *,
    sources: Sequence[str] = (),
    check_kind: CheckKind | str = CheckKind.RECOMPUTED,
) -> CheckResult:
    """Record that stated figure ``figure_id`` cannot be checked, and why (Norwegian, short)."""
    if not isinstance(why, str) or not why.strip():
        raise ChecksError(f"cannot_check {figure_id!r}: say why it cannot be checked")
    return replace(_cannot(stated(figure_id), why, "", _sources_tuple(sources)),
                   check_kind=CheckKind(check_kind))


def _cannot(fig: StatedFigure, why: str, how: str, srcs: tuple[str, ...]) -> CheckResult:
    return replace(_result(fig, how, srcs), why=why)


def _sources_tuple(sources: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(sources, str):
        return (sources,)
    return tuple(sources)
