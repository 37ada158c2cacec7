"""Tests of the tracker: the status file (template, validation naming line and field, history)
and what the report derives from it (progress, changes, overdue, the counties' share), on the
example status file shipped as a fixture."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.pipeline import cli
from helpers.themes import manufacturing_strategy as ms

EXAMPLE = Path(__file__).parent / "fixtures" / "eksempel_statusfil.csv"
HEADER = "id,status,ansvarlig,frist,dokumentasjon,neste steg,sist oppdatert"


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- template


def test_template_has_every_recommendation_unknown_and_round_trips(tmp_path):
    template = ms.status_template()
    assert len(template) == 29 and set(template["status"]) == {"ukjent"}
    assert list(template.columns) == list(ms.STATUS_HEADINGS)
    path = ms.write_status_template(tmp_path / "status.csv")
    back = ms.read_status(path)
    assert list(back["id"]) == list(template["id"])
    assert set(back["status"]) == {"ukjent"}
    assert back["frist"].isna().all() and back["sist_oppdatert"].isna().all()
    # a filled-in row survives a second round
    a1_label = template.set_index("id").loc["A1", "anbefaling"]
    text = path.read_text(encoding="utf-8-sig").replace(
        f"A1,{a1_label},ukjent,,,,,",
        f"A1,{a1_label},påbegynt,NHO; LO,2026-12-31,https://example.org,Neste møte,2026-05-02")
    path.write_text(text, encoding="utf-8")
    a1 = ms.read_status(path).set_index("id").loc["A1"]
    assert (a1["status"], a1["ansvarlig"], a1["frist"], a1["sist_oppdatert"]) == (
        "påbegynt", "NHO; LO", date(2026, 12, 31), date(2026, 5, 2))


def test_template_command_writes_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "s.csv"
    assert cli.main(["tracker", "template", str(path)]) == 0
    assert len(ms.read_status(path)) == 29
    assert "wrote" in capsys.readouterr().out
    assert cli.main(["tracker", "template", str(path)]) == 2   # never overwrites
    assert "already exists" in capsys.readouterr().err
    with pytest.raises(ms.StatusFileError, match="already exists"):
        ms.write_status_template(path)


def test_semicolons_and_case_are_accepted(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("ID;Status;Sist oppdatert\nb2;Påbegynt;2026-01-05\n", encoding="utf-8")
    got = ms.read_status(path)
    assert list(got["id"]) == ["B2"] and list(got["status"]) == ["påbegynt"]


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("row, match", [
    ("A1,halvveis,,,,,", r"line 2 \(A1\), field 'status': 'halvveis' is not allowed"),
    ("A1,påbegynt,,2026-13-01,,,", r"line 2 \(A1\), field 'frist': '2026-13-01' is not a date"),
    ("A1,påbegynt,,,,,1.3.2026", r"line 2 \(A1\), field 'sist oppdatert': '1.3.2026'"),
    ("Z9,påbegynt,,,,,", r"line 2 \(Z9\), field 'id': unknown recommendation 'Z9'"),
])
def test_a_bad_row_is_named_by_line_and_field(tmp_path, row, match):
    with pytest.raises(ms.StatusFileError, match=match):
        ms.read_status(write(tmp_path / "s.csv", row))


def test_duplicate_id_names_both_lines(tmp_path):
    path = write(tmp_path / "s.csv", "A1,påbegynt,,,,,2026-03-01", "B1,ukjent,,,,,",
                 "A1,gjennomført,,,,,2026-03-01")
    with pytest.raises(ms.StatusFileError,
                       match=r"line 4 \(A1\), field 'id': A1 is already given on line 2"):
        ms.read_status(path)


def test_every_problem_is_reported_at_once_and_missing_heading(tmp_path):
    path = write(tmp_path / "s.csv", "Q1,x,,,,,", "A1,ferdig,,,,,")
    with pytest.raises(ms.StatusFileError, match=r"3 problem\(s\)") as err:
        ms.read_status(path)
    assert "line 2 (Q1)" in str(err.value) and "line 3 (A1)" in str(err.value)
    with pytest.raises(ms.StatusFileError, match=r"line 1: missing heading\(s\) 'status'"):
        ms.read_status(write(tmp_path / "t.csv", "A1,", header="id,frist"))
    with pytest.raises(ms.StatusFileError, match=r"unknown heading\(s\) 'date'"):
        ms.read_status(write(tmp_path / "u.csv", "A1,ukjent,", header="id,status,date"))
    with pytest.raises(ms.StatusFileError, match="not found"):
        ms.read_status(tmp_path / "missing.csv")


def test_validate_parameters_reads_the_status_file(tmp_path):
    bad = write(tmp_path / "bad.csv", "X7,påbegynt,,,,,")
    with pytest.raises(ValueError, match=r"'X7'"):
        ms.validate_parameters({"area": "alle", "periods": ["2015-2024"],
                                "status_file": str(bad)})


# ---------------------------------------------------------------- history


def test_history_orders_each_recommendation_oldest_first(tmp_path):
    path = write(tmp_path / "s.csv", "A1,gjennomført,,,,,2026-09-01", "A1,ikke startet,,,,,",
                 "A1,påbegynt,,,,,2026-03-01", "B1,påbegynt,,,,,2026-01-01")
    entries = ms.read_status(path)
    hist = ms.history(entries)
    assert list(zip(hist["id"], hist["status"], strict=True)) == [
        ("A1", "ikke startet"), ("A1", "påbegynt"), ("A1", "gjennomført"), ("B1", "påbegynt")]
    assert dict(zip(ms.latest(entries)["id"], ms.latest(entries)["status"], strict=True)) == {
        "A1": "gjennomført", "B1": "påbegynt"}
    assert ms.update_dates(entries) == [date(2026, 1, 1), date(2026, 3, 1), date(2026, 9, 1)]


# ---------------------------------------------------------------- the example file


def test_example_is_labelled_as_an_example():
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# EKSEMPEL") and "IKKE strategiens faktiske status" in first


def test_example_progress_counts_by_hand():
    entries = ms.read_status(EXAMPLE)
    track = ms.tracker(entries)
    by_area = ms.progress_by_area(track).set_index("område")
    assert by_area["totalt"].sum() == 29
    assert by_area.loc["Oppfølging av strategien", "gjennomført"] == 1


def test_example_changes_overdue_and_counties():
    entries = ms.read_status(EXAMPLE)
    assert ms.as_of(entries) == date(2026, 6, 1)
    changes = ms.changes_since_last_update(entries)
    assert list(zip(changes["id"], changes["fra"], changes["til"], strict=True)) == [
        ("A1", "ikke startet", "påbegynt"), ("B1", "påbegynt", "gjennomført"),
        ("D2", "ukjent", "avvist"), ("E3", "ukjent", "påbegynt")]  # C4 unchanged
    late = ms.overdue(ms.tracker(entries), ms.as_of(entries))
    assert list(late["id"]) == ["C4", "D1"]  # F1 was due earlier but is done
    county = ms.county_recommendations(ms.tracker(entries))
    assert sorted(county["id"]) == ["C4", "C5", "C7", "C8", "C9"]
    roles = dict(zip(county["id"], county["role"], strict=True))
    assert roles["C4"] == roles["C9"] == "implied" and roles["C5"] == "named"


def test_without_a_status_file_everything_is_unknown():
    track = ms.tracker(None)
    assert set(track["status"]) == {"ukjent"}
    assert list(ms.tracker_table(track).columns) == ["anbefaling"]
    assert ms.changes_since_last_update(None).empty and ms.as_of(None) is None


def test_template_caption_counts_in_plain_norwegian():
    from helpers.themes.manufacturing_strategy.reference import recommendations

    whole = ms.template_caption("alle")
    n = len(ms.status_template())
    assert f"de 3 første av {n} rader" in whole
    assert "anbefalinger og 2 oppfølgingstiltak" in whole
    in_area = len(recommendations("markeder"))
    area = ms.template_caption("markeder")
    assert area.endswith(f"de 3 første av de {in_area} anbefalingene i området")
    assert "radene" not in whole + area
    # an area with no more rows than the preview shows them all
    assert ms.template_caption("markeder", rows=in_area).endswith(
        f"områdets {in_area} anbefalinger")


def test_readers_see_who_gave_the_status_file_and_when_not_its_path(tmp_path):
    import os
    from datetime import datetime

    dated = write(tmp_path / "s.csv", "A1,påbegynt,,,,,2026-03-01", "B1,ukjent,,,,,2026-04-15")
    text = ms.reader_description(dated)
    assert text == "statusoversikt oppgitt av brukeren, sist oppdatert 15. april 2026"
    assert str(tmp_path) not in text
    # without a date in the file: the day the file was last changed
    undated = write(tmp_path / "u.csv", "A1,påbegynt,,,,,")
    when = datetime(2025, 11, 2, 12).timestamp()
    os.utime(undated, (when, when))
    assert ms.reader_description(undated).endswith("sist endret 2. november 2025")
    # a file that cannot be read still never shows its path
    assert ms.reader_description(tmp_path / "missing.csv") == "statusoversikt oppgitt av brukeren"
