"""Report HTML → PDF with WeasyPrint (offline; the print rules are in ``static/report.css``).

A4, "side n av N" in a margin box, the report title as running head, figures kept whole,
bookmarks from the headings (WeasyPrint's default for h1–h6). A page cannot scroll, so wide
tables are prepared here: very wide ones are split into several tables of fewer columns (the
first, label column repeated in each), the rest marked ``wide`` so the print stylesheet fits
them to the page width instead of cutting them at the edge. A heading keeps enough of what
follows: the short paragraphs right under it are marked ``keep-with-next`` (the stylesheet keeps
them with the block after), so a heading never ends a page with a line or two under it
(``prepare_print`` does both).
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from helpers.pipeline.html_tables import CELL_OPEN, ROW, TABLE

#: Tables with more columns than this get the ``wide`` class (smaller type, fixed layout).
WIDE_COLUMNS = 8
#: Tables with more columns than this are split (label column + at most PART_COLUMNS each).
SPLIT_COLUMNS = 12
PART_COLUMNS = 9
_CELLS = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
_SECTION = re.compile(r"<(thead|tbody|tfoot)\b[^>]*>(.*?)</\1>", re.S)
_COLSPAN = re.compile(r'colspan="?(\d+)')
_CLASS = re.compile(r'class="([^"]*)"')

#: Lines of text a heading keeps under it on its page (the stylesheet's ``orphans`` does the
#: same inside a long paragraph).
LINES_AFTER_HEADING = 3
#: Characters of a paragraph's text per printed line (10 pt on A4, for the estimate only).
CHARS_PER_LINE = 90
_HEADING = re.compile(r"<(h[2-4])\b[^>]*>.*?</\1>", re.S)
#: The next block after a heading: a paragraph (its attributes and text), or anything else
#: that ends the run of paragraphs (a list, table, figure, callout, another heading).
_NEXT_BLOCK = re.compile(
    r"<p\b(?P<attrs>[^>]*)>(?P<text>.*?)</p>|<(?:ul|ol|table|figure|pre|section|nav|h[1-6])\b"
    r"|<div\b[^>]*class=\"[^\"]*callout", re.S)
_TAG = re.compile(r"<[^>]+>")


def column_count(table_inner: str) -> int:
    """Columns in a table's first row (``colspan`` counted)."""
    row = ROW.search(table_inner)
    if not row:
        return 0
    total = 0
    for _tag, attrs in CELL_OPEN.findall(row["inner"]):
        span = _COLSPAN.search(attrs)
        total += int(span.group(1)) if span else 1
    return total


def _add_class(attrs: str, name: str) -> str:
    if _CLASS.search(attrs):
        return _CLASS.sub(lambda c: f'class="{c.group(1)} {name}"', attrs, count=1)
    return attrs + f' class="{name}"'


def split_table(attrs: str, inner: str, part_columns: int = PART_COLUMNS) -> str | None:
    """The table as several tables of at most ``1 + part_columns`` columns, or None when its
    structure is irregular (row or column spans, rows of unequal length)."""
    if "rowspan" in inner or "colspan" in inner:
        return None
    sections = _SECTION.findall(inner) or [("tbody", inner)]
    parsed = []
    width = None
    for tag, body in sections:
        rows = []
        for row_attrs, row in ROW.findall(body):
            cells = _CELLS.findall(row)
            if width is None:
                width = len(cells)
            if len(cells) != width:
                return None
            rows.append((row_attrs, cells))
        parsed.append((tag, rows))
    if not width or width <= part_columns + 1:
        return None
    rest = width - 1
    parts = -(-rest // part_columns)
    size = -(-rest // parts)  # balanced parts
    out = []
    for start in range(1, width, size):
        cols = [0, *range(start, min(start + size, width))]
        chunks = []
        for tag, rows in parsed:
            html_rows = "".join(
                f"<tr{ra}>" + "".join(f"<{c[0]}{c[1]}>{c[2]}</{c[0]}>"
                                      for c in (cells[i] for i in cols)) + "</tr>"
                for ra, cells in rows
            )
            chunks.append(f"<{tag}>{html_rows}</{tag}>")
        klass = "table-part" if start == 1 else "table-part continued"
        out.append(f"<table{_add_class(attrs, klass)}>{''.join(chunks)}</table>")
    return "\n".join(out)


def fit_wide_tables(page: str, limit: int = WIDE_COLUMNS, split: int = SPLIT_COLUMNS) -> str:
    """Split tables with more than ``split`` columns; mark those with more than ``limit``
    (including the parts of a split table) ``wide``."""

    def visit(m: re.Match[str]) -> str:
        attrs, inner = m["attrs"], m["inner"]
        ncols = column_count(inner)
        if ncols > split:
            parts = split_table(attrs, inner)
            if parts is not None:
                return TABLE.sub(visit, parts)
        if ncols <= limit:
            return m.group(0)
        return f"<table{_add_class(attrs, 'wide')}>{inner}</table>"

    return TABLE.sub(visit, page)


def keep_headings_with_text(page: str, lines: int = LINES_AFTER_HEADING) -> str:
    """Mark the short paragraphs under each h2–h4 ``keep-with-next`` until they hold ``lines``
    lines (estimated from their text): the stylesheet then keeps them with the block after
    them, so the heading and its first lines move to the next page together instead of a
    heading with a line or two standing at a page foot. A long paragraph is left to
    ``orphans``; a table, chart or list ends the run (they have their own rules)."""
    marks: list[int] = []  # where to insert the class: positions of "<p" + 2
    for heading in _HEADING.finditer(page):
        pos, held = heading.end(), 0
        while held < lines:
            block = _NEXT_BLOCK.search(page, pos)
            if block is None or block.group("text") is None:
                break
            text = _TAG.sub("", block.group("text")).strip()
            held_here = max(1, -(-len(text) // CHARS_PER_LINE)) if text else 0
            if held + held_here >= lines:
                break  # this paragraph gives the heading its lines (orphans keeps them)
            if text:
                marks.append(block.start())
            held += held_here
            pos = block.end()
    out, last = [], 0
    for start in sorted(set(marks)):
        tag_end = page.index(">", start)
        attrs = page[start + 2:tag_end]
        out.append(page[last:start])
        out.append(f"<p{_add_class(attrs, 'keep-with-next')}>")
        last = tag_end + 1
    out.append(page[last:])
    return "".join(out)


def prepare_print(page: str) -> str:
    """The report page as the PDF lays it out: wide tables fitted (``fit_wide_tables``),
    headings kept with their first lines (``keep_headings_with_text``)."""
    return keep_headings_with_text(fit_wide_tables(page))


def write_pdf(page: str, target: Path, base_url: Path | None = None,
              timings: dict[str, float] | None = None) -> int:
    """Render ``page`` to ``target``; returns the number of pages. ``timings`` receives the
    seconds of layout (``pdf_layout``) and of drawing and writing (``pdf_write``)."""
    import weasyprint

    # WeasyPrint logs every CSS property it ignores at WARNING; the reader does not care.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    t0 = time.perf_counter()
    document = weasyprint.HTML(
        string=prepare_print(page), base_url=str(base_url) if base_url else None
    ).render()
    t1 = time.perf_counter()
    document.write_pdf(target)
    if timings is not None:
        timings["pdf_layout"] = t1 - t0
        timings["pdf_write"] = time.perf_counter() - t1
    return len(document.pages)
