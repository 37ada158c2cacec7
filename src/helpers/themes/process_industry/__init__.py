"""Computations for the process-industry report (document 003, Prosess21 status report 2024).

Everything here works on datasets in ``data/``: the document's own tables
(``process_investments``, ``process_exports_2023``, ``process_energy_use_2023``,
``process_exchange_rates``), the figures it states in its prose (``stated_figures``, ids
``003-LLLL-x``) and published statistics (``ssb_*``). No number is typed in here except
arithmetic constants (100 for percent, 1e9 for billions).

Sections of the report and their functions:

1. scope: ``scope_markdown``
2. employment: ``stated_table``, ``employment_summary``
3. investments: ``investment_table``, ``investment_growth``, ``investment_totals``
4. exports: ``export_table``, ``export_share_check``, ``export_change``
5. energy: ``energy_matrix``, ``energy_mix``, ``energy_totals_check``, ``electricity_shares``
6. emissions: ``emission_series``, ``emission_plan``, ``plan_table``, ``pathway_frame``,
   ``pathway_chart``
7. electricity as indicator: ``industry_electricity_share_estimates``,
   ``electricity_emissions_table``, ``indicator_test``
8. ripple effects: ``ripple_multipliers``
9. checks: ``document_checks`` (shown with ``helpers.checks.table``)
10. sources: ``helpers.core.data.sources_table``

``validate_parameters`` is the report's validator (``reports.yaml``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.charts import norwegian_axes
from helpers.core.formatting import en_dash, fmt_number
from helpers.methods import growth

# --------------------------------------------------------------------------- names

INVESTMENTS = "process_investments"
EXPORTS = "process_exports_2023"
ENERGY = "process_energy_use_2023"
RATES = "process_exchange_rates"
SCOPE = "process_scope"
BRANCH_MAP = "process_branch_map"
STATED = checks.DATASET
SSB_EMISSIONS = "ssb_emissions_by_main_source"
SSB_ELECTRICITY = "ssb_electricity_power_intensive"
SSB_ENERGY = "ssb_energy_use_manufacturing"

NOTEBOOK = "process_industry"
#: Branch parameter value (allowed values: reports.yaml) → label in the report.
BRANCH_LABELS = {
    "alle": "alle bransjer",
    "kjemi": "kjemi og raffinering",
    "metaller": "metaller",
    "mineraler": "mineralske produkter",
    "treforedling": "treforedling",
}
CURRENCIES = ("NOK", "EUR")
EMISSION_SOURCES = ("dokument", "ssb")

ALL_PRODUCTS = "Alle energiprodukter"
ELECTRICITY = "Elektrisitet"

#: Stated figures the computations rest on (document 003).
ID_EMIS_1990 = "003-0940-a"
ID_EMIS_2023 = "003-0940-b"
ID_TARGET_CUT = "003-1624-a"
ID_TARGET_YEAR = "003-1626-a"
ID_BASE_YEAR = "003-1626-b"
ID_VA_DIRECT = "003-1073-a"
ID_EMP_DIRECT = "003-1073-b"
ID_VA_TOTAL = "003-1081-a"
ID_EMP_TOTAL = "003-1081-b"
ID_VA_PER_FTE = "003-1065-a"
ID_KI_ELECTRICITY = "003-0666-a"
ID_REST_ELECTRICITY = "003-0666-b"
ID_EXPORT_CHANGE = "003-0515-a"
ID_EXPORT_CHANGE_PCT = "003-0515-b"

BILLION = 1e9
PERCENT = 100.0

# Measures and labels of the published SSB files (as transcribed there).
_MM = "Manufacturing industries and mining"
_ALL_SOURCES = "All sources (total emissions)"
_GHG = "GHG emissions"
_KI = "Kraftintensiv industri"


class ProcessIndustryError(ValueError):
    """A parameter or an input of the process-industry report is unusable."""


# --------------------------------------------------------------------------- shared


def stated_value(figure_id: str) -> float:
    """The value of a stated figure of document 003 (see ``stated_figures``)."""
    return checks.stated(figure_id).value


def printed(figure_id: str, unit: bool = False) -> str:
    """A stated figure as printed in the document, optionally with its unit."""
    fig = checks.stated(figure_id)
    shown = "" if fig.unit == "count" else fig.unit
    return f"{fig.printed} {shown}".strip() if unit else fig.printed


def shown(figure_id: str) -> str:
    """A stated figure's number the Norwegian way, with its printed decimals ("35,8", "200 000"),
    for method texts (the document prints some numbers the English way)."""
    fig = checks.stated(figure_id)
    return fmt_number(fig.value, fig.stored_decimals)


def stated_table(ids: Sequence[str]) -> pd.DataFrame:
    """Stated figures as a report table: hva (``label_nb``, our words), oppgitt (the stored value
    formatted the Norwegian way with the printed decimals and a Norwegian unit), periode, linje."""
    rows = []
    for fid in ids:
        fig = checks.stated(fid)
        rows.append(
            {
                "hva": fig.label_nb or fig.measure,
                "oppgitt": checks.format_value(fig.value, fig.unit, fig.stored_decimals,
                                               kind=fig.kind),
                "periode": en_dash(fig.period),
                "linje": en_dash(fig.lines),
            }
        )
    return pd.DataFrame(rows)


ID_EMP_LOW = "003-0324-a"
ID_EMP_HIGH = "003-0324-b"


def employment_summary() -> dict[str, Any]:
    """Section 2 in numbers: the document's employment range for the whole process industry
    (low, high, mid, half the range as percent of the mid) next to the ripple analysis's direct
    employment in the power-processing industry (power_direct, power_year, power_lines) and the
    gap between them (gap_low, gap_high; not employment outside that group, see the report)."""
    low, high = stated_value(ID_EMP_LOW), stated_value(ID_EMP_HIGH)
    mid = (low + high) / 2
    power = checks.stated(ID_EMP_DIRECT)
    return {
        "low": low,
        "high": high,
        "mid": mid,
        "half_range_pct": PERCENT * (high - low) / 2 / mid,
        "power_direct": power.value,
        "power_year": power.period,
        "power_lines": en_dash(power.lines),
        "gap_low": low - power.value,
        "gap_high": high - power.value,
    }


def scope_markdown() -> str:
    """Section 1 as a Markdown list (long text reads badly in a right-aligned table), ending
    with its "Kilde:" line."""
    items = []
    for _, r in data.load(SCOPE).iterrows():
        codes = f" Koder: {r['codes']}." if r["codes"] else ""
        items.append(f"- **{r['topic'].capitalize()}** (linje {en_dash(r['lines'])}): "
                     f"{r['coverage']}.{codes} *Forskjell:* {r['difference']}.")
    return "\n".join(items) + "\n\n" + data.kilde(SCOPE)


def public_available(name: str) -> bool:
    """Whether a published-statistics dataset has been imported into ``data/``."""
    return name in data.catalogue()


def branch_rows(branch: str, dataset: str) -> list[str] | None:
    """Row keys of ``dataset`` that belong to ``branch`` (None for 'alle' = every row)."""
    _check_choice("branch", branch, BRANCH_LABELS)
    if branch == "alle":
        return None
    m = data.load(BRANCH_MAP)
    return m.loc[(m["branch"] == branch) & (m["dataset"] == dataset), "row_key"].tolist()


def _check_choice(name: str, value: Any, allowed: Iterable[Any]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ProcessIndustryError(
            f"notebook {NOTEBOOK!r}: parameter {name!r} must be one of {allowed}, got {value!r}"
        )


# --------------------------------------------------------------------------- investments


def investments() -> pd.DataFrame:
    return data.load(INVESTMENTS)


def investment_table(df: pd.DataFrame | None = None, branch: str = "alle") -> pd.DataFrame:
    """Wide table: one row per printed row (parts marked 'herav'), one column per period,
    plus the total of the top-level groups computed from the rows (parts not counted twice)
    and the SUM row as printed. Values in million NOK per year."""
    df = investments() if df is None else df
    keep = branch_rows(branch, INVESTMENTS)
    periods = list(dict.fromkeys(df["period"]))
    rows = df[df["row_role"] != "printed_total"]
    if keep is not None:
        rows = rows[rows["industry"].isin(keep)]
    order = list(dict.fromkeys(rows["industry"]))
    wide = rows.pivot(index="industry", columns="period", values="value").loc[order, periods]
    roles = rows.drop_duplicates("industry").set_index("industry")["row_role"]
    wide.index = [f"– herav {i}" if roles[i] == "part" else i for i in wide.index]
    totals = investment_totals(df)
    if keep is None:
        wide.loc["Sum hovedgrupper (beregnet)"] = totals["groups_only"].to_numpy()
        wide.loc["SUM som trykt"] = totals["printed"].to_numpy()
    wide.index.name = "næringsgruppe"
    wide.columns.name = None
    return wide.reset_index()


def investment_totals(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per period: sum of the top-level groups, sum of every row (parts counted again), the
    printed SUM and its difference from both. Shows which rule the printed SUM follows."""
    df = investments() if df is None else df
    out = []
    for period, g in df.groupby("period", sort=False):
        groups = checks.total(g.loc[g["row_role"] == "group", "value"])
        every = checks.total(g.loc[g["row_role"].isin(["group", "part"]), "value"])
        printed_rows = g.loc[g["row_role"] == "printed_total", "value"]
        printed = float(printed_rows.iloc[0]) if len(printed_rows) else math.nan
        out.append(
            {
                "period": period,
                "groups_only": groups,
                "all_rows": every,
                "printed": printed,
                "printed_minus_groups": printed - groups,
                "printed_minus_all_rows": printed - every,
            }
        )
    return pd.DataFrame(out).set_index("period")


