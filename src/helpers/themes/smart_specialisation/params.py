"""Validation of parameter combinations (defaults and allowed values come from reports.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import sector_attractiveness

WHERE = "smart_specialisation"


def validate_parameters(params: Mapping[str, Any]) -> None:
    """Reject parameter combinations the report cannot honour (called before execution with
    every parameter; single values are declared in ``reports.yaml`` and checked before).

    Raises ``ValueError`` naming the notebook and the parameters.
    """
    county, ref = params["county"], params["reference"]
    if county == ref:
        raise ValueError(
            f"{WHERE}: county {county!r} against reference {ref!r} compares the county with "
            "itself (every location quotient is 1.0); choose another reference, e.g. 'fylkene'")
    start, year = params["start_year"], params["year"]
    if not start < year:
        raise ValueError(f"{WHERE}: start_year ({start}) must be before year ({year})")
    weights = sector_attractiveness.weights(params)
    if not sum(weights.values()) > 0:
        names = ", ".join(sector_attractiveness.WEIGHT_PARAMS.values())
        raise ValueError(f"{WHERE}: the attractiveness weights ({names}) are all zero; give at "
                         "least one a positive weight")


def attractiveness_weights(params: Mapping[str, Any]) -> dict[str, float]:
    """The user's weight per attractiveness component (declared in ``reports.yaml``: 0 to 1)."""
    return sector_attractiveness.weights(params)
