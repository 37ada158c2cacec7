"""Statistics Norway (SSB) client for the live-data path.

Fetches statistics tables as JSON-stat 2.0 and turns them into tidy DataFrames:

- PxWebApi v2: ``POST https://data.ssb.no/api/pxwebapi/v2/tables/{id}/data`` with
  ``{"selection": [{"variableCode": ..., "valueCodes": [...], "codelist": ...}]}``; the older
  ``POST https://data.ssb.no/api/v0/no/table/{id}/`` is tried when v2 answers with an HTTP error
  or an unreadable body.
- Responses are cached as JSON files outside git (``.cache/ssb/`` in the project, or the folder
  in ``$INDUSTRIRAPPORTER_SSB_CACHE``).
- At most 40 calls a minute (SSB's limit), with retries and exponential back-off on 429 and 5xx
  (``Retry-After`` respected). ``sleep`` and ``clock`` are injectable so tests do not wait.
- Errors are ``SSBError`` subclasses: ``SSBHTTPError`` (status, URL, start of the body),
  ``SSBTimeout``, ``SSBOffline`` (no connection), ``SSBFormatError`` (malformed JSON-stat).
- ``live_or_shipped`` returns live data, or the dataset shipped in ``data/`` with a visible note
  when SSB cannot be reached.
- ``Client.klass_codes_at`` / ``klass_changes`` read SSB's KLASS API (the classifications
  themselves: ``helpers.sources.klass``).

Nothing in the tests touches the network: they use hand-built responses.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers.core import data
from helpers.core.formatting import date_nb
from helpers.sources.ssb_http import (  # noqa: F401 - the client's API, one import for callers
    API_BASE,
    BASE_URL_ENV,
    CACHE_ENV,
    CALLS_PER_MINUTE,
    KLASS_BASE,
    MAX_WAIT,
    RETRY_STATUSES,
    V0_BASE,
    V2_BASE,
    Connection,
    RateLimiter,
    SSBError,
    SSBFormatError,
    SSBHTTPError,
    SSBOffline,
    SSBTimeout,
    SSBWaitTooLong,
    default_cache_dir,
    error_args,
    now_iso,
    shared_limiter,
)
from helpers.sources.ssb_query import (  # noqa: F401
    Selection,
    checked_table_id,
    iso_date,
    read_jsonstat,
    v0_body,
    v2_body,
)

# --------------------------------------------------------------------------- client


@dataclass
class Client(Connection):
    """A Statistics Norway API client with cache, rate limit and retries (``Connection``):
    statistics tables (PxWebApi v2, api/v0 as fallback), table metadata and KLASS.

    ``cache_dir=None`` uses ``default_cache_dir()``; ``use_cache=False`` disables the cache.
    ``max_age`` (seconds) is how long a cached response is reused; None: always.
    """

    # -- statistics tables

    def table(self, table_id: str, selection: Selection, **fetch_kw: Any) -> pd.DataFrame:
        """Table ``table_id`` for ``selection`` as a tidy DataFrame (see ``read_jsonstat``);
        ``fetch_kw`` are those of ``fetch`` (``lang``, ``codelists``, ``refresh``).

        ``attrs`` records ``table``, ``api`` ("v2" or "v0"), ``url``, ``retrieved`` and
        ``from_cache``.
        """
        fetched = self.fetch(table_id, selection, **fetch_kw)
        frame = read_jsonstat(fetched["response"])
        frame.attrs.update({k: fetched[k] for k in ("api", "url", "retrieved", "from_cache")})
        frame.attrs["table"] = str(table_id)
        return frame

    def fetch(
        self,
        table_id: str,
        selection: Selection,
        *,
        lang: str = "no",
        codelists: Mapping[str, str] | None = None,
        refresh: bool = False,
    ) -> dict[str, Any]:
        """The raw JSON-stat response with where and when it came from (cached when allowed).

        Tries PxWebApi v2 and falls back to api/v0 on an HTTP error or malformed body.
        Timeouts and a missing connection are raised at once (v0 is on the same host).
        """
        table_id = checked_table_id(table_id)
        body = v2_body(selection, codelists)
        key = {"table": table_id, "selection": body, "lang": lang}
        if not refresh:
            hit = self._cache_get(key)
            if hit is not None:
                return {**hit, "from_cache": True}
        url = f"{self.v2_base}/tables/{table_id}/data"
        params = {"lang": lang, "outputFormat": "json-stat2"}
        try:
            response = self._request("POST", url, params=params, json=body)
            read_jsonstat(response)  # validate before caching
            api = "v2"
        except (SSBHTTPError, SSBFormatError) as v2_error:
            url = f"{self.v0_base}/{lang}/table/{table_id}/"
            try:
                response = self._request("POST", url, json=v0_body(selection, codelists))
                read_jsonstat(response)
            except SSBError as v0_error:
                raise type(v0_error)(
                    *error_args(v0_error, f"(after PxWebApi v2 failed: {v2_error})")
                ) from v0_error
            api = "v0"
        record = {
            "api": api,
            "url": url,
            "retrieved": now_iso(),
            "response": response,
        }
        self._cache_put(key, record)
        return {**record, "from_cache": False}

    def metadata(self, table_id: str, *, lang: str = "no") -> dict[str, Any]:
        """PxWebApi v2 metadata of a table (variables, codelists, updated)."""
        url = f"{self.v2_base}/tables/{checked_table_id(table_id)}/metadata"
        return self._request("GET", url, params={"lang": lang, "outputFormat": "json-stat2"})

    # -- KLASS

    def klass_codes_at(self, classification: str, on: date | str) -> list[dict[str, Any]]:
        """The codes of a KLASS classification valid on a date (``codesAt``)."""
        day = iso_date(on)
        return self._klass(classification, "codesAt", {"date": day}, {"codesAt": day},
                           "codes", ("code", "name"))

    def klass_changes(
        self, classification: str, from_date: date | str, to_date: date | str
    ) -> list[dict[str, Any]]:
        """Code changes of a KLASS classification between two dates (``changes``)."""
        params = {"from": iso_date(from_date), "to": iso_date(to_date)}
        return self._klass(classification, "changes", params, {"changes": params},
                           "codeChanges", ("oldCode", "newCode"))

    def _klass(self, classification: str, endpoint: str, params: Mapping[str, str],
               key_part: Mapping[str, Any], field_name: str,
               required: tuple[str, str]) -> list[dict[str, Any]]:
        """The list ``field_name`` of a KLASS answer (cached), each item with ``required``."""
        url = f"{self.klass_base}/classifications/{classification}/{endpoint}"
        key = {"klass": classification, **key_part}
        hit = self._cache_get(key)
        body = hit["response"] if hit else self._request(
            "GET", url, params=params, headers={"Accept": "application/json"}
        )
        items = body.get(field_name) if isinstance(body, Mapping) else None
        if not isinstance(items, list) or not all(
            isinstance(c, Mapping) and all(k in c for k in required) for c in items
        ):
            raise SSBFormatError(
                f"KLASS {url}: expected {field_name!r}, a list of {{{', '.join(required)}}}"
            )
        if not hit:
            self._cache_put(key, {"api": "klass", "url": url, "retrieved": now_iso(),
                                  "response": body})
        return list(items)


def table(table_id: str, selection: Selection, **kw: Any) -> pd.DataFrame:
    """``Client().table(...)`` with the default cache, rate limit and retries."""
    return Client().table(table_id, selection, **kw)


# --------------------------------------------------------------------------- offline fallback


@dataclass
class Sourced:
    """Data with a record of where it came from: live from SSB, or shipped in ``data/``."""

    frame: pd.DataFrame
    live: bool
    note: str
    citation: str

    def show_note(self) -> None:
        """Show the note in the report: a warning box when shipped data replaced live data."""
        from helpers.core import report

        report.callout(self.note, "note" if self.live else "warning")


def live_or_shipped(
    table_id: str,
    selection: Selection,
    shipped: str,
    *,
    live: bool = True,
    transform: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    client: Client | None = None,
    **fetch_kw: Any,
) -> Sourced:
    """Live data from SSB table ``table_id``, or dataset ``shipped`` when SSB cannot deliver.

    ``transform`` brings the live frame into the shape the caller needs. With ``live=False``
    the shipped dataset is used directly. The returned ``note`` (Norwegian, for the report)
    says which data are shown and, after a failure, why; a failure also emits a warning.
    """
    if live:
        try:
            frame = (client or Client()).table(table_id, selection, **fetch_kw)
            if transform is not None:
                frame = transform(frame)
            when = date_nb(str(frame.attrs.get("retrieved", ""))[:10])
            cached = " (fra mellomlager)" if frame.attrs.get("from_cache") else ""
            return Sourced(
                frame,
                True,
                f"Tallene er hentet direkte fra SSB, tabell {table_id}, {when}{cached}.",
                f"SSB, tabell {table_id}",
            )
        except SSBError as exc:
            reason = _reason(exc)  # falls through to the shipped data below
    desc = data.descriptor(shipped)
    shown = f"«{desc['title']}» ({desc['citation']})"
    if live:
        note = (f"Kunne ikke hente SSB-tabell {table_id} ({reason}). Rapporten viser "
                f"i stedet de lagrede dataene {shown}.")
        warnings.warn(note, stacklevel=2)
    else:
        note = f"Rapporten viser lagrede data: {shown}."
    return Sourced(data.load(shipped), False, note, desc["citation"])


def _reason(exc: SSBError) -> str:
    if isinstance(exc, SSBOffline):
        return "ingen forbindelse"
    if isinstance(exc, SSBTimeout):
        return "tidsavbrudd"
    if isinstance(exc, SSBHTTPError):
        return f"HTTP-feil {exc.status}"
    if isinstance(exc, SSBFormatError):
        return "uventet svarformat"
    return "feil"
