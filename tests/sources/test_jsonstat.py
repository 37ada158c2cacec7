"""The JSON-stat reader on both forms: 2.0 (hand-written fixture) and SSB's older dataset form."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from helpers.sources.jsonstat import JSONStatError, read_jsonstat

FIXTURE = Path(__file__).parent / "fixtures" / "statistics" / "jsonstat2_small.json"


def as_older_form(obj: dict) -> dict:
    """The same dataset in SSB's older ``dataset`` form (ids and sizes inside ``dimension``),
    wrapped with a recorder's ``_metadata`` like the recorded copies."""
    dims = dict(obj["dimension"])
    dims["id"], dims["size"], dims["role"] = obj["id"], obj["size"], obj["role"]
    dataset = {k: obj[k] for k in ("label", "source", "updated", "value", "status")}
    dataset["dimension"] = dims
    return {"dataset": dataset, "_metadata": {"url": "https://example.invalid/x.json",
                                              "fetched_at": "2026-06-06T00:00:00"}}


def test_jsonstat2_tidy_frame():
    df = read_jsonstat(FIXTURE)
    assert len(df) == 8
    assert list(df.columns) == [
        "UtslpTilLuft", "UtslpTilLuft_label", "UtslpKomp", "UtslpKomp_label", "Tid",
        "Tid_label", "ContentsCode", "ContentsCode_label", "value", "status",
    ]
    # the last dimension varies fastest: cell 6 is position (1, 1, 0, 0)
    row = df.iloc[6]
    assert (row["UtslpTilLuft"], row["UtslpKomp"], row["Tid"]) == ("2", "K11", "2023")
    assert row["value"] == 9000
    assert row["UtslpTilLuft_label"] == "Industri og bergverk"
    assert df.attrs["updated"] == "2026-06-05T06:00:00Z"
    assert df.attrs["form"] == "json-stat 2.0"


def test_status_markers_are_kept_apart_from_zero():
    df = read_jsonstat(FIXTURE)
    assert df.loc[5, "status"] == ".." and math.isnan(df.loc[5, "value"])
    assert df.loc[7, "status"] == ":" and math.isnan(df.loc[7, "value"])
    assert (df.loc[~df.index.isin([5, 7]), "status"] == "").all()
    # a sum skips the unavailable cells, it does not count them as zero
    assert df["value"].sum() == 46000 + 44000 + 38000 + 36500 + 11000 + 9000


def test_older_form_reads_the_same_cells():
    new = read_jsonstat(FIXTURE)
    old = read_jsonstat(as_older_form(json.loads(FIXTURE.read_text())))
    assert old.attrs["form"] == "json-stat 1.x"
    assert old.attrs["_metadata"]["url"] == "https://example.invalid/x.json"
    cols = [c for c in new.columns if c != "value"]
    assert old[cols].equals(new[cols])
    assert old["value"].equals(new["value"])


def test_nil_marker_is_zero():
    obj = json.loads(FIXTURE.read_text())
    obj["status"] = {"5": "-"}
    df = read_jsonstat(obj)
    assert df.loc[5, "value"] == 0 and df.loc[5, "status"] == "-"


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda o: o.update(size=[2, 2, 2]), "size"),
        (lambda o: o.update(value=[1, 2]), "8"),
        (lambda o: o.update({"class": "collection"}), "class"),
        (lambda o: o["dimension"].pop("Tid"), "Tid"),
        (lambda o: o.update(value=[1, 2, 3, 4, 5, 6, 7, "x"]), "position 7"),
    ],
)
def test_malformed_2_0(mutate, match):
    obj = json.loads(FIXTURE.read_text())
    mutate(obj)
    with pytest.raises(JSONStatError, match=match):
        read_jsonstat(obj)


def test_malformed_older_form():
    older = as_older_form(json.loads(FIXTURE.read_text()))
    del older["dataset"]["dimension"]["size"]
    with pytest.raises(JSONStatError, match="size"):
        read_jsonstat(older)
    with pytest.raises(JSONStatError, match="neither"):
        read_jsonstat({"a": {"x": 1}, "b": {"y": 2}})
    with pytest.raises(JSONStatError, match="not valid JSON"):
        read_jsonstat("{")
