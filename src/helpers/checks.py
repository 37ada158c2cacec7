"""Document checks: compare a figure stated in a document with the same figure recomputed.

A check names a stated figure by its id in the ``stated_figures`` dataset (e.g. ``003-0047-a``)
and gives the value recomputed from the document's own components or from published data, in the
same unit as the stated figure. The verdict knows about the rounding of the printed number: a
figure printed as ``43,3`` covers every value in [43.25, 43.35), so a recomputed 43.27 "agrees
within rounding" while 43.35 "disagrees".

Verdicts (English in code, Norwegian labels in reports):

=========================  ===============================
``agrees``                 stemmer
``agrees_within_rounding`` stemmer innenfor avrunding
``disagrees``              stemmer ikke
``cannot_check``           kan ikke kontrolleres
=========================  ===============================

Each theme module (``helpers.process_industry`` ...) exposes ``document_checks()`` returning a
list of ``CheckResult``; ``collect_all`` gathers them for the collection's audit page.
"""

from __future__ import annotations

import importlib
import math
import re
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import pandas as pd

from helpers import data

#: The dataset holding every stated figure.
DATASET = "stated_figures"

#: Theme modules whose ``document_checks()`` make up the collection-wide audit.
THEME_MODULES: tuple[str, ...] = (
    "helpers.process_industry",
    "helpers.smart_specialisation",
    "helpers.value_chains",
    "helpers.manufacturing_strategy",
)

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


class ChecksError(ValueError):
    """A check cannot be set up: unknown figure id, unreadable printed number, bad argument."""


