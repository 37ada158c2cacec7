"""Spans: a recomputed value together with every value the rounding of its inputs allows.

A stated figure printed as "4,6" stands for any true value in [4.55, 4.65); a share computed
from two such figures can therefore be anything between its smallest and largest corner
(4.55/49.35 … 4.65/49.25). ``Span`` carries the point value and that interval through the
arithmetic of a check, so the verdict can ask the one question the project uses everywhere:
does the interval the inputs allow meet the interval the stated figure's printing allows?

The method is corner evaluation: a function of several spans is evaluated at every
combination of their ends and at their point values; the result spans the smallest and largest
of those. That is exact for functions monotone in each argument over the box (sums,
differences, products and ratios of positive numbers, growth rates, CAGR), which covers the
recomputations the checks make. For anything else, build the ``Span`` yourself.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from helpers.checks.printed import ChecksError, rounding_interval


@dataclass(frozen=True)
class Span:
    """A value and the closed interval [low, high] of values its inputs' rounding allows."""

    value: float
    low: float
    high: float

    def __post_init__(self) -> None:
        if not (self.low <= self.value <= self.high) and not any(
            math.isnan(x) for x in (self.value, self.low, self.high)
        ):
            raise ChecksError(
                f"Span({self.value}, {self.low}, {self.high}): value outside [low, high]")

    @classmethod
    def exact(cls, x: float) -> Span:
        """A value known exactly (a count, a published statistic taken as it is)."""
        x = float(x)
        return cls(x, x, x)

    @classmethod
    def around(cls, x: float, half_width: float) -> Span:
        """``x`` ± ``half_width`` (a number rounded to a unit of ``2 * half_width``)."""
        x, h = float(x), abs(float(half_width))
        return cls(x, x - h, x + h)

    @property
    def width(self) -> float:
        return self.high - self.low

    def __float__(self) -> float:
        return self.value

    # arithmetic: every operator goes through the one corner method
    def __add__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a + b, self, other)

    def __radd__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a + b, other, self)

    def __sub__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a - b, self, other)

    def __rsub__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a - b, other, self)

    def __mul__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a * b, self, other)

    def __rmul__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a * b, other, self)

    def __truediv__(self, other: Any) -> Span:
        _no_zero_inside(other, "divide by")
        return evaluate(lambda a, b: a / b, self, other)

    def __rtruediv__(self, other: Any) -> Span:
        _no_zero_inside(self, "divide by")
        return evaluate(lambda a, b: a / b, other, self)

    def __neg__(self) -> Span:
        return Span(-self.value, -self.high, -self.low)

    def __pow__(self, other: Any) -> Span:
        return evaluate(lambda a, b: a ** b, self, other)


def _no_zero_inside(x: Any, what: str) -> None:
    if isinstance(x, Span) and x.low <= 0 <= x.high and x.width > 0:
        raise ChecksError(f"cannot {what} a span that includes zero ({x.low}–{x.high})")


def as_span(x: Any) -> Span:
    """``x`` as a Span: a Span as it is, a stated figure id (``"002-0852-a"``) with its printed
    rounding, a number as exact."""
    if isinstance(x, Span):
        return x
    if isinstance(x, str):
        return rounded(x)
    if isinstance(x, bool) or not hasattr(x, "__float__"):
        raise ChecksError(f"expected a number, a Span or a stated figure id, got {x!r}")
    return Span.exact(float(x))


def rounded(figure_id: str, *, rounding_unit: float | None = None) -> Span:
    """The stated figure ``figure_id`` as the span of true values that print as it did
    ("4,6" → 4.55–4.65; a count in words is exact; ``rounding_unit`` overrides, e.g. 1000 for
    "om lag 360 000")."""
    from helpers.checks.stated_figures import stated  # late: stated_figures imports printed

    fig = stated(figure_id)
    low, high, _, _ = rounding_interval(
        fig.value, fig.printed, rounding_unit=rounding_unit, kind=fig.kind
    )
    return Span(fig.value, float(low), float(high))


def evaluate(func: Callable[..., float], *args: Any) -> Span:
    """``func`` applied to spans (or numbers, or stated figure ids): the point value from the
    point values, the interval from every corner of the inputs' intervals (see the module
    docstring for when that is exact)."""
    spans = [as_span(a) for a in args]
    value = float(func(*(s.value for s in spans)))
    corners = [float(func(*c)) for c in itertools.product(*((s.low, s.high) for s in spans))]
    finite = [c for c in corners if not math.isnan(c)]
    if not finite or math.isnan(value):
        return Span(math.nan, math.nan, math.nan)
    return Span(value, min(finite + [value]), max(finite + [value]))


def any_span(*args: Any) -> bool:
    """Whether any argument is a Span (then a recomputation answers with a Span)."""
    return any(isinstance(a, Span) for a in args)
