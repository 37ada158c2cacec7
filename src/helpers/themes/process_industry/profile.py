"""Sections 1–2 of the report: the document's scope of the process industry and its
employment figures."""

from __future__ import annotations

from typing import Any

from helpers import checks
from helpers.core import data
from helpers.core.formatting import en_dash

from .common import ID_EMP_DIRECT, PERCENT, SCOPE, stated_value

ID_EMP_LOW = "003-0324-a"
ID_EMP_HIGH = "003-0324-b"


def employment_summary() -> dict[str, Any]:
    """Section 2 in numbers: the document's employment range for the whole process industry
    (low, high, mid, half the range as percent of the mid) next to the ripple analysis's direct
    employment in the power-processing industry (power_direct, power_year, power_lines) and the
    gap between them (gap_low, gap_high; not employment outside that group, see the report)."""
    low, high = stated_value(ID_EMP_LOW), stated_value(ID_EMP_HIGH)
    mid = (low + high) / 2
    power = checks.stated(ID_EMP_DIRECT)
    return {
        "low": low,
        "high": high,
        "mid": mid,
        "half_range_pct": PERCENT * (high - low) / 2 / mid,
        "power_direct": power.value,
        "power_year": power.period,
        "power_lines": en_dash(power.lines),
        "gap_low": low - power.value,
        "gap_high": high - power.value,
    }


def scope_markdown() -> str:
    """Section 1 as a Markdown list (long text reads badly in a right-aligned table), ending
    with its "Kilde:" line."""
    items = []
    for _, r in data.load(SCOPE).iterrows():
        codes = f" Koder: {r['codes']}." if r["codes"] else ""
        items.append(f"- **{r['topic'].capitalize()}**: "
                     f"{r['coverage']}.{codes} *Forskjell:* {r['difference']}.")
    return "\n".join(items) + "\n\n" + data.kilde(SCOPE)

