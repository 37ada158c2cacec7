"""Show tables, charts and notes in a report with a caption and a "Kilde:" line.

Notebooks call these instead of displaying DataFrames or figures directly, so that every table
and chart in the HTML and PDF carries its caption and sources. The HTML uses a small set of CSS
classes that the report stylesheet styles (``figure.table``, ``figure.chart``, ``figcaption``,
``p.kilde``, ``div.callout``).
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.core import data
from helpers.core.formatting import fmt_number

#: Tables with at most this many rows are not split across pages in print.
KEEP_TOGETHER_ROWS = 18
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
    items = "".join(
        f'<li>{html.escape(f.text)} <a class="see" href="#{html.escape(f.anchor)}">'
        f"(se {html.escape(f.section)})</a></li>"
        for f in findings
    )
    return (f'<section class="findings" id="hovedfunn"><h2>Hovedfunn</h2>'
            f"<ul>{items}</ul></section>")


def key_findings(findings: Sequence[Finding]) -> None:
    """Display the report's main findings (four to six, computed from its own results)."""
    _display_html(key_findings_html(findings))


def _source_line(sources: str | Sequence[str] | None, extra: Iterable[str] = ()) -> str:
    """A "Kilde:" line from dataset names (a str that is not a dataset is used as written)."""
    if sources is None:
        return ""
    names = [sources] if isinstance(sources, str) else list(sources)
    known = set(data.catalogue()) | set(data.loaded())  # loaded: published statistics too
    datasets = [n for n in names if n in known]
    free = [n for n in names if n not in known] + list(extra)
    if datasets:
        return data.kilde(datasets, extra=free)
    return "Kilde: " + "; ".join(free) + "."


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

    ``hyphenate`` lets long words (company names) break with a hyphen in print; otherwise cells
    wrap only at spaces.
    """
    shown = df.copy()
    for col, fmt in (formats or {}).items():
        if col in shown.columns:
            func = fmt if callable(fmt) else (lambda v, d=fmt: fmt_number(v, d))
            shown[col] = shown[col].map(func)
    classes = "data hyphenate" if hyphenate else "data"
    body = shown.to_html(index=index, border=0, classes=classes, na_rep="–", escape=True)
    # A short table is kept on one page in print, so its caption and header never stand alone.
    css = "table keep" if len(shown) <= KEEP_TOGETHER_ROWS else "table"
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
        fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    svg = svg[svg.find("<svg") :]  # drop the XML prolog and doctype
    caption = _numbered("figure", caption, label)
    parts = [f'<figure class="chart">{svg}', f"<figcaption>{html.escape(caption)}</figcaption>"]
    return "\n".join([*parts, *_footer(note, _source_line(sources, extra_sources))])


def _footer(note: str | None, kilde: str) -> list[str]:
    """The note and "Kilde:" line under a table or chart, and the closing tag."""
    parts = []
    if note:
        parts.append(f'<p class="table-note">{html.escape(note)}</p>')
    if kilde:
        parts.append(f'<p class="kilde">{html.escape(kilde)}</p>')
    parts.append("</figure>")
    return parts


def figure(fig: Any, caption: str, sources: str | Sequence[str] | None, **kw: Any) -> None:
    """Display a captioned chart with its "Kilde:" line and close the figure."""
    import matplotlib.pyplot as plt

    _display_html(figure_html(fig, caption, sources, **kw))
    plt.close(fig)


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
    _display_html(callout_html(text, kind, title))


def md(text: str) -> None:
    """Display Markdown text computed in a cell (e.g. a sentence with computed numbers)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
