"""Section 6: emission levels, target level, historical and required annual rates."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import date_nb, fmt_number, pct
from helpers.methods import growth

from . import ssb_emissions
from .common import (
    _ALL_SOURCES,
    _GHG,
    _MM,
    ID_BASE_YEAR,
    ID_EMIS_1990,
    ID_EMIS_2023,
    ID_TARGET_CUT,
    ID_TARGET_YEAR,
    NOTEBOOK,
    PERCENT,
    SSB_EMISSIONS,
    STATED,
    ProcessIndustryError,
    _check_choice,
    stated_value,
)
from .declaration import allowed

# --------------------------------------------------------------------------- emissions


def ssb_emission_levels() -> pd.DataFrame:
    """Manufacturing-and-mining GHG levels from SSB's key table, every vintage transcribed:
    year, value (Mt CO2e), vintage (page date), GWP basis, change since 1990 (percent) and the
    1990 level that change implies (derived)."""
    e = data.load(SSB_EMISSIONS)
    mm = e[e["industry"] == _MM]
    levels = mm[mm["measure"] == _GHG][["year", "value", "page_updated", "source_url", "note"]]
    out = []
    for _, r in levels.iterrows():
        since = mm[
            (mm["measure"] == f"change 1990-{int(r['year'])}")
            & (mm["page_updated"] == r["page_updated"])
        ]
        change = float(since["value"].iloc[0]) if len(since) else math.nan
        out.append(
            {
                "year": int(r["year"]),
                "value": float(r["value"]),
                "vintage": str(r["page_updated"]),
                "gwp": "AR5" if _is_ar5(r) else "AR4",
                "preliminary": "preliminary" in str(r["note"]),
                "change_since_1990": change,
                "implied_1990": float(r["value"]) / (1 + change / PERCENT)
                if not math.isnan(change) else math.nan,
            }
        )
    return pd.DataFrame(out).sort_values(["year", "vintage"]).reset_index(drop=True)


def _is_ar5(row: pd.Series) -> bool:
    # SSB switched to AR5 GWP values in June 2023; the transcription notes flag the older
    # releases ("old GWP values", "pre-2023 GWP values (AR4)").
    note = str(row["note"])
    return not ("old GWP" in note or "AR4" in note)


def ssb_total_emissions(year: int, vintage_contains: str | None = None) -> float:
    """Norway's total GHG emissions (Mt CO2e) for ``year`` from SSB's key table."""
    e = data.load(SSB_EMISSIONS)
    sel = e[(e["industry"] == _ALL_SOURCES) & (e["measure"] == _GHG) & (e["year"] == year)]
    if vintage_contains:
        sel = sel[sel["page_updated"].astype(str).str.contains(vintage_contains, regex=False)]
    if sel.empty:
        raise ProcessIndustryError(f"{SSB_EMISSIONS}: no total for {year} ({vintage_contains})")
    return float(sel["value"].iloc[0])


def release_date(vintage: str) -> str:
    """A release as Norwegian text: "publisert 5. november 2024" from the transcribed page
    date (English notes in brackets dropped), "publiseringsdato ikke oppgitt" when there is
    none."""
    text = str(vintage)
    if text[:4].isdigit():
        return f"publisert {date_nb(text[:10])}"
    return "publiseringsdato ikke oppgitt"


def ssb_series_available() -> bool:
    """Whether SSB's table 13931 can be read (recorded copy or download)."""
    try:
        from helpers.core.statistics import available
    except ImportError:  # a checkout without the statistics loader
        return False
    return available(ssb_emissions.TABLE)


def emission_series(source: str = "ssb") -> pd.DataFrame:
    """The emission levels the pathway is computed from (Mt CO2e).

    ``dokument``: the document's own points (1990 and 2023).
    ``ssb``: SSB's table 13931 (AR5 values, one vintage), manufacturing industries and mining,
    every year it gives. Columns: year, value, kind, note, dataset."""
    _check_choice("emission_source", source, allowed("emission_source"))
    if source == "dokument":
        rows = [
            (int(checks.stated(fid).period), stated_value(fid), "oppgitt",
             "dokumentets nivå", STATED)
            for fid in (ID_EMIS_1990, ID_EMIS_2023)
        ]
    else:
        frame = ssb_emissions.load()
        vintage = str(frame.attrs.get("provenance", {}).get("vintage", ""))[:10]
        note = "AR5, " + (release_date(vintage) if vintage else "publiseringsdato ikke oppgitt")
        rows = [(int(y), float(v), "publisert", note, ssb_emissions.TABLE)
                for y, v in ssb_emissions.total_series(frame).items()]
    return pd.DataFrame(rows, columns=["year", "value", "kind", "note", "dataset"])


