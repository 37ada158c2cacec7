"""The layout check: lay a report page out with WeasyPrint (as the PDF export does) and read
the page boxes for what readers see as broken layout.

Four faults, each reported with its page and the text concerned:

* a heading that ends a page (its section starts on the next page);
* a heading at a page foot with fewer than ``MIN_LINES_AFTER_HEADING`` lines of its section
  under it while the section goes on at the top of the next page;
* a page less than a third full that is not the last (a block kept together left it empty);
* text beyond the page's content area (cut at the page edge or run into the margin).

Page boxes are WeasyPrint internals (``Document.pages[i]._page_box``): the page's content
area (``content_box_x/y``, ``width``, ``height``) and the boxes laid out on it. The margin
boxes (running title, "side n av N") are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A page filled less than this (share of its content height) is a fault unless it is the last.
MIN_FILL = 1 / 3
#: CSS pixels a text box may stand beyond the content area (rounding of the layout).
TOLERANCE = 1.5
#: Lines of its section a heading needs under it on its page when the section goes on over
#: the page (a table row is a line; a chart or image counts as enough).
MIN_LINES_AFTER_HEADING = 3


@dataclass(frozen=True)
class Fault:
    page: int  # 1-based
    kind: str  # "heading ends page", "heading with too few lines", "page under a third full",
    #            "text beyond page"
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class _Leaf:
    text: str
    top: float
    bottom: float
    left: float
    right: float
    in_heading: str  # the heading's tag when the leaf is inside one, else ""
    heading_text: str


def _leaves(box, tags: tuple[str, ...] = ()) -> Iterator[tuple[object, tuple[str, ...]]]:
    """Text and replaced boxes under ``box`` with the element tags of their ancestors."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    tag = getattr(box, "element_tag", "") or ""
    here = (*tags, tag)
    if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
        yield box, here
        return
    for child in getattr(box, "children", ()):
        yield from _leaves(child, here)


def _heading_texts(page_box) -> dict[int, str]:
    """id(heading box) → its text, to name the heading in a fault."""
    from weasyprint.formatting_structure import boxes

    out = {}
    for b in page_box.descendants():
        if getattr(b, "element_tag", "") in HEADINGS and isinstance(b, boxes.BlockBox):
            out[id(b)] = " ".join(
                d.text for d in b.descendants() if isinstance(d, boxes.TextBox)).strip()
    return out


def page_leaves(page_box) -> list[_Leaf]:
    from weasyprint.formatting_structure import boxes

    heading_of: dict[int, str] = {}
    texts = _heading_texts(page_box)

    def walk(box, heading: tuple[str, str]) -> Iterator[_Leaf]:
        if isinstance(box, boxes.MarginBox):
            return
        tag = getattr(box, "element_tag", "") or ""
        if tag in HEADINGS and id(box) in texts:
            heading = (tag, texts[id(box)])
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            text = box.text.strip() if isinstance(box, boxes.TextBox) else f"[{tag or 'bilde'}]"
            if text:
                x, y = box.position_x, box.position_y
                w = box.margin_width() if isinstance(box, boxes.ReplacedBox) else box.width
                h = box.margin_height() if isinstance(box, boxes.ReplacedBox) else box.height
                yield _Leaf(text, y, y + h, x, x + w, heading[0], heading[1])
            return
        for child in getattr(box, "children", ()):
            yield from walk(child, heading)

    del heading_of
    return list(walk(page_box, ("", "")))


def _lines_after_last_heading(leaves: list[_Leaf]) -> tuple[_Leaf, int] | None:
    """The last heading on a page and how many lines stand under it (distinct baselines of
    the text below it; a chart or image counts as ``MIN_LINES_AFTER_HEADING``), or None when
    the page has no heading."""
    headings = [lf for lf in leaves if lf.in_heading]
    if not headings:
        return None
    head = max(headings, key=lambda lf: lf.bottom)
    below = [lf for lf in leaves if not lf.in_heading and lf.top >= head.bottom - TOLERANCE]
    if any(lf.text.startswith("[") for lf in below):
        return head, MIN_LINES_AFTER_HEADING
    return head, len({round(lf.bottom) for lf in below})


def check_document(document) -> list[Fault]:
    """The faults of a rendered WeasyPrint document."""
    faults: list[Fault] = []
    pages = document.pages
    for number, page in enumerate(pages, start=1):
        box = page._page_box
        top, left = box.content_box_y(), box.content_box_x()
        right, bottom = left + box.width, top + box.height
        leaves = page_leaves(box)
        if not leaves:
            if number < len(pages):
                faults.append(Fault(number, "page under a third full", "empty page"))
            continue
        last = max(leaves, key=lambda lf: lf.bottom)
        # the last thing on the page is (part of) a heading: the heading ends the page
        if last.in_heading and number < len(pages):
            faults.append(Fault(number, "heading ends page",
                                f"{last.in_heading} «{last.heading_text[:80]}»"))
        # a heading with only a line or two of its section under it, the rest over the page
        after = _lines_after_last_heading(leaves) if number < len(pages) else None
        if after is not None and not last.in_heading and after[1] < MIN_LINES_AFTER_HEADING:
            following = page_leaves(pages[number]._page_box)
            first = min(following, key=lambda lf: (lf.top, lf.left)) if following else None
            if first is not None and not first.in_heading:
                head = after[0]
                faults.append(Fault(number, "heading with too few lines",
                                    f"{head.in_heading} «{head.heading_text[:80]}» has "
                                    f"{after[1]} line(s) under it"))
        fill = (last.bottom - top) / box.height
        if fill < MIN_FILL and number < len(pages):
            faults.append(Fault(number, "page under a third full",
                                f"{fill:.0%} full, ends with «{last.text[:60]}»"))
        for lf in leaves:
            if lf.text.startswith("["):
                beyond = lf.right > right + TOLERANCE or lf.left < left - TOLERANCE
            else:
                beyond = (lf.right > right + TOLERANCE or lf.left < left - TOLERANCE
                          or lf.bottom > bottom + TOLERANCE)
            if beyond:
                faults.append(Fault(number, "text beyond page",
                                    f"«{lf.text[:60]}» at x {lf.left:.0f}–{lf.right:.0f} "
                                    f"(content area {left:.0f}–{right:.0f})"))
    return faults


def render(page_html: str, base_url: Path | None = None):
    """Lay out a report page exactly as the PDF export does."""
    import logging

    import weasyprint

    from helpers.pipeline.export_pdf import prepare_print

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=prepare_print(page_html),
                           base_url=str(base_url) if base_url else None).render()


def check_html(page_html: str, base_url: Path | None = None) -> list[Fault]:
    """Render a report page and return its layout faults (empty when the layout holds)."""
    return check_document(render(page_html, base_url))
