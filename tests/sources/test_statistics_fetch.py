"""Getting the statistics: downloads from pinned URLs and live answers from SSB, against a
local HTTP server on 127.0.0.1 (never the network)."""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers.core import statistics as stat
from helpers.sources import external, ssb
from helpers.sources import statistics as sources

FIXTURE = Path(__file__).parent / "fixtures" / "statistics" / "jsonstat2_small.json"
BODY = FIXTURE.read_bytes()


class Server:
    """Answers each path from ``routes``: (status, headers, body) or a callable doing it."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.calls: list[tuple[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                path = self.path.split("?")[0]
                outer.calls.append((self.command, path))
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                route = outer.routes.get(path, (404, {}, b"not found"))
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.close()


def entry(url: str, body: bytes, **extra: object) -> dict:
    return {
        "path": f"ssb_jsonstat/{url.rsplit('/', 1)[1]}", "url": url,
        "sha256": hashlib.sha256(body).hexdigest(), "format": "jsonstat", "encoding": "utf-8",
        "title": "Klimagasser (test)", "publisher": "Statistisk sentralbyrå (SSB)",
        "licence": "CC BY 4.0", "citation": "SSB, tabell 13931", "table": "13931",
        "updated": "2026-06-05", "language": "no", **extra,
    }


LIVE = {"table": "13931", "lang": "no",
        "selection": {"UtslpTilLuft": ["0", "2"], "UtslpKomp": ["A10", "K11"], "Tid": ["*"],
                      "ContentsCode": ["UtslippCO2ekvival"]}}


@pytest.fixture
def catalogue(tmp_path, monkeypatch, server):
    """A data folder whose catalogue pins files on the local server; an empty store."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    datasets = {
        "t_good": entry(f"{server.url}/files/good.json", BODY,
                        live={**LIVE, "v0_dataset": f"{server.url}/api/v0/dataset/1.json"}),
        "t_bad_sum": entry(f"{server.url}/files/bad_sum.json", b"something else"),
        "t_404": entry(f"{server.url}/files/absent.json", BODY),
        "t_slow": entry(f"{server.url}/files/slow.json", BODY),
        "t_cut": entry(f"{server.url}/files/cut.json", BODY),
    }
    (data_dir / external.CATALOGUE_FILE).write_text(json.dumps({"datasets": datasets}))
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(data_dir))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    monkeypatch.delenv(external.EXTERNAL_DIR_ENV, raising=False)
    monkeypatch.delenv(sources.SOURCE_ENV, raising=False)
    monkeypatch.setenv(ssb.CACHE_ENV, str(tmp_path / "ssbcache"))
    server.routes["/files/good.json"] = (200, {}, BODY)
    server.routes["/files/bad_sum.json"] = (200, {}, BODY)

    def slow(handler):
        time.sleep(2)
        handler.send_response(200)
        handler.end_headers()

    def cut(handler):  # promises the whole file, sends a tenth, hangs up
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(BODY)))
        handler.end_headers()
        handler.wfile.write(BODY[: len(BODY) // 10])
        handler.wfile.flush()
        handler.close_connection = True

    server.routes["/files/slow.json"] = slow
    server.routes["/files/cut.json"] = cut
    return tmp_path / "store"


def store_files(store: Path) -> list[str]:
    return sorted(p.name for p in store.rglob("*") if p.is_file()) if store.is_dir() else []


def test_good_file_is_downloaded_verified_and_loaded(catalogue):
    got = sources.ensure(["t_good"], timeout=5)
    assert got.fetched == ["t_good"] and not got.missing and got.message() == ""
    assert store_files(catalogue) == ["good.json"]
    frame = stat.load_statistic("t_good")
    assert len(frame) == 8 and frame.attrs["provenance"]["origin"] == "recorded"
    assert sources.ensure(["t_good"]).fetched == []  # present and verified: no download


@pytest.mark.parametrize(("name", "reason"), [
    ("t_bad_sum", "SHA-256"),
    ("t_404", "download refused (404)"),
    ("t_slow", "timed out"),
    ("t_cut", "interrupted"),
])
def test_failed_download_leaves_nothing(catalogue, name, reason):
    got = sources.ensure([name], timeout=1)
    assert got.fetched == [] and reason in got.missing[name]
    assert store_files(catalogue) == []  # neither the file nor a .part
    assert not stat.available(name)


def test_interrupted_download_is_an_error_naming_the_dataset(catalogue):
    with pytest.raises(external.DownloadError, match="t_cut"):
        external.fetch(["t_cut"], timeout=5)
    assert store_files(catalogue) == []


def test_missing_message_is_said_once_with_how_to_get_it(catalogue):
    got = sources.ensure(["t_404", "t_bad_sum"], timeout=5)
    text = got.message()
    assert text.startswith("2 dataset(s) missing: t_404 (SSB, tabell 13931), t_bad_sum")
    assert "python -m helpers data fetch" in text and external.EXTERNAL_DIR_ENV in text


def client_for(server, **kw):
    slept: list[float] = []
    client = ssb.Client(base_url=f"{server.url}/api", use_cache=False, sleep=slept.append,
                        **kw)
    return client, slept


V2 = "/api/pxwebapi/v2/tables/13931/data"
V0 = "/api/v0/no/table/13931/"
V0_DATASET = "/api/v0/dataset/1.json"


def live_answer(updated: str = "2026-11-30T07:00:00Z") -> bytes:
    obj = json.loads(BODY)
    obj["updated"] = updated
    obj["value"] = [v + 1 if v is not None else None for v in obj["value"]]
    return json.dumps(obj).encode()


def test_refresh_stores_the_live_answer_and_reports_use_it(catalogue, server):
    sources.ensure(["t_good"])
    server.routes[V2] = (200, {"Content-Type": "application/json"}, live_answer())
    client, _ = client_for(server)
    [result] = sources.refresh(["t_good"], client=client)
    assert result.ok, result.message
    assert result.path == catalogue / "ssb_jsonstat" / "good.live.json"
    assert ("POST", V2) in server.calls
    frame = stat.load_statistic("t_good")
    prov = frame.attrs["provenance"]
    assert prov["origin"] == "live" and prov["vintage"] == "2026-11-30"
    assert prov["source_url"] == f"{server.url}{V2}" and prov["retrieved"]
    assert frame.loc[0, "value"] == 46001
    assert stat.vintage_note(frame).startswith("Tallene fra SSB, tabell 13931, er hentet direkte")
    assert stat.load_statistic("t_good", source="recorded").loc[0, "value"] == 46000
    status = sources.status().set_index("name").loc["t_good"]
    assert status["state"] == "verified" and status["vintage"] == "2026-11-30"
    assert status["live"] == prov["retrieved"]


def test_recorded_pin_for_a_whole_build(catalogue, server, monkeypatch):
    sources.ensure(["t_good"])
    server.routes[V2] = (200, {}, live_answer())
    assert sources.refresh(["t_good"], client=client_for(server)[0])[0].ok
    monkeypatch.setenv(sources.SOURCE_ENV, "recorded")
    assert stat.load_statistic("t_good").attrs["provenance"]["origin"] == "recorded"


def test_v0_fallbacks(catalogue, server):
    sources.ensure(["t_good"])
    server.routes[V2] = (404, {}, b"no such table")
    server.routes[V0] = (200, {}, live_answer("2026-10-01T07:00:00Z"))
    assert sources.refresh(["t_good"], client=client_for(server)[0])[0].ok
    assert stat.load_statistic("t_good").attrs["provenance"]["vintage"] == "2026-10-01"
    # both table APIs refuse: the ready-made v0 dataset (older JSON-stat form) answers
    server.routes[V0] = (400, {}, b"bad query")
    obj = json.loads(live_answer("2026-12-01T07:00:00Z"))
    dims = dict(obj["dimension"], id=obj["id"], size=obj["size"])
    older = {"dataset": {**{k: obj[k] for k in ("label", "updated", "value", "status")},
                         "dimension": dims}}
    server.routes[V0_DATASET] = (200, {}, json.dumps(older).encode())
    [result] = sources.refresh(["t_good"], client=client_for(server)[0])
    assert result.ok and "v0-dataset" in result.message
    assert stat.load_statistic("t_good").attrs["provenance"]["vintage"] == "2026-12-01"


def test_retry_after_beyond_the_cap_keeps_the_recorded_copy(catalogue, server):
    sources.ensure(["t_good"])
    server.routes[V2] = (429, {"Retry-After": "86400"}, b"slow down")
    client, slept = client_for(server, max_wait=60)
    [result] = sources.refresh(["t_good"], client=client)
    assert not result.ok and "86400 s" in result.message and "recorded copy" in result.message
    assert slept == []
    assert stat.load_statistic("t_good").attrs["provenance"]["origin"] == "recorded"


def test_retry_after_date_is_waited_for(catalogue, server):
    sources.ensure(["t_good"])
    answers = [(503, {"Retry-After": email.utils.formatdate(time.time() + 20, usegmt=True)},
                b"busy"), (200, {}, live_answer())]

    def busy_then_ok(handler):
        status, headers, body = answers.pop(0)
        handler.send_response(status)
        for k, v in {"Content-Length": str(len(body)), **headers}.items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(body)

    server.routes[V2] = busy_then_ok
    client, slept = client_for(server)
    assert sources.refresh(["t_good"], client=client)[0].ok
    assert len(slept) == 1 and 15 < slept[0] <= 20


def test_offline_refresh_keeps_what_there_is(catalogue, server, monkeypatch):
    sources.ensure(["t_good"])
    closed = Server()
    closed.close()  # a port nobody listens on: connection refused
    monkeypatch.setenv(ssb.BASE_URL_ENV, f"{closed.url}/api")
    client = ssb.Client(use_cache=False, sleep=lambda s: None)
    assert client.v2_base.startswith(closed.url)
    [result] = sources.refresh(["t_good"], client=client)
    assert not result.ok and "cannot reach SSB" in result.message
    assert not sources.live_path("t_good").exists()
    assert stat.load_statistic("t_good").attrs["provenance"]["origin"] == "recorded"


def test_an_answer_with_other_dimensions_is_not_stored(catalogue, server):
    sources.ensure(["t_good"])
    obj = json.loads(live_answer())
    obj["id"][0] = "Region"
    obj["dimension"]["Region"] = obj["dimension"].pop("UtslpTilLuft")
    server.routes[V2] = (200, {}, json.dumps(obj).encode())
    [result] = sources.refresh(["t_good"], client=client_for(server)[0])
    assert not result.ok and "dimensions" in result.message
    assert not sources.live_path("t_good").exists()


def test_data_command_line(catalogue, server, monkeypatch, capsys):
    from helpers.pipeline.cli import main

    server.routes[V2] = (200, {}, live_answer())
    monkeypatch.setenv(ssb.BASE_URL_ENV, f"{server.url}/api")
    assert main(["data", "fetch", "t_good", "--refresh"]) == 0
    out = capsys.readouterr().out
    assert "t_good: downloaded, SHA-256 verified" in out
    assert "t_good: refreshed: SSB updated 2026-11-30" in out
    assert main(["data", "status"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "t_good" in line)
    assert "verified" in row and "2026-11-30" in row and "good.live.json" in row
    assert main(["data", "fetch", "t_404"]) == 1
    captured = capsys.readouterr()
    assert "t_404: missing (download refused (404))" in captured.out
    assert "python -m helpers data fetch" in captured.err
    assert main(["data", "fetch", "nope"]) == 2
