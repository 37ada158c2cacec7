"""Published county figures (Statistics Norway) beside each other and beside the document's
productivity.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data

from .common import EMPLOYMENT, EXPORTS, MANUFACTURING, REGIONAL_ACCOUNTS, VIKEN_PARTS


def _pick(frame: pd.DataFrame, region: str, measure: str, year: int) -> float:
    rows = frame[(frame["region"] == region) & (frame["measure"] == measure)
                 & (frame["year"] == year)]
    if rows.empty:
        return math.nan
    return float(rows["value"].iloc[0])


def published_profile() -> pd.DataFrame:
    """Published county figures side by side: Akershus, Buskerud, Østfold, Viken (sum of the
    three where the measure adds up; empty where it does not) and Norway.

    Counties have their pre-2020 borders; years differ from the document's. Columns: størrelse,
    år, enhet, Akershus, Buskerud, Østfold, Viken, Norge, kilde (dataset name).
    """
    ra = data.load(REGIONAL_ACCOUNTS)
    emp = data.load(EMPLOYMENT)
    man = data.load(MANUFACTURING)
    exp = data.load(EXPORTS)
    bc = "Mining, quarrying and manufacturing (B+C, SN2007)"
    man = man[man["industry"] == bc]
    rows: list[dict[str, Any]] = []

    def add(label: str, year: int, unit: str, values: dict[str, float], source: str,
            additive: bool) -> None:
        row = {"størrelse": label, "år": year, "enhet": unit, **values, "kilde": source}
        if additive:
            row["Viken"] = sum(values[c] for c in VIKEN_PARTS)
        rows.append(row)

    ewp = "employed persons aged 15-74 registered as resident, by workplace county (4th quarter)"
    codes = {"Østfold": "01 Østfold", "Akershus": "02 Akershus", "Buskerud": "06 Buskerud"}
    add("Sysselsatte etter arbeidssted", 2011, "1000 personer",
        {**{c: _pick(emp, codes[c], ewp, 2011) / 1e3 for c in VIKEN_PARTS},
         "Norge": _pick(emp, "Hele landet", ewp, 2011) / 1e3}, EMPLOYMENT, True)
    va_share = "Value added, share of national level"
    emp_share = "Number of employed persons, share of national level"
    shares_va = {c: _pick(ra, c, va_share, 2015) for c in VIKEN_PARTS}
    shares_emp = {c: _pick(ra, c, emp_share, 2015) for c in VIKEN_PARTS}
    national_va = _pick(ra, "Norway (National level)", "Value added", 2015)
    national_emp = _pick(ra, "Norway (National level)", "Number of employed persons", 2015)
    add("Andel av landets verdiskaping", 2015, "%", {**shares_va, "Norge": 100.0},
        REGIONAL_ACCOUNTS, True)
    add("Andel av landets sysselsetting", 2015, "%", {**shares_emp, "Norge": 100.0},
        REGIONAL_ACCOUNTS, True)
    add("Verdiskaping (beregnet fra andelen)", 2015, "mrd. kr",
        {**{c: shares_va[c] / 100 * national_va / 1000 for c in VIKEN_PARTS},
         "Norge": national_va / 1000}, REGIONAL_ACCOUNTS, True)
    rel = {c: shares_va[c] / shares_emp[c] for c in VIKEN_PARTS}
    rel_row = {"størrelse": "Andel verdiskaping / andel sysselsetting",
               "år": 2015, "enhet": "Norge = 1", **rel, "Norge": 1.0, "kilde": REGIONAL_ACCOUNTS,
               "Viken": sum(shares_va.values()) / sum(shares_emp.values())}
    rows.append(rel_row)
    add("Verdiskaping per sysselsatt (beregnet)", 2015, "1000 kr",
        {**{c: shares_va[c] * national_va / (shares_emp[c] * national_emp) for c in VIKEN_PARTS},
         "Norge": national_va / national_emp}, REGIONAL_ACCOUNTS, False)
    rows[-1]["Viken"] = (sum(shares_va.values()) * national_va
                         / (sum(shares_emp.values()) * national_emp))
    add("BNP per sysselsatt", 2016, "1000 kr",
        {**{c: _pick(ra, c, "GDP per employed person", 2016) / 1000 for c in VIKEN_PARTS},
         "Norge": _pick(ra, "Norway (Total. Basic value)", "GDP per employed person", 2016)
         / 1000}, REGIONAL_ACCOUNTS, False)
    m18 = "GDP per employed person (BNP per sysselsatt)"
    add("BNP per sysselsatt", 2018, "1000 kr",
        {**{c: _pick(ra, c, m18, 2018) / 1000 for c in VIKEN_PARTS},
         "Norge": _pick(ra, "Hele landet. Basisverdi", m18, 2018) / 1000},
        REGIONAL_ACCOUNTS, False)
    persons = {c: _pick(man, c, "persons employed", 2008) for c in VIKEN_PARTS}
    persons["Norge"] = _pick(man, "Norway (Total)", "persons employed", 2008)
    va = {c: _pick(man, c, "value added at factor prices", 2008) for c in VIKEN_PARTS}
    va["Norge"] = _pick(man, "Norway (Total)", "value added at factor prices", 2008)
    add("Industri og bergverk: sysselsatte", 2008, "1000 personer",
        {k: v / 1e3 for k, v in persons.items()}, MANUFACTURING, True)
    add("Industri og bergverk: verdiskaping", 2008, "mrd. kr",
        {k: v / 1e3 for k, v in va.items()}, MANUFACTURING, True)
    prod = {k: va[k] / persons[k] * 1000 for k in va}
    rows.append({"størrelse": "Industri og bergverk: per sysselsatt", "år": 2008,
                 "enhet": "1000 kr", **prod, "kilde": MANUFACTURING,
                 "Viken": sum(va[c] for c in VIKEN_PARTS) / sum(persons[c] for c in VIKEN_PARTS)
                 * 1000})
    total = "Total fastlandseksport (all SITC)"
    exp18 = exp[(exp["industry"] == total)
                & (exp["measure"] == "mainland exports of goods by production county")]
    measure = exp18["measure"].iloc[0]
    add("Fastlandseksport av varer", 2018, "mrd. kr",
        {**{c: _pick(exp18, c, measure, 2018) / 1e3 for c in VIKEN_PARTS},
         "Norge": _pick(exp18, "Hele landet", measure, 2018) / 1e3}, EXPORTS, True)
    out = pd.DataFrame(rows)
    cols = ["størrelse", "år", "enhet", "Akershus", "Buskerud", "Østfold", "Viken", "Norge",
            "kilde"]
    return out.reindex(columns=cols)


def published_volume_growth() -> pd.DataFrame:
    """Annual volume change of gross product / value added by county (%), as published."""
    ra = data.load(REGIONAL_ACCOUNTS)
    mask = ra["measure"].str.contains("annual change in volume")
    want = [*VIKEN_PARTS, "Viken", "The whole country", "Mainland Norway"]
    sel = ra[mask & ra["region"].isin(want)]
    table = sel.pivot_table(index="region", columns="year", values="value", aggfunc="first")
    names = {"The whole country": "Norge", "Mainland Norway": "Fastlands-Norge"}
    table = table.rename(index=names).reindex([*VIKEN_PARTS, "Viken", "Norge", "Fastlands-Norge"])
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()

def productivity_comparison() -> pd.DataFrame:
    """Two measures of productivity by county: the document's (value added per employee in
    accounting-obliged firms, 2021) and SSB's GDP per employed person (2018, old borders)."""
    ra = data.load(REGIONAL_ACCOUNTS)
    m18 = "GDP per employed person (BNP per sysselsatt)"
    doc = {"Akershus": "002-0940-a", "Buskerud": "002-0944-a", "Østfold": "002-0944-b"}
    rows = []
    for county in VIKEN_PARTS:
        fig = checks.stated(doc[county])
        value = fig.value * 1e3 if fig.unit.startswith("NOK m") else fig.value / 1e3
        rows.append({"fylke": county, "dokumentet 2021 (1000 kr)": value,
                     "SSB BNP per sysselsatt 2018 (1000 kr)": _pick(ra, county, m18, 2018) / 1e3,
                     "linje": fig.lines})
    return pd.DataFrame(rows)


def same_ranking(a: pd.Series, b: pd.Series) -> bool:
    """Whether two measures rank the same items in the same order."""
    return list(a.rank(method="min")) == list(b.rank(method="min"))
