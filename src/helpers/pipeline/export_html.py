"""Executed notebook → one self-contained HTML page for readers (no scripts, no CDN).

Code cells are hidden unless ``show_code``; prompts never show. The page carries a title block
(title, date, the parameters with their Norwegian labels and values from the declaration), a
table of contents built from the headings, an appendix listing the data sources for readers
(publisher, table, published, retrieved: once), and the technical provenance (file hashes,
package versions, build key) in a collapsed ``<details>`` section that print never shows. The
same HTML feeds the PDF export.

What the notebook displayed for JupyterLab (charts as ``<img>`` data URIs, inline styles; see
``helpers.core.report``) is turned back into the page's form by ``prepare_outputs``.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.core.formatting import date_nb
from helpers.core.report import CHART_IMAGE_CLASS, strip_notebook_styles
from helpers.pipeline.numeric import mark_numeric_cells

if TYPE_CHECKING:  # the index page imports this module in the build's own process
    import nbformat

TEMPLATE_NAME = "industrirapport"
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "report.css"
TOC_MARKER = "<!--industrirapporter:toc-->"
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
    """``2026-11-23T01:56:05+00:00`` → ``23. november 2026`` (``formatting.date_nb``)."""
    return date_nb(iso)


def reader_parameters(
    specs: dict[str, Any] | None, params: dict[str, Any]
) -> list[tuple[str, str]]:
    """(label, value) for the title page: each parameter's Norwegian ``label`` and its value's
    entry in ``value_labels`` from the declaration (``ParamSpec``); a parameter without a label
    gets its name with spaces, a value without a label its reader form (``format_value``)."""
    out = []
    for name, value in params.items():
        spec = (specs or {}).get(name)
        label = spec.reader_label() if spec is not None else name.replace("_", " ")
        labels = dict(spec.value_labels) if spec is not None else {}
        if isinstance(value, list):
            shown = ", ".join(str(labels.get(v, format_value(v))) for v in value)
            shown = shown or (spec.empty_text() if spec is not None else "ingen")
        elif spec is not None and spec.value_text and value is not None:
            shown = spec.reader_value(value)  # e.g. a file's description, never its path
        elif _hashable(value) and value in labels:
            shown = str(labels[value])
        else:
            shown = format_value(value)
        out.append((label[:1].upper() + label[1:], shown))
    return out


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


#: Publishers' names as readers know them (the project's own mappings are "egen bearbeiding").
_OWN_PUBLISHERS = {"industrirapporter"}
_TABLE_ID = re.compile(r"^(?:KLASS\s*)?\d{3,6}$")
NOT_STATED = "ikke oppgitt"


def reader_sources(sources: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The appendix for readers: one row per source (its citation), each once, with publisher,
    statistics table, when published and when retrieved, from the datasets' descriptors and,
    for published statistics, from the copy read (``provenance.dataset_sources``); a date a
    statistic's copy does not record says "ikke oppgitt". Dataset ids, file names and hashes
    stay in the technical provenance."""
    rows: dict[str, dict[str, str]] = {}
    statistics: set[str] = set()
    for src in sources:
        citation = str(src.get("citation") or "").strip()
        if not citation:
            continue
        row = rows.setdefault(citation, {"kilde": citation, "utgiver": "", "tabell": "",
                                         "publisert": "", "hentet": ""})
        publishers = [p for p in src.get("publishers", []) or [src.get("publisher", "")] if p]
        shown = ["egen bearbeiding" if p in _OWN_PUBLISHERS else p for p in publishers]
        row["utgiver"] = _join_once(row["utgiver"], shown)
        tables = [t for t in src.get("tables", []) or [src.get("table", "")]
                  if t and _TABLE_ID.match(str(t).strip())]
        row["tabell"] = _join_once(row["tabell"], [str(t).strip() for t in tables])
        if src.get("published") and not row["publisert"]:
            row["publisert"] = date_nb(src["published"])
        if src.get("retrieved") and not row["hentet"]:
            row["hentet"] = date_nb(src["retrieved"])
        if src.get("statistics"):
            statistics.add(citation)
    # a published statistic always has these dates: a blank would read as an omission of ours
    for citation in statistics:
        for column in ("publisert", "hentet"):
            rows[citation][column] = rows[citation][column] or NOT_STATED
    return list(rows.values())