class UnknownFigure(ChecksError, KeyError):
    """The figure id is not in the stated_figures dataset."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class StatedFigure:
    """One row of ``stated_figures`` plus the number of decimals it was printed with."""

    id: str
    document: str
    lines: str
    printed: str
    value: float
    unit: str
    decimals: int
    measure: str
    kind: str = ""
    period: str = ""
    geography: str = ""
    industry: str = ""
    note: str = ""

    @property
    def claim(self) -> str:
        """A short description of what is claimed: measure (period, geography, industry)."""
        ctx = [c for c in (self.period, self.geography, self.industry) if c]
        return f"{self.measure} ({', '.join(ctx)})" if ctx else self.measure


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

    @property
    def difference(self) -> float | None:
        """Recomputed minus stated (None when there is nothing to compare)."""
        if self.recomputed is None or _isnan(self.recomputed):
            return None
        return float(self.recomputed) - float(self.stated)

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def ok(self) -> bool:
        return self.verdict in (Verdict.AGREES, Verdict.AGREES_WITHIN_ROUNDING)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.figure_id,
            "document": self.document,
            "lines": self.lines,
            "claim": self.claim,
            "printed": self.printed,
            "unit": self.unit,
            "stated": self.stated,
            "recomputed": self.recomputed,
            "difference": self.difference,
            "verdict": self.verdict.value,
            "how": self.how,
            "why": self.why,
            "sources": list(self.sources),
            "module": self.module,
        }


# --------------------------------------------------------------------------- printed numbers

_NUMBER_RE = re.compile(r"[-+\u2212\u2013]?\s?\d[\d\s\u00a0\u202f\u2009.,]*")


def parse_printed(printed: str) -> tuple[Decimal, int]:
    """The number in a printed string and how many decimals it shows.

    Norwegian conventions: decimal comma, thousands grouped with (narrow/no-break) spaces or
    dots; a minus may be the Unicode minus or an en dash. ``"43,3"`` → (43.3, 1);
    ``"360 000"`` → (360000, 0); ``"−4,5 %"`` → (−4.5, 1); ``"1.250"`` → (1250, 0).
    Raises ``ChecksError`` when there is no number.
    """
    text = str(printed).strip()
    match = _NUMBER_RE.search(text)
    if not match:
        raise ChecksError(f"printed value {printed!r} holds no number")
    token = match.group(0).strip()
    sign = ""
    if token[0] in "-+\u2212\u2013":
        sign = "-" if token[0] != "+" else ""
        token = token[1:].strip()
    token = re.sub(r"[\s\u00a0\u202f\u2009]", "", token).rstrip(".,")
    if "," in token:
        whole, _, frac = token.rpartition(",")
        whole = whole.replace(".", "").replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", token):
        whole, frac = token.replace(".", ""), ""  # dots as thousands separators
    elif "." in token:
        whole, _, frac = token.rpartition(".")
        whole = whole.replace(".", "")
    else:
        whole, frac = token, ""
    try:
        number = Decimal(f"{sign}{whole or '0'}.{frac}" if frac else f"{sign}{whole}")
    except InvalidOperation as exc:
        raise ChecksError(f"printed value {printed!r} is not a readable number") from exc
    return number, len(frac)


def printed_precision(printed: str, value: float) -> tuple[Decimal, int]:
    """The printed number and its decimals, for rounding.

    A figure printed in words ("fem", "halvparten") or as a fraction ("1/3") has no printed
    digits to tell its rounding; then the stored ``value`` stands for it and its own decimals
    count (5 → 0 decimals; 0.3333 → 4).
    """
    if "/" not in str(printed):
        try:
            return parse_printed(printed)
        except ChecksError:
            pass
    number = _dec(value)
    exponent = number.normalize().as_tuple().exponent
    return number, max(0, -exponent) if isinstance(exponent, int) else 0


def rounding_interval(
    value: float, printed: str | None = None, *, rounding_unit: float | None = None
) -> tuple[Decimal, Decimal, bool, bool]:
    """The interval of true values that print as ``printed``: (low, high, low_closed, high_closed).

    The half-width is half a unit of the last printed digit, or half of ``rounding_unit`` when
    given. When ``value`` is the printed number scaled by a power of ten (printed "2,5" in
    billions, value 2500 in millions) the interval is scaled likewise. Rounding is taken as half
    away from zero, so for positive numbers the interval is [low, high), for negative numbers
    (low, high], and for zero open on both sides.
    """
    centre = _dec(value)
    if rounding_unit is not None:
        if not rounding_unit > 0:
            raise ChecksError(f"rounding_unit must be positive, got {rounding_unit!r}")
        half = _dec(rounding_unit) / 2
    else:
        if printed is None:
            raise ChecksError("rounding_interval needs printed or rounding_unit")
        number, decimals = printed_precision(printed, value)
        half = Decimal(5).scaleb(-(decimals + 1)) * _scale(number, centre)
    low, high = centre - half, centre + half
    return low, high, centre > 0, centre < 0


def _scale(printed_number: Decimal, value: Decimal) -> Decimal:
    """The power of ten by which ``value`` differs from the printed number (1 if none)."""
    if printed_number == 0 or value == 0:
        return Decimal(1)
    ratio = value / printed_number
    if ratio <= 0:
        return Decimal(1)
    exponent = round(math.log10(float(ratio)))
    if exponent != 0 and abs(float(ratio) / 10.0**exponent - 1) < 1e-9:
        return Decimal(1).scaleb(exponent)
    return Decimal(1)


def _dec(x: float | int | Decimal) -> Decimal:
    if isinstance(x, Decimal):
        return x
    # 12 significant digits: drops float noise such as 43.349999999999994 from a computation
    return Decimal(f"{float(x):.12g}")


def _isnan(x: Any) -> bool:
    try:
        return x is None or x is pd.NA or math.isnan(float(x))
    except (TypeError, ValueError):
        return True


# --------------------------------------------------------------------------- stated figures


def _figures() -> pd.DataFrame:
    frame = data.load(DATASET)
    return frame.set_index("id", drop=False)


def stated(figure_id: str) -> StatedFigure:
    """The stated figure with this id (value, printed, unit, decimals, document, lines, measure).

    Raises ``UnknownFigure`` naming the id and the dataset when it is not there.
    """
    frame = _figures()
    if figure_id not in frame.index:
        raise UnknownFigure(
            f"stated figure {figure_id!r} is not in the dataset {DATASET!r} "
            f"({', '.join(str(p) for p in data.data_files(DATASET))})"
        )
    row = frame.loc[figure_id]
    printed = str(row["printed"])
    _, decimals = printed_precision(printed, float(row["value"]))

    def text(col: str) -> str:
        v = row.get(col, "")
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    return StatedFigure(
        id=figure_id,
        document=text("document"),
        lines=text("lines"),
        printed=printed,
        value=float(row["value"]),
        unit=text("unit"),
        decimals=decimals,
        measure=text("measure"),
        kind=text("kind"),
        period=text("period"),
        geography=text("geography"),
        industry=text("industry"),
        note=text("note"),
    )


# --------------------------------------------------------------------------- checks


def verdict_for(
    stated_value: float,
    recomputed: float,
    printed: str | None = None,
    *,
    rounding_unit: float | None = None,
) -> Verdict:
    """The verdict for a recomputed value against a stated value printed as ``printed``."""
    if _isnan(recomputed) or _isnan(stated_value):
        return Verdict.CANNOT_CHECK
    s, r = float(stated_value), float(recomputed)
    if abs(r - s) <= EXACT_RTOL * max(1.0, abs(s)):
        return Verdict.AGREES
    low, high, low_closed, high_closed = rounding_interval(
        s, printed, rounding_unit=rounding_unit
    )
    x = _dec(r)
    above_low = x >= low if low_closed else x > low
    below_high = x <= high if high_closed else x < high
    return Verdict.AGREES_WITHIN_ROUNDING if above_low and below_high else Verdict.DISAGREES


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
    A missing recomputed value (None/NaN) gives "cannot be checked".
    """
    if not isinstance(how, str) or not how.strip():
        raise ChecksError(f"check {figure_id!r}: 'how' must describe the recomputation")
    fig = stated(figure_id)
    srcs = _sources_tuple(sources)
    if _isnan(recomputed):
        return _cannot(fig, "beregnet verdi mangler (manglende data)", how, srcs, recomputed=None)
    verdict = verdict_for(fig.value, float(recomputed), fig.printed, rounding_unit=rounding_unit)
    low, high, _, _ = rounding_interval(fig.value, fig.printed, rounding_unit=rounding_unit)
    return CheckResult(
        figure_id=fig.id,
        document=fig.document,
        lines=fig.lines,
        claim=fig.claim,
        printed=fig.printed,
        unit=fig.unit,
        stated=fig.value,
        recomputed=float(recomputed),
        verdict=verdict,
        how=how,
        interval=(float(low), float(high)),
        sources=srcs,
    )