def investment_growth(df: pd.DataFrame | None = None, branch: str = "alle") -> pd.DataFrame:
    """Growth per row between consecutive periods (percent), and from the first to the last
    period as total change and as an annual rate between the periods' middle years."""
    df = investments() if df is None else df
    rows = df[df["row_role"] != "printed_total"].copy()
    keep = branch_rows(branch, INVESTMENTS)
    if keep is not None:
        rows = rows[rows["industry"].isin(keep)]
    records = []
    for industry, g in rows.groupby("industry", sort=False):
        g = g.sort_values("period_start")
        rec: dict[str, Any] = {"næringsgruppe": industry}
        values = g["value"].astype(float).tolist()
        periods = g["period"].tolist()
        for i in range(1, len(values)):
            rec[f"{periods[i - 1]} → {periods[i]}"] = PERCENT * growth.growth(values[i - 1],
                                                                               values[i])
        first, last = g.iloc[0], g.iloc[-1]
        years = _mid(last) - _mid(first)
        rec["hele perioden"] = PERCENT * growth.growth(values[0], values[-1])
        rec["årlig rate"] = PERCENT * growth.cagr(values[0], values[-1], years)
        records.append(rec)
    return pd.DataFrame(records)


def _mid(row: pd.Series) -> float:
    return (float(row["period_start"]) + float(row["period_end"])) / 2


def ten_year_average(df: pd.DataFrame, industry: str, last_year: int, years: int) -> float:
    """Approximate average annual value over the ``years`` years up to ``last_year`` from
    three-year averages: each year takes the average of the period that contains it.
    A reconstruction (the table has no single years)."""
    rows = df[(df["industry"] == industry) & (df["row_role"] != "printed_total")]
    values = []
    for year in range(last_year - years + 1, last_year + 1):
        hit = rows[(rows["period_start"] <= year) & (rows["period_end"] >= year)]
        if hit.empty:
            raise ProcessIndustryError(f"{INVESTMENTS}: no period covers the year {year}")
        values.append(float(hit["value"].iloc[0]))
    return sum(values) / len(values)


ID_TEN_YEARS = "003-0402-b"
ID_TEN_YEAR_AVERAGE = "003-0404-a"
REFINING_CHEMICALS = "Oljeraff., kjemisk farmas. industri (i alt)"


