"""Verdicts: a stated figure compared with the same figure recomputed (``check``,
``check_range``, ``cannot_check``), the result of each comparison (``CheckResult``).

A check names a stated figure by its id in the ``stated_figures`` dataset (e.g. ``003-0047-a``)
and gives the value recomputed from the document's own components or from published data, in the
same unit as the stated figure. The verdict knows about the rounding of the printed number: a
figure printed as ``43,3`` covers every value in [43.25, 43.35), so a recomputed 43.27 "agrees
within rounding" while 43.35 "disagrees" (the intervals, also of numbers printed in words:
``helpers.checks.printed``). A stated range ("30–40 %", two rows) is checked with
``check_range``.

Verdicts (English in code, Norwegian labels in reports):

=========================  ===============================
``agrees``                 stemmer
``agrees_within_rounding`` stemmer innenfor avrunding
``disagrees``              stemmer ikke
``cannot_check``           kan ikke kontrolleres
=========================  ===============================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from helpers.checks.printed import ChecksError, _dec, _isnan, rounding_interval
from helpers.checks.stated_figures import StatedFigure, stated
from helpers.core.formatting import EN_DASH

#: Relative tolerance under which stated and recomputed values count as equal ("agrees"):
#: only floating-point noise, never a real difference.
EXACT_RTOL = 1e-9

TABLE_COLUMNS = (
    "dokument", "linje", "påstand", "oppgitt", "beregnet", "differanse", "vurdering", "metode",
)


class Verdict(StrEnum):
    AGREES = "agrees"
    AGREES_WITHIN_ROUNDING = "agrees_within_rounding"
    DISAGREES = "disagrees"
    CANNOT_CHECK = "cannot_check"

    @property
    def label(self) -> str:
        """The Norwegian label used in reports."""
        return VERDICT_LABELS[self]


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.AGREES: "stemmer",
    Verdict.AGREES_WITHIN_ROUNDING: "stemmer innenfor avrunding",
    Verdict.DISAGREES: "stemmer ikke",
    Verdict.CANNOT_CHECK: "kan ikke kontrolleres",
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one document check."""

    figure_id: str
    document: str
    lines: str
    claim: str
    printed: str
    unit: str
    stated: float
    recomputed: float | None
    verdict: Verdict
    how: str
    why: str = ""
    interval: tuple[float, float] | None = None
    sources: tuple[str, ...] = ()
    module: str = ""
    #: For a stated range (``check_range``): the id and value of the upper end; ``figure_id``
    #: and ``stated`` are then the lower end.
    high_id: str = ""
    stated_high: float | None = None
    #: Decimals of ``stated`` as printed, in the stored unit (for display).
    decimals: int = 0
    #: Kind of the stated figure (``count``, ``year`` ...), for display.
    kind: str = ""
    #: The printed number is a word ("fem", "halvparten").
    in_words: bool = False

    @property
    def figure_ids(self) -> tuple[str, ...]:
        """Every stated figure the check uses (two for a range)."""
        return (self.figure_id, self.high_id) if self.high_id else (self.figure_id,)

    @property
    def difference(self) -> float | None:
        """Recomputed minus stated (None when there is nothing to compare). For a range: zero
        inside it, else the distance to the nearer end (negative below, positive above)."""
        if self.recomputed is None or _isnan(self.recomputed):
            return None
        r = float(self.recomputed)
        if self.stated_high is not None:
            return min(0.0, r - float(self.stated)) + max(0.0, r - float(self.stated_high))
        return r - float(self.stated)

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def ok(self) -> bool:
        return self.verdict in (Verdict.AGREES, Verdict.AGREES_WITHIN_ROUNDING)


def verdict_for(
    stated_value: float,
    recomputed: float,
    printed: str | None = None,
    *,
    rounding_unit: float | None = None,
    kind: str = "",
) -> Verdict:
    """The verdict for a recomputed value against a stated value printed as ``printed``
    (``kind``: the figure's kind, which sets the rounding of numbers printed in words)."""
    if _isnan(recomputed) or _isnan(stated_value):
        return Verdict.CANNOT_CHECK
    s, r = float(stated_value), float(recomputed)
    if abs(r - s) <= EXACT_RTOL * max(1.0, abs(s)):
        return Verdict.AGREES
    interval = rounding_interval(s, printed, rounding_unit=rounding_unit, kind=kind)
    return Verdict.AGREES_WITHIN_ROUNDING if _inside(r, *interval) else Verdict.DISAGREES


