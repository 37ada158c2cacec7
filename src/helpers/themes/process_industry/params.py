"""Validation of parameter combinations (defaults and allowed values come only from
reports.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .common import NOTEBOOK, ProcessIndustryError
from .emissions import emission_series, ssb_series_available

# --------------------------------------------------------------------------- parameters


def effective_source(source: str) -> str:
    """The emission series the report uses: SSB's table when asked for and readable, else
    the document's levels (the report says so)."""
    return source if source != "ssb" or ssb_series_available() else "dokument"


def validate_parameters(params: Mapping[str, Any]) -> None:
    """Reject parameter combinations the report cannot compute, with a clear message: the base
    year must have an emission level in the chosen series and come before its last year, the
    target year must not; the rate window must lie inside the series. Types, ranges and allowed
    values are declared in ``reports.yaml`` and checked before (called by the pipeline with
    every parameter, and by the notebook).
    """
    def fail(msg: str) -> ProcessIndustryError:
        return ProcessIndustryError(f"notebook {NOTEBOOK!r}: {msg}")

    source = effective_source(params["emission_source"])
    series = emission_series(source)
    years = sorted(int(y) for y in series["year"])
    last = years[-1]
    base, target = params["base_year"], params["target_year"]
    if base not in years:
        shown = years[:-1] if len(years) < 6 else f"{years[0]}–{years[-2]}"
        raise fail(f"parameter 'base_year' = {base} has no emission level in the "
                   f"{source!r} series; choose one of {shown}")
    if base >= last:
        raise fail(f"parameter 'base_year' = {base} must be before the last observation "
                   f"({last}) so that a historical rate exists")
    if target < last:
        raise fail(f"parameter 'target_year' = {target} is before the last observation "
                   f"({last}); a target must lie in {last} or later")
    if source != "ssb":  # the rate window applies to SSB's annual series only
        return
    start = params.get("rate_from", years[0])
    end = params.get("rate_to") or last
    if start not in years or end not in years:
        raise fail(f"rate window 'rate_from' = {start}, 'rate_to' = {end}: both must be years "
                   f"with an emission level in the {source!r} series ({years[0]}–{last})")
    if end <= start:
        raise fail(f"parameter 'rate_to' = {end} must come after 'rate_from' = {start}")
