"""Tests of helpers.themes.manufacturing_strategy: matrix, growth, R&D,
parameters, document checks and the strategy datasets (documents 000 and 001)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import checks
from helpers.core import data
from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParameterError
from helpers.themes import manufacturing_strategy as ms

SEEDS = data.project_root().parent / "shared" / "seeds"
SEED_FILES = {"000": "000_32546cee64f360a8.txt", "001": "001_8752863bd0d49ed1.txt"}


def write_status(path: Path, rows: list[tuple[str, ...]], header: str = "id,status,sist oppdatert"
                 ) -> Path:
    lines = [header, *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the datasets


def test_recommendation_counts_per_area():
    recs = ms.recommendations(ms.AREA_ALL, follow_up=False)
    assert len(recs) == 27
    assert recs.groupby("area").size().to_dict() == {
        "markeder": 4, "produktivitet": 4, "kompetanse": 9, "forskning": 4, "virkemidler": 6,
    }
    follow = ms.recommendations(ms.AREA_ALL).query("kind == 'oppfolging'")
    assert list(follow["id"]) == ["F1", "F2"]


#: Words a Norwegian label cannot end on: a cut-off label ("… med partene tettere med").
DANGLING = {"med", "og", "eller", "i", "for", "til", "av", "på", "om", "som", "at", "fra",
            "en", "et", "ei", "tettere", "mer", "større"}


def test_recommendation_labels_are_whole():
    for rec in ms.recommendations().itertuples(index=False):
        words = str(rec.label).rstrip(".").split()
        assert words and words[-1].lower() not in DANGLING, (rec.id, rec.label)
        assert len(rec.label) <= 100, (rec.id, rec.label)


def test_every_recommendation_names_an_actor_and_links_are_known():
    links = ms.actor_links()
    assert set(ms.recommendations()["id"]) == set(links["id"])
    assert links["name"].notna().all()


def test_targets_agree_with_stated_figures():
    tgt = ms.targets().set_index("anbefaling")
    assert tgt.loc["B1", "mål"] == 10
    assert tgt.loc["B1", "oppgitt nivå"] == 21
    # the level is put in the target's unit: 21 firms over 2018-2026 is 21/8 firms a year
    assert tgt.loc["B1", "nivå i dag"] == pytest.approx(21 / 8)
    assert "vår beregning" in tgt.loc["B1", "om nivået"]
    assert tgt.loc["D2", "mål"] == 1.25
    assert tgt.loc["D2", "målår"] == 2030
    # the document's 1 % is all publicly financed R&D: never shown as D2's level
    assert math.isnan(tgt.loc["D2", "nivå i dag"])
    assert tgt.loc["D2", "om nivået"].startswith("ikke sammenlignbart")


def test_targets_table_for_print():
    table = ms.targets_table()
    table.index = list(ms.targets()["anbefaling"])
    assert table.loc["B1", "mål"] == "minst 10\u00a0bedrifter per år"
    assert table.loc["B1", "nivå i dag"].startswith("om lag 2,6\u00a0bedrifter per år: 21 ")
    assert "l.\u00a0" not in " ".join(table["nivå i dag"])  # no line numbers in the body
    assert table.loc["D2", "mål"] == "1,25\u00a0% av BNP innen 2030"
    assert table.loc["D2", "nivå i dag"].startswith("ikke sammenlignbart")
    assert table.loc["B1", "anbefaling"].startswith("B1 Produktivitetsspranget")
    assert table.loc["B1", "anbefaling"].endswith("knyttet til Norsk katapult")
    assert ms.targets_table("markeder").empty


def test_key_figures_print_the_value_as_a_number():
    kf = ms.key_figures().set_index("nøkkeltall")
    row = kf.loc["Sysselsatte i industrien, personer (2023)"]
    assert (row["verdi"], row["sted"]) == ("224\u202f000", "l.\u00a0341–\u2060342")
    assert kf.loc["Industriens andel av BNP (2023)", "verdi"] == "7 %"
    assert kf.loc["Produktivitetsvekst i industrien per år (2005–2014)", "verdi"] == "1,5 %"
    assert kf.loc["Mål: samlet FoU, andel av BNP", "verdi"] == "3 %"  # no period stated


def test_areas_table_marks_the_chosen_area_and_counts():
    table = ms.areas_table("kompetanse")
    first = table["område (antall)"]
    assert first.iloc[2] == "► Kompetanse for industrivekst (9)"
    assert first.iloc[0] == "Markeder for økt vareproduksjon (4)"
    whole = ms.areas_table()["område (antall)"]
    assert not any(cell.startswith("►") for cell in whole)
    assert table.iloc[0, 1].endswith("(l.\u00a021–\u206024)")







def test_produktivitetsspranget_rate_so_far():
    rate = ms.produktivitetsspranget_rate()
    # 21 firms from 2018 to the document's February 2026 status: 8 years
    assert rate["years"] == 8
    assert rate["per_year"] == pytest.approx(21 / 8)
    assert rate["target"] == 10


def _seed_lines(doc: str) -> list[str]:
    path = SEEDS / SEED_FILES[doc]
    if not path.is_file():
        pytest.skip(f"source documents not available at {SEEDS}")
    return path.read_text(encoding="utf-8").split("\n")


def _span(lines: list[str], spec: str) -> str:
    a, _, b = spec.partition("-")
    return " ".join(lines[int(a) - 1: int(b or a)])


@pytest.mark.parametrize("doc", ["000", "001"])
def test_stated_figures_are_printed_at_their_lines(doc):
    lines = _seed_lines(doc)
    frame = data.load("stated_figures")
    frame = frame[frame["document"] == doc]
    assert len(frame) > 0
    for row in frame.itertuples():
        assert row.id.startswith(f"{doc}-{int(row.lines.split('-')[0]):04d}-"), row.id
        assert row.printed in _span(lines, row.lines), (row.id, row.printed, row.lines)


def test_recommendation_lines_point_at_the_recommendations():
    lines = _seed_lines("000")
    recs = data.load("strategy_recommendations")
    # the summary and the chapter carry the same bullet: the first words of our reading of
    # the chapter text must occur in both places (checked on a distinctive word per row)
    words = {"A1": "eksportsatsning", "B1": "Produktivitetsspranget", "B3": "katapultsentre",
             "C6": "Prøvenemdene", "D2": "1,25", "D4": "SFI-senter", "E2": "Én",
             "E6": "Forenkle", "F1": "kontaktforum", "F2": "topplederforum"}
    for rid, word in words.items():
        row = recs.set_index("id").loc[rid]
        assert word in _span(lines, row["summary_lines"]), (rid, "summary")
        assert word in _span(lines, row["lines"]), (rid, "chapter")


def test_needs_lines_are_in_the_working_paper():
    lines = _seed_lines("001")
    needs = data.load("strategy_needs_001")
    for row in needs.itertuples():
        a, _, b = row.lines.partition("-")
        assert 1 <= int(a) <= int(b or a) <= len(lines)


# ---------------------------------------------------------------- matrix and 001 → 000


def test_actor_matrix_symbols_and_columns():
    m = ms.actor_matrix("markeder")
    assert list(m.index) == ["A1", "A2", "A3", "A4"]
    assert m.loc["A1", "PAR"] == "●"   # named in the recommendation
    assert m.loc["A1", "IN"] == "○"    # named in the chapter
    assert m.loc["A3", "REG"] == "·"   # our reading
    assert m.loc["A2", "PAR"] == ""
    assert "NAV" not in m.columns      # only actors linked in the area
    full = ms.actor_matrix()
    assert full.shape == (29, len(ms.actors()))
    # columns ordered by how many recommendations link the actor
    counts = (full != "").sum()
    assert list(counts) == sorted(counts, reverse=True)
    legend = ms.actor_legend(m).set_index("kode")
    assert legend.loc["PAR", "● anbefaling"] == 1
    assert legend.loc["PAR", "○ kapittel"] == 1
    assert legend.loc["REG", "· tolkning"] == 1


def test_needs_mapping_by_area():
    all_needs = ms.needs_table()
    assert len(all_needs) == len(data.load("strategy_needs_001"))
    research = ms.needs_table("forskning")
    assert list(research["svares av"]) == ["D4"]
    new = ms.recommendations_without_need("forskning")
    assert set(new["id"]) == {"D1", "D2", "D3"}


# ---------------------------------------------------------------- growth and R&D


def test_average_annual_growth_hand_worked():
    # +10 % then -10 %: sqrt(1.1 * 0.9) - 1 = sqrt(0.99) - 1
    assert ms.average_annual_growth(pd.Series([10.0, -10.0])) == pytest.approx(
        100 * (math.sqrt(0.99) - 1))
    assert math.isnan(ms.average_annual_growth(pd.Series([], dtype=float)))


def test_productivity_by_period():
    table = ms.productivity_by_period(["2010-2011", "2005-2014", "2015-2024"]).set_index(
        "periode")
    # SSB rates 2010 = 6.1 %, 2011 = 2.0 %: sqrt(1.061 * 1.020) - 1
    assert table.loc["2010–2011", "SSB, snitt"] == pytest.approx(
        100 * (math.sqrt(1.061 * 1.020) - 1))
    assert table.loc["2010–2011", "dekning"] == "2 av 2 år"
    assert math.isnan(table.loc["2010–2011", "strategien"])
    assert table.loc["2005–2014", "strategien"] == 1.5
    assert table.loc["2005–2014", "dekning"] == "6 av 10 år"
    assert math.isnan(table.loc["2005–2014", "SSB, snitt"])  # never a part beside a whole
    assert table.loc["2005–2014", "linjer"] == "l.\u00a0428–\u2060429"
    assert table.loc["2010–2011", "linjer"] == "–"  # the document states no such period
    assert table.loc["2015–2024", "strategien"] == 0.4
    assert math.isnan(table.loc["2015–2024", "SSB, snitt"])


def test_rd_prefers_ssb_and_derives_business_share():
    rd = ms.rd_share_of_gdp().set_index("år")
    assert rd.index.is_unique
    assert rd.loc[2019, "FoU i alt"] == 2.16      # SSB revised, not NIFU's preliminary 2.22
    assert rd.loc[2019, "kilde"] == "SSB"
    # 2017: 2.10 % x business 31 990 / total 69 176 (NOK million, same SSB page)
    assert rd.loc[2017, "næringslivet (beregnet)"] == pytest.approx(2.10 * 31990 / 69176)
    assert "sekundær" in rd.loc[2022, "kilde"]
    gaps = ms.rd_against_targets().set_index("år")
    assert gaps.loc[2017, "avvik, samlet mål"] == pytest.approx(2.10 - 3.0)


def test_rd_targets_come_from_the_stated_figures():
    tg = ms.rd_targets()
    figures = data.load("stated_figures").set_index("id")
    assert figures.loc["000-1128-a", "printed"] == "tre"
    assert (tg["total"], tg["business"], tg["public_business_oriented"]) == (3.0, 2.0, 1.25)
    assert tg["public_business_oriented_year"] == 2030


# ---------------------------------------------------------------- parameters


def test_validate_parameters_accepts_the_defaults():
    ms.validate_parameters({"area": "alle", "periods": ["2005-2014", "2015-2024"],
                            "status_file": None})


@pytest.mark.parametrize("params, match", [
    ({"area": "alle", "periods": ["2014-2005"]}, r"'periods'.*must start before it ends"),
    ({"area": "alle", "periods": ["2005/2014"]}, r"'periods'.*not a period written"),
    ({"area": "alle", "periods": []}, r"'periods'.*1 to 4 periods"),
    ({"area": "alle", "periods": "2005-2014"}, r"'periods'.*expected a list"),
    ({"area": "alle", "periods": ["2005-2014", "2005-2014"]}, r"given twice"),
])
def test_validate_parameters_rejects(params, match):
    with pytest.raises(ValueError, match=match):
        ms.validate_parameters({**params, "status_file": None})


def test_declaration_rejects_an_unknown_area():
    """The area's allowed values are declared in reports.yaml (the validator does not repeat
    them)."""
    declaration = load_config(data.project_root() / "reports.yaml").notebook(
        "manufacturing_strategy").declaration
    with pytest.raises(ParameterError, match=r"'area': value 'eksport' is not an allowed value"):
        declaration.resolve({"area": "eksport"})


def test_validate_parameters_checks_the_status_file(tmp_path):
    bad = write_status(tmp_path / "bad.csv", [("Q1", "påbegynt", "")])
    with pytest.raises(ValueError, match=r"'Q1'"):
        ms.validate_parameters({"area": "alle", "periods": ["2005-2014"],
                                "status_file": str(bad)})


def test_parse_periods_accepts_pairs():
    assert ms.parse_periods([(2005, 2014), "2015 – 2024"]) == [(2005, 2014), (2015, 2024)]


# ---------------------------------------------------------------- document checks


def test_document_checks():
    results = ms.document_checks()
    assert all(isinstance(r, checks.CheckResult) for r in results)
    by_id: dict[str, list[checks.CheckResult]] = {}
    for r in results:
        by_id.setdefault(r.figure_id, []).append(r)
    assert [r.verdict for r in by_id["000-0015-a"]] == [checks.Verdict.AGREES] * 2
    assert by_id["000-0015-b"][0].verdict is checks.Verdict.AGREES          # "fem"
    # "fire prosent" against 216 000 → 224 000 = 3.7 %
    emp = by_id["000-0352-a"][0]
    assert emp.verdict is checks.Verdict.AGREES_WITHIN_ROUNDING
    assert emp.recomputed == pytest.approx(100 * (224000 / 216000 - 1))
    # document 000 dates Veikart 2.0 to 2024, the working paper to 2023: two sources differ
    veikart = by_id["000-0170-a"][0]
    assert veikart.verdict is checks.Verdict.DIFFERS and veikart.reason == ("source",)
    assert veikart.check_kind is checks.CheckKind.STATED_TWICE
    # figures the strategy states twice are compared with check_twice, counted apart
    from helpers.themes.manufacturing_strategy.document_checks import REPEATS

    for fid, _first in REPEATS:
        assert by_id[fid][0].check_kind is checks.CheckKind.STATED_TWICE, fid
        assert by_id[fid][0].ok, fid
    assert by_id["000-0429-a"][0].verdict is checks.Verdict.CANNOT_CHECK
    # the oil and gas share is of goods and services (the cited table); 08818 has goods only,
    # and the reason gives the years 08818 holds, not those of an old key-figures file
    oil = by_id["000-0374-a"][0]
    assert oil.verdict is checks.Verdict.CANNOT_CHECK and oil.sources == ("ssb_08818",)
    from helpers.themes.manufacturing_strategy import indicators

    what = ("tallet er en andel av eksporten av varer og tjenester (SSB-tabell 07336), som "
            "rapporten ikke har")
    trade = indicators.load_table("ssb_08818")
    if trade is None:  # built without the recorded copy: the reason says only what it is
        assert oil.why == what
    else:
        years = indicators.export_years(trade)
        assert 2023 in years
        assert oil.why == (f"{what}; tabell 08818 ({years[0]}–{years[-1]}) har bare "
                           "vareeksporten")
    table = ms.checks_table(results)
    # the reasons are computed from the data: years and coverage are never typed
    methods = list(table["metode"])
    assert "fra nivåene 2018 og 2023" in methods
    assert ("SSBs tall dekker bare 2009–2014 av perioden (6 av 10 år); et snitt av en del av "
            "perioden er ikke sammenlignbart") in methods
    assert "ingen SSB-tall for 2015–2024" in methods
    assert oil.why in methods
    # "about 2 %" against the latest year of the report's R&D table (2022, 1.59 %)
    rd_check = by_id["000-1130-a"][0]
    assert rd_check.recomputed == pytest.approx(1.59)
    assert "2022" in rd_check.how
    assert len(table) == len(results)
    labels = [v.label for v in checks.Verdict]
    assert table["vurdering"].str.removeprefix("avvik: ").isin(
        labels + ["ulik kilde"]).all()
    # errors and differences first; places are sections, never line numbers
    assert table["vurdering"].iloc[0].startswith("avvik")
    assert not table["påstand"].str.contains(r"l\. \d").any()
    assert table["påstand"].str.contains("«").all()


def test_reports_yaml_area_values_match_the_data():
    import yaml

    config = yaml.safe_load((data.project_root() / "reports.yaml").read_text(encoding="utf-8"))
    block = config["notebooks"]["manufacturing_strategy"]
    assert block["parameters"]["area"]["allowed"] == list(ms.area_choices())
    assert set(block["sets"]) == {"hele-strategien", *list(ms.area_choices())[1:]}
    ms.validate_parameters({name: spec["default"] for name, spec in block["parameters"].items()})


def test_title_page_says_status_is_not_registered_without_a_status_file():
    from helpers.pipeline.export_html import reader_parameters

    declaration = load_config(data.project_root() / "reports.yaml").notebook(
        "manufacturing_strategy").declaration
    shown = dict(reader_parameters(declaration.specs, {"status_file": None}))
    assert shown == {"Status for anbefalingene": "ikke registrert"}
