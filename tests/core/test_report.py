"""helpers.core.report: captioned tables and charts with "Kilde:" lines."""

import math
import re

import matplotlib

matplotlib.use("Agg")  # this test renders a figure without a kernel
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers.core import report  # noqa: E402


def test_table_has_caption_and_dataset_citation():
    df = pd.DataFrame({"år": [2019, 2020], "kurs": [9.853, 10.721]})
    html = report.table_html(df, "Valutakurser", "process_exchange_rates",
                             extra_sources=["egne beregninger"])
    assert re.search(r"<figcaption>Tabell \d+\. Valutakurser</figcaption>", html)
    assert "Kilde: Prosess21 (2024)" in html and "egne beregninger." in html
    assert html.rstrip().endswith("</figure>")


def test_free_text_source_is_used_as_written():
    html = report.table_html(pd.DataFrame({"a": [1]}), "T", "USGS Mineral Commodity Summaries 2025")
    assert "Kilde: USGS Mineral Commodity Summaries 2025." in html


def test_short_tables_are_kept_together_long_ones_may_split():
    short = report.table_html(pd.DataFrame({"a": range(report.KEEP_TOGETHER_ROWS)}), "T", None)
    long = report.table_html(pd.DataFrame({"a": range(report.KEEP_TOGETHER_ROWS + 1)}), "T", None)
    assert '<figure class="table keep">' in short
    assert '<figure class="table">' in long


def test_table_formats_and_note():
    df = pd.DataFrame({"verdi": [1234.5, math.nan]})
    html = report.table_html(df, "T", None, formats={"verdi": 1}, note="Foreløpige tall.")
    assert "1\u202f234,5" in html and "–" in html
    assert '<p class="table-note">Foreløpige tall.</p>' in html
    assert "Kilde:" not in html  # no sources given, no empty source line


def test_float_columns_without_a_format_get_a_decimal_comma():
    df = pd.DataFrame({"år": [2015, 2024], "andel": [26.3, 21.25], "hele": [3.0, 12000.0],
                       "merke": ["a", "b"]})
    html = report.table_html(df, "T", None)
    assert "26,30" in html and "21,25" in html and "26.3" not in html
    assert "12\u202f000" in html and ">3<" in html  # whole numbers need no decimals
    assert ">2015<" in html  # integer columns (years) are left as they are


def test_figure_is_inline_svg_with_caption_and_source():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("Sysselsatte")
    html = report.figure_html(fig, "Utvikling", ["egne beregninger"])
    plt.close(fig)
    assert html.startswith('<figure class="chart"><svg')
    # labels are real text, not glyph outlines (smaller and faster to print)
    assert "Sysselsatte</text>" in html and "<use xlink:href=\"#DejaVu" not in html
    assert "<?xml" not in html
    assert re.search(r"<figcaption>Figur \d+\. Utvikling</figcaption>", html)
    assert "Kilde: egne beregninger." in html
    # matplotlib's universal style rule would style the whole page: it is on the root instead
    assert "<style" not in html and "*{" not in html
    root = re.search(r"<svg\b[^>]*>", html).group(0)
    assert 'stroke-linejoin="round"' in root and 'stroke-linecap="butt"' in root


def test_callout_rejects_unknown_kind():
    assert 'class="callout reconstruction"' in report.callout_html("x", "reconstruction")
    with pytest.raises(ValueError, match="reconstruction"):
        report.callout_html("x", "banner")


def test_hyphenation_is_opt_in_per_table():
    df = pd.DataFrame({"foretak": ["Entreprenørselskap"]})
    assert 'class="dataframe data hyphenate"' in report.table_html(df, "T", None, hyphenate=True)
    assert "hyphenate" not in report.table_html(df, "T", None)


def test_a_declared_dataset_without_its_copy_is_cited_by_name_not_id(monkeypatch, tmp_path):
    # no recorded copies here and nothing loaded: the catalogue's citation, never "ssb_08818"
    from helpers.core import data

    monkeypatch.setenv("INDUSTRIRAPPORTER_EXTERNAL_DIR", str(tmp_path / "absent"))
    monkeypatch.setattr(data, "_LOADED", {})
    monkeypatch.setattr(data, "_OUTSIDE", {})
    line = report._source_line(["ssb_08818", "egne beregninger", "ssb_08818"])
    assert line == "Kilde: SSB, tabell 08818; egne beregninger."
    assert report._source_line(["en nettside"]) == "Kilde: en nettside."
