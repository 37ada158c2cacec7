"""The theme's document datasets against the text of document 003.

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.core import data
from helpers.themes import process_industry as pi

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "003_a7f0a07a0cfd3d0f.txt"



# --------------------------------------------------------------------------- data provenance


@pytest.mark.skipif(not SEED.is_file(), reason=f"document text not available at {SEED}")
def test_document_tables_match_the_seed_lines():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    inv = data.load(pi.INVESTMENTS)
    for _, r in inv.iterrows():
        assert r["printed"] in lines[int(r["lines"]) - 1], r.to_dict()
    ex = data.load(pi.EXPORTS)
    for _, r in ex.iterrows():
        text = lines[int(r["lines"]) - 1]
        assert f"{int(r['export_value_norway']):,}".replace(",", " ") in text
    energy = data.load(pi.ENERGY)
    for (ln, _), g in energy.groupby(["lines", "row_id"], sort=False):
        printed = " ".join(
            s if s else f"{int(v):,}".replace(",", " ")
            for v, s in zip(g["value"], g["value_status"], strict=True)
        )
        assert printed in re.sub(r"\s+", " ", lines[int(ln) - 1]), ln


@pytest.mark.skipif(not SEED.is_file(), reason=f"document text not available at {SEED}")
def test_stated_figures_003_are_printed_at_their_lines():
    text = SEED.read_text(encoding="utf-8").splitlines()
    figs = data.load("stated_figures")
    figs = figs[figs["document"] == "003"]
    assert len(figs) > 150
    for _, f in figs.iterrows():
        a, _, b = f["lines"].partition("-")
        cited = " ".join(text[int(a) - 1:int(b or a)])
        assert f["printed"] in cited, (f["id"], f["printed"], f["lines"])
        assert f["id"].startswith(f"003-{int(a):04d}-")


