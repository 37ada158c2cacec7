"""Smart specialisation by county (document 002: Menon Economics, *Smart spesialisering i Viken og
Akershus*, 2023): the computations behind ``notebooks/smart_specialisation.ipynb``.

Two kinds of numbers meet here and are always kept apart:

- the document's own figures (``stated_figures`` part 002 and the ``smart_*`` tables), mostly
  from Menon's accounts database of firms obliged to file accounts, which is not public;
- published statistics in ``data/public`` (Statistics Norway), with the counties' pre-2020
  borders and other years than the document.

The Balassa index is computed from published data where they allow it (mainland goods exports by
SITC group and county, 2014-2015); the document's value-added Balassa figures appear as stated.
No number is typed here: stated figures are looked up by id, everything else is loaded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import EN_DASH, en_dash, fmt_number, unit_nb
from helpers.methods import growth, regional

DOCUMENT = "002"

#: Counties the report can be run for; Viken is the 2020-2023 county made of the other three.
COUNTIES: tuple[str, ...] = ("Akershus", "Buskerud", "Østfold", "Viken")
VIKEN_PARTS: tuple[str, ...] = ("Østfold", "Akershus", "Buskerud")
#: Reference regions for the Balassa index (parameter value -> label in the report).
BALASSA_REFERENCES: dict[str, str] = {
    "norge": "Norge",
    "viken": "Viken (Østfold + Akershus + Buskerud)",
}
AREAS: tuple[str, ...] = (
    "helseindustri", "automatisering", "bioøkonomi", "bygg_anlegg", "smarte_energisystemer",
)
FOCUS_AREAS: tuple[str, ...] = ("alle", *AREAS)
#: The years the document's growth figures span.
DOCUMENT_BASE_YEAR, DOCUMENT_YEAR = 2011, 2021
ATTRACTIVENESS_COMPONENTS: tuple[str, ...] = ("vekst", "produktivitet")

EXPORTS = "ssb_mainland_exports_by_county_2014_2018"
REGIONAL_ACCOUNTS = "ssb_regional_accounts_county"
EMPLOYMENT = "ssb_employment_by_workplace_region"
MANUFACTURING = "ssb_manufacturing_by_county_2007_2008"
PRODUCTION_INDEX = "ssb_production_index_annual"
GP_PER_HOUR = "ssb_gross_product_per_hour_growth_2009_2014"
EMISSIONS = "ssb_emissions_total_by_gas"
MUNICIPALITIES = "municipalities_2024"


# --------------------------------------------------------------------------- parameters


def validate_parameters(params: Mapping[str, Any]) -> None:
    """Reject parameter combinations the report cannot honour (called before execution with
    every parameter; single values are declared in ``reports.yaml`` and checked before).

    Raises ``ValueError`` naming the notebook and the parameters.
    """
    where = "smart_specialisation"
    county, ref = params["county"], params["balassa_reference"]
    if county == "Viken" and ref == "viken":
        raise ValueError(
            f"{where}: county 'Viken' against balassa_reference 'viken' compares Viken with "
            "itself (the index is 1.0 for every industry); use balassa_reference 'norge'"
        )
    base, year = params["base_year"], params["year"]
    if not base < year:
        raise ValueError(f"{where}: base_year ({base}) must be before year ({year})")
    weights = attractiveness_weights(params)
    if not sum(weights.values()) > 0:
        raise ValueError(
            f"{where}: the attractiveness weights (weight_growth, weight_productivity) are all "
            "zero; give at least one a positive weight"
        )


def attractiveness_weights(params: Mapping[str, Any]) -> dict[str, float]:
    """The user's weight per attractiveness component (declared in ``reports.yaml``: 0 to 1)."""
    return {comp: float(params[key])
            for comp, key in (("vekst", "weight_growth"), ("produktivitet", "weight_productivity"))}


def and_list(items) -> str:
    """ "2014, 2015 og 2016": a list in running Norwegian text."""
    words = [str(x) for x in items]
    return " og ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def county_label(county: str) -> str:
    return "Viken (2020–2023)" if county == "Viken" else county


# --------------------------------------------------------------------------- display helpers


def whole(x: float) -> str:
    """A whole number for a table, never "−0" for a value that rounds to zero."""
    return fmt_number(0.0 if round(float(x)) == 0 else x, 0)


# --------------------------------------------------------------------------- stated figures


def stated_figures() -> pd.DataFrame:
    """Every stated figure of document 002, with its first line as an integer."""
    frame = data.load("stated_figures")
    frame = frame[frame["document"] == DOCUMENT].copy()
    frame["line"] = frame["lines"].str.split("-").str[0].astype(int)
    return frame.reset_index(drop=True)


def stated_value(figure_id: str) -> float:
    return checks.stated(figure_id).value


