"""The statistics loader on the recorded copies: shape, a hand-checked value each, status
markers, provenance; and its integration with the report's source table and read log.

Hand-checked values were read in the recorded files themselves (JSON ``value`` array at the
position the dimension sizes give; the 11713 workbook's ``BNPB`` sheet row).
"""

from __future__ import annotations

import math

import pytest
from statistics_support import one, require_recorded

from helpers.core import data
from helpers.core import statistics as stat
from helpers.sources import external
from helpers.sources import statistics as sources

# dataset id, rows (cells), dimension code columns
SHAPES = [
    ("ssb_13931", 19845, ["UtslpTilLuft", "UtslpEnergivare", "UtslpKomp", "Tid", "ContentsCode"]),
    ("ssb_11558", 88200, ["Energiregnpost", "Energiprodukter", "NaringMiljo", "Tid",
                          "ContentsCode"]),
    ("ssb_08818", 54704, ["ImpEks", "SITC", "Tid", "ContentsCode"]),
    ("ssb_12462", 73680, ["Marked", "NaringUtenriks", "Tid", "ContentsCode"]),
    ("ssb_07095", 53676, ["PKoder", "ContentsCode", "Tid"]),
    ("ssb_11010", 888, ["Sektor", "ContentsCode", "Tid"]),
    ("ssb_07984", 8092, ["Region", "NACE2007", "Kjonn", "Alder", "Tid", "ContentsCode"]),
]


@pytest.mark.parametrize(("dataset_id", "rows", "dims"), SHAPES)
def test_jsonstat_tables_shape_and_columns(recorded, dataset_id, rows, dims):
    frame = stat.load_statistic(dataset_id)
    assert len(frame) == rows
    expected = [c for d in dims for c in (d, f"{d}_label")] + ["value", "status"]
    assert list(frame.columns) == expected
    prov = frame.attrs["provenance"]
    assert prov["origin"] == "recorded"
    assert prov["table"] == dataset_id.removeprefix("ssb_")
    assert prov["citation"] == f"SSB, tabell {prov['table']}"
    assert prov["vintage"] == sources.dataset(dataset_id).updated
    assert prov["source_url"].startswith("https://raw.githubusercontent.com/")
    assert prov["sha256"] == sources.dataset(dataset_id).sha256


def test_13931_manufacturing_emissions(recorded):
    ghg = stat.load_statistic("ssb_13931")
    # value[4444]: source 2 (manufacturing and mining), VT0 total, A10 all gases, 2024
    row = one(ghg, UtslpTilLuft="2", UtslpEnergivare="VT0", UtslpKomp="A10", Tid="2024")
    assert row["value"] == 10587 and row["status"] == ""
    assert row["UtslpTilLuft_label"] == "Manufacturing industries and mining"
    first = one(ghg, UtslpTilLuft="0", UtslpEnergivare="VT0", UtslpKomp="A10", Tid="1990")
    assert first["value"] == 51348
    assert ghg.attrs["provenance"]["vintage"] == "2025-06-06"
    assert ghg.attrs["provenance"]["retrieved"].startswith("2025-08-14")
    assert "832678" in ghg.attrs["provenance"]["ssb_url"]
    counts = ghg["status"].value_counts().to_dict()
    assert counts == {".": 12455, "": 7148, ":": 162, "-": 74, "..": 6}
    assert ghg.loc[ghg["status"] == "-", "value"].eq(0).all()
    assert ghg.loc[ghg["status"].isin([".", "..", ":"]), "value"].isna().all()


def test_11558_energy_first_cells_and_markers(recorded):
    energy = stat.load_statistic("ssb_11558")
    row = one(energy, Energiregnpost="T01", Energiprodukter="EPTOT03",
              NaringMiljo="A.00.00.00", Tid="2000", ContentsCode="Mengde1")
    assert row["value"] == 2791477
    third = energy.iloc[2]  # status '.' at position 2, value null in the file
    assert third["status"] == "." and math.isnan(third["value"])
    assert energy.loc[1, "Energiprodukter_label"] == "All energy products"


def test_08818_nil_marker_and_total(recorded):
    exports = stat.load_statistic("ssb_08818")
    assert one(exports, SITC="-", Tid="2008M03")["value"] == 78533333
    nil = exports.iloc[419]  # status '-' in the file, value null: SSB's nil
    assert nil["status"] == "-" and nil["value"] == 0