def _join_once(existing: str, new: list[str]) -> str:
    items = [x for x in existing.split("; ") if x] if existing else []
    for n in new:
        if n not in items:
            items.append(n)
    return "; ".join(items)


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
    specs: dict[str, Any] | None = None,
) -> str:
    """The report page for an executed notebook. ``specs`` (parameter name → ``ParamSpec``
    from the notebook's declaration) gives the parameters' labels and value labels."""
    nb = prepare_outputs(_strip_papermill_markers(nb))
    report = {
        "title": title,
        "set_name": set_name,
        "params": reader_parameters(specs, params),
        "date": norwegian_date(provenance["started"]),
        "sources": sources,
        # the readers' list of sources, each once (the appendix); ids and hashes stay technical
        "reader_sources": reader_sources(sources),
        "provenance": provenance,
        "css": CSS_PATH.read_text(encoding="utf-8"),
    }
    body, _ = _exporter(show_code).from_notebook_node(nb, resources={"report": report})
    return mark_numeric_cells(add_figure_list(add_toc(findings_first(bind_percent_signs(body)))))


_FINDINGS = re.compile(r'<section class="findings"[^>]*>.*?</section>', re.S)
_TOC_NAV = re.compile(r'<nav\b[^>]*\bclass="toc"')  # nbconvert may reorder the attributes


def findings_first(page: str) -> str:
    """Move the report's main findings (the "Hovedfunn" box) up to the title block, before the
    table of contents, so that the first page says what was found."""
    nav = _TOC_NAV.search(page)
    toc = nav.start() if nav else -1
    found = _FINDINGS.search(page)
    if toc < 0 or found is None or found.start() < toc:
        return page
    box = found.group(0)
    page = page[: found.start()] + page[found.end():]
    return page[:toc] + box + "\n" + page[toc:]


_PERCENT = re.compile(r"(\d) %")


def bind_percent_signs(page: str) -> str:
    """Join "36,6 %" with a no-break space so a line never starts with the percent sign."""
    return _PERCENT.sub("\\1\u00a0%", page)


_CHART_IMAGE = re.compile(r'<img class="' + CHART_IMAGE_CLASS + r'"[^>]*>')


def prepare_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The outputs as the page shows them: a chart displayed for JupyterLab (an ``<img>``
    data URI with the SVG beside it) gets its inline SVG back; the inline styles added for
    JupyterLab go (the stylesheet styles the page)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            markup = data.get("text/html")
            if markup is None:
                continue
            if isinstance(markup, list):
                markup = "".join(markup)
            svg = data.get("image/svg+xml")
            if svg is not None and CHART_IMAGE_CLASS in markup:
                svg = "".join(svg) if isinstance(svg, list) else svg
                markup = _CHART_IMAGE.sub(lambda _m, s=svg: s, markup, count=1)
            data["text/html"] = strip_notebook_styles(markup)
    return nb


def _strip_papermill_markers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop papermill's error banner cells; they belong to the debugging notebook only."""
    import nbformat

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


_CAPTIONED = re.compile(
    r'<figure class="([^"]*)">((?:(?!<figure\b).)*?)<figcaption>((?:Figur|Tabell) \d+)\. '
    r"(.*?)</figcaption>", re.S)


def add_figure_list(page: str) -> str:
    """A list of the numbered figures and tables, linked, after the table of contents (HTML
    only: print leaves it out, the PDF has its bookmarks). Each numbered figure gets an id."""
    start, end = page.find("<main>"), page.rfind("</main>")
    if start < 0 or end < 0:
        return page
    items: list[tuple[str, str, str]] = []

    def visit(m: re.Match[str]) -> str:
        name, caption = m.group(3), m.group(4)
        anchor = name.lower().replace(" ", "-")
        items.append((anchor, name, caption))
        return (f'<figure class="{m.group(1)}" id="{anchor}">{m.group(2)}'
                f"<figcaption>{name}. {caption}</figcaption>")

    main = _CAPTIONED.sub(visit, page[start:end])
    if not items:
        return page
    listing = "".join(f'<li><a href="#{a}">{n}.</a> {c}</li>' for a, n, c in items)
    block = (f'<details class="figure-list print-hidden"><summary>Figurer og tabeller '
             f"({len(items)})</summary><ol>{listing}</ol></details>")
    head = page[:start]
    at = head.find("</nav>")
    head = head[: at + len("</nav>")] + "\n" + block + head[at + len("</nav>"):] if at >= 0 \
        else head
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
