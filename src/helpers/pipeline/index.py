"""``reports/index.html``: every configured report with its status, time and links.

For readers: each notebook's one-line description (``description`` in ``reports.yaml``), the
report to start with (top-level ``start``), each report's parameters with their Norwegian
labels and its page count (``pdf_pages`` in its provenance).

Rewritten after every build from this build's results plus what is on disk for reports that
were not selected (their ``provenance.json`` and ``failed/failure.json``).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from helpers.core.formatting import date_time_nb
from helpers.pipeline import provenance as prov
from helpers.pipeline.config import Collection
from helpers.pipeline.export_html import CSS_PATH, format_seconds, reader_parameters
from helpers.pipeline.job import FAILED_DIR, FAILURE_FILE, Result
from helpers.pipeline.paths import atomic_write, inside
from helpers.pipeline.progress import short_error

INDEX_NAME = "index.html"
_LINK_LABELS = {"html": "HTML", "pdf": "PDF", "ipynb": "notatbok"}  # in this order


def _failure(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out_dir / FAILED_DIR / FAILURE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _status(result: Result | None, record: dict | None, failure: dict | None,
            pending: bool) -> tuple[str, str]:
    """(css class, text) for the status column."""
    kept = "; forrige rapport beholdt" if record is not None else ""
    if result is not None and result.status == "failed":
        return "failed", f"feilet: {short_error(result.error)}{kept}"
    if result is not None:
        if result.status == "built":
            return "built", "bygget"
        return "fresh", "ajour (uendret siden forrige bygging)"
    if pending:
        return "failed", f"avbrutt før den ble ferdig{kept}"
    if failure is not None:
        return "failed", f"feilet sist: {short_error(failure.get('error', ''))}{kept}"
    if record is not None:
        return "old", "ikke valgt i denne byggingen (tidligere rapport)"
    return "missing", "ikke bygget"


def rows(out_root: Path, collection: Collection, results: Iterable[Result],
         pending: Iterable[tuple[str, str]] = ()) -> list[dict]:
    """One row per configured report; ``pending`` = selected but not finished (interrupted)."""
    by_key = {(r.notebook, r.set_name): r for r in results}
    unfinished = set(pending) - set(by_key)
    out = []
    for nb in collection.notebooks.values():
        for set_name, overrides in nb.sets.items():
            out_dir = inside(out_root, nb.name, set_name)
            record = prov.load(out_dir)
            failure = _failure(out_dir)
            result = by_key.get((nb.name, set_name))
            css, text = _status(result, record, failure, (nb.name, set_name) in unfinished)
            links = {}
            files = (record or {}).get("files") or {}
            for fmt in _LINK_LABELS:  # reader formats first
                if fmt in files and (out_dir / files[fmt]).is_file():
                    links[fmt] = os.path.relpath(out_dir / files[fmt], out_root)
            if failure and failure.get("partial_notebook"):
                links["failed"] = os.path.relpath(failure["partial_notebook"], out_root)
            out.append({
                "notebook": nb.name, "set": set_name,
                "title": nb.title_for({**nb.declaration.defaults(), **overrides}),
                "description": nb.description,
                "start": collection.start == (nb.name, set_name),
                "parameters": reader_parameters(nb.declaration.specs, overrides),
                "pages": (record or {}).get("pdf_pages"), "css": css, "status": text,
                "started": (record or {}).get("started", ""),
                "seconds": (record or {}).get("duration_seconds"),
                "links": links,
            })
    return out


def _when(row: dict) -> str:
    if not row["started"]:
        return ""
    when = html.escape(date_time_nb(row["started"]))
    if row["seconds"] is None:
        return when
    return f"{when}<br>{format_seconds(row['seconds'])}"


def _summary(rows_: list[dict]) -> str:
    labels = {"built": "bygget", "fresh": "ajour", "failed": "feilet eller avbrutt",
              "old": "ikke valgt", "missing": "ikke bygget"}
    counts = {css: sum(r["css"] == css for r in rows_) for css in labels}
    return ", ".join(f"{n} {labels[css]}" for css, n in counts.items() if n)


def _pages(n: int | None) -> str:
    if not n:
        return ""
    return f"{n} side" if n == 1 else f"{n} sider"


def _start_note(rows_: list[dict]) -> str:
    start = next((r for r in rows_ if r["start"]), None)
    if start is None:
        return ""
    params = "; ".join(f"{k.lower()} {v}" for k, v in start["parameters"])
    which = f"«{start['title']}»" + (f" ({params})" if params else "")
    return (f'<p class="start">Ny her? Begynn med {html.escape(which)}, merket '
            "«begynn her» i tabellen.</p>")


def render(rows_: list[dict], built_at: str) -> str:
    e = html.escape
    body = []
    notebook = None
    for r in rows_:
        if r["notebook"] != notebook:
            notebook = r["notebook"]
            desc = (f'<br><span class="description">{e(r["description"])}</span>'
                    if r.get("description") else "")
            body.append(f'<tr class="group"><th colspan="6">{e(r["title"])}{desc}</th></tr>')
        params = "; ".join(f"{k}: {v}" for k, v in r["parameters"])
        links = " ".join(
            f'<a href="{e(href)}">{e(_LINK_LABELS.get(fmt, "delvis kjørt notatbok"))}</a>'
            for fmt, href in r["links"].items()
        )
        start = ' <strong class="start">begynn her</strong>' if r.get("start") else ""
        body.append(
            f'<tr class="{r["css"]}"><td>{e(r["set"])}{start}</td>'
            f'<td>{e(params) or "standardverdier"}</td>'
            f'<td class="status">{e(r["status"])}</td><td class="when">{_when(r)}</td>'
            f'<td class="pages">{_pages(r.get("pages"))}</td>'
            f'<td class="links">{links}</td></tr>'
        )
    css = CSS_PATH.read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Industrirapporter</title>
<style>{css}
table.index td {{ text-align: left; }}
table.index tr.group th {{ text-align: left; padding-top: 1.1rem; color: var(--accent);
  border-bottom: 1px solid var(--rule); font-size: 1.05em; }}
table.index tr.group th .description {{ color: var(--muted); font-weight: normal;
  font-size: 0.9em; }}
table.index td.pages {{ white-space: nowrap; }}
strong.start {{ color: #2b6b2b; white-space: nowrap; }}
table.index td.when, table.index td.links {{ white-space: nowrap; }}
tr.failed td.status {{ color: #a33; font-weight: bold; overflow-wrap: anywhere; }}
tr.built td.status, tr.fresh td.status {{ color: #2b6b2b; }}
tr.old td.status, tr.missing td.status {{ color: var(--muted); }}
</style></head>
<body class="report">
<h1 class="report-title">Industrirapporter</h1>
<p>Oversikt over alle rapporter i samlingen. Sist oppdatert {e(built_at)}:
{e(_summary(rows_))}.</p>
{_start_note(rows_)}
<table class="data index">
<thead><tr><th>Utgave</th><th>Valg</th><th>Status</th><th>Bygget</th><th>Sider</th><th>Filer</th>
</tr>
</thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""


def write_index(out_root: Path, collection: Collection, results: Iterable[Result],
                pending: Iterable[tuple[str, str]] = ()) -> Path:
    """Rewrite ``index.html``; ``pending`` are reports selected but not finished."""
    target = out_root / INDEX_NAME
    page = render(rows(out_root, collection, results, pending),
                  date_time_nb(datetime.now()))
    atomic_write(target, page)
    return target
