"""Indicators that follow the strategy's priority areas in published statistics: each an annual
series for manufacturing from an SSB table, with its definition, and a summary of baseline,
latest value and trend over one period (the same period for every indicator).

The series are computed from the tidy frames of ``helpers.core.statistics.load_statistic``
(columns ``<dimension>`` code, ``<dimension>_label``, ``value``, ``status``); the pure
functions here take those frames, so tests reach them with the recorded tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers.core import statistics
from helpers.core.formatting import date_nb

#: Manufacturing groups of the production index (07095): SN2007 10-33 without subgroups
#: (P1061, P1111, P1131 are parts of P106, P111, P113) and without petroleum (P102x).
PRODUCTION_GROUPS: tuple[str, ...] = (
    "P106", "P107", "P108", "P109", "P110", "P111", "P112", "P113", "P114", "P115", "P116",
    "P117", "P118", "P119", "P120")
#: Manufacturing industries of the producer price index (12462), SN2007 10-33.
PRICE_GROUPS: tuple[str, ...] = (
    "SNN10", "SNN11", "SNN16", "SNN17", "SNN19", "SNN20", "SNN22", "SNN23", "SNN24",
    "SNN25", "SNN26", "SNN27", "SNN28", "SNN31", "SNN33")
#: SITC sections of manufactured goods: 5 chemicals, 6 manufactured goods by material,
#: 7 machinery and transport equipment, 8 miscellaneous manufactured articles.
MANUFACTURED_SITC: tuple[str, ...] = ("5", "6", "7", "8")
#: SSB's table of goods trade by commodity group (SITC), monthly.
GOODS_TRADE = "ssb_08818"
#: The base year of the SSB indices; its weights combine the groups (our aggregation).
WEIGHT_YEAR = 2021


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it measures, in which unit, from which table, for which area."""

    key: str
    area: str
    name: str
    definition: str
    unit: str
    datasets: tuple[str, ...]
    decimals: int
    compute: Callable[..., pd.Series]  # called with one frame per dataset, in order
    reconstruction: str = ""  # non-empty: how we combined SSB's series (shown to readers)


def _year(tid: pd.Series) -> pd.Series:
    return tid.astype(str).str[:4].astype(int)


def _full_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly rows of calendar years with all twelve months present (with a value)."""
    frame = frame[frame["value"].notna()].assign(year=_year(frame["Tid"]))
    months = frame.groupby("year")["Tid"].transform("nunique")
    return frame[months == 12]


def weighted_index(frame: pd.DataFrame, group_dim: str, groups: tuple[str, ...],
                   contents: str, weight_contents: str = "Vekter",
                   weight_year: int = WEIGHT_YEAR) -> pd.Series:
    """Annual average of the groups' monthly index (base ``weight_year`` = 100) combined with
    each group's mean weight in ``weight_year``: a fixed-weight aggregate (our computation)."""
    sel = frame[frame[group_dim].isin(groups)]
    weights = sel[(sel["ContentsCode"] == weight_contents)
                  & (_year(sel["Tid"]) == weight_year)].groupby(group_dim)["value"].mean()
    weights = weights[weights > 0]
    if weights.empty:
        raise ValueError(f"no weights for {weight_year} in the index table")
    index = _full_years(sel[sel["ContentsCode"] == contents])
    annual = index.groupby(["year", group_dim])["value"].mean().unstack(group_dim)
    # groups without an index in this market (or year) drop out; the rest keep their weights
    annual = annual.reindex(columns=weights.index).dropna(axis=1, how="all").dropna()
    weights = weights[annual.columns]
    return (annual.mul(weights, axis=1).sum(axis=1) / weights.sum()).rename("value")


def production_index(frame: pd.DataFrame) -> pd.Series:
    """Manufacturing production, annual average of the unadjusted index (2021 = 100)."""
    return weighted_index(frame, "PKoder", PRODUCTION_GROUPS, "PeriodeRa")


