"""The report's parameter declaration in reports.yaml, read once: allowed values and readers'
labels come from there and nowhere else."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from helpers.core.data import project_root
from helpers.pipeline.config import load_config
from helpers.pipeline.params import ParamSpec

NOTEBOOK = "process_industry"


@lru_cache(maxsize=1)
def _specs() -> dict[str, ParamSpec]:
    return dict(load_config(project_root() / "reports.yaml").notebook(NOTEBOOK).declaration.specs)


def spec(name: str) -> ParamSpec:
    """The declared parameter ``name`` of the process-industry notebook."""
    specs = _specs()
    if name not in specs:
        raise KeyError(f"notebook {NOTEBOOK!r} declares no parameter {name!r} in reports.yaml; "
                       f"declared: {sorted(specs)}")
    return specs[name]


def allowed(name: str) -> tuple[Any, ...]:
    """The allowed values of a coded parameter, in declared order."""
    values = spec(name).allowed
    if values is None:
        raise KeyError(f"parameter {name!r} of notebook {NOTEBOOK!r} declares no allowed values")
    return tuple(values)


def value_label(name: str, value: Any) -> str:
    """A parameter value as readers see it (its ``value_labels`` entry in reports.yaml)."""
    return spec(name).reader_value(value)
