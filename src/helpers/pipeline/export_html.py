"""Executed notebook → one self-contained HTML page for readers (no scripts, no CDN).

Code cells are hidden unless ``show_code``; prompts never show. The page carries a title block
(title, parameters, date, data sources), a table of contents built from the headings, and the
provenance as an appendix. The same HTML feeds the PDF export.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat

from helpers.pipeline.numeric import mark_numeric_cells

TEMPLATE_NAME = "industrirapport"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "report.css"
TOC_MARKER = "<!--industrirapporter:toc-->"
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember")
_HEADING = re.compile(r"<h([23])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_EMPTY_TOC = re.compile(r"<nav\b[^>]*>\s*" + re.escape(TOC_MARKER) + r"\s*</nav>\s*")


@lru_cache(maxsize=4)
def _exporter(show_code: bool) -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def norwegian_date(iso: str) -> str:
    """``2026-11-23T01:56:05+00:00`` → ``23. november 2026``."""
    year, month, day = (int(x) for x in iso[:10].split("-"))
    return f"{day}. {_MONTHS[month - 1]} {year}"


def format_value(value: Any) -> str:
    """A parameter value as a reader sees it (lists joined, None as "ingen")."""
    if value is None:
        return "ingen"
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(tom liste)"
    if isinstance(value, float):
        return repr(value).replace(".", ",")  # 0.55 → 0,55 (decimal comma)
    return str(value)


def format_seconds(seconds: float) -> str:
    """``65.63`` → ``65,6 s``."""
    return f"{seconds:.1f} s".replace(".", ",")


def render_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    set_name: str,
    params: dict[str, Any],
    sources: list[dict[str, str]],
    provenance: dict[str, Any],
    show_code: bool = False,
) -> str:
    """The report page for an executed notebook."""
    nb = _strip_papermill_markers(nb)
    report = {
        "title": title,
        "set_name": set_name,
        "params": [(k, format_value(v)) for k, v in params.items()],
        "date": norwegian_date(provenance["started"]),
        "sources": sources,
        # The title block lists each citation once (readers' language); titles stay in the appendix.
        "citations": list(dict.fromkeys(s["citation"] for s in sources if s.get("citation"))),
        "provenance": provenance,
        "css": CSS_PATH.read_text(encoding="utf-8"),
    }
    body, _ = _exporter(show_code).from_notebook_node(nb, resources={"report": report})
    return mark_numeric_cells(add_toc(bind_percent_signs(body)))


_PERCENT = re.compile(r"(\d) %")


def bind_percent_signs(page: str) -> str:
    """Join "36,6 %" with a no-break space so a line never starts with the percent sign."""
    return _PERCENT.sub("\\1\u00a0%", page)


def _strip_papermill_markers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop papermill's error banner cells; they belong to the debugging notebook only."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells = [c for c in nb.cells
                if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
    return nb


def add_toc(page: str) -> str:
    """Fill the table of contents from the ``h2``/``h3`` headings of the main content.

    Headings without an id get one, so every entry links (and the PDF can print page numbers).
    """
    start = page.find("<main>")
    end = page.rfind("</main>")
    if start < 0 or end < 0 or TOC_MARKER not in page:
        return page
    main = page[start:end]
    entries: list[tuple[int, str, str]] = []
    used: set[str] = set()

    def visit(m: re.Match[str]) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2) or "", m.group(3)
        text = html.unescape(_TAG.sub("", inner)).replace("¶", "").strip()
        found = _ID.search(attrs)
        anchor = found.group(1) if found else ""
        if not anchor or anchor in used:
            anchor = f"seksjon-{len(entries) + 1}"
            attrs = _ID.sub("", attrs) + f' id="{anchor}"'
        used.add(anchor)
        if text:
            entries.append((level, anchor, text))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    main = _HEADING.sub(visit, main)
    if entries:
        toc = _toc_list(entries)
        head = page[:start].replace(TOC_MARKER, toc)
    else:  # no headings: no empty contents box
        head = _EMPTY_TOC.sub("", page[:start]).replace(TOC_MARKER, "")
    return head + main + page[end:]


def _toc_list(entries: list[tuple[int, str, str]]) -> str:
    out = ["<ol>"]
    depth = 2
    open_item = False
    for level, anchor, text in entries:
        if level > depth:
            out.append("<ol>")
            depth = level
            open_item = False
        elif level < depth:
            out.append("</li></ol>")
            depth = level
        if open_item:
            out.append("</li>")
        out.append(f'<li><a href="#{html.escape(anchor)}">{html.escape(text)}</a>')
        open_item = True
    out.append("</li>")
    while depth > 2:
        out.append("</ol></li>")
        depth -= 1
    out.append("</ol>")
    return "".join(out)
