"""Tests of helpers.sources.ssb with hand-built JSON-stat 2.0 responses and mocked HTTP (no
network)."""

from __future__ import annotations

import copy
import email.utils
import json
import math
import re

import pytest
import requests
import responses
from responses import matchers

from helpers.core import data
from helpers.sources import klass, ssb

V2_URL = "https://data.ssb.no/api/pxwebapi/v2/tables/99999/data"
V0_URL = "https://data.ssb.no/api/v0/no/table/99999/"
KLASS = "https://data.ssb.no/api/klass/v1/classifications"

# Three dimensions, one of them of size one; index given as object, list, and (size-one)
# labels only; status markers for "not available", nil and confidential.
DATASET = {
    "version": "2.0",
    "class": "dataset",
    "label": "Test table",
    "source": "Statistisk sentralbyrå",
    "updated": "2024-02-23T07:00:00Z",
    "id": ["Region", "ContentsCode", "Tid"],
    "size": [2, 1, 3],
    "dimension": {
        "Region": {
            "label": "region",
            "category": {
                "index": {"3101": 0, "3103": 1},
                "label": {"3101": "Halden", "3103": "Moss"},
            },
        },
        "ContentsCode": {
            "label": "statistikkvariabel",
            "category": {"label": {"Sysselsatte": "Sysselsatte personer"}},
        },
        "Tid": {"label": "år", "category": {"index": ["2021", "2022", "2023"]}},
    },
    "value": [10, 12.5, None, 40, None, None],
    "status": {"2": "..", "4": "-", "5": ":"},
}


def fast_client(tmp_path, **kw):
    """A client that never really sleeps and caches in tmp_path; records the sleeps."""
    slept: list[float] = []
    client = ssb.Client(cache_dir=tmp_path / "cache", sleep=slept.append, **kw)
    return client, slept


# ---------------------------------------------------------------- read_jsonstat


def test_read_jsonstat_tidy_frame():
    df = ssb.read_jsonstat(DATASET)
    assert list(df.columns) == [
        "Region", "Region_label", "ContentsCode", "ContentsCode_label", "Tid", "Tid_label",
        "value", "status",
    ]
    assert len(df) == 6
    # last dimension varies fastest
    assert list(df["Region"]) == ["3101"] * 3 + ["3103"] * 3
    assert list(df["Tid"]) == ["2021", "2022", "2023"] * 2
    assert list(df["Region_label"][:1]) == ["Halden"]
    assert set(df["ContentsCode"]) == {"Sysselsatte"}
    assert set(df["ContentsCode_label"]) == {"Sysselsatte personer"}
    assert list(df["Tid_label"][:3]) == ["2021", "2022", "2023"]  # no labels → the code
    assert list(df["status"]) == ["", "", "..", "", "-", ":"]
    assert df["value"].iloc[:2].tolist() == [10.0, 12.5]
    assert math.isnan(df["value"].iloc[2])  # ".." stays missing, not zero
    assert df["value"].iloc[4] == 0.0  # "-" is nil
    assert math.isnan(df["value"].iloc[5])
    assert df.attrs["updated"] == "2024-02-23T07:00:00Z"


def test_read_jsonstat_sparse_values_and_string_status():
    obj = copy.deepcopy(DATASET)
    obj["value"] = {"0": 1, "5": 6}
    obj["status"] = "p"  # one status for every cell (e.g. preliminary)
    df = ssb.read_jsonstat(json.dumps(obj))
    assert df["value"].iloc[0] == 1 and df["value"].iloc[5] == 6
    assert df["value"].iloc[1:5].isna().all()
    assert set(df["status"]) == {"p"}


def _broken(change):
    obj = copy.deepcopy(DATASET)
    change(obj)
    return obj


@pytest.mark.parametrize(
    ("obj", "match"),
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "expected an object"),
        (_broken(lambda o: o.update({"class": "collection"})), "class"),
        (_broken(lambda o: o.pop("value")), "'value' is missing"),
        (_broken(lambda o: o.update({"size": [2, 1]})), "'size'"),
        (_broken(lambda o: o.update({"value": [1, 2, 3]})), "3 cells.*6"),
        (_broken(lambda o: o["dimension"].pop("Tid")), "'Tid'"),
        (
            _broken(lambda o: o["dimension"]["Region"]["category"].update({"index": {"a": 0}})),
            "'Region' has 1 categories but size says 2",
        ),
        (
            _broken(lambda o: o["dimension"]["Region"]["category"].update(
                {"index": {"3101": 0, "3103": 2}})),
            "positions",
        ),
        (_broken(lambda o: o.update({"value": [1, "x", 3, 4, 5, 6]})), "position 1"),
        (_broken(lambda o: o.update({"value": {"9": 1}})), "outside"),
    ],
)
def test_read_jsonstat_malformed(obj, match):
    with pytest.raises(ssb.SSBFormatError, match=match):
        ssb.read_jsonstat(obj)