def _inside(x: float, low: Decimal, high: Decimal, low_closed: bool, high_closed: bool) -> bool:
    """Whether ``x`` lies in the interval (each end open or closed)."""
    d = _dec(x)
    return (d >= low if low_closed else d > low) and (d <= high if high_closed else d < high)


def check(
    figure_id: str,
    recomputed: float | None,
    how: str,
    *,
    sources: Sequence[str] = (),
    rounding_unit: float | None = None,
) -> CheckResult:
    """Compare stated figure ``figure_id`` with ``recomputed`` (in the stated figure's unit).

    ``how`` says in a few Norwegian words how the value was recomputed (shown in the report);
    ``sources`` names the datasets (or other sources) used; ``rounding_unit`` overrides the
    rounding read from the printed number (e.g. 1000 for a figure printed as "about 360 000").
    A number printed in words is read from the ``value`` column (see
    ``word_rounding_half_width`` for its rounding). A missing recomputed value (None/NaN) gives
    "cannot be checked".
    """
    _need_how(figure_id, how)
    fig = stated(figure_id)
    srcs = _sources_tuple(sources)
    if _isnan(recomputed):
        return _cannot(fig, "beregnet verdi mangler (manglende data)", how, srcs)
    verdict = verdict_for(
        fig.value, float(recomputed), fig.printed, rounding_unit=rounding_unit, kind=fig.kind
    )
    low, high, _, _ = rounding_interval(
        fig.value, fig.printed, rounding_unit=rounding_unit, kind=fig.kind
    )
    return replace(
        _result(fig, how, srcs),
        recomputed=float(recomputed),
        verdict=verdict,
        interval=(float(low), float(high)),
    )


def check_range(
    low_id: str,
    high_id: str,
    recomputed: float | None,
    how: str,
    *,
    sources: Sequence[str] = (),
    rounding_unit: float | None = None,
) -> CheckResult:
    """Compare ``recomputed`` with a stated range whose ends are two stated figures.

    "30–40 %" is stored as two rows (low end, high end). Inside [low, high] the check
    "agrees"; outside it but within an end's printed rounding (29.5 for "30") it "agrees within
    rounding"; else it "disagrees". One result, carrying both ids (``figure_ids``); its
    ``difference`` is the distance to the nearer end (zero inside). ``rounding_unit``
    overrides the printed rounding of both ends.
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
    lines = low_fig.lines if low_fig.lines == high_fig.lines else (
        f"{low_fig.lines}, {high_fig.lines}")
    base = replace(
        _result(low_fig, how, srcs),
        lines=lines,
        printed=f"{low_fig.printed}{EN_DASH}{high_fig.printed}",
        high_id=high_fig.id,
        stated_high=high_fig.value,
        decimals=max(low_fig.stored_decimals, high_fig.stored_decimals),
    )
    if _isnan(recomputed):
        return replace(base, why="beregnet verdi mangler (manglende data)")
    r = float(recomputed)
    low, _, low_closed, _ = rounding_interval(
        low_fig.value, low_fig.printed, rounding_unit=rounding_unit, kind=low_fig.kind
    )
    _, high, _, high_closed = rounding_interval(
        high_fig.value, high_fig.printed, rounding_unit=rounding_unit, kind=high_fig.kind
    )
    if low_fig.value <= r <= high_fig.value:
        verdict = Verdict.AGREES
    elif _inside(r, low, high, low_closed, high_closed):
        verdict = Verdict.AGREES_WITHIN_ROUNDING
    else:
        verdict = Verdict.DISAGREES
    return replace(base, recomputed=r, verdict=verdict, interval=(float(low), float(high)))


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


def cannot_check(figure_id: str, why: str, *, sources: Sequence[str] = ()) -> CheckResult:
    """Record that stated figure ``figure_id`` cannot be checked, and why (Norwegian, short)."""
    if not isinstance(why, str) or not why.strip():
        raise ChecksError(f"cannot_check {figure_id!r}: say why it cannot be checked")
    return _cannot(stated(figure_id), why, "", _sources_tuple(sources))


def _cannot(fig: StatedFigure, why: str, how: str, srcs: tuple[str, ...]) -> CheckResult:
    return replace(_result(fig, how, srcs), why=why)


def _sources_tuple(sources: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(sources, str):
        return (sources,)
    return tuple(sources)
