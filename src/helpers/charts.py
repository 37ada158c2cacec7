"""Small chart utilities shared by the theme modules: Norwegian number format on matplotlib axes
(decimal comma, thin space for thousands; matplotlib prints "2.5" and "1,000")."""

from __future__ import annotations

from typing import Any

from helpers.report import fmt_number


def tick_label(value: float) -> str:
    """A number as on a chart: whole numbers without decimals, others with one ("1", "2,8")."""
    return fmt_number(value, 0 if float(value).is_integer() else 1)


def norwegian_ticks(ax: Any, axis: str = "y") -> None:
    """Tick labels of ``axis`` ("x", "y" or "both") written with ``tick_label``."""
    from matplotlib.ticker import FuncFormatter

    for name in ("x", "y") if axis == "both" else (axis,):
        getattr(ax, f"{name}axis").set_major_formatter(
            FuncFormatter(lambda v, _pos: tick_label(v)))


def fixed_formatter(decimals: int = 1) -> Any:
    """A matplotlib tick formatter with a fixed number of decimals, written the Norwegian way."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: fmt_number(x, decimals))


def number_formatter() -> Any:
    """A matplotlib tick formatter that writes numbers the Norwegian way, every tick of an axis
    with the same number of decimals (the fewest that write each tick exactly, at most 3)."""
    from matplotlib.ticker import Formatter

    class _Norwegian(Formatter):
        decimals = 0

        def format_ticks(self, values):  # type: ignore[override]
            self.decimals = max((_tick_decimals(v) for v in values), default=0)
            return [self(v) for v in values]

        def __call__(self, x: float, pos: int | None = None) -> str:
            return fmt_number(x, max(self.decimals, 0 if pos is not None else _tick_decimals(x)))

    return _Norwegian()


def _tick_decimals(x: float) -> int:
    """Decimals needed to write ``x`` exactly (at most 3)."""
    for d in range(3):
        if abs(round(x, d) - x) < 1e-9:
            return d
    return 3


def norwegian_axes(ax: Any, *which: str) -> None:
    """``number_formatter`` on the named axes ("x", "y"; both when none named)."""
    for name in which or ("x", "y"):
        getattr(ax, f"{name}axis").set_major_formatter(number_formatter())
