"""The parts of a report's HTML tables (as pandas and nbconvert write them), as regular
expressions shared by the print preparation (``export_pdf``) and the number marking
(``numeric``)."""

from __future__ import annotations

import re

#: A whole table: ``open`` tag (with its ``attrs``), ``inner`` markup, ``close`` tag.
TABLE = re.compile(r"(?P<open><table\b(?P<attrs>[^>]*)>)(?P<inner>.*?)(?P<close></table>)", re.S)
#: A row: its ``attrs`` and ``inner`` markup (``findall`` gives ``(attrs, inner)`` pairs).
ROW = re.compile(r"<tr\b(?P<attrs>[^>]*)>(?P<inner>.*?)</tr>", re.S)
#: The opening tag of a cell: ``th`` or ``td`` and its attributes.
CELL_OPEN = re.compile(r"<(t[hd])\b([^>]*)>")
