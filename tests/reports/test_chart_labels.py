"""The chart label check (tests/reports/chart_labels.py) on charts made to fail: labels printed
over each other, a label shortened with "…", rotated labels that clash or clear each other, and
a label beyond the image; and on a chart that holds."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.core import report  # noqa: E402
from tests.reports import chart_labels  # noqa: E402


def _page(fig) -> str:
    return f"<html><body>{report.figure_html(fig, 'Prøve', 'SSB, tabell 11713')}</body></html>"


def _kinds(fig) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in chart_labels.chart_faults(_page(fig)):
        out.setdefault(f.kind, []).append(f.detail)
    plt.close(fig)
    return out


def test_a_chart_that_holds_has_no_faults():
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(["Kjemiske råvarer", "Metaller", "Treforedling"], [3, 2, 1])
    ax.set_title("Sysselsatte")
    ax.set_xlabel("Tusen personer")
    assert _kinds(fig) == {}


def test_long_labels_printed_over_each_other_are_found():
    fig, ax = plt.subplots(figsize=(3, 2))
    names = ["Produksjon av kjemiske råvarer", "Produksjon av metaller og legeringer",
             "Treforedling og papirvareindustri"]
    ax.bar(names, [3, 2, 1])
    found = _kinds(fig)
    assert "labels overlap" in found
    assert any("Produksjon av metaller" in d for d in found["labels overlap"])


def test_rotated_labels_that_clear_each_other_pass_and_clashing_ones_fail():
    names = [f"Næring nummer {i} med langt navn" for i in range(6)]
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(names, range(6))
    ax.tick_params(axis="x", labelrotation=90)
    assert "labels overlap" not in _kinds(fig)
    fig, ax = plt.subplots(figsize=(2, 3))
    ax.bar(names, range(6))
    ax.tick_params(axis="x", labelrotation=20)
    assert "labels overlap" in _kinds(fig)


def test_a_label_shortened_with_an_ellipsis_is_found():
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.barh(["Farmasøytiske produkt…", "Metaller"], [1, 2])
    assert _kinds(fig).get("label shortened") == ["«Farmasøytiske produkt…»"]


def test_a_label_beyond_the_image_is_found():
    svg = ('<svg width="100pt" height="50pt" viewBox="0 0 100 50">'
           '<text style="font-size: 10px; text-anchor: start" x="80" y="20">Ute av bildet</text>'
           '<text style="font-size: 10px; text-anchor: start" x="2" y="40">Inne</text></svg>')
    faults = chart_labels.svg_faults(svg, "Figur 1. Prøve")
    assert [(f.kind, f.detail) for f in faults] == [("label beyond chart", "«Ute av bildet»")]