def target_level(base_level: float, cut: float) -> float:
    """Emission level after cutting ``cut`` (0-1) from the base-year level."""
    if not 0 <= cut <= 1:
        raise ProcessIndustryError(f"target_cut must be between 0 and 1, got {cut!r}")
    return float(base_level) * (1.0 - float(cut))


@dataclass(frozen=True)
class EmissionPlan(ssb_emissions.EmissionWindow):
    """Target, remaining cut and rates for one set of parameters (levels in Mt CO2e, rates as
    fractions per year)."""

    target: float
    historical_rate: float
    required_rate: float | None
    landing: float
    #: The years the historical rate is measured over (the report's rate_from/rate_to; by
    #: default the base year to the last observation).
    rate_from: int
    rate_to: int

    @property
    def rate_period(self) -> str:
        """The historical rate's period for running text: "siden 2005" when it runs to the
        last observation, else "i 2005–2015"."""
        if self.rate_to == self.last_year:
            return f"siden {self.rate_from}"
        return f"i {self.rate_years}"

    @property
    def rate_years(self) -> str:
        """The historical rate's period as a span ("2005–2024")."""
        return f"{self.rate_from}–{self.rate_to}"

    @property
    def remaining_cut(self) -> float:
        """How much more must go (Mt); negative when the target is already met."""
        return self.last_level - self.target

    @property
    def remaining_cut_pct(self) -> float:
        """Remaining cut as percent of today's level."""
        return PERCENT * self.remaining_cut / self.last_level

    @property
    def achieved_cut_pct(self) -> float:
        """Cut achieved from the base year to the last observation (percent)."""
        return -PERCENT * growth.growth(self.base_level, self.last_level)


def emission_plan(
    series: pd.DataFrame, base_year: int, target_year: int, cut: float,
    rate_from: int | None = None, rate_to: int | None = None,
) -> EmissionPlan:
    """Target level, historical and required annual rates and where the historical rate lands.

    The historical rate is the compound annual rate over the chosen period, ``rate_from`` to
    ``rate_to`` (by default ``base_year`` to the last observation); the required rate
    takes the last observation to the target in ``target_year``. With no years
    left, or a target of zero, there is no required rate (None)."""
    s = series.set_index("year")["value"]
    if base_year not in s.index:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: base_year {base_year} has no emission level; "
            f"years with a level: {sorted(s.index)}"
        )
    last_year = int(s.index.max())
    if base_year >= last_year:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: base_year {base_year} must be before the last observation "
            f"({last_year})"
        )
    if target_year < last_year:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: target_year {target_year} is before the last observation "
            f"({last_year})"
        )
    base, last = float(s.loc[base_year]), float(s.loc[last_year])
    target = target_level(base, cut)
    start = base_year if rate_from is None else int(rate_from)
    end = last_year if rate_to is None else int(rate_to)
    if start not in s.index or end not in s.index or end <= start:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: rate period {start}–{end} needs levels in both years, "
            f"the first before the last; years with a level: {sorted(s.index)}")
    hist = growth.cagr(float(s.loc[start]), float(s.loc[end]), end - start)
    years = target_year - last_year
    required = growth.required_rate(last, target, years) if years > 0 and target > 0 else None
    landing = last * (1 + hist) ** years
    return EmissionPlan(base_year, base, last_year, last, target_year, float(cut), target,
                        hist, required, landing, start, end)


def plan_for(params: Mapping[str, Any]) -> EmissionPlan:
    """The emission plan for a report's parameters: the series of its emission source, the
    target from its base year, and the historical rate over its chosen period (rate_from,
    rate_to; SSB's annual series only: the document gives two levels, so its rate runs from
    the base year)."""
    from .params import effective_source  # params imports this module

    source = effective_source(params["emission_source"])
    ssb = source == "ssb"
    return emission_plan(emission_series(source), params["base_year"], params["target_year"],
                         params["target_cut"],
                         rate_from=params.get("rate_from") if ssb else None,
                         rate_to=params.get("rate_to") if ssb else None)


def pathway_frame(plan: EmissionPlan) -> pd.DataFrame:
    """Yearly levels from the last observation to the target year along the required and the
    historical rate (Mt CO2e)."""
    hist = growth.pathway(plan.last_year, plan.last_level, plan.target_year, plan.historical_rate)
    frame = pd.DataFrame({"historisk takt": hist})
    if plan.required_rate is not None:
        frame["nødvendig takt"] = growth.pathway(
            plan.last_year, plan.last_level, plan.target_year, plan.required_rate
        )
    return frame


#: Unit of the emission levels, as shown in tables and charts.
EMISSION_UNIT = "mill. tonn CO\u2082-ekv."
#: Decimals of the emission levels in the plan's table and text.
LEVEL_DECIMALS = 2


