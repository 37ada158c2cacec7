"""Load the project's datasets, validated against their schemas, with their provenance.

Every dataset is a CSV file in ``data/<group>/`` with a Frictionless Data Resource descriptor
beside it (``<name>.resource.json``): title, description, sources, licence, units, a short
citation for "Kilde:" lines and a column schema. ``load`` validates the file against that schema
and returns a DataFrame; ``sources`` returns the provenance; ``kilde`` formats the source line
shown under charts and tables.

Statistics Norway's missing-value markers are kept apart from zero: for every numeric column a
``<column>_status`` column holds the marker (``.``, ``..``, ``...``, ``:``, ``-``) or "" when the
cell has a value. ``-`` (nil) becomes 0 with status "-"; the other markers become NaN. Sums over
such columns therefore treat "not available" as absent, never as zero.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from helpers.core.file_cache import cached_by_file
from helpers.core.formatting import EN_DASH, en_dash

#: Statistics Norway's symbols for cells without a number, and what they mean.
SSB_MARKERS: dict[str, str] = {
    ".": "ikke mulig å oppgi / ikke aktuelt",
    "..": "ikke tilgjengelig",
    "...": "ikke publisert ennå",
    ":": "skjermet (konfidensielt)",
    "-": "null",
}

DESCRIPTOR_SUFFIX = ".resource.json"
#: Set by the report runner: every file a notebook reads is appended to this file.
READ_LOG_ENV = "INDUSTRIRAPPORTER_READ_LOG"
DATA_DIR_ENV = "INDUSTRIRAPPORTER_DATA"

_NUMERIC = {"integer", "number", "year"}


class DataError(Exception):
    """A dataset is missing, unknown or its descriptor is unusable."""


class SchemaError(DataError):
    """A data file violates its schema; the message names file, row, column, value and rule."""


@dataclass(frozen=True)
class Violation:
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        col = f", column '{self.column}'" if self.column else ""
        val = f", value {self.value!r}" if self.value is not None else ""
        return f"{where}{col}{val}: {self.rule}"


def project_root() -> Path:
    return Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The data folder: ``$INDUSTRIRAPPORTER_DATA`` if set (tests), else ``<project>/data``."""
    return Path(os.environ.get(DATA_DIR_ENV) or project_root() / "data")


def catalogue(root: Path | None = None) -> dict[str, Path]:
    """Map every dataset name to its descriptor path."""
    root = root or data_dir()
    return dict(_catalogue(root, _descriptor_files(str(root))))


def _descriptor_files(root: str) -> tuple[str, ...]:
    """The descriptors under ``root`` (outside any ``external`` folder), relative and sorted.

    Listed with ``os.scandir`` on every call, so a descriptor added or removed is seen at once
    (reports look datasets up hundreds of times: pathlib's rglob cost them seconds)."""
    found: list[str] = []
    folders = [""]
    while folders:
        rel = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(root, rel)))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.name.endswith(DESCRIPTOR_SUFFIX) and not entry.is_dir():
                found.append(os.path.join(rel, entry.name))
            elif entry.name != "external" and entry.is_dir():
                folders.append(os.path.join(rel, entry.name))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=8)
