"""Load published statistics (SSB tables, KLASS) for a report, with their provenance.

A theme loads a table by its id from the external-data catalogue::

    from helpers.core.statistics import load_statistic, kilde
    ghg = load_statistic("ssb_13931")          # tidy DataFrame
    ghg.attrs["provenance"]["vintage"]         # SSB's "updated" date, e.g. "2025-06-06"
    kilde("ssb_13931")                         # "Kilde: SSB, tabell 13931."

The frame has a code and a label column per dimension (JSON-stat tables: the SSB dimension id,
e.g. ``Tid`` and ``Tid_label``), ``value`` and ``status`` (SSB's markers, "" when the cell has
a number; "not available" is NaN, never 0). ``attrs["provenance"]`` holds publisher, table,
title, vintage, source URL, whether the recorded copy or a live answer was read, and when it
was retrieved; ``attrs["citation"]`` the short text for "Kilde:" lines.

Every load is logged like ``helpers.core.data.load`` (the read log feeds provenance.json and the
rebuild key) and added to ``helpers.core.data.loaded()``, so the report's source table lists it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.core import data, parse_cache
from helpers.core.file_cache import cached_by_file
from helpers.core.formatting import date_nb
from helpers.sources import external
from helpers.sources import statistics as stats

ORIGIN_NB = {stats.RECORDED: "lagret kopi", stats.LIVE: "hentet direkte fra SSB"}


@dataclass(frozen=True)
class Provenance:
    """Where a loaded statistics frame came from."""

    dataset: str
    publisher: str
    table: str
    title: str
    vintage: str  # SSB's "updated" date of the data read ("" when the file does not say)
    source_url: str  # the pinned URL of the recorded copy, or the SSB URL that answered
    origin: str  # "recorded" or "live"
    retrieved: str  # when the file was fetched from SSB ("" when unknown)
    citation: str
    licence: str
    language: str
    sha256: str
    ssb_url: str = ""  # SSB's own address for a recorded answer, when the recorder kept it


def load_statistic(dataset_id: str, *, source: str = "auto") -> pd.DataFrame:
    """The dataset ``dataset_id`` as a tidy DataFrame with ``attrs["provenance"]``.

    ``source``: "auto" (a live answer stored by ``python -m helpers data fetch --refresh``,
    else the recorded copy), "recorded" or "live". Raises ``external.MissingExternalData``
    when the recorded copy is absent (``available`` tells beforehand), ``ChecksumMismatch``
    when it is damaged.
    """
    resolved = stats.resolve(dataset_id, source)
    frame = _read_cached(resolved, resolved.path).copy()
    prov = _provenance(resolved, frame.attrs)
    frame.attrs["provenance"] = asdict(prov)
    frame.attrs["citation"] = prov.citation
    frame.attrs["dataset"] = dataset_id
    data._log_read(resolved.path)  # the runner records every input file of a report
    data.note_loaded(dataset_id, source_record(prov))
    return frame


@cached_by_file(maxsize=16)
def _read_cached(resolved: stats.Resolved, _path: Path) -> pd.DataFrame:
    # the path is passed apart so that the cache follows the file's state
    # the parse is shared by the build's reports: keyed by the file's SHA-256 and the readers
    place = parse_cache.entry(f"table-{resolved.dataset_id}", [resolved.sha256, resolved.origin],
                              parse_cache.READERS)
    return parse_cache.reuse(place, lambda: stats.read(resolved))


def _provenance(resolved: stats.Resolved, attrs: dict[str, Any]) -> Provenance:
    src = stats.dataset(resolved.dataset_id)
    meta = attrs.get("_metadata") or {}
    live = resolved.origin == stats.LIVE
    vintage = str(attrs.get("updated") or ("" if live else src.updated))[:10]
    return Provenance(
        dataset=resolved.dataset_id,
        publisher=src.publisher,
        table=src.table,
        title=src.title,
        vintage=vintage,
        source_url=str(attrs.get("url", "")) if live else src.url,
        origin=resolved.origin,
        retrieved=str(attrs.get("retrieved", "") if live else meta.get("fetched_at", "")),
        citation=src.citation,
        licence=src.licence,
        language="no" if live else src.language,
        sha256=resolved.sha256,
        ssb_url=str(meta.get("url", "")),
    )


def provenance(frame: pd.DataFrame) -> Provenance:
    """The provenance a loaded frame carries."""
    record = frame.attrs.get("provenance")
    if not isinstance(record, dict):
        raise ValueError("this frame was not returned by load_statistic (no provenance)")
    return Provenance(**record)


def source_record(prov: Provenance) -> dict[str, Any]:
    """The record ``helpers.core.data.sources`` returns for a loaded statistics dataset."""
    return {
        "name": prov.dataset,
        "title": prov.title,
        "citation": prov.citation,
        "licenses": [{"title": prov.licence}],
        "sources": [{"title": prov.title, "publisher": prov.publisher, "url": prov.source_url}],
        "retrieved": prov.retrieved,
        "vintage": prov.vintage,
        "origin": prov.origin,
        "opphav": origin_text(prov),
    }


def origin_text(prov: Provenance) -> str:
    """One Norwegian phrase for a source table: which copy, which vintage."""
    parts = [ORIGIN_NB.get(prov.origin, prov.origin)]
    if prov.vintage:
        parts.append(f"SSB oppdatert {date_nb(prov.vintage)}")
    if prov.origin == stats.LIVE and prov.retrieved:
        parts.append(f"hentet {date_nb(prov.retrieved[:10])}")
    return ", ".join(parts)


def vintage_note(frame: pd.DataFrame) -> str:
    """One sentence for the report: which table, which vintage, recorded copy or live."""
    prov = provenance(frame)
    what = f"Tallene fra SSB, tabell {prov.table}," if prov.table else f"{prov.citation}:"
    when = f", sist oppdatert av SSB {date_nb(prov.vintage)}" if prov.vintage else ""
    if prov.origin == stats.LIVE:
        got = f" {date_nb(prov.retrieved[:10])}" if prov.retrieved else ""
        return f"{what} er hentet direkte fra SSB{got}{when}."
    return f"{what} er fra en lagret kopi{when}."


def citation(dataset_id: str) -> str:
    return stats.dataset(dataset_id).citation


def kilde(*dataset_ids: str, extra: tuple[str, ...] = ()) -> str:
    """The "Kilde: …" line for one or more statistics datasets (each citation once)."""
    cites = list(dict.fromkeys([citation(d) for d in dataset_ids] + list(extra)))
    return "Kilde: " + "; ".join(cites) + "."


def available(dataset_id: str) -> bool:
    """Whether the dataset can be loaded here (a live answer, or a verified recorded copy)."""
    try:
        stats.resolve(dataset_id)
    except external.ExternalDataError:
        return False
    return True


def missing_text(dataset_id: str, section: str = "") -> str:
    """What a report says in place of a section whose data are absent: in words, for readers
    (no command, path or setting; the build tells the user how to get the data)."""
    src = stats.dataset(dataset_id)
    table = f"tabell {src.table}" if src.table else src.citation
    where = f"Avsnittet «{section}» mangler fordi " if section else "Her mangler "
    what = f"tallene fra SSB ({table}: {src.title[:1].lower()}{src.title[1:]})"
    if section:
        return f"{where}{what} ikke var tilgjengelige da rapporten ble laget."
    return f"{where}{what}: de var ikke tilgjengelige da rapporten ble laget."


__all__ = [
    "Provenance", "available", "citation", "kilde", "load_statistic", "missing_text",
    "origin_text", "provenance", "vintage_note",
]