def shown_level(x: float) -> float:
    """An emission level as the plan's table and text print it (``LEVEL_DECIMALS``)."""
    return round(float(x), LEVEL_DECIMALS)


def shown_gap(higher: float, lower: float) -> float:
    """The difference of two levels as printed: computed from the printed levels, so a
    reader who subtracts the numbers in the table gets the number the report states
    (9,54 − 8,61 = 0,93, never 0,92 from the unrounded levels)."""
    return round(shown_level(higher) - shown_level(lower), LEVEL_DECIMALS)


def plan_text(plan: EmissionPlan) -> tuple[str, str | None]:
    """What the report says under the plan's table: (text, callout kind), the kind None for
    a plain paragraph. Levels and their difference are the printed ones (``shown_gap``)."""
    if plan.required_rate is None:
        why = ("målåret er lik siste år med data" if plan.years_left == 0
               else "et kutt på 100 % kan ikke nås med en fast årlig prosentvis endring")
        return (f"Ingen nødvendig årlig endring kan regnes ut: {why}. Gjenstående kutt må i "
                "så fall tas umiddelbart.", "note")
    if plan.remaining_cut <= 0:
        return (f"Målnivået ({fmt_number(plan.target, LEVEL_DECIMALS)} mill. tonn) er allerede "
                f"nådd i {plan.last_year}. Utslippene kan øke med inntil "
                f"{pct(plan.required_rate, 2)} i året fram til "
                f"{plan.target_year} og likevel holde seg innenfor målet.", "note")
    faster = plan.required_rate / plan.historical_rate if plan.historical_rate < 0 else None
    gap = shown_gap(plan.landing, plan.target)
    text = (f"For å nå målet må utslippene falle med "
            f"{pct(-plan.required_rate, 2)} i året fra {plan.last_year} til "
            f"{plan.target_year}"
            + (f", {fmt_number(faster, 1)} ganger så raskt som i perioden "
               f"{plan.rate_years}" if faster else "")
            + f". Med den historiske takten ville utslippene i {plan.target_year} være "
            f"{fmt_number(plan.landing, LEVEL_DECIMALS)} mill. tonn, "
            + (f"{fmt_number(gap, LEVEL_DECIMALS)} mill. tonn over målnivået." if gap > 0
               else "altså under målnivået." if gap < 0 else "altså på målnivået."))
    return text, None


def plan_table(plan: EmissionPlan) -> pd.DataFrame:
    """The emission plan as a report table: størrelse, verdi (formatted number only, so the
    column aligns), enhet. Rates are percent per year; "–" where there is no required rate."""
    pct = "% per år"
    required = (fmt_number(PERCENT * plan.required_rate, 2)
                if plan.required_rate is not None else "–")
    rows = [
        (f"utslipp i basisåret {plan.base_year}", fmt_number(plan.base_level, 2), EMISSION_UNIT),
        (f"utslipp siste år med data ({plan.last_year})", fmt_number(plan.last_level, 2),
         EMISSION_UNIT),
        (f"kutt {plan.base_year}–{plan.last_year}", fmt_number(plan.achieved_cut_pct, 1),
         f"% av nivået i {plan.base_year}"),
        (f"målnivå {plan.target_year} ({fmt_number(PERCENT * plan.cut, 0)} % kutt)",
         fmt_number(plan.target, 2), EMISSION_UNIT),
        ("gjenstående kutt", fmt_number(shown_gap(plan.last_level, plan.target), 2),
         EMISSION_UNIT),
        ("gjenstående kutt, andel", fmt_number(plan.remaining_cut_pct, 1),
         f"% av nivået i {plan.last_year}"),
        (f"historisk årlig endring {plan.rate_years}",
         fmt_number(PERCENT * plan.historical_rate, 2), pct),
        (f"nødvendig årlig endring {plan.last_year}–{plan.target_year}", required, pct),
        (f"nivå i {plan.target_year} med historisk endringstakt", fmt_number(plan.landing, 2),
         EMISSION_UNIT),
        (f"kutt fra {plan.base_year} i {plan.target_year} med historisk endringstakt",
         fmt_number(plan.landing_cut_pct, 1), f"% av nivået i {plan.base_year}"),
    ]
    return pd.DataFrame(rows, columns=["størrelse", "verdi", "enhet"])


def document_target() -> tuple[int, float, int]:
    """The target the document states: (base year, cut as fraction, target year)."""
    return (
        int(stated_value(ID_BASE_YEAR)),
        stated_value(ID_TARGET_CUT) / PERCENT,
        int(stated_value(ID_TARGET_YEAR)),
    )


