"""Published statistics (SSB tables, KLASS files): declared once, found, verified, refreshed.

Every dataset is one entry in the external-data catalogue (``data/external_sources.json``,
read by ``helpers.sources.external``) whose ``format`` names one of the readers below: the
pinned URL and SHA-256 of the recorded copy, its file name, SSB table id, Norwegian title, licence,
citation and, for SSB tables, the ``live`` query that returns the current vintage::

    "live": {"table": "13931", "lang": "no", "selection": {"Tid": ["*"], ...},
             "v0_dataset": "https://data.ssb.no/api/v0/dataset/832678.json?lang=no"}

Two copies of a dataset can exist:

- the **recorded copy**: the pinned file, in ``$INDUSTRIRAPPORTER_EXTERNAL_DIR`` or in the
  download store (``data/external/``), always checked against its SHA-256;
- a **live answer**: what ``refresh`` got from Statistics Norway (PxWebApi v2, api/v0 as
  fallback), stored in the download store beside the recorded copy's place as
  ``<file stem>.live.json`` with the query, the URL and the retrieval time.

``resolve`` picks the live answer when there is one, else the recorded copy;
``$INDUSTRIRAPPORTER_STATISTICS=recorded`` pins every report to the recorded copies.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.core.data import sha256_file
from helpers.core.file_cache import cached_by_file
from helpers.sources import external

if TYPE_CHECKING:
    import pandas as pd

#: "recorded" makes every load use the recorded copy even when a live answer is stored.
SOURCE_ENV = "INDUSTRIRAPPORTER_STATISTICS"
LIVE_SUFFIX = ".live.json"
RECORDED, LIVE = "recorded", "live"


def read_jsonstat(response: Any) -> pd.DataFrame:
    from helpers.sources.jsonstat import read_jsonstat as read

    return read(response)


def _read_jsonstat_file(path: Path | str, encoding: str = "utf-8") -> pd.DataFrame:
    return read_jsonstat(Path(path).read_bytes())


def _on_use(module: str, name: str) -> Callable[..., pd.DataFrame]:
    """A reader whose module (and pandas, openpyxl) is imported when it first reads: the
    build's parent only asks which formats exist and never reads."""
    def read(*args: Any, **kwargs: Any) -> pd.DataFrame:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    read.__name__ = name
    return read


#: Reader kind (the catalogue's ``format``) → reader of the recorded file.
READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "jsonstat": _read_jsonstat_file,
    "xlsx-11713": _on_use("helpers.sources.county_accounts", "read_11713_xlsx"),
    "klass-municipalities": _on_use("helpers.sources.klass_files", "read_municipalities"),
    "klass-history": _on_use("helpers.sources.klass_files", "read_regions_history"),
    "klass-transitions": _on_use("helpers.sources.klass_files", "read_transitions"),
    "klass-sn2007": _on_use("helpers.sources.klass_files", "read_sn2007"),
}


class StatisticsError(external.ExternalDataError):
    """A published-statistics dataset is unknown, or its live answer is unusable."""


def datasets() -> dict[str, external.ExternalSource]:
    """Every published-statistics dataset in the catalogue, by id."""
    return {k: v for k, v in external.sources().items() if v.format in READERS}


def dataset(dataset_id: str) -> external.ExternalSource:
    """The catalogue entry of ``dataset_id``; an unknown id is an error listing the known."""
    return external.entry(datasets(), dataset_id, "statistics dataset", StatisticsError)


def live_path(dataset_id: str) -> Path:
    """Where ``refresh`` stores the live answer: beside the recorded copy's place in the
    download store (the user's external directory may be read-only)."""
    src = dataset(dataset_id)
    rel = Path(src.path)
    return external.store_dir() / rel.parent / f"{rel.stem}{LIVE_SUFFIX}"


@dataclass(frozen=True)
class Resolved:
    """Which file a load reads: the recorded copy or a live answer."""

    dataset_id: str
    path: Path
    origin: str  # RECORDED or LIVE
    sha256: str


