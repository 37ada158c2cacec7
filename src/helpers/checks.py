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

Numbers printed as Norwegian words take their value from the ``value`` column; their rounding
is set by ``word_rounding_half_width``: an integer word is exact for a count ("fem områder")
and a whole unit otherwise ("fire prosent" covers [3.5, 4.5)); a fraction word ("halvparten",
"en tredjedel") covers the fraction ± 1/40 of the whole, i.e. ± 2.5 percentage points for a
share in percent. A stated range ("30–40 %", two rows) is checked with ``check_range``.

``table`` is for Norwegian reports: the claim is the figure's ``label_nb`` (our words), values
are formatted the Norwegian way with units from ``UNITS_NB``.

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
from fractions import Fraction
from typing import Any

import pandas as pd

from helpers import data

EN_DASH = "\u2013"

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
    label_nb: str = ""

    @property
    def claim(self) -> str:
        """A short description of what is claimed: measure (period, geography, industry)."""
        ctx = [c for c in (self.period, self.geography, self.industry) if c]
        return f"{self.measure} ({', '.join(ctx)})" if ctx else self.measure

    @property
    def in_words(self) -> bool:
        """The number is printed in words ("fem", "halvparten")."""
        return parse_words(self.printed) is not None

    @property
    def stored_decimals(self) -> int:
        """Decimals of ``value`` as printed, in the stored unit: "2,5" (billions) stored as 2500
        (millions) has 0; a word has its stored value's own decimals."""
        number, decimals = printed_precision(self.printed, self.value)
        shift = _scale(number, _dec(self.value)).adjusted()
        return max(0, decimals - shift)

    @property
    def label(self) -> str:
        """The claim for Norwegian tables: ``label_nb`` with the period when that is made of
        years (other periods are English words), else the English ``claim``."""
        if not self.label_nb:
            return self.claim
        if re.fullmatch(r"\d{4}([-/\u2013]\d{2,4})*", self.period):
            return f"{self.label_nb} ({self.period.replace('-', EN_DASH)})"
        return self.label_nb


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


#: Integer numbers written as Norwegian (bokmål/nynorsk-neutral) words; multiplier words
#: ("dobbelt") count as the integer they multiply by.
NUMBER_WORDS: dict[str, int] = {
    "null": 0, "en": 1, "én": 1, "ett": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "syv": 7, "sju": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
    "nitten": 19, "tjue": 20, "tretti": 30, "førti": 40, "femti": 50, "seksti": 60,
    "sytti": 70, "åtti": 80, "nitti": 90, "hundre": 100, "tusen": 1000,
    "dobbelt": 2, "dobbelte": 2, "tredobbelt": 3, "firedobbelt": 4,
}

#: Fraction words: word → denominator (plural "-er" forms are accepted too); "halvparten"
#: and "halvdelen" stand for one half on their own.
FRACTION_WORDS: dict[str, int] = {
    "halvparten": 2, "halvdelen": 2, "tredjedel": 3, "tredel": 3, "fjerdedel": 4,
    "femtedel": 5, "sjettedel": 6, "åttendedel": 8, "tidel": 10, "tiendedel": 10,
}

#: Half-width of a fraction word's interval, as a share of the whole: "halvparten" of a share
#: in percent covers 47.5–52.5 %, i.e. the fraction read to the nearest twentieth. A writer who
#: says "halvparten" for 46 % or 54 % is loose; use ``rounding_unit`` where the text says so
#: ("om lag", "nesten").
FRACTION_HALF_WIDTH = Fraction(1, 40)


@dataclass(frozen=True)
class WordNumber:
    """A number printed as words: its value and whether it is a fraction ("en tredjedel")."""

    number: Fraction
    fraction: bool


def parse_words(printed: str) -> WordNumber | None:
    """The number a printed text gives in Norwegian words, or None (digits, or no known word).

    ``"fem"`` → 5; ``"Sju"`` → 7; ``"halvparten"`` → 1/2; ``"to tredjedeler"`` → 2/3. Text with
    more than one integer word ("hundre og tjue") is not read: None.
    """
    text = str(printed).strip().lower()
    if re.search(r"\d", text):
        return None
    tokens = re.findall(r"[a-zæøåé]+", text)
    for i, token in enumerate(tokens):
        stem = token if token in FRACTION_WORDS else token.removesuffix("er")
        if stem in FRACTION_WORDS:
            before = tokens[i - 1] if i > 0 and stem not in ("halvparten", "halvdelen") else ""
            numerator = NUMBER_WORDS.get(before, 1)
            return WordNumber(Fraction(numerator, FRACTION_WORDS[stem]), fraction=True)
    integers = [NUMBER_WORDS[t] for t in tokens if t in NUMBER_WORDS]
    if len(integers) != 1:
        return None
    return WordNumber(Fraction(integers[0]), fraction=False)


