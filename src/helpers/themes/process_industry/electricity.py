"""Section 7: electricity use of power-intensive industry as an indicator of emissions."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.core import data

from .common import (
    _KI,
    ELECTRICITY,
    ENERGY,
    ID_KI_ELECTRICITY,
    ID_REST_ELECTRICITY,
    PERCENT,
    SSB_ELECTRICITY,
    SSB_ENERGY,
    STATED,
    ProcessIndustryError,
    public_available,
    stated_value,
)
from .emissions import ssb_emission_levels
from .energy import energy_matrix

# --------------------------------------------------------------------------- electricity


def _annual_electricity() -> pd.DataFrame:
    """SSB's annual electricity use (TWh) by industry group, as transcribed."""
    el = data.load(SSB_ELECTRICITY)
    return el[(el["measure"] == "electricity consumption") & (el["unit"] == "TWh")]


def _electricity_level(annual: pd.DataFrame, industry_start: str, year: int) -> float:
    """The annual level of the group whose name starts with ``industry_start`` (NaN if none)."""
    hit = annual[annual["industry"].str.startswith(industry_start) & (annual["year"] == year)]
    return float(hit["value"].iloc[0]) if len(hit) else math.nan


def ssb_power_intensive() -> pd.DataFrame:
    """Annual electricity use in power-intensive industry (TWh) from SSB's articles; 2022 is
    derived as total − general supply − oil and gas (SSB prints the parts, not the level)."""
    annual = _annual_electricity()

    def level(industry_start: str, year: int) -> float:
        return _electricity_level(annual, industry_start, year)

    rows = []
    for year in sorted(set(annual["year"].dropna().astype(int))):
        v = level(_KI, year)
        kind = "publisert"
        if math.isnan(v):
            parts = [level("Total electricity", year), level("Alminnelig forsyning", year),
                     level("Utvinning av råolje", year)]
            if any(math.isnan(p) for p in parts):
                continue
            v, kind = parts[0] - parts[1] - parts[2], "avledet (total − alminnelig − olje/gass)"
        rows.append({"year": year, "el_twh": v, "el_kind": kind})
    return pd.DataFrame(rows)


def electricity_emissions_table() -> pd.DataFrame:
    """Power-intensive electricity use next to manufacturing-and-mining emissions, for the
    years both exist, with year-on-year changes (percent)."""
    el = ssb_power_intensive()
    lv = ssb_emission_levels()
    latest = lv.sort_values("vintage").groupby("year").tail(1)
    em = latest[["year", "value", "gwp", "vintage"]].rename(columns={"value": "utslipp_mt"})
    frame = el.merge(em, on="year", how="inner").sort_values("year").reset_index(drop=True)
    frame["el_endring_pct"] = frame["el_twh"].pct_change() * PERCENT
    frame["utslipp_endring_pct"] = frame["utslipp_mt"].pct_change() * PERCENT
    frame["utslipp_per_twh"] = frame["utslipp_mt"] / frame["el_twh"]
    return frame


def purchased_electricity_2023() -> float:
    """Manufacturing, mining and quarrying's purchased electricity 2023 (GWh), SSB overview."""
    e = data.load(SSB_ENERGY)
    hit = e[(e["measure"] == "electricity consumption (purchased energy)") & (e["year"] == 2023)]
    if hit.empty:
        raise ProcessIndustryError(f"{SSB_ENERGY}: no purchased electricity for 2023")
    return float(hit["value"].iloc[0])


def industry_electricity_share_estimates() -> pd.DataFrame:
    """The energy-intensive/power-intensive share of industry's electricity, computed three
    ways from the numbers available (percent)."""
    m = energy_matrix()
    ei = float(m.loc["EI", ELECTRICITY])
    rows = [
        ("energibalansen 2023: energiintensive / industri og bergverk", ENERGY,
         PERCENT * ei / float(m.loc["12.1", ELECTRICITY])),
        ("dokumentets TWh-tall: kraftintensiv / (kraftintensiv + resterende industri)", STATED,
         PERCENT * stated_value(ID_KI_ELECTRICITY)
         / (stated_value(ID_KI_ELECTRICITY) + stated_value(ID_REST_ELECTRICITY))),
    ]
    if public_available(SSB_ENERGY):
        rows.append(("energiintensive (energibalansen) / innkjøpt elektrisitet i industri og "
                     "bergverk (SSB)", SSB_ENERGY, PERCENT * ei / purchased_electricity_2023()))
    frame = pd.DataFrame(rows, columns=["beregning", "datasett", "andel (%)"])
    frame.insert(1, "kilde", [data.sources(n).get("citation", n) for n in frame["datasett"]])
    return frame


@dataclass(frozen=True)
class IndicatorTest:
    """The one test the published data allow: emissions per TWh in the first year applied to
    the next year's electricity use, against that year's published emissions (Mt CO2e)."""

    first_year: int
    year: int
    intensity: float
    electricity: float
    predicted: float
    actual: float

    @property
    def error(self) -> float:
        return self.predicted - self.actual

    @property
    def error_pct(self) -> float:
        return PERCENT * self.error / self.actual


def indicator_test(frame: pd.DataFrame | None = None) -> IndicatorTest | None:
    """Apply the emissions per TWh of the second-to-last year of ``electricity_emissions_table``
    to the last year's electricity use; None when fewer than two years overlap."""
    t = electricity_emissions_table() if frame is None else frame
    if len(t) < 2:
        return None
    prev, last = t.iloc[-2], t.iloc[-1]
    intensity = float(prev["utslipp_mt"]) / float(prev["el_twh"])
    predicted = intensity * float(last["el_twh"])
    return IndicatorTest(int(prev["year"]), int(last["year"]), intensity,
                         float(last["el_twh"]), predicted, float(last["utslipp_mt"]))