def document_ten_year_average(df: pd.DataFrame | None = None) -> tuple[float, int, int]:
    """The reconstruction behind the document's ten-year average for refining, chemicals and
    pharmaceuticals (line 404): (average in million NOK, first year, last year), the window
    being the stated number of years up to the table's last year."""
    df = investments() if df is None else df
    years = int(stated_value(ID_TEN_YEARS))
    last = int(df["period_end"].max())
    return ten_year_average(df, REFINING_CHEMICALS, last, years), last - years + 1, last


# --------------------------------------------------------------------------- currency


def rates() -> pd.DataFrame:
    return data.load(RATES)


def nok_per(currency: str, year: int, fx: pd.DataFrame | None = None) -> float:
    """NOK per unit of ``currency`` in ``year`` with the document's annual average rates."""
    _check_choice("currency", currency, CURRENCIES)
    if currency == "NOK":
        return 1.0
    fx = rates() if fx is None else fx
    hit = fx[(fx["pair"] == f"NOK_per_{currency}") & (fx["year"] == year)]
    if hit.empty:
        years = sorted(fx.loc[fx["pair"] == f"NOK_per_{currency}", "year"].tolist())
        raise ProcessIndustryError(
            f"{RATES}: no NOK per {currency} rate for {year}; the document gives {years}"
        )
    return float(hit["value"].iloc[0])


def convert(value_nok: float, year: int, currency: str, fx: pd.DataFrame | None = None) -> float:
    """A NOK amount of ``year`` in ``currency`` (the document's annual average rate)."""
    return float(value_nok) / nok_per(currency, year, fx)


def currency_change(pair: str, start: int, end: int, fx: pd.DataFrame | None = None) -> float:
    """Percent change of a rate between two years (positive = the krone weakened)."""
    fx = rates() if fx is None else fx
    sel = fx[fx["pair"] == pair].set_index("year")["value"]
    return PERCENT * growth.growth(float(sel.loc[start]), float(sel.loc[end]))


# --------------------------------------------------------------------------- exports


def exports() -> pd.DataFrame:
    return data.load(EXPORTS)


def export_table(currency: str = "NOK", branch: str = "alle", year: int = 2023) -> pd.DataFrame:
    """Export value 2023 by commodity group in billions of ``currency``, with the process
    industry's value and shares recomputed from the values (percent)."""
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    groups = ex[ex["row_role"] == "group"].copy()
    keep = branch_rows(branch, EXPORTS)
    if keep is not None:
        groups = groups[groups["hs_chapters"].isin(keep)]
    rate = nok_per(currency, year)
    pi_total = float(total["export_value_process_industry"])
    nor_total = float(total["export_value_norway"])
    out = pd.DataFrame(
        {
            "varegruppe": (groups["hs_chapters"] + " " + groups["commodity_group"]).tolist(),
            f"Norge (mrd. {currency})": (groups["export_value_norway"].astype(float) / rate
                                         / BILLION).tolist(),
            f"prosessindustri (mrd. {currency})": (
                groups["export_value_process_industry"].astype(float) / rate / BILLION
            ).tolist(),
        }
    )
    pi = groups["export_value_process_industry"].astype(float)
    nor = groups["export_value_norway"].astype(float)
    out["andel av gruppen (%)"] = (PERCENT * pi / nor).tolist()
    out["andel av prosessindustrien (%)"] = (PERCENT * pi / pi_total).tolist()
    out["gruppens andel av Norge (%)"] = (PERCENT * nor / nor_total).tolist()
    sel_nor, sel_pi = nor.sum(), pi.sum(min_count=1)
    label = "Sum" if keep is not None else "Eksport i alt"
    out.loc[len(out)] = {
        "varegruppe": label,
        f"Norge (mrd. {currency})": (sel_nor if keep is not None else nor_total) / rate / BILLION,
        f"prosessindustri (mrd. {currency})": (sel_pi if keep is not None else pi_total)
        / rate / BILLION,
        "andel av gruppen (%)": PERCENT * (sel_pi if keep is not None else pi_total)
        / (sel_nor if keep is not None else nor_total),
        "andel av prosessindustrien (%)": PERCENT * (sel_pi if keep is not None else pi_total)
        / pi_total,
        "gruppens andel av Norge (%)": PERCENT * (sel_nor if keep is not None else nor_total)
        / nor_total,
    }
    return out


def export_share_check() -> pd.DataFrame:
    """Every share printed in the export table against the share recomputed from its values.

    Returns one row per printed share: group, which share, printed, recomputed, difference
    (percentage points) and whether it agrees at the printed two decimals."""
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    pi_total = float(total["export_value_process_industry"])
    nor_total = float(total["export_value_norway"])
    specs = [
        ("share_of_norway_total_exports", "andel av Norges eksport",
         lambda r: r["export_value_norway"] / nor_total),
        ("share_of_process_industry_total", "andel av prosessindustriens eksport",
         lambda r: r["export_value_process_industry"] / pi_total),
        ("process_industry_share_of_group", "prosessindustriens andel av gruppen",
         lambda r: r["export_value_process_industry"] / r["export_value_norway"]),
    ]
    rows = []
    for _, r in ex.iterrows():
        for col, label, func in specs:
            printed = r[col]
            if pd.isna(printed):
                continue
            value = PERCENT * float(func(r))
            rows.append(
                {
                    "linje": r["lines"],
                    "varegruppe": r["hs_chapters"] or r["commodity_group"],
                    "andel": label,
                    "trykt (%)": float(printed),
                    "beregnet (%)": value,
                    "differanse (pp)": value - float(printed),
                    "stemmer": abs(value - float(printed)) < 0.005 + 1e-9,
                }
            )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ExportChange:
    """The process industry's exports 2019 → 2023 in one currency (billions)."""

    currency: str
    value_2019: float
    value_2023: float

    @property
    def change(self) -> float:
        return self.value_2023 - self.value_2019

    @property
    def change_pct(self) -> float:
        return PERCENT * growth.growth(self.value_2019, self.value_2023)