#: The document's figures per county for the profile (label, id or (low id, high id) for a
#: stated range). Ids only, no numbers.
PROFILE_FIGURES: dict[str, list[tuple[str, str | tuple[str, str]]]] = {
    "Akershus": [
        ("Sysselsatte i alt", "002-0823-a"),
        ("Sysselsatte i regnskapspliktige foretak", "002-0823-b"),
        ("Verdiskaping", "002-0882-a"),
        ("Verdiskaping 2011 (løpende priser)", "002-1044-a"),
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0940-a"),
        ("Eksport (Menons modell)", "002-1006-a"),
        ("Eksport per sysselsatt", "002-1030-a"),
        ("Realvekst i verdiskaping 2011–2021", "002-1046-a"),
        ("Sysselsatte bosatte (utdanningsdata)", "002-1600-a"),
    ],
    "Buskerud": [
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0944-a"),
        ("Eksport (Menons modell), hvert av fylkene Buskerud og Østfold",
         ("002-1008-a", "002-1008-b")),
        ("Realvekst i verdiskaping 2011–2021", "002-1050-a"),
    ],
    "Østfold": [
        ("Produktivitet (verdiskaping per sysselsatt)", "002-0944-b"),
        ("Eksport (Menons modell), hvert av fylkene Buskerud og Østfold",
         ("002-1008-a", "002-1008-b")),
        ("Realvekst i verdiskaping 2011–2021", "002-1050-b"),
    ],
    "Viken": [
        ("Verdiskaping i alt", "002-3846-a"),
        ("Industriens verdiskaping", "002-3327-a"),
        ("Industriens andel av verdiskapingen", "002-3327-b"),
        ("Bygg og anlegg: verdiskaping", "002-4583-a"),
        ("Bygg og anlegg: sysselsatte", "002-4583-b"),
        ("Sysselsatte bosatte (utdanningsdata)", "002-1546-a"),
        ("Innbyggere", "002-2781-a"),
    ],
}

#: Units that only make sense beside the range they came with ("NOK bn each").
_EACH = " each"


def shown(figure_id: str) -> str:
    """A stated figure as printed, with its unit in Norwegian ("213 000 personer")."""
    fig = checks.stated(figure_id)
    unit = unit_nb(fig.unit.removesuffix(_EACH))
    return f"{fig.printed} {unit}".strip()


def document_profile(county: str) -> pd.DataFrame:
    """The document's figures for the county: what, period, value as printed (a range where the
    document gives one), unit, a Norwegian note on how it is qualified, line."""
    _check_county(county)
    rows = []
    for label, ids in PROFILE_FIGURES[county]:
        if isinstance(ids, tuple):
            low, high = checks.stated(ids[0]), checks.stated(ids[1])
            value = f"{low.printed}{EN_DASH}{shown(high.id)}"
            fig, note = low, ""
        else:
            fig = checks.stated(ids)
            value, note = shown(ids), note_no(fig.note)
        rows.append({
            "størrelse": label, "periode": period_no(fig.period), "oppgitt": value,
            "merknad": note, "linje": fig.lines,
        })
    frame = pd.DataFrame(rows)
    return frame if frame["merknad"].astype(bool).any() else frame.drop(columns="merknad")


def period_no(period: str) -> str:
    """A stated figure's period for a table: "2011–2021" with an en dash; "ikke oppgitt"."""
    return en_dash(period) if period else "ikke oppgitt"


def note_no(note: str) -> str:
    """Short Norwegian hints for the qualifiers recorded in English in the dataset."""
    text = note.lower()
    if "just under" in text:
        return "«i underkant av»"
    if "just over" in text:
        return "«i overkant av»"
    if "'>'" in text:
        return "nedre grense («mer enn»)"
    if "lower bound" in text:
        return "nedre grense"
    if "upper bound" in text:
        return "øvre grense"
    if "approx" in text:
        return "om lag"
    return ""


def _check_county(county: str) -> None:
    if county not in COUNTIES:
        raise ValueError(f"unknown county {county!r}; valid counties: {', '.join(COUNTIES)}")


# --------------------------------------------------------------------------- published profile


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


# --------------------------------------------------------------------------- Balassa (exports)


def _sitc(year: int) -> pd.DataFrame:
    exp = data.load(EXPORTS)
    sel = exp[(exp["year"] == year) & exp["industry"].str.startswith("SITC")
              & ~exp["industry"].str.startswith("SITC 03")]
    return sel[["region", "industry", "value"]]


def export_years() -> list[int]:
    """Years with mainland exports by SITC group and county in the data."""
    exp = data.load(EXPORTS)
    return sorted(int(y) for y in exp.loc[exp["industry"].str.startswith("SITC"), "year"].unique())


def export_year_for(year: int) -> int | None:
    """The latest year with SITC exports by county not after ``year`` (None if none)."""
    years = [y for y in export_years() if y <= year]
    return years[-1] if years else None


def _exports_of(region: str, year: int) -> pd.Series:
    frame = _sitc(year)
    if region in ("Viken", "viken"):
        return regional.aggregate(frame, VIKEN_PARTS)
    if region in ("Norge", "norge"):
        region = "Hele landet"
    series = frame[frame["region"] == region].set_index("industry")["value"].astype(float)
    if series.empty:
        raise ValueError(f"no SITC exports for {region!r} in {year} in dataset {EXPORTS}")
    return series


def export_balassa(county: str, reference: str, year: int) -> pd.DataFrame:
    """Balassa index on mainland goods exports by SITC group: county against reference.

    ``reference`` is a key of ``BALASSA_REFERENCES``. SITC 03 (fish) is left out because it is
    part of SITC 0+1; the seven remaining groups add up to the total.
    """
    _check_county(county)
    if reference not in BALASSA_REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; valid: {', '.join(BALASSA_REFERENCES)}")
    region = _exports_of(county, year)
    ref = _exports_of(reference, year)
    index = regional.balassa(region, ref)
    out = pd.DataFrame({
        "varegruppe": region.index,
        "eksport_mill_kr": region.to_numpy(),
        "andel_region_pct": (regional.shares(region) * 100).to_numpy(),
        "andel_referanse_pct": (regional.shares(ref).reindex(region.index) * 100).to_numpy(),
        "balassa": index.to_numpy(),
    })
    return out.sort_values("balassa", ascending=False).reset_index(drop=True)


#: The document's value-added Balassa figures (ids only).
DOCUMENT_BALASSA: tuple[str, ...] = ("002-0966-a", "002-0996-b")


