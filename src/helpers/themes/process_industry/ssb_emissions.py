"""Section 6 on SSB's published series (table 13931, AR5): manufacturing industries and mining
1990 onwards by gas and by energy product, historical annual rates over a window, and the
document's own levels set beside the series with the reason for each difference."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.core.formatting import date_nb, fmt_number
from helpers.methods import growth

from .common import (
    ID_CUT_SINCE_1990,
    ID_EMIS_1990,
    ID_EMIS_2023,
    PERCENT,
    ProcessIndustryError,
    stated_value,
)

TABLE = "ssb_13931"
#: Codes of table 13931 (see CONTRIBUTING, published statistics).
SOURCE_MANUFACTURING = "2"
ALL_PRODUCTS = "VT0"
ALL_GASES = "A10"
KT_PER_MT = 1000.0

#: Norwegian names of the table's gases and energy products (its labels are English).
GAS_NB = {
    "K11": "CO\u2082", "K12": "metan", "K13": "lystgass", "K80": "HFK", "K90": "PFK",
    "K95": "SF\u2086",
}
PRODUCT_NB = {
    "VT1": "kull og koks", "VT2": "ved og lignende", "VT3": "gass", "VT4": "bensin og parafin",
    "VT5": "diesel og lette fyringsoljer", "VT6": "tungolje og spillolje", "VT7": "avfall",
    "VT9": "prosessutslipp (ingen energivare)",
}


def load() -> pd.DataFrame:
    """Table 13931 as loaded by the project's statistics loader (tidy, with provenance)."""
    from helpers.core.statistics import load_statistic

    return load_statistic(TABLE)


def _manufacturing(frame: pd.DataFrame) -> pd.DataFrame:
    sel = frame[frame["UtslpTilLuft"].astype(str) == SOURCE_MANUFACTURING].copy()
    if sel.empty:
        raise ProcessIndustryError(f"{TABLE}: no rows for manufacturing industries and mining")
    sel["year"] = sel["Tid"].astype(int)
    sel["mt"] = sel["value"].astype(float) / KT_PER_MT
    return sel


def total_series(frame: pd.DataFrame) -> pd.Series:
    """All greenhouse gases, all energy products (Mt CO2e, AR5) by year; years SSB gives no
    number for are left out, not set to zero."""
    m = _manufacturing(frame)
    s = m[(m["UtslpEnergivare"] == ALL_PRODUCTS) & (m["UtslpKomp"] == ALL_GASES)]
    return s.set_index("year")["mt"].dropna().sort_index()


def by_gas(frame: pd.DataFrame) -> pd.DataFrame:
    """Years × gases (Mt CO2e), all energy products; gases named in Norwegian."""
    return _years_by(frame, "UtslpKomp", GAS_NB, ("UtslpEnergivare", ALL_PRODUCTS))


def by_product(frame: pd.DataFrame) -> pd.DataFrame:
    """Years × energy products (Mt CO2e), all gases; 'prosessutslipp' is SSB's 'not applicable'
    (emissions from the processes themselves, not from burning an energy product)."""
    return _years_by(frame, "UtslpEnergivare", PRODUCT_NB, ("UtslpKomp", ALL_GASES))


def _years_by(frame: pd.DataFrame, column: str, names: dict[str, str],
              total: tuple[str, str]) -> pd.DataFrame:
    """Years × the codes of ``column`` in ``names`` (renamed to them, in their order), at the
    total (``(dimension, code)``) of the other dimension."""
    m = _manufacturing(frame)
    other, code = total
    s = m[(m[other] == code) & m[column].isin(names)]
    wide = s.pivot(index="year", columns=column, values="mt")
    out = wide[[c for c in names if c in wide.columns]].rename(columns=names)
    out.columns.name = None
    return out


def annual_rate(series: pd.Series, start: int, end: int) -> float:
    """Compound annual rate (fraction per year) from ``start`` to ``end`` of ``series``; a
    window of one year is that year's change."""
    for year in (start, end):
        if year not in series.index or pd.isna(series.loc[year]):
            raise ProcessIndustryError(
                f"{TABLE}: no emission level for {year}; years with a level: "
                f"{int(series.index.min())}–{int(series.index.max())}")
    if end <= start:
        raise ProcessIndustryError(f"rate window {start}–{end}: the end must come after the start")
    return growth.cagr(float(series.loc[start]), float(series.loc[end]), end - start)


@dataclass(frozen=True)
class EmissionWindow:
    """A base year's level, the last observation, and a target year with the cut (fraction)
    wanted from the base year by then; levels in Mt CO2e. Subclasses add a ``landing``."""

    base_year: int
    base_level: float
    last_year: int
    last_level: float
    target_year: int
    cut: float

    @property
    def years_left(self) -> int:
        return self.target_year - self.last_year

    @property
    def landing_cut_pct(self) -> float:
        """Cut from the base year reached in the target year at the historical rate."""
        return -PERCENT * growth.growth(self.base_level, self.landing)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class BaseComparison(EmissionWindow):
    """From one base year to the last observation and on to a target year at two rates."""

    historical_rate: float  # base year → last observation, fraction per year

    @property
    def change_pct(self) -> float:
        return PERCENT * growth.growth(self.base_level, self.last_level)

    @property
    def target(self) -> float:
        return self.base_level * (1.0 - self.cut)

    @property
    def required_rate(self) -> float | None:
        """Rate that reaches the target; None with no years left or a target of zero."""
        if self.years_left <= 0 or self.target <= 0:
            return None
        return growth.required_rate(self.last_level, self.target, self.years_left)

    @property
    def landing(self) -> float:
        """Level in the target year if the historical rate went on."""
        return self.last_level * (1.0 + self.historical_rate) ** self.years_left


