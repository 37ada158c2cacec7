"""Readers for the published formats of the external datasets, each into a tidy DataFrame:

- USGS Mineral Commodity Summaries world data: markers such as ``W`` (withheld), ``NA``, ``XX``,
  ``>``/``<`` bounds and thousands commas are kept in a ``status`` column, never read as zero.
- World Bank WGI DataBank bulk file: wide (one column per year) to long.
- EU 2023 criticality tables (cp1252): percent strings to shares 0-1, ``<0.1%`` kept as a bound,
  ``-`` (not assessed) kept apart from a number.

``READERS`` maps the ``format`` of the external catalogue to its reader.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from helpers.core.countries import country_code, match_key, squash
from helpers.sources.external import ExternalDataError

_USGS_VALUE_COL = re.compile(r"^(PROD|CAP|RESERVES)_(EST_)?\s*(\d{4})$")
_USGS_MEASURE = {"PROD": "production", "CAP": "capacity", "RESERVES": "reserves"}
_USGS_NOTES = {"PROD": "PROD_NOTES", "CAP": "CAP_NOTES", "RESERVES": "RESERVE_NOTES"}
#: USGS symbols for cells without a plain number (MCS "Explanation of symbols").
USGS_MARKERS: dict[str, str] = {
    "W": "withheld to avoid disclosing company proprietary data",
    "NA": "not available",
    "XX": "not applicable",
    "zero": "zero (printed as a dash)",
    ">": "more than the value shown",
    "<": "less than the value shown",
}
_USGS_REQUIRED = ("COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS")


def _read_csv(path: Path, encoding: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise ExternalDataError(f"{path}: not readable as {encoding}: {exc}") from exc
    except (OSError, pd.errors.ParserError) as exc:
        raise ExternalDataError(f"{path}: cannot read as CSV: {exc}") from exc


def _require(frame: pd.DataFrame, columns: Sequence[str], path: Path, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ExternalDataError(
            f"{path}: not in the {what} format: missing column(s) {', '.join(missing)} "
            f"(found {', '.join(frame.columns)})"
        )


def parse_usgs_value(cell: str) -> tuple[float, str]:
    """One USGS cell → (value, status). Status "" for a plain number, else a USGS_MARKERS key.

    Raises ValueError for text that is neither a number nor a known marker.
    """
    text = str(cell).replace("\u00a0", " ").strip()
    if text == "":
        return math.nan, ""
    upper = text.upper()
    if upper in ("W", "NA", "XX"):
        return math.nan, upper
    if text in ("-", "--", "\u2014", "\u2013"):
        return 0.0, "zero"
    bound = ""
    if text[0] in "<>":
        bound, text = text[0], text[1:].strip()
    number = text.replace(",", "").replace(" ", "")
    try:
        return float(number), bound
    except ValueError:
        raise ValueError(f"not a number or USGS marker: {cell!r}") from None


def _row_kind(country: str) -> str:
    c = match_key(country)
    if c.startswith("world total"):
        return "world"
    if c.startswith("other countries"):
        return "other"
    if " and " in c and c.startswith("united states and"):
        return "group"
    return "country"


def read_usgs_world(path: Path | str, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Read the MCS world-data CSV into one row per commodity × country × type × measure × year.

    Columns: commodity, country (trimmed as published), iso3, row_kind (country / world /
    other / group), type, unit, measure (production / capacity / reserves), year, estimate
    (the column is an estimate, e.g. ``PROD_EST_ 2024``), value, status, notes. An empty cell
    whose notes say "W" is marked withheld (the 2025 file puts "W for 23-24" in the notes).
    """
    path = Path(path)
    raw = _read_csv(path, encoding)
    raw.columns = [c.strip() if not _USGS_VALUE_COL.match(c.strip()) else c for c in raw.columns]
    _require(raw, _USGS_REQUIRED, path, "USGS MCS world-data")
    value_cols = [(c, _USGS_VALUE_COL.match(c.strip())) for c in raw.columns]
    value_cols = [(c, m) for c, m in value_cols if m]
    if not value_cols:
        raise ExternalDataError(
            f"{path}: not in the USGS MCS world-data format: no PROD_/CAP_/RESERVES_ year column"
        )
    rows = []
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        country = squash(rec["COUNTRY"])
        base = {
            "commodity": squash(rec["COMMODITY"]),
            "country": country,
            "iso3": None,
            "row_kind": _row_kind(country),
            "type": squash(rec["TYPE"]),
            "unit": rec["UNIT_MEAS"].strip(),
        }
        if base["row_kind"] == "country":
            base["iso3"] = country_code(country)
        for col, match in value_cols:
            kind, est, year = match.groups()
            notes = str(rec.get(_USGS_NOTES[kind], "")).strip()
            try:
                value, state = parse_usgs_value(rec[col])
            except ValueError as exc:
                raise ExternalDataError(f"{path}, row {i}, column {col!r}: {exc}") from None
            if state == "" and math.isnan(value) and re.search(r"\bW\b", notes):
                state = "W"
            rows.append({**base, "measure": _USGS_MEASURE[kind], "year": int(year),
                         "estimate": bool(est), "value": value, "status": state, "notes": notes})
    return pd.DataFrame(rows)


WGI_DIMENSIONS = ("VA.EST", "PV.EST", "GE.EST", "RQ.EST", "RL.EST", "CC.EST")
_WGI_REQUIRED = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")


