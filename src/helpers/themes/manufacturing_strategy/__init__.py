"""The manufacturing strategy (documents 000 and 001): key figures, productivity by period, R&D
against the targets, the recommendation tracker, the actors x recommendations matrix, the
working paper's needs mapped to the recommendations, and the document checks.

Every number comes from a dataset in ``data/``: the strategy's own figures from
``stated_figures`` (by id), the recommendations, areas and actors from ``strategy_*``, and the
published statistics from ``data/public``. Nothing is typed here but labels.

The recommendation tracker reads a user's status file: a CSV with the columns ``id``, ``status``,
``date`` (``YYYY-MM-DD``, may be empty) and ``note`` (may be empty); other columns (such as the
``tiltak`` label in the template) are ignored. ``status`` accepts English or Norwegian words,
case-insensitive; reports show the Norwegian label:

==============  ===========================================
shown as        accepted in the file
==============  ===========================================
ikke startet    not started, ikke startet
pågår           in progress, pågår, påbegynt
gjennomført     done, gjennomført, fullført
avvist          rejected, avvist
==============  ===========================================

Recommendations missing from the file are shown as "ikke registrert" (never silently "not
started"). ``python -m helpers tracker template FILE`` writes a template.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.charts import number_formatter
from helpers.core.formatting import en_dash, fmt_number, lines_ref, unit_nb
from helpers.methods import growth

NOTEBOOK = "manufacturing_strategy"

AREA_ALL = "alle"
FOLLOW_UP = "oppfolging"
ALL_LABEL = "Hele strategien"

# Datasets used by this report.
DS_RECS = "strategy_recommendations"
DS_AREAS = "strategy_areas"
DS_ACTORS = "strategy_actors"
DS_LINKS = "strategy_recommendation_actors"
DS_NEEDS = "strategy_needs_001"
DS_FIGURES = "stated_figures"
DS_PRODUCTIVITY = "ssb_gross_product_per_hour_growth_2009_2014"
DS_RD = "rd_expenditure_norway"
DS_TRADE = "ssb_goods_trade_key_figures_2016"  # only to say which years the data hold

#: Status labels shown in reports, in display order, and the words accepted for each.
STATUS_LABELS: tuple[str, ...] = ("ikke startet", "pågår", "gjennomført", "avvist")
STATUS_SYNONYMS: dict[str, str] = {
    "not started": "ikke startet",
    "ikke startet": "ikke startet",
    "in progress": "pågår",
    "pågår": "pågår",
    "påbegynt": "pågår",
    "done": "gjennomført",
    "gjennomført": "gjennomført",
    "fullført": "gjennomført",
    "rejected": "avvist",
    "avvist": "avvist",
}
NOT_RECORDED = "ikke registrert"
STATUS_COLUMNS: tuple[str, ...] = ("id", "status", "date", "note")

ROLE_SYMBOLS: dict[str, str] = {"named": "●", "chapter": "○", "implied": "·"}
ROLE_LABELS: dict[str, str] = {
    "named": "nevnt i anbefalingen",
    "chapter": "nevnt i kapittelteksten",
    "implied": "vår tolkning",
}

#: The document's own status date ("per februar 2026"), used as "today" for rates so far.
STATUS_YEAR_FIGURE = "000-1173-a"

_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[-\u2013]\s*(\d{4})\s*$")
MAX_PERIODS = 4


class StatusFileError(ValueError):
    """A status file is missing or invalid; the message names the file and the offending row."""


# --------------------------------------------------------------------------- reference data


def areas() -> pd.DataFrame:
    """The five priority areas: key, name, label, challenge in our words, lines."""
    return data.load(DS_AREAS).sort_values("area_no").reset_index(drop=True)


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
        "hovedutfordring (våre ord; linjer i 000)": (
            table["challenge"] + " (" + table["challenge_lines"].map(lines_ref) + ")"),
    })


AREA_MARKER = "► "


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


# --------------------------------------------------------------------------- parameters


def parse_periods(periods: Sequence[Any]) -> list[tuple[int, int]]:
    """Periods as (start, end) year pairs from ``["2005-2014", ...]`` or ``[(2005, 2014), ...]``.

    Raises ``ValueError`` naming the notebook, the parameter and the bad item.
    """
    where = f"notebook {NOTEBOOK!r}, parameter 'periods'"
    if isinstance(periods, str) or not isinstance(periods, Sequence):
        raise ValueError(f"{where}: expected a list such as ['2005-2014', '2015-2024'], "
                         f"got {periods!r}")
    if not 1 <= len(periods) <= MAX_PERIODS:
        raise ValueError(f"{where}: expected 1 to {MAX_PERIODS} periods, got {len(periods)}")
    out: list[tuple[int, int]] = []
    for item in periods:
        if isinstance(item, str):
            m = _PERIOD_RE.match(item)
            if not m:
                raise ValueError(f"{where}: {item!r} is not a period written 'YYYY-YYYY'")
            start, end = int(m.group(1)), int(m.group(2))
        elif (isinstance(item, Sequence) and len(item) == 2
              and all(isinstance(v, int) and not isinstance(v, bool) for v in item)):
            start, end = int(item[0]), int(item[1])
        else:
            raise ValueError(f"{where}: {item!r} is neither 'YYYY-YYYY' nor a (start, end) pair")
        if start >= end:
            raise ValueError(f"{where}: {item!r} must start before it ends")
        if (start, end) in out:
            raise ValueError(f"{where}: {item!r} is given twice")
        out.append((start, end))
    return out


def period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}–{period[1]}"


def validate_parameters(params: Mapping[str, Any]) -> None:
    """The ``validator`` of reports.yaml: periods well-formed, status file valid (the area's
    allowed values are declared there and checked before)."""
    parse_periods(params["periods"])
    status_file = params["status_file"]
    if status_file is not None:
        read_status(status_file)


# --------------------------------------------------------------------------- status file


def resolve_path(path: str | Path) -> Path:
    """A relative path is looked up from the working directory, then from the project root."""
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p
    alt = data.project_root() / p
    return alt if alt.exists() else p


def status_template() -> pd.DataFrame:
    """A status file to fill in: every recommendation and follow-up measure, 'ikke startet'."""
    recs = recommendations(AREA_ALL)
    return pd.DataFrame(
        {
            "id": recs["id"],
            "status": STATUS_LABELS[0],
            "date": "",
            "note": "",
            "tiltak": recs["label"],
        }
    )


def write_status_template(path: str | Path) -> Path:
    path = Path(path)
    status_template().to_csv(path, index=False, encoding="utf-8")
    return path


def read_status(path: str | Path) -> pd.DataFrame:
    """Read and validate a status file; return id, status (Norwegian label), date, note.

    Raises ``StatusFileError`` naming the file and, per problem, the row, the id and what was
    expected: an unknown recommendation id, a status outside the allowed set, a bad date, a
    duplicate id, missing columns.
    """
    p = resolve_path(path)
    if not p.is_file():
        raise StatusFileError(
            f"notebook {NOTEBOOK!r}, parameter 'status_file': file {str(path)!r} not found "
            f"(looked in {Path.cwd()} and {data.project_root()})"
        )
    try:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise StatusFileError(f"status file {p}: cannot be read as UTF-8 CSV: {exc}") from exc
    raw.columns = [c.strip().lower() for c in raw.columns]
    missing = [c for c in ("id", "status") if c not in raw.columns]
    if missing:
        raise StatusFileError(
            f"status file {p}: missing column(s) {missing}; expected columns "
            f"{', '.join(STATUS_COLUMNS)} (date and note may be empty)"
        )
    for col in ("date", "note"):
        if col not in raw.columns:
            raw[col] = ""
    known = list(recommendations(AREA_ALL)["id"])
    problems: list[str] = []
    seen: dict[str, int] = {}
    rows = []
    for i, rec in enumerate(raw.to_dict("records"), start=2):  # row 1 is the header
        rid = rec["id"].strip().upper()
        status = rec["status"].strip().lower()
        date = rec["date"].strip()
        if not rid:
            problems.append(f"row {i}: empty id")
            continue
        if rid not in known:
            problems.append(
                f"row {i}: unknown recommendation id {rec['id']!r} "
                f"(known ids: {known[0]}-{known[-1]}, e.g. A1, C9, F2)"
            )
        if rid in seen:
            problems.append(f"row {i}: id {rid!r} already given in row {seen[rid]}")
        seen.setdefault(rid, i)
        if status not in STATUS_SYNONYMS:
            problems.append(
                f"row {i}, id {rid!r}: status {rec['status']!r} is not allowed; use one of "
                + ", ".join(repr(s) for s in STATUS_SYNONYMS)
            )
        if date and not _valid_date(date):
            problems.append(f"row {i}, id {rid!r}: date {date!r} is not YYYY-MM-DD")
        rows.append({"id": rid, "status": STATUS_SYNONYMS.get(status, status), "date": date,
                     "note": rec["note"].strip()})
    if problems:
        raise StatusFileError(f"status file {p}: {len(problems)} problem(s):\n  "
                              + "\n  ".join(problems))
    return pd.DataFrame(rows, columns=list(STATUS_COLUMNS))


def _valid_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True


def tracker(status: pd.DataFrame | None, area: str = AREA_ALL) -> pd.DataFrame:
    """One row per recommendation of ``area`` (follow-up measures included) with its status.

    Without a status table every status is "ikke registrert".
    """
    recs = recommendations(area)
    cols = ["id", "area", "area_name", "label", "actors", "lines", "target_value",
            "target_unit", "target_year"]
    out = recs[cols].copy()
    if status is None:
        out["status"], out["date"], out["note"] = NOT_RECORDED, "", ""
        return out
    out = out.merge(status, on="id", how="left")
    out["status"] = out["status"].fillna(NOT_RECORDED)
    out[["date", "note"]] = out[["date", "note"]].fillna("")
    return out


def tracker_with_follow_up(status: pd.DataFrame | None, area: str = AREA_ALL) -> pd.DataFrame:
    """The tracker rows a report lists: the area's recommendations, then the follow-up
    measures (they belong to no area, so every report shows them)."""
    own = tracker(status, area)
    own = own[own["area"] != FOLLOW_UP]
    everything = tracker(status, AREA_ALL)
    return pd.concat([own, everything[everything["area"] == FOLLOW_UP]], ignore_index=True)


def _status_order() -> list[str]:
    return [*STATUS_LABELS, NOT_RECORDED]


def progress_by_area(track: pd.DataFrame, *, short: bool = False) -> pd.DataFrame:
    """Count of recommendations per status and area, with the share done (percent).

    ``short`` labels the areas with their one-word label ("Markeder"): with the full names the
    table is wider than an A4 page and its status headers get squeezed and hyphenated.
    """
    names = track["area_name"]
    if short:
        labels = dict(zip(areas()["area"], areas()["label"], strict=True))
        labels[FOLLOW_UP] = "Oppfølging"
        names = track["area"].map(labels)
    table = pd.crosstab(names.rename("area_name"), track["status"])
    table = table.reindex(columns=_status_order(), fill_value=0)
    order = list(dict.fromkeys(names))
    table = table.reindex(order)
    table["totalt"] = table.sum(axis=1)
    table["andel gjennomført (%)"] = 100.0 * table["gjennomført"] / table["totalt"]
    table.index.name = "område"
    table.columns.name = None  # else printed as a stray header cell
    return table.reset_index()


def progress_by_actor(track: pd.DataFrame, roles: Iterable[str] = ("named", "chapter"), *,
                      label: str = "name") -> pd.DataFrame:
    """Count of recommendations per status for each actor linked with one of ``roles``.

    ``label`` is the actors' column used as row label: ``name`` (full) or ``short`` (fits an
    A4 table beside the status columns).
    """
    links = actor_links()
    links = links[links["role"].isin(list(roles))]
    merged = links.merge(track[["id", "status"]], on="id", how="inner")
    if merged.empty:
        return pd.DataFrame(columns=["aktør", *_status_order(), "totalt"])
    table = pd.crosstab(merged[label].rename("name"), merged["status"])
    table = table.reindex(columns=_status_order(), fill_value=0)
    table["totalt"] = table.sum(axis=1)
    table = table.sort_values(["totalt", "gjennomført"], ascending=False, kind="stable")
    table.index.name = "aktør"
    table.columns.name = None
    return table.reset_index()


def targets(area: str = AREA_ALL) -> pd.DataFrame:
    """Recommendations with a quantitative target, with today's level in the target's unit.

    ``nivå i dag`` is the document's level where it is stated in the target's unit, or, where
    the target is a yearly rate and the document gives a count since a start year (e.g. firms
    in Produktivitetsspranget since 2018), that count per year up to the document's status year
    (our computation). Where the document's level measures something else (D2: all publicly
    financed R&D against a target for business-oriented research and innovation), ``nivå i
    dag`` is NaN and ``om nivået`` says why. ``oppgitt nivå`` keeps the stated number.
    """
    recs = recommendations(area)
    recs = recs[recs["target_figure_id"].fillna("") != ""]
    rows = []
    for rec in recs.to_dict("records"):
        tgt = _figure(rec["target_figure_id"])
        if not math.isclose(float(tgt["value"]), float(rec["target_value"])):
            raise data.DataError(
                f"{DS_RECS}: target of {rec['id']} ({rec['target_value']}) differs from stated "
                f"figure {rec['target_figure_id']} ({tgt['value']})"
            )
        base = _figure(rec["baseline_figure_id"]) if rec["baseline_figure_id"] else None
        level, about = math.nan, "dokumentet oppgir ikke noe nivå"
        if base is not None:
            stated = f"{fmt_number(base['value'], _printed_decimals(base['printed']))} " \
                     f"{unit_no(base['unit'])}"
            since = re.fullmatch(r"(\d{4})-", str(base["period"]))
            if base["unit"] == rec["target_unit"]:
                if "wider" in str(rec["note"]):
                    about = (f"ikke sammenliknbart: dokumentets {stated} gjelder et videre mål, "
                             f"{_lowercase(base['label_nb'] or base['measure'])}")
                else:
                    level, about = float(base["value"]), "som oppgitt"
            elif rec["target_unit"] == f"{base['unit']} per year" and since:
                first, last = int(since.group(1)), int(_value(STATUS_YEAR_FIGURE))
                level = float(base["value"]) / (last - first)
                about = f"{stated} {first}–{last} delt på {last - first} år, vår beregning"
            else:
                about = f"oppgitt {stated}, annen enhet enn målet"
        rows.append({
            "anbefaling": rec["id"],
            "mål": float(tgt["value"]),
            "minimum": "minimum" in str(tgt["note"]),
            "enhet": unit_no(rec["target_unit"]),
            "målår": rec["target_year"],
            "nivå i dag": level,
            "oppgitt nivå": float(base["value"]) if base is not None else math.nan,
            "om nivået": about,
            "linjer (mål; nivå)": en_dash(f"{tgt['lines']}; {base['lines']}" if base is not None
                                        else tgt["lines"]),
        })
    return pd.DataFrame(rows, columns=_TARGET_COLUMNS)


_TARGET_COLUMNS = ["anbefaling", "mål", "minimum", "enhet", "målår", "nivå i dag",
                   "oppgitt nivå", "om nivået", "linjer (mål; nivå)"]


def targets_table(area: str = AREA_ALL) -> pd.DataFrame:
    """The targets in print form: target with unit and year, today's level, what it is."""
    tgt = targets(area)
    if tgt.empty:
        return pd.DataFrame(columns=["anbefaling", "mål", "nivå i dag"])
    labels = dict(zip(recommendations()["id"], recommendations()["label"], strict=True))

    def amount(value: float, unit: str, decimals: int = 2) -> str:
        if value != value:  # NaN
            return "–"
        return f"{fmt_number(value, decimals if value % 1 else 0)}\u00a0{unit}"

    target_lines = [lines.split(";")[0].strip() for lines in tgt["linjer (mål; nivå)"]]
    level_lines = [lines.split(";")[1].strip() if ";" in lines else ""
                   for lines in tgt["linjer (mål; nivå)"]]
    # three text columns: narrow extra columns (target year, lines) were squeezed in print
    return pd.DataFrame({
        "anbefaling": [f"{rid} {labels[rid]} ({lines_ref(ln)})"
                       for rid, ln in zip(tgt["anbefaling"], target_lines, strict=True)],
        "mål": [("minst " if minimum else "") + amount(v, u)
                + ("" if y != y or y is None else f" innen {y:.0f}")
                for v, u, y, minimum in zip(tgt["mål"], tgt["enhet"], tgt["målår"],
                                            tgt["minimum"], strict=True)],
        "nivå i dag": [
            (f"om lag {amount(v, u, 1)}: " if v == v and v % 1
             else f"{amount(v, u)}: " if v == v else "") + f"{about}"
            + (f" ({lines_ref(ln)})" if ln else "")
            for v, u, about, ln in zip(tgt["nivå i dag"], tgt["enhet"], tgt["om nivået"],
                                       level_lines, strict=True)],
    })


