"""The tracker's status file: a CSV with Norwegian headings that people edit by hand, its
template, and reading it with validation that names the line and the field.

Columns (``STATUS_HEADINGS``; the order is free, ``anbefaling`` is only a reminder of the
recommendation's label and is not read)::

    id, anbefaling, status, ansvarlig, frist, dokumentasjon, neste steg, sist oppdatert

- ``id``: a recommendation (A1 … E5) or follow-up measure (F1, F2) of the strategy;
- ``status``: ``ukjent`` (the default, also for an empty cell), ``ikke startet``,
  ``påbegynt``, ``gjennomført`` or ``avvist`` (case-insensitive);
- ``ansvarlig``: responsible actor(s), free text (several separated by ``;``);
- ``frist`` and ``sist oppdatert``: dates written ``ÅÅÅÅ-MM-DD`` (may be empty);
- ``dokumentasjon`` (text or link) and ``neste steg``: free text.

A file may hold a history: several rows for one recommendation, each with its own
``sist oppdatert``. The same recommendation twice with the same (or no) date is an error.
Comma or semicolon separated (a spreadsheet saving CSV in Norwegian uses semicolons); lines
starting with ``#`` are comments (e.g. "EKSEMPEL" on an example file).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd

from helpers.core import data
from helpers.core.formatting import date_nb
from helpers.themes.manufacturing_strategy.reference import AREA_ALL, NOTEBOOK, recommendations

#: The status words, in display order; the first is the default for an empty cell.
UNKNOWN = "ukjent"
STATUS_LABELS: tuple[str, ...] = (UNKNOWN, "ikke startet", "påbegynt", "gjennomført", "avvist")
#: Statuses after which a deadline no longer matters.
CLOSED: tuple[str, ...] = ("gjennomført", "avvist")

#: Heading in the file → column name in the frames read from it.
STATUS_HEADINGS: dict[str, str] = {
    "id": "id",
    "anbefaling": "anbefaling",
    "status": "status",
    "ansvarlig": "ansvarlig",
    "frist": "frist",
    "dokumentasjon": "dokumentasjon",
    "neste steg": "neste_steg",
    "sist oppdatert": "sist_oppdatert",
}
REQUIRED_HEADINGS: tuple[str, ...] = ("id", "status")
DATE_FIELDS: tuple[str, ...] = ("frist", "sist oppdatert")
#: Columns of the frame ``read_status`` returns (``linje`` is the file's line number).
ENTRY_COLUMNS: tuple[str, ...] = ("id", "status", "ansvarlig", "frist", "dokumentasjon",
                                  "neste_steg", "sist_oppdatert", "linje")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StatusFileError(ValueError):
    """A status file is missing or invalid; the message names the file, line and field."""


def resolve_path(path: str | Path) -> Path:
    """A relative path is looked up from the working directory, then from the project root."""
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p
    alt = data.project_root() / p
    return alt if alt.exists() else p


#: What readers see instead of the status file's path (title page, list of reports).
STATUS_FILE_TEXT = "statusoversikt oppgitt av brukeren"


def reader_description(path: str | Path) -> str:
    """The status file as readers see it, never its path: who gave it and when it was last
    updated (the newest ``sist oppdatert`` in the file; without one, the day the file was last
    changed). The path stays in the report's technical provenance."""
    p = resolve_path(path)
    try:
        dates = update_dates(read_status(p))
        changed = date.fromtimestamp(p.stat().st_mtime)
    except (StatusFileError, OSError):
        return STATUS_FILE_TEXT
    if dates:
        return f"{STATUS_FILE_TEXT}, sist oppdatert {date_nb(dates[-1])}"
    return f"{STATUS_FILE_TEXT}, sist endret {date_nb(changed)}"


def status_template() -> pd.DataFrame:
    """A status file to fill in, with the file's headings: every recommendation and follow-up
    measure, status ``ukjent`` (unknown is not the same as not started), the rest empty."""
    recs = recommendations(AREA_ALL)
    frame = pd.DataFrame({heading: "" for heading in STATUS_HEADINGS}, index=recs.index)
    frame["id"] = recs["id"]
    frame["anbefaling"] = recs["label"]
    frame["status"] = UNKNOWN
    return frame.reset_index(drop=True)


