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

import hashlib
import json
import os
import time
import warnings
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pandas as pd
import requests

from helpers.core import data
from helpers.sources import jsonstat
from helpers.sources.ratelimit import SharedRateLimiter

API_BASE = "https://data.ssb.no/api"
V2_BASE = f"{API_BASE}/pxwebapi/v2"
V0_BASE = f"{API_BASE}/v0"
KLASS_BASE = f"{API_BASE}/klass/v1"
#: Another API root (a mirror, or a local test server): ``<root>/pxwebapi/v2``, ``<root>/v0``,
#: ``<root>/klass/v1``.
BASE_URL_ENV = "INDUSTRIRAPPORTER_SSB_BASE_URL"
#: The longest ``Retry-After`` the client obeys (seconds); a longer one is an error at once.
MAX_WAIT = 120.0
CACHE_ENV = "INDUSTRIRAPPORTER_SSB_CACHE"
#: SSB's published limit for the statistics API.
CALLS_PER_MINUTE = 40
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

#: A selection: variable code → value codes (``["*"]`` for all), or the v2 list form.
Selection = Mapping[str, Sequence[str]] | Sequence[Mapping[str, Any]]


class SSBError(Exception):
    """Statistics Norway could not deliver the data."""


class SSBHTTPError(SSBError):
    """SSB answered with an HTTP error status."""

    def __init__(self, status: int, url: str, body: str = "") -> None:
        self.status, self.url, self.body = status, url, body
        excerpt = f": {body[:200]}" if body else ""
        super().__init__(f"SSB answered HTTP {status} for {url}{excerpt}")


class SSBTimeout(SSBError):
    """No answer from SSB within the timeout."""


class SSBOffline(SSBError):
    """No connection to SSB (offline, DNS failure, refused)."""


class SSBWaitTooLong(SSBError):
    """SSB asked the client to wait (``Retry-After``) longer than its ``max_wait``."""


class SSBFormatError(SSBError, ValueError):
    """The response is not the JSON(-stat) expected; the message says what is wrong."""


# --------------------------------------------------------------------------- JSON-stat


def read_jsonstat(obj: Mapping[str, Any] | str | bytes) -> pd.DataFrame:
    """A JSON-stat dataset as a tidy DataFrame (see ``helpers.sources.jsonstat``); a malformed
    one raises ``SSBFormatError``."""
    try:
        return jsonstat.read_jsonstat(obj)
    except jsonstat.JSONStatError as exc:
        raise SSBFormatError(str(exc)) from exc


# --------------------------------------------------------------------------- request bodies


def v2_body(selection: Selection, codelists: Mapping[str, str] | None = None) -> dict[str, Any]:
    """PxWebApi v2 request body from ``{variable: [codes]}`` (or an already built list)."""
    if isinstance(selection, Mapping):
        items = []
        for var, vals in selection.items():
            _check_values(var, vals)
            item: dict[str, Any] = {"variableCode": var, "valueCodes": list(vals)}
            if codelists and var in codelists:
                item["codelist"] = codelists[var]
            items.append(item)
        return {"selection": items}
    return {"selection": [dict(s) for s in selection]}