def test_12462_and_07095_values(recorded):
    ppi = stat.load_statistic("ssb_12462")
    assert ppi.iloc[0]["value"] == 17.2 and ppi.iloc[3]["value"] == 306
    assert ppi.iloc[2]["status"] == ".." and math.isnan(ppi.iloc[2]["value"])
    prod = stat.load_statistic("ssb_07095")
    assert prod.iloc[60]["value"] == 191.2 and prod.iloc[0]["status"] == "."


def test_11010_rd_not_available_markers(recorded):
    rd = stat.load_statistic("ssb_11010")
    assert rd.iloc[0]["value"] == 16977  # all sectors, R&D personnel, 1970
    unavailable = rd[rd["status"] == ".."]
    assert list(unavailable.index) == [17, 19, 461, 463, 683, 685]
    assert unavailable["value"].isna().all()


def test_07984_employment(recorded):
    emp = stat.load_statistic("ssb_07984")
    first = emp.iloc[0]
    assert (first["NACE2007"], first["Kjonn"], first["Alder"], first["Tid"]) == (
        "01-03", "2", "15-74", "2008")
    assert first["value"] == 19008
    assert (emp["status"] == "").all()


def test_11713_county_accounts(recorded):
    acc = stat.load_statistic("ssb_11713")
    assert len(acc) == 10584 * 5  # 21 regions x 42 industries x 12 years x 5 measures
    assert acc["region"].nunique() == 21 and acc["industry"].nunique() == 42
    # BNPB row 3120: '06 Buskerud (-2019)', 'Industri', 2019, 15980 mill. kr
    row = one(acc, region="06", industry="Industri", year=2019, measure="bruttoprodukt")
    assert row["value"] == 15980 and row["region_label"] == "Buskerud (-2019)"
    assert one(acc, region="06", industry="Industri", year=2019,
               measure="sysselsatte")["value"] == 15.1
    metals = one(acc, region="06", industry="Produksjon av metaller", year=2019,
                 measure="bruttoprodukt")
    assert metals["value"] == 33 and metals["manufacturing_subgroup"]
    assert metals["parent_industry"] == "Industri" and metals["industry_level"] == 1
    assert acc.loc[acc["manufacturing_subgroup"], "industry"].nunique() == 11
    state = one(acc, region="06", industry="Statsforvaltning", year=2019, measure="bruttoprodukt")
    assert state["industry_level"] == 2 and not state["manufacturing_subgroup"]
    # quirks: the 2008 volume change and the Fastlands-Norge rows are 0 in the file
    vol2008 = acc[(acc["measure"] == "volumendring") & (acc["year"] == 2008)]
    assert vol2008["value"].isna().all() and (vol2008["status"] == "..").all()
    mainland = acc[acc["industry"] == "Fastlands-Norge"]
    assert mainland["value"].isna().all() and (mainland["status"] == "..").all()
    # a blank cell: fishing in Buskerud 2019 has no value, its volume change no meaning
    fish = acc[(acc["region"] == "06") & (acc["industry"] == "Fiske, fangst og akvakultur")
               & (acc["year"] == 2019)]
    assert fish["value"].isna().all() and (fish["status"] == "..").all()
    # a true zero stays zero
    assert one(acc, region="06", industry="Rørtransport", year=2019,
               measure="bruttoprodukt")["value"] == 0


def test_klass_files(recorded):
    munis = stat.load_statistic("klass_municipalities")
    assert len(munis) == 357
    assert one(munis, municipality="3301")["municipality_label"] == "Drammen"
    assert munis.groupby("county").size()[["31", "32", "33"]].tolist() == [12, 21, 18]
    hist = stat.load_statistic("klass_regions_history")
    assert len(hist) == 1542
    royken = one(hist, level="municipality", code="0627")
    assert royken["label"] == "Røyken" and str(royken["valid_to"].date()) == "2020-01-01"
    viken = one(hist, level="county", code="30")
    assert (str(viken["valid_from"].date()), str(viken["valid_to"].date())) == (
        "2020-01-01", "2024-01-01")
    trans = stat.load_statistic("klass_region_transitions")
    assert len(trans) == 386
    assert one(trans, from_code="3025", to_code="3203")["change_type"] == "renumbered"
    sn = stat.load_statistic("klass_sn2007")
    assert len(sn) == 1064
    meat = one(sn, subclass="10.110")
    assert (meat["section"], meat["division"], meat["group"]) == ("C", "10", "10.1")
    assert meat["section_label"] == "Industri"