def cannot_check(figure_id: str, why: str, *, sources: Sequence[str] = ()) -> CheckResult:
    """Record that stated figure ``figure_id`` cannot be checked, and why (Norwegian, short)."""
    if not isinstance(why, str) or not why.strip():
        raise ChecksError(f"cannot_check {figure_id!r}: say why it cannot be checked")
    return _cannot(stated(figure_id), why, "", _sources_tuple(sources))


def _cannot(
    fig: StatedFigure, why: str, how: str, srcs: tuple[str, ...], recomputed: float | None = None
) -> CheckResult:
    return CheckResult(
        figure_id=fig.id,
        document=fig.document,
        lines=fig.lines,
        claim=fig.claim,
        printed=fig.printed,
        unit=fig.unit,
        stated=fig.value,
        recomputed=recomputed,
        verdict=Verdict.CANNOT_CHECK,
        how=how,
        why=why,
        sources=srcs,
    )


def _sources_tuple(sources: Sequence[str] | str) -> tuple[str, ...]:
    if isinstance(sources, str):
        return (sources,)
    return tuple(sources)


# --------------------------------------------------------------------------- recomputations


def _number(x: Any, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)) and not hasattr(
        x, "__float__"
    ):
        raise ChecksError(f"{what} must be a number, got {x!r}")
    return float(x)


def total(parts: Iterable[float]) -> float:
    """Sum of components; NaN if any component is missing (a missing part is not zero)."""
    values = [_number(p, "each part") for p in parts]
    if not values:
        raise ChecksError("total() needs at least one part")
    if any(math.isnan(v) for v in values):
        return math.nan
    return math.fsum(values)