def document_balassa() -> pd.DataFrame:
    """The document's Balassa figures as stated: what (Norwegian label), value, how it is
    qualified, line. The worked example names its two shares."""
    rows = []
    for fid in DOCUMENT_BALASSA:
        fig = checks.stated(fid)
        note = note_no(fig.note)
        if fid == "002-0996-b":
            note = (f"fotnote: {shown('002-0995-a')} andel i regionen / {shown('002-0996-a')} "
                    "i landet")
        rows.append({"størrelse": fig.label_nb or fig.measure, "oppgitt": fig.printed,
                     "merknad": note, "linje": fig.lines})
    return pd.DataFrame(rows)


def balassa_sensitivity(county: str, year: int) -> pd.DataFrame:
    """The export Balassa index of the county against both references, side by side."""
    frames = {}
    for ref in BALASSA_REFERENCES:
        if county == "Viken" and ref == "viken":
            continue
        frames[BALASSA_REFERENCES[ref]] = export_balassa(county, ref, year).set_index(
            "varegruppe")["balassa"]
    return pd.DataFrame(frames).reset_index().rename(columns={"index": "varegruppe"})


def export_shift_share(county: str, reference: str, start: int, end: int) -> pd.DataFrame:
    """Dunn's shift-share of the county's mainland goods exports by SITC group, start -> end."""
    return regional.shift_share(
        _exports_of(county, start), _exports_of(county, end),
        _exports_of(reference, start), _exports_of(reference, end),
    )


# --------------------------------------------------------------------------- growth


def document_growth() -> dict[str, Any]:
    """Akershus' value added 2011-2021 as the document states it, and what reconciles it.

    Returns the nominal endpoints (NOK bn), nominal growth, the stated real growth and annual
    rate, the annual rate implied by the stated real growth, the interval of real growth that
    prints as both stated numbers, and the price rise (deflator) that interval implies, with
    and without the rounding of the nominal endpoints.
    """
    start, end = checks.stated("002-1044-a"), checks.stated("002-1044-b")
    real, rate = checks.stated("002-1046-a"), checks.stated("002-1046-b")
    years = DOCUMENT_YEAR - DOCUMENT_BASE_YEAR
    nominal = growth.growth(start.value, end.value)
    # every real growth that rounds to the printed real growth and whose annual rate rounds
    # to the printed annual rate
    r_lo, r_hi, _, _ = checks.rounding_interval(real.value, real.printed)
    c_lo, c_hi, _, _ = checks.rounding_interval(rate.value, rate.printed)
    from_rate = (growth.compound(float(c_lo) / 100, years),
                 growth.compound(float(c_hi) / 100, years))
    lo = max(float(r_lo) / 100, from_rate[0])
    hi = min(float(r_hi) / 100, from_rate[1])
    s_lo, s_hi, _, _ = checks.rounding_interval(start.value, start.printed)
    e_lo, e_hi, _, _ = checks.rounding_interval(end.value, end.printed)
    nominal_range = (growth.growth(float(s_hi), float(e_lo)),
                     growth.growth(float(s_lo), float(e_hi)))
    return {
        "start": start.value, "end": end.value, "unit": start.unit, "years": years,
        "nominal_growth": nominal,
        "nominal_cagr": growth.cagr(start.value, end.value, years),
        "real_growth_stated": real.value / 100,
        "cagr_stated": rate.value / 100,
        "cagr_from_real": growth.annualise(real.value / 100, years),
        "real_from_cagr": growth.compound(rate.value / 100, years),
        "real_consistent": (lo, hi) if lo < hi else None,
        "price_rise": ((growth.implied_price_growth(nominal, hi),
                        growth.implied_price_growth(nominal, lo)) if lo < hi else None),
        "price_rise_with_rounding": ((growth.implied_price_growth(nominal_range[0], hi),
                                      growth.implied_price_growth(nominal_range[1], lo))
                                     if lo < hi else None),
        "price_rise_midpoint": growth.implied_price_growth(nominal, real.value / 100),
        "ids": (start.id, end.id, real.id, rate.id),
    }


def growth_table() -> pd.DataFrame:
    """Nominal and real value added in Akershus 2011 and 2021 (NOK bn, 2011 prices), using the
    price rise implied by the document's own figures (a reconstruction: the document names no
    price index)."""
    g = document_growth()
    price = 1.0 + g["price_rise_midpoint"]
    index = pd.Series([1.0, price], index=[DOCUMENT_BASE_YEAR, DOCUMENT_YEAR])
    nominal = pd.Series([g["start"], g["end"]], index=[DOCUMENT_BASE_YEAR, DOCUMENT_YEAR])
    real = growth.deflate(nominal, index, base=DOCUMENT_BASE_YEAR)
    return pd.DataFrame({
        "år": nominal.index,
        "løpende priser (mrd. kr)": nominal.to_numpy(),
        "implisitt prisindeks (2011 = 1)": index.to_numpy(),
        "faste 2011-priser (mrd. kr)": real.to_numpy(),
    })


# --------------------------------------------------------------------------- municipalities


def top5_municipalities() -> pd.DataFrame:
    """Figure 2-10: one row per Akershus municipality, the five largest industries by VA."""
    frame = data.load("smart_top5_industries_municipality")
    wide = frame.pivot(index="municipality", columns="rank", values="industry")
    wide.columns = [f"{c}." for c in wide.columns]
    return wide.reset_index().rename(columns={"municipality": "kommune"})


