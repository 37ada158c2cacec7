"""Checks of document 003's figures (process_industry.audit).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import checks
from helpers.themes import process_industry as pi

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT.parent / "shared" / "seeds" / "003_a7f0a07a0cfd3d0f.txt"



def test_document_checks_verdicts():
    results = pi.document_checks()
    assert results and all(r.document == "003" for r in results)
    by_id = {}
    for r in results:
        by_id.setdefault(r.figure_id, []).append(r)
    V = checks.Verdict
    # 19.6 -> 10.8 is -44.9 %, not -43.3 % (l. 946); 19.6 - 10.8 = 8.8, not 7.8 (l. 944)
    assert by_id["003-0946-a"][0].verdict is V.DISAGREES
    assert by_id["003-0946-a"][0].recomputed == pytest.approx(100 * (1 - 10.8 / 19.6))
    assert by_id["003-0944-a"][0].recomputed == pytest.approx(8.8)
    assert by_id["003-0944-a"][0].verdict is V.DISAGREES
    # the inputs' rounding carries through: 19,6 − 10,8 spans 8,7–8,9, still not 7,8
    assert by_id["003-0944-a"][0].recomputed_span == pytest.approx((8.7, 8.9))
    # 39,6 − 35,8 with ±0,05 each spans 3,7–3,9: the printed 3,7 agrees within rounding
    drop = by_id["003-0682-c"][0]
    assert drop.verdict is V.AGREES_WITHIN_ROUNDING
    assert drop.recomputed_span == pytest.approx((3.7, 3.9))
    # value added per FTE: the document gives persons, not FTEs, so it cannot be checked;
    # the 92 % share rests on a stand-in group, so a match would be chance
    assert by_id["003-1065-a"][0].verdict is V.CANNOT_CHECK
    assert by_id["003-1028-b"][0].verdict is V.CANNOT_CHECK
    assert by_id["003-0739-a"][0].verdict is V.AGREES
    assert by_id["003-0599-a"][0].verdict is V.AGREES_WITHIN_ROUNDING
    assert by_id["003-0404-a"][0].verdict is V.AGREES_WITHIN_ROUNDING
    # against SSB's energy balance a difference of definition; from the document's own TWh
    # figures an error
    assert {r.verdict for r in by_id["003-1028-a"]} == {V.DISAGREES, V.DIFFERS}
    assert {r.verdict for r in by_id["003-0666-a"]} == {V.DIFFERS}
    assert by_id["003-0400-a"][0].verdict is V.CANNOT_CHECK
    assert "10,1" in by_id["003-0400-a"][0].why
    # the report shows the engine's table: our Norwegian claim (label_nb) for every check
    table = checks.table(results)
    assert len(table) == len(results)
    assert not hasattr(pi, "checks_table") and not hasattr(pi, "LABELS_NO")
    assert "«Klimagassutslipp»" in set(table["hvor"])
    assert not table["hvor"].str.contains(r"\d{3}").any()  # sections, not line numbers
    row = table[table["påstand"] == "Kraftintensiv industris andel av industriens kraftforbruk"
                ].iloc[0]
    assert row["påstand"] == "Kraftintensiv industris andel av industriens kraftforbruk"
    assert row["oppgitt"] == "89 %"


