"""Figures and tables are numbered in order, can be referred to, and findings link to sections."""

import pandas as pd
import pytest

from helpers.core import report


@pytest.fixture(autouse=True)
def fresh_numbers():
    report.reset_numbering()
    yield
    report.reset_numbering()


def test_tables_and_figures_are_numbered_separately_in_order():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    df = pd.DataFrame({"a": [1]})
    first = report.table_html(df, "Første", "Egne beregninger", label="t1")
    fig, _ = plt.subplots()
    chart = report.figure_html(fig, "Et diagram", "Egne beregninger", label="f1")
    plt.close(fig)
    second = report.table_html(df, "Andre", "Egne beregninger")
    assert "Tabell 1. Første" in first
    assert "Figur 1. Et diagram" in chart
    assert "Tabell 2. Andre" in second
    assert report.ref("t1") == "tabell 1"
    assert report.ref("f1") == "figur 1"


def test_unknown_or_reused_label_is_a_clear_error():
    df = pd.DataFrame({"a": [1]})
    report.table_html(df, "En", "Egne beregninger", label="x")
    with pytest.raises(ValueError, match="'x' is already used by Tabell 1"):
        report.table_html(df, "To", "Egne beregninger", label="x")
    with pytest.raises(report.UnknownReference, match="'y'.*known labels: x"):
        report.ref("y")


def test_key_findings_link_each_finding_to_its_section():
    markup = report.key_findings_html([
        report.Finding("Utslippene falt med 40 % fra 1990.", "utslipp", "Utslipp"),
        report.Finding("Eksporten økte.", "eksport", "Eksport"),
    ])
    assert "<h2>Hovedfunn</h2>" in markup
    assert '<a class="see" href="#utslipp">(se Utslipp)</a>' in markup
    assert markup.count("<li>") == 2
    with pytest.raises(ValueError, match="at least one finding"):
        report.key_findings_html([])


def test_tables_with_missing_values_are_measured_for_print():
    # a missing value must not break the estimate of printed lines (pandas' string dtype keeps
    # NaN through astype(str))
    df = pd.DataFrame({"år": [2020, 2021], "verdi": [1.5, float("nan")], "navn": ["a", None]})
    markup = report.table_html(df, "Med hull", "Egne beregninger")
    assert "Tabell 1. Med hull" in markup and "–" in markup


def test_a_finding_that_fits_its_line_is_not_broken_after_its_first_word():
    """WeasyPrint broke "Eksport av industrivarer: …" after "Eksport" when the link after the
    text did not fit on the line; the text in its own span keeps the line whole."""
    weasyprint = pytest.importorskip("weasyprint")
    from pathlib import Path

    import helpers

    text = ("Eksport av industrivarer: 384,9 mrd. kr i 2024, mot 246,7 mrd. kr i 2015 "
            "(5,1\u00a0% per år).")
    markup = report.key_findings_html([report.Finding(text, "indikatorer", "Indikatorer")])
    assert f'<span class="finding">{text}</span>' in markup
    static = Path(helpers.__file__).parent / "static"
    css = "\n".join(p.read_text(encoding="utf-8") for p in sorted(static.glob("*.css")))
    page = (f'<html lang="nb"><head><style>{css}</style></head>'
            f'<body class="report">{markup}</body></html>')
    lines = []

    def walk(box):
        if type(box).__name__ == "LineBox":
            lines.append("".join(b.text for b in box.descendants() if hasattr(b, "text")))
            return
        for child in getattr(box, "children", []):
            walk(child)

    walk(weasyprint.HTML(string=page).render().pages[0]._page_box)
    first = next(line for line in lines if line.startswith("Eksport"))
    assert first != "Eksport", lines
