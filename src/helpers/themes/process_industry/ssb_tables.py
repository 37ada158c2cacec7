"""Report tables from SSB's series for one branch: energy use over time and the document's 2023
table beside it, exports by year in the chosen currency with real values, investments in
constant prices, and the index of production."""

from __future__ import annotations

import math

import pandas as pd

from helpers.core import data
from helpers.core.formatting import change_words, en_dash, money_unit

from . import ssb_series as ss
from .common import BILLION, BRANCH_MAP, ENERGY, PERCENT, RATES
from .energy import ALL_PRODUCTS, ELECTRICITY, energy_matrix
from .investments import investments

#: Base year of constant prices (the index base of SSB's price and production indices).
PRICE_BASE = 2021


def energy_overview(frame: pd.DataFrame, branch: str) -> pd.DataFrame:
    """Energy use of the branch by year (GWh) and product, with the electricity share (%)."""
    e = ss.energy_by_product(frame, ss.branch_codes(branch, ss.ENERGY)).dropna(how="all")
    e["elektrisitetsandel (%)"] = ss.electricity_share(e)
    return e


def document_energy_check(frame: pd.DataFrame, branch: str) -> pd.DataFrame:
    """The document's 2023 energy table (rows of the branch) beside table 11558 for 2023 (GWh):
    all energy and electricity, with the difference and its reason."""
    m = energy_matrix().drop(columns="næring")
    bm = data.load(BRANCH_MAP)
    rows = []
    for b in ss.branches(branch):
        keys = bm.loc[(bm["branch"] == b) & (bm["dataset"] == ENERGY), "row_key"].tolist()
        keys = [k for k in keys if k.startswith("12.")]  # energy use, not raw-material use
        doc = m.loc[keys, [ALL_PRODUCTS, ELECTRICITY]].astype(float).sum()
        ssb = ss.energy_by_product(frame, ss.branch_codes(b, ss.ENERGY)).loc[2023]
        for what, d, s in (("all energi", doc[ALL_PRODUCTS], ssb["i alt"]),
                           ("elektrisitet", doc[ELECTRICITY], ssb["elektrisitet"])):
            rows.append({"bransje": b, "energi": what, "dokumentet": d,
                         "SSB energiregnskapet": s, "differanse (%)": PERCENT * (s / d - 1)})
    out = pd.DataFrame(rows)
    out["årsak til forskjellen"] = out["bransje"].map(ENERGY_REASONS)
    out["bransje"] = out["bransje"].map(_branch_names())
    return out


#: Why the document's 2023 energy table (SSB's energy balance) and the energy accounts differ.
ENERGY_REASONS = {
    "kjemi": "definisjon: energiregnskapets næring tar med oljeraffinering, dokumentets rad "
             "gjelder bare kjemisk og farmasøytisk industri",
    "metaller": "kilde: energibalansen og energiregnskapet er ulike statistikker med ulik "
                "avgrensning av enheter",
    "mineraler": "kilde: energibalansen og energiregnskapet er ulike statistikker med ulik "
                 "avgrensning av enheter",
    "treforedling": "definisjon: dokumentets rader tar også med trykkerier og en egen "
                    "treforedlingsrad, energiregnskapet bare papir og papirvarer",
}


def _branch_names() -> dict[str, str]:
    from .common import branch_label

    return {b: branch_label(b) for b in ss.branches("alle")}


def exports_by_year(frame: pd.DataFrame, prices: pd.DataFrame | None, branch: str,
                    currency: str) -> pd.DataFrame:
    """Exports of the branch's goods by whole year: nominal in ``currency`` (billions, column
    ``money_unit(currency)``; missing where there is no published annual rate), and in
    constant 2021 kroner deflated with the branch's export prices when ``prices`` is given."""
    ex = ss.full_years(ss.annual_exports(frame, ss.sitc_codes(branch)))
    out = pd.DataFrame(index=ex.index)
    out[money_unit(currency)] = ss.in_currency(ex["nok"], currency, data.load(RATES)) / BILLION
    if prices is not None:
        p = ss.branch_prices(prices, branch, ss.MARKET_EXPORT)
        out["eksportpris (2021 = 100)"] = p.reindex(out.index)
        # always kroner: the deflator is a krone price index, whatever the nominal currency
        out[f"{money_unit('NOK')}, faste {PRICE_BASE}-priser"] = (
            ss.deflate(ex["nok"], p, PRICE_BASE) / BILLION)
    out.index.name = "år"
    return out