def prefer_recorded() -> bool:
    return os.environ.get(SOURCE_ENV, "").strip().lower() == RECORDED


def resolve(dataset_id: str, source: str = "auto") -> Resolved:
    """The file to read for ``dataset_id``.

    ``source``: "auto" (a stored live answer, else the recorded copy; the recorded copy only
    when ``$INDUSTRIRAPPORTER_STATISTICS=recorded``), "recorded" or "live". Raises
    ``external.MissingExternalData`` / ``ChecksumMismatch`` for a missing or damaged recorded
    copy and ``StatisticsError`` when "live" is asked for and none is stored.
    """
    if source not in ("auto", RECORDED, LIVE):
        raise ValueError(f"source must be 'auto', 'recorded' or 'live', got {source!r}")
    src = dataset(dataset_id)
    live = live_path(dataset_id)
    if source == LIVE or (source == "auto" and not prefer_recorded() and src.live):
        if live.is_file():
            return Resolved(dataset_id, live, LIVE, sha256_file(live))
        if source == LIVE:
            raise StatisticsError(
                f"statistics dataset {dataset_id!r}: no live answer stored at {live}; "
                f"refresh it first"
            )
    path = external.locate(dataset_id)
    return Resolved(dataset_id, path, RECORDED, src.sha256)


def read(resolved: Resolved) -> pd.DataFrame:
    """Read a resolved file with its dataset's reader (a live answer is always JSON-stat)."""
    src = dataset(resolved.dataset_id)
    if resolved.origin == LIVE:
        record = read_live_record(resolved.path)
        frame = read_jsonstat(record["response"])
        frame.attrs["retrieved"] = record.get("retrieved", "")
        frame.attrs["url"] = record.get("url", "")
        frame.attrs["api"] = record.get("api", "")
        return frame
    return READERS[src.format](resolved.path, encoding=src.encoding)


def copy_provenance(dataset_id: str, path: Path) -> dict[str, str]:
    """What one copy of ``dataset_id`` says about itself, for the readers' list of sources:
    ``table`` (SSB table id), ``vintage`` (SSB's "updated" date), ``retrieved`` (when it was
    fetched from SSB) and ``url`` (where from); "" for what the copy does not record.

    A live answer records all of them. A recorded JSON-stat copy carries SSB's own
    ``updated`` and, when its recorder kept it, ``_metadata`` with the fetch time and SSB URL;
    the other recorded copies fall back on the catalogue's ``updated``. Only the file's
    metadata are read, never its cells (the build's parent process calls this).
    """
    src = dataset(dataset_id)
    out = {"table": src.table, "vintage": src.updated, "retrieved": "", "url": ""}
    if path.name.endswith(LIVE_SUFFIX):
        record = read_live_record(path)
        out.update(vintage=str(record.get("updated", "")), url=str(record.get("url", "")),
                   retrieved=str(record.get("retrieved", "")))
    elif src.format == "jsonstat":
        out.update(_recorded_jsonstat_meta(path))
    out["vintage"] = out["vintage"][:10]
    return out


