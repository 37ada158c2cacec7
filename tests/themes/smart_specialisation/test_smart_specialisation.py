"""The smart-specialisation helpers for document 002's own material: municipalities, candidate
areas, clusters, the document's checks, and the data's places in the document's text."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from statistics_support import require_recorded

from helpers import checks
from helpers.core import data
from helpers.themes import smart_specialisation as ss

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "002_0d67dc43d0b9b633.txt"


def test_top5_covers_the_21_municipalities_of_the_footnote():
    top = ss.top5_municipalities()
    assert len(top) == 21
    assert not top.isna().any().any()
    listed = set(ss.municipality_list("Akershus")["municipality_name"])
    assert set(top["kommune"]) == listed


def test_top5_frequency_counts_each_municipality_once_per_rank():
    freq = ss.top5_frequency()
    assert freq["blant_fem_største"].sum() == 21 * 5
    assert freq["størst"].sum() == 21


def test_baerum_reconstruction_by_hand():
    b = ss.baerum_figures()
    assert b["baerum_productivity_m"] == pytest.approx(0.53 * 260e3 / (0.27 * 213_000))
    assert b["baerum_va_bn"] + b["rest_va_bn"] == pytest.approx(260)


def test_area_filter_and_unknown_area():
    health = ss.area_elements("helseindustri")
    assert set(health["område"]) == {"Helseindustri"}
    assert set(health["element"]) == {"fortrinn", "nisje", "barriere", "tiltak"}
    assert len(ss.area_elements("alle")["område"].unique()) == 5
    with pytest.raises(ValueError, match="focus_area"):
        ss.area_elements("turisme")


def test_akershus_prioritises_three_areas():
    status = ss.area_status("Akershus")
    special = status[(status["region"] == "Akershus") & (status["status"] == "særlig relevant")]
    assert len(special) == 3
    assert set(ss.area_status("Buskerud")["region"]) == {"Viken"}


def test_non_public_figures():
    figs = ss.non_public_figures()
    ids = set(figs["id"])
    assert "002-0940-a" in ids        # productivity from Menon's accounts
    assert "002-2053-a" in ids        # patents from Orbis
    assert "002-2599-a" not in ids    # SkatteFUNN totals are public
    summary = ss.non_public_summary()
    assert summary["antall"].sum() == len(figs)


def test_document_checks_verdicts():
    results = ss.document_checks()
    assert all(isinstance(r, checks.CheckResult) and r.document == "002" for r in results)
    by = {}
    for r in results:
        by.setdefault(r.figure_id, []).append(r)
    assert by["002-0940-a"][0].verdict is checks.Verdict.AGREES_WITHIN_ROUNDING
    # "om lag 43 %" (42,5–43,5) over ten years allows 3,60–3,68 % a year: 3,7 within rounding
    growth = by["002-1046-b"][0]
    assert growth.verdict is checks.Verdict.AGREES_WITHIN_ROUNDING
    assert growth.recomputed_span == pytest.approx((3.605, 3.678), abs=1e-3)
    # 4,6 (4,55–4,65) / SSB's total: 9,4 within rounding
    assert by["002-3873-a"][0].verdict is checks.Verdict.AGREES_WITHIN_ROUNDING
    # 15 clusters examined, 16 with data: a difference of definition, stated twice
    clusters = by["002-1271-a"][0]
    assert clusters.verdict is checks.Verdict.DIFFERS and clusters.reason == ("definition",)
    assert clusters.check_kind is checks.CheckKind.STATED_TWICE
    assert by["002-5430-a"][0].reason == ("year",)
    assert by["002-5430-a"][0].verdict is checks.Verdict.DIFFERS
    assert by["002-5428-a"][0].verdict is checks.Verdict.DIFFERS
    # every repeat is a stated-twice check; no real error left in the theme's own checks
    assert sum(r.check_kind is checks.CheckKind.STATED_TWICE for r in results) == len(ss.REPEATS)
    assert not [r.figure_id for r in results if r.is_error]
    assert by["002-0996-b"][0].verdict is checks.Verdict.AGREES
    # exports per employee: the document divides by all employed, not by firm employment
    verdicts = {r.how: r.verdict for r in by["002-1030-a"]}
    assert verdicts["70 mrd. kr / 360 000 personer (alle sysselsatte)"].name == \
        "AGREES_WITHIN_ROUNDING"
    assert verdicts["70 mrd. kr / 213 000 personer (regnskapspliktige foretak)"].name == \
        "DIFFERS"
    # method texts quote the stated figures as printed, so they follow the data
    assert by["002-0940-a"][0].how == "260 mrd. kr / 213 000 personer"
    done, twice, cannot = ss.checks_display(results)
    assert len(done) + len(twice) + len(cannot) == len(results)
    assert len(twice) == len(ss.REPEATS)
    assert len(cannot) == len(ss.CANNOT)
    # the engine's Norwegian formatting: claims from label_nb with the line, units in Norwegian
    claim = ("Verdiskaping per sysselsatt, Akershus (2021; kap. 2.1 «Status for næringslivet i "
             "Akershus»)")
    assert claim in set(done["påstand"])
    row = done[done["påstand"] == claim].iloc[0]
    assert row["oppgitt"] == "1,2 mill. kr per sysselsatt" and row["beregnet"] == "1,22"
    # thousands: no decimal beyond the printed ones
    exports = done[done["påstand"].str.startswith("Eksport per sysselsatt")]
    assert set(exports["beregnet"]) == {"194\u202f444", "328\u202f638"}
    assert not done["oppgitt"].str.contains("NOK|persons|count", regex=True).any()
    assert list(twice.columns) == ["påstand", "oppgitt", "også oppgitt", "vurdering"]
    assert not twice["også oppgitt"].str.contains(r"l\. \d").any()
    assert twice["også oppgitt"].str.contains("«|samme avsnitt").all()
    # errors and differences first in each table
    assert done["vurdering"].iloc[0].startswith("avvik")


def test_checks_collected_by_the_audit():
    audit = checks.collect_all(("helpers.themes.smart_specialisation",))
    assert not audit.failures
    assert len(audit.results) == len(ss.document_checks())


def _seed_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"document text not found at {SEED} (../shared is not beside the project)")
    return SEED.read_text(encoding="utf-8").split("\n")


def _text(lines: list[str], ranges: str) -> str:
    parts = []
    for seg in str(ranges).split(";"):
        a, _, b = seg.strip().partition("-")
        parts.append(" ".join(lines[int(a) - 1:int(b or a)]))
    joined = re.sub(r"-\s+", "", " ".join(parts))
    return re.sub(r"[\s\u00a0-]+", "", joined).lower()


def _norm(word: str) -> str:
    return re.sub(r"[\s\u00a0-]+", "", str(word)).lower()


SMART = ["smart_top5_industries_municipality", "smart_industry_definitions", "smart_area_elements",
         "smart_area_status", "smart_clusters", "smart_cluster_overlaps", "smart_top5_firms_county",
         "smart_construction_actors", "smart_data_basis"]


@pytest.mark.parametrize("name", SMART)
def test_smart_rows_stand_at_their_cited_lines(name):
    lines = _seed_lines()
    frame = data.load(name)
    probe = {"smart_top5_industries_municipality": "industry",
             "smart_top5_firms_county": "firm", "smart_construction_actors": "actor"}
    col = probe.get(name, "keyword")
    missing = [(r["lines"], r[col]) for _, r in frame.iterrows()
               if _norm(r[col]) not in _text(lines, r["lines"])]
    assert not missing, f"{name}: not found at the cited lines: {missing[:5]}"


def test_stated_figures_002_stand_at_their_cited_lines():
    lines = _seed_lines()
    frame = ss.stated_figures()
    missing = []
    for _, r in frame.iterrows():
        a, _, b = r["lines"].partition("-")
        text = re.sub(r"\s+", " ", " ".join(lines[int(a) - 1:int(b or a)]))
        if not re.search(r"(?<![\d,])" + re.escape(r["printed"]).replace("\\ ", r"\s") + r"(?!\d)",
                         text):
            missing.append((r["id"], r["printed"]))
    assert not missing, missing[:10]
    # value and printed agree (up to sign and scale of the unit)
    for _, r in frame.iterrows():
        printed = float(checks.parse_printed(r["printed"])[0])
        assert math.isclose(abs(r["value"]), printed), (r["id"], r["value"], r["printed"])


def _moves(county: str) -> list[tuple[str, str, str]]:
    from helpers.themes.smart_specialisation import borders

    tab = borders.county_changes(county).table
    moved = tab[tab["endring"].isin([borders.MOVED_IN, borders.MOVED_OUT])]
    return sorted(zip(moved["endring"], moved["kommuner før"], moved["kommune etter"],
                      strict=True))


def test_border_moves_of_akershus_are_only_the_county_changes():
    require_recorded()
    # Akershus 2019 → Viken 2020 → Akershus 2024 is no move (Bærum, Ski, Rælingen stay out);
    # the moves are the 2019 municipalities of another county now in Akershus, and none left
    assert _moves("Akershus") == [
        ("flyttet inn", "Hurum (Buskerud)", "Asker"),
        ("flyttet inn", "Jevnaker (Oppland)", "Jevnaker"),
        ("flyttet inn", "Lunner (Oppland)", "Lunner"),
        ("flyttet inn", "Rømskog (Østfold)", "Aurskog-Høland"),
        ("flyttet inn", "Røyken (Buskerud)", "Asker"),
    ]
    assert [(k, m) for k, m, _ in _moves("Buskerud")] == [
        ("flyttet inn", "Svelvik (Vestfold)"), ("flyttet ut", "Hurum"), ("flyttet ut", "Røyken")]
    # Viken as a whole: only what came from outside the three counties
    viken = _moves("Viken")
    assert [m for _, m, _ in viken] == ["Jevnaker (Oppland)", "Lunner (Oppland)",
                                        "Svelvik (Vestfold)"]
    assert {k for k, _, _ in viken} == {"flyttet inn"}


def test_county_changes_outside_viken_describe_the_county_itself():
    require_recorded()
    from helpers.themes.smart_specialisation import borders

    # Telemark: no moves, but Bø and Sauherad ended in 2020 and Midt-Telemark began; the
    # county belonged to Vestfold og Telemark from 2020 and is Telemark again from 2024
    tel = borders.county_changes("Telemark")
    assert not tel.moved
    assert ("Sauherad", 2020) in tel.ceased_unlinked
    new = tel.table[tel.table["endring"] == borders.NEW]
    assert list(new["kommune etter"]) == ["Midt-Telemark"]
    assert tel.counties == ((2020, "Vestfold og Telemark"), (2024, "Telemark"))
    text = borders.changes_text(tel, "Telemark")
    assert "Østfold" not in text and "Buskerud" not in text
    assert "Ingen kommuner er flyttet" in text and "Sauherad" in text
    # the project's list of the 2020 changes around Viken is cited only where it was used
    assert "municipality_changes_2020" not in tel.sources
    # Vestfold: Svelvik moved out to Buskerud in 2020 (Drammen); the 2017-2018 mergers inside
    # the county are changes within it, not moves
    ves = borders.county_changes("Vestfold")
    assert _moves("Vestfold") == [("flyttet ut", "Svelvik", "Drammen")]
    out = ves.table[ves.table["endring"] == borders.MOVED_OUT].iloc[0]
    assert (out["år"], out["fylke etter"]) == (2020, "Buskerud")
    assert {n for n, y in ves.ceased_unlinked if y < 2020} >= {"Andebu", "Stokke", "Nøtterøy"}
    assert "municipality_changes_2020" in ves.sources  # Svelvik → Drammen is listed there
    assert "Flyttet ut: Svelvik (til Drammen i Buskerud, 2020)" in borders.changes_text(
        ves, "Vestfold")


def test_county_changes_same_name_in_two_counties_is_no_link_and_a_merge_of_counties_no_move():
    require_recorded()
    from helpers.themes.smart_specialisation import borders

    # Os (Hordaland) did not become Os in Innlandet, though the transitions file pairs them
    hordaland = borders.county_changes("Hordaland")
    assert ("Os (Hordaland)", 2020) in hordaland.ceased_unlinked
    # Hedmark's municipalities in Innlandet did not move into Oppland; Jevnaker and Lunner left
    assert _moves("Oppland") == [("flyttet ut", "Jevnaker", "Jevnaker"),
                                 ("flyttet ut", "Lunner", "Lunner")]
    # before 2020: Rindal moved from Møre og Romsdal to Trøndelag in 2019
    assert _moves("Trøndelag") == [("flyttet inn", "Rindal (Møre og Romsdal)", "Rindal")]
    # a county with no change at all says so
    oslo = borders.county_changes("Oslo")
    assert oslo.table.empty and not oslo.counties
    assert "uendret" in borders.changes_text(oslo, "Oslo")