def export_price_index(frame: pd.DataFrame) -> pd.Series:
    """Producer prices of manufacturing in the export market, annual average (2021 = 100)."""
    return weighted_index(frame[frame["Marked"] == "02"], "NaringUtenriks", PRICE_GROUPS,
                          "Indeksnivo")


def employment(frame: pd.DataFrame) -> pd.Series:
    """Employed persons in manufacturing (SN2007 10-33) by place of work, 15-74 years, both
    sexes, 4th quarter, whole country."""
    sel = frame[(frame["NACE2007"] == "10-33") & (frame["Alder"] == "15-74")
                & (frame["ContentsCode"] == "SysselsatteArb")]
    if "Region" in sel:
        sel = sel[sel["Region"] == "0"]
    return sel.groupby(_year(sel["Tid"]))["value"].sum(min_count=1).dropna().rename("value")


def _exports_by_year(frame: pd.DataFrame) -> pd.DataFrame:
    full = _full_years(frame[frame["ContentsCode"] == "Verdi"] if "ContentsCode" in frame
                       else frame)
    full = full[full["ImpEks"] == "2"] if "ImpEks" in full else full
    manufactured = full["SITC"].astype(str).str[0].isin(MANUFACTURED_SITC) & full["SITC"].ne("-")
    return pd.DataFrame({
        "manufactured": full[manufactured].groupby("year")["value"].sum(),
        "total": full[full["SITC"] == "-"].groupby("year")["value"].sum(),
    })


def export_years(frame: pd.DataFrame) -> list[int]:
    """The full calendar years of goods exports in the trade table (08818)."""
    return sorted(int(y) for y in _exports_by_year(frame)["total"].dropna().index)


def manufactured_exports(frame: pd.DataFrame) -> pd.Series:
    """Exports of manufactured goods (SITC 5-8), billion NOK a year, current prices."""
    return (_exports_by_year(frame)["manufactured"] / 1e6).rename("value")


def manufactured_export_share(frame: pd.DataFrame) -> pd.Series:
    """Manufactured goods (SITC 5-8) as a share of all goods exports, percent."""
    by_year = _exports_by_year(frame)
    return (100.0 * by_year["manufactured"] / by_year["total"]).rename("value")


def production_per_employed(production: pd.DataFrame, employed: pd.DataFrame) -> pd.Series:
    """Manufacturing production per employed person as an index (2021 = 100): the production
    index over employment as an index of its 2021 level (our computation)."""
    prod = production_index(production)
    emp = employment(employed)
    years = prod.index.intersection(emp.index)
    if 2021 not in years:
        raise ValueError("production per employed: no 2021 in both tables")
    return (prod[years] / (100.0 * emp[years] / emp[2021]) * 100.0).rename("value")


def business_rd(frame: pd.DataFrame) -> pd.Series:
    """R&D expenditure of the business enterprise sector, million NOK in fixed 2015 prices."""
    sel = frame[(frame["Sektor"] == "1") & (frame["ContentsCode"] == "UtgIaltFast")]
    return sel.set_index(_year(sel["Tid"]))["value"].dropna().rename("value")


def total_rd_current(frame: pd.DataFrame) -> pd.Series:
    """R&D expenditure of all sectors, million NOK in current prices."""
    sel = frame[(frame["Sektor"] == "0") & (frame["ContentsCode"] == "UtgIaltLop")]
    return sel.set_index(_year(sel["Tid"]))["value"].dropna().rename("value")