def currency_years(currency: str) -> list[int]:
    """Years with a published annual rate for ``currency`` (all years for NOK: empty list)."""
    if currency == "NOK":
        return []
    fx = data.load(RATES)
    return sorted(int(y) for y in fx.loc[fx["pair"] == f"NOK_per_{currency}", "year"])


def investments_real(prices: pd.DataFrame, branch: str) -> pd.DataFrame:
    """The document's investment rows of the branch (three-year averages, million NOK) in
    current and in constant 2021 prices, deflated with the branch's producer price index
    averaged over each period (a stand-in for investment prices, which SSB does not publish
    by branch)."""
    inv = investments()
    inv = inv[inv["row_role"] == "group"]
    bm = data.load(BRANCH_MAP)
    keep = bm.loc[bm["branch"].isin(ss.branches(branch)) & (bm["dataset"] == "process_investments"),
                  "row_key"]
    inv = inv[inv["industry"].isin(set(keep))]
    p = ss.period_prices(ss.branch_prices(prices, branch), inv)
    nominal = inv.groupby("period", sort=False)["value"].sum()
    base = float(ss.branch_prices(prices, branch).loc[PRICE_BASE])
    real = nominal * base / p.reindex(nominal.index)
    out = pd.DataFrame({"periode": [en_dash(x) for x in nominal.index],
                        "løpende priser": nominal.to_numpy(),
                        "prisindeks (2021 = 100)": p.reindex(nominal.index).to_numpy(),
                        f"faste {PRICE_BASE}-priser": real.to_numpy()})
    return out


def real_growth(table: pd.DataFrame) -> tuple[float, float]:
    """Total change (percent) from the first to the last period, nominal and real."""
    first, last = table.iloc[0], table.iloc[-1]
    nominal = PERCENT * (last["løpende priser"] / first["løpende priser"] - 1)
    real_col = f"faste {PRICE_BASE}-priser"
    real = PERCENT * (last[real_col] / first[real_col] - 1) if not math.isnan(
        first[real_col]) else math.nan
    return nominal, real


def real_growth_text(table: pd.DataFrame, subject: str) -> str:
    """One sentence on the change from the first to the last period in current and in fixed
    prices, each worded by its sign ("Fra 2009–2011 til 2021–2023 økte investeringene 34 % i
    løpende kroner, men falt 30 % i faste priser"); "men" only when the two go different
    ways. No full stop, so a reference can follow."""
    nominal, real = real_growth(table)
    verb, amount = change_words(nominal).split(" ", 1)  # "holdt seg uendret" splits the same
    head = (f"Fra {table['periode'].iloc[0]} til {table['periode'].iloc[-1]} {verb} {subject} "
            f"{amount} i løpende kroner")
    if math.isnan(real):
        return head
    real_text = change_words(real)
    if real_text.split(" ", 1)[0] == verb and verb != "holdt":
        return f"{head} og {real_text.split(' ', 1)[1]} i faste priser"  # the same way
    return f"{head}, men {real_text} i faste priser"


def production(frame: pd.DataFrame, branch: str) -> pd.DataFrame:
    """Index of production (2021 = 100) by year for the branch's groups."""
    return ss.branch_production(frame, branch)


def sitc_mapping_table(branch: str) -> pd.DataFrame:
    """The SITC mapping for the branch's document groups, for readers: group, name, the
    document's commodity group, counted or not, and why."""
    m = data.load(ss.SITC_MAP)
    bm = data.load(BRANCH_MAP)
    groups = set(bm.loc[bm["branch"].isin(ss.branches(branch))
                        & (bm["dataset"] == "process_exports_2023"), "row_key"])
    groups |= set(m.loc[m["branch"].isin(ss.branches(branch)), "hs_chapters"])
    sel = m[m["hs_chapters"].isin(groups)]
    return pd.DataFrame({
        "SITC": sel["sitc"], "varer": sel["label_nb"],
        "dokumentets varegruppe": sel["hs_chapters"].map(en_dash),
        "regnet med": sel["included"].map({True: "ja", False: "nei"}),
        "grunn": sel["reason"],
    }).reset_index(drop=True)


def export_change_2019_2023(by_year: pd.DataFrame, currency: str) -> dict[str, float]:
    """SSB's 2019 and 2023 values (billions of ``currency``) and the change between them, for
    the document's stated 2019–2023 increase."""
    col = by_year[money_unit(currency)]
    v2019, v2023 = float(col.loc[2019]), float(col.loc[2023])
    return {"2019": v2019, "2023": v2023, "change": v2023 - v2019,
            "change_pct": PERCENT * (v2023 / v2019 - 1)}
