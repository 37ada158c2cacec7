"""Validation of parameter combinations (defaults and allowed values come from reports.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def validate_parameters(params: Mapping[str, Any]) -> None:
    """Reject parameter combinations the report cannot honour (called before execution with
    every parameter; single values are declared in ``reports.yaml`` and checked before).

    Raises ``ValueError`` naming the notebook and the parameters.
    """
    where = "smart_specialisation"
    county, ref = params["county"], params["balassa_reference"]
    if county == "Viken" and ref == "viken":
        raise ValueError(
            f"{where}: county 'Viken' against balassa_reference 'viken' compares Viken with "
            "itself (the index is 1.0 for every industry); use balassa_reference 'norge'"
        )
    base, year = params["base_year"], params["year"]
    if not base < year:
        raise ValueError(f"{where}: base_year ({base}) must be before year ({year})")
    weights = attractiveness_weights(params)
    if not sum(weights.values()) > 0:
        raise ValueError(
            f"{where}: the attractiveness weights (weight_growth, weight_productivity) are all "
            "zero; give at least one a positive weight"
        )


def attractiveness_weights(params: Mapping[str, Any]) -> dict[str, float]:
    """The user's weight per attractiveness component (declared in ``reports.yaml``: 0 to 1)."""
    return {comp: float(params[key])
            for comp, key in (("vekst", "weight_growth"), ("produktivitet", "weight_productivity"))}
