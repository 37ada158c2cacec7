"""Reading printed numbers: digits the Norwegian way, numbers written as words, and the
interval of true values a printed (rounded) number stands for."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import pandas as pd


class ChecksError(ValueError):
    """A check cannot be set up: unknown figure id, unreadable printed number, bad argument."""


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
