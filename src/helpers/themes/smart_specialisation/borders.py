"""Borders: the county accounts 2008-2019 use the counties before 2020. From the KLASS history,
how the municipalities of any county of the accounts changed from 2008 to today (mergers, new
municipalities, moves in and out), and which names of the accounts KLASS knows as counties."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.core import data
from helpers.core.formatting import and_list, date_nb

from . import accounts as acc

#: Date on which the accounts' county borders held (the last day before the 2020 reform).
ACCOUNTS_BORDERS = pd.Timestamp("2019-12-31")


def klass_county_names() -> set[str]:
    """County names KLASS has as valid on 31 December 2019 (before the 2020 reform)."""
    from helpers.core.statistics import load_statistic

    hist = load_statistic("klass_regions_history")
    counties = hist[hist["level"] == "county"]
    valid = counties[(counties["valid_from"] <= ACCOUNTS_BORDERS)
                     & (counties["valid_to"].isna() | (counties["valid_to"] > ACCOUNTS_BORDERS))]
    return {acc.county_name(str(n).strip()) for n in valid["label"]}


# --- the county's municipality changes, for any county, from the KLASS history --------------

#: Reader labels of the kinds of change (the table's "endring" column).
MERGED, NEW, CEASED, RENAMED, RENUMBERED, MOVED_IN, MOVED_OUT = (
    "sammenslåing", "ny kommune", "opphørt", "nytt navn", "nytt kommunenummer",
    "flyttet inn", "flyttet ut")
_KIND_ORDER = (MOVED_OUT, MOVED_IN, MERGED, RENAMED, RENUMBERED, CEASED, NEW)
#: The datasets behind ``county_changes`` (for a table's "Kilde:" line).
CHANGE_SOURCES: tuple[str, ...] = ("klass_regions_history", "klass_region_transitions",
                                   "municipality_changes_2020")
#: First day after the accounts' borders (the 2020 reform).
_REFORM = ACCOUNTS_BORDERS + pd.Timedelta(days=1)


@dataclass(frozen=True)
class CountyChanges:
    """The municipality changes of a county (or Viken) from ``since`` to the last change in the
    KLASS history (``until``).

    ``table``: one row per change, columns år, endring, kommuner før, kommune etter, fylke etter.
    ``ceased_unlinked``: (name, year) of municipalities that ended without a successor the data
    name.
    ``counties``: (year, the county or counties the county's municipalities belonged to from
    that year) for each change of county after the accounts' borders."""

    county: str
    since: int
    until: int
    table: pd.DataFrame
    #: The day of the last change in the KLASS history (``until`` is its year).
    last_change: date
    ceased_unlinked: tuple[tuple[str, int], ...]
    counties: tuple[tuple[int, str], ...]
    #: The datasets used (``CHANGE_SOURCES``; the project's list of 2020 changes only where
    #: one of its municipalities is the county's).
    sources: tuple[str, ...] = ()

    def count(self, kind: str) -> int:
        return int((self.table["endring"] == kind).sum())

    @property
    def moved(self) -> bool:
        return bool(self.count(MOVED_IN) or self.count(MOVED_OUT))


