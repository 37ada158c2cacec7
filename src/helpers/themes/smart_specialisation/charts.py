"""Every chart the smart-specialisation report draws: each ``chart_<what>(...) -> Figure``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from helpers.core import charts

DARK, LIGHT = "#2b6a99", "#a6c8e0"


def chart_productivity_comparison(comp: pd.DataFrame) -> Figure:
    """The document's productivity (2021) beside SSB's GDP per employed person, per county."""
    fig, ax = plt.subplots(figsize=(7, 3.4))
    x = range(len(comp))
    w = 0.38
    ax.bar([i - w / 2 for i in x], comp["dokumentet 2021 (1000 kr)"], w,
           label="Dokumentet 2021 (regnskapspliktige foretak)", color=DARK)
    ax.bar([i + w / 2 for i in x], comp["SSB BNP per sysselsatt 2018 (1000 kr)"], w,
           label="SSB 2018 (BNP per sysselsatt, alle sektorer)", color=LIGHT)
    ax.set_xticks(list(x), comp["fylke"])
    ax.set_ylabel("1000 kr per sysselsatt")
    charts.norwegian_axes(ax, "y")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=2)
    return fig


def chart_export_balassa(bal: pd.DataFrame, ref_label: str) -> Figure:
    """Balassa index per SITC group, sorted, with the line at 1."""
    b = bal.sort_values("balassa")
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.barh(b["varegruppe"], b["balassa"], color=[DARK if v >= 1 else LIGHT for v in b["balassa"]])
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xlabel(f"Balassa-indeks (1 = samme andel som {ref_label})")
    charts.norwegian_axes(ax, "x")
    return fig


def chart_top5_frequency(freq: pd.DataFrame) -> Figure:
    """How often each industry is among a municipality's five largest, and how often first."""
    freq = freq.sort_values("blant_fem_største")
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.barh(freq["industry"], freq["blant_fem_største"], color=LIGHT, label="blant de fem største")
    ax.barh(freq["industry"], freq["størst"], color=DARK, label="størst")
    ax.set_xlabel("Antall kommuner")
    ax.xaxis.get_major_locator().set_params(integer=True)
    charts.norwegian_axes(ax, "x")
    ax.legend(frameon=False, loc="lower right")
    return fig


def chart_attractiveness(att: pd.DataFrame) -> Figure:
    """The reconstruction's scores per sector, highest at the top."""
    a = att.sort_values("poeng")
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.barh(a["sektor"], a["poeng"], color=DARK)
    ax.set_xlabel("Poeng (0 = lavest, 1 = høyest mulig)")
    ax.set_xlim(0, 1)
    charts.norwegian_axes(ax, "x")
    return fig
