"""Countries as the supply datasets spell them: ISO3 codes, World Bank spellings and Norwegian
display names, from the ``country_codes`` reference dataset."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from helpers.core import data


def squash(text: str) -> str:
    """Runs of whitespace (no-break spaces too) as one space, ends trimmed."""
    return re.sub(r"\s+", " ", str(text)).strip()


def match_key(text: str) -> str:
    """``text`` squashed and case-folded: the form names are matched in."""
    return squash(text).casefold()


@lru_cache(maxsize=1)
def _country_table() -> pd.DataFrame:
    return data.load("country_codes")


@lru_cache(maxsize=1)
def _country_index() -> dict[str, tuple[str, str]]:
    table = _country_table()
    index: dict[str, tuple[str, str]] = {}
    for code, name, aliases, name_nb in table[["iso3", "name", "aliases", "name_nb"]].itertuples(
        index=False
    ):
        entry = (code, name)
        for key in (code, name, name_nb, *str(aliases or "").split(";")):
            if str(key).strip():
                index.setdefault(match_key(key), entry)
    return index


def country_code(name: str | None) -> str | None:
    """ISO3 code for a country name, alias or code as spelled in the supply datasets (or its
    Norwegian display name).

    USGS qualifiers such as "(beneficiated)" are ignored, except "Congo (Kinshasa)"; returns
    None for aggregates ("World total", "Other countries") and unknown names.
    """
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return None
    index = _country_index()
    key = match_key(name)
    if key in index:
        return index[key][0]
    stripped = match_key(re.sub(r"\s*\(.*\)\s*$", "", str(name)))
    return index[stripped][0] if stripped in index else None


def country_name(code: str) -> str | None:
    """The World Bank spelling for an ISO3 code (None if unknown)."""
    entry = _country_index().get(match_key(code))
    return entry[1] if entry else None


def country_name_nb(code: str | None) -> str | None:
    """The Norwegian display name for an ISO3 code (``name_nb`` in ``country_codes``: the
    iso-codes bokmål translation, or our own short label); None if unknown."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return None
    return _names_nb().get(str(code).strip().upper())


@lru_cache(maxsize=1)
def _names_nb() -> dict[str, str]:
    # a report asks for hundreds of names: one dictionary instead of a table scan each time
    names: dict[str, str] = {}
    for code, name_nb in _country_table()[["iso3", "name_nb"]].itertuples(index=False):
        names.setdefault(str(code), str(name_nb))
    return names