def top5_frequency() -> pd.DataFrame:
    """How often each industry is among a municipality's five largest, and how often first."""
    frame = data.load("smart_top5_industries_municipality")
    out = frame.groupby("industry").agg(
        blant_fem_største=("municipality", "count"),
        størst=("rank", lambda r: int((r == 1).sum())),
    )
    return out.sort_values(["blant_fem_største", "størst"], ascending=False).reset_index()


def municipality_list(county: str) -> pd.DataFrame:
    """The 2024 municipalities of the county (Viken: all three) from ``municipalities_2024``."""
    _check_county(county)
    frame = data.load(MUNICIPALITIES)
    counties = VIKEN_PARTS if county == "Viken" else (county,)
    sel = frame[frame["county_name"].isin(counties)]
    cols = [c for c in ("county_name", "municipality_code", "municipality_name", "previous_code")
            if c in sel.columns]
    return sel[cols].sort_values(cols[:1] + ["municipality_name"]).reset_index(drop=True)


#: Report labels of the municipality list's columns.
MUNICIPALITY_COLUMNS = {"county_name": "fylke", "municipality_code": "kommunenr. 2024",
                        "municipality_name": "kommune", "previous_code": "nr. i Viken"}


def _filled(col: pd.Series) -> pd.Series:
    return col.notna() & (col.astype(str).str.strip() != "")


def municipality_table(county: str) -> pd.DataFrame:
    """The county's 2024 municipalities for the report, Norwegian column names, without the
    columns that are empty for every municipality (the 2024 codes, until KLASS fills them)."""
    frame = municipality_list(county)
    keep = [c for c in frame.columns if _filled(frame[c]).any()]
    if county != "Viken":
        keep = [c for c in keep if c != "county_name"]
    return frame[keep].rename(columns=MUNICIPALITY_COLUMNS)


def municipality_overview(county: str) -> pd.DataFrame:
    """Per county (all three for Viken): number of municipalities, how many have their 2024
    code and their Viken code in the data, and where the names come from."""
    _check_county(county)
    frame = data.load(MUNICIPALITIES)
    counties = VIKEN_PARTS if county == "Viken" else (county,)
    rows = []
    for name in counties:
        sub = frame[frame["county_name"] == name]
        from_doc = sub["name_source"].str.startswith("document").all()
        from_klass = sub["name_source"].str.startswith("SSB KLASS").all()
        rows.append({
            "fylke": name, "kommuner": len(sub),
            "med kommunenr. 2024": int(_filled(sub["municipality_code"]).sum()),
            "med nr. i Viken": int(_filled(sub["previous_code"]).sum()),
            "navnene fra": _name_origin(sub["name_source"].iloc[0]) if from_doc
            else "SSBs kommuneinndeling (KLASS)" if from_klass
            else "hjelpeliste, ikke kontrollert mot KLASS",
        })
    return pd.DataFrame(rows)


def _name_origin(source: str) -> str:
    """ "document 002, lines 843-844 (footnote 6)" -> "dokumentet, l. 843–844"."""
    lines = source.partition("lines ")[2].split(" ")[0]
    return f"dokumentet, l. {en_dash(lines)}" if lines else "dokumentet"


def municipality_names(county: str) -> pd.DataFrame:
    """One row per county: its municipalities' names in one cell, a compact list (the county
    column only for Viken, which has three)."""
    frame = municipality_list(county)
    if "county_name" not in frame.columns:
        frame = frame.assign(county_name=county)
    out = (frame.groupby("county_name", sort=False)["municipality_name"]
           .agg(lambda names: ", ".join(names)).rename("kommuner").reset_index()
           .rename(columns={"county_name": "fylke"}))
    return out if county == "Viken" else out.drop(columns="fylke")


def baerum_figures() -> dict[str, float]:
    """Bærum's shares (document) turned into levels: VA, employment and productivity, and the
    average productivity of the other 20 municipalities (reconstruction from stated shares)."""
    va_total = stated_value("002-0882-a")  # NOK bn
    emp_total = stated_value("002-0823-b")  # accounting-obliged firms
    va_share, emp_share = stated_value("002-1100-a") / 100, stated_value("002-1102-a") / 100
    b_va, b_emp = va_total * va_share, emp_total * emp_share
    rest_va, rest_emp = va_total - b_va, emp_total - b_emp
    return {
        "baerum_va_bn": b_va, "baerum_employment": b_emp,
        "baerum_productivity_m": b_va * 1e3 / b_emp,
        "rest_va_bn": rest_va, "rest_employment": rest_emp,
        "rest_productivity_m": rest_va * 1e3 / rest_emp,
    }


# --------------------------------------------------------------------------- candidate areas


def area_names() -> dict[str, str]:
    status = data.load("smart_area_status")
    viken = status[status["county"] == "Viken"]
    return dict(zip(viken["area_id"], viken["area"], strict=True))


def area_elements(focus_area: str = "alle") -> pd.DataFrame:
    """Advantages, niches, barriers and measures, for all areas or the one in focus."""
    if focus_area not in FOCUS_AREAS:
        raise ValueError(f"unknown focus_area {focus_area!r}; valid: {', '.join(FOCUS_AREAS)}")
    frame = data.load("smart_area_elements")
    if focus_area != "alle":
        frame = frame[frame["area_id"] == focus_area]
    names = area_names()
    order = {"fortrinn": 0, "nisje": 1, "barriere": 2, "tiltak": 3}
    frame = frame.assign(område=frame["area_id"].map(names),
                         _a=frame["area_id"].map({a: i for i, a in enumerate(AREAS)}),
                         _e=frame["element"].map(order))
    frame = frame.sort_values(["_a", "_e"], kind="stable")
    return frame[["område", "element", "label", "lines"]].rename(
        columns={"label": "innhold", "lines": "linjer"}).reset_index(drop=True)


