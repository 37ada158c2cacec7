"""The recommendation tracker: each recommendation's latest status from the user's status file,
progress per area and actor, what changed since the previous update, overdue items and the
recommendations that fall to the counties."""

from __future__ import annotations

from datetime import date

import pandas as pd

from helpers.core.formatting import date_nb
from helpers.themes.manufacturing_strategy.reference import (
    AREA_ALL,
    FOLLOW_UP,
    actor_links,
    areas,
    recommendations,
)
from helpers.themes.manufacturing_strategy.status_file import (
    CLOSED,
    STATUS_LABELS,
    UNKNOWN,
    state_as_of,
    status_template,
    update_dates,
)

#: The actor key of the county authorities in ``strategy_actors``.
COUNTIES = "fylkeskommunene"

_FIELDS = ("status", "ansvarlig", "frist", "dokumentasjon", "neste_steg", "sist_oppdatert")


def tracker(entries: pd.DataFrame | None, area: str = AREA_ALL) -> pd.DataFrame:
    """One row per recommendation of ``area`` (follow-up measures included) with its latest
    entry in the status file; without a file, or for a recommendation the file does not
    list, the status is ``ukjent`` and the other fields are empty."""
    recs = recommendations(area)
    out = recs[["id", "area", "area_name", "label", "actors", "lines"]].copy()
    if entries is None or entries.empty:
        out["status"] = UNKNOWN
        for field in _FIELDS[1:]:
            out[field] = None if field in ("frist", "sist_oppdatert") else ""
        return out
    out = out.merge(state_as_of(entries, None)[["id", *_FIELDS]], on="id", how="left")
    out["status"] = out["status"].fillna(UNKNOWN)
    for field in ("ansvarlig", "dokumentasjon", "neste_steg"):
        out[field] = out[field].fillna("")
    for field in ("frist", "sist_oppdatert"):
        out[field] = out[field].astype(object).where(out[field].notna(), None)
    return out


def tracker_with_follow_up(entries: pd.DataFrame | None, area: str = AREA_ALL) -> pd.DataFrame:
    """The tracker rows a report lists: the area's recommendations, then the follow-up
    measures (they belong to no area, so every report shows them)."""
    own = tracker(entries, area)
    own = own[own["area"] != FOLLOW_UP]
    everything = tracker(entries, AREA_ALL)
    return pd.concat([own, everything[everything["area"] == FOLLOW_UP]], ignore_index=True)


def status_order() -> list[str]:
    return list(STATUS_LABELS)


def progress_by_area(track: pd.DataFrame, *, short: bool = False) -> pd.DataFrame:
    """Count of recommendations per status and area, with the share done (percent).

    ``short`` labels the areas with their one-word label ("Markeder"), so the table fits A4.
    """
    names = track["area_name"]
    if short:
        labels = dict(zip(areas()["area"], areas()["label"], strict=True))
        labels[FOLLOW_UP] = "Oppfølging"
        names = track["area"].map(labels)
    table = pd.crosstab(names.rename("area_name"), track["status"])
    table = table.reindex(columns=status_order(), fill_value=0)
    table = table.reindex(list(dict.fromkeys(names)))
    table["totalt"] = table.sum(axis=1)
    table["andel gjennomført (%)"] = 100.0 * table["gjennomført"] / table["totalt"]
    table.index.name = "område"
    table.columns.name = None  # else printed as a stray header cell
    return table.reset_index()


def as_of(entries: pd.DataFrame | None) -> date | None:
    """The status file's last update (its latest ``sist oppdatert``): the report's "today"
    for overdue items, so a report reads the same whenever it is built."""
    if entries is None or entries.empty:
        return None
    dates = update_dates(entries)
    return dates[-1] if dates else None


def changes_since_last_update(entries: pd.DataFrame | None) -> pd.DataFrame:
    """Recommendations whose status changed in the file's last update: status before (as of
    the previous update date, ``ukjent`` if none) and after, with the date."""
    columns = ["id", "fra", "til", "dato"]
    if entries is None or entries.empty:
        return pd.DataFrame(columns=columns)
    dates = update_dates(entries)
    if not dates:
        return pd.DataFrame(columns=columns)
    last = dates[-1]
    before = state_as_of(entries, dates[-2]) if len(dates) > 1 else entries.iloc[0:0]
    before = before[before["sist_oppdatert"].map(lambda d: d is None or d < last)]
    after = entries[entries["sist_oppdatert"].map(lambda d: d == last)]
    prev = dict(zip(before["id"], before["status"], strict=True))
    rows = [{"id": rid, "fra": prev.get(rid, UNKNOWN), "til": status, "dato": last}
            for rid, status in zip(after["id"], after["status"], strict=True)
            if prev.get(rid, UNKNOWN) != status]
    return pd.DataFrame(rows, columns=columns)


