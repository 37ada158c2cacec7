"""Recomputations for document checks: totals, shares, changes and ratios of stated
components, with clear errors for missing or impossible inputs. Stated figures are mostly
printed in percent, so ``share``, ``change_pct`` and ``cagr_pct`` answer in percent: the
fractions of ``helpers.methods.growth`` times 100.

Every function also takes ``Span`` arguments (a stated figure with its printed rounding, from
``checks.rounded(id)``): then it answers with a ``Span`` whose interval covers every value the
rounded inputs allow (``helpers.checks.spans``), and the verdict takes that into account."""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

from helpers.checks.printed import ChecksError
from helpers.checks.spans import Span, any_span, evaluate
from helpers.methods import growth

F = TypeVar("F", bound=Callable[..., float])


def _takes_spans(func: F) -> F:
    """``func`` of plain numbers made to take ``Span`` arguments too: with any Span among them
    it is evaluated at every corner of their intervals (``spans.evaluate``) and answers with a
    Span; with numbers only it is ``func`` itself."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        args = signature.bind(*args, **kwargs).args
        return evaluate(func, *args) if any_span(*args) else func(*args)

    return wrapper  # type: ignore[return-value]


def _number(x: Any, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float, Decimal)) and not hasattr(
        x, "__float__"
    ):
        raise ChecksError(f"{what} must be a number, got {x!r}")
    return float(x)


def total(parts: Iterable[float | Span]) -> float | Span:
    """Sum of components; NaN if any component is missing (a missing part is not zero)."""
    parts = list(parts)
    if any_span(*parts):
        spans = [p if isinstance(p, Span) else Span.exact(_number(p, "each part")) for p in parts]
        if not spans:
            raise ChecksError("total() needs at least one part")
        if any(math.isnan(s.value) for s in spans):
            return math.nan
        return Span(math.fsum(s.value for s in spans), math.fsum(s.low for s in spans),
                    math.fsum(s.high for s in spans))
    values = [_number(p, "each part") for p in parts]
    if not values:
        raise ChecksError("total() needs at least one part")
    if any(math.isnan(v) for v in values):
        return math.nan
    return math.fsum(values)


@_takes_spans
def share(part: float | Span, whole: float | Span) -> float | Span:
    """``part`` as a percentage of ``whole`` (43.3 for 43.3 %)."""
    p, w = _number(part, "part"), _number(whole, "whole")
    if w == 0:
        raise ChecksError("share(): whole is zero")
    return 100.0 * p / w


@_takes_spans
def change_pct(start: float | Span, end: float | Span) -> float | Span:
    """Percentage change from ``start`` to ``end`` (25.0 for 100 → 125)."""
    s, e = _number(start, "start"), _number(end, "end")
    if s == 0:
        raise ChecksError("change_pct(): start is zero")
    try:
        return 100.0 * growth.growth(s, e)
    except ValueError as exc:
        raise ChecksError(f"change_pct(): {exc}") from None


@_takes_spans
def cagr_pct(start: float | Span, end: float | Span, years: float | Span) -> float | Span:
    """Compound annual growth rate in percent over ``years`` years."""
    s, e, n = _number(start, "start"), _number(end, "end"), _number(years, "years")
    if n <= 0:
        raise ChecksError(f"cagr_pct(): years must be positive, got {years!r}")
    if s <= 0 or e < 0:
        raise ChecksError(f"cagr_pct(): needs start > 0 and end >= 0, got {start!r}, {end!r}")
    return 100.0 * growth.cagr(s, e, n)


@_takes_spans
def ratio(numerator: float | Span, denominator: float | Span) -> float | Span:
    """``numerator / denominator``."""
    n, d = _number(numerator, "numerator"), _number(denominator, "denominator")
    if d == 0:
        raise ChecksError("ratio(): denominator is zero")
    return n / d


@_takes_spans
def difference(a: float | Span, b: float | Span) -> float | Span:
    """``a - b``."""
    return _number(a, "a") - _number(b, "b")
