"""Unit tests of helpers.core.data on small fixture datasets in a tmp data folder."""

from __future__ import annotations

import json
import math
import re

import pytest

from helpers.core import data

FIELDS = [
    {"name": "year", "type": "integer", "description": "Year",
     "constraints": {"required": True, "minimum": 2000}},
    {"name": "kind", "type": "string", "description": "Kind",
     "constraints": {"enum": ["a", "b"]}},
    {"name": "value", "type": "number", "description": "Value",
     "constraints": {"minimum": 0}},
]


def write_dataset(root, name, csv_text, *, fields=FIELDS, missing=("", "..", "-", ":"),
                  group="public", parts=None, citation=None):
    folder = root / group
    folder.mkdir(parents=True, exist_ok=True)
    if parts:
        for part, text in parts.items():
            (folder / part).write_text(text, encoding="utf-8")
        path = list(parts)
    else:
        (folder / f"{name}.csv").write_text(csv_text, encoding="utf-8")
        path = f"{name}.csv"
    desc = {
        "name": name, "path": path, "title": f"Title of {name}",
        "description": "fixture",
        "sources": [{"title": "Tabell", "table": "12345",
                     "path": "https://www.ssb.no/statbank/table/12345"}],
        "licenses": [{"name": "CC-BY-4.0"}],
        "citation": citation or f"SSB, tabell {name}",
        "schema": {"fields": fields, "missingValues": list(missing)},
    }
    (folder / f"{name}.resource.json").write_text(json.dumps(desc), encoding="utf-8")
    return folder


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    return tmp_path


# ---------------------------------------------------------------- schema violations


def test_violation_message_names_file_row_column_value_rule(root):
    folder = write_dataset(root, "bad", "year,kind,value\n2020,a,1\n2021,zz,2\n1999,b,3\n")
    with pytest.raises(data.SchemaError) as info:
        data.load("bad")
    msg = str(info.value)
    csv = str(folder / "bad.csv")
    assert "2 problem(s)" in msg
    # row numbers are line numbers of the file (header = row 1)
    assert f"{csv}, row 3, column 'kind', value 'zz': constraint-error" in msg
    assert "enum" in msg
    assert f"{csv}, row 4, column 'year', value '1999': constraint-error" in msg
    assert "minimum" in msg


def test_type_error_and_required_are_reported(root):
    write_dataset(root, "bad", "year,kind,value\nabc,a,1\n,b,2\n")
    with pytest.raises(data.SchemaError) as info:
        data.load("bad")
    msg = str(info.value)
    assert "row 2, column 'year', value 'abc': type-error" in msg
    assert "row 3, column 'year'" in msg and "required" in msg


def test_violation_in_multipart_names_the_part(root):
    header = "year,kind,value\n"
    write_dataset(root, "multi", "", parts={"multi_1.csv": header + "2020,a,1\n",
                                             "multi_2.csv": header + "2021,a,-7\n"})
    with pytest.raises(data.SchemaError, match=r"multi_2\.csv, row 2, column 'value', value '-7'"):
        data.load("multi")


def test_many_violations_are_truncated_with_a_count(root):
    rows = "".join(f"{2000 + i},zz,1\n" for i in range(12))
    write_dataset(root, "bad", "year,kind,value\n" + rows)
    with pytest.raises(data.SchemaError, match=r"12 problem\(s\)[\s\S]*and 2 more"):
        data.load("bad")


def test_validate_false_skips_validation(root):
    write_dataset(root, "bad", "year,kind,value\n2020,zz,1\n")
    assert data.load("bad", validate=False)["kind"].tolist() == ["zz"]


# ---------------------------------------------------------------- missing-value markers


def test_markers_stay_distinct_from_zero(root):
    write_dataset(root, "m", "year,kind,value\n2020,a,0\n2021,a,-\n2022,a,..\n2023,a,:\n"
                             "2024,a,5\n2025,a,\n")
    df = data.load("m")
    assert df["value_status"].tolist() == ["", "-", "..", ":", "", ""]
    assert df["value"].iloc[0] == 0 and df["value"].iloc[1] == 0  # true zero and nil
    assert math.isnan(df["value"].iloc[2]) and math.isnan(df["value"].iloc[3])
    assert df["value"].sum() == 5  # "not available" is absent from sums, not zero
    assert df["year_status"].eq("").all()
    assert str(df["year"].dtype) == "Int64"


def test_no_status_column_without_markers(root):
    write_dataset(root, "plain", "year,kind,value\n2020,a,1\n", missing=("",))
    assert "value_status" not in data.load("plain").columns


def test_marker_not_declared_is_a_violation(root):
    write_dataset(root, "undeclared", "year,kind,value\n2020,a,..\n", missing=("",))
    with pytest.raises(data.SchemaError, match=r"column 'value', value '\.\.': type-error"):
        data.load("undeclared")


# ---------------------------------------------------------------- catalogue, sources, kilde


def test_unknown_dataset_lists_known(root):
    write_dataset(root, "one", "year,kind,value\n2020,a,1\n")
    with pytest.raises(data.DataError, match=r"unknown dataset 'two'.*known datasets: one"):
        data.load("two")


def test_duplicate_name_is_an_error(root):
    write_dataset(root, "dup", "year,kind,value\n2020,a,1\n", group="public")
    write_dataset(root, "dup", "year,kind,value\n2020,a,1\n", group="documents")
    with pytest.raises(data.DataError, match="'dup' is used twice"):
        data.catalogue()


