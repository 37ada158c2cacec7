"""From working paper (001) to strategy (000): the needs mapped to the recommendations."""

from __future__ import annotations

import pandas as pd

from helpers.core import data
from helpers.core.formatting import lines_ref
from helpers.themes.manufacturing_strategy.reference import (
    AREA_ALL,
    DS_NEEDS,
    areas,
    recommendations,
)


def needs_mapping(area: str = AREA_ALL) -> pd.DataFrame:
    """The working paper's needs and challenges, one row per (need, recommendation) pair.

    For one area, only the pairs whose recommendation belongs to that area.
    """
    needs = data.load(DS_NEEDS)
    recs = recommendations(AREA_ALL)[["id", "label", "area", "area_name"]]
    long = needs.assign(id=needs["recommendations"].str.split(";")).explode("id")
    unknown = sorted(set(long["id"]) - set(recs["id"]))
    if unknown:
        raise data.DataError(f"{DS_NEEDS}: unknown recommendation id(s) {unknown}")
    long = long.merge(recs, on="id", how="left", suffixes=("", "_rec"))
    if area != AREA_ALL:
        long = long[long["area"] == area]
    return long.reset_index(drop=True)


def needs_table(area: str = AREA_ALL) -> pd.DataFrame:
    """One row per need: label, lines in 001, answering recommendations, match."""
    long = needs_mapping(area)
    grouped = long.groupby(["need", "kind", "label", "lines", "match"], sort=False)["id"]
    table = grouped.agg(lambda s: ", ".join(s)).reset_index()
    # id and label in one (left-aligned) first column keeps the table narrow in print
    return pd.DataFrame({
        "behov (N) eller utfordring (U) i arbeidsnotatet": table["need"] + " " + table["label"],
        "sted i 001": table["lines"].map(lines_ref),
        "dekning": table["match"],
        "svares av": table["id"],
    })


def recommendations_without_need(area: str = AREA_ALL) -> pd.DataFrame:
    """Recommendations that answer none of the working paper's needs (new in the strategy)."""
    used = set(needs_mapping(AREA_ALL)["id"])
    recs = recommendations(area, follow_up=False)
    recs = recs[~recs["id"].isin(used)]
    short = dict(zip(areas()["area"], areas()["label"], strict=True))
    return pd.DataFrame({"id": recs["id"], "anbefaling": recs["id"] + " " + recs["label"],
                         "område": recs["area"].map(short)}).reset_index(drop=True)