INDICATORS: tuple[Indicator, ...] = (
    Indicator("produksjon", "produktivitet", "Produksjon i industrien",
              "Produksjonsindeks for industrien, årsgjennomsnitt (2021 = 100)", "indeks",
              ("ssb_07095",), 1, production_index,
              "SSBs indekser for de 15 industrigruppene veid sammen med SSBs vekter for 2021"),
    Indicator("produktivitet", "produktivitet", "Produksjon per sysselsatt i industrien",
              "Produksjonsindeksen for industrien delt på antall sysselsatte i industrien, "
              "begge som indeks (2021 = 100)", "indeks", ("ssb_07095", "ssb_07984"), 1,
              production_per_employed,
              "produksjonsindeksen (vår sammenveiing) delt på sysselsettingen; et grovt mål "
              "som ikke tar hensyn til arbeidstid eller produktsammensetning"),
    Indicator("sysselsatte", "kompetanse", "Sysselsatte i industrien",
              "Sysselsatte personer 15–74 år med arbeidssted i Norge, industri (næring 10–33), "
              "4. kvartal", "personer", ("ssb_07984",), 0, employment),
    Indicator("eksport", "markeder", "Eksport av industrivarer",
              "Eksport av bearbeidede varer (SITC 5–8), milliarder kroner, løpende priser",
              "mrd. kr", ("ssb_08818",), 1, manufactured_exports),
    Indicator("eksportandel", "markeder", "Industrivarenes andel av vareeksporten",
              "Bearbeidede varer (SITC 5–8) i prosent av all vareeksport", "prosent",
              ("ssb_08818",), 1, manufactured_export_share),
    Indicator("eksportpriser", "markeder", "Eksportpriser for industrivarer",
              "Produsentprisindeks for industrien, eksportmarkedet, årsgjennomsnitt "
              "(2021 = 100)", "indeks", ("ssb_12462",), 1, export_price_index,
              "SSBs indekser for de industrinæringene som har en eksportprisindeks, veid "
              "sammen med SSBs vekter for 2021"),
    Indicator("fou", "forskning", "Næringslivets FoU",
              "FoU-utgifter i næringslivet, millioner kroner i faste 2015-priser", "mill. kr",
              ("ssb_11010",), 0, business_rd),
)


def indicators_for(area: str) -> tuple[Indicator, ...]:
    """The indicators of one priority area (``alle``: every indicator)."""
    return tuple(i for i in INDICATORS if area == "alle" or i.area == area)


def summarise(series: pd.Series, start: int, end: int) -> dict[str, float | int]:
    """Baseline (the first year of the period with a value), latest (the last year with a value
    up to ``end``) and the trend: average annual change between them in percent, and the
    change in the latest year."""
    s = series.dropna()
    s = s[(s.index >= start) & (s.index <= end)]
    if s.empty:
        nan = math.nan
        return {"baseline_year": 0, "baseline": nan, "latest_year": 0, "latest": nan,
                "trend_pct": nan, "last_change_pct": nan}
    first, last = int(s.index.min()), int(s.index.max())
    years = last - first
    trend = 100.0 * ((s[last] / s[first]) ** (1 / years) - 1) if years else math.nan
    prev = s[s.index < last]
    last_change = 100.0 * (s[last] / prev.iloc[-1] - 1) if len(prev) else math.nan
    return {"baseline_year": first, "baseline": float(s[first]), "latest_year": last,
            "latest": float(s[last]), "trend_pct": trend, "last_change_pct": last_change}


def trend_word(trend_pct: float) -> str:
    """"opp", "ned" or "flat" (within ±0.5 % a year) for a trend in percent a year."""
    if trend_pct != trend_pct:
        return "–"
    if abs(trend_pct) < 0.5:
        return "flat"
    return "opp" if trend_pct > 0 else "ned"


# --------------------------------------------------------------------------- loading

#: What each table holds, in our Norwegian words (the recorded copies are labelled in English).
TABLE_TITLES_NB: dict[str, str] = {
    "ssb_07095": "Produksjonsindeks etter næring, måned (2021 = 100)",
    "ssb_07984": "Sysselsatte etter bosted og arbeidssted, næring, kjønn og alder, 4. kvartal",
    "ssb_08818": "Utenrikshandel med varer etter varegruppe (SITC), måned",
    "ssb_11010": "FoU-personale og FoU-utgifter etter sektor",
    "ssb_12462": "Produsentprisindeks for industri, bergverk og energi etter marked, måned "
                 "(2021 = 100)",
}


