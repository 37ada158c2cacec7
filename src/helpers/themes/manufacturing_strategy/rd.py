"""R&D as a share of GDP against the strategy's targets."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.core import data
from helpers.themes.manufacturing_strategy.reference import DS_RD, stated_figure, stated_value


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
        "total": stated_value("000-1128-a"),
        "business": stated_value("000-1129-a"),
        "public_business_oriented": stated_value("000-0118-a"),
        "public_business_oriented_year": float(stated_figure("000-0118-a")["period"]),
        "public_level_stated": stated_value("000-1130-b"),
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