def write_status_template(path: str | Path) -> Path:
    """Write the template as UTF-8 CSV (with a byte-order mark, so spreadsheets read æøå)."""
    path = Path(path)
    if path.exists():
        raise StatusFileError(f"status file {path}: already exists; choose another name "
                              "(a template never overwrites a status file)")
    path.parent.mkdir(parents=True, exist_ok=True)
    status_template().to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _parse_date(text: str) -> date | None:
    if not _DATE_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_status(path: str | Path) -> pd.DataFrame:
    """Every entry of a status file, validated: one row per line, columns ``ENTRY_COLUMNS``
    (dates as ``datetime.date`` or None, ``linje`` the line in the file).

    Raises ``StatusFileError`` naming the file and, per problem, the line, the field and what
    was expected: unknown recommendation id, a status outside the five words, a date not
    written ÅÅÅÅ-MM-DD, the same recommendation twice with the same date, missing headings.
    """
    p = resolve_path(path)
    if not p.is_file():
        raise StatusFileError(
            f"notebook {NOTEBOOK!r}, parameter 'status_file': file {str(path)!r} not found "
            f"(looked in {Path.cwd()} and {data.project_root()})")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatusFileError(f"status file {p}: not UTF-8 text ({exc}); save it as "
                              "CSV UTF-8") from exc
    # comments become empty lines, so line numbers stay those of the file
    text = "\n".join("" if line.lstrip().startswith("#") else line
                     for line in text.splitlines())
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise StatusFileError(f"status file {p}: empty; the first line must hold the headings "
                              + ", ".join(STATUS_HEADINGS))
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    header: list[str] = []
    while not any(header):
        header = [h.strip().lower() for h in next(reader)]
    unknown = [h for h in header if h and h not in STATUS_HEADINGS]
    missing = [h for h in REQUIRED_HEADINGS if h not in header]
    if missing or unknown:
        what = []
        if missing:
            what.append(f"missing heading(s) {', '.join(repr(h) for h in missing)}")
        if unknown:
            what.append(f"unknown heading(s) {', '.join(repr(h) for h in unknown)}")
        raise StatusFileError(f"status file {p}, line {reader.line_num}: {'; '.join(what)}; "
                              f"expected the headings {', '.join(STATUS_HEADINGS)}")
    known = list(recommendations(AREA_ALL)["id"])
    problems: list[str] = []
    seen: dict[tuple[str, date | None], int] = {}
    rows = []
    line_no = reader.line_num
    for cells in reader:
        start, line_no = line_no + 1, reader.line_num  # a quoted cell may span lines
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(f"line {start}: {len(cells)} fields but {len(header)} headings "
                            "(a text with a comma or semicolon must be in quotes)")
            continue
        rec = {h: c.strip() for h, c in zip(header, cells, strict=False) if h}
        rid = rec.get("id", "").upper()
        where = f"line {start}"
        if not rid:
            problems.append(f"{where}, field 'id': empty; expected a recommendation id")
            continue
        where += f" ({rid})"
        if rid not in known:
            problems.append(f"{where}, field 'id': unknown recommendation {rec['id']!r}; "
                            f"expected one of {', '.join(known)}")
        status = rec.get("status", "").lower() or UNKNOWN
        if status not in STATUS_LABELS:
            problems.append(f"{where}, field 'status': {rec['status']!r} is not allowed; use "
                            + ", ".join(repr(s) for s in STATUS_LABELS))
        dates: dict[str, date | None] = {}
        for field in DATE_FIELDS:
            raw = rec.get(field, "")
            dates[field] = _parse_date(raw) if raw else None
            if raw and dates[field] is None:
                problems.append(f"{where}, field {field!r}: {raw!r} is not a date written "
                                "ÅÅÅÅ-MM-DD (e.g. 2026-09-30)")
        key = (rid, dates["sist oppdatert"])
        if key in seen:
            when = (f"dated {key[1].isoformat()}" if key[1] else "without 'sist oppdatert'")
            problems.append(f"{where}, field 'id': {rid} is already given on line {seen[key]} "
                            f"{when}; give each update its own date in 'sist oppdatert'")
        seen.setdefault(key, start)
        rows.append({"id": rid, "status": status, "ansvarlig": rec.get("ansvarlig", ""),
                     "frist": dates["frist"], "dokumentasjon": rec.get("dokumentasjon", ""),
                     "neste_steg": rec.get("neste steg", ""),
                     "sist_oppdatert": dates["sist oppdatert"], "linje": start})
    if problems:
        raise StatusFileError(f"status file {p}: {len(problems)} problem(s):\n  "
                              + "\n  ".join(problems))
    return pd.DataFrame(rows, columns=list(ENTRY_COLUMNS))


def history(entries: pd.DataFrame) -> pd.DataFrame:
    """The entries ordered per recommendation from oldest to newest: an undated entry comes
    before every dated one of the same recommendation, ties keep the file's order."""
    if entries.empty:
        return entries.copy()
    order = entries.assign(
        _undated=entries["sist_oppdatert"].isna(),
        _date=entries["sist_oppdatert"].map(lambda d: d.toordinal() if d else 0),
    )
    order = order.sort_values(["id", "_undated", "_date", "linje"],
                              ascending=[True, False, True, True], kind="stable")
    return order.drop(columns=["_undated", "_date"]).reset_index(drop=True)


def latest(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per recommendation: its newest entry (see ``history``)."""
    return history(entries).groupby("id", sort=False).tail(1).reset_index(drop=True)


def update_dates(entries: pd.DataFrame) -> list[date]:
    """The dates of the file's updates, oldest first."""
    return sorted({d for d in entries["sist_oppdatert"] if d is not None})


def state_as_of(entries: pd.DataFrame, when: date | None) -> pd.DataFrame:
    """The newest entry per recommendation dated on or before ``when`` (None: every entry)."""
    if when is None:
        return latest(entries)
    kept = entries[entries["sist_oppdatert"].map(lambda d: d is None or d <= when)]
    return latest(kept)
