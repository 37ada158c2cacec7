"""The five candidate areas: status, advantages, niches, barriers and measures as the document
names them.
"""

from __future__ import annotations

import pandas as pd

from helpers.core import data

from .common import AREAS, FOCUS_AREAS, _check_county


def area_names() -> dict[str, str]:
    status = data.load("smart_area_status")
    viken = status[status["county"] == "Viken"]
    return dict(zip(viken["area_id"], viken["area"], strict=True))


def area_elements(focus_area: str = "alle") -> pd.DataFrame:
    """Advantages, niches, barriers and measures, for all areas or the one in focus."""
    if focus_area not in FOCUS_AREAS:
        raise ValueError(f"unknown focus_area {focus_area!r}; valid: {', '.join(FOCUS_AREAS)}")
    frame = data.load("smart_area_elements")
    if focus_area != "alle":
        frame = frame[frame["area_id"] == focus_area]
    names = area_names()
    order = {"fortrinn": 0, "nisje": 1, "barriere": 2, "tiltak": 3}
    frame = frame.assign(område=frame["area_id"].map(names),
                         _a=frame["area_id"].map({a: i for i, a in enumerate(AREAS)}),
                         _e=frame["element"].map(order))
    frame = frame.sort_values(["_a", "_e"], kind="stable")
    return frame[["område", "element", "label", "lines"]].rename(
        columns={"label": "innhold", "lines": "linjer"}).reset_index(drop=True)


def area_overview(focus_area: str = "alle") -> pd.DataFrame:
    """Count of advantages, niches, barriers and measures per area (0 where none named)."""
    frame = area_elements(focus_area)
    table = frame.pivot_table(index="område", columns="element", values="innhold",
                              aggfunc="count", fill_value=0)
    table = table.reindex(columns=["fortrinn", "nisje", "barriere", "tiltak"], fill_value=0)
    table.columns.name = None  # else the pivot's "element" shows as a stray header
    names = area_names()
    wanted = [names[a] for a in AREAS if focus_area in ("alle", a)]
    return table.reindex(wanted, fill_value=0).reset_index()


def area_status(county: str) -> pd.DataFrame:
    """The document's status of each area for the county ('Viken' rows for every county)."""
    _check_county(county)
    status = data.load("smart_area_status")
    sel = status[status["county"].isin({"Viken", county})]
    return sel[["county", "area", "status", "lines"]].rename(
        columns={"county": "region", "area": "område", "lines": "linjer"}).reset_index(drop=True)