# ---------------------------------------------------------------- request bodies


def test_v2_and_v0_bodies():
    sel = {"Region": ["3101", "3103"], "Tid": ["*"]}
    assert ssb.v2_body(sel, {"Region": "agg_Fylker2024"}) == {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["3101", "3103"],
             "codelist": "agg_Fylker2024"},
            {"variableCode": "Tid", "valueCodes": ["*"]},
        ]
    }
    assert ssb.v0_body(sel) == {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": ["3101", "3103"]}},
            {"code": "Tid", "selection": {"filter": "all", "values": ["*"]}},
        ],
        "response": {"format": "json-stat2"},
    }


def test_selection_must_be_lists_of_codes():
    with pytest.raises(ValueError, match="'Tid'.*non-empty list"):
        ssb.v2_body({"Tid": "2023"})
    with pytest.raises(ValueError, match="table_id"):
        ssb.Client(use_cache=False).fetch("../x", {"Tid": ["2023"]})


# ---------------------------------------------------------------- HTTP: success, cache, fallback


@responses.activate
def test_fetch_v2_then_cache(tmp_path):
    responses.post(
        V2_URL,
        json=DATASET,
        match=[
            matchers.query_param_matcher({"lang": "no", "outputFormat": "json-stat2"}),
            matchers.json_params_matcher(
                {"selection": [{"variableCode": "Tid", "valueCodes": ["2023"]}]}
            ),
        ],
    )
    client, _ = fast_client(tmp_path)
    df = client.table("99999", {"Tid": ["2023"]})
    assert df.attrs["api"] == "v2" and df.attrs["from_cache"] is False
    assert len(df) == 6
    again = client.table("99999", {"Tid": ["2023"]})
    assert again.attrs["from_cache"] is True
    assert len(responses.calls) == 1  # the second came from the cache
    assert list((tmp_path / "cache").glob("*.json"))
    client.table("99999", {"Tid": ["2023"]}, refresh=True)
    assert len(responses.calls) == 2


@responses.activate
def test_cache_expires_and_env_var_sets_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(ssb.CACHE_ENV, str(tmp_path / "envcache"))
    responses.post(V2_URL, json=DATASET)
    now = [1e12]
    client = ssb.Client(sleep=lambda s: None, max_age=60, wall_clock=lambda: now[0])
    client.fetch("99999", {"Tid": ["2023"]})
    assert list((tmp_path / "envcache").glob("*.json"))
    client.fetch("99999", {"Tid": ["2023"]})
    assert len(responses.calls) == 2  # the file's mtime is far older than "now": expired
    client.wall_clock = __import__("time").time
    client.fetch("99999", {"Tid": ["2023"]})
    assert len(responses.calls) == 2  # fresh now


@responses.activate
def test_falls_back_to_v0_when_v2_fails(tmp_path):
    responses.post(V2_URL, status=404, body="no such table in v2")
    responses.post(
        V0_URL,
        json=DATASET,
        match=[matchers.json_params_matcher(ssb.v0_body({"Tid": ["2023"]}))],
    )
    client, _ = fast_client(tmp_path)
    df = client.table("99999", {"Tid": ["2023"]})
    assert df.attrs["api"] == "v0"
    assert df.attrs["url"] == V0_URL


@responses.activate
def test_both_apis_fail_raises_http_error_naming_both(tmp_path):
    responses.post(V2_URL, status=400, body="bad selection v2")
    responses.post(V0_URL, status=400, body="bad selection v0")
    client, slept = fast_client(tmp_path)
    with pytest.raises(ssb.SSBHTTPError, match="HTTP 400.*v0.*PxWebApi v2 failed") as info:
        client.fetch("99999", {"Tid": ["2023"]})
    assert info.value.status == 400
    assert slept == []  # 400 is not retried


@responses.activate
def test_malformed_response_raises_format_error(tmp_path):
    responses.post(V2_URL, body="<html>maintenance</html>", status=200)
    responses.post(V0_URL, json={"class": "dataset", "id": ["a"]})
    client, _ = fast_client(tmp_path)
    with pytest.raises(ssb.SSBFormatError, match="size"):
        client.fetch("99999", {"Tid": ["2023"]})
    assert not list((tmp_path / "cache").glob("*.json"))  # nothing bad was cached


# ---------------------------------------------------------------- retries, timeouts, offline


@responses.activate
def test_retries_429_respecting_retry_after(tmp_path):
    responses.post(V2_URL, status=429, headers={"Retry-After": "7"})
    responses.post(V2_URL, status=503)
    responses.post(V2_URL, json=DATASET)
    client, slept = fast_client(tmp_path)
    df = client.table("99999", {"Tid": ["2023"]})
    assert len(df) == 6
    assert slept == [7.0, 4.0]  # Retry-After, then backoff 2 * 2**1