def overdue(track: pd.DataFrame, when: date | None) -> pd.DataFrame:
    """Recommendations past their deadline on ``when`` and neither done nor rejected."""
    if when is None:
        return track.iloc[0:0]
    late = track["frist"].map(lambda d: d is not None and d < when)
    return track[late & ~track["status"].isin(CLOSED)].reset_index(drop=True)


def county_recommendations(track: pd.DataFrame) -> pd.DataFrame:
    """The tracker rows of the recommendations that fall to the county authorities (named in
    the recommendation or its chapter, or by our reading: upper-secondary and vocational
    schools are county responsibilities), with the kind of link."""
    links = actor_links()
    links = links[links["actor"].eq(COUNTIES)][["id", "role"]]
    return track.merge(links, on="id", how="inner").reset_index(drop=True)


def tracker_table(track: pd.DataFrame) -> pd.DataFrame:
    """The tracker in print form: recommendation (id and label), status, responsible,
    deadline, next step, evidence; columns without any entry are left out."""
    out = pd.DataFrame({
        "anbefaling": track["id"] + " " + track["label"],
        "status": track["status"],
        "ansvarlig": track["ansvarlig"],
        "frist": track["frist"].map(date_nb),
        "neste steg": track["neste_steg"],
        "dokumentasjon": track["dokumentasjon"],
    })
    informative = {"status": out["status"].ne(UNKNOWN).any(),
                   **{c: out[c].ne("").any()
                      for c in ("ansvarlig", "frist", "neste steg", "dokumentasjon")}}
    return out[[c for c in out.columns if informative.get(c, True)]]


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    labels = dict(zip(recommendations()["id"], recommendations()["label"], strict=True))
    return pd.DataFrame({
        "anbefaling": [f"{rid} {labels[rid]}" for rid in changes["id"]],
        "før": changes["fra"], "nå": changes["til"],
        "endret": changes["dato"].map(date_nb),
    })


def overdue_table(late: pd.DataFrame, when: date | None) -> pd.DataFrame:
    return pd.DataFrame({
        "anbefaling": late["id"] + " " + late["label"],
        "status": late["status"],
        "frist": late["frist"].map(date_nb),
        "dager over fristen": [(when - d).days if when else 0 for d in late["frist"]],
        "ansvarlig": late["ansvarlig"],
    })


def county_table(county: pd.DataFrame) -> pd.DataFrame:
    how = {"named": "nevnt i anbefalingen", "chapter": "nevnt i kapittelteksten",
           "implied": "vår tolkning: videregående opplæring og fagskoler er fylkenes ansvar"}
    return pd.DataFrame({
        "anbefaling": county["id"] + " " + county["label"],
        "hvorfor fylkene": county["role"].map(how),
        "status": county["status"],
    })


def template_preview(area: str = AREA_ALL, rows: int = 3) -> pd.DataFrame:
    """The first ``rows`` rows of the status template for ``area``, as they stand in the file."""
    template = status_template()
    ids = set(recommendations(area)["id"])
    return template[template["id"].isin(ids)].head(rows).reset_index(drop=True)


def _count_words(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def template_caption(area: str = AREA_ALL, rows: int = 3) -> str:
    """The caption of ``template_preview`` in plain Norwegian: which of the file's rows the
    preview shows, counted from the data: for the whole strategy "de 3 første av 29 rader, én
    for hver av strategiens 27 anbefalinger og 2 oppfølgingstiltak", for one area "de 3
    første av de 4 anbefalingene i området"."""
    shown = len(template_preview(area, rows))
    kinds = recommendations(AREA_ALL)["kind"]
    n_rec = int((kinds != FOLLOW_UP).sum())
    n_follow = int((kinds == FOLLOW_UP).sum())
    whole = _count_words(n_rec, "anbefaling", "anbefalinger") + (
        f" og {n_follow} oppfølgingstiltak" if n_follow else "")
    if area == AREA_ALL:
        return (f"Slik begynner en tom statusfil: de {shown} første av {n_rec + n_follow} rader, "
                f"én for hver av strategiens {whole}")
    in_area = len(recommendations(area))
    which = (f"områdets {_count_words(in_area, 'anbefaling', 'anbefalinger')}"
             if shown == in_area else f"de {shown} første av de {in_area} anbefalingene i området")
    return f"Slik begynner områdets del av en tom statusfil: {which}"


def status_words_text() -> str:
    """The status words a status file may hold, for prose: «ukjent», … eller «avvist»."""
    parts = [f"«{label}»" for label in STATUS_LABELS]
    return ", ".join(parts[:-1]) + " eller " + parts[-1]
