"""Data faults: a CSV that lost or gained a column is blamed on that column, by name."""

from __future__ import annotations

import json

import pytest

from helpers.core import data

FIELDS = [{"name": n, "type": t} for n, t in
          [("id", "string"), ("printed", "string"), ("value", "number"), ("unit", "string")]]


def write(root, header: str, row: str) -> None:
    folder = root / "public"
    folder.mkdir(parents=True)
    (folder / "d.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    (folder / "d.resource.json").write_text(json.dumps({
        "name": "d", "path": "d.csv", "title": "t", "sources": [{"title": "s"}],
        "citation": "c", "schema": {"fields": FIELDS},
    }), encoding="utf-8")


@pytest.mark.parametrize(("header", "row", "blamed", "innocent"), [
    ("id,value,unit", "a,1,MNOK", "column 'printed'", "column 'value'"),
    ("id,printed,value,unit,extra", "a,1,1,MNOK,x", "column 'extra'", "column 'unit'"),
], ids=["removed", "added"])
def test_changed_column_is_blamed_by_name(tmp_path, monkeypatch, header, row, blamed, innocent):
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    write(tmp_path, header, row)
    with pytest.raises(data.SchemaError) as info:
        data.load("d")
    message = str(info.value)
    assert blamed in message and innocent not in message, message
    assert "(1 problem(s))" in message
