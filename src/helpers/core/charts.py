"""Chart axes written the Norwegian way: one matplotlib tick formatter (decimal comma, thin
space for thousands; matplotlib itself prints "2.5" and "1,000")."""

from __future__ import annotations

from typing import Any

from matplotlib.ticker import Formatter

from helpers.core.formatting import exact_decimals, fmt_number


class NorwegianFormatter(Formatter):
    """Tick labels with ``decimals`` fixed, or (None) every tick of an axis with the same number
    of decimals: the fewest that write each tick exactly (at most 3)."""

    def __init__(self, decimals: int | None = None) -> None:
        self.decimals = decimals
        self._shown = decimals or 0

    def format_ticks(self, values):  # type: ignore[override]
        if self.decimals is None:
            self._shown = max((exact_decimals(v) for v in values), default=0)
        return [self(v) for v in values]

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self.decimals is not None:
            return fmt_number(x, self.decimals)
        return fmt_number(x, max(self._shown, 0 if pos is not None else exact_decimals(x)))


def number_formatter(decimals: int | None = None) -> NorwegianFormatter:
    """The tick formatter for one axis (see ``NorwegianFormatter``)."""
    return NorwegianFormatter(decimals)


def norwegian_axes(ax: Any, *which: str, decimals: int | None = None) -> None:
    """``number_formatter(decimals)`` on the named axes ("x", "y"; both when none named)."""
    for name in which or ("x", "y"):
        getattr(ax, f"{name}axis").set_major_formatter(number_formatter(decimals))
