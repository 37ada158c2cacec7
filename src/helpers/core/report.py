"""Show tables, charts and notes in a report with a caption and a "Kilde:" line.

Notebooks call these instead of displaying DataFrames or figures directly, so that every table
and chart in the HTML and PDF carries its caption and sources. The HTML uses a small set of CSS
classes that the report stylesheet styles (``figure.table``, ``figure.chart``, ``figcaption``,
``p.kilde``, ``div.callout``).

In JupyterLab an executed notebook opened from disk is untrusted: its HTML outputs pass a
sanitizer that drops ``<svg>`` and ``<style>`` but keeps ``<img>`` (any ``src``, data URIs
included) and inline ``style`` attributes. So what a notebook displays is made for that: a chart
is shown as ``<img src="data:image/svg+xml;base64,…">`` inside its figure, with the SVG itself
beside it in the output (``image/svg+xml``); notes and the findings box carry inline styles.
The export (``helpers.pipeline.export_html.prepare_outputs``) puts the inline SVG back and
drops the inline styles, so the HTML and PDF are made from ``figure_html``/``callout_html``
exactly.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from helpers.core import data
from helpers.core.formatting import exact_decimals, fmt_number

#: Tables with at most this many rows are not split across pages in print, unless their
#: wrapped text makes them taller than ``KEEP_TOGETHER_LINES`` printed lines.
KEEP_TOGETHER_ROWS = 18
#: A kept-together table at most this many printed lines (about a third of an A4 page at 8 pt),
#: so one that must move to the next page never leaves the page before nearly empty.
KEEP_TOGETHER_LINES = 24
#: Characters a printed A4 table line holds across all its columns (8 pt type).
_LINE_CHARS = 120


def _printed_lines(df: pd.DataFrame) -> int:
    """Estimated printed lines of a table: per row, its tallest cell when wrapped in a column
    of the page width shared equally (header included)."""
    import math

    width = max(8, _LINE_CHARS // max(1, len(df.columns)))
    # str() per cell: with pandas' string dtype, astype(str) keeps missing values as NaN
    rows = [[str(c) for c in df.columns], *df.values.tolist()]
    return sum(max((math.ceil(len(str(cell)) / width) for cell in row), default=1) or 1
               for row in rows)
_CALLOUT_TITLES = {
    "note": "Merk",
    "warning": "Advarsel",
    "reconstruction": "Rekonstruksjon",
    "missing": "Data mangler",
}
CALLOUT_KINDS = tuple(_CALLOUT_TITLES)

# Figures and tables are numbered in the order a report shows them (one kernel = one report).
_KINDS = {"table": "Tabell", "figure": "Figur"}
_counters: dict[str, int] = dict.fromkeys(_KINDS, 0)
_labels: dict[str, str] = {}


class UnknownReference(KeyError):
    """A cross-reference to a figure or table label that has not been shown (yet)."""


def reset_numbering() -> None:
    """Start figure and table numbers from 1 again (a new report in the same process)."""
    for kind in _counters:
        _counters[kind] = 0
    _labels.clear()


def _numbered(kind: str, caption: str, label: str | None) -> str:
    """``Figur 3. caption``; remembers ``label`` so that text can refer to it with ``ref``."""
    _counters[kind] += 1
    name = f"{_KINDS[kind]} {_counters[kind]}"
    if label:
        if label in _labels:
            raise ValueError(f"label {label!r} is already used by {_labels[label]}")
        _labels[label] = name
    return f"{name}. {caption}"


def ref(label: str) -> str:
    """``figur 3`` / ``tabell 5`` for a figure or table already shown with that ``label``."""
    if label not in _labels:
        known = ", ".join(_labels) or "none yet"
        raise UnknownReference(f"no figure or table labelled {label!r} has been shown; "
                              f"known labels: {known}")
    return _labels[label][0].lower() + _labels[label][1:]


@dataclass(frozen=True)
class Finding:
    """One main finding: a sentence with its number, and the section it comes from."""

    text: str
    anchor: str  # the id of the section heading (``<a id="..."></a>`` in its markdown cell)
    section: str  # the section's title, shown in the link


def key_findings_html(findings: Sequence[Finding]) -> str:
    """The "Hovedfunn" box that opens a report: each finding links to its section."""
    if not findings:
        raise ValueError("a report needs at least one finding for its Hovedfunn")
    # the text in its own span: WeasyPrint otherwise breaks a line that fits after its first
    # word when the link that follows does not fit ("Eksport / av industrivarer: …")
    items = "".join(
        f'<li><span class="finding">{html.escape(f.text)}</span> '
        f'<a class="see" href="#{html.escape(f.anchor)}">'
        f"(se {html.escape(f.section)})</a></li>"
        for f in findings
    )
    return (f'<section class="findings" id="hovedfunn"><h2>Hovedfunn</h2>'
            f"<ul>{items}</ul></section>")


def key_findings(findings: Sequence[Finding]) -> None:
    """Display the report's main findings (four to six, computed from its own results)."""
    _display_html(_with_inline_style(key_findings_html(findings), {
        "findings": "border: 1px solid #1f4e79; border-left: 6px solid #1f4e79; "
                    "padding: 0.4em 1em; margin: 0.8em 0 1.4em",
    }))