def compare_base(series: pd.Series, base_year: int, target_year: int,
                 cut: float) -> BaseComparison:
    """Historical rate from ``base_year``, target level and required rate for ``series``."""
    if not 0 <= cut <= 1:
        raise ProcessIndustryError(f"target_cut must be between 0 and 1, got {cut!r}")
    last = int(series.dropna().index.max())
    if target_year < last:
        raise ProcessIndustryError(
            f"target_year {target_year} is before the last observation ({last})")
    rate = annual_rate(series, base_year, last)
    return BaseComparison(base_year, float(series.loc[base_year]), last,
                          float(series.loc[last]), target_year, float(cut), rate)


def document_beside_series(series: pd.Series, vintage: str) -> pd.DataFrame:
    """The document's 1990 level, 2023 level and stated cut since 1990 beside table 13931, with
    the reason for each difference (Mt CO2e; cut in percent)."""
    d1990, d2023 = stated_value(ID_EMIS_1990), stated_value(ID_EMIS_2023)
    stated_cut = stated_value(ID_CUT_SINCE_1990)
    own_cut = -PERCENT * growth.growth(d1990, d2023)
    s1990, s2023 = float(series.loc[1990]), float(series.loc[2023])
    last = int(series.index.max())
    same = "ingen forskjell med én desimal"
    rows = [
        ("nivå 1990 (mill. tonn)", d1990, s1990,
         same if abs(d1990 - s1990) < 0.05 else
         "versjon: dokumentets nivå bygger på eldre omregningsfaktorer (GWP), SSB-serien "
         f"publisert {date_nb(vintage)} på de nyere (AR5)"),
        ("nivå 2023 (mill. tonn)", d2023, s2023,
         same if abs(d2023 - s2023) < 0.05 else
         "årgang: dokumentet bygger på en tidligere publisering av 2023-tallene"),
        ("kutt 1990–2023 (%)", stated_cut, -PERCENT * growth.growth(s1990, s2023),
         "årgang: prosenten følger SSBs foreløpige tall fra juni 2024; med dokumentets egne "
         f"nivåer blir kuttet {fmt_number(own_cut, 1)} %, så nivåene og prosenten i dokumentet "
         "henger ikke sammen (feil i dokumentet)"),
        (f"nivå {last}, siste år i serien (mill. tonn)", math.nan, float(series.loc[last]),
         "dokumentet går til 2023"),
    ]
    frame = pd.DataFrame(rows, columns=["størrelse", "dokumentet", "SSB tabell 13931",
                                        "årsak til forskjellen"])
    frame.insert(3, "differanse", frame["SSB tabell 13931"] - frame["dokumentet"])
    return frame


def observations(series: pd.Series) -> pd.DataFrame:
    """The series as points: year, level; with a flag for years that follow a gap, so a chart
    can draw observations without a line through missing years."""
    s = series.dropna().sort_index()
    years = s.index.astype(int)
    after_gap = [False] + [b - a > 1 for a, b in zip(years[:-1], years[1:], strict=True)]
    return pd.DataFrame({"year": years, "value": s.to_numpy(), "after_gap": after_gap})


def vintage(frame: pd.DataFrame) -> str:
    """SSB's publication date of the loaded table (yyyy-mm-dd), or "" when unknown."""
    prov = frame.attrs.get("provenance", {})
    value = prov.get("vintage", "") if isinstance(prov, dict) else getattr(prov, "vintage", "")
    return str(value)[:10]


def table_years(series: pd.Series, start: int, step: int = 5) -> list[int]:
    """Years for a compact table: ``start``, every ``step`` years that end in 0 or 5, 2005,
    and the last year of the series."""
    last = int(series.index.max())
    years = {start, last, *(y for y in series.index if y % step == 0 and y >= start)}
    if start <= 2005 <= last:
        years.add(2005)
    return sorted(int(y) for y in years if y in series.index)


def rate_table(series: pd.Series, rate_from: int, rate_to: int | None, compare_2005: bool,
               target_year: int, cut: float, base_year: int = 1990) -> pd.DataFrame:
    """Historical annual rates (percent per year) over the chosen period and from 1990 (and
    2005) to the last year, with the level each rate would reach in ``target_year`` and the
    rate the cut needs: from the row's own base year, and for the chosen period from the
    report's ``base_year`` (the period's row is left out when a base row is the same
    period)."""
    last = int(series.index.max())
    end = rate_to or last
    rows = []
    bases = [1990] + ([2005] if compare_2005 else [])
    if (rate_from, end) not in [(b, last) for b in bases]:  # else its row stands below
        rate = annual_rate(series, rate_from, end)
        c = compare_base(series, base_year, target_year, cut)
        landing = c.last_level * (1 + rate) ** (target_year - last)
        rows.append((f"valgt periode {rate_from}–{end} (mål fra {base_year})", PERCENT * rate,
                     landing, c.target,
                     PERCENT * c.required_rate if c.required_rate is not None else math.nan))
    for base in bases:
        c = compare_base(series, base, target_year, cut)
        rows.append((f"fra {base} til {last}", PERCENT * c.historical_rate, c.landing, c.target,
                     PERCENT * c.required_rate if c.required_rate is not None else math.nan))
    return pd.DataFrame(rows, columns=[
        "periode", "historisk årlig endring (%)",
        f"nivå {target_year} med historisk takt (mill. tonn)",
        f"mål {target_year}: {fmt_number(PERCENT * cut, 0)} % kutt fra basisåret (mill. tonn)",
        f"nødvendig årlig endring {last}–{target_year} (%)"])