def _strip_qualifier(name: str) -> str:
    """ "Våler (Østfold)" → "Våler" (KLASS adds the county to names that occur twice)."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(name)).strip()


def _county_records() -> pd.DataFrame:
    from helpers.core.statistics import load_statistic

    hist = load_statistic("klass_regions_history")
    return hist[hist["level"] == "county"]


def _county_edges() -> pd.DataFrame:
    from helpers.core.statistics import load_statistic

    edges = load_statistic("klass_region_transitions")
    return edges[edges["level"] == "county"]


def _municipality_links(hist: pd.DataFrame) -> dict[int, list[int]]:
    """Record index → indices of the records that continue it on the day it ended.

    A link is the same code (a new record for a new label), the project's list of the 2020
    changes KLASS does not link (``municipality_changes_2020``), or the same name in the same
    county or a county it became. A name that changes county otherwise (Jevnaker: Oppland →
    Viken) needs an edge of the transitions file too, and an unqualified name: the file pairs
    names, and a qualified one ("Os (Hordaland)") is one of several."""
    from helpers.core import regions
    from helpers.core.statistics import load_statistic

    edges = _county_edges()
    moves = load_statistic("klass_region_transitions")
    moves = moves[moves["level"] == "municipality"]
    paired = set(zip(moves["from_code"], moves["to_code"], strict=True))
    follow: dict[str, set[str]] = {}
    for rec in edges.itertuples(index=False):
        follow.setdefault(rec.from_code, set()).add(rec.to_code)
    # counties of one name in the accounts (Sør- and Nord-Trøndelag → Trøndelag, 2018)
    counties = _county_records()
    by_name = counties.groupby(counties["label"].map(acc.county_name))["code"].agg(set)
    for codes in by_name:
        for code in codes:
            follow.setdefault(code, set()).update(codes)
    listed = data.load(regions.CHANGES_2020)
    listed_links = dict(zip(listed["old_code"], listed["new_code"], strict=True))
    links: dict[int, list[int]] = {}
    county_of = dict(zip(hist.index, hist["county"], strict=True))
    code_of = dict(zip(hist.index, hist["code"], strict=True))
    began_on = dict(tuple(hist.groupby("valid_from")))
    ended = hist[hist["valid_to"].notna()]
    # looked up in dictionaries per day: a table scan per record took seconds per report
    for day, group in ended.groupby("valid_to"):
        began = began_on.get(day)
        if began is None:
            continue
        by_code: dict[str, list[int]] = {}
        by_base: dict[str, list[int]] = {}
        for idx, code, base in zip(began.index, began["code"], began["base"], strict=True):
            by_code.setdefault(code, []).append(idx)
            by_base.setdefault(base, []).append(idx)
        for idx, code, county, label, base in zip(group.index, group["code"], group["county"],
                                                  group["label"], group["base"], strict=True):
            target = listed_links[code] if day == _REFORM and code in listed_links else code
            same = by_code.get(target, [])
            if not same:
                homes = follow.get(county, set()) | {county}
                unqualified = label == base
                same = [j for j in by_base.get(base, [])
                        if county_of[j] in homes or (unqualified and (code, code_of[j]) in paired)]
            if len(same) == 1:
                links[idx] = [same[0]]
    return links


def _successor_counties(codes: set[str]) -> set[str]:
    """Today's counties that continue the 2019 counties ``codes``: the county itself if it still
    exists, else the one it was renumbered to, else the ones it merged into."""
    counties = _county_records()
    current = set(counties.loc[counties["valid_to"].isna(), "code"])
    edges = _county_edges()
    out: set[str] = set()
    for code in codes:
        if code in current:
            out.add(code)
            continue
        mine = edges[(edges["from_code"] == code) & edges["to_code"].isin(current)]
        renumbered = mine[mine["change_type"] == "renumbered"]
        out |= set((renumbered if len(renumbered) else mine)["to_code"])
    return out


def _county_label(counties: pd.DataFrame, code: str, day: pd.Timestamp) -> str:
    valid = counties[(counties["code"] == code) & (counties["valid_from"] <= day)
                     & (counties["valid_to"].isna() | (counties["valid_to"] > day))]
    return acc.county_name(str(valid["label"].iloc[-1])) if len(valid) else code


def county_changes(county: str, since: int = acc.FIRST_YEAR) -> CountyChanges:
    """The municipality changes of ``county`` (a county of the accounts, or Viken) from 1 January
    ``since`` to the last change in the KLASS history: mergers, new and ceased municipalities,
    new names and numbers within the county, and municipalities moved in or out.

    A move compares the accounts' borders (31 December 2019) with today's: a 2019 municipality of
    the county that now lies in another county moved out; one of another county that now lies in
    the county's successor moved in (a move before 2020 counts in the year it happened). KLASS
    links old and new records only by code and name; where both change, the record ends without
    a known successor (``ceased_unlinked``) unless the project's list of 2020 changes names it."""
    from helpers.core.statistics import load_statistic

    hist = load_statistic("klass_regions_history")
    hist = hist[hist["level"] == "municipality"].copy()
    hist["base"] = hist["label"].map(_strip_qualifier)
    counties = _county_records()
    start = pd.Timestamp(f"{since}-01-01")
    until = hist["valid_from"].max()
    parts = set(acc.members(county))
    named = counties.assign(name=counties["label"].map(acc.county_name))
    in_window = named[(named["valid_from"] <= ACCOUNTS_BORDERS)
                      & (named["valid_to"].isna() | (named["valid_to"] > start))]
    codes_before = set(in_window.loc[in_window["name"].isin(parts), "code"])
    codes_2019 = set(named.loc[named["name"].isin(parts) & (named["valid_from"] <= ACCOUNTS_BORDERS)
                               & (named["valid_to"].isna()
                                  | (named["valid_to"] > ACCOUNTS_BORDERS)), "code"])
    successors = _successor_counties(codes_2019)

    links = _municipality_links(hist)
    back: dict[int, list[int]] = {}
    for a, bs in links.items():
        for b in bs:
            back.setdefault(b, []).append(a)

    def closure(seeds: set[int], graph: dict[int, list[int]]) -> set[int]:
        seen, todo = set(seeds), list(seeds)
        while todo:
            for nxt in graph.get(todo.pop(), []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def valid_on(day: pd.Timestamp) -> pd.Series:
        return (hist["valid_from"] <= day) & (hist["valid_to"].isna() | (hist["valid_to"] > day))

    at_2019 = hist[valid_on(ACCOUNTS_BORDERS)]
    mine_2019 = set(at_2019.index[at_2019["county"].isin(codes_2019)])
    others_2019 = set(at_2019.index) - mine_2019
    now = hist[hist["valid_to"].isna()]
    mine_now = set(now.index[now["county"].isin(successors)])

    # the records whose changes belong to the county: before 2020 those in its counties of the
    # time, after 2019 those that come from its 2019 municipalities or lead to today's county
    before = set(hist.index[hist["county"].isin(codes_before)
                            & (hist["valid_from"] <= ACCOUNTS_BORDERS)])
    after = {i for i in closure(mine_2019, links) | closure(mine_now, back)
             if hist.at[i, "valid_to"] is pd.NaT or hist.at[i, "valid_to"] > ACCOUNTS_BORDERS}
    relevant = before | after

    def name(i: int) -> str:
        return str(hist.at[i, "label"])

    def county_of(i: int, day: pd.Timestamp) -> str:
        return _county_label(counties, hist.at[i, "county"], day)

    def with_county(i: int, day: pd.Timestamp) -> str:
        return f"{hist.at[i, 'base']} ({county_of(i, day)})"

    rows: list[dict[str, object]] = []
    ceased: list[tuple[str, int]] = []
    for i in sorted(relevant):
        rec = hist.loc[i]
        day = rec["valid_from"]
        preds = back.get(i, [])
        if start < day <= until and (i in before if day <= ACCOUNTS_BORDERS else i in after):
            row = {"år": day.year, "kommune etter": name(i), "fylke etter": county_of(i, day)}
            if not preds:
                rows.append({**row, "endring": NEW, "kommuner før": "–"})
            elif len(preds) > 1:
                rows.append({**row, "endring": MERGED,
                             "kommuner før": and_list(sorted(name(p) for p in preds))})
            elif hist.at[preds[0], "base"] != rec["base"]:
                rows.append({**row, "endring": RENAMED, "kommuner før": name(preds[0])})
            elif (hist.at[preds[0], "code"] != rec["code"]
                  and hist.at[preds[0], "county"] == rec["county"]):
                rows.append({**row, "endring": RENUMBERED, "kommuner før": name(preds[0])})
        end = rec["valid_to"]
        if (end is not pd.NaT and start < end <= until and i not in links
                and (i in before if end <= ACCOUNTS_BORDERS else i in after)):
            rows.append({"år": end.year, "endring": CEASED, "kommuner før": name(i),
                         "kommune etter": "–", "fylke etter": "–"})
            ceased.append((name(i), int(end.year)))

    # moves: 2019 municipality → today's municipality, across the county's border
    for i in sorted(mine_2019):
        for j in closure({i}, links) & set(now.index):
            if j not in mine_now:
                rows.append({"år": hist.at[i, "valid_to"].year, "endring": MOVED_OUT,
                             "kommuner før": name(i), "kommune etter": name(j),
                             "fylke etter": county_of(j, until)})
    for j in sorted(mine_now):
        for i in sorted(closure({j}, back) & others_2019):
            if hist.at[j, "county"] in _successor_counties({hist.at[i, "county"]}):
                continue  # its own county merged with this one: no move
            rows.append({"år": hist.at[i, "valid_to"].year, "endring": MOVED_IN,
                         "kommuner før": with_county(i, ACCOUNTS_BORDERS),
                         "kommune etter": name(j), "fylke etter": county_of(j, until)})
    # moves before 2020: a link from a municipality of another county into the county, or out
    for a, bs in links.items():
        for b in bs:
            a_in, b_in = a in before, b in before
            if a_in != b_in and start < hist.at[b, "valid_from"] <= ACCOUNTS_BORDERS:
                rows.append({"år": hist.at[b, "valid_from"].year,
                             "endring": MOVED_IN if b_in else MOVED_OUT,
                             "kommuner før": with_county(a, hist.at[a, "valid_to"]
                                                         - pd.Timedelta(days=1)),
                             "kommune etter": name(b),
                             "fylke etter": county_of(b, hist.at[b, "valid_from"])})

    table = pd.DataFrame(rows, columns=["år", "endring", "kommuner før", "kommune etter",
                                        "fylke etter"])
    table = table.assign(_k=table["endring"].map(_KIND_ORDER.index)).sort_values(
        ["år", "_k", "kommune etter", "kommuner før"]).drop(columns="_k").reset_index(drop=True)

    # which county the county's municipalities belonged to, at each change of county
    periods: list[tuple[int, str]] = []
    days = sorted(d for d in hist["valid_from"].unique() if ACCOUNTS_BORDERS < d <= until)
    previous = and_list(sorted(parts))
    for day in days:
        here = hist[valid_on(day)]
        mine = here[here.index.isin(closure(mine_2019, links) & closure(mine_now, back))]
        labels = and_list(sorted({_county_label(counties, c, day) for c in mine["county"]}))
        if labels and labels != previous:
            periods.append((pd.Timestamp(day).year, labels))
            previous = labels
    from helpers.core import regions

    listed = set(data.load(regions.CHANGES_2020)["old_code"])
    uses_list = any(hist.at[i, "code"] in listed and hist.at[i, "valid_to"] == _REFORM
                    for i in relevant)
    sources = CHANGE_SOURCES if uses_list else CHANGE_SOURCES[:2]
    return CountyChanges(county=county, since=since, until=until.year, table=table,
                         last_change=until.date(),
                         sources=sources,
                         ceased_unlinked=tuple(sorted(ceased, key=lambda c: (c[1], c[0]))),
                         counties=tuple(periods))


def _count(n: int) -> str:
    from helpers.core.formatting import count_word

    return "én" if n == 1 else count_word(n)


def _from_county(text: str) -> str:
    """ "Hurum (Buskerud)" → "Hurum fra Buskerud"."""
    return re.sub(r"^(.*) \((.*)\)$", r"\1 fra \2", text)


def _with_year(name: str, year: int) -> str:
    """ "Sauherad", 2020 → "Sauherad (2020)"; "Bø (Telemark)" → "Bø (Telemark, 2020)"."""
    return f"{name[:-1]}, {year})" if name.endswith(")") else f"{name} ({year})"


def changes_text(changes: CountyChanges, name: str) -> str:
    """What the county's municipality changes mean for the accounts, in Norwegian for readers:
    the counties its municipalities belonged to after 2019, the moves in and out, and the
    mergers and changes within the county, with what the data cannot tell."""
    tab = changes.table
    period = f"fra {changes.since} til og med endringene {date_nb(changes.last_change)}"
    if tab.empty:
        return (f"Ifølge SSBs kommunehistorikk (KLASS) er kommuneinndelingen i {name} uendret "
                f"{period}. Fylkets tall i regnskapet gjelder derfor de samme kommunene som i "
                "dag.")
    parts = [f"SSBs kommunehistorikk (KLASS) viser disse endringene i kommuneinndelingen i "
             f"{name} {period}."]
    if changes.counties:
        parts.append("Fylkets kommuner hørte " + ", ".join(
            [f"fra {year} til {label}" for year, label in changes.counties]) + ".")
    out = tab[tab["endring"] == MOVED_OUT]
    inn = tab[tab["endring"] == MOVED_IN]
    if out.empty and inn.empty:
        parts.append("Ingen kommuner er flyttet inn i eller ut av fylket"
                     + (", så langt dataene kan følge kommunene" if changes.ceased_unlinked
                        else "; dagens fylke har de samme kommunene som fylket i regnskapet")
                     + ".")
    else:
        if len(out):
            parts.append("Flyttet ut: " + and_list(
                [f"{_strip_qualifier(r['kommuner før'])} (til {r['kommune etter']} i "
                 f"{r['fylke etter']}, {r['år']})" for _, r in out.iterrows()]) + ".")
        if len(inn):
            parts.append("Flyttet inn: " + and_list(
                [f"{_from_county(r['kommuner før'])} (til {r['kommune etter']}, {r['år']})"
                 for _, r in inn.iterrows()]) + ".")
        parts.append("Regnskapet bruker grensene fra 2019, så fylkets tall der omfatter andre "
                     "kommuner enn dagens fylke.")
    merged = int((tab["endring"] == MERGED).sum())
    new = int((tab["endring"] == NEW).sum())
    inside = []
    if merged:
        inside.append(f"{_count(merged)} sammenslåing{'er' if merged > 1 else ''} der "
                      "dataene viser hvilke kommuner som gikk sammen")
    if new:
        inside.append(f"{_count(new)} ny{'e' if new > 1 else ''} "
                      f"kommune{'r' if new > 1 else ''}")
    if inside:
        parts.append("Ellers viser tabellen " + and_list(inside) + ".")
    if changes.ceased_unlinked:
        names = and_list([_with_year(n, y) for n, y in changes.ceased_unlinked])
        many = len(changes.ceased_unlinked) > 1
        parts.append(f"{names} opphørte som egn{'e' if many else ''} "
                     f"kommune{'r' if many else ''} uten at dataene sier hvilken kommune "
                     f"{'de' if many else 'den'} gikk inn i: KLASS-historikken knytter en gammel "
                     "og en ny kommune sammen bare når nummeret eller navnet består.")
    if changes.county in (acc.VIKEN, *acc.VIKEN_PARTS):
        parts.append("For Østfold, Akershus og Buskerud bygger koblingene i 2020 også på SSBs "
                     "liste over kommuneendringene 1. januar 2020.")
    return " ".join(parts)