def _source_line(sources: str | Sequence[str] | None, extra: Iterable[str] = ()) -> str:
    """A "Kilde:" line from dataset names (a str that is not a dataset is used as written)."""
    if sources is None:
        return ""
    names = [sources] if isinstance(sources, str) else list(sources)
    known = set(data.catalogue()) | set(data.loaded())  # loaded: published statistics too
    datasets = [n for n in names if n in known]
    free = [_declared_citation(n) for n in names if n not in known] + list(extra)
    if datasets:
        return data.kilde(datasets, extra=free)
    return "Kilde: " + "; ".join(dict.fromkeys(free)) + "."


def _declared_citation(name: str) -> str:
    """A source that is neither in ``data/`` nor loaded: a dataset the external catalogue
    declares (a published table whose copy is missing here) is cited as the catalogue cites it,
    never by its id; anything else is text, used as written."""
    from helpers.sources import external

    try:
        return external.citation(name)
    except Exception:  # not a declared dataset (or no catalogue): the text itself
        return name


def _display_html(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def table_html(
    df: pd.DataFrame,
    caption: str,
    sources: str | Sequence[str] | None,
    *,
    note: str | None = None,
    index: bool = False,
    formats: dict[str, Any] | None = None,
    extra_sources: Iterable[str] = (),
    hyphenate: bool = False,
    label: str | None = None,
) -> str:
    """HTML for a numbered, captioned table ("Tabell N. caption"). ``formats`` maps column →
    format function or decimals; ``label`` lets text refer to it with ``ref(label)``.

    Cells wrap at spaces, never with an automatic hyphen (names stay whole); ``hyphenate``
    only adds a class, kept for callers.
    """
    import pandas as pd  # imported on use: the build's parent loads this module without it

    shown = df.copy()
    formats = dict(formats or {})
    # a float column without a format is still printed the Norwegian way (decimal comma),
    # with the decimals its values need (at most 3)
    for col in dict.fromkeys(shown.columns):
        column = shown[col]
        if (col not in formats and isinstance(column, pd.Series)
                and pd.api.types.is_float_dtype(column)):
            values = column.dropna()
            formats[col] = max((exact_decimals(float(v)) for v in values), default=0)
    for col, fmt in formats.items():
        if col in shown.columns:
            func = fmt if callable(fmt) else (lambda v, d=fmt: fmt_number(v, d))
            shown[col] = shown[col].map(func)
    classes = "data hyphenate" if hyphenate else "data"
    body = shown.to_html(index=index, border=0, classes=classes, na_rep="–", escape=True)
    # A short table is kept on one page in print, so its caption and header never stand alone;
    # a taller one splits between rows, its header repeated on each page.
    short = len(shown) <= KEEP_TOGETHER_ROWS and _printed_lines(shown) <= KEEP_TOGETHER_LINES
    css = "table keep" if short else "table"
    caption = _numbered("table", caption, label)
    head = f'<figure class="{css}"><figcaption>{html.escape(caption)}</figcaption>'
    return "\n".join([head, body, *_footer(note, _source_line(sources, extra_sources))])


def table(df: pd.DataFrame, caption: str, sources: str | Sequence[str] | None, **kw: Any) -> None:
    """Display a captioned table with its "Kilde:" line (see ``table_html``)."""
    _display_html(table_html(df, caption, sources, **kw))


def figure_html(
    fig: Any,
    caption: str,
    sources: str | Sequence[str] | None,
    *,
    note: str | None = None,
    extra_sources: Iterable[str] = (),
    label: str | None = None,
) -> str:
    """HTML for a numbered, captioned matplotlib figure ("Figur N. caption"), embedded as SVG
    (sharp in print); ``label`` lets text refer to it with ``ref(label)``."""
    import matplotlib

    buf = io.StringIO()
    # real text, not glyph outlines: smaller SVG, HTML and PDF, and faster PDF writing
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        # no creation date: an unchanged chart gives the same bytes in every build
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buf.getvalue()
    svg = _scoped_style(svg[svg.find("<svg") :])  # the XML prolog and doctype dropped
    caption = _numbered("figure", caption, label)
    parts = [f'<figure class="chart">{svg}', f"<figcaption>{html.escape(caption)}</figcaption>"]
    return "\n".join([*parts, *_footer(note, _source_line(sources, extra_sources))])


#: matplotlib's stylesheet in every SVG: one universal rule (``*{...}``).
_UNIVERSAL_STYLE = re.compile(
    r'\s*<defs>\s*<style type="text/css">\*\{(?P<rules>[^{}<]*)\}</style>\s*</defs>')
_DECLARATION = re.compile(r"\s*([a-z-]+)\s*:\s*([^;]+?)\s*(?:;|$)")


def _scoped_style(svg: str) -> str:
    """``svg`` with matplotlib's universal style rule moved onto the root element as
    presentation attributes, which its children inherit. In an HTML page a ``<style>`` in an
    inline SVG applies to the whole page: each chart's ``*`` rule was matched against every
    element of the report, about a seventh of the PDF's layout time. Same drawing."""
    found = _UNIVERSAL_STYLE.search(svg)
    if not found:
        return svg
    pairs = _DECLARATION.findall(found["rules"])
    if not pairs:
        return svg
    attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in pairs)
    svg = svg[: found.start()] + svg[found.end():]
    return svg.replace("<svg", "<svg" + attrs, 1)