@responses.activate
def test_gives_up_after_max_retries(tmp_path):
    for _ in range(4):
        responses.post(V2_URL, status=503, body="busy")
    responses.post(V0_URL, status=503, body="busy")
    client, slept = fast_client(tmp_path, max_retries=3, backoff=1.0)
    with pytest.raises(ssb.SSBHTTPError) as info:
        client.fetch("99999", {"Tid": ["2023"]})
    assert info.value.status == 503
    # v2: three back-offs 1, 2, 4 then v0 gets its own retries (its first try fails too)
    assert slept[:3] == [1.0, 2.0, 4.0]


@responses.activate
def test_timeout_raises_at_once(tmp_path):
    # as documented: no retry and no v0 fallback after a timeout (same host, same silence)
    responses.post(V2_URL, body=requests.Timeout("slow"))
    client, slept = fast_client(tmp_path, max_retries=2, backoff=0.5, timeout=3)
    with pytest.raises(ssb.SSBTimeout, match="within 3 s"):
        client.fetch("99999", {"Tid": ["2023"]})
    assert slept == [] and len(responses.calls) == 1


@responses.activate
def test_retry_after_beyond_the_cap_is_an_error_without_waiting(tmp_path):
    responses.post(V2_URL, status=429, headers={"Retry-After": "86400"})
    client, slept = fast_client(tmp_path, max_wait=60)
    with pytest.raises(ssb.SSBWaitTooLong, match="wait 86400 s.*at most 60 s"):
        client.fetch("99999", {"Tid": ["2023"]})
    assert slept == [] and len(responses.calls) == 1


@responses.activate
def test_retry_after_http_date_is_honoured(tmp_path):
    # 30 s after the client's clock; an HTTP date is not a number
    now = 1_800_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    responses.post(V2_URL, status=503, headers={"Retry-After": date})
    responses.post(V2_URL, json=DATASET)
    client, slept = fast_client(tmp_path, wall_clock=lambda: now)
    client.fetch("99999", {"Tid": ["2023"]})
    assert slept == [pytest.approx(30.0)]
    far = email.utils.formatdate(now + 3600, usegmt=True)
    responses.post(V2_URL, status=503, headers={"Retry-After": far})
    with pytest.raises(ssb.SSBWaitTooLong, match="3600 s"):
        client.fetch("99999", {"Tid": ["2024"]})


@responses.activate
def test_base_url_override(tmp_path, monkeypatch):
    responses.post("http://mirror.invalid/api/pxwebapi/v2/tables/99999/data", json=DATASET)
    client, _ = fast_client(tmp_path, base_url="http://mirror.invalid/api/")
    assert client.fetch("99999", {"Tid": ["2023"]})["url"].startswith("http://mirror.invalid/")
    monkeypatch.setenv(ssb.BASE_URL_ENV, "http://env.invalid/api")
    assert fast_client(tmp_path)[0].klass_base == "http://env.invalid/api/klass/v1"


@responses.activate
def test_offline_raises_at_once(tmp_path):
    responses.post(V2_URL, body=requests.ConnectionError("no route"))
    client, slept = fast_client(tmp_path)
    with pytest.raises(ssb.SSBOffline, match="cannot reach SSB"):
        client.fetch("99999", {"Tid": ["2023"]})
    assert slept == [] and len(responses.calls) == 1


def test_rate_limiter_allows_40_a_minute():
    now = [0.0]
    slept: list[float] = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    limiter = ssb.RateLimiter(clock=lambda: now[0], sleep=sleep)
    for _ in range(40):
        limiter.wait()
        now[0] += 0.5  # 40 calls within 20 s
    assert slept == []
    limiter.wait()  # 41st: must wait until the first call is 60 s old
    assert slept == [pytest.approx(40.0)]
    now[0] += 100
    limiter.wait()
    assert len(slept) == 1


