"""``reports/index.html``: every configured report with its status, time and links.

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

from helpers.pipeline import provenance as prov
from helpers.pipeline.config import Collection
from helpers.pipeline.execute import FAILED_DIR, FAILURE_FILE, Result
from helpers.pipeline.export_html import CSS_PATH, format_value
from helpers.pipeline.paths import atomic_write, inside

INDEX_NAME = "index.html"
_LINK_LABELS = {"html": "HTML", "pdf": "PDF", "ipynb": "notatbok"}


def _failure(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out_dir / FAILED_DIR / FAILURE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _status(result: Result | None, record: dict | None, failure: dict | None) -> tuple[str, str]:
    """(css class, text) for the status column."""
    if result is not None and result.status == "failed":
        return "failed", f"feilet: {result.error}"
    if result is not None:
        return ("built", "bygget") if result.status == "built" else ("fresh", "oppdatert")
    if failure is not None:
        return "failed", f"feilet sist: {failure.get('error', '')}"
    if record is not None:
        return "old", "ikke bygget nå (tidligere rapport)"
    return "missing", "ikke bygget"


def rows(out_root: Path, collection: Collection, results: Iterable[Result]) -> list[dict]:
    by_key = {(r.notebook, r.set_name): r for r in results}
    out = []
    for nb in collection.notebooks.values():
        for set_name, overrides in nb.sets.items():
            out_dir = inside(out_root, nb.name, set_name)
            record = prov.load(out_dir)
            failure = _failure(out_dir)
            result = by_key.get((nb.name, set_name))
            css, text = _status(result, record, failure)
            links = {}
            for fmt, name in ((record or {}).get("files") or {}).items():
                if (out_dir / name).is_file():
                    links[fmt] = os.path.relpath(out_dir / name, out_root)
            if failure and failure.get("partial_notebook"):
                links["failed"] = os.path.relpath(failure["partial_notebook"], out_root)
            out.append({
                "notebook": nb.name, "title": nb.title, "set": set_name,
                "parameters": overrides, "css": css, "status": text,
                "started": (record or {}).get("started", ""),
                "seconds": (record or {}).get("duration_seconds"),
                "links": links,
            })
    return out


def render(rows_: list[dict], built_at: str) -> str:
    e = html.escape
    body = []
    for r in rows_:
        params = "; ".join(f"{k} = {format_value(v)}" for k, v in r["parameters"].items())
        links = " ".join(
            f'<a href="{e(href)}">{e(_LINK_LABELS.get(fmt, "delvis kjørt notatbok"))}</a>'
            for fmt, href in r["links"].items()
        )
        when = r["started"].replace("T", " ")[:16]
        secs = f" ({r['seconds']:.1f} s)" if r["seconds"] is not None else ""
        body.append(
            f'<tr class="{r["css"]}"><td>{e(r["title"])}<br><code>{e(r["notebook"])}</code></td>'
            f'<td><code>{e(r["set"])}</code></td><td>{e(params) or "standardverdier"}</td>'
            f'<td class="status">{e(r["status"])}</td><td>{e(when)}{e(secs)}</td>'
            f"<td>{links}</td></tr>"
        )
    css = CSS_PATH.read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Industrirapporter</title>
<style>{css}
table.index td {{ text-align: left; }}
tr.failed td.status {{ color: #a33; font-weight: bold; }}
tr.built td.status, tr.fresh td.status {{ color: #2b6b2b; }}
</style></head>
<body class="report">
<h1 class="report-title">Industrirapporter</h1>
<p>Oversikt over alle rapporter i samlingen. Sist oppdatert {e(built_at)}.</p>
<table class="data index">
<thead><tr><th>Rapport</th><th>Sett</th><th>Parametere</th><th>Status</th><th>Bygget</th>
<th>Filer</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</body></html>
"""


def write_index(out_root: Path, collection: Collection, results: Iterable[Result]) -> Path:
    target = out_root / INDEX_NAME
    page = render(rows(out_root, collection, results), f"{datetime.now():%Y-%m-%d %H:%M}")
    atomic_write(target, page)
    return target
