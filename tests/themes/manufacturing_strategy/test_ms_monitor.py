"""The monitor's findings, dashboard rows and area context, on a small hand-made indicator
table (the indicator values themselves are tested on the recorded tables elsewhere)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.themes import manufacturing_strategy as ms
from helpers.themes.manufacturing_strategy.indicators import INDICATORS, indicator_table


def _table(area: str) -> pd.DataFrame:
    series = {i.key: pd.Series({2015: 100.0, 2020: 110.0, 2024: 121.0}) for i in INDICATORS}
    return indicator_table(series, (2015, 2024), ms.indicators_for(area))


def test_summary_of_a_hand_made_series():
    row = _table("kompetanse").iloc[0]
    assert (row["baseline"], row["latest"], row["latest_year"]) == (100.0, 121.0, 2024)
    assert row["trend_pct"] == pytest.approx(100 * (1.21 ** (1 / 9) - 1))
    assert row["last_change_pct"] == pytest.approx(10.0)   # against 2020, the previous year
    assert row["retning"] == "opp"


@pytest.mark.parametrize("area", list(ms.area_choices()))
def test_findings_four_to_six_with_known_anchors(area):
    track = ms.tracker_with_follow_up(None, area)
    found = ms.findings(area, _table(area), track, False, 0, ms.rd_against_targets(),
                        ms.rd_targets()["total"])
    assert 4 <= len(found) <= 6
    assert {f.anchor for f in found} <= set(ms.monitor.ANCHORS)
    n = len(track)
    assert any(f.text == f"Status er ikke registrert for noen av de {n} tiltakene i utvalget, "
               "så den er ukjent for alle." for f in found)
    assert not any("statusfil" in f.text.lower() for f in found)


def test_findings_differ_between_areas():
    texts = {}
    for area in ms.area_choices():
        track = ms.tracker_with_follow_up(None, area)
        texts[area] = tuple(f.text for f in ms.findings(
            area, _table(area), track, False, 0, ms.rd_against_targets(), 3.0))
    assert len(set(texts.values())) == len(texts)


def test_findings_with_a_status_file_count_done_and_late():
    from pathlib import Path
    entries = ms.read_status(Path(__file__).parent / "fixtures" / "eksempel_statusfil.csv")
    track = ms.tracker_with_follow_up(entries, "alle")
    late = ms.overdue(track, ms.as_of(entries))
    found = ms.findings("alle", _table("alle"), track, True, len(late),
                        ms.rd_against_targets(), 3.0)
    assert any("2 av 29 tiltak i utvalget gjennomført; 20 har ukjent status og 2 har passert"
               in f.text for f in found)


def test_dashboard_rows_add_rd_shares_with_targets_for_research_only():
    rd, tg = ms.rd_against_targets(), ms.rd_targets()
    research = ms.dashboard_rows("forskning", _table("forskning"), rd, tg, (2015, 2024))
    assert list(research["key"]) == ["fou", "fou-bnp", "fou-naering-bnp"]
    shares = research.set_index("key")
    assert shares.loc["fou-bnp", "latest"] == pytest.approx(1.59)   # 2022, latest in the table
    assert shares.loc["fou-bnp", "baseline"] == pytest.approx(1.93)  # 2015
    assert shares.loc["fou-bnp", "mål"] == "3 % av BNP"
    printed = ms.dashboard_table(research)
    assert list(printed["mål i strategien"]) == ["–", "3 % av BNP", "2 % av BNP"]
    markets = ms.dashboard_rows("markeder", _table("markeder"), rd, tg, (2015, 2024))
    assert "fou-bnp" not in set(markets["key"])
    assert ms.dashboard_sources(research)[-1] == "rd_expenditure_norway"


def test_area_context_names_the_area_and_its_count():
    text = ms.area_context("kompetanse")
    assert "«Kompetanse for industrivekst» er område 3 av 5" in text
    assert "9 av strategiens 27 anbefalinger" in text


def test_an_area_without_indicators_gets_none():
    assert ms.indicators_for("virkemidler") == ()
    assert indicator_table({i.key: pd.Series({2015: 1.0}) for i in INDICATORS}, (2015, 2024),
                           ()).empty
    assert ms.indicator_series(()) == {}


def _findings(area: str) -> list[str]:
    track = ms.tracker_with_follow_up(None, area)
    return [f.text for f in ms.findings(area, _table(area), track, False, 0,
                                        ms.rd_against_targets(), 3.0)]


def test_actors_tied_for_the_most_recommendations_are_all_named():
    # markeder: BED, PAR and REG are each named by 2 of the 4 recommendations
    matrix = ms.actor_matrix("markeder", follow_up=False)
    counts = (matrix != "").sum()
    tied = list(counts[counts == counts.max()].index)
    assert sorted(tied) == ["BED", "PAR", "REG"]
    names = ms.actors().set_index("abbr")["name"]
    actor = [t for t in _findings("markeder") if "Flest anbefalinger peker på" in t]
    assert actor == [f"Flest anbefalinger peker på disse tre aktørene, 2 av 4 hver: "
                     f"{'; '.join(names[a] for a in tied)}."]
    assert not any("er aktøren flest" in t for t in _findings("markeder"))
    # one top actor: named alone
    assert any(t.startswith("Norsk katapult og katapultsentrene er aktøren flest anbefalinger "
                            "peker på: 3 av 4") for t in _findings("produktivitet"))


def test_the_county_count_is_stated_once():
    # kompetanse: the county authorities are both the county finding and the top actor (5 of 9)
    texts = _findings("kompetanse")
    assert sum("5 av 9 anbefalinger" in t or "peker på: 5 av 9" in t for t in texts) == 1
    assert any("5 av 9 anbefalinger faller på fylkene" in t for t in texts)
    assert not any("Fylkeskommunene er aktøren" in t for t in texts)


def test_a_percentage_indicator_is_written_with_the_percent_sign():
    # the markets area's second indicator is a share of goods exports, in percent
    table = _table("markeder")
    assert "prosent" in set(table["enhet"])
    found = ms.findings("markeder", table, ms.tracker_with_follow_up(None, "markeder"), False,
                        0, ms.rd_against_targets(), 3.0)
    shares = [f.text for f in found if "andel" in f.text]
    assert shares and all(" prosent" not in t and "121,0 %" in t for t in shares)