def v0_body(selection: Selection, codelists: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The equivalent api/v0 query (``"*"`` becomes the ``all`` filter; codelists become
    ``agg:``/``vs:`` filters as given)."""
    pairs = (
        [(s["variableCode"], s["valueCodes"], s.get("codelist")) for s in selection]
        if not isinstance(selection, Mapping)
        else [(k, v, (codelists or {}).get(k)) for k, v in selection.items()]
    )
    query = []
    for var, vals, codelist in pairs:
        _check_values(var, vals)
        vals = list(vals)
        if vals == ["*"]:
            sel: dict[str, Any] = {"filter": "all", "values": ["*"]}
        else:
            sel = {"filter": codelist or "item", "values": vals}
        query.append({"code": var, "selection": sel})
    return {"query": query, "response": {"format": "json-stat2"}}


def _check_values(var: str, vals: Any) -> None:
    if isinstance(vals, str) or not isinstance(vals, Sequence) or not vals:
        raise ValueError(
            f"selection for variable {var!r} must be a non-empty list of value codes, got {vals!r}"
        )


# --------------------------------------------------------------------------- rate limit


class RateLimiter:
    """At most ``calls`` calls in any ``period`` seconds (sliding window)."""

    def __init__(
        self,
        calls: int = CALLS_PER_MINUTE,
        period: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.calls, self.period, self.clock, self.sleep = calls, period, clock, sleep
        self._stamps: deque[float] = deque()

    def wait(self) -> None:
        """Block until one more call is allowed, then record it."""
        now = self.clock()
        while self._stamps and now - self._stamps[0] >= self.period:
            self._stamps.popleft()
        if len(self._stamps) >= self.calls:
            delay = self.period - (now - self._stamps[0])
            if delay > 0:
                self.sleep(delay)
            now = self.clock()
            self._stamps.popleft()
        self._stamps.append(now)


def shared_limiter() -> SharedRateLimiter:
    """The limiter every default client uses: one file in the cache folder, so every process
    of a build (the report workers too) shares SSB's 40 calls a minute."""
    return SharedRateLimiter(default_cache_dir() / "ratelimit.json", CALLS_PER_MINUTE, 60.0)


# --------------------------------------------------------------------------- client


def default_cache_dir() -> Path:
    """``$INDUSTRIRAPPORTER_SSB_CACHE`` if set, else ``<project>/.cache/ssb`` (gitignored)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else data.project_root() / ".cache" / "ssb"


@dataclass
class Client:
    """A Statistics Norway API client with cache, rate limit and retries.

    ``cache_dir=None`` uses ``default_cache_dir()``; ``use_cache=False`` disables the cache.
    ``max_age`` (seconds) is how long a cached response is reused; None: always.
    """

    session: requests.Session = field(default_factory=requests.Session)
    cache_dir: Path | None = None
    use_cache: bool = True
    max_age: float | None = 7 * 24 * 3600
    timeout: float = 30.0
    max_retries: int = 4
    backoff: float = 2.0
    sleep: Callable[[float], None] = time.sleep
    limiter: RateLimiter | SharedRateLimiter | None = None
    wall_clock: Callable[[], float] = time.time
    #: API root; None: ``$INDUSTRIRAPPORTER_SSB_BASE_URL``, else https://data.ssb.no/api
    base_url: str | None = None
    max_wait: float = MAX_WAIT

    def __post_init__(self) -> None:
        if self.limiter is None:
            self.limiter = (
                shared_limiter() if self.sleep is time.sleep else RateLimiter(sleep=self.sleep)
            )
        root = self.base_url or os.environ.get(BASE_URL_ENV, "").strip() or API_BASE
        self.base_url = root.rstrip("/")

    @property
    def v2_base(self) -> str:
        return f"{self.base_url}/pxwebapi/v2"

    @property
    def v0_base(self) -> str:
        return f"{self.base_url}/v0"

    @property
    def klass_base(self) -> str:
        return f"{self.base_url}/klass/v1"

    def get_json(self, url: str, **kwargs: Any) -> Any:
        """GET a JSON answer (e.g. a v0 ready-made dataset) with the limit and retries."""
        return self._request("GET", url, **kwargs)

    # -- statistics tables

    def table(
        self,
        table_id: str,
        selection: Selection,
        *,
        lang: str = "no",
        codelists: Mapping[str, str] | None = None,
        refresh: bool = False,
    ) -> pd.DataFrame:
        """Table ``table_id`` for ``selection`` as a tidy DataFrame (see ``read_jsonstat``).

        ``attrs`` records ``table``, ``api`` ("v2" or "v0"), ``url``, ``retrieved`` and
        ``from_cache``.
        """
        fetched = self.fetch(table_id, selection, lang=lang, codelists=codelists, refresh=refresh)
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
        table_id = _table_id(table_id)
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
                    *_error_args(v0_error, f"(after PxWebApi v2 failed: {v2_error})")
                ) from v0_error
            api = "v0"
        record = {
            "api": api,
            "url": url,
            "retrieved": _now(),
            "response": response,
        }
        self._cache_put(key, record)
        return {**record, "from_cache": False}

    def metadata(self, table_id: str, *, lang: str = "no") -> dict[str, Any]:
        """PxWebApi v2 metadata of a table (variables, codelists, updated)."""
        url = f"{self.v2_base}/tables/{_table_id(table_id)}/metadata"
        return self._request("GET", url, params={"lang": lang, "outputFormat": "json-stat2"})

    # -- KLASS

    def klass_codes_at(self, classification: str, on: date | str) -> list[dict[str, Any]]:
        """The codes of a KLASS classification valid on a date (``codesAt``)."""
        day = _iso_date(on)
        return self._klass(classification, "codesAt", {"date": day}, {"codesAt": day},
                           "codes", ("code", "name"))

    def klass_changes(
        self, classification: str, from_date: date | str, to_date: date | str
    ) -> list[dict[str, Any]]:
        """Code changes of a KLASS classification between two dates (``changes``)."""
        params = {"from": _iso_date(from_date), "to": _iso_date(to_date)}
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
            self._cache_put(key, {"api": "klass", "url": url, "retrieved": _now(),
                                  "response": body})
        return list(items)

    # -- HTTP with rate limit and retries

    def _request(self, method: str, url: str, **kwargs: Any) -> Any:
        attempt = 0
        while True:
            assert self.limiter is not None
            self.limiter.wait()
            try:
                resp = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.Timeout as exc:
                # raised at once: retrying a silent server multiplies the wait
                raise SSBTimeout(f"SSB did not answer within {self.timeout} s ({url})") from exc
            except requests.ConnectionError as exc:
                raise SSBOffline(f"cannot reach SSB at {url}: {exc}") from exc
            except requests.RequestException as exc:
                raise SSBError(f"request to {url} failed: {exc}") from exc
            if resp.status_code in RETRY_STATUSES and attempt < self.max_retries:
                self.sleep(self._delay(attempt, resp.headers.get("Retry-After"), url))
                attempt += 1
                continue
            if resp.status_code >= 400:
                raise SSBHTTPError(resp.status_code, resp.url or url, _text(resp))
            try:
                return resp.json()
            except ValueError as exc:
                raise SSBFormatError(
                    f"SSB answered {url} with something that is not JSON: {_text(resp)[:200]!r}"
                ) from exc

    def _delay(self, attempt: int, retry_after: str | None, url: str = "") -> float:
        """Seconds to wait: ``Retry-After`` (seconds or an HTTP date) when given, else
        exponential back-off. Raises ``SSBWaitTooLong`` past ``max_wait``."""
        wait = self.backoff * (2**attempt)
        if retry_after:
            text = retry_after.strip()
            try:
                wait = max(0.0, float(text))
            except ValueError:
                try:
                    when = parsedate_to_datetime(text)
                except (TypeError, ValueError):
                    when = None  # unreadable: keep the back-off
                if when is not None:
                    if when.tzinfo is None:
                        when = when.replace(tzinfo=UTC)
                    wait = max(0.0, when.timestamp() - self.wall_clock())
        if wait > self.max_wait:
            raise SSBWaitTooLong(
                f"SSB asked to wait {wait:.0f} s before the next call ({url}; Retry-After: "
                f"{retry_after}); the client waits at most {self.max_wait:.0f} s. Try again "
                f"later, or use the recorded copies."
            )
        return wait

    # -- cache

    def _cache_file(self, key: Mapping[str, Any]) -> Path:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
        return (self.cache_dir or default_cache_dir()) / f"{digest}.json"

    def _cache_get(self, key: Mapping[str, Any]) -> dict[str, Any] | None:
        if not self.use_cache:
            return None
        path = self._cache_file(key)
        if not path.is_file():
            return None
        if self.max_age is not None and self.wall_clock() - path.stat().st_mtime > self.max_age:
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None  # a damaged cache entry is refetched, not fatal
        return record if record.get("key") == key else None

    def _cache_put(self, key: Mapping[str, Any], record: Mapping[str, Any]) -> None:
        if not self.use_cache:
            return
        path = self._cache_file(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, **record}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def _table_id(table_id: str | int) -> str:
    text = str(table_id).strip()
    if not text.isalnum():
        raise ValueError(f"table_id must be an SSB table number such as '11561', got {table_id!r}")
    return text


def _iso_date(on: date | str) -> str:
    if isinstance(on, date):
        return on.isoformat()
    try:
        return date.fromisoformat(str(on)).isoformat()
    except ValueError as exc:
        raise ValueError(f"date must be YYYY-MM-DD, got {on!r}") from exc


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text(resp: requests.Response) -> str:
    try:
        return resp.text
    except Exception:  # undecodable body: the status alone must still be reported
        return ""


def _error_args(error: SSBError, suffix: str) -> tuple[Any, ...]:
    if isinstance(error, SSBHTTPError):
        return (error.status, error.url, f"{error.body[:200]} {suffix}".strip())
    return (f"{error} {suffix}",)


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
            when = frame.attrs.get("retrieved", "")[:10]
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
