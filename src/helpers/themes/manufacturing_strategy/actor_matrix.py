"""Who must act: recommendations x actors with the kind of link."""

from __future__ import annotations

import pandas as pd

from helpers.themes.manufacturing_strategy.reference import (
    AREA_ALL,
    ROLE_SYMBOLS,
    actor_links,
    actors,
    recommendations,
)


def actor_matrix(area: str = AREA_ALL, *, follow_up: bool = True) -> pd.DataFrame:
    """Recommendations (rows) x actors (columns, abbreviations) holding the role symbol.

    Actors without any link among the chosen recommendations are dropped; columns are ordered
    by how many recommendations name the actor.
    """
    recs = recommendations(area, follow_up=follow_up)
    links = actor_links()
    links = links[links["id"].isin(recs["id"])]
    counts = links.groupby("abbr").size().sort_values(ascending=False, kind="stable")
    wide = links.pivot(index="id", columns="abbr", values="role")
    wide = wide.reindex(index=list(recs["id"]), columns=list(counts.index))
    return wide.apply(lambda col: col.map(lambda r: ROLE_SYMBOLS.get(r, "")))  # NaN → ""


def actor_legend(matrix: pd.DataFrame) -> pd.DataFrame:
    """Abbreviation → actor name and how many of the matrix's recommendations name it."""
    acts = actors().set_index("abbr")
    rows = []
    for abbr in matrix.columns:
        col = matrix[abbr]
        # short headers, led by the matrix's symbols: long ones were hyphenated in print
        rows.append({
            "kode": abbr,
            "aktør": acts.loc[abbr, "name"],
            f"{ROLE_SYMBOLS['named']} anbefaling": int((col == ROLE_SYMBOLS["named"]).sum()),
            f"{ROLE_SYMBOLS['chapter']} kapittel": int((col == ROLE_SYMBOLS["chapter"]).sum()),
            f"{ROLE_SYMBOLS['implied']} tolkning": int((col == ROLE_SYMBOLS["implied"]).sum()),
        })
    return pd.DataFrame(rows)
