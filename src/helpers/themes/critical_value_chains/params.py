"""Validation of parameter combinations for the critical-value-chains report (defaults and
allowed values come only from ``reports.yaml``)."""

from __future__ import annotations

from typing import Any

from .catalogue import STAGES, material_keys, resolve_country, resolve_materials


def validate_parameters(params: dict[str, Any]) -> None:
    """Reject impossible parameter combinations for notebook ``critical_value_chains`` (called
    with every parameter; single values are declared in ``reports.yaml`` and checked before)."""
    nb = "critical_value_chains"
    chain = params["value_chain"]
    selected = resolve_materials(chain, params["materials"])
    if not selected:
        raise ValueError(
            f"{nb}: the document names no material for value_chain {chain!r}; "
            "give the parameter 'materials' (e.g. ['silicon'])"
        )
    stage = params["stage"]
    if material_keys(selected, stage).empty:
        other = [s for s in STAGES if s != stage][0]
        raise ValueError(
            f"{nb}: none of the materials {selected} has supply data for stage {stage!r}; "
            f"choose stage {other!r} or other materials"
        )
    threshold = params["concentration_threshold"]
    if not threshold > 0:  # the declaration's minimum is inclusive: a zero share flags everything
        raise ValueError(
            f"{nb}: concentration_threshold must be a share in (0, 1], got {threshold!r}"
        )
    try:
        resolve_country(params["disrupted_country"])
    except ValueError as exc:
        raise ValueError(f"{nb}: {exc}") from None