@cached_by_file(maxsize=16)
def _recorded_jsonstat_meta(path: Path) -> dict[str, str]:
    try:
        obj = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    body = obj.get("dataset", obj) if isinstance(obj, dict) else {}  # v0 form or JSON-stat 2.0
    meta = obj.get("_metadata") if isinstance(obj, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    got = {"retrieved": str(meta.get("fetched_at", "")), "url": str(meta.get("url", ""))}
    if isinstance(body, dict) and body.get("updated"):
        got["vintage"] = str(body["updated"])
    return got


def read_live_record(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StatisticsError(f"{path}: unreadable live answer ({exc}); refresh again") from exc
    if not isinstance(record, dict) or "response" not in record:
        raise StatisticsError(f"{path}: not a stored live answer (no 'response'); refresh again")
    return record


def write_live_record(dataset_id: str, record: dict[str, Any]) -> Path:
    """Store a live answer atomically (temporary file, then rename): never half-written."""
    target = live_path(dataset_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- state of the data


def status() -> pd.DataFrame:
    """One row per catalogue entry (statistics and the other external datasets): ``name``,
    ``table``, ``state`` (verified / missing / checksum mismatch), ``vintage`` (SSB's updated
    date of what a report would read), ``live`` (when a stored live answer was retrieved),
    ``where`` (the file a report would read)."""
    import pandas as pd  # imported on use

    rows = []
    for name, src in external.sources().items():
        row = {"name": name, "table": src.table, "state": "", "vintage": "", "live": "",
               "where": ""}
        try:
            path = external.locate(name)
            row.update(state="verified", where=str(path), vintage=src.updated)
        except external.ChecksumMismatch:
            row["state"] = "checksum mismatch"
        except external.MissingExternalData:
            row["state"] = "missing"
        if src.format in READERS and src.live:
            live = live_path(name)
            if live.is_file():
                try:
                    record = read_live_record(live)
                    row["live"] = str(record.get("retrieved", ""))
                    if not prefer_recorded():
                        row.update(where=str(live), vintage=str(record.get("updated", ""))[:10])
                except StatisticsError:
                    row["live"] = "unreadable"
        rows.append(row)
    return pd.DataFrame(rows, columns=["name", "table", "state", "vintage", "live", "where"])


@dataclass
class Ensured:
    """What ``ensure`` found: datasets fetched now, and those still missing with why."""

    fetched: list[str]
    missing: dict[str, str]

    def message(self) -> str:
        """One message for the terminal (empty when nothing is missing): what is missing and
        how to get it. Reports say in words which section lacks which data."""
        if not self.missing:
            return ""
        names = ", ".join(
            f"{name} ({dataset(name).citation})" if name in datasets() else name
            for name in self.missing
        )
        reasons = sorted(set(self.missing.values()))
        return (
            f"{len(self.missing)} dataset(s) missing: {names}. The reports that need them are "
            f"built without those sections ({'; '.join(reasons)}). Get them with "
            f"`python -m helpers data fetch` (needs internet), or set "
            f"${external.EXTERNAL_DIR_ENV} to a directory holding the recorded copies."
        )


def ensure(names: list[str] | tuple[str, ...], *, download: bool = True,
           progress: bool = False, timeout: float = 30.0) -> Ensured:
    """Make sure the named datasets are present: verified on disk, else downloaded from their
    pinned URLs when ``download`` (and the network allows). Never raises for a missing
    dataset: the build goes on and says once what is missing."""
    fetched: list[str] = []
    missing: dict[str, str] = {}
    offline = ""  # after one failed connection, the others are not tried
    for name in dict.fromkeys(names):
        if name in datasets():
            try:
                resolve(name)
                continue
            except external.ExternalDataError:
                pass
        elif external.available(name):
            continue
        if not download or offline:
            missing[name] = offline or "not downloaded"
            continue
        try:
            external.fetch([name], progress=progress, timeout=timeout)
            fetched.append(name)
        except external.ChecksumMismatch as exc:
            missing[name] = f"download did not match its SHA-256: {exc}"
        except external.ExternalDataError as exc:
            missing[name] = _short_reason(exc)
            if missing[name] in (NO_CONNECTION, TIMED_OUT):
                offline = missing[name]
    return Ensured(fetched, missing)


def _short_reason(exc: Exception) -> str:
    text = str(exc)
    if "timed out" in text.lower():
        return TIMED_OUT
    if "Connection broken" in text or "IncompleteRead" in text:
        return "the download was interrupted"
    refused = re.search(r"HTTP (\d{3}) from", text)
    if refused:
        return f"download refused ({refused.group(1)})"
    return NO_CONNECTION


NO_CONNECTION, TIMED_OUT = "no connection", "the download timed out"


# --------------------------------------------------------------------------- live refresh


@dataclass
class Refreshed:
    """The outcome of refreshing one dataset from SSB."""

    name: str
    ok: bool
    message: str
    path: Path | None = None


def refresh(names: list[str] | tuple[str, ...] | None = None, *,
            client: Any = None) -> list[Refreshed]:
    """Ask Statistics Norway for the current vintage of each named dataset (all with a live
    query when ``None``) and store each answer beside the recorded copy.

    PxWebApi v2 first, then api/v0 with the same selection (the client's fallback), then the
    v0 ready-made dataset when one is declared. On any SSB error the dataset keeps what it had
    (the recorded copy, or an earlier live answer) and the outcome says why.
    """
    from helpers.sources import ssb

    http = client or ssb.Client(use_cache=False)
    chosen = list(names) if names else [n for n, s in datasets().items() if s.live]
    out = []
    for name in chosen:
        src = dataset(name)
        if not src.live:
            out.append(Refreshed(name, False, "no live query declared (recorded copy only)"))
            continue
        query = src.live
        try:
            record = _ask(http, query)
            frame = read_jsonstat(record["response"])
            expected = set(query["selection"])
            got = {c for c in frame.columns if not c.endswith("_label")} - {"value", "status"}
            if got != expected:
                raise ssb.SSBFormatError(
                    f"the answer has dimensions {sorted(got)}, the query {sorted(expected)}"
                )
        except ssb.SSBError as exc:
            kept = "an earlier live answer" if live_path(name).is_file() else "the recorded copy"
            out.append(Refreshed(name, False, f"SSB: {exc}; {kept} is used"))
            continue
        record.update(dataset=name, table=src.table, query=query,
                      updated=str(frame.attrs.get("updated", "")))
        path = write_live_record(name, record)
        out.append(Refreshed(name, True, f"SSB updated {record['updated'][:10] or '?'}, "
                                         f"{len(frame)} cells via {record['api']}", path))
    return out


def _ask(http: Any, query: dict[str, Any]) -> dict[str, Any]:
    from helpers.sources import ssb

    try:
        got = http.fetch(query["table"], query["selection"], lang=query.get("lang", "no"),
                         refresh=True)
        return {k: got[k] for k in ("api", "url", "retrieved", "response")}
    except (ssb.SSBHTTPError, ssb.SSBFormatError):
        if not query.get("v0_dataset"):
            raise
    url = query["v0_dataset"]
    response = http.get_json(url)
    read_jsonstat(response)  # validate the older form before storing
    return {"api": "v0-dataset", "url": url, "retrieved": now_iso(), "response": response}


# --------------------------------------------------------------------------- what reports need


def needed_by(notebook: str) -> tuple[str, ...]:
    """The datasets the report of ``notebook`` needs, as its theme declares them: a literal
    tuple ``STATISTICS = ("ssb_11713", ...)`` at the top level of ``helpers/themes/<notebook>``
    (package ``__init__.py`` or module). Read without importing the theme, so the build's main
    process never loads plotting libraries before it starts its workers. None declared: ()."""
    import ast

    import helpers

    themes = Path(helpers.__file__).resolve().parent / "themes"
    candidates = [themes / notebook / "__init__.py", themes / f"{notebook}.py"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        return ()
    declared: tuple[str, ...] = ()
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
        if any(isinstance(t, ast.Name) and t.id == "STATISTICS" for t in targets):
            try:
                declared = tuple(ast.literal_eval(node.value))
            except ValueError as exc:
                raise StatisticsError(
                    f"{path}: STATISTICS must be a literal tuple of dataset ids"
                ) from exc
    unknown = [n for n in declared if n not in external.sources()]
    if unknown:
        raise StatisticsError(
            f"{path}: STATISTICS names unknown dataset(s) {', '.join(unknown)}; known: "
            f"{', '.join(sorted(external.sources()))}"
        )
    return declared
