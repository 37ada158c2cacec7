"""SSB's call limit is shared by every process of a build (the report workers too)."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from helpers.sources import ssb
from helpers.sources.ratelimit import SharedRateLimiter


def _two_calls(path: str) -> None:
    limiter = SharedRateLimiter(path, calls=4, period=60.0)
    limiter.wait()
    limiter.wait()


class Slept(Exception):
    pass


def test_two_processes_share_one_limit(tmp_path):
    path = tmp_path / "ratelimit.json"
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_two_calls, args=(str(path),)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    assert len(json.loads(path.read_text())) == 4  # both processes' calls in one log
    asked: list[float] = []

    def sleep(seconds: float) -> None:
        asked.append(seconds)
        raise Slept

    # a fifth call, in a third process, must wait for the window: about a minute
    with pytest.raises(Slept):
        SharedRateLimiter(path, calls=4, period=60.0, sleep=sleep).wait()
    assert 50 < asked[0] <= 60


def test_window_slides_with_the_clock(tmp_path):
    now = [1000.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limiter = SharedRateLimiter(tmp_path / "r.json", calls=2, period=10.0,
                                clock=lambda: now[0], sleep=sleep)
    limiter.wait()
    now[0] += 4
    limiter.wait()
    assert slept == []
    limiter.wait()  # third call: waits until the first is 10 s old
    assert slept == [pytest.approx(6.0)]


def test_damaged_log_starts_a_new_window(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("{not json")
    SharedRateLimiter(path, calls=1, period=60.0).wait()
    assert len(json.loads(path.read_text())) == 1


def test_default_clients_use_the_shared_file(tmp_path, monkeypatch):
    monkeypatch.setenv(ssb.CACHE_ENV, str(tmp_path / "cache"))
    client = ssb.Client()
    assert isinstance(client.limiter, SharedRateLimiter)
    assert client.limiter.path == tmp_path / "cache" / "ratelimit.json"
    assert client.limiter.calls == ssb.CALLS_PER_MINUTE