def area_overview(focus_area: str = "alle") -> pd.DataFrame:
    """Count of advantages, niches, barriers and measures per area (0 where none named)."""
    frame = area_elements(focus_area)
    table = frame.pivot_table(index="område", columns="element", values="innhold",
                              aggfunc="count", fill_value=0)
    table = table.reindex(columns=["fortrinn", "nisje", "barriere", "tiltak"], fill_value=0)
    table.columns.name = None  # else the pivot's "element" shows as a stray header
    names = area_names()
    wanted = [names[a] for a in AREAS if focus_area in ("alle", a)]
    return table.reindex(wanted, fill_value=0).reset_index()


def area_status(county: str) -> pd.DataFrame:
    """The document's status of each area for the county ('Viken' rows for every county)."""
    _check_county(county)
    status = data.load("smart_area_status")
    sel = status[status["county"].isin({"Viken", county})]
    return sel[["county", "area", "status", "lines"]].rename(
        columns={"county": "region", "area": "område", "lines": "linjer"}).reset_index(drop=True)


# --------------------------------------------------------------------------- clusters


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


# --------------------------------------------------------------------------- attractiveness

#: Manufacturing groups present in both the production index and the productivity table:
#: production-index label -> label in the gross-product-per-hour table. Labels only.
SECTOR_MAP: dict[str, str] = {
    "Nærings-, drikkevare og tob.ind.": "Nærings-, drikkevare- og tobakksindustri",
    "Tekstil-, bekledn.-, lærvareind.": "Tekstil-, beklednings- og lærvareindustri",
    "Trelast- og trevareindustri": "Trelast- og trevareindustri, unntatt møbler",
    "Papir- og papirvareindustri": "Produksjon av papir og papirvarer",
    "Trykking, grafisk industri": "Trykking og reproduksjon av innspilte opptak",
    "Oljeraff., kjemisk, farmas. Industri": "Oljeraffinering, kjemisk og farmasøytisk industri",
    "Kjemiske råvarer": "Produksjon av kjemiske råvarer",
    "Gummi, plast, mineralsk industri mv.": "Produksjon av gummi-, plast- og mineralprodukter",
    "Metallindustri": "Produksjon av metaller",
    "Bergverksdrift": "Bergverksdrift",
    "Utvinning og utvinningstjenester": "Utvinnning av råolje og naturgass, inkl. tjenester",
}
ATTRACTIVENESS_YEARS = {"vekst": (2012, 2020), "produktivitet": (2010, 2014)}


def attractiveness_indicators() -> pd.DataFrame:
    """The indicators in data/ for the reconstruction, one row per sector (Norway).

    - vekst: annual growth of the production index (volume), 2012-2020 (CAGR, %). Historical
      growth stands in for the document's *expected* growth, for which data/ has nothing.
    - produktivitet: mean annual volume growth of gross product per hour worked, 2010-2014 (%),
      geometric mean of the published annual changes. A growth rate, not a level.
    The document's third component (an SDG score) has no indicator in data/ and is left out.
    """
    pi = data.load(PRODUCTION_INDEX)
    pi = pi[pi["measure"] == "production index, annual average, calendar adjusted"]
    gp = data.load(GP_PER_HOUR)
    g0, g1 = ATTRACTIVENESS_YEARS["vekst"]
    p0, p1 = ATTRACTIVENESS_YEARS["produktivitet"]
    rows = []
    for sector, gp_label in SECTOR_MAP.items():
        series = pi[pi["industry"] == sector].set_index("year")["value"]
        changes = gp[(gp["industry"] == gp_label) & gp["year"].between(p0, p1)]
        if g0 not in series.index or g1 not in series.index or len(changes) != p1 - p0 + 1:
            raise ValueError(f"attractiveness: missing data for {sector!r} in {PRODUCTION_INDEX} "
                             f"or {GP_PER_HOUR}")
        factor = math.prod(1 + float(v) / 100 for v in changes["value"])
        rows.append({
            "sektor": sector,
            "vekst": growth.cagr(float(series[g0]), float(series[g1]), g1 - g0) * 100,
            "produktivitet": growth.annualise(factor - 1, len(changes)) * 100,
        })
    return pd.DataFrame(rows)


#: What each component of the reconstruction stands on (indicator, dataset); the years are in
#: ATTRACTIVENESS_YEARS. The document's third component has no indicator in data/.
ATTRACTIVENESS_INPUTS: dict[str, tuple[str, str]] = {
    "vekst": ("årlig volumvekst i produksjonsindeksen (historisk, ikke forventet)",
              PRODUCTION_INDEX),
    "produktivitet": ("årlig volumvekst i bruttoprodukt per utførte timeverk (vekst, ikke nivå)",
                      GP_PER_HOUR),
}


def attractiveness_inputs(weights: Mapping[str, float]) -> pd.DataFrame:
    """The reconstruction's inputs: component, indicator, period, source, the user's weight and
    the weight after normalising to a sum of 1; the SDG score as a row that is left out."""
    total = sum(float(w) for w in weights.values())
    rows = []
    for comp in ATTRACTIVENESS_COMPONENTS:
        indicator, dataset = ATTRACTIVENESS_INPUTS[comp]
        y0, y1 = ATTRACTIVENESS_YEARS[comp]
        w = float(weights.get(comp, 0.0))
        rows.append({"komponent": comp, "indikator": indicator, "periode": f"{y0}–{y1}",
                     "kilde": data.sources(dataset)["citation"], "vekt": w,
                     "normalisert vekt": w / total if total > 0 else math.nan})
    rows.append({"komponent": "bærekraft (SDG-score)",
                 "indikator": "utelatt: ingen indikator per sektor i data/", "periode": "–",
                 "kilde": "–", "vekt": math.nan, "normalisert vekt": math.nan})
    return pd.DataFrame(rows)


