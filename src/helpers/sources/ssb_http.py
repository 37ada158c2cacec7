"""Talking to Statistics Norway's APIs: the errors, SSB's rate limit (40 calls a minute),
retries with exponential back-off on 429 and 5xx (``Retry-After`` respected), timeouts, and the
cache of answers as JSON files outside git. What is asked (tables, KLASS) is in
``helpers.sources.ssb``."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests

from helpers.core import data
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


# --------------------------------------------------------------------------- connection


def default_cache_dir() -> Path:
    """``$INDUSTRIRAPPORTER_SSB_CACHE`` if set, else ``<project>/.cache/ssb`` (gitignored)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else data.project_root() / ".cache" / "ssb"


@dataclass
class Connection:
    """An SSB API connection with cache, rate limit and retries (``Client`` adds the queries).

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


def now_iso() -> str:
    """The current UTC time, to the second, as ISO 8601 (when an answer was retrieved)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text(resp: requests.Response) -> str:
    try:
        return resp.text
    except Exception:  # undecodable body: the status alone must still be reported
        return ""


def error_args(error: SSBError, suffix: str) -> tuple[Any, ...]:
    """Arguments that rebuild ``error`` with ``suffix`` added to its message."""
    if isinstance(error, SSBHTTPError):
        return (error.status, error.url, f"{error.body[:200]} {suffix}".strip())
    return (f"{error} {suffix}",)