def test_missing_data_file(root):
    folder = write_dataset(root, "gone", "year,kind,value\n2020,a,1\n")
    (folder / "gone.csv").unlink()
    with pytest.raises(data.DataError, match=r"data file .*gone\.csv is missing"):
        data.load("gone")


def test_descriptor_lacking_required_property(root):
    folder = write_dataset(root, "nocite", "year,kind,value\n2020,a,1\n")
    path = folder / "nocite.resource.json"
    desc = json.loads(path.read_text())
    del desc["citation"]
    path.write_text(json.dumps(desc))
    with pytest.raises(data.DataError, match="lacks the required property 'citation'"):
        data.load("nocite")


def test_external_folder_is_ignored(root):
    write_dataset(root, "ext", "year,kind,value\n2020,a,1\n", group="external")
    assert "ext" not in data.catalogue()


def test_sources_and_kilde(root):
    write_dataset(root, "a", "year,kind,value\n2020,a,1\n", citation="SSB, tabell 1")
    write_dataset(root, "b", "year,kind,value\n2020,a,1\n", citation="SSB, tabell 2")
    write_dataset(root, "c", "year,kind,value\n2020,a,1\n", citation="SSB, tabell 1")
    rec = data.sources("a")
    assert rec["name"] == "a" and rec["files"] == ["public/a.csv"]
    assert rec["sources"][0]["table"] == "12345"
    assert data.kilde("b", "a", "c") == "Kilde: SSB, tabell 2; SSB, tabell 1."
    assert data.kilde(["a", "b"], extra=["egne beregninger"]) == (
        "Kilde: SSB, tabell 1; SSB, tabell 2; egne beregninger."
    )


def test_load_returns_a_copy_with_citation(root):
    write_dataset(root, "a", "year,kind,value\n2020,a,1\n", citation="SSB, tabell 1")
    first = data.load("a")
    first.loc[0, "value"] = 99
    again = data.load("a")
    assert again.loc[0, "value"] == 1
    assert again.attrs == {"dataset": "a", "citation": "SSB, tabell 1"}


def test_read_log(root, tmp_path, monkeypatch):
    write_dataset(root, "a", "year,kind,value\n2020,a,1\n")
    log = tmp_path / "reads.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    data.load("a")
    logged = log.read_text().splitlines()
    assert any(line.endswith("a.csv") for line in logged)
    assert any(line.endswith("a.resource.json") for line in logged)


def test_load_shared_is_one_frame_until_the_file_changes_and_every_call_is_a_read(
        root, tmp_path, monkeypatch):
    import os

    write_dataset(root, "a", "year,kind,value\n2020,a,1\n")
    log = tmp_path / "reads.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    def reads() -> int:
        return sum(line.endswith("a.csv") for line in log.read_text().splitlines())

    first = data.load_shared("a")
    before = reads()
    assert data.load_shared("a") is first
    assert reads() == before + 1  # served from the shared frame, still logged
    csv = root / "public" / "a.csv"
    csv.write_text("year,kind,value\n2020,a,1\n2021,b,7\n", encoding="utf-8")
    os.utime(csv, ns=(1, 1))  # a different stamp even within the clock's resolution
    changed = data.load_shared("a")
    assert changed is not first and list(changed["value"]) == [1, 7]
    assert changed.attrs["dataset"] == "a"


# ------------------------------------------------------------------ a report's source table


def test_loaded_lists_each_dataset_once_in_first_loaded_order(monkeypatch):
    monkeypatch.setattr(data, "_LOADED", {})  # as in a fresh kernel: other tests load too
    data.load("strategy_recommendations")
    data.load("rd_expenditure_norway")
    data.load("strategy_recommendations")
    names = data.loaded()
    assert names.count("strategy_recommendations") == 1
    assert names.index("strategy_recommendations") < names.index("rd_expenditure_norway")
    # the default table covers exactly what was loaded
    assert data.sources_table()["datasett"].tolist() == names


def test_sources_table_is_norwegian_and_names_only_the_reports_documents():
    table = data.sources_table(
        ["stated_figures", "strategy_recommendations", "rd_expenditure_norway"],
        documents=("000", "001"), labels={"strategy_recommendations": "anbefalingene"},
    ).set_index("datasett")
    text = " ".join(table.astype(str).to_numpy().ravel())
    assert "see column" not in text and "dok. 002" not in text
    assert table.loc["stated_figures", "opphav"] == (
        "dok. 000, linjenummer per rad; dok. 001, linjenummer per rad")
    assert "dok. 000, l. 26\u2013173" in table.loc["strategy_recommendations", "opphav"]
    assert re.fullmatch(r"\d+ nettsider \(adresser i datasettet\)",
                        table.loc["rd_expenditure_norway", "opphav"])
    assert table.loc["strategy_recommendations", "innhold"] == "anbefalingene"
    assert "Figures stated" not in text  # the descriptors' English titles are not shown


def test_sources_table_for_one_document():
    table = data.sources_table(["stated_figures", "smart_clusters", "process_exchange_rates"],
                               documents=["002"]).set_index("datasett")
    assert table.loc["stated_figures", "opphav"] == "dok. 002, linjenummer per rad"
    assert table.loc["smart_clusters", "opphav"].startswith("dok. 002, l. ")
    assert table.loc["process_exchange_rates", "opphav"] == "\u2013"  # no 002 lines, no web pages
    assert "innhold" not in table.columns