def weights_text(weights: Mapping[str, float]) -> str:
    """The normalised weights in words: "vekst 0,50, produktivitet 0,50"."""
    total = sum(float(w) for w in weights.values())
    return ", ".join(f"{comp} {fmt_number(float(weights.get(comp, 0.0)) / total, 2)}"
                     for comp in ATTRACTIVENESS_COMPONENTS)


#: Report labels of the attractiveness table's columns.
ATTRACTIVENESS_LABELS = {
    "sektor": "sektor", "vekst": "vekst (% per år)",
    "produktivitet": "produktivitetsvekst (% per år)", "vekst_skalert": "vekst, skalert",
    "produktivitet_skalert": "produktivitet, skalert", "poeng": "poeng (0–1)", "rang": "rang",
}


def attractiveness(weights: Mapping[str, float]) -> pd.DataFrame:
    """Rank the sectors by a weighted score of min-max scaled indicators (0 = lowest, 1 =
    highest among the sectors). Weights are normalised to sum to 1; components with weight 0
    do not count. A reconstruction: the document prints no scores."""
    unknown = set(weights) - set(ATTRACTIVENESS_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown attractiveness component(s) {sorted(unknown)}; "
                         f"available: {', '.join(ATTRACTIVENESS_COMPONENTS)}")
    total = sum(float(w) for w in weights.values())
    if not total > 0 or any(float(w) < 0 for w in weights.values()):
        raise ValueError(
            f"attractiveness weights must be >= 0 and not all zero, got {dict(weights)}"
        )
    frame = attractiveness_indicators()
    score = pd.Series(0.0, index=frame.index)
    for comp in ATTRACTIVENESS_COMPONENTS:
        col = frame[comp]
        span = col.max() - col.min()
        scaled = (col - col.min()) / span if span > 0 else col * 0.0
        frame[f"{comp}_skalert"] = scaled
        score += scaled * float(weights.get(comp, 0.0)) / total
    frame["poeng"] = score
    frame["rang"] = frame["poeng"].rank(ascending=False, method="min").astype(int)
    return frame.sort_values(["rang", "sektor"]).reset_index(drop=True)


# --------------------------------------------------------------------------- non-public data


def _ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for part in str(text).split(";"):
        a, _, b = part.strip().partition("-")
        out.append((int(a), int(b) if b else int(a)))
    return out


def non_public_figures() -> pd.DataFrame:
    """Stated figures of document 002 resting on data that are not public, with the basis."""
    basis = data.load("smart_data_basis")
    basis = basis[~basis["public"].astype(bool)]
    figures = stated_figures()
    rows = []
    for _, b in basis.iterrows():
        for lo, hi in _ranges(b["figure_lines"]):
            sel = figures[figures["line"].between(lo, hi)]
            for _, f in sel.iterrows():
                rows.append({"grunnlag": b["basis"], "id": f["id"], "linje": f["lines"],
                             "størrelse": f["measure"], "geografi": f["geography"],
                             "oppgitt": f["printed"], "enhet": f["unit"]})
    return pd.DataFrame(rows).drop_duplicates("id").reset_index(drop=True)


# --------------------------------------------------------------------------- document checks

#: Figures the document states more than once: (repeat, first statement).
REPEATS: tuple[tuple[str, str], ...] = (
    ("002-0823-a", "002-0052-a"), ("002-0823-b", "002-0052-b"), ("002-0829-a", "002-0056-a"),
    ("002-0829-b", "002-0056-b"), ("002-0882-a", "002-0056-c"), ("002-1044-b", "002-0056-c"),
    ("002-0924-a", "002-0079-a"), ("002-0924-b", "002-0079-b"), ("002-0926-a", "002-0081-a"),
    ("002-0926-b", "002-0081-b"), ("002-0966-a", "002-0097-a"), ("002-6498-a", "002-0097-a"),
    ("002-2563-a", "002-0198-a"), ("002-2716-a", "002-0198-a"), ("002-1303-a", "002-0627-a"),
    ("002-1271-a", "002-1303-a"), ("002-1372-a", "002-1279-a"), ("002-1372-b", "002-1281-a"),
    ("002-1264-c", "002-1046-a"), ("002-5014-a", "002-4634-a"), ("002-2456-a", "002-0676-a"),
    ("002-5430-a", "002-5424-a"),
)

REPEAT_HOW = "samme størrelse oppgitt på"

#: Figures resting on non-public data that no other figure or published table reproduces.
CANNOT: dict[str, str] = {
    "002-0052-b": "Menons regnskapsdata er ikke offentlige",
    "002-0079-a": "verdiskaping og sysselsetting per næring er ikke oppgitt",
    "002-0079-b": "verdiskaping og sysselsetting per næring er ikke oppgitt",
    "002-0081-a": "verdiskaping per næring er ikke oppgitt",
    "002-0928-a": "verdiskaping per næring er ikke oppgitt",
    "002-0944-a": "Buskeruds verdiskaping og sysselsetting er ikke oppgitt",
    "002-0944-b": "Østfolds verdiskaping og sysselsetting er ikke oppgitt",
    "002-0097-a": "næringsfordelt verdiskaping (Menon, SSB tabell 11713) finnes ikke i data/",
    "002-1006-a": "Menons eksportmodell er ikke offentlig",
    "002-1022-a": "Menons eksportmodell er ikke offentlig",
    "002-1048-a": "nasjonalregnskapets BNP 2011 og 2021 finnes ikke i data/",
    "002-1050-a": "Buskeruds nominelle endepunkter er ikke oppgitt",
    "002-1050-b": "Østfolds nominelle endepunkter er ikke oppgitt",
    "002-1107-a": "petroleumsnæringens verdiskaping og sysselsetting i Bærum er ikke oppgitt",
    "002-1260-a": "kommunetallene i figur 2-11 er ikke oppgitt",
    "002-3327-b": "Vikens samlede verdiskaping 2021 er ikke oppgitt (bare 2019, l. 3846)",
}


