"""Download, verify and read the external datasets the project does not ship.

The catalogue ``data/external_sources.json`` pins each file: URL, SHA-256, relative path, format,
encoding and provenance. A file is looked for, in this order, in

1. the directory named by ``$INDUSTRIRAPPORTER_EXTERNAL_DIR`` (same relative paths), and
2. ``data/external/`` (gitignored), where ``python -m helpers data fetch`` stores
   downloads.

Every file is checked against its pinned SHA-256 before it is read; a mismatch is an error, never a
silent fallback. The loaders turn each published format into a tidy DataFrame:

- USGS Mineral Commodity Summaries world data: markers such as ``W`` (withheld), ``NA``, ``XX``,
  ``>``/``<`` bounds and thousands commas are kept in a ``status`` column, never read as zero.
- World Bank WGI DataBank bulk file: wide (one column per year) to long.
- EU 2023 criticality tables (cp1252): percent strings to shares 0-1, ``<0.1%`` kept as a bound,
  ``-`` (not assessed) kept apart from a number.

Command line::

    python -m helpers data status          # where each file is, and whether it verifies
    python -m helpers data fetch [NAME...]  # download into data/external/ and verify
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.core import data
from helpers.core.data import sha256_file

CATALOGUE_FILE = "external_sources.json"
EXTERNAL_DIR_ENV = "INDUSTRIRAPPORTER_EXTERNAL_DIR"
EXTERNAL_STORE_ENV = "INDUSTRIRAPPORTER_EXTERNAL_STORE"
FETCH_COMMAND = "python -m helpers data fetch"


class ExternalDataError(Exception):
    """An external dataset is unknown, unreadable or not in its published format."""


class MissingExternalData(ExternalDataError):
    """The file is in none of the places searched; the message says how to get it."""


class ChecksumMismatch(ExternalDataError):
    """The file's SHA-256 differs from the pinned one."""


class DownloadError(ExternalDataError):
    """The download failed (HTTP error, timeout, no connection)."""


@dataclass(frozen=True)
class ExternalSource:
    """One pinned external file and its provenance."""

    name: str
    path: str
    url: str
    sha256: str
    format: str
    encoding: str
    title: str
    publisher: str
    licence: str
    citation: str
    published: str = ""
    doi: str = ""
    note: str = ""


# --------------------------------------------------------------------------- catalogue


def catalogue_path() -> Path:
    return data.data_dir() / CATALOGUE_FILE


def sources() -> dict[str, ExternalSource]:
    """Every pinned external dataset by name, read from ``data/external_sources.json``."""
    path = catalogue_path()
    return _read_catalogue(path, path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _read_catalogue(path: Path, _mtime: int) -> dict[str, ExternalSource]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ExternalDataError(f"cannot read the external-data catalogue {path}: {exc}") from exc
    out: dict[str, ExternalSource] = {}
    required = ("path", "url", "sha256", "format", "encoding", "title", "publisher", "licence",
                "citation")
    for name, entry in raw.get("datasets", {}).items():
        lacking = [k for k in required if not entry.get(k)]
        if lacking:
            raise ExternalDataError(f"{path}: dataset {name!r} lacks {', '.join(lacking)}")
        if not re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]):
            raise ExternalDataError(f"{path}: dataset {name!r}: sha256 must be 64 hex digits")
        fields = {k: entry.get(k, "") for k in ExternalSource.__dataclass_fields__ if k != "name"}
        out[name] = ExternalSource(name=name, **fields)
    return out


def source(name: str) -> ExternalSource:
    """The catalogue entry ``name``; an unknown name is an error listing the known ones."""
    known = sources()
    if name not in known:
        raise ExternalDataError(
            f"unknown external dataset {name!r}; known: {', '.join(sorted(known))} "
            f"(catalogue {catalogue_path()})"
        )
    return known[name]


def citation(name: str) -> str:
    """The short text for a "Kilde:" line."""
    return source(name).citation


# --------------------------------------------------------------------------- locate and verify


def store_dir() -> Path:
    """Where ``fetch`` stores downloads: ``data/external/`` (gitignored), or
    ``$INDUSTRIRAPPORTER_EXTERNAL_STORE`` when set (tests; downloads kept elsewhere)."""
    override = os.environ.get(EXTERNAL_STORE_ENV, "").strip()
    return Path(override) if override else data.data_dir() / "external"


def env_dir() -> Path | None:
    value = os.environ.get(EXTERNAL_DIR_ENV, "").strip()
    return Path(value) if value else None


def search_dirs() -> list[Path]:
    """The directories searched, in order: ``$INDUSTRIRAPPORTER_EXTERNAL_DIR``, then the store."""
    dirs = [d for d in (env_dir(), store_dir()) if d is not None]
    return list(dict.fromkeys(dirs))


@lru_cache(maxsize=64)
def _cached_sha(path: Path, _size: int, _mtime: int) -> str:
    return sha256_file(path)


def verify(path: Path, expected: str, name: str = "") -> None:
    """Raise ``ChecksumMismatch`` unless the file's SHA-256 is ``expected``."""
    path = Path(path)
    stat = path.stat()
    got = _cached_sha(path.resolve(), stat.st_size, stat.st_mtime_ns)
    if got != expected.lower():
        label = f"external dataset {name!r}: " if name else ""
        raise ChecksumMismatch(
            f"{label}{path} has SHA-256 {got}, expected {expected} (pinned in "
            f"{catalogue_path().name}). The file is damaged or a different version: delete it "
            f"and run `{FETCH_COMMAND}`."
        )