def export_change(currency: str = "NOK") -> ExportChange:
    """2019 → 2023 change in the process industry's exports. The 2023 value is the table's;
    the 2019 value is reconstructed as 2023 minus the stated increase (the document prints no
    2019 level). Converted with each year's average rate."""
    ex = exports()
    v2023_nok = float(ex.loc[ex["row_role"] == "total", "export_value_process_industry"].iloc[0])
    v2023_nok /= BILLION
    v2019_nok = v2023_nok - stated_value(ID_EXPORT_CHANGE)
    return ExportChange(
        currency,
        value_2019=convert(v2019_nok, 2019, currency),
        value_2023=convert(v2023_nok, 2023, currency),
    )


# --------------------------------------------------------------------------- energy


def energy() -> pd.DataFrame:
    return data.load(ENERGY)


def energy_matrix(df: pd.DataFrame | None = None, *, markers: bool = False) -> pd.DataFrame:
    """Rows × energy products (GWh) in the printed order. ``markers=True`` returns the cells as
    shown: numbers, or SSB's marker ('.' not possible to state, '-' nil)."""
    df = energy() if df is None else df
    order_rows = list(dict.fromkeys(df["row_id"]))
    order_cols = list(dict.fromkeys(df["energy_product"]))
    if markers:
        cells = df["value"].astype(object).where(df["value_status"] == "", df["value_status"])
        frame = df.assign(cell=cells)
        wide = frame.pivot(index="row_id", columns="energy_product", values="cell")
    else:
        wide = df.pivot(index="row_id", columns="energy_product", values="value")
    wide = wide.loc[order_rows, order_cols]
    labels = df.drop_duplicates("row_id").set_index("row_id")["industry"]
    wide.insert(0, "næring", [labels[i] for i in wide.index])
    return wide


#: Short Norwegian column names for the energy products in print.
PRODUCT_SHORT = {
    "Alle energiprodukter": "alle", "Kull og kullprodukter": "kull", "Naturgass": "gass",
    "Olje / oljeprodukter (eks. bio)": "olje", "Biobrensler": "bio", "Avfall": "avfall",
    "Elektrisitet": "el.", "Fjernvarme": "fjernv.",
}


def _row_label(row_id: str, label: str) -> str:
    return f"{row_id} {label.replace('Produksjon av ', '')}"


def energy_display(branch: str = "alle") -> pd.DataFrame:
    """The energy table for print: one label column (code and industry), short product names,
    SSB's markers kept as printed. With a branch, its rows plus the 12.1 total."""
    m = energy_matrix(markers=True)
    rows = branch_rows(branch, ENERGY)
    if rows is not None:
        m = m.loc[[r for r in m.index if r in set(rows) or r == "12.1"]]
    out = m.rename(columns=PRODUCT_SHORT)
    out.insert(0, "næring (kode)", [_row_label(i, n) for i, n in zip(out.index, out["næring"],
                                                                        strict=True)])
    out = out.drop(columns="næring").reset_index(drop=True)
    out.columns.name = None
    return out


def energy_mix(df: pd.DataFrame | None = None, rows: Sequence[str] | None = None) -> pd.DataFrame:
    """Each product's share (percent) of the row's printed total ('Alle energiprodukter').
    Cells marked '.' stay missing (not zero)."""
    m = energy_matrix(df)
    if rows is not None:
        m = m.loc[[r for r in m.index if r in set(rows)]]
    products = [c for c in m.columns if c not in ("næring", ALL_PRODUCTS)]
    shares = m[products].div(m[ALL_PRODUCTS], axis=0) * PERCENT
    shares.insert(0, "næring", m["næring"])
    return shares