def _footer(note: str | None, kilde: str) -> list[str]:
    """The note and "Kilde:" line under a table or chart, and the closing tag."""
    parts = []
    if note:
        parts.append(f'<p class="table-note">{html.escape(note)}</p>')
    if kilde:
        parts.append(f'<p class="kilde">{html.escape(kilde)}</p>')
    parts.append("</figure>")
    return parts


#: The chart image a notebook displays in place of the inline SVG (see the module docstring).
CHART_IMAGE_CLASS = "chart-image"
_SVG_ELEMENT = re.compile(r"<svg\b.*</svg>", re.S)


def figure_bundle(figure_markup: str) -> dict[str, str]:
    """The display bundle for a chart made by ``figure_html``: ``text/html`` with the SVG as
    an ``<img>`` data URI (shown by JupyterLab even in an untrusted notebook) and the SVG
    itself as ``image/svg+xml`` (from which the export restores the inline SVG)."""
    found = _SVG_ELEMENT.search(figure_markup)
    if not found:
        raise ValueError("figure_bundle: the figure markup holds no <svg> element")
    svg = found.group(0)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    img = (f'<img class="{CHART_IMAGE_CLASS}" src="{uri}" alt="" '
           'style="max-width: 100%; height: auto">')
    return {"text/html": figure_markup[: found.start()] + img + figure_markup[found.end():],
            "image/svg+xml": svg}


def figure(fig: Any, caption: str, sources: str | Sequence[str] | None, **kw: Any) -> None:
    """Display a captioned chart with its "Kilde:" line and close the figure."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(figure_bundle(figure_html(fig, caption, sources, **kw)), raw=True)
    plt.close(fig)


#: Inline styles for what a notebook displays in JupyterLab (no stylesheet there); the
#: export drops them (``strip_notebook_styles``) and the report stylesheet styles the page.
_CALLOUT_COLOURS = {
    "note": ("#e8f1fa", "#1f4e79"),
    "warning": ("#fdf1dc", "#c77c02"),
    "reconstruction": ("#eeeaf7", "#5b3f9e"),
    "missing": ("#f6e3e3", "#aa3333"),
}
_STYLED = re.compile(r'(<[a-z0-9]+ class="(?:callout|findings)[^"]*") style="[^"]*"')


def strip_notebook_styles(markup: str) -> str:
    """The markup without the inline styles added for JupyterLab (callouts, findings)."""
    return _STYLED.sub(r"\1", markup)


def _with_inline_style(markup: str, styles: dict[str, str]) -> str:
    """Add ``style`` to the first tag with each class in ``styles``."""
    for klass, style in styles.items():
        markup = markup.replace(f'class="{klass}"', f'class="{klass}" style="{style}"', 1)
    return markup


def callout_html(text: str, kind: str = "note", title: str | None = None) -> str:
    if kind not in CALLOUT_KINDS:
        raise ValueError(f"callout kind {kind!r} is not one of {CALLOUT_KINDS}")
    head = html.escape(title or _CALLOUT_TITLES[kind])
    return (
        f'<div class="callout {kind}"><p class="callout-title">{head}</p>'
        f"<p>{html.escape(text)}</p></div>"
    )


def callout(text: str, kind: str = "note", title: str | None = None) -> None:
    """A boxed note: ``note``, ``warning``, ``reconstruction`` (label a reconstruction) or
    ``missing`` (say which data are absent)."""
    background, border = _CALLOUT_COLOURS[kind] if kind in _CALLOUT_COLOURS else ("", "")
    _display_html(_with_inline_style(callout_html(text, kind, title), {
        f"callout {kind}": (f"padding: 0.6em 0.9em; margin: 1em 0; background: {background}; "
                            f"border-left: 4px solid {border}"),
        "callout-title": "font-weight: bold; margin: 0.2em 0",
    }))


def md(text: str) -> None:
    """Display Markdown text computed in a cell (e.g. a sentence with computed numbers)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