def _catalogue(root: Path, files: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for rel in files:
        path = root / rel
        name = path.name[: -len(DESCRIPTOR_SUFFIX)]
        if name in found:
            raise DataError(f"dataset name {name!r} is used twice: {found[name]} and {path}")
        found[name] = path
    return found


def descriptor_path(name: str) -> Path:
    cat = catalogue()
    if name not in cat:
        known = ", ".join(sorted(cat)) or "(none)"
        raise DataError(f"unknown dataset {name!r} in {data_dir()}; known datasets: {known}")
    return cat[name]


def descriptor(name: str) -> dict[str, Any]:
    """The dataset's Frictionless resource descriptor as a dict."""
    path = descriptor_path(name)
    return _read_descriptor(path)


def read_json(path: Path, what: str, error: type[Exception] = DataError) -> Any:
    """The JSON document in ``path``; an unreadable or malformed file raises ``error``
    ("<path>: cannot read <what>: <reason>")."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from exc


@cached_by_file(maxsize=256)
def _read_descriptor(path: Path) -> dict[str, Any]:
    desc = read_json(path, "the descriptor")
    for key in ("name", "path", "title", "sources", "citation", "schema"):
        if key not in desc:
            raise DataError(f"{path}: descriptor lacks the required property {key!r}")
    return desc


def data_files(name: str) -> list[Path]:
    """The CSV file(s) of a dataset (a multipart resource has several)."""
    dpath = descriptor_path(name)
    return _files_of(_read_descriptor(dpath), dpath)


def _files_of(desc: dict[str, Any], dpath: Path) -> list[Path]:
    parts = desc["path"] if isinstance(desc["path"], list) else [desc["path"]]
    return [dpath.parent / p for p in parts]


#: Datasets loaded in this process, in the order first loaded (see ``loaded``).
_LOADED: dict[str, None] = {}


#: Provenance records of datasets loaded from outside ``data/`` (published statistics, see
#: ``helpers.core.statistics``), so the source table and "Kilde:" lines cover them too.
_OUTSIDE: dict[str, dict[str, Any]] = {}


def note_loaded(name: str, record: dict[str, Any]) -> None:
    """Record a dataset loaded by another loader (its ``sources`` record) as loaded."""
    _OUTSIDE[name] = record
    _LOADED.setdefault(name)


def loaded() -> list[str]:
    """Names of the datasets ``load`` has returned in this process, first-loaded first: what a
    report actually read, so its source list never has to be kept by hand."""
    return list(_LOADED)


def load(name: str, *, validate: bool = True) -> pd.DataFrame:
    """Load dataset ``name`` as a DataFrame typed by its schema.

    Raises ``DataError`` for an unknown dataset or missing file and ``SchemaError`` (naming file,
    row, column, value and rule) when the file violates its schema.
    """
    import pandas as pd  # imported on use: the build's parent never needs it
    dpath = descriptor_path(name)
    desc = _read_descriptor(dpath)
    files = _files_of(desc, dpath)
    frames = []
    for csv in files:
        if not csv.is_file():
            raise DataError(f"dataset {name!r}: data file {csv} is missing (descriptor {dpath})")
        frames.append(_load_file(csv, dpath, validate))
    record_read(name, [*files, dpath])
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    frame.attrs["dataset"] = name
    frame.attrs["citation"] = desc["citation"]
    return frame.copy()


def load_shared(name: str) -> pd.DataFrame:
    """``load``, for a caller that looks things up in a table many times: one frame is shared
    by every call while the dataset's files are unchanged (treat it as read-only); each call
    still counts as a read of the dataset."""
    dpath = descriptor_path(name)
    files = _files_of(_read_descriptor(dpath), dpath)
    frame = _shared(name, dpath, *files)
    record_read(name, [*files, dpath])
    return frame


@cached_by_file(maxsize=32)
def _shared(name: str, _descriptor: Path, *_files: Path) -> pd.DataFrame:
    # the paths are arguments so that the cache follows the files' state
    return load(name)


def record_read(name: str, paths: Iterable[Path]) -> None:
    """Count ``paths`` as read and dataset ``name`` as loaded, as ``load`` does: for a caller
    that keeps a loaded table and looks things up in it many times."""
    for path in paths:
        _log_read(path)
    _LOADED.setdefault(name)


@cached_by_file(maxsize=128)
def _load_file(csv: Path, dpath: Path, validate: bool) -> pd.DataFrame:
    import pandas as pd  # imported on use: the build's parent never needs it
    desc = _read_descriptor(dpath)
    schema = desc["schema"]
    if validate:
        problems = _validate_once(csv, desc)
        if problems:
            shown = "\n  ".join(str(p) for p in problems[:10])
            more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
            raise SchemaError(
                f"{csv} violates the schema in {dpath.name} ({len(problems)} problem(s)):\n  "
                f"{shown}{more}"
            )
    encoding = desc.get("encoding", "utf-8")
    raw = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding=encoding)
    return _typed(raw, schema)


def _validate_once(csv: Path, desc: dict[str, Any]) -> list[Violation]:
    """``validate_file``, done once per build for a file and descriptor found valid."""
    from helpers.core import parse_cache

    inputs = [sha256_file(csv), csv.name, json.dumps(desc, sort_keys=True)]
    place = parse_cache.entry("valid", inputs, parse_cache.VALIDATION)
    return parse_cache.reuse(place, lambda: validate_file(csv, desc),
                             keep=lambda problems: not problems)


def validate_file(csv: Path, desc: dict[str, Any]) -> list[Violation]:
    """Check one CSV file against the descriptor's schema; return every violation found."""
    from frictionless import Resource  # imported here: only validation needs it

    header = _header_problems(csv, desc)
    if header:  # frictionless matches columns by position and would blame the next column
        return header
    part = {k: v for k, v in desc.items() if k not in ("path", "sources", "licenses")}
    part["path"] = csv.name
    part.setdefault("format", "csv")
    try:
        resource = Resource.from_descriptor(part, basepath=str(csv.parent))
        report = resource.validate()
    except Exception as exc:  # frictionless raises its own types for bad descriptors
        return [Violation(str(csv), None, None, None, f"cannot validate: {exc}")]
    out = []
    for row, field, cell, kind, note in report.flatten(
        ["rowNumber", "fieldName", "cell", "type", "note"]
    ):
        rule = f"{kind}: {note}" if note else str(kind)
        out.append(Violation(str(csv), row, field, cell, rule))
    return out


def _header_problems(csv: Path, desc: dict[str, Any]) -> list[Violation]:
    """Columns the schema names but the header lacks, and the reverse, by name."""
    import csv as csvmod

    try:
        with csv.open(encoding=desc.get("encoding", "utf-8"), newline="") as fh:
            header = next(csvmod.reader(fh), [])
    except (OSError, UnicodeDecodeError):
        return []  # frictionless reports these
    expected = [f.get("name") for f in desc.get("schema", {}).get("fields", [])]
    out = [Violation(str(csv), 1, name, None, "missing-column: not in the file's header")
           for name in expected if name not in header]
    out += [Violation(str(csv), 1, name, None, "extra-column: not in the schema")
            for name in header if name not in expected]
    return out


def _typed(raw: pd.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    import pandas as pd  # imported on use: the build's parent never needs it
    missing = set(schema.get("missingValues", [""]))
    markers = missing & set(SSB_MARKERS)
    out = pd.DataFrame(index=raw.index)
    for field in schema["fields"]:
        col, ftype = field["name"], field.get("type", "string")
        if col not in raw.columns:
            continue
        cells = raw[col].str.strip()
        if ftype in _NUMERIC:
            status = cells.where(cells.isin(markers), "")
            numeric = pd.to_numeric(cells.where(~cells.isin(missing)), errors="coerce")
            numeric = numeric.mask(cells == "-", 0.0)
            if ftype in ("integer", "year") and not (numeric.dropna() % 1).any():
                numeric = numeric.astype("Int64")
            out[col] = numeric
            if markers:
                out[f"{col}_status"] = status
        elif ftype == "boolean":
            true = set(field.get("trueValues", ["true", "True", "TRUE", "1"]))
            out[col] = cells.map(lambda v, t=true: None if v in missing else v in t)
        else:
            out[col] = cells
    return out


def sources(name: str) -> dict[str, Any]:
    """Provenance of a dataset: title, description, sources, licences, dates, units, citation."""
    if name in _OUTSIDE and name not in catalogue():
        return dict(_OUTSIDE[name])
    desc = descriptor(name)
    keys = (
        "title", "description", "sources", "licenses", "published", "retrieved", "units",
        "citation",
    )
    record = {k: desc[k] for k in keys if k in desc}
    record["name"] = name
    record["files"] = [str(p.relative_to(data_dir())) for p in data_files(name)]
    return record


def sources_table(
    names: Iterable[str] | None = None,
    *,
    documents: Iterable[str] | None = None,
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per dataset for a report's source section (Norwegian column names).

    ``names`` defaults to ``loaded()``. Columns: ``datasett``, ``kilde`` (the citation), an
    ``innhold`` column when ``labels`` maps names to Norwegian descriptions (descriptor titles
    are English, so they are not shown), and ``opphav``: the document lines (only for
    ``documents``, when given) or how many web pages the rows come from.
    """
    import pandas as pd  # imported on use: the build's parent never needs it
    wanted = None if documents is None else set(documents)
    rows = []
    for name in dict.fromkeys(loaded() if names is None else names):
        src = sources(name)
        where, pages = [], 0
        for s in src.get("sources", []):
            if "document" in s:
                if wanted is not None and s["document"] not in wanted:
                    continue  # a shared dataset: only this report's documents count
                lines = str(s.get("lines", ""))
                lines = ("l. " + en_dash(lines) if lines[:1].isdigit()
                         else "linjenummer per rad")
                where.append(f"dok. {s['document']}, {lines}")
            elif "path" in s:
                pages += 1
        if pages:
            where.append(f"{pages} nettside{'r' if pages > 1 else ''} (adresser i datasettet)")
        row = {"datasett": name, "kilde": src["citation"]}
        if labels is not None:
            row["innhold"] = labels.get(name, "")
        row["opphav"] = src.get("opphav") or "; ".join(where) or EN_DASH
        rows.append(row)
    return pd.DataFrame(rows)


def kilde(*names: str | Iterable[str], extra: Iterable[str] = ()) -> str:
    """The "Kilde: …" line for one or more datasets, each citation once, in the order given.

    ``extra`` adds citations that are not datasets (e.g. "egne beregninger").
    """
    flat: list[str] = []
    for n in names:
        flat.extend([n] if isinstance(n, str) else list(n))
    cites: list[str] = []
    for n in flat:
        c = sources(n)["citation"]
        if c not in cites:
            cites.append(c)
    for c in extra:
        if c not in cites:
            cites.append(c)
    return "Kilde: " + "; ".join(cites) + "."


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes, read in chunks (data files, notebooks, downloads)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _log_read(path: Path) -> None:
    log = os.environ.get(READ_LOG_ENV)
    if not log:
        return
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"{path.resolve()}\n")