def energy_totals_check(df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Row and column totals of the energy table recomputed from their parts.

    Row check: the products of a row against its 'Alle energiprodukter'. Column checks: the
    branches of each group against the group's printed subtotal; the three groups against
    12.1; 11.1 + 11.2 against 11. Cells marked '.' count as 0 in the sums (they hold no
    reported number) and are counted in column ``punkter``; '-' is nil (0)."""
    df = energy() if df is None else df
    m = energy_matrix(df)
    status = df.pivot(index="row_id", columns="energy_product", values="value_status")
    products = [c for c in m.columns if c not in ("næring", ALL_PRODUCTS)]
    out = []
    for rid in m.index:
        parts = m.loc[rid, products].astype(float)
        out.append(
            {
                "kontroll": "rad",
                "rad": rid,
                "energiprodukt": ALL_PRODUCTS,
                "trykt": float(m.loc[rid, ALL_PRODUCTS]),
                "sum av delene": float(parts.fillna(0).sum()),
                "punkter": int((status.loc[rid, products] == ".").sum()),
                "deler": int(parts.notna().sum()),
            }
        )
    info = df.drop_duplicates("row_id").set_index("row_id")
    for parent in [p for p in dict.fromkeys(info["parent"]) if p]:
        children = info.index[info["parent"] == parent].tolist()
        for product in [ALL_PRODUCTS, *products]:
            vals = m.loc[children, product].astype(float)
            out.append(
                {
                    "kontroll": "kolonne",
                    "rad": parent,
                    "energiprodukt": product,
                    "trykt": float(m.loc[parent, product]),
                    "sum av delene": float(vals.fillna(0).sum()),
                    "punkter": int((status.loc[children, product] == ".").sum()),
                    "deler": int(vals.notna().sum()),
                }
            )
    frame = pd.DataFrame(out)
    # A printed '.' has no number to compare with: the difference stays missing.
    frame["differanse"] = frame["sum av delene"] - frame["trykt"]
    # Every printed cell is rounded to whole GWh: n parts and the total can together be off by
    # half a unit each.
    frame["toleranse"] = 0.5 * (frame["deler"] + 1)
    return frame


def energy_totals_summary(frame: pd.DataFrame) -> dict[str, float]:
    """Counts for the totals check: compared, exact, within rounding (see ``toleranse``),
    outside rounding, and totals printed as '.' (nothing to compare); the largest difference."""
    diff = frame["differanse"]
    compared = diff.notna()
    d, tol = diff[compared].abs(), frame.loc[compared, "toleranse"]
    return {
        "kontroller": int(compared.sum()),
        "eksakt": int((d == 0).sum()),
        "innenfor_avrunding": int(((d > 0) & (d <= tol)).sum()),
        "utenfor_avrunding": int((d > tol).sum()),
        "ikke_sammenlignbare": int((~compared).sum()),
        "største_avvik": float(d.max()),
    }


def electricity_shares(df: pd.DataFrame | None = None) -> dict[str, float]:
    """Key electricity shares from the energy table (percent): electricity's share of all
    energy in industry (12.1) and in the energy-intensive group, and the energy-intensive
    group's share of industry's electricity."""
    m = energy_matrix(df).drop(columns="næring").astype(float)
    el, alle = m[ELECTRICITY], m[ALL_PRODUCTS]
    return {
        "el_andel_industri": checks.share(el["12.1"], alle["12.1"]),
        "el_andel_energiintensive": checks.share(el["EI"], alle["EI"]),
        "energiintensive_andel_av_el": checks.share(el["EI"], el["12.1"]),
    }


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
    """A release as Norwegian text: "publisert 2024-11-05" from the transcribed page date
    (English notes in brackets dropped), "publiseringsdato ikke oppgitt" when there is none."""
    text = str(vintage)
    if text[:4].isdigit():
        return f"publisert {text[:10]}"
    return "publiseringsdato ikke oppgitt"


def emission_series(source: str = "dokument") -> pd.DataFrame:
    """The emission levels the pathway is computed from (Mt CO2e).

    ``dokument``: the document's own points (1990 and 2023, lines 938-942).
    ``ssb``: SSB's published key-table levels, the latest vintage per year, plus 1990 derived
    from the latest vintage's change since 1990 (SSB prints no 1990 level). Levels before 2022
    use older GWP values (AR4) and are not comparable in level with 2022 onwards.
    Columns: year, value, kind (observed/derived), note, dataset."""
    _check_choice("emission_source", source, EMISSION_SOURCES)
    if source == "dokument":
        rows = [
            (int(checks.stated(fid).period), stated_value(fid), "oppgitt",
             f"dokumentet l. {checks.stated(fid).lines}", STATED)
            for fid in (ID_EMIS_1990, ID_EMIS_2023)
        ]
    else:
        lv = ssb_emission_levels()
        latest = lv.sort_values("vintage").groupby("year").tail(1).sort_values("year")
        last = latest.iloc[-1]
        rows = [
            (1990, float(last["implied_1990"]), "avledet",
             f"avledet av endring siden 1990 ({fmt_number(last['change_since_1990'], 1)} %), "
             f"{release_date(last['vintage'])}", SSB_EMISSIONS)
        ]
        for _, r in latest.iterrows():
            flag = "foreløpig, " if r["preliminary"] else ""
            rows.append((int(r["year"]), float(r["value"]), "publisert",
                         f"{flag}{r['gwp']}, {release_date(r['vintage'])}", SSB_EMISSIONS))
    return pd.DataFrame(rows, columns=["year", "value", "kind", "note", "dataset"])


def mixes_gwp(series: pd.DataFrame, base_year: int) -> bool:
    """Whether the base-year level and the last level rest on different GWP values (AR4 and
    AR5), so that the change between them is partly a change of method."""
    notes = series.set_index("year")["note"]
    base, last = ("AR4" in str(notes.loc[y]) for y in (base_year, notes.index.max()))
    return base != last


def target_level(base_level: float, cut: float) -> float:
    """Emission level after cutting ``cut`` (0-1) from the base-year level."""
    if not 0 <= cut <= 1:
        raise ProcessIndustryError(f"target_cut must be between 0 and 1, got {cut!r}")
    return float(base_level) * (1.0 - float(cut))


@dataclass(frozen=True)
class EmissionPlan:
    """Target, remaining cut and rates for one set of parameters (levels in Mt CO2e, rates as
    fractions per year)."""

    base_year: int
    base_level: float
    last_year: int
    last_level: float
    target_year: int
    cut: float
    target: float
    historical_rate: float
    required_rate: float | None
    landing: float

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

    @property
    def landing_cut_pct(self) -> float:
        """Cut from the base year reached in the target year at the historical rate."""
        return -PERCENT * growth.growth(self.base_level, self.landing)

    @property
    def years_left(self) -> int:
        return self.target_year - self.last_year


def emission_plan(
    series: pd.DataFrame, base_year: int, target_year: int, cut: float
) -> EmissionPlan:
    """Target level, historical and required annual rates and where the historical rate lands.

    The historical rate is the compound annual rate from ``base_year`` to the last observation;
    the required rate takes the last observation to the target in ``target_year``. With no years
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
    hist = growth.cagr(base, last, last_year - base_year)
    years = target_year - last_year
    required = growth.required_rate(last, target, years) if years > 0 and target > 0 else None
    landing = last * (1 + hist) ** years
    return EmissionPlan(base_year, base, last_year, last, target_year, float(cut), target,
                        hist, required, landing)


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
        ("gjenstående kutt", fmt_number(plan.remaining_cut, 2), EMISSION_UNIT),
        ("gjenstående kutt, andel", fmt_number(plan.remaining_cut_pct, 1),
         f"% av nivået i {plan.last_year}"),
        (f"historisk årlig endring {plan.base_year}–{plan.last_year}",
         fmt_number(PERCENT * plan.historical_rate, 2), pct),
        (f"nødvendig årlig endring {plan.last_year}–{plan.target_year}", required, pct),
        (f"nivå i {plan.target_year} med historisk endringstakt", fmt_number(plan.landing, 2),
         EMISSION_UNIT),
        (f"kutt fra {plan.base_year} i {plan.target_year} med historisk endringstakt",
         fmt_number(plan.landing_cut_pct, 1), f"% av nivået i {plan.base_year}"),
    ]
    return pd.DataFrame(rows, columns=["størrelse", "verdi", "enhet"])


