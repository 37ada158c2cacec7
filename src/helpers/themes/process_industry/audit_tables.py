"""Section 9's tables: the checks of document 003 with their class and reason, errors first,
and how many checks fall in each class."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import checks

from .audit import DIFFERENCE, ERROR


def classified_table(results: Sequence[checks.CheckResult]) -> pd.DataFrame:
    """The checks table with a class and a reason for every figure that does not agree: real
    errors in the document first, then differences of source, year or definition, then the
    rest (the investment table's SUM row, which counts sub-rows twice, is one of the checks,
    ``sum_row_check``). The class is the
    check's own verdict (as in the collection's audit); the claim names the section of the
    document it stands in, never a line number."""
    results = checks.ordered(results)
    table = checks.table(results)
    wrong = [r.verdict in (checks.Verdict.DISAGREES, checks.Verdict.DIFFERS) for r in results]
    table["klasse"] = [r.verdict.label for r in results]
    table["vurdering"] = table["klasse"]  # one verdict per row, in the audit's words
    # the reason stands in its own column, so the method keeps only how it was computed
    table["grunn"] = [r.why if w else "" for r, w in zip(results, wrong, strict=True)]
    table["metode"] = [m.replace(f"; {r.why}", "") if w and r.why else m
                       for r, w, m in zip(results, wrong, table["metode"], strict=True)]
    table["påstand"] = [f"{c} ({p})" if p else c
                        for c, p in zip(table["påstand"], table["hvor"], strict=True)]
    return table


def class_counts(table: pd.DataFrame) -> pd.DataFrame:
    """How many checks fall in each class, errors first (from ``classified_table``)."""
    order = [ERROR, DIFFERENCE, "stemmer innenfor avrunding", "stemmer", "kan ikke kontrolleres"]
    counts = table["klasse"].value_counts()
    rest = [k for k in counts.index if k not in order]
    rows = [(k, int(counts[k])) for k in [*order, *rest] if k in counts.index]
    return pd.DataFrame(rows, columns=["vurdering", "antall"])