def word_rounding_half_width(printed: str, value: float, kind: str = "") -> Decimal | None:
    """Half-width of the rounding interval of a figure printed in words; None if not in words.

    The stored ``value`` carries the number (in the figure's unit, possibly scaled: "fire" may
    be stored as 4 or 4000). An integer word is exact for ``kind == "count"`` (a count has no
    rounding) and a whole unit otherwise ("fire prosent" stands for [3.5, 4.5)); a fraction word
    covers ``FRACTION_HALF_WIDTH`` of the whole. Raises ``ChecksError`` when the value does not
    match the word (e.g. "fem" stored as 6).
    """
    word = parse_words(printed)
    if word is None:
        return None
    v = _dec(value)
    if word.number == 0:
        if v != 0:
            raise ChecksError(f"printed {printed!r} (0) but value {value!r}")
        return Decimal(0) if kind == "count" else Decimal("0.5")
    # the unit's scale: value = word × scale, scale a power of ten (fractions: value = f × whole)
    whole = v / (Decimal(word.number.numerator) / Decimal(word.number.denominator))
    exponent = round(math.log10(abs(float(whole)))) if whole else 0
    scale = Decimal(1).scaleb(exponent)
    tolerance = Decimal("1e-3") if word.fraction else Decimal("1e-9")  # 33.3333 for a third
    if whole <= 0 or abs(whole / scale - 1) > tolerance:
        raise ChecksError(
            f"printed {printed!r} ({word.number}) does not match the value {value!r}"
        )
    if word.fraction:
        return scale * Decimal(FRACTION_HALF_WIDTH.numerator) / FRACTION_HALF_WIDTH.denominator
    return Decimal(0) if kind == "count" else scale / 2


def rounding_interval(
    value: float,
    printed: str | None = None,
    *,
    rounding_unit: float | None = None,
    kind: str = "",
) -> tuple[Decimal, Decimal, bool, bool]:
    """The interval of true values that print as ``printed``: (low, high, low_closed, high_closed).

    The half-width is half a unit of the last printed digit, or half of ``rounding_unit`` when
    given. When ``value`` is the printed number scaled by a power of ten (printed "2,5" in
    billions, value 2500 in millions) the interval is scaled likewise. Rounding is taken as half
    away from zero, so for positive numbers the interval is [low, high), for negative numbers
    (low, high], and for zero open on both sides. A number printed in words follows
    ``word_rounding_half_width`` (``kind`` is the figure's kind: a count in words is exact,
    [value, value]).
    """
    centre = _dec(value)
    if rounding_unit is not None:
        if not rounding_unit > 0:
            raise ChecksError(f"rounding_unit must be positive, got {rounding_unit!r}")
        half = _dec(rounding_unit) / 2
    else:
        if printed is None:
            raise ChecksError("rounding_interval needs printed or rounding_unit")
        word_half = word_rounding_half_width(printed, value, kind)
        if word_half is not None:
            half = word_half
        else:
            number, decimals = printed_precision(printed, value)
            half = Decimal(5).scaleb(-(decimals + 1)) * _scale(number, centre)
    if half == 0:
        return centre, centre, True, True
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
        label_nb=text("label_nb"),  # optional column: absent in older files
    )


# --------------------------------------------------------------------------- checks


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


#: Units as stored (short English) → Norwegian display; a unit not here shows as stored.
UNITS_NB: dict[str, str] = {
    "%": "%", "% of GDP": "% av BNP", "% per year": "% per år", "persons": "personer",
    "jobs": "jobber", "firms": "bedrifter", "firms per year": "bedrifter per år",
    "registered firms": "foretak", "members": "medlemmer", "inhabitants": "innbyggere",
    "million inhabitants": "mill. innbyggere", "years": "år", "months": "måneder",
    "days": "dager", "minutes": "minutter", "NOK": "kr", "MNOK": "mill. kr",
    "NOK m": "mill. kr", "NOK million": "mill. kr", "NOK bn": "mrd. kr", "bn NOK": "mrd. kr",
    "NOK bn each": "mrd. kr hver", "bn NOK per year": "mrd. kr per år",
    "NOK billion per year": "mrd. kr per år", "NOK per employee": "kr per sysselsatt",
    "NOK m per employee": "mill. kr per sysselsatt", "MNOK per FTE": "mill. kr per årsverk",
    "FTE": "årsverk", "EUR billion": "mrd. euro", "Mt CO2e": "mill. tonn CO₂-ekv.",
    "Mt CO2": "mill. tonn CO₂", "Gt CO2e": "mrd. tonn CO₂-ekv.", "tonnes CO2": "tonn CO₂",
    "tonnes CO2 per year": "tonn CO₂ per år", "tonnes per year": "tonn per år",
    "GWh per year": "GWh per år", "Balassa index": "indeks", "ratio": "ganger",
    "fraction": "andel", "jobs per job": "jobber per jobb", "products": "produkter",
    "projects": "prosjekter", "buildings": "bygg", "homes": "boliger",
    "participants per workshop": "deltakere per verksted",
    # shown without a unit: a count's label says what is counted, and a year is a year
    "count": "", "year": "",
}


def unit_nb(unit: str) -> str:
    """The unit in Norwegian for tables ("persons" → "personer"); as stored when unknown."""
    return UNITS_NB.get(unit, unit)


def format_value(x: float | None, unit: str, decimals: int, *, kind: str = "") -> str:
    """A value for a Norwegian table: narrow no-break space for thousands, decimal comma, the
    unit in Norwegian; years (``kind`` or unit "year") as plain digits ("2024")."""
    from helpers.report import fmt_number  # report imports IPython machinery: only when used

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
                "linje": r.lines.replace("-", EN_DASH),
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


def document_titles() -> dict[str, str]:
    """Document number → title, from the provenance of the stated_figures dataset."""
    return {
        str(s["document"]): str(s.get("title", ""))
        for s in data.descriptor(DATASET)["sources"]
        if s.get("document")
    }


def documents_to_show(audit: Audit, document: str = "all") -> list[str]:
    """The documents whose checks the audit page shows: ``document`` or every document that
    has checks, in order. Raises ``ChecksError`` for a value that is neither "all" nor one of
    the documents in ``document_titles()``."""
    choices = ("all", *sorted(document_titles()))
    if document not in choices:
        raise ChecksError(f"document must be one of {', '.join(choices)}; got {document!r}")
    if document != "all":
        return [document]
    return sorted({r.document for r in audit.results})