def read_wgi(
    path: Path | str, encoding: str = "utf-8-sig", indicators: Sequence[str] | None = WGI_DIMENSIONS
) -> pd.DataFrame:
    """Read the WGI DataBank bulk CSV (wide, one column per year) into long form.

    Columns: country, iso3, indicator, indicator_name, year, value. Empty cells and DataBank's
    ``..`` become NaN. ``indicators`` keeps only those codes (default: the six estimates);
    ``None`` keeps all.
    """
    path = Path(path)
    raw = _read_csv(path, encoding)
    _require(raw, _WGI_REQUIRED, path, "World Bank WGI DataBank")
    years = [c for c in raw.columns if re.fullmatch(r"\d{4}( \[YR\d{4}\])?", c.strip())]
    if not years:
        raise ExternalDataError(f"{path}: not in the WGI DataBank format: no year columns")
    if indicators is not None:
        raw = raw[raw["Indicator Code"].isin(indicators)]
    long = raw.melt(
        id_vars=list(_WGI_REQUIRED), value_vars=years, var_name="year", value_name="cell"
    )
    cells = long["cell"].str.strip()
    values = pd.to_numeric(cells.where(~cells.isin(["", ".."])), errors="coerce")
    bad = cells[values.isna() & ~cells.isin(["", ".."])]
    if len(bad):
        raise ExternalDataError(f"{path}: not a number in the WGI data: {bad.iloc[0]!r}")
    return pd.DataFrame({
        "country": long["Country Name"].str.strip(),
        "iso3": long["Country Code"].str.strip(),
        "indicator": long["Indicator Code"].str.strip(),
        "indicator_name": long["Indicator Name"].str.strip(),
        "year": long["year"].str.slice(0, 4).astype(int),
        "value": values,
    }).reset_index(drop=True)


def _score(cell: str, path: Path, row: int, col: str) -> tuple[float, str]:
    text = str(cell).strip()
    if text in ("-", "", "\u2013", "\u2014"):
        return math.nan, "not assessed"
    try:
        return float(text.replace(",", ".")), ""
    except ValueError:
        raise ExternalDataError(
            f"{path}, row {row}, column {col!r}: not a score: {cell!r}"
        ) from None


def read_eu_scores(path: Path | str, encoding: str = "cp1252") -> pd.DataFrame:
    """Read the EU assessments' SR/EI table: material, year, sr, ei, sr_status, ei_status.

    ``-`` means the material was not assessed that year (status "not assessed", value NaN).
    """
    path = Path(path)
    raw = _read_csv(path, encoding)
    _require(raw, ("Material", "Year", "SR", "EI"), path, "EU CRM scores")
    rows = []
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        sr, sr_status = _score(rec["SR"], path, i, "SR")
        ei, ei_status = _score(rec["EI"], path, i, "EI")
        rows.append({"material": squash(rec["Material"]),
                     "year": int(rec["Year"]), "sr": sr, "ei": ei,
                     "sr_status": sr_status, "ei_status": ei_status})
    return pd.DataFrame(rows)


_STAGES = {"E": "extraction", "P": "processing"}


def parse_share(cell: str) -> tuple[float, str, float]:
    """An EU share cell → (share 0-1, status, upper bound).

    "12.5%" → (0.125, "", 0.125); "<0.1%" → (nan, "<", 0.001); "" → (nan, "blank", nan);
    "6" (percent sign missing in the published table) → (0.06, "no % sign", 0.06).
    """
    text = str(cell).strip().replace(",", ".")
    if text == "":
        return math.nan, "blank", math.nan
    if text.startswith("<"):
        bound = float(text[1:].rstrip("%").strip()) / 100
        return math.nan, "<", bound
    status = "" if text.endswith("%") else "no % sign"
    value = float(text.rstrip("%").strip()) / 100
    return value, status, value


def read_eu_shares(path: Path | str, encoding: str = "cp1252") -> pd.DataFrame:
    """Read an EU 2023 supply-share table (global or EU sourcing).

    Columns: material, stage (extraction / processing), country (as published, trimmed), iso3,
    share (0-1; NaN when printed as a bound), share_status, share_upper, t.
    """
    path = Path(path)
    raw = _read_csv(path, encoding)
    _require(raw, ("Material", "Stage", "Country", "Share", "t"), path, "EU CRM supply-share")
    rows = []
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        stage = rec["Stage"].strip().upper()
        if stage not in _STAGES:
            raise ExternalDataError(f"{path}, row {i}, column 'Stage': {rec['Stage']!r} is not E/P")
        try:
            share, state, upper = parse_share(rec["Share"])
            t = float(rec["t"].strip()) if rec["t"].strip() else math.nan
        except ValueError:
            raise ExternalDataError(
                f"{path}, row {i}: unreadable share {rec['Share']!r} or t {rec['t']!r}"
            ) from None
        country = squash(rec["Country"])
        rows.append({"material": squash(rec["Material"]),
                     "stage": _STAGES[stage], "country": country,
                     "iso3": country_code(country), "share": share, "share_status": state,
                     "share_upper": upper, "t": t})
    return pd.DataFrame(rows)


READERS = {
    "usgs_mcs_world": read_usgs_world,
    "wgi_databank": read_wgi,
    "eu_crm_scores": read_eu_scores,
    "eu_crm_shares": read_eu_shares,
}
