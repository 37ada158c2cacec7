"""The checks tests' fixture: a data folder with the real stated_figures descriptor and a few
fixture rows (not the real ones)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.core import data

REAL_DESCRIPTOR = data.project_root() / "data" / "documents" / "stated_figures.resource.json"
HEADER = (
    "id,document,lines,printed,value,unit,period,geography,industry,measure,kind,source_cited,note,"
    "label_nb"
)
FIXTURE_ROWS = {
    "003": [
        "003-0047-a,003,47,\"43,3\",43.3,%,2023,Norway,process industry,export share,share,,,",
        "003-0050-a,003,50-51,360 000,360000,persons,2023,Norway,,employment,level,,about,"
        "Sysselsatte",
        "003-0060-a,003,60,\"-4,5\",-4.5,%,2022-2023,Norway,,emission change,change,,,"
        "Endring i utslipp",
        "003-0070-a,003,70,120,120,MNOK,2023,Norway,,investment,level,,,",
        "003-0080-a,003,80,\"2,5\",2500,MNOK,2023,Norway,,exports (printed in billions),level,,,",
    ],
    "000": [
        "000-0010-a,000,10,\"0,0\",0,%,2024,Norway,,growth,growth_rate,,,",
        "000-0015-a,000,15,fem,5,count,,,,areas,count,,,",
        "000-0020-a,000,20,1/3,0.3333,fraction,,,,share of firms,share,,,",
        "000-0030-a,000,30,2024,2024,year,2024,Norway,,year of launch,year,,,Året det startet",
    ],
    "001": [
        "001-0010-a,001,10,fire,4,%,2018-2023,Norway,,employment change,change,,,",
        "001-0011-a,001,11,Sju,7,count,,,,areas,count,,,",
        "001-0012-a,001,12,halvparten,50,%,2023,Norway,,share of exports,share,,,",
        "001-0013-a,001,13,en tredjedel,33.3333,%,,,,share of firms,share,,,",
        "001-0014-a,001,14,en fjerdedel,0.25,fraction,,,,share of firms,share,,,",
        "001-0015-a,001,15,fem,6,count,,,,a word that does not match its value,count,,,",
        "001-0016-a,001,16,ti,10000,persons,,,,ten thousand (word and scale),level,,,",
    ],
    "002": [
        "002-1046-a,002,1046,43,43,%,2011-2021,Akershus,,real growth,change,,om lag,",
        "002-1046-b,002,1046,\"3,7\",3.7,%,2011-2021,Akershus,,annual real growth,growth_rate,,,",
        "002-0900-a,002,900,\"4,6\",4.6,NOK bn,2021,Akershus,,part,level,,,",
        "002-0900-b,002,900,\"49,3\",49.3,NOK bn,2021,Akershus,,whole,level,,,",
        "002-0900-c,002,901,\"9,4\",9.4,%,2021,Akershus,,share,share,,,",
        "002-0905-a,002,905,\"39,6\",39.6,TWh,2023,Norway,,use A,level,,,",
        "002-0905-b,002,905,\"35,8\",35.8,TWh,2023,Norway,,use B,level,,,",
        "002-0905-c,002,906,\"3,7\",3.7,TWh,2023,Norway,,difference,level,,,",
        "002-4624-a,002,4624,50,50,%,2030,Norway,,emission cut target,target,,,",
        "002-5301-a,002,5301,55,55,%,2030,Norway,,emission cut target,target,,,",
        "002-5302-a,002,5302,\"9,35\",9.35,%,2021,Akershus,,share again,share,,,",
        "002-5303-a,002,5303,9,9,%,2021,Akershus,,share again (whole percent),share,,,",
    ],
    "004": [
        "004-0221-a,004,219-221,30,30,%,,EU,,share (low end),share,,,Andel",
        "004-0221-b,004,219-221,40,40,%,,EU,,share (high end),share,,,Andel",
        "004-0230-a,004,230,\"2,5\",2.5,%,,EU,,other (low end),share,,,",
        "004-0230-b,004,230,4,4,%,,EU,,other (high end),share,,,",
        "004-0240-a,004,240,12,12,persons,,EU,,a different unit,level,,,",
    ],
}


def make_data_dir(root: Path, rows: dict[str, list[str]]) -> Path:
    """A data dir holding the real stated_figures descriptor with fixture parts."""
    docs = root / "documents"
    docs.mkdir(parents=True)
    shutil.copy(REAL_DESCRIPTOR, docs / REAL_DESCRIPTOR.name)
    desc = json.loads(REAL_DESCRIPTOR.read_text(encoding="utf-8"))
    for part in desc["path"]:
        doc = part.removeprefix("stated_figures_").removesuffix(".csv")
        lines = [HEADER, *rows.get(doc, [])]
        (docs / part).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    root = make_data_dir(tmp_path / "data", FIXTURE_ROWS)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(root))
    return root