def _lowercase(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def produktivitetsspranget_rate() -> dict[str, float]:
    """Firms per year in Produktivitetsspranget so far against the target of the strategy.

    Firms since the start year (000-0827-b, start 000-0828-a) over the years up to the status
    date of the document (000-1173-a, February of the publication year).
    """
    firms = _value("000-0827-b")
    start = _value("000-0828-a")
    status_year = _value(STATUS_YEAR_FIGURE)
    years = status_year - start
    return {
        "firms": firms,
        "start": start,
        "status_year": status_year,
        "years": years,
        "per_year": firms / years,
        "target": _value("000-0048-a"),
    }


# --------------------------------------------------------------------------- matrix


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


# --------------------------------------------------------------------------- 001 → 000


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


# --------------------------------------------------------------------------- figures


def _figures() -> pd.DataFrame:
    return data.load(DS_FIGURES).set_index("id", drop=False)


def _figure(figure_id: str) -> pd.Series:
    frame = _figures()
    if figure_id not in frame.index:
        raise checks.UnknownFigure(f"stated figure {figure_id!r} is not in {DS_FIGURES!r}")
    return frame.loc[figure_id]


def _value(figure_id: str) -> float:
    return float(_figure(figure_id)["value"])


#: The key figures of section 1: stated-figure id → Norwegian label (ours).
KEY_FIGURES: dict[str, str] = {
    "000-0352-b": "Sysselsatte i industrien, personer",
    "000-0341-b": "Sysselsatte i industrien, personer",
    "000-0352-a": "Endring i sysselsettingen",
    "000-0353-b": "Nye jobber i metallvarer, elektrisk utstyr, maskiner, reparasjon",
    "000-0341-a": "Industriens andel av BNP",
    "000-0342-a": "Industriens andel av omsetningen i næringslivet",
    "000-0362-a": "Industriens andel av eksportinntektene",
    "000-0374-a": "Olje og gass, andel av eksporten",
    "000-0428-a": "Produktivitetsvekst i industrien per år",
    "000-0429-a": "Produktivitetsvekst i industrien per år",
    "000-0399-a": "Anslått produktivitetsvekst per år, markedsrettet fastlandsøkonomi",
    "000-1130-a": "Samlet FoU, andel av BNP",
    "000-1130-b": "Offentlig finansiert FoU, andel av BNP",
    "000-1128-a": "Mål: samlet FoU, andel av BNP",
    "000-1129-a": "Mål: næringslivets FoU, andel av BNP",
    "000-0118-a": "Mål: offentlig næringsrettet forskning og innovasjon, andel av BNP",
}

#: Where this report words a unit otherwise than ``formatting.UNITS_NB`` (which shows counts and
#: years without a unit).
_UNITS_NO = {"count": "antall", "year": "år"}




_PERIODS_NO = {"recent years": "de siste årene", "projection": "framover", "current": "i dag"}


def _printed_decimals(printed: str) -> int:
    """Decimals shown in a printed number ('1,25' → 2); 0 for numbers printed as words."""
    try:
        return checks.parse_printed(printed)[1]
    except checks.ChecksError:
        return 0


def unit_no(unit: str) -> str:
    """Norwegian unit label for the units used in the stated figures."""
    return _UNITS_NO.get(unit) or unit_nb(unit)


def key_figures() -> pd.DataFrame:
    """The strategy's key figures (section 1) as stated: label with period, value, the source
    the document cites, line.

    The value cell holds only the number (and "%" for percentages), so it prints as one
    right-aligned cell that never wraps; the rest of the unit is in the label. A separate unit
    or period column was squeezed and hyphenated in print ("per-soner", "2018–/2023").
    """
    frame = _figures()
    rows = []
    for fid, label in KEY_FIGURES.items():
        r = frame.loc[fid]
        period = en_dash(_PERIODS_NO.get(r["period"], r["period"]))
        value = fmt_number(r["value"], _printed_decimals(r["printed"]))
        rows.append({
            "nøkkeltall": f"{label} ({period})" if period else label,
            "verdi": f"{value} %" if str(r["unit"]).startswith("%") else value,
            "dokumentet viser til": r["source_cited"] or "–",
            "sted": lines_ref(r["lines"]),
        })
    return pd.DataFrame(rows)


def employment_change() -> dict[str, float]:
    """Employment at the start and end year as stated, and the change recomputed from the two
    levels (years from the figures' periods)."""
    start, end = _value("000-0352-b"), _value("000-0341-b")
    new_in_groups = _value("000-0353-b")
    diff = end - start
    return {
        "start": start,
        "end": end,
        "start_year": int(_figure("000-0352-b")["period"]),
        "end_year": int(_figure("000-0341-b")["period"]),
        "difference": diff,
        "change_pct": checks.change_pct(start, end),
        "stated_pct": _value("000-0352-a"),
        "new_in_groups": new_in_groups,
        "share_of_increase_pct": checks.share(new_in_groups, diff),
    }


# --------------------------------------------------------------------------- productivity


def productivity_annual(industries: Sequence[str] = ("Industri", "Totalt for næringer")
                        ) -> pd.DataFrame:
    """Annual volume change in gross product per hour worked (percent) from SSB, wide by year."""
    df = data.load(DS_PRODUCTIVITY)
    df = df[df["region"].eq("Norway") & df["industry"].isin(list(industries))]
    wide = df.pivot_table(index="year", columns="industry", values="value", aggfunc="first")
    return wide.reindex(columns=list(industries)).sort_index()


def average_annual_growth(rates_pct: pd.Series) -> float:
    """Compound average of annual growth rates in percent (chain-linked, then annualised)."""
    rates = pd.Series(rates_pct, dtype=float).dropna()
    if rates.empty:
        return math.nan
    total = float(np.prod(1.0 + rates.to_numpy() / 100.0)) - 1.0
    return 100.0 * growth.annualise(total, len(rates))


def _stated_period_figures() -> dict[tuple[int, int], str]:
    """Stated manufacturing productivity growth rates keyed by their period (from the data)."""
    frame = _figures()
    sel = frame[(frame["document"] == "000") & (frame["kind"] == "growth_rate")
                & frame["measure"].str.startswith("average annual productivity growth")]
    out: dict[tuple[int, int], str] = {}
    for fid, period in zip(sel["id"], sel["period"], strict=True):
        m = _PERIOD_RE.match(period)
        if m:
            out[(int(m.group(1)), int(m.group(2)))] = fid
    return out


def productivity_by_period(periods: Sequence[Any]) -> pd.DataFrame:
    """Average annual productivity growth in manufacturing per period.

    For each period: the document's stated rate where it states one for exactly that period,
    and the compound average of SSB's annual rates for the years of the period that the data
    cover (with the coverage shown, since the shipped SSB table holds 2009-2014 only).
    A period includes the annual rates of its first and last year (2005-2014 = ten rates), as
    the document's chart of annual rates suggests.
    """
    annual = productivity_annual(("Industri",))["Industri"]
    stated_ids = _stated_period_figures()
    rows = []
    for start, end in parse_periods(periods):
        in_period = annual[(annual.index >= start) & (annual.index <= end)].dropna()
        fid = stated_ids.get((start, end))
        n_years = end - start + 1
        rows.append({
            "periode": period_label((start, end)),
            "strategien": _value(fid) if fid else math.nan,
            "linjer": lines_ref(_figure(fid)["lines"]) if fid else "–",
            "SSB, snitt": average_annual_growth(in_period),
            "SSB-år": (f"{in_period.index.min()}–{in_period.index.max()}"
                                if len(in_period) else "ingen"),
            "dekning": f"{len(in_period)} av {n_years} år",
        })
    return pd.DataFrame(rows)


def productivity_projection() -> float:
    """The projection the document cites (Perspektivmeldingen 2024), percent a year."""
    return _value("000-0399-a")


# --------------------------------------------------------------------------- R&D


def rd_share_of_gdp() -> pd.DataFrame:
    """Total R&D as a share of GDP by year, one value per year, with its source.

    SSB's own pages are preferred over NIFU and secondary sources; a preliminary value is kept
    only where no final one exists. The share of business R&D is derived as total share x
    (business R&D / total R&D), using R&D amounts from the same page as the share when
    available (our computation).
    """
    df = data.load(DS_RD)
    shares = df[df["measure"].eq("R&D expenditure as share of GDP") & df["industry"].eq("Total")]
    shares = shares.assign(
        rank=np.where(shares["source_url"].str.contains("ssb.no"), 0,
                      np.where(shares["note"].str.contains("SECONDARY"), 2, 1)),
        prelim=shares["note"].str.contains("PRELIMINARY", case=False),
    ).sort_values(["year", "prelim", "rank"])
    best = shares.groupby("year", as_index=False).first()
    rows = []
    for r in best.to_dict("records"):
        year = int(r["year"])
        biz = _business_share(df, year, r["source_url"])
        rows.append({
            "år": year,
            "FoU i alt": float(r["value"]),
            "næringslivet (beregnet)": float(r["value"]) * biz
            if not math.isnan(biz) else math.nan,
            "kilde": _source_kind(r["source_url"], r["note"]),
        })
    return pd.DataFrame(rows)


def _business_share(df: pd.DataFrame, year: int, url: str) -> float:
    """Business R&D / total R&D in ``year`` from amounts (same page as ``url`` if possible)."""
    amounts = df[(df["year"] == year) & df["measure"].isin(
        ["R&D expenditure by performing sector", "R&D expenditure"])]
    for same_page in (True, False):
        sel = amounts[amounts["source_url"].eq(url)] if same_page else amounts
        for _unit, grp in sel.groupby("unit"):
            biz = grp.loc[grp["industry"].eq("Næringslivet"), "value"]
            tot = grp.loc[grp["industry"].eq("Total"), "value"]
            if len(biz) and len(tot):
                return float(biz.iloc[0]) / float(tot.iloc[0])
    return math.nan


def _source_kind(url: str, note: str) -> str:
    if "SECONDARY" in note:
        return "fpol.no (sekundær)"
    if "ssb.no" in url:
        return "SSB"
    if "nifu.no" in url:
        return "NIFU"
    return "Forskningsrådet"


def rd_targets() -> dict[str, float]:
    """The R&D targets as stated in the document (percent of GDP)."""
    return {
        "total": _value("000-1128-a"),
        "business": _value("000-1129-a"),
        "public_business_oriented": _value("000-0118-a"),
        "public_business_oriented_year": float(_figure("000-0118-a")["period"]),
        "public_level_stated": _value("000-1130-b"),
    }


def rd_against_targets() -> pd.DataFrame:
    """R&D share of GDP by year with the gap to the 3 % and the business 2 % target (pp)."""
    rd = rd_share_of_gdp()
    tg = rd_targets()
    rd["avvik, samlet mål"] = rd["FoU i alt"] - tg["total"]
    rd["avvik, næringslivsmål"] = (
        rd["næringslivet (beregnet)"] - tg["business"]
    )
    return rd


# --------------------------------------------------------------------------- document checks


def document_checks() -> list[checks.CheckResult]:
    """Checks of documents 000 and 001: counts stated twice, growth against its endpoints,
    figures restated in two places, and what the shipped data cannot check (with why)."""
    recs = data.load(DS_RECS)
    main = recs[recs["kind"].eq("anbefaling")]
    emp = employment_change()
    out = [
        checks.check("000-0015-a", float(main["summary_lines"].ne("").sum()),
                     "telt i sammendraget", sources=[DS_RECS]),
        checks.check("000-0015-a", float(main["lines"].ne("").sum()),
                     "telt i kapittel 8", sources=[DS_RECS]),
        checks.check("000-0015-b", float(main["area"].nunique()),
                     "områder med anbefalinger", sources=[DS_RECS, DS_AREAS]),
        checks.check("000-0016-a", float(recs["kind"].eq("oppfolging").sum()),
                     "telt i teksten", sources=[DS_RECS]),
        checks.check("000-0352-a", emp["change_pct"],
                     f"fra nivåene {emp['start_year']} og {emp['end_year']}",
                     sources=[DS_FIGURES]),
        checks.cannot_check("000-0353-b",
                            "tabell 1 mangler; tallet er hele nettoøkningen "
                            f"({fmt_number(emp['start'])} → {fmt_number(emp['end'])})",
                            sources=[DS_FIGURES]),
        checks.check("000-0353-a", _value("000-0341-b"), _as_at("000-0341-b"),
                     sources=[DS_FIGURES]),
        checks.check("000-0946-a", _value("000-0048-a"), _as_at("000-0048-a"),
                     sources=[DS_FIGURES]),
        checks.check("000-1198-a", _value("000-0118-a"), _as_at("000-0118-a"),
                     sources=[DS_FIGURES]),
        checks.check("000-1164-a", _value("000-1128-a"), _as_at("000-1128-a"),
                     sources=[DS_FIGURES]),
        checks.check("000-1374-a", _value("000-0170-a"), _as_at("000-0170-a"),
                     sources=[DS_FIGURES]),
        checks.check("000-0170-a", _value("001-0102-b"),
                     f"arbeidsnotatet (001, l. {en_dash(_figure('001-0102-b')['lines'])})",
                     sources=[DS_FIGURES]),
    ]
    rd = rd_share_of_gdp()
    ssb = rd[rd["kilde"].eq("SSB")]
    if len(ssb):
        last = ssb.iloc[-1]
        out.append(checks.check(
            "000-1130-a", float(last["FoU i alt"]),
            f"SSB {int(last['år'])}; «om lag» = hele prosent",
            sources=[DS_RD], rounding_unit=1.0,
        ))
    # the stated period rates against the SSB years the data hold (periods from the data)
    for period, fid in _stated_period_figures().items():
        prod = productivity_by_period([period]).iloc[0]
        reason = (f"SSB i data: bare {prod['SSB-år']} (snitt {fmt_number(prod['SSB, snitt'], 1)} %)"
                  if prod["SSB-år"] != "ingen"
                  else f"ingen SSB-tall {period_label(period)} i data")
        out.append(checks.cannot_check(fid, reason, sources=[DS_PRODUCTIVITY]))
    trade_years = sorted({int(y) for y in data.load(DS_TRADE)["year"]})
    out += [
        checks.cannot_check("000-0341-a", "BNP etter næring mangler i data"),
        checks.cannot_check("000-0362-a", f"eksport {_figure('000-0362-a')['period']} etter "
                                          "næring mangler i data"),
        checks.cannot_check("000-0374-a", f"handel {_figure('000-0374-a')['period']} mangler i "
                                          f"data (bare {', '.join(map(str, trade_years))})",
                            sources=[DS_TRADE]),
    ]
    return out


def _as_at(figure_id: str) -> str:
    """Method text for a figure stated twice: "som l. 341–342" (the first statement's lines)."""
    return f"som l. {en_dash(_figure(figure_id)['lines'])}"


def checks_table(results: Iterable[checks.CheckResult]) -> pd.DataFrame:
    """The document checks in print form: ``checks.table`` with fewer columns, the line (and
    the document, when not 000) standing in the claim column."""
    results = list(results)
    t = checks.table(results)
    claims = []
    for r in results:
        label = checks.stated(r.figure_id).label_nb or r.claim  # no period: the line says where
        # document 000 is the default; other documents are named with the lines
        where = f"l. {en_dash(r.lines)}" if r.document == "000" else (
            f"dok. {r.document}, l. {en_dash(r.lines)}")
        claims.append(f"{label} ({where})")
    t["påstand"] = claims
    return t[["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]




# --------------------------------------------------------------------------- tables for print


#: What each dataset of the report holds, in Norwegian (the descriptors' titles are English).
DATASET_LABELS_NB: dict[str, str] = {
    DS_FIGURES: "Tall oppgitt i dokumentenes tekst, hvert med linjenummer",
    DS_AREAS: "De prioriterte områdene og hovedutfordringene (våre ord)",
    DS_RECS: "Anbefalingene og oppfølgingsforslagene, med korte etiketter (våre ord)",
    DS_ACTORS: "Aktørene som nevnes, med normaliserte navn og forkortelser",
    DS_LINKS: "Hvilke aktører hver anbefaling peker på (vår koding)",
    DS_NEEDS: "Behov og utfordringer i arbeidsnotatet, koblet til anbefalingene (vår vurdering)",
    DS_PRODUCTIVITY: "Årlig volumendring i bruttoprodukt per utførte timeverk, industri og "
                     "alle næringer",
    DS_RD: "FoU-utgifter i Norge, beløp og andel av BNP",
    DS_TRADE: "Nøkkeltall for varehandelen med utlandet (bare for å vise hvilke år data har)",
}




def tracker_table(track: pd.DataFrame) -> pd.DataFrame:
    """The tracker in print form: id, label and line in chapter 8 in one cell, then status,
    date and note.

    The line reference sits in the label cell: a separate narrow column of ranges wrapped
    mid-range in print ("1072–/1073") and mixed right- and left-aligned cells.
    """
    out = pd.DataFrame({
        "anbefaling (linjer i kap. 8)": (track["id"] + " " + track["label"] + " ("
                                         + track["lines"].map(lines_ref) + ")"),
        "status": track["status"],
        "dato": track["date"],
        "merknad": track["note"],
    })
    # columns without information (no status file: every status "ikke registrert", no dates,
    # no notes) only take room in print
    informative = {"status": out["status"].ne(NOT_RECORDED).any(),
                   "dato": out["dato"].ne("").any(), "merknad": out["merknad"].ne("").any()}
    return out[[c for c in out.columns if informative.get(c, True)]]


def template_preview(area: str = AREA_ALL, rows: int = 3) -> pd.DataFrame:
    """The first ``rows`` rows of the status template for ``area``, as they stand in the file."""
    template = status_template()
    ids = set(recommendations(area)["id"])
    return template[template["id"].isin(ids)].head(rows).reset_index(drop=True)


def status_words_text() -> str:
    """The status values a status file may hold, for prose: 'ikke startet (not started), ...'.

    Each label shown in reports, with the other words accepted for it in parentheses.
    """
    parts = []
    for label in STATUS_LABELS:
        others = [w for w, lab in STATUS_SYNONYMS.items() if lab == label and w != label]
        parts.append(f"«{label}» ({', '.join(others)})" if others else f"«{label}»")
    return ", ".join(parts[:-1]) + " eller " + parts[-1]


# --------------------------------------------------------------------------- charts


def plot_productivity(by_period: pd.DataFrame, projection: float) -> Any:
    """Grouped bars: stated and SSB-based average growth per period, projection as a line."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    x = np.arange(len(by_period))
    width = 0.38
    stated = by_period["strategien"]
    ssb = by_period["SSB, snitt"]
    ax.bar(x - width / 2, stated.fillna(0), width, label="Oppgitt i strategien",
           color="#1f4e79")
    ax.bar(x + width / 2, ssb.fillna(0), width, color="#9dc3e6",
           label="Beregnet fra SSB, snitt av årene i data (dekning over søylen)")
    for xi, v in zip(x - width / 2, stated, strict=True):
        ax.annotate("ikke oppgitt" if math.isnan(v) else fmt_number(v, 1), (xi, 0 if
                    math.isnan(v) else v), ha="center", va="bottom", fontsize=8,
                    xytext=(0, 2), textcoords="offset points")
    for xi, v, cov in zip(x + width / 2, ssb, by_period["dekning"], strict=True):
        text = "ingen data" if math.isnan(v) else f"{fmt_number(v, 1)}\n({cov})"
        ax.annotate(text, (xi, 0 if math.isnan(v) else v), ha="center", va="bottom",
                    fontsize=8, xytext=(0, 2), textcoords="offset points")
    # explained in the legend: a label on the line would cross the bars
    ax.axhline(projection, color="#c00000", linestyle="--", linewidth=1,
               label="Anslag framover, markedsrettet fastlandsøkonomi (Perspektivmeldingen): "
                     f"{fmt_number(projection, 1)}")
    ax.set_xticks(x, by_period["periode"])
    ax.set_ylabel("Prosent per år")
    ax.yaxis.set_major_formatter(number_formatter(1))
    top = np.nanmax([stated.max(), ssb.max(), projection])
    ax.set_ylim(0, top * 1.45)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_productivity_annual(annual: pd.DataFrame) -> Any:
    """Annual volume change in gross product per hour worked, manufacturing and all industries."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = {"Industri": "Industri", "Totalt for næringer": "Alle næringer"}
    colors = {"Industri": "#1f4e79", "Totalt for næringer": "#a5a5a5"}
    for col in annual.columns:
        ax.plot(annual.index, annual[col], marker="o", label=labels.get(col, col),
                color=colors.get(col))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(list(annual.index))
    ax.set_ylabel("Volumendring, prosent")
    ax.yaxis.set_major_formatter(number_formatter(0))
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_rd(rd: pd.DataFrame, targets_: Mapping[str, float]) -> Any:
    """R&D as a share of GDP by year against the total and the business target."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    total = rd["FoU i alt"]
    biz = rd["næringslivet (beregnet)"]
    secondary = rd["kilde"].str.contains("sekundær")
    ax.plot(rd["år"], total, marker="o", color="#1f4e79", label="FoU i alt")
    ax.plot(rd["år"], biz, marker="s", color="#70ad47", label="Næringslivets FoU (beregnet)")
    if secondary.any():
        ax.scatter(rd.loc[secondary, "år"], total[secondary], s=120, facecolors="none",
                   edgecolors="#c00000", label="Sekundærkilde")
    # target lines are explained in the legend: labels on the plot would cross the series
    for key, label, color in (("total", "Mål, samlet FoU", "#1f4e79"),
                              ("business", "Mål, næringslivet", "#70ad47")):
        ax.axhline(targets_[key], color=color, linestyle="--", linewidth=1,
                   label=f"{label} ({fmt_number(targets_[key], 0)} %)")
    ax.set_xticks(list(rd["år"]))
    ax.set_ylabel("Prosent av BNP")
    ax.yaxis.set_major_formatter(number_formatter(1))
    ax.set_ylim(0, targets_["total"] * 1.15)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


_STATUS_COLORS = {"ikke startet": "#d9d9d9", "pågår": "#ffc000", "gjennomført": "#70ad47",
                  "avvist": "#c00000", NOT_RECORDED: "#ffffff"}


def plot_progress(progress: pd.DataFrame, label_col: str = "område", max_label: int = 40
                  ) -> Any:
    """Stacked horizontal bars: recommendations per status for each area (or actor).

    Many rows (the actors) get thinner rows so the chart stays within an A4 page; labels
    longer than ``max_label`` characters are shortened with an ellipsis.
    """
    import matplotlib.pyplot as plt

    per_row = 0.45 if len(progress) <= 8 else 0.3
    height = max(2.2, per_row * len(progress) + 1.2)
    fig, ax = plt.subplots(figsize=(7, height))
    left = np.zeros(len(progress))
    y = np.arange(len(progress))
    for status in _status_order():
        vals = progress[status].to_numpy(dtype=float)
        if not vals.any():
            continue
        ax.barh(y, vals, left=left, color=_STATUS_COLORS[status], edgecolor="#7f7f7f",
                linewidth=0.5, label=status)
        left += vals
    from matplotlib.ticker import MaxNLocator

    labels = [t if len(t) <= max_label else t[: max_label - 1].rstrip() + "…"
              for t in progress[label_col].astype(str)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("Antall anbefalinger")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(number_formatter(0))
    # legend above the bars: below them it would collide with the axis label
    ax.legend(fontsize=8, frameon=False, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_actor_matrix(matrix: pd.DataFrame, labels: Mapping[str, str],
                      max_label: int = 58) -> Any:
    """Actors (columns, abbreviations) x recommendations (rows, id and short label) as markers:
    filled = named in the recommendation, open = named in the chapter, dot = our reading."""
    import matplotlib.pyplot as plt

    n_rows, n_cols = matrix.shape
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.24 * n_rows + 1.3)))
    styles = {
        ROLE_SYMBOLS["named"]: dict(marker="o", s=46, facecolors="#1f4e79",
                                    edgecolors="#1f4e79"),
        ROLE_SYMBOLS["chapter"]: dict(marker="o", s=46, facecolors="none",
                                      edgecolors="#1f4e79"),
        ROLE_SYMBOLS["implied"]: dict(marker="o", s=20, color="#8c8c8c"),
    }
    names = {ROLE_SYMBOLS["named"]: ROLE_LABELS["named"],
             ROLE_SYMBOLS["chapter"]: ROLE_LABELS["chapter"],
             ROLE_SYMBOLS["implied"]: ROLE_LABELS["implied"]}
    for symbol, style in styles.items():
        ys, xs = np.nonzero(matrix.to_numpy() == symbol)
        if len(xs):
            ax.scatter(xs, ys, label=names[symbol], **style)
    ylabels = []
    for rid in matrix.index:
        text = labels.get(rid, "")
        if len(text) > max_label:
            text = text[: max_label - 1].rstrip() + "…"
        ylabels.append(f"{rid} {text}")
    ax.set_xticks(range(n_cols), matrix.columns, rotation=90, fontsize=8)
    ax.set_yticks(range(n_rows), ylabels, fontsize=7.5)
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.grid(True, color="#e0e0e0", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(fontsize=8, frameon=False, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout()
    return fig
