"""Stated figures: the ``stated_figures`` dataset row by row, with the decimals each figure
was printed with, and the titles of the documents they come from."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from helpers.checks.printed import ChecksError, _dec, _scale, parse_words, printed_precision
from helpers.core import data
from helpers.core.formatting import en_dash

#: The dataset holding every stated figure.
DATASET = "stated_figures"


class UnknownFigure(ChecksError, KeyError):
    """The figure id is not in the stated_figures dataset."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class StatedFigure:
    """One row of ``stated_figures`` plus the number of decimals it was printed with."""

    id: str
    document: str
    lines: str
    printed: str
    value: float
    unit: str
    decimals: int
    measure: str
    kind: str = ""
    period: str = ""
    geography: str = ""
    industry: str = ""
    note: str = ""
    label_nb: str = ""

    @property
    def claim(self) -> str:
        """A short description of what is claimed: measure (period, geography, industry)."""
        ctx = [c for c in (self.period, self.geography, self.industry) if c]
        return f"{self.measure} ({', '.join(ctx)})" if ctx else self.measure

    @property
    def in_words(self) -> bool:
        """The number is printed in words ("fem", "halvparten")."""
        return parse_words(self.printed) is not None

    @property
    def stored_decimals(self) -> int:
        """Decimals of ``value`` as printed, in the stored unit: "2,5" (billions) stored as 2500
        (millions) has 0; a word has its stored value's own decimals."""
        number, decimals = printed_precision(self.printed, self.value)
        shift = _scale(number, _dec(self.value)).adjusted()
        return max(0, decimals - shift)

    @property
    def label(self) -> str:
        """The claim for Norwegian tables: ``label_nb`` with the period when that is made of
        years (other periods are English words), else the English ``claim``."""
        if not self.label_nb:
            return self.claim
        if re.fullmatch(r"\d{4}([-/\u2013]\d{2,4})*", self.period):
            return f"{self.label_nb} ({en_dash(self.period)})"
        return self.label_nb


def _figures() -> pd.DataFrame:
    """The stated figures by id, shared by every lookup while the files are unchanged (a
    report looks up a hundred or more: loading a copy each time cost it about 1 s); each
    lookup still counts as a read of the dataset."""
    frame = data.load_shared(DATASET)
    if _INDEXED[0] is not frame:  # a changed file gives a new shared frame, so a new index
        _INDEXED[:] = [frame, frame.set_index("id", drop=False)]
    return _INDEXED[1]


#: The shared frame last indexed and its index by id.
_INDEXED: list[pd.DataFrame | None] = [None, None]


def stated(figure_id: str) -> StatedFigure:
    """The stated figure with this id (value, printed, unit, decimals, document, lines, measure).

    Raises ``UnknownFigure`` naming the id and the dataset when it is not there.
    """
    frame = _figures()
    if figure_id not in frame.index:
        raise UnknownFigure(
            f"stated figure {figure_id!r} is not in the dataset {DATASET!r} "
            f"({', '.join(str(p) for p in data.data_files(DATASET))})"
        )
    row = frame.loc[figure_id]
    printed = str(row["printed"])
    _, decimals = printed_precision(printed, float(row["value"]))

    def text(col: str) -> str:
        v = row.get(col, "")
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    return StatedFigure(
        id=figure_id,
        document=text("document"),
        lines=text("lines"),
        printed=printed,
        value=float(row["value"]),
        unit=text("unit"),
        decimals=decimals,
        measure=text("measure"),
        kind=text("kind"),
        period=text("period"),
        geography=text("geography"),
        industry=text("industry"),
        note=text("note"),
        label_nb=text("label_nb"),  # optional column: absent in older files
    )


def _document_sources() -> list[dict]:
    """The stated_figures descriptor's sources that are documents (they carry a number)."""
    return [s for s in data.descriptor(DATASET)["sources"] if s.get("document")]


def document_titles() -> dict[str, str]:
    """Document number → title, from the provenance of the stated_figures dataset."""
    return {str(s["document"]): str(s.get("title", "")) for s in _document_sources()}


def document_names() -> dict[str, str]:
    """Document number → the short title readers know the document by ("Status for norsk
    prosessindustri 2024"): the source's ``short_title`` in the stated_figures descriptor, else
    its title without the publisher in parentheses. Reports name documents this way; the
    numbers are the project's own."""
    return {str(s["document"]): str(s.get("short_title") or str(s.get("title", "")).split(" (")[0])
            .strip() for s in _document_sources()}


def document_name(document: str) -> str:
    """The short title of one document (``document_names``); "dokumentet" for one not listed."""
    return document_names().get(str(document), "dokumentet")
