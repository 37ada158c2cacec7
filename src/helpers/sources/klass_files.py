"""Read SSB's classifications (KLASS) from the recorded CSV files.

Four files, each declared in the external-data catalogue:

- ``klass_municipalities``: municipalities valid now, with their county (KLASS 131 and 104).
- ``klass_regions_history``: every municipality and county code with its validity period.
- ``klass_region_transitions``: old → new code edges, curated by a newspaper's data desk
  (incomplete: ``helpers.core.regions`` checks every edge it uses against the history).
- ``klass_sn2007``: the industry standard SN2007 (KLASS 6) flattened to five-digit codes.

Codes are kept as text with their leading zeros ("0301", "03").
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


class KlassFormatError(ValueError):
    """A KLASS file lacks the columns expected; the message names file and columns."""


def _read(path: Path | str, encoding: str, required: tuple[str, ...]) -> pd.DataFrame:
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding or "utf-8")
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise KlassFormatError(
            f"{path}: missing column(s) {', '.join(missing)} (found {', '.join(raw.columns)})"
        )
    return raw.apply(lambda col: col.str.strip())


def read_municipalities(path: Path | str, encoding: str = "utf-8") -> pd.DataFrame:
    """Municipalities valid now. Columns: ``municipality`` (code), ``municipality_label``,
    ``county``, ``county_label``, ``last_changed`` (year of the last change, as published)."""
    raw = _read(path, encoding, ("kommunenummer", "kommunenavn", "fylkesnummer", "fylkesnavn",
                                 "siste_endret"))
    return pd.DataFrame({
        "municipality": raw["kommunenummer"],
        "municipality_label": raw["kommunenavn"],
        "county": raw["fylkesnummer"],
        "county_label": raw["fylkesnavn"],
        "last_changed": pd.to_numeric(raw["siste_endret"], errors="coerce").astype("Int64"),
    })


LEVELS = {"kommune": "municipality", "fylke": "county"}


def read_regions_history(path: Path | str, encoding: str = "utf-8") -> pd.DataFrame:
    """Every code with its validity. Columns: ``level`` (municipality / county), ``code``,
    ``label``, ``county``, ``county_label``, ``valid_from``, ``valid_to`` (exclusive; NaT
    while still valid), ``current`` (bool)."""
    raw = _read(path, encoding, ("nivå", "regionnummer", "regionnavn", "fylkesnummer",
                                 "fylkesnavn", "gyldig_fra", "gyldig_til", "er_gjeldende"))
    unknown = set(raw["nivå"]) - set(LEVELS)
    if unknown:
        raise KlassFormatError(f"{path}: unknown level(s) {', '.join(sorted(unknown))}")
    return pd.DataFrame({
        "level": raw["nivå"].map(LEVELS),
        "code": raw["regionnummer"],
        "label": raw["regionnavn"],
        "county": raw["fylkesnummer"],
        "county_label": raw["fylkesnavn"],
        "valid_from": pd.to_datetime(raw["gyldig_fra"], format="%Y-%m-%d"),
        "valid_to": pd.to_datetime(raw["gyldig_til"].replace("", None), format="%Y-%m-%d"),
        "current": raw["er_gjeldende"].str.lower() == "true",
    })


def read_transitions(path: Path | str, encoding: str = "utf-8") -> pd.DataFrame:
    """Old → new code edges. Columns: ``from_year``, ``to_year``, ``level``, ``from_code``,
    ``to_code``, ``change_type`` (merge, split, renumbered …)."""
    raw = _read(path, encoding, ("from_year", "to_year", "level", "from_id", "to_id",
                                 "change_type"))
    return pd.DataFrame({
        "from_year": raw["from_year"].astype(int),
        "to_year": raw["to_year"].astype(int),
        "level": raw["level"],
        "from_code": raw["from_id"],
        "to_code": raw["to_id"],
        "change_type": raw["change_type"],
    })


SN2007_LEVELS = ("section", "division", "group", "class", "subclass")


def read_sn2007(path: Path | str, encoding: str = "utf-8") -> pd.DataFrame:
    """SN2007, one row per five-digit code with every level above it. Columns: for each of
    ``section`` (A–U), ``division`` (2 digits), ``group``, ``class``, ``subclass`` (5 digits)
    the code and ``<level>_label`` (bokmål)."""
    required = tuple(f"Nace_{i}_{k}" for i in range(1, 6) for k in ("nr", "navn"))
    raw = _read(path, encoding, required)
    out = pd.DataFrame(index=raw.index)
    for i, level in enumerate(SN2007_LEVELS, start=1):
        out[level] = raw[f"Nace_{i}_nr"]
        out[f"{level}_label"] = raw[f"Nace_{i}_navn"]
    return out