def pathway_chart(plan: EmissionPlan, series: pd.DataFrame, source: str,
                  published: pd.DataFrame | None = None) -> Any:
    """History, target and both pathways in two panels with the same y-axis (from zero): the
    whole period, and a detail from a few years before the last observation to the target
    year, where the pathways are labelled with their end levels. ``published`` (year, value)
    adds SSB's published levels as open circles. Returns the matplotlib figure."""
    import matplotlib.pyplot as plt

    paths = pathway_frame(plan)
    hist_color, req_color, target_color = "#d95f02", "#1b9e77", "#7570b3"
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.8), sharey=True,
                             gridspec_kw={"width_ratios": [3, 2]})
    detail_start = max(int(series["year"].min()), plan.last_year - (plan.years_left + 3))
    for k, ax in enumerate(axes):
        if published is not None and len(published):
            ax.plot(published["year"], published["value"], "o", mfc="white", color="grey",
                    label="SSB, publiserte nivåer")
        ax.plot(series["year"], series["value"], "o:", color="black", linewidth=0.8,
                label=f"historikk (serie «{source}»)")
        if plan.years_left > 0:  # with the target in the last data year there is no path
            ax.plot(paths.index, paths["historisk takt"], "--", color=hist_color,
                    label=f"historisk takt ({fmt_number(PERCENT * plan.historical_rate, 2)} % "
                          "per år)")
        if "nødvendig takt" in paths and plan.years_left > 0:
            name = "nødvendig takt" if plan.required_rate < 0 else "høyeste tillatte takt"
            ax.plot(paths.index, paths["nødvendig takt"], "-", color=req_color,
                    label=f"{name} ({fmt_number(PERCENT * plan.required_rate, 2)} % per år)")
        ax.axhline(plan.target, color=target_color, linestyle=":", linewidth=1)
        ax.plot([plan.target_year], [plan.target], "D", color=target_color,
                label=f"mål {plan.target_year}: {fmt_number(plan.target, 1)} mill. tonn")
        ax.set_xlabel("år")
        ax.set_ylim(0, max(float(series["value"].max()),
                           float(published["value"].max()) if published is not None
                           and len(published) else 0.0) * 1.1)
        ax.grid(axis="y", linewidth=0.3, color="#cccccc")
        if k == 1:
            right = plan.target_year + max(2.0, 0.25 * (plan.target_year - detail_start))
            ax.set_xlim(detail_start - 0.5, right)  # room for the end labels
            ax.set_xticks([t for t in ax.get_xticks() if detail_start <= t <= plan.target_year])
            ax.set_title(f"utsnitt {detail_start}–{plan.target_year}", fontsize=8)
            if plan.years_left > 0:  # end levels, the higher one above the lower one below
                ends = [(plan.landing, hist_color), (plan.target, target_color)]
                high, low = sorted(ends, key=lambda e: e[0], reverse=True)
                for (level, color), dy, va in ((high, 2, "bottom"), (low, -2, "top")):
                    ax.annotate(fmt_number(level, 1), (plan.target_year, level),
                                xytext=(5, dy), textcoords="offset points", va=va,
                                ha="left", fontsize=7, color=color)
        else:
            ax.set_title("hele perioden", fontsize=8)
    axes[0].set_ylabel(EMISSION_UNIT)
    for ax in axes:
        norwegian_axes(ax, "y")
    axes[0].legend(fontsize=7, frameon=False, loc="lower left")
    fig.tight_layout()
    return fig


def document_target() -> tuple[int, float, int]:
    """The target the document states: (base year, cut as fraction, target year)."""
    return (
        int(stated_value(ID_BASE_YEAR)),
        stated_value(ID_TARGET_CUT) / PERCENT,
        int(stated_value(ID_TARGET_YEAR)),
    )


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


# --------------------------------------------------------------------------- ripple effects


def ripple_multipliers() -> pd.DataFrame:
    """Ratios of the document's total (direct + indirect + induced) to direct figures for the
    power-processing industry. Ratios of stated figures, not a model: the employment ratio
    divides FTEs by persons, as the document's figures are given."""
    va_d, va_t = stated_value(ID_VA_DIRECT), stated_value(ID_VA_TOTAL)
    em_d, em_t = stated_value(ID_EMP_DIRECT), stated_value(ID_EMP_TOTAL)
    rows = [
        ("verdiskaping", "mrd. kr", va_d, va_t, va_t - va_d, va_t / va_d,
         f"{ID_VA_DIRECT}, {ID_VA_TOTAL}"),
        ("sysselsetting", "personer / årsverk", em_d, em_t, em_t - em_d, em_t / em_d,
         f"{ID_EMP_DIRECT}, {ID_EMP_TOTAL}"),
    ]
    return pd.DataFrame(
        rows, columns=["størrelse", "enhet", "direkte", "samlet", "indirekte og avledet",
                       "multiplikator", "tall-id"]
    )


# --------------------------------------------------------------------------- parameters


def validate_parameters(params: Mapping[str, Any]) -> None:
    """Reject parameter combinations the report cannot compute, with a clear message: the base
    year must have an emission level in the chosen series and come before its last year, the
    target year must not. Types, ranges and allowed values are declared in ``reports.yaml``
    and checked before (called by the pipeline with every parameter, and by the notebook).
    """
    def fail(msg: str) -> ProcessIndustryError:
        return ProcessIndustryError(f"notebook {NOTEBOOK!r}: {msg}")

    source = params["emission_source"]
    series = emission_series(source)
    years = sorted(int(y) for y in series["year"])
    last = years[-1]
    base, target = params["base_year"], params["target_year"]
    if base not in years:
        raise fail(f"parameter 'base_year' = {base} has no emission level in the "
                   f"{source!r} series; choose one of {years[:-1]}")
    if base >= last:
        raise fail(f"parameter 'base_year' = {base} must be before the last observation "
                   f"({last}) so that a historical rate exists")
    if target < last:
        raise fail(f"parameter 'target_year' = {target} is before the last observation "
                   f"({last}); a target must lie in {last} or later")


# --------------------------------------------------------------------------- document checks

