"""Clusters the document names, with the county each belongs to."""

from __future__ import annotations

import pandas as pd

from helpers.core import data


def clusters(county: str | None = None) -> pd.DataFrame:
    """Named clusters; with ``county`` (not Viken) only those the document places there."""
    frame = data.load("smart_clusters")
    if county and county != "Viken":
        frame = frame[frame["county_2024"] == county]
    return frame.reset_index(drop=True)
