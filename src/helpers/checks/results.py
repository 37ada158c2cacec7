"""What a document check produces: the verdict classes (``Verdict``, with their Norwegian
labels and the reasons a recomputation may differ), what a check compares (``CheckKind``), the
result of one check (``CheckResult``), and the order and span text reports show them in.

The check functions that make results are in ``helpers.checks.verdicts``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from helpers.checks.printed import _isnan
from helpers.core.formatting import EN_DASH, fmt_number, unit_nb


class Verdict(StrEnum):
    """The verdict classes, declared in the order reports list them (real errors first)."""

    DISAGREES = "disagrees"
    DIFFERS = "differs"
    AGREES_WITHIN_ROUNDING = "agrees_within_rounding"
    AGREES = "agrees"
    CANNOT_CHECK = "cannot_check"

    @property
    def label(self) -> str:
        """The Norwegian label used in reports."""
        return VERDICT_LABELS[self]

    @property
    def rank(self) -> int:
        """Position in reports: 0 for an error in the document, then differences, then the rest."""
        return list(Verdict).index(self)


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.DISAGREES: "stemmer ikke (feil i dokumentet)",
    Verdict.DIFFERS: "avvik som skyldes ulik kilde, år eller definisjon",
    Verdict.AGREES_WITHIN_ROUNDING: "stemmer innenfor avrunding",
    Verdict.AGREES: "stemmer",
    Verdict.CANNOT_CHECK: "kan ikke kontrolleres",
}

#: Why a recomputation may differ from the document without the document being wrong:
#: code → the Norwegian words used in reports.
DIFFERENCE_REASONS: dict[str, str] = {
    "source": "ulik kilde",
    "year": "ulikt år",
    "definition": "ulik definisjon",
}


class CheckKind(StrEnum):
    """What a check compares: a figure recomputed, or the same figure stated twice."""

    RECOMPUTED = "recomputed"
    STATED_TWICE = "stated_twice"

    @property
    def label(self) -> str:
        return CHECK_KIND_LABELS[self]


CHECK_KIND_LABELS: dict[CheckKind, str] = {
    CheckKind.RECOMPUTED: "beregnet på nytt",
    CheckKind.STATED_TWICE: "samme tall oppgitt to steder",
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
    #: Why a recomputation may differ (keys of ``DIFFERENCE_REASONS``); with verdict
    #: ``differs`` it says which of source, year or definition explains the difference.
    reason: tuple[str, ...] = ()
    #: ``recomputed`` or ``stated_twice`` (see ``CheckKind``).
    check_kind: CheckKind = CheckKind.RECOMPUTED
    #: The interval the inputs' rounding allows for ``recomputed`` (None when exact).
    recomputed_span: tuple[float, float] | None = None

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
        """The verdict for a report: for a difference, which kind ("avvik: ulikt år")."""
        if self.verdict is Verdict.DIFFERS and self.reason:
            return f"avvik: {self.reason_label}"
        return self.verdict.label

    @property
    def reason_label(self) -> str:
        """The reasons in Norwegian ("ulik kilde og ulikt år"), empty when none."""
        words = [DIFFERENCE_REASONS[r] for r in self.reason]
        return " og ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)

    @property
    def ok(self) -> bool:
        return self.verdict in (Verdict.AGREES, Verdict.AGREES_WITHIN_ROUNDING)

    @property
    def is_error(self) -> bool:
        """The document is wrong (not a difference of source, year or definition)."""
        return self.verdict is Verdict.DISAGREES


def ordered(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The results in the order a reader wants them: errors in the document first, then
    differences of source, year or definition, then the rest (within rounding, agrees, cannot
    be checked); within each, by document, recomputations before numbers stated twice, in the
    order given."""
    return sorted(results, key=lambda r: (r.verdict.rank, r.document,
                                          r.check_kind is CheckKind.STATED_TWICE))


def span_text(r: CheckResult) -> str:
    """The recomputed span in Norwegian ("9,22–9,44 %"), empty when the value was exact."""
    if r.recomputed_span is None:
        return ""
    lo, hi = r.recomputed_span
    decimals = r.decimals + 1
    unit = unit_nb(r.unit)
    return (f"{fmt_number(lo, decimals)}{EN_DASH}{fmt_number(hi, decimals)}"
            + (f" {unit}" if unit else ""))
