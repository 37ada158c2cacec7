"""The print stylesheet as WeasyPrint lays it out: numbers in table cells never break inside,
wide tables stay within the page (rendered for real, a few seconds)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core.formatting import fmt_number
from helpers.pipeline.export_html import CSS_PATH
from helpers.pipeline.export_pdf import fit_wide_tables
from helpers.pipeline.numeric import mark_numeric_cells

weasyprint = pytest.importorskip("weasyprint")


def page_with(table_html: str) -> str:
    css = CSS_PATH.read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><style>{css}</style>'
            f'</head><body class="report"><main><figure class="table">{table_html}</figure>'
            "</main></body></html>")


def layout(page: str):
    return weasyprint.HTML(string=fit_wide_tables(mark_numeric_cells(page))).render()


def boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from boxes(child)


def numeric_cells(document):
    for page in document.pages:
        for box in boxes(page._page_box):
            klass = box.element.get("class", "") if box.element is not None else ""
            if type(box).__name__ == "TableCellBox" and box.element_tag == "td" \
                    and "num" in klass.split():
                lines = [b for b in boxes(box) if type(b).__name__ == "LineBox"]
                text = "".join(b.text for b in boxes(box) if type(b).__name__ == "TextBox")
                yield text, len(lines)


def outside_the_page(document):
    for page in document.pages:
        pb = page._page_box
        right = pb.content_box_x() + pb.width
        for box in boxes(pb):
            if type(box).__name__ in ("TableBox", "TableCellBox", "TextBox"):
                if box.position_x + box.margin_width() > right + 0.5:
                    yield box


def wide_frame(ncols: int) -> pd.DataFrame:
    """A label column and ``ncols - 1`` columns of seven- and eight-digit numbers."""
    values = {f"kolonne {i}": [fmt_number(12_224_000 + i), fmt_number(224_000 * i, 1),
                               fmt_number(-0.355, 1, percent=True)] for i in range(1, ncols)}
    return pd.DataFrame({"næring": ["12.1 Industri og bergverk TOTAL", "b", "c"], **values})


@pytest.mark.parametrize("ncols", [6, 12])
def test_numbers_in_table_cells_never_break_and_tables_fit_the_page(ncols):
    df = wide_frame(ncols)
    document = layout(page_with(df.to_html(index=False, classes="data", border=0)))
    cells = list(numeric_cells(document))
    assert len(cells) == 3 * (ncols - 1)
    broken = [text for text, lines in cells if lines != 1]
    assert not broken, f"numbers split over lines: {broken}"
    assert "12\u202f224\u202f001" in {text for text, _ in cells}
    assert not list(outside_the_page(document))


def test_text_cells_still_wrap_at_spaces():
    df = pd.DataFrame({"tekst": ["ord " * 60], "tall": [fmt_number(224_000)]})
    document = layout(page_with(df.to_html(index=False, classes="data", border=0)))
    text_lines = [
        box for page in document.pages for box in boxes(page._page_box)
        if type(box).__name__ == "LineBox" and "ord" in "".join(
            b.text for b in boxes(box) if type(b).__name__ == "TextBox")
    ]
    assert len(text_lines) > 1
    assert [lines for _, lines in numeric_cells(document)] == [1]
