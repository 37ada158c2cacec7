"""The document's own figures: its stated figures, one value by id, and a figure as printed
with its unit in Norwegian."""

from __future__ import annotations

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import unit_nb

from .common import DOCUMENT


def stated_figures() -> pd.DataFrame:
    """Every stated figure of document 002, with its first line as an integer."""
    frame = data.load("stated_figures")
    frame = frame[frame["document"] == DOCUMENT].copy()
    frame["line"] = frame["lines"].str.split("-").str[0].astype(int)
    return frame.reset_index(drop=True)


def stated_value(figure_id: str) -> float:
    return checks.stated(figure_id).value


#: Units that only make sense beside the range they came with ("NOK bn each").
_EACH = " each"


def shown(figure_id: str) -> str:
    """A stated figure as printed, with its unit in Norwegian ("213 000 personer")."""
    fig = checks.stated(figure_id)
    unit = unit_nb(fig.unit.removesuffix(_EACH))
    return f"{fig.printed} {unit}".strip()
