"""Names, stated figures of document 003 and branch filtering: what every section module
shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import en_dash, fmt_number

from .declaration import NOTEBOOK, allowed, value_label

# --------------------------------------------------------------------------- names

INVESTMENTS = "process_investments"
EXPORTS = "process_exports_2023"
ENERGY = "process_energy_use_2023"
RATES = "process_exchange_rates"
SCOPE = "process_scope"
BRANCH_MAP = "process_branch_map"
STATED = checks.DATASET
SSB_EMISSIONS = "ssb_emissions_by_main_source"
SSB_ELECTRICITY = "ssb_electricity_power_intensive"
SSB_ENERGY = "ssb_energy_use_manufacturing"


ALL_PRODUCTS = "Alle energiprodukter"
ELECTRICITY = "Elektrisitet"

#: Stated figures the computations rest on (document 003).
ID_EMIS_1990 = "003-0940-a"
ID_EMIS_2023 = "003-0940-b"
ID_CUT_SINCE_1990 = "003-0946-a"
ID_TARGET_CUT = "003-1624-a"
ID_TARGET_YEAR = "003-1626-a"
ID_BASE_YEAR = "003-1626-b"
ID_VA_DIRECT = "003-1073-a"
ID_EMP_DIRECT = "003-1073-b"
ID_VA_TOTAL = "003-1081-a"
ID_EMP_TOTAL = "003-1081-b"
ID_VA_PER_FTE = "003-1065-a"
ID_KI_ELECTRICITY = "003-0666-a"
ID_REST_ELECTRICITY = "003-0666-b"
ID_EXPORT_CHANGE = "003-0515-a"
ID_EXPORT_CHANGE_PCT = "003-0515-b"

BILLION = 1e9
PERCENT = 100.0

# Measures and labels of the published SSB files (as transcribed there).
_MM = "Manufacturing industries and mining"
_ALL_SOURCES = "All sources (total emissions)"
_GHG = "GHG emissions"
_KI = "Kraftintensiv industri"


class ProcessIndustryError(ValueError):
    """A parameter or an input of the process-industry report is unusable."""


# --------------------------------------------------------------------------- shared


def stated_value(figure_id: str) -> float:
    """The value of a stated figure of document 003 (see ``stated_figures``)."""
    return checks.stated(figure_id).value


def printed(figure_id: str, unit: bool = False) -> str:
    """A stated figure as printed in the document, optionally with its unit."""
    fig = checks.stated(figure_id)
    shown = "" if fig.unit == "count" else fig.unit
    return f"{fig.printed} {shown}".strip() if unit else fig.printed


def shown(figure_id: str) -> str:
    """A stated figure's number the Norwegian way, with its printed decimals ("35,8", "200 000"),
    for method texts (the document prints some numbers the English way)."""
    fig = checks.stated(figure_id)
    return fmt_number(fig.value, fig.stored_decimals)


def stated_table(ids: Sequence[str]) -> pd.DataFrame:
    """Stated figures as a report table: hva (``label_nb``, our words), oppgitt (the stored value
    formatted the Norwegian way with the printed decimals and a Norwegian unit), periode (line
    numbers stay in the appendix)."""
    rows = []
    for fid in ids:
        fig = checks.stated(fid)
        rows.append(
            {
                "hva": fig.label_nb or fig.measure,
                "oppgitt": checks.format_value(fig.value, fig.unit, fig.stored_decimals,
                                               kind=fig.kind),
                "periode": en_dash(fig.period),
            }
        )
    return pd.DataFrame(rows)

def public_available(name: str) -> bool:
    """Whether a published-statistics dataset has been imported into ``data/``."""
    return name in data.catalogue()


def branch_rows(branch: str, dataset: str) -> list[str] | None:
    """Row keys of ``dataset`` that belong to ``branch`` (None for 'alle' = every row)."""
    _check_choice("branch", branch, allowed("branch"))
    if branch == "alle":
        return None
    m = data.load(BRANCH_MAP)
    return m.loc[(m["branch"] == branch) & (m["dataset"] == dataset), "row_key"].tolist()


def _check_choice(name: str, value: Any, values: Iterable[Any]) -> None:
    values = tuple(values)
    if value not in values:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: parameter {name!r} must be one of {values}, got {value!r}"
        )




def branch_label(branch: str) -> str:
    """The branch as readers see it (its label in reports.yaml)."""
    _check_choice("branch", branch, allowed("branch"))
    return value_label("branch", branch)


def amount(value: float, decimals: int = 1) -> str:
    """An amount for a table: never a nonzero value shown as 0,0 — below half the last shown
    digit it reads "under 0,1"; missing stays "–"."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    step = 10.0 ** -decimals
    if 0 < abs(value) < step / 2:
        return f"under {fmt_number(step, decimals)}"
    return fmt_number(value, decimals)