_SSB_JUNE_2024 = "2024-06"  # SSB's preliminary 2023 release, the one the document's -43.3 % matches
_SSB_NOV_2024 = "2024-11"  # SSB's final 2023 release


def _half_unit(printed: str) -> float:
    _, decimals = checks.parse_printed(printed)
    return 0.5 * 10.0 ** (-decimals)


def _ratio_check(
    figure_id: str, num: float, num_half: float, den: float, den_half: float, how: str,
    sources: Sequence[str],
) -> checks.CheckResult:
    """Check a stated percentage against num/den when num and den are themselves rounded:
    the verdict accepts any value the rounded inputs allow (interval arithmetic)."""
    value = PERCENT * num / den
    low = PERCENT * (num - num_half) / (den + den_half)
    high = PERCENT * (num + num_half) / (den - den_half)
    spread = max(value - low, high - value)
    unit = 2 * (_half_unit(checks.stated(figure_id).printed) + spread)
    return checks.check(figure_id, value, how + " (avrundede inndata tatt hensyn til)",
                        sources=sources, rounding_unit=unit)


def _ssb_2023(vintage: str) -> pd.Series:
    lv = ssb_emission_levels()
    hit = lv[(lv["year"] == 2023) & lv["vintage"].str.startswith(vintage)]
    if hit.empty:
        raise ProcessIndustryError(f"{SSB_EMISSIONS}: no 2023 level in vintage {vintage}")
    return hit.iloc[0]


def ssb_implied_1990() -> float:
    """1990 level implied by SSB's preliminary 2023 release (June 2024): the release whose
    change since 1990 equals the document's (Mt CO2e)."""
    return float(_ssb_2023(_SSB_JUNE_2024)["implied_1990"])


def investment_checks() -> list[checks.CheckResult]:
    inv = investments()
    tot = investment_totals(inv)
    src = (INVESTMENTS,)
    out = []
    for fid, period in (("003-0400-a", "2015-2017"), ("003-0402-a", "2021-2023")):
        g, p = tot.loc[period, "groups_only"], tot.loc[period, "printed"]
        out.append(checks.cannot_check(
            fid,
            f"tabellen gir bare treårssnitt; {period}: "
            f"{fmt_number(g / 1000, 1)} mrd. kr per år (hovedgrupper) eller "
            f"{fmt_number(p / 1000, 1)} mrd. (trykt SUM)",
            sources=src,
        ))
    average, first, last = document_ten_year_average(inv)
    rows = inv[inv["row_role"] != "printed_total"]
    first_period = rows.loc[(rows["period_start"] <= first) & (rows["period_end"] >= first),
                            "period"].iloc[0]
    out.append(checks.check(
        ID_TEN_YEAR_AVERAGE, average / 1000,
        f"snitt {first}–{last} av treårssnittene ({first} satt lik snittet "
        f"{en_dash(first_period)}): tilnærming",
        sources=src,
    ))
    return out


def export_checks() -> list[checks.CheckResult]:
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    src = (EXPORTS,)
    nor, pi = float(total["export_value_norway"]), float(total["export_value_process_industry"])
    mineral = ex[ex["hs_chapters"] == "25-27"].iloc[0]
    misc = ex[ex["hs_chapters"] == "93-99"].iloc[0]
    change = stated_value(ID_EXPORT_CHANGE)
    return [
        checks.check("003-0509-a", nor / BILLION, "eksport i alt i tabellen", sources=src),
        checks.check("003-0511-a", pi / BILLION, "prosessindustriens sum i tabellen",
                     sources=src),
        checks.check("003-0513-a", checks.share(pi, nor),
                     "prosessindustriens sum / eksport i alt («i overkant av»)", sources=src),
        checks.check(ID_EXPORT_CHANGE_PCT, checks.change_pct(pi / BILLION - change, pi / BILLION),
                     f"{shown(ID_EXPORT_CHANGE)} mrd. mot 2019-nivået (tabellens 2023-verdi "
                     f"minus {shown(ID_EXPORT_CHANGE)} mrd.)",
                     sources=(EXPORTS, STATED)),
        checks.check("003-0519-b", checks.share(mineral["export_value_norway"], nor),
                     "varegruppe 25–27 (mineralske produkter) som andel av eksporten; tilnærmet "
                     "petroleumsrelatert", sources=src),
        checks.cannot_check("003-0515-a", "dokumentet trykker ikke 2019-nivået"),
        checks.cannot_check("003-0517-a", "prosessindustriens eksport 2022 finnes ikke i data"),
        checks.cannot_check("003-0509-b", "eksporten 2022 finnes ikke i data"),
        checks.cannot_check("003-0519-a", "eksporten 2022 etter varegruppe finnes ikke i data"),
        checks.cannot_check(
            "003-0611-a",
            f"varenummer 99999999 er ikke skilt ut; hele gruppen 93–99 er "
            f"{fmt_number(float(misc['export_value_norway']) / BILLION, 1)} mrd. kr",
            sources=src,
        ),
        checks.check("003-0599-a", currency_change("NOK_per_EUR", 2019, 2023),
                     "endring i NOK per euro 2019–2023 (dokumentets kurser)", sources=(RATES,)),
        checks.check("003-0601-a", currency_change("NOK_per_USD", 2019, 2023),
                     "endring i NOK per dollar 2019–2023 (dokumentets kurser)", sources=(RATES,)),
    ]


