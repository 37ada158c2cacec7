"""What a reader sees in a built report, and the developer text that must not be there.

``FORBIDDEN`` is the list the collection test scans every report's PDF text (pypdf) and
HTML visible text for. The HTML's collapsed technical provenance (``<details
class="… provenance …">``) is for developers and is left out; scripts and styles are not text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

#: (name, pattern): developer text that must not reach readers (issue 17).
FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("command", re.compile(r"python\s+-m|\bpip install|\bmake (?:venv|reports)\b")),
    ("Python file", re.compile(r"\b[\w/.-]+\.py\b")),
    ("path", re.compile(r"/work/|/tmp/|/home/|[A-Za-z]:\\\\|\bdata/|\bnotebooks/|\bsrc/")),
    ("environment variable", re.compile(r"INDUSTRIRAPPORTER_|\$[A-Z_]{3,}")),
    ("snake_case identifier", re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")),
    ("build key", re.compile(r"Byggenøkkel", re.I)),
    ("hash", re.compile(r"sha-?256|\b[0-9a-f]{40,64}\b", re.I)),
    ("English status word", re.compile(r"\b(?:not started|in progress|done|date|none|todo|n/a)\b",
                                       re.I)),
    ("Python value", re.compile(r"\b(?:NaN|nan|True|False|None)\b")),
    ("error text", re.compile(r"Traceback|Error:|Exception\b")),
    ("developer wording", re.compile(r"prosjektets data|finnes ikke i data")),
    # WeasyPrint's automatic hyphenation puts U+2010 at the break ("Olje‐selskap")
    ("hyphenated word", re.compile("\u2010")),
)


@dataclass(frozen=True)
class Hit:
    where: str  # "pdf page 3" / "html"
    pattern: str
    text: str  # the match with some context

    def __str__(self) -> str:
        return f"{self.where}: {self.pattern}: …{self.text}…"


def scan(text: str, where: str) -> list[Hit]:
    hits = []
    for name, pattern in FORBIDDEN:
        for m in pattern.finditer(text):
            start, end = max(0, m.start() - 30), min(len(text), m.end() + 30)
            context = " ".join(text[start:end].split())
            hits.append(Hit(where, name, context))
    return hits


def pdf_pages_text(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


_DROP = re.compile(
    r"<(script|style|head)\b.*?</\1>|<details\b[^>]*\bprovenance\b.*?</details>|<!--.*?-->",
    re.S | re.I,
)
_TAG = re.compile(r"<[^>]+>")


def html_visible_text(page: str) -> str:
    """The text a reader sees in the HTML (chart labels included; the collapsed technical
    provenance, scripts and styles left out)."""
    text = _DROP.sub(" ", page)
    text = _TAG.sub(" ", text)
    return " ".join(html.unescape(text).split())
