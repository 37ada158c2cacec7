"""One parameter set's tables, each computed once: the main findings and the sections read the
same objects (the findings used to compute the classification, the supply shares, the
governance table, Norway's shares and the scenario again, about a third of a report's cells
time)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import pandas as pd

from .catalogue import resolve_country, resolve_materials
from .classification import classify
from .norway import norway_eu_rows, norway_shares
from .scenario import scenario_table
from .supply import concentration_table, supply_shares
from .supply_risk import governance_table


class Analysis:
    """The tables of a parameter set (``value_chain``, ``materials``, ``stage``,
    ``concentration_threshold``, ``disrupted_country``, ``year``), computed on first use.

    The tables are shared by every reader of this object: treat them as read-only (the
    display functions build new frames). An object lives as long as a report's run, so a
    data file changed afterwards is read by the next report, never served stale.
    """

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = dict(params)
        self.value_chain: str = params["value_chain"]
        self.stage: str = params["stage"]
        self.year: int = params["year"]
        self.threshold: float = params["concentration_threshold"]
        self.selected: list[str] = resolve_materials(self.value_chain, params["materials"])
        self.country: tuple[str, str] | None = resolve_country(params["disrupted_country"])

    @cached_property
    def classification(self) -> pd.DataFrame:
        return classify(self.selected)

    @cached_property
    def status(self) -> dict[str, str]:
        """Material → the report's status text (as ``status_of``)."""
        cls = self.classification
        return dict(zip(cls["material"], cls["status"], strict=True))

    @cached_property
    def shares(self) -> pd.DataFrame:
        """Country shares of supply in the set's stage (USGS, else EU 2023)."""
        return supply_shares(self.selected, self.stage, self.year)

    @cached_property
    def concentration(self) -> pd.DataFrame:
        return concentration_table(self.shares, self.threshold)

    @cached_property
    def governance(self) -> pd.DataFrame:
        return governance_table(self.selected, status=self.status)

    @cached_property
    def norway_eu(self) -> pd.DataFrame:
        """Every entry for Norway in the EU 2023 study."""
        return norway_eu_rows(self.selected)

    @cached_property
    def norway(self) -> pd.DataFrame:
        """Norway's shares per material and stage (USGS ``year`` and EU 2023)."""
        return norway_shares(self.selected, self.year)

    @cached_property
    def scenario(self) -> pd.DataFrame | None:
        """The disrupted country's supply removed; None when the set names no country."""
        if self.country is None:
            return None
        return scenario_table(self.shares, self.country, self.selected)


def analysis_of(params: dict[str, Any] | Analysis) -> Analysis:
    """``params`` as an ``Analysis`` (an ``Analysis`` is returned as it is)."""
    return params if isinstance(params, Analysis) else Analysis(params)
