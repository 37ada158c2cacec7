"""Numbers and short texts written the Norwegian way: one number formatter, percent, dates,
amounts of money, en-dash ranges and line references, and Norwegian names of the units stored
in the datasets."""

from __future__ import annotations

import math
import re
import sys
from datetime import date, datetime
from typing import Any

EN_DASH = "\u2013"
NBSP = "\u00a0"
#: Placed after an en dash so that a line never breaks right after it ("1097–" / "1098").
WORD_JOINER = "\u2060"


def _is_pandas_na(x: Any) -> bool:
    # pandas is imported only where its NA can occur: the build's parent process formats
    # without loading pandas (a no-op rebuild stays fast)
    pd = sys.modules.get("pandas")
    return pd is not None and x is pd.NA


def fmt_number(x: Any, decimals: int = 0, *, percent: bool = False, signed: bool = False) -> str:
    """Format a number the Norwegian way: thin space for thousands, decimal comma.

    NaN and None show as "–"; ``percent`` multiplies a share by 100 and adds " %".
    """
    if x is None or (isinstance(x, float) and math.isnan(x)) or _is_pandas_na(x):
        return EN_DASH
    v = float(x) * (100 if percent else 1)
    if round(v, decimals) == 0:
        v = 0.0  # a tiny negative value rounds to 0, not "−0,0"
    text = f"{v:{'+' if signed else ''},.{decimals}f}"
    text = text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")
    return text + (" %" if percent else "")


def exact_decimals(x: float, most: int = 3) -> int:
    """The fewest decimals (at most ``most``) that write ``x`` exactly: 2 → 0, 2.8 → 1."""
    for d in range(most):
        if abs(round(x, d) - x) < 1e-9:
            return d
    return most


def pct(share: Any, decimals: int = 1) -> str:
    """A share as a percentage: 0.433 → "43,3 %" (rates and shares are fractions throughout)."""
    return fmt_number(share, decimals, percent=True)


def percent(value: Any, decimals: int = 1) -> str:
    """A value already in percent, as printed: 43.3 → "43,3 %" (a table's "(%)" column, a
    stated figure); fractions go through ``pct``."""
    return f"{fmt_number(value, decimals)} %"


def change_words(value: Any, decimals: int = 0) -> str:
    """A change already in percent worded by its sign, for running text: 34.2 → "økte 34 %",
    −30.4 → "falt 30 %", a change that rounds to zero → "holdt seg uendret" (never
    "økte −30 %" or "endret seg −4 %")."""
    v = float(value)
    if round(v, decimals) == 0:
        return "holdt seg uendret"
    return f"{'økte' if v > 0 else 'falt'} {fmt_number(abs(v), decimals)} %"


#: Small counts as words in running text ("de fire dokumentene"); Norwegian print spells out
#: numbers up to twelve.
_COUNT_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte",
                9: "ni", 10: "ti", 11: "elleve", 12: "tolv"}


def and_list(items: Any) -> str:
    """ "2014, 2015 og 2016": items in running Norwegian text."""
    words = [str(x) for x in items]
    return " og ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def count_word(n: int) -> str:
    """A count from 2 to 12 in words ("fire"), larger ones in digits."""
    return _COUNT_WORDS.get(int(n), fmt_number(n))


#: Currencies readers know by a Norwegian word; any other keeps its ISO code ("EUR").
CURRENCY_NB = {"NOK": "kr"}


def money_unit(currency: str, scale: str = "mrd.") -> str:
    """The unit of an amount in reader text, table headings and chart labels: Norwegian
    kroner as "kr" ("mrd. kr", "mill. kr"), other currencies by their code ("mrd. EUR");
    ``scale=""`` gives the currency alone ("kr")."""
    name = CURRENCY_NB.get(currency, currency)
    return f"{scale} {name}" if scale else name


MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def date_nb(value: Any) -> str:
    """A date as Norwegian readers see it in every table and note: "2026-11-23",
    "2026-11-23T01:56:05+00:00", "23.11.2026" or a ``date`` → "23. november 2026"; a month
    ("2025-01") → "januar 2025". Empty stays empty; any other text is returned as it is
    (a year, "ikke oppgitt")."""
    if value is None or (not isinstance(value, str) and value != value):  # NaN, NaT
        return ""
    if isinstance(value, date):
        return f"{value.day}. {MONTHS_NB[value.month - 1]} {value.year}"
    text = str(value).strip()
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DOTTED_DATE.fullmatch(text):
        year, month, day = int(m[3]), int(m[2]), int(m[1])
    elif (m := _ISO_MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        return f"{MONTHS_NB[int(m[2]) - 1]} {m[1]}"
    else:
        return text
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return text
    return f"{day}. {MONTHS_NB[month - 1]} {year}"


_ISO_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})\b.*")


def date_time_nb(value: Any) -> str:
    """A moment for readers (a build's time): "2026-12-07T19:15:58+00:00" or a ``datetime``
    → "7. desember 2026 kl. 19.15", the clock time as written (no time zone conversion);
    a date without a time as ``date_nb``."""
    if isinstance(value, datetime):
        return f"{date_nb(value)} kl. {value:%H.%M}"
    text = "" if value is None else str(value).strip()
    if m := _ISO_CLOCK.fullmatch(text):
        return f"{date_nb(m[1])} kl. {m[2]}.{m[3]}"
    return date_nb(value)


def en_dash(text: Any) -> str:
    """Year and line ranges with an en dash ("843-844" → "843–844"), as in Norwegian print."""
    return re.sub(r"(?<=\d)-(?=\d)", EN_DASH, str(text))


def nobreak(text: Any) -> str:
    """Keep a short label ("Kina 59 %", "30–40 %") on one line: no-break spaces, and a word
    joiner after an en dash (a line may otherwise break after it)."""
    return str(text).replace(" ", NBSP).replace(EN_DASH, EN_DASH + WORD_JOINER)


def lines_ref(lines: Any) -> str:
    """A line reference for print: "l. 796–797", unbreakable (no-break space after "l.", a word
    joiner after the en dash); "–" when there are no lines."""
    text = en_dash(lines).strip().replace(EN_DASH, EN_DASH + WORD_JOINER)
    return f"l.{NBSP}{text}" if text else EN_DASH


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
