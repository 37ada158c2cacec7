"""Show tables, charts and notes in a report with a caption and a "Kilde:" line.

Notebooks call these instead of displaying DataFrames or figures directly, so that every table
and chart in the HTML and PDF carries its caption and sources. The HTML uses a small set of CSS
classes that the report stylesheet styles (``figure.table``, ``figure.chart``, ``figcaption``,
``p.kilde``, ``div.callout``).
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers import data

#: Tables with at most this many rows are not split across pages in print.
KEEP_TOGETHER_ROWS = 18
_CALLOUT_TITLES = {
    "note": "Merk",
    "warning": "Advarsel",
    "reconstruction": "Rekonstruksjon",
    "missing": "Data mangler",
}
CALLOUT_KINDS = tuple(_CALLOUT_TITLES)


def fmt_number(x: Any, decimals: int = 0, *, percent: bool = False, signed: bool = False) -> str:
    """Format a number the Norwegian way: thin space for thousands, decimal comma.

    NaN and None show as "–"; ``percent`` multiplies a share by 100 and adds " %".
    """
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return "–"
    v = float(x) * (100 if percent else 1)
    text = f"{v:{'+' if signed else ''},.{decimals}f}"
    text = text.replace(",", "\u202f").replace(".", ",").replace("-", "\u2212")
    return text + (" %" if percent else "")


def _source_line(sources: str | Sequence[str] | None, extra: Iterable[str] = ()) -> str:
    """A "Kilde:" line from dataset names (a str that is not a dataset is used as written)."""
    if sources is None:
        return ""
    names = [sources] if isinstance(sources, str) else list(sources)
    known = data.catalogue()
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
) -> str:
    """HTML for a captioned table. ``formats`` maps column → format function or decimals.

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
) -> str:
    """HTML for a captioned matplotlib figure, embedded as SVG (sharp in print)."""
    import matplotlib

    buf = io.StringIO()
    # real text, not glyph outlines: smaller SVG, HTML and PDF, and faster PDF writing
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    svg = svg[svg.find("<svg") :]  # drop the XML prolog and doctype
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
