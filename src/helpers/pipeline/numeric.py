"""Mark the numbers in a report's tables so the stylesheet right-aligns them and never breaks
them across lines.

A body cell whose whole text is one number (as ``fmt_number`` or pandas prints it: ``1 234,5``
with U+202F inside, ``−3``, ``12 %``, a bound ``under 0,01``) or a missing-value symbol
(``–``, ``-``, and SSB's ``.``, ``..``, ``:``) gets class ``num``; the header cell over a
column of such cells gets it too, so the heading sits over the numbers. In a column of text,
the odd number cell is ``num mixed``: aligned with the text, but still never broken.
"""

from __future__ import annotations

import re

from helpers.pipeline.html_tables import CELL_OPEN, ROW, TABLE

#: A number, possibly a bound ("under 0,01": a value too small to print, from ``amount``).
_NUMBER = r"(?:(?:under|over)[\s\u00a0])?[+\-\u2212]?\d[\d\s\u202f\u00a0.,]*(?:\s?%)?"
_PLACEHOLDER = r"[\u2013\-]|\.{1,3}|\u2026|:"
_NUM_CELL = re.compile(
    r"<td((?:\s(?!class=)[^>]*)?)>(?=\s*(?:" + _NUMBER + "|" + _PLACEHOLDER + r")\s*</td>)"
)
_THEAD = re.compile(r"(<thead\b[^>]*>)(.*?)(</thead>)", re.S)
_TBODY = re.compile(r"<tbody\b[^>]*>(.*?)</tbody>", re.S)
_TBODY_BLOCK = re.compile(r"<tbody\b[^>]*>.*?</tbody>", re.S)
_PLAIN_TH = re.compile(r"<th((?:\s(?!class=)[^>]*)?)>")


def mark_numeric_cells(page: str) -> str:
    """Class ``num`` on number cells and on the headings of all-number columns."""
    return TABLE.sub(_mark_table, _NUM_CELL.sub(r'<td class="num"\1>', page))


def _mark_table(m: re.Match[str]) -> str:
    inner = m["inner"]
    if "colspan" in inner or "rowspan" in inner or "<table" in inner:
        return m.group(0)  # columns are not simple to count: leave the headings alone
    columns, mixed = _numeric_columns(inner)
    if mixed:
        inner = _TBODY_BLOCK.sub(lambda b: ROW.sub(
            lambda r: _mark_mixed(r.group(0), mixed), b.group(0)), inner)
    if not columns:
        return m["open"] + inner + m["close"]

    def head(h: re.Match[str]) -> str:
        rows = list(ROW.finditer(h.group(2)))
        if not rows:
            return h.group(0)
        last = rows[-1]  # the row right above the numbers
        row = _mark_headings(last.group(0), columns)
        body = h.group(2)[: last.start()] + row + h.group(2)[last.end():]
        return h.group(1) + body + h.group(3)

    return m["open"] + _THEAD.sub(head, inner, count=1) + m["close"]


def _numeric_columns(inner: str) -> tuple[set[int], set[int]]:
    """Indexes of the columns whose every body cell is ``td.num``, and of those where only
    some are (a year among periods, "43 %" among "260 mrd. kr")."""
    body = _TBODY.search(inner)
    rows = [CELL_OPEN.findall(r["inner"]) for r in ROW.finditer(body.group(1) if body else "")]
    if not rows or len({len(r) for r in rows}) != 1:
        return set(), set()
    numeric, mixed = set(), set()
    for i in range(len(rows[0])):
        flags = [r[i][0] == "td" and 'class="num"' in r[i][1] for r in rows]
        if all(flags):
            numeric.add(i)
        elif any(flags):
            mixed.add(i)
    return numeric, mixed


def _mark_mixed(row: str, columns: set[int]) -> str:
    """``num mixed`` on the number cells of a mostly-text column: aligned left like the text
    beside them, but still never broken."""
    count = 0

    def visit(c: re.Match[str]) -> str:
        nonlocal count
        index, count = count, count + 1
        if index in columns and c.group(0).startswith('<td class="num"'):
            return c.group(0).replace('class="num"', 'class="num mixed"', 1)
        return c.group(0)

    return CELL_OPEN.sub(visit, row)


def _mark_headings(row: str, columns: set[int]) -> str:
    count = 0

    def visit(c: re.Match[str]) -> str:
        nonlocal count
        index, count = count, count + 1
        if c.group(1) == "th" and index in columns:
            plain = _PLAIN_TH.fullmatch(c.group(0))
            if plain:
                return f'<th class="num"{plain.group(1)}>'
        return c.group(0)

    return CELL_OPEN.sub(visit, row)