def locate(name: str, *, check: bool = True) -> Path:
    """The verified path of external dataset ``name``.

    Raises ``MissingExternalData`` (naming the places searched and the fetch command) or
    ``ChecksumMismatch``.
    """
    src = source(name)
    tried = []
    for base in search_dirs():
        candidate = base / src.path
        tried.append(str(candidate))
        if candidate.is_file():
            if check:
                verify(candidate, src.sha256, name)
            return candidate
    env_note = "" if env_dir() else f" (${EXTERNAL_DIR_ENV} is not set)"
    raise MissingExternalData(
        f"external dataset {name!r} ({src.title}) is missing: looked in {', '.join(tried)}"
        f"{env_note}. Fetch it with `{FETCH_COMMAND} {name}` (needs internet; downloads "
        f"{src.url}), or set ${EXTERNAL_DIR_ENV} to a directory holding {src.path}."
    )


def available(name: str) -> bool:
    """Whether the dataset is present and verifies."""
    try:
        locate(name)
    except ExternalDataError:
        return False
    return True


def status() -> pd.DataFrame:
    """One row per catalogue entry: name, state (ok / missing / checksum mismatch), path."""
    rows = []
    for name, src in sources().items():
        try:
            path, state = str(locate(name)), "ok"
        except ChecksumMismatch as exc:
            path, state = "", f"checksum mismatch: {exc}"
        except MissingExternalData:
            path, state = "", "missing"
        rows.append({"name": name, "state": state, "path": path, "file": src.path})
    return pd.DataFrame(rows, columns=["name", "state", "path", "file"])


# --------------------------------------------------------------------------- download


def fetch(
    names: Iterable[str] | None = None,
    *,
    force: bool = False,
    timeout: float = 60.0,
    session: Any = None,
) -> dict[str, Path]:
    """Download the named datasets (all when ``None``) into ``data/external/`` and verify them.

    A file already in the store with the right checksum is kept unless ``force``. The download
    goes to a temporary file that replaces the target only after the checksum matched, so a
    failed or tampered download never leaves a file that looks valid.
    """
    import requests

    http = session or requests.Session()
    chosen = list(names) if names else list(sources())
    out: dict[str, Path] = {}
    for name in chosen:
        src = source(name)
        target = store_dir() / src.path
        if target.is_file() and not force:
            try:
                verify(target, src.sha256, name)
                out[name] = target
                continue
            except ChecksumMismatch:
                pass  # replace the damaged copy below
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            response = http.get(src.url, timeout=timeout, stream=True)
            if response.status_code != 200:
                raise DownloadError(
                    f"external dataset {name!r}: HTTP {response.status_code} from {src.url}"
                )
            digest = hashlib.sha256()
            with open(tmp, "wb") as fh:
                for block in response.iter_content(chunk_size=1 << 16):
                    digest.update(block)
                    fh.write(block)
        except requests.RequestException as exc:
            tmp.unlink(missing_ok=True)
            raise DownloadError(
                f"external dataset {name!r}: cannot download {src.url}: {exc}. Without internet, "
                f"set ${EXTERNAL_DIR_ENV} to a directory holding {src.path}."
            ) from exc
        except DownloadError:
            tmp.unlink(missing_ok=True)
            raise
        got = digest.hexdigest()
        if got != src.sha256:
            tmp.unlink(missing_ok=True)
            raise ChecksumMismatch(
                f"external dataset {name!r}: the download from {src.url} has SHA-256 {got}, "
                f"expected {src.sha256}; nothing was stored"
            )
        os.replace(tmp, target)
        out[name] = target
    return out


# --------------------------------------------------------------------------- countries


def _squash(text: str) -> str:
    """Runs of whitespace (no-break spaces too) as one space, ends trimmed."""
    return re.sub(r"\s+", " ", str(text)).strip()


def _norm(text: str) -> str:
    return _squash(text).casefold()


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
                index.setdefault(_norm(key), entry)
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
    key = _norm(name)
    if key in index:
        return index[key][0]
    stripped = _norm(re.sub(r"\s*\(.*\)\s*$", "", str(name)))
    return index[stripped][0] if stripped in index else None


def country_name(code: str) -> str | None:
    """The World Bank spelling for an ISO3 code (None if unknown)."""
    entry = _country_index().get(_norm(code))
    return entry[1] if entry else None


def country_name_nb(code: str | None) -> str | None:
    """The Norwegian display name for an ISO3 code (``name_nb`` in ``country_codes``: the
    iso-codes bokmål translation, or our own short label); None if unknown."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return None
    table = _country_table()
    hit = table.loc[table["iso3"] == str(code).strip().upper(), "name_nb"]
    return str(hit.iloc[0]) if len(hit) else None


# --------------------------------------------------------------------------- loaders

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
    c = _norm(country)
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
        country = _squash(rec["COUNTRY"])
        base = {
            "commodity": _squash(rec["COMMODITY"]),
            "country": country,
            "iso3": None,
            "row_kind": _row_kind(country),
            "type": _squash(rec["TYPE"]),
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
        rows.append({"material": _squash(rec["Material"]),
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
        country = _squash(rec["Country"])
        rows.append({"material": _squash(rec["Material"]),
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


def load(name: str) -> pd.DataFrame:
    """Locate, verify and read external dataset ``name`` with the reader for its format."""
    src = source(name)
    path = locate(name)
    reader = READERS.get(src.format)
    if reader is None:
        raise ExternalDataError(f"external dataset {name!r}: no reader for format {src.format!r}")
    frame = _load_cached(reader, path, src.encoding, path.stat().st_mtime_ns)
    data._log_read(path)  # the runner records every input file of a report
    frame = frame.copy()
    frame.attrs["external"] = name
    frame.attrs["citation"] = src.citation
    return frame


@lru_cache(maxsize=8)
def _load_cached(reader: Any, path: Path, encoding: str, _mtime: int) -> pd.DataFrame:
    return reader(path, encoding=encoding)
