"""The strategy's reference data: the priority areas, the recommendations and follow-up measures,
the actors and their links, and the figures the documents state (by id)."""

from __future__ import annotations

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import lines_ref, unit_nb

NOTEBOOK = "manufacturing_strategy"


AREA_ALL = "alle"


FOLLOW_UP = "oppfolging"


ALL_LABEL = "Hele strategien"


DS_RECS = "strategy_recommendations"


DS_AREAS = "strategy_areas"


DS_ACTORS = "strategy_actors"


DS_LINKS = "strategy_recommendation_actors"


DS_NEEDS = "strategy_needs_001"


DS_FIGURES = "stated_figures"


DS_PRODUCTIVITY = "ssb_gross_product_per_hour_growth_2009_2014"


DS_RD = "rd_expenditure_norway"


ROLE_SYMBOLS: dict[str, str] = {"named": "●", "chapter": "○", "implied": "·"}


ROLE_LABELS: dict[str, str] = {
    "named": "nevnt i anbefalingen",
    "chapter": "nevnt i kapittelteksten",
    "implied": "vår tolkning",
}


#: The document's own status date ("per februar 2026"), used as "today" for rates so far.
STATUS_YEAR_FIGURE = "000-1173-a"


def areas() -> pd.DataFrame:
    """The five priority areas: key, name, label, challenge in our words, lines."""
    return data.load(DS_AREAS).sort_values("area_no").reset_index(drop=True)


AREA_MARKER = "► "


def areas_table(area: str = AREA_ALL) -> pd.DataFrame:
    """The priority areas for print: name with its number of recommendations (the chosen area
    marked ►) and the main challenge in our words with its lines in document 000.

    Counts and marker sit in the first cell: as narrow columns of their own their headers
    were hyphenated in print.
    """
    area_label(area)  # validates
    table = areas()
    counts = recommendations(AREA_ALL, follow_up=False).groupby("area").size()
    return pd.DataFrame({
        "område (antall)": [
            f"{AREA_MARKER if key == area else ''}{name} ({int(counts.get(key, 0))})"
            for key, name in zip(table["area"], table["name"], strict=True)],
        "hovedutfordring (våre ord; linjer i strategien)": (
            table["challenge"] + " (" + table["challenge_lines"].map(lines_ref) + ")"),
    })


def area_choices() -> dict[str, str]:
    """Parameter value → Norwegian display label, ``alle`` first."""
    out = {AREA_ALL: ALL_LABEL}
    out.update(dict(zip(areas()["area"], areas()["name"], strict=True)))
    return out


def area_label(area: str) -> str:
    """Display label for an area key (or ``alle``)."""
    choices = area_choices()
    if area not in choices:
        raise ValueError(
            f"{NOTEBOOK}: unknown area {area!r}; expected one of {', '.join(choices)}"
        )
    return choices[area]


def recommendations(area: str = AREA_ALL, *, follow_up: bool = True) -> pd.DataFrame:
    """The recommendations (and, with ``follow_up``, the follow-up measures) of one area or all.

    Adds ``area_name`` and ``actors`` (normalised names, '; '-separated, named or chapter role).
    """
    area_label(area)  # validates
    recs = data.load(DS_RECS)
    names = dict(zip(areas()["area"], areas()["name"], strict=True))
    names[FOLLOW_UP] = "Oppfølging av strategien"
    recs["area_name"] = recs["area"].map(names)
    links = actor_links()
    named = (
        links.groupby("id")["name"].agg(lambda s: "; ".join(s)).rename("actors")
    )
    recs = recs.merge(named, how="left", left_on="id", right_index=True)
    recs["actors"] = recs["actors"].fillna("")
    keep = recs["kind"].eq("anbefaling") | (follow_up & recs["kind"].eq("oppfolging"))
    if area != AREA_ALL:
        keep &= recs["area"].eq(area)
    return recs[keep].reset_index(drop=True)


def actors() -> pd.DataFrame:
    return data.load(DS_ACTORS)


def actor_links() -> pd.DataFrame:
    """Recommendation → actor links with the actor's name and abbreviation."""
    links = data.load(DS_LINKS)
    acts = actors()
    unknown = sorted(set(links["actor"]) - set(acts["actor"]))
    if unknown:
        raise data.DataError(f"{DS_LINKS}: actor key(s) {unknown} are not in {DS_ACTORS}")
    return links.merge(acts[["actor", "name", "short", "abbr"]], on="actor", how="left")


def stated_figures_frame() -> pd.DataFrame:
    return data.load(DS_FIGURES).set_index("id", drop=False)


def stated_figure(figure_id: str) -> pd.Series:
    frame = stated_figures_frame()
    if figure_id not in frame.index:
        raise checks.UnknownFigure(f"stated figure {figure_id!r} is not in {DS_FIGURES!r}")
    return frame.loc[figure_id]


def stated_value(figure_id: str) -> float:
    return float(stated_figure(figure_id)["value"])


def printed_decimals(printed: str) -> int:
    """Decimals shown in a printed number ('1,25' → 2); 0 for numbers printed as words."""
    try:
        return checks.parse_printed(printed)[1]
    except checks.ChecksError:
        return 0


#: Where this report words a unit otherwise than ``formatting.UNITS_NB`` (which shows counts and
#: years without a unit).
UNITS_NO = {"count": "antall", "year": "år"}


def unit_no(unit: str) -> str:
    """Norwegian unit label for the units used in the stated figures."""
    return UNITS_NO.get(unit) or unit_nb(unit)


def lowercase(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