def document_checks() -> list[checks.CheckResult]:
    """Every check of document 002 this theme can make, with verdicts (see helpers.checks).

    The method texts name the stated figures as printed (``shown``), never typed numbers."""
    s, p = stated_value, shown
    out: list[checks.CheckResult] = []
    firm_emp = "002-0823-b"
    # shares of employment in accounting-obliged firms
    for fid, part in (("002-0831-a", "002-0829-a"), ("002-0831-b", "002-0829-b")):
        out.append(checks.check(fid, checks.share(s(part), s(firm_emp)),
                                f"{p(part)} / {p(firm_emp)}"))
    # average productivity = total value added / employment in accounting-obliged firms
    out.append(checks.check("002-0940-a", s("002-0882-a") * 1e3 / s(firm_emp),
                            f"{p('002-0882-a')} / {p(firm_emp)}"))
    # exports per employee: which employment figure the document divides by
    out.append(checks.check("002-1030-a", s("002-1006-a") * 1e9 / s("002-0823-a"),
                            f"{p('002-1006-a')} / {p('002-0823-a')} (alle sysselsatte)",
                            rounding_unit=50_000))
    out.append(checks.check("002-1030-a", s("002-1006-a") * 1e9 / s(firm_emp),
                            f"{p('002-1006-a')} / {p(firm_emp)} (regnskapspliktige foretak)",
                            rounding_unit=50_000))
    # growth: annual rate implied by the stated real growth
    years = DOCUMENT_YEAR - DOCUMENT_BASE_YEAR
    out.append(checks.check("002-1046-b", growth.annualise(s("002-1046-a") / 100, years) * 100,
                            f"årlig rate av {p('002-1046-a')} realvekst over {years} år"))
    # Bærum's productivity from its shares of VA and employment
    b = baerum_figures()
    out.append(checks.check("002-1104-a", b["baerum_productivity_m"],
                            f"{p('002-1100-a')} av {p('002-0882-a')} / {p('002-1102-a')} av "
                            f"{p(firm_emp)}"))
    # the Balassa worked example of footnote 10
    example = regional.balassa({"næring": s("002-0995-a"), "resten": 100 - s("002-0995-a")},
                               {"næring": s("002-0996-a"), "resten": 100 - s("002-0996-a")})
    out.append(checks.check("002-0996-b", float(example["næring"]),
                            "Balassa-formelen på eksemplet i fotnote 10 "
                            f"({p('002-0995-a')} / {p('002-0996-a')})"))
    # cluster memberships
    parts = ("002-1341-b", "002-1341-c", "002-1343-a")
    multi = sum(s(i) for i in parts)
    out.append(checks.check("002-1339-a", checks.share(multi, s("002-1341-a")),
                            f"({' + '.join(checks.stated(i).printed for i in parts)}) / "
                            f"{p('002-1341-a')}"))
    # shares that must add up to 100
    out.append(checks.check("002-1577-a", 100 - s("002-1557-a") - s("002-1559-a"),
                            f"100 − {p('002-1557-a')} (grunnskole) − {p('002-1559-a')} "
                            "(videregående)"))
    out.append(checks.check("002-2082-b", 100 - s("002-2078-a") - s("002-2082-a"),
                            f"100 − {p('002-2078-a')} (Forskningsrådet) − {p('002-2082-a')} "
                            "(SkatteFUNN)"))
    out.append(checks.check("002-2597-c", checks.share(s("002-2597-a"), s("002-2599-a") * 1e3),
                            f"{p('002-2597-a')} / {p('002-2599-a')}"))
    out.append(checks.check("002-5428-a", checks.share(s("002-5428-b"), s("002-5408-a") * 1e3),
                            f"{p('002-5428-b')} (Viken) / {p('002-5408-a')} (Norge, Statnett)"))
    # a figure against published statistics
    ghg = data.load(EMISSIONS)
    total21 = ghg[(ghg["year"] == 2021) & (ghg["measure"] == "Greenhouse gases total")]
    if not total21.empty:
        latest = total21.sort_values("page_updated").iloc[-1]
        out.append(checks.check("002-3873-a", checks.share(s("002-3873-b"), float(latest["value"])),
                                f"{p('002-3873-b')} / SSBs totale utslipp 2021 (tabell oppdatert "
                                f"{latest['page_updated']})", sources=(EMISSIONS,)))
    # figures stated twice
    for repeat, first in REPEATS:
        fig = checks.stated(first)
        out.append(checks.check(repeat, fig.value, f"{REPEAT_HOW} l. {fig.lines}"))
    for fid, why in CANNOT.items():
        if fid == "002-1006-a":
            years = data.load(EXPORTS)["year"]
            why = f"{why}; SSBs eksporttall i data/ gjelder {years.min()}–{years.max()}"
        out.append(checks.cannot_check(fid, why))
    return out


# --------------------------------------------------------------------------- report tables

