"""Every chart the smart-specialisation report draws: each ``chart_<what>(...) -> Figure``."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from helpers.core import charts

DARK, LIGHT = "#2b6a99", "#a6c8e0"


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
    """The reconstruction's scores per industry, highest at the top."""
    a = att.sort_values("poeng")
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(a) + 1.0))
    ax.barh([_wrap(n) for n in a["næring"]], a["poeng"], color=DARK)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("Poeng (0 = lavest, 1 = høyest mulig)")
    ax.set_xlim(0, 1)
    charts.norwegian_axes(ax, "x")
    return fig


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def chart_location_quotients(table: pd.DataFrame, ref_label: str) -> Figure:
    """Location quotient on value added and on employment per industry large enough to rank,
    sorted by the value-added quotient, with the line at 1 (log scale: 2 and 0.5 are equally
    far from 1)."""
    t = table[table["large_enough"]].dropna(subset=["lq_va", "lq_emp"], how="all")
    t = t.sort_values("lq_va")
    fig, ax = plt.subplots(figsize=(7, 0.26 * len(t) + 1.2))
    y = range(len(t))
    ax.barh([i + 0.2 for i in y], t["lq_va"], 0.4, color=DARK, label="verdiskaping")
    ax.barh([i - 0.2 for i in y], t["lq_emp"], 0.4, color=LIGHT, label="sysselsatte")
    ax.set_yticks(list(y), [_wrap(i) for i in t.index], fontsize=7)
    ax.axvline(1, color="black", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel(f"Lokaliseringskvotient (1 = samme andel som {ref_label}; logaritmisk skala)")
    low = min(t["lq_va"].min(), t["lq_emp"].min())
    high = max(t["lq_va"].max(), t["lq_emp"].max())
    ticks = [v for v in (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32) if low / 2 <= v <= high * 2]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(charts.number_formatter(2))
    ax.legend(frameon=False, loc="lower right")
    return fig


def chart_county_ranking(ranking: pd.DataFrame, county_parts: tuple[str, ...], column: str,
                         xlabel: str) -> Figure:
    """Every county on one measure, sorted, the chosen county (or its parts) highlighted."""
    r = ranking.sort_values(column)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.barh(r["county"], r[column],
            color=[DARK if c in county_parts else LIGHT for c in r["county"]])
    ax.set_xlabel(xlabel)
    ax.tick_params(axis="y", labelsize=8)
    charts.norwegian_axes(ax, "x")
    return fig


def chart_growth_index(series: dict[str, pd.Series], ylabel: str) -> Figure:
    """Indexed series (first year = 100), one line per region."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for (name, s), color, style in zip(series.items(), [DARK, LIGHT, "#888888", "#c4622d"],
                                       ["-", "-", "--", ":"], strict=False):
        ax.plot(s.index, s.values, style, color=color, label=name, lw=2)
    ax.axhline(100, color="black", lw=0.6)
    ax.set_ylabel(ylabel)
    charts.norwegian_axes(ax, "y")
    ax.legend(frameon=False, loc="upper left", fontsize=8)
    return fig


def chart_shift_share(table: pd.DataFrame, n: int = 10) -> Figure:
    """The three shift-share components for the industries with the largest change."""
    t = table.drop(index="Totalt")
    t = t.reindex(t["change"].abs().sort_values(ascending=False).index[:n]).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.38 * len(t) + 1.2))
    y = list(range(len(t)))
    left_pos = [0.0] * len(t)
    left_neg = [0.0] * len(t)
    for col, label, color in (("national_share", "vekst som referansen", LIGHT),
                              ("industry_mix", "næringsmiks", "#888888"),
                              ("regional_shift", "regional effekt", DARK)):
        vals = t[col].tolist()
        lefts = [lp if v >= 0 else ln for v, lp, ln in zip(vals, left_pos, left_neg, strict=True)]
        ax.barh(y, vals, left=lefts, color=color, label=label, height=0.6)
        left_pos = [lp + max(v, 0) for v, lp in zip(vals, left_pos, strict=True)]
        left_neg = [ln + min(v, 0) for v, ln in zip(vals, left_neg, strict=True)]
    ax.scatter(t["change"], y, color="black", zorder=3, s=12, label="endring i alt")
    ax.set_yticks(y, [_wrap(i) for i in t.index], fontsize=7)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("Endring i sysselsatte (1000 personer)")
    charts.norwegian_axes(ax, "x")
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.16), ncol=4)
    return fig


def chart_relatedness(opps: pd.DataFrame) -> Figure:
    """Relatedness density of the most related industries the county is not specialised in."""
    o = opps.sort_values("density")
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(o) + 1.0))
    ax.barh([_wrap(i) for i in o["industry"]], o["density"], color=DARK)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Relatert tetthet (0–1)")
    ax.tick_params(axis="y", labelsize=7)
    charts.norwegian_axes(ax, "x", decimals=1)
    return fig