def share(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (43.3 for 43.3 %)."""
    p, w = _number(part, "part"), _number(whole, "whole")
    if w == 0:
        raise ChecksError("share(): whole is zero")
    return 100.0 * p / w


def change_pct(start: float, end: float) -> float:
    """Percentage change from ``start`` to ``end`` (25.0 for 100 → 125)."""
    s, e = _number(start, "start"), _number(end, "end")
    if s == 0:
        raise ChecksError("change_pct(): start is zero")
    return 100.0 * (e - s) / s


def cagr_pct(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent over ``years`` years."""
    s, e, n = _number(start, "start"), _number(end, "end"), _number(years, "years")
    if n <= 0:
        raise ChecksError(f"cagr_pct(): years must be positive, got {years!r}")
    if s <= 0 or e < 0:
        raise ChecksError(f"cagr_pct(): needs start > 0 and end >= 0, got {start!r}, {end!r}")
    return 100.0 * ((e / s) ** (1.0 / n) - 1.0)


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``."""
    n, d = _number(numerator, "numerator"), _number(denominator, "denominator")
    if d == 0:
        raise ChecksError("ratio(): denominator is zero")
    return n / d


def difference(a: float, b: float) -> float:
    """``a - b``."""
    return _number(a, "a") - _number(b, "b")


# --------------------------------------------------------------------------- report tables


def _fmt(x: float | None, decimals: int) -> str:
    from helpers.report import fmt_number

    return fmt_number(x, decimals)


def table(results: Iterable[CheckResult], *, formatted: bool = True) -> pd.DataFrame:
    """The report table: dokument, linje, påstand, oppgitt, beregnet, differanse, vurdering,
    metode.

    ``formatted`` (default) gives Norwegian-formatted text (the stated value as printed with its
    unit; recomputed value and difference one decimal finer than printed); ``formatted=False``
    keeps numbers for further computation. For "cannot be checked" the ``metode`` column holds
    the reason.
    """
    rows = []
    for r in results:
        if not isinstance(r, CheckResult):
            raise ChecksError(f"checks.table() expects CheckResult objects, got {type(r).__name__}")
        decimals = printed_precision(r.printed, r.stated)[1] + 1
        unit = f" {r.unit}" if r.unit else ""
        if formatted:
            oppgitt = f"{r.printed}{unit}"
            beregnet = "–" if r.recomputed is None else _fmt(r.recomputed, decimals) + unit
            diff = "–" if r.difference is None else _fmt(r.difference, decimals)
        else:
            oppgitt, beregnet, diff = r.stated, r.recomputed, r.difference
        metode = r.how if r.verdict is not Verdict.CANNOT_CHECK else (r.why or r.how)
        if r.verdict is Verdict.CANNOT_CHECK and r.how and r.why and r.how != r.why:
            metode = f"{r.how}: {r.why}"
        rows.append(
            {
                "dokument": r.document,
                "linje": r.lines,
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


# --------------------------------------------------------------------------- collection audit


@dataclass(frozen=True)
class ModuleFailure:
    """A theme module whose checks could not be collected."""

    module: str
    error: str
    detail: str = ""


@dataclass
class Audit:
    """Every check of the collection, and the modules that could not deliver theirs."""

    results: list[CheckResult] = field(default_factory=list)
    failures: list[ModuleFailure] = field(default_factory=list)

    def table(self, document: str | None = None) -> pd.DataFrame:
        """The report table (see ``table``) with a ``modul`` column, optionally one document."""
        chosen = [r for r in self.results if document in (None, "all") or r.document == document]
        frame = table(chosen)
        frame.insert(0, "modul", [r.module for r in chosen])
        return frame

    def summary(self) -> pd.DataFrame:
        return summary(self.results)

    def failures_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"modul": f.module, "feil": f.error} for f in self.failures], columns=["modul", "feil"]
        )


def collect_all(modules: Sequence[str] = THEME_MODULES) -> Audit:
    """Run ``document_checks()`` of every theme module and gather the results.

    A module that cannot be imported, lacks ``document_checks``, raises, or returns something
    other than CheckResults becomes a ``ModuleFailure`` instead of stopping the audit.
    """
    audit = Audit()
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            missing = exc.name == name or (exc.name and name.startswith(exc.name + "."))
            why = "modulen finnes ikke ennå" if missing else f"importfeil: {exc}"
            audit.failures.append(ModuleFailure(name, why, traceback.format_exc()))
            continue
        except Exception as exc:  # a broken module must not stop the audit of the others
            audit.failures.append(
                ModuleFailure(name, f"importfeil: {type(exc).__name__}: {exc}",
                              traceback.format_exc())
            )
            continue
        func = getattr(module, "document_checks", None)
        if not callable(func):
            audit.failures.append(ModuleFailure(name, "modulen har ingen document_checks()"))
            continue
        try:
            results = list(func())
        except Exception as exc:
            audit.failures.append(
                ModuleFailure(name, f"document_checks() feilet: {type(exc).__name__}: {exc}",
                              traceback.format_exc())
            )
            continue
        bad = [r for r in results if not isinstance(r, CheckResult)]
        if bad:
            audit.failures.append(
                ModuleFailure(name, f"document_checks() ga {len(bad)} objekt(er) som ikke er "
                              f"CheckResult (f.eks. {type(bad[0]).__name__})")
            )
        audit.results.extend(replace(r, module=name) for r in results if isinstance(r, CheckResult))
    return audit


# --------------------------------------------------------------------------- audit page

#: Parameter values of the audit notebook: every document, or one.
DOCUMENT_CHOICES: tuple[str, ...] = ("all", "000", "001", "002", "003", "004")


def document_titles() -> dict[str, str]:
    """Document number → title, from the provenance of the stated_figures dataset."""
    return {
        str(s["document"]): str(s.get("title", ""))
        for s in data.descriptor(DATASET)["sources"]
        if s.get("document")
    }


def documents_to_show(audit: Audit, document: str = "all") -> list[str]:
    """The documents whose checks the audit page shows: ``document`` or every document that
    has checks, in order. Raises ``ChecksError`` for a value not in ``DOCUMENT_CHOICES``."""
    if document not in DOCUMENT_CHOICES:
        raise ChecksError(
            f"document must be one of {', '.join(DOCUMENT_CHOICES)}; got {document!r}"
        )
    if document != "all":
        return [document]
    return sorted({r.document for r in audit.results})