def sources_table(series: dict[str, pd.Series], period: tuple[int, int],
                  indicators: tuple[Indicator, ...] | None = None) -> pd.DataFrame:
    """The SSB tables behind the indicators: table, content, SSB's last update of the copy
    read (its vintage) and the years the report uses from it (baseline to latest)."""
    chosen = INDICATORS if indicators is None else indicators
    rows = []
    for name in dict.fromkeys(n for i in chosen for n in i.datasets):
        if not table_available(name):
            continue
        spans = [summarise(series[i.key], *period) for i in chosen
                 if name in i.datasets and i.key in series]
        years = list(dict.fromkeys(f"{s['baseline_year']}–{s['latest_year']}"
                                   for s in spans if s["latest_year"]))
        rows.append({"tabell": table_number(name), "innhold": TABLE_TITLES_NB[name],
                     "SSB oppdatert": vintage(name),
                     "år brukt": ", ".join(years)})
    return pd.DataFrame(rows, columns=["tabell", "innhold", "SSB oppdatert", "år brukt"])


def table_available(dataset_id: str) -> bool:
    """Whether the table can be read (recorded copy or live answer present)."""
    return bool(statistics.available(dataset_id))


def load_table(dataset_id: str) -> pd.DataFrame | None:
    """The table through the project's statistics loader (with provenance, logged for the
    report's sources and rebuild key); None when it is not there (the report says so)."""
    return statistics.load_statistic(dataset_id) if table_available(dataset_id) else None


def vintage(dataset_id: str) -> str:
    """SSB's last update of the copy read ("7. august 2025"), "–" when unknown or missing."""
    frame = load_table(dataset_id)
    if frame is None:
        return "–"
    updated = str(frame.attrs.get("provenance", {}).get("vintage", ""))[:10]
    return date_nb(updated) if updated else "–"


def table_number(dataset_id: str) -> str:
    return dataset_id.removeprefix("ssb_")


def citation(dataset_id: str) -> str:
    return f"SSB, tabell {table_number(dataset_id)}"


def indicator_series(indicators: tuple[Indicator, ...] | None = None
                     ) -> dict[str, pd.Series]:
    """Each indicator's annual series (indicators whose table is missing are left out)."""
    tables: dict[str, pd.DataFrame | None] = {}
    out: dict[str, pd.Series] = {}
    for ind in (INDICATORS if indicators is None else indicators):
        for name in ind.datasets:
            if name not in tables:
                tables[name] = load_table(name)
        frames = [tables[name] for name in ind.datasets]
        if all(f is not None for f in frames):
            out[ind.key] = ind.compute(*frames)
    return out


def missing_tables(indicators: tuple[Indicator, ...] | None = None) -> list[str]:
    """The tables of ``indicators`` that could not be read, as "SSB, tabell N"."""
    names = dict.fromkeys(n for i in (INDICATORS if indicators is None else indicators)
                           for n in i.datasets)
    return [citation(n) for n in names if not table_available(n)]


def indicator_table(series: dict[str, pd.Series], period: tuple[int, int],
                    indicators: tuple[Indicator, ...] | None = None) -> pd.DataFrame:
    """One row per indicator: name, definition, source, baseline and latest (with years),
    trend per year and its direction, the change in the latest year."""
    rows = []
    for ind in (INDICATORS if indicators is None else indicators):
        if ind.key not in series:
            continue
        s = summarise(series[ind.key], *period)
        rows.append({"key": ind.key, "area": ind.area, "indikator": ind.name,
                     "definisjon": ind.definition, "enhet": ind.unit,
                     "kilde": "; ".join(citation(n) for n in ind.datasets), **s,
                     "retning": trend_word(s["trend_pct"]), "decimals": ind.decimals,
                     "sammenveid": ind.reconstruction})
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


#: Columns of ``indicator_table`` (also when no indicator could be computed).
TABLE_COLUMNS = ["key", "area", "indikator", "definisjon", "enhet", "kilde", "baseline_year",
                 "baseline", "latest_year", "latest", "trend_pct", "last_change_pct", "retning",
                 "decimals", "sammenveid"]