#: The document's industry figures for Akershus 2021 (industry, measure, id). Ids only.
INDUSTRY_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("Handel", "sysselsatte", "002-0829-a"),
    ("Bygg og anlegg", "sysselsatte", "002-0829-b"),
    ("Reiseliv", "sysselsatte", "002-0874-a"),
    ("Petroleum", "produktivitet", "002-0924-a"),
    ("Finans", "produktivitet", "002-0924-b"),
    ("Handel", "produktivitet", "002-0926-a"),
    ("Bygg og anlegg", "produktivitet", "002-0926-b"),
    ("Reiseliv", "produktivitet", "002-0928-a"),
    ("Handel", "registrerte foretak", "002-0896-a"),
    ("Bygg og anlegg", "registrerte foretak", "002-0896-b"),
)


def industry_figures() -> pd.DataFrame:
    """The document's figures by industry for Akershus 2021, one row per industry: employment,
    productivity (NOK million per employee) and value added where both are stated (value added
    = productivity x employment, a reconstruction)."""
    rows: dict[str, dict[str, Any]] = {}
    lines: dict[str, list[str]] = {}
    for industry, measure, fid in INDUSTRY_FIGURES:
        fig = checks.stated(fid)
        value = fig.value / 1e6 if (measure == "produktivitet" and fig.unit.startswith("NOK per")) \
            else fig.value
        rows.setdefault(industry, {"næring": industry})[measure] = value
        lines.setdefault(industry, []).append(fig.lines)
    frame = pd.DataFrame(list(rows.values()))
    frame["verdiskaping (mrd. kr, beregnet)"] = frame["sysselsatte"] * frame["produktivitet"] / 1e3
    # "; " not ", ": a comma-separated list of numbers would be styled as one number
    frame["linjer"] = frame["næring"].map(lambda n: "; ".join(sorted(set(lines[n]))))
    return frame.rename(columns={"produktivitet": "produktivitet (mill. kr)"})


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


def county_industries(county: str) -> pd.DataFrame:
    """Appendix C: the county's five largest industries and their five largest firms."""
    _check_county(county)
    frame = data.load("smart_top5_firms_county")
    if county != "Viken":
        frame = frame[frame["county"] == county]
    wide = frame.pivot_table(index=["county", "industry_order", "industry"], columns="rank",
                             values="firm", aggfunc="first")
    wide.columns = [f"{c}." for c in wide.columns]
    return wide.reset_index().drop(columns="industry_order").rename(
        columns={"county": "fylke", "industry": "næring"})




def checks_display(results: list[checks.CheckResult]
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Three compact report tables made from ``checks.table`` (the engine's Norwegian claims,
    units and decimals): recomputed checks, figures stated twice, and figures that cannot be
    checked (with why). The line stands in the claim column to keep the tables narrow."""
    results = list(results)
    table = checks.table(results)
    # the recomputed value without the unit the stated value already shows (narrower table);
    # no decimal beyond the printed ones for numbers in the thousands, where it is noise
    table["beregnet"] = [
        _recomputed_text(r, text) for r, text in zip(results, table["beregnet"], strict=True)]
    table["påstand"] = [_with_line(c, ln) for c, ln in zip(table["påstand"], table["linje"],
                                                            strict=True)]
    cannot = [r.verdict is checks.Verdict.CANNOT_CHECK for r in results]
    twice = [not c and r.how.startswith(REPEAT_HOW) for r, c in zip(results, cannot, strict=True)]
    done = [not (c or t) for c, t in zip(cannot, twice, strict=True)]
    done_t = table.loc[done, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]
    twice_t = table.loc[twice, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]].copy()
    twice_t["også oppgitt"] = (twice_t["metode"].str.removeprefix(REPEAT_HOW).str.strip()
                               + ": " + twice_t["beregnet"])
    twice_t = twice_t[["påstand", "oppgitt", "også oppgitt", "vurdering"]]
    cannot_t = table.loc[cannot, ["påstand", "oppgitt", "metode"]].rename(
        columns={"metode": "hvorfor ikke"})
    return tuple(t.reset_index(drop=True) for t in (done_t, twice_t, cannot_t))  # type: ignore[return-value]


def _recomputed_text(r: checks.CheckResult, text: str) -> str:
    if r.recomputed is None or r.verdict is checks.Verdict.CANNOT_CHECK:
        return text
    unit = unit_nb(r.unit)
    if abs(float(r.recomputed)) >= 1000 and r.decimals == 0:
        text = checks.format_value(r.recomputed, r.unit, 0)
    return text.removesuffix(f" {unit}") if unit else text


def _with_line(claim: str, lines: str) -> str:
    """ "Claim (2021)" -> "Claim (2021; l. 831)"; "Claim" -> "Claim (l. 831)"."""
    if claim.endswith(")"):
        return f"{claim[:-1]}; l. {lines})"
    return f"{claim} (l. {lines})"


def non_public_summary() -> pd.DataFrame:
    """One row per non-public data source: how many of the document's figures rest on it and
    at which lines (for the report's box)."""
    frame = non_public_figures()
    frame["første linje"] = frame["linje"].str.split("-").str[0].astype(int)
    what = data.load("smart_data_basis").set_index("basis")["what"]
    rows = []
    for basis, sub in frame.groupby("grunnlag", sort=False):
        lines = sorted(set(sub["første linje"]))
        # "; " not ", ": a comma-separated list of numbers would be styled as one number
        rows.append({"grunnlag": basis, "hva": what.get(basis, ""), "antall": len(sub),
                     "linjer": "; ".join(str(x) for x in lines)})
    return pd.DataFrame(rows)
