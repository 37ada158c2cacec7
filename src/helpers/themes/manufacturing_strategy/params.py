"""Validation of parameter combinations for the manufacturing-strategy report (defaults and
allowed values are declared in reports.yaml only)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from helpers.themes.manufacturing_strategy.reference import NOTEBOOK
from helpers.themes.manufacturing_strategy.status_file import read_status

PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[-\u2013]\s*(\d{4})\s*$")


MAX_PERIODS = 4


def parse_periods(periods: Sequence[Any]) -> list[tuple[int, int]]:
    """Periods as (start, end) year pairs from ``["2005-2014", ...]`` or ``[(2005, 2014), ...]``.

    Raises ``ValueError`` naming the notebook, the parameter and the bad item.
    """
    where = f"notebook {NOTEBOOK!r}, parameter 'periods'"
    if isinstance(periods, str) or not isinstance(periods, Sequence):
        raise ValueError(f"{where}: expected a list such as ['2005-2014', '2015-2024'], "
                         f"got {periods!r}")
    if not 1 <= len(periods) <= MAX_PERIODS:
        raise ValueError(f"{where}: expected 1 to {MAX_PERIODS} periods, got {len(periods)}")
    out: list[tuple[int, int]] = []
    for item in periods:
        if isinstance(item, str):
            m = PERIOD_RE.match(item)
            if not m:
                raise ValueError(f"{where}: {item!r} is not a period written 'YYYY-YYYY'")
            start, end = int(m.group(1)), int(m.group(2))
        elif (isinstance(item, Sequence) and len(item) == 2
              and all(isinstance(v, int) and not isinstance(v, bool) for v in item)):
            start, end = int(item[0]), int(item[1])
        else:
            raise ValueError(f"{where}: {item!r} is neither 'YYYY-YYYY' nor a (start, end) pair")
        if start >= end:
            raise ValueError(f"{where}: {item!r} must start before it ends")
        if (start, end) in out:
            raise ValueError(f"{where}: {item!r} is given twice")
        out.append((start, end))
    return out


def period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}–{period[1]}"


def validate_parameters(params: Mapping[str, Any]) -> None:
    """The ``validator`` of reports.yaml: periods well-formed, status file valid (the area's
    allowed values are declared there and checked before)."""
    parse_periods(params["periods"])
    status_file = params["status_file"]
    if status_file is not None:
        read_status(status_file)
