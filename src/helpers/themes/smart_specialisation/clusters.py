"""Clusters the document names, their memberships and overlaps."""

from __future__ import annotations

import pandas as pd

from helpers import checks
from helpers.core import data

from .document import stated_value


def clusters(county: str | None = None) -> pd.DataFrame:
    """Named clusters; with ``county`` (not Viken) only those the document places there."""
    frame = data.load("smart_clusters")
    if county and county != "Viken":
        frame = frame[frame["county_2024"] == county]
    return frame.reset_index(drop=True)


def membership_overlap() -> pd.DataFrame:
    """Organisations by number of cluster memberships (the document's member-list counts)."""
    parts = ("002-1341-b", "002-1341-c", "002-1343-a")
    total = stated_value("002-1341-a")
    two, three, four = (stated_value(i) for i in parts)
    one = total - two - three - four
    frame = pd.DataFrame({
        "antall klynger": ["1", "2", "3", "4 eller flere"],
        "virksomheter": [one, two, three, four],
        "kilde": ["beregnet: totalt minus de andre",
                  *(f"oppgitt l. {checks.stated(i).lines}" for i in parts)],
    })
    frame["andel (%)"] = frame["virksomheter"] / total * 100
    return frame


#: Report labels of the cluster-overlap table's columns.
CLUSTER_PAIR_LABELS = {"cluster_a": "klynge", "cluster_b": "overlapper med",
                       "strength": "overlapp (dokumentets ord)", "lines": "linjer"}


def cluster_pairs() -> pd.DataFrame:
    """Named pairs of clusters with overlapping members (strength as the document words it)."""
    return data.load("smart_cluster_overlaps")