def energy_checks() -> list[checks.CheckResult]:
    m = energy_matrix()
    src = (ENERGY,)
    ei_rows = energy().query("parent == 'EI'")["row_id"].unique().tolist()
    out = [
        checks.check("003-0739-a", checks.total(m.loc[ei_rows, ELECTRICITY]),
                     "sum elektrisitet i de fire energiintensive næringene", sources=src),
        checks.check("003-1028-a", electricity_shares()["energiintensive_andel_av_el"],
                     "energibalansen: energiintensive / industri og bergverk", sources=src),
        checks.check("003-1028-a", checks.share(
            stated_value(ID_KI_ELECTRICITY),
            stated_value(ID_KI_ELECTRICITY) + stated_value(ID_REST_ELECTRICITY)),
            f"dokumentets egne TWh-tall: {shown(ID_KI_ELECTRICITY)} / "
            f"({shown(ID_KI_ELECTRICITY)} + {shown(ID_REST_ELECTRICITY)})", sources=(STATED,)),
        checks.check("003-0682-c", stated_value("003-0682-a") - stated_value(ID_KI_ELECTRICITY),
                     "toppnivået minus dokumentets 2023-nivå (dokumentet måler til 2024)",
                     sources=(STATED,)),
        checks.check("003-0682-b", checks.share(stated_value("003-0682-c"),
                                                stated_value("003-0682-a")),
                     f"{shown('003-0682-c')} / {shown('003-0682-a')}; «nesten» tolket som "
                     "inntil ett prosentpoeng under",
                     sources=(STATED,), rounding_unit=2),
    ]
    if public_available(SSB_ELECTRICITY):
        annual = _annual_electricity()

        def level(start: str, year: int) -> float:
            return _electricity_level(annual, start, year)

        esrc = (SSB_ELECTRICITY,)
        out += [
            checks.check(ID_KI_ELECTRICITY, level(_KI, 2023),
                         "SSBs publiserte tall for 2023 (annen årgang enn tabell 08311)",
                         sources=esrc),
            checks.check("003-0682-a", level(_KI, 2021),
                         "SSBs årstall 2021 (dokumentet viser glidende snitt ved årsskiftet)",
                         sources=esrc),
            checks.check("003-0698-b", level("Total electricity", 2023),
                         "SSBs publiserte totalforbruk 2023 (annen årgang)", sources=esrc),
            checks.cannot_check(
                "003-0698-a",
                f"SSB publiserer {fmt_number(level('Utvinning av råolje', 2023), 1)} TWh for "
                "utvinning alene; dokumentet tar med tilknyttede tjenester", sources=esrc),
        ]
    return out


def emission_checks() -> list[checks.CheckResult]:
    b1990, b2023 = stated_value(ID_EMIS_1990), stated_value(ID_EMIS_2023)
    out = [
        checks.check("003-0946-a", -checks.change_pct(b1990, b2023),
                     f"fra dokumentets egne nivåer ({shown(ID_EMIS_1990)} og "
                     f"{shown(ID_EMIS_2023)})", sources=(STATED,)),
        checks.check("003-0944-a", checks.difference(b1990, b2023),
                     f"{shown(ID_EMIS_1990)} − {shown(ID_EMIS_2023)} (dokumentets egne nivåer)",
                     sources=(STATED,)),
        checks.cannot_check("003-0883-b", "utslipp per anlegg (Miljødirektoratet) er ikke i data"),
        checks.cannot_check("003-1016-a", "utslipp per anlegg (Miljødirektoratet) er ikke i data"),
    ]
    if not public_available(SSB_EMISSIONS):
        return out
    src = (SSB_EMISSIONS,)
    june, final = _ssb_2023(_SSB_JUNE_2024), _ssb_2023(_SSB_NOV_2024)
    tot_june = ssb_total_emissions(2023, _SSB_JUNE_2024)
    tot_final = ssb_total_emissions(2023, _SSB_NOV_2024)
    half = 0.05  # SSB prints these levels with one decimal
    for fid in ("003-0047-a", "003-0895-a"):
        out.append(checks.check(fid, -june["change_since_1990"],
                                "SSBs foreløpige 2023-tall (juni 2024): endring siden 1990",
                                sources=src))
    out += [
        checks.check("003-0879-a", june["value"], "SSBs 2023-tall for industri og bergverk",
                     sources=src),
        checks.check(ID_EMIS_2023, final["value"], "SSBs endelige 2023-tall (nov. 2024)",
                     sources=src),
        checks.check(ID_EMIS_1990, june["implied_1990"],
                     "1990-nivå avledet av SSBs 2023-nivå og endring siden 1990 (juni 2024)",
                     sources=src),
        _ratio_check("003-0879-b", june["value"], half, tot_june, half,
                     "industri og bergverk / alle kilder, SSB juni 2024", src),
        _ratio_check("003-0047-b", final["value"], half, tot_final, half,
                     "industri og bergverk / alle kilder, SSB nov. 2024", src),
        _ratio_check("003-0885-a", stated_value("003-0883-b"), half, tot_june, half,
                     f"{shown('003-0883-b')} Mt / SSBs totale utslipp 2023 (juni 2024)",
                     (STATED, *src)),
        _ratio_check("003-1028-b", stated_value("003-0883-b"), half, stated_value(ID_EMIS_2023),
                     half, f"de {shown('003-0883-a')} største punktutslippene / industri og "
                     "bergverk (stedfortreder for kraftintensiv industri)", (STATED,)),
    ]
    return out


def ripple_checks() -> list[checks.CheckResult]:
    va, emp = stated_value(ID_VA_DIRECT), stated_value(ID_EMP_DIRECT)
    share = stated_value("003-1089-a")
    return [
        checks.check(ID_VA_PER_FTE, va * 1000 / emp,
                     "direkte verdiskaping / direkte sysselsatte (personer, ikke årsverk)",
                     sources=(STATED,)),
        checks.check("003-0426-a", checks.change_pct(stated_value("003-0426-b"),
                                                     stated_value("003-0426-c")),
                     f"fra {shown('003-0426-b')} til {shown('003-0426-c')} tonn",
                     sources=(STATED,)),
        checks.cannot_check(
            "003-1089-a",
            f"antall kommuner i landet er ikke i data; {shown('003-1087-a')} og "
            f"{share:.0f} % tilsvarer "
            f"{stated_value('003-1087-a') / (share / PERCENT):.0f} kommuner"),
    ]


def document_checks() -> list[checks.CheckResult]:
    """Every recomputable figure of document 003, checked (section 9 of the report)."""
    return [*investment_checks(), *export_checks(), *energy_checks(), *emission_checks(),
            *ripple_checks()]
