"""Exports and currency conversion (process_industry.exports, .currency).

Expected values are worked out by hand from document 003 (Prosess21, status report 2024),
not read back from the helper."""

from __future__ import annotations

import pytest

from helpers.themes import process_industry as pi

# --------------------------------------------------------------------------- exports, currency


def test_currency_conversion_with_document_rates():
    assert pi.convert(11421, 2023, "EUR") == pytest.approx(1000)   # 11.421 NOK/EUR (l. 643)
    assert pi.convert(500, 2020, "NOK") == 500
    # 9.853 -> 11.421: +15.914 % (the document prints 15,9, l. 599)
    assert pi.currency_change("NOK_per_EUR", 2019, 2023) == pytest.approx(15.914, abs=1e-3)
    with pytest.raises(pi.ProcessIndustryError, match="2018"):
        pi.nok_per("EUR", 2018)
    with pytest.raises(pi.ProcessIndustryError, match="currency"):
        pi.nok_per("USD", 2023)


def test_export_table_shares_and_currency():
    nok = pi.export_table("NOK").set_index("varegruppe")
    total = nok.loc["Eksport i alt"]
    assert total["Norge (mrd. kr)"] == pytest.approx(1881.134453231)
    assert pi.norway_column("NOK") == "Norge (mrd. kr)"
    assert total["andel av gruppen (%)"] == pytest.approx(100 * 227601621133 / 1881134453231)
    metals = nok.loc["72-83 Uedle metaller"]
    assert metals["andel av gruppen (%)"] == pytest.approx(100 * 95614616895 / 112043618703)
    eur = pi.export_table("EUR").set_index("varegruppe")
    assert eur.loc["Eksport i alt", "prosessindustri (mrd. EUR)"] == pytest.approx(
        227.601621133 / 11.421)
    only = pi.export_table("NOK", "treforedling")
    assert only["varegruppe"].tolist() == ["44-49 Tre, trevarer og tremasse", "Sum"]


def test_every_printed_export_share_is_recomputed():
    chk = pi.export_share_check()
    assert len(chk) == 39
    assert chk["stemmer"].all()


def test_export_change_in_nok_and_eur():
    # 2023: 227.60 bn (table); 2019 = 227.60 - 61 (l. 515) = 166.60 bn
    nok, eur = pi.export_change("NOK"), pi.export_change("EUR")
    assert nok.value_2019 == pytest.approx(166.601621133)
    assert nok.change_pct == pytest.approx(100 * 61 / 166.601621133)
    assert eur.value_2019 == pytest.approx(166.601621133 / 9.853)
    assert eur.value_2023 == pytest.approx(227.601621133 / 11.421)
    assert eur.change_pct < nok.change_pct / 2