# ---------------------------------------------------------------- offline fallback


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    root = tmp_path / "data" / "public"
    root.mkdir(parents=True)
    (root / "tiny.csv").write_text("year,value\n2023,5\n", encoding="utf-8")
    desc = {
        "name": "tiny", "path": "tiny.csv", "title": "Tiny shipped table",
        "sources": [{"title": "x", "table": "99999", "path": "https://www.ssb.no/statbank/table/99999"}],
        "licenses": [{"name": "CC-BY-4.0"}], "citation": "SSB, tabell 99999",
        "schema": {"fields": [{"name": "year", "type": "integer"},
                              {"name": "value", "type": "number"}]},
    }
    (root / "tiny.resource.json").write_text(json.dumps(desc), encoding="utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "data"))


@responses.activate
def test_live_or_shipped_falls_back_with_visible_note(shipped, tmp_path):
    responses.post(V2_URL, body=requests.ConnectionError("offline"))
    client, _ = fast_client(tmp_path)
    with pytest.warns(UserWarning, match="ingen forbindelse"):
        got = ssb.live_or_shipped("99999", {"Tid": ["2023"]}, "tiny", client=client)
    assert got.live is False
    assert got.frame["value"].tolist() == [5]
    assert "Tiny shipped table" in got.note and "SSB, tabell 99999" in got.note
    assert got.citation == "SSB, tabell 99999"


@responses.activate
def test_live_or_shipped_live(shipped, tmp_path):
    responses.post(V2_URL, json=DATASET)
    client, _ = fast_client(tmp_path)
    got = ssb.live_or_shipped(
        "99999", {"Tid": ["2023"]}, "tiny", client=client,
        transform=lambda f: f[f["status"] == ""],
    )
    assert got.live is True
    assert len(got.frame) == 3
    assert "direkte fra SSB, tabell 99999" in got.note
    assert re.search(r"99999, \d{1,2}\. [a-z]+ \d{4}\.", got.note)  # the day, as readers write it


def test_live_false_uses_shipped_without_network(shipped):
    got = ssb.live_or_shipped("99999", {"Tid": ["2023"]}, "tiny", live=False)
    assert got.live is False and "lagrede data" in got.note


# ---------------------------------------------------------------- KLASS

# Hand-built in the form of KLASS's codesAt / changes answers (codes are placeholders of the
# right shape; nothing here is the real classification).
KLASS_131 = {"codes": [
    {"code": "9101", "parentCode": None, "level": "1", "name": "Alfa", "validFrom": "2024-01-01"},
    {"code": "9102", "parentCode": None, "level": "1", "name": "Beta", "validFrom": "2024-01-01"},
    {"code": "9201", "parentCode": None, "level": "1", "name": "Gamma", "validFrom": "2024-01-01"},
    {"code": "5001", "parentCode": None, "level": "1", "name": "Ute", "validFrom": "2020-01-01"},
]}
KLASS_104 = {"codes": [
    {"code": "91", "name": "Fylke A", "level": "1"},
    {"code": "92", "name": "Fylke B", "level": "1"},
    {"code": "50", "name": "Annet fylke", "level": "1"},
]}
KLASS_CHANGES = {"codeChanges": [
    {"oldCode": "9001", "oldName": "Alfa", "newCode": "9101", "newName": "Alfa",
     "changeOccurred": "2024-01-01"},
    {"oldCode": "9002", "oldName": "Beta", "newCode": "9102", "newName": "Beta",
     "changeOccurred": "2024-01-01"},
]}


@responses.activate
def test_fetch_klass_municipalities(tmp_path):
    responses.get(f"{KLASS}/131/codesAt", json=KLASS_131,
                  match=[matchers.query_param_matcher({"date": "2024-01-01"})])
    responses.get(f"{KLASS}/104/codesAt", json=KLASS_104,
                  match=[matchers.query_param_matcher({"date": "2024-01-01"})])
    responses.get(f"{KLASS}/131/changes", json=KLASS_CHANGES,
                  match=[matchers.query_param_matcher({"from": "2023-01-01", "to": "2024-01-01"})])
    client, _ = fast_client(tmp_path)
    df = klass.fetch_municipalities("2024-01-01", counties=["91", "92"], client=client)
    assert df.to_dict("records") == [
        {"county_code": "91", "county_name": "Fylke A", "municipality_code": "9101",
         "municipality_name": "Alfa", "previous_code": "9001"},
        {"county_code": "91", "county_name": "Fylke A", "municipality_code": "9102",
         "municipality_name": "Beta", "previous_code": "9002"},
        {"county_code": "92", "county_name": "Fylke B", "municipality_code": "9201",
         "municipality_name": "Gamma", "previous_code": ""},
    ]
    assert "131" in df.attrs["source"]
    # cached: a second call makes no requests
    n = len(responses.calls)
    klass.fetch_municipalities("2024-01-01", counties=["91"], client=client)
    assert len(responses.calls) == n


@responses.activate
def test_klass_malformed(tmp_path):
    responses.get(f"{KLASS}/131/codesAt", json={"classificationItems": []})
    client, _ = fast_client(tmp_path)
    with pytest.raises(ssb.SSBFormatError, match="'codes'"):
        client.klass_codes_at("131", "2024-01-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        client.klass_codes_at("131", "1.1.2024")


def test_show_note_is_a_warning_box_for_shipped_data(shipped, monkeypatch):
    from helpers.core import report

    shown: list[str] = []
    monkeypatch.setattr(report, "_display_html", shown.append)
    ssb.live_or_shipped("99999", {"Tid": ["2023"]}, "tiny", live=False).show_note()
    assert shown and 'class="callout warning"' in shown[0]
    assert "Tiny shipped table" in shown[0]
