"""The layout check itself (tests/reports/layout.py) on small pages made to fail: a heading at
a page foot, a page left nearly empty by a block kept together, text beyond the page. The
report stylesheet's rules are checked on the same kind of page (headings stay with what
follows, long tables split with their header repeated)."""

from __future__ import annotations

from helpers.pipeline.export_html import CSS_PATH
from tests.reports import layout

CSS = CSS_PATH.read_text(encoding="utf-8")


def page(body: str, css: str = "") -> str:
    return (f"<html><head><style>{CSS}\n{css}</style></head>"
            f'<body class="report"><main>{body}</main></body></html>')


def para(n: int) -> str:
    return "".join(f"<p>Avsnitt {i} med litt tekst som fyller en linje på siden.</p>"
                   for i in range(n))


def kinds(faults: list[layout.Fault]) -> set[str]:
    return {f.kind for f in faults}


def test_a_page_that_holds_has_no_faults():
    assert layout.check_html(page("<h2>Innledning</h2>" + para(30))) == []


def test_heading_at_the_page_foot_is_found():
    # no stylesheet, and breaks after headings allowed: the heading lands at the foot
    html = ("<html><head><style>@page { size: A4; margin: 0 } h2 { break-after: auto; "
            "margin: 0 }</style></head><body style='margin: 0'>"
            '<div style="height: 1060px">Fyll</div><h2>Ny seksjon</h2>'
            '<div style="height: 900px; break-inside: avoid">x</div></body></html>')
    faults = layout.check_html(html)
    assert any(f.kind == "heading ends page" and "Ny seksjon" in f.detail for f in faults), faults


def test_the_stylesheet_keeps_a_heading_with_what_follows():
    # a heading in one notebook cell, a chart kept whole in the next: without the
    # stylesheet's break-after: avoid the heading ends page 1
    body = (para(43) + '<div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedMarkdown">'
            "<h2>Ny seksjon</h2></div></div>"
            '<div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea"><figure class="chart">'
            '<div style="height: 400px">diagram</div><figcaption>Figur 1. Noe</figcaption>'
            "</figure></div></div>" + para(5))
    loose = "h2, h3, h4 { break-after: auto !important }"
    assert "heading ends page" in kinds(layout.check_html(page(body, loose)))
    assert "heading ends page" not in kinds(layout.check_html(page(body)))


def test_nearly_empty_page_before_a_kept_block_is_found():
    html = page(para(3) + '<figure class="chart"><div style="height: 950px">stor</div></figure>'
                + para(3))
    faults = layout.check_html(html)
    assert any(f.kind == "page under a third full" and f.page == 1 for f in faults), faults


def test_text_beyond_the_page_is_found():
    html = page('<p style="white-space: nowrap">' + "ordsomikkekanbrytes" * 20 + "</p>")
    assert "text beyond page" in kinds(layout.check_html(html))


def test_long_table_splits_with_repeated_header_and_no_empty_page():
    rows = "".join(f"<tr><td>Rad {i}</td><td>{i}</td></tr>" for i in range(120))
    table = ('<figure class="table"><figcaption>Tabell 1. Lang</figcaption>'
             '<table class="data"><thead><tr><th>Navn</th><th>Verdi</th></tr></thead>'
             f"<tbody>{rows}</tbody></table></figure>")
    doc = layout.render(page(para(10) + table))
    assert layout.check_document(doc) == []
    assert len(doc.pages) >= 3
    # the header row is repeated on every page the table runs over
    for p in doc.pages[1:]:
        texts = [lf.text for lf in layout.page_leaves(p._page_box)]
        assert "Navn" in texts


LONG_TABLE = ('<figure class="table"><figcaption>Tabell 1. Lang</figcaption>'
              '<table class="data"><thead><tr><th>Navn</th><th>Verdi</th></tr></thead><tbody>'
              + "".join(f"<tr><td>Rad {i}</td><td>{i}</td></tr>" for i in range(60))
              + "</tbody></table></figure>")


def _rows_on_pages(doc) -> list[int]:
    return [sum(1 for lf in layout.page_leaves(p._page_box) if lf.text.startswith("Rad "))
            for p in doc.pages]


def test_a_long_table_starts_with_at_least_three_rows_on_its_page():
    # the table starts ever lower on page 1; it either moves to page 2 whole or keeps three
    # rows above the break (without the stylesheet's row rules one or two rows are left)
    loose = "tbody tr { break-after: auto !important; break-before: auto !important }"
    seen_loose = set()
    for n in range(50, 58):
        body = page(para(n) + LONG_TABLE)
        first = next(r for r in _rows_on_pages(layout.render(body)) if r)
        assert first >= 3, (n, first)
        seen_loose.add(next(r for r in _rows_on_pages(layout.render(page(
            para(n) + LONG_TABLE, loose))) if r))
    assert seen_loose & {1, 2}, seen_loose  # the pages do put one or two rows at the foot


def test_heading_with_too_few_lines_is_found_and_the_stylesheet_keeps_three():
    # a heading, a one-line paragraph (another notebook output) and a long table: the table
    # cannot start on page 1, so the heading and its line stand alone at the page foot
    def body(n: int) -> str:
        out = '<div class="jp-OutputArea">'
        out += "".join(f'<div class="jp-OutputArea-child"><div class="jp-RenderedMarkdown">{x}'
                       "</div></div>" for x in (para(n), "<h3>Ny seksjon</h3>",
                                                "<p>Én linje om tabellen.</p>", LONG_TABLE))
        return out + "</div>"

    loose = "p.keep-with-next { break-after: auto !important }"
    found = [n for n in range(44, 60)
             if "heading with too few lines" in kinds(layout.check_html(page(body(n), loose)))]
    assert found, "the check never found the heading at the foot"
    for n in found:
        assert layout.check_html(page(body(n))) == [], n