def test_provenance_feeds_source_table_and_kilde(recorded, tmp_path, monkeypatch):
    log = tmp_path / "read.log"
    monkeypatch.setenv(data.READ_LOG_ENV, str(log))
    frame = stat.load_statistic("ssb_11010")
    assert "ssb_11010" in data.loaded()
    table = data.sources_table(["ssb_11010"])
    assert table.loc[0, "kilde"] == "SSB, tabell 11010"
    assert table.loc[0, "opphav"] == "lagret kopi, SSB oppdatert 24. februar 2025"
    assert data.kilde("ssb_11010") == "Kilde: SSB, tabell 11010."
    assert stat.kilde("ssb_11010", "ssb_13931") == "Kilde: SSB, tabell 11010; SSB, tabell 13931."
    assert stat.vintage_note(frame) == (
        "Tallene fra SSB, tabell 11010, er fra en lagret kopi, sist oppdatert av SSB "
        "24. februar 2025.")
    logged = log.read_text().splitlines()
    assert logged == [str((recorded / "ssb_jsonstat" / "rd-expenditure.json").resolve())]


def test_missing_dataset_is_clear(tmp_path, monkeypatch):
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(tmp_path / "nothing"))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    assert not stat.available("ssb_13931")
    with pytest.raises(external.MissingExternalData, match="ssb_13931"):
        stat.load_statistic("ssb_13931")
    text = stat.missing_text("ssb_13931", "Utslipp fra industrien")
    assert "tabell 13931" in text and "Utslipp fra industrien" in text
    for forbidden in ("python", "/", "INDUSTRIRAPPORTER", "$"):
        assert forbidden not in text
    with pytest.raises(sources.StatisticsError, match="unknown statistics dataset"):
        stat.load_statistic("ssb_99999")


def test_damaged_recorded_copy_is_refused(tmp_path, monkeypatch):
    root = require_recorded("ssb_jsonstat/rd-expenditure.json")
    copy = tmp_path / "ext" / "ssb_jsonstat"
    copy.mkdir(parents=True)
    raw = (root / "ssb_jsonstat" / "rd-expenditure.json").read_bytes()
    (copy / "rd-expenditure.json").write_bytes(raw.replace(b"16977", b"16978", 1))
    monkeypatch.setenv(external.EXTERNAL_DIR_ENV, str(tmp_path / "ext"))
    monkeypatch.setenv(external.EXTERNAL_STORE_ENV, str(tmp_path / "store"))
    with pytest.raises(external.ChecksumMismatch):
        stat.load_statistic("ssb_11010")


def test_catalogue_declares_each_statistic_once_with_its_live_query():
    cat = sources.datasets()
    assert set(cat) == {
        "ssb_13931", "ssb_11558", "ssb_08818", "ssb_12462", "ssb_07095", "ssb_11010",
        "ssb_07984", "ssb_11713", "klass_municipalities", "klass_regions_history",
        "klass_region_transitions", "klass_sn2007"}
    assert len({s.path for s in cat.values()}) == len(cat)
    for dataset_id, src in cat.items():
        assert src.title and src.citation.startswith("SSB, ")
        if dataset_id.startswith("ssb_") and src.format == "jsonstat":
            assert src.live["table"] == src.table
            assert src.live["selection"]["Tid"] == ["*"]  # every period: the current vintage
            assert all(codes for codes in src.live["selection"].values())


def test_recorded_copies_match_their_pins(recorded):
    for dataset_id in sources.datasets():
        external.locate(dataset_id)  # raises ChecksumMismatch on a different file


def test_report_source_line_cites_a_loaded_statistic(recorded):
    from helpers.core import report

    stat.load_statistic("ssb_13931")
    assert report._source_line(["ssb_13931", "egne beregninger"]) == (
        "Kilde: SSB, tabell 13931; egne beregninger.")
