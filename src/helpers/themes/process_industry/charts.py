"""Every chart the process-industry report draws (``chart_<what>(...) -> Figure``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from helpers.core.charts import norwegian_axes
from helpers.core.formatting import fmt_number

from .common import PERCENT
from .emissions import EMISSION_UNIT, EmissionPlan, pathway_frame
from .energy import row_label


def _observations(ax: Any, series: pd.DataFrame, label: str, **style: Any) -> None:
    """Observed levels as points; a thin line joins only neighbouring years, never a gap."""
    s = series.sort_values("year")
    ax.plot(s["year"], s["value"], "o", markersize=3, label=label, **style)
    years, values = s["year"].tolist(), s["value"].tolist()
    for k in range(1, len(years)):
        if years[k] - years[k - 1] == 1:
            ax.plot(years[k - 1:k + 1], values[k - 1:k + 1], "-", linewidth=0.8, **style)


def chart_emission_path(plan: EmissionPlan, series: pd.DataFrame, source: str,
                        published: pd.DataFrame | None = None) -> Figure:
    """History, target and both pathways in two panels with the same y-axis (from zero): the
    whole period, and a detail from a few years before the last observation to the target
    year, where the pathways are labelled with their end levels. ``published`` (year, value)
    adds a second set of levels (the document's) as open squares. Observations are points; a
    line joins neighbouring years only. Returns the matplotlib figure."""
    paths = pathway_frame(plan)
    hist_color, req_color, target_color = "#d95f02", "#1b9e77", "#7570b3"
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.8), sharey=True,
                             gridspec_kw={"width_ratios": [3, 2]})
    detail_start = max(int(series["year"].min()), plan.last_year - (plan.years_left + 3))
    for k, ax in enumerate(axes):
        if published is not None and len(published):
            ax.plot(published["year"], published["value"], "s", mfc="white", color="grey",
                    label="dokumentets nivåer")
        _observations(ax, series, source, color="black")
        if plan.years_left > 0:  # with the target in the last data year there is no path
            ax.plot(paths.index, paths["historisk takt"], "--", color=hist_color,
                    label=f"historisk takt {plan.rate_years} "
                          f"({fmt_number(PERCENT * plan.historical_rate, 2)} % per år)")
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


def chart_investments(inv: pd.DataFrame, keep: Sequence[str] | None = None) -> Figure:
    """Annual investments per industry group (bn NOK, three-year averages); parts dashed.
    ``keep``: the industry rows to draw (None = every row but the printed SUM)."""
    rows = inv[inv["row_role"] != "printed_total"]
    if keep is not None:
        rows = rows[rows["industry"].isin(keep)]
    fig, ax = plt.subplots()
    for name, g in rows.groupby("industry", sort=False):
        part = g["row_role"].iloc[0] == "part"
        ax.plot(g["period"], g["value"] / 1000, marker="o", linestyle="--" if part else "-",
                label=("herav " if part else "") + name)
    ax.set_ylabel("mrd. kr per år (løpende priser)")
    norwegian_axes(ax, "y")
    ax.set_xlabel("treårsperiode")
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    return fig


def chart_export_groups(table: pd.DataFrame, value_column: str, unit: str) -> Figure:
    """Horizontal bars of the process industry's exports by commodity group (the table's
    ``value_column`` without its total row), groups below 0.05 of ``unit`` left out."""
    bars = table.iloc[:-1].dropna(subset=[value_column])
    bars = bars[bars[value_column] > 0.05].sort_values(value_column)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(bars) + 1.2))
    ax.barh(bars["varegruppe"], bars[value_column], color="#31688e")
    for y, v in enumerate(bars[value_column]):
        ax.text(v, y, " " + fmt_number(v, 1), va="center", fontsize=8)
    ax.set_xlabel(unit)
    norwegian_axes(ax, "x")
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


#: Type size (points) of the energy-mix chart's labels, legend and axis alike: the chart is
#: made to print at about its own size (under the stylesheet's 125 mm height for charts), so
#: these are the sizes on paper.
MIX_FONT = 8
#: Characters per line of a row label (wrapped, never cut) and inches per label line.
MIX_WRAP = 56
MIX_LINE_IN = 0.15


def chart_energy_mix(mix: pd.DataFrame) -> Figure:
    """Stacked shares (percent) of each energy product per industry row; '.' cells as zero.

    Sized to print at its own size (height about 0.15 in per label line, under the page's
    chart height for the document's rows), with the legend in the axis labels' type size, so
    it is not shrunk into unreadable type."""
    # wrapped, never cut: a label such as "kjemiske og farmasøytiske produkter" stays whole
    labels = ["\n".join(textwrap.wrap(row_label(i, n), MIX_WRAP))
              for i, n in zip(mix.index, mix["næring"], strict=True)]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, ax = plt.subplots(figsize=(6.8, MIX_LINE_IN * lines + 0.06 * len(mix) + 1.0))
    left = [0.0] * len(mix)
    colors = plt.get_cmap("tab10").colors
    products = [c for c in mix.columns if c != "næring"]
    for k, col in enumerate(products):
        vals = mix[col].fillna(0).tolist()
        ax.barh(labels, vals, left=left, label=col, color=colors[k % 10], height=0.7)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_ylim(len(mix) - 0.5, -0.5)  # first row on top
    ax.set_xlabel("andel av energibruken (%)", fontsize=MIX_FONT)
    ax.tick_params(labelsize=MIX_FONT)
    norwegian_axes(ax, "x")
    ax.set_xlim(0, 100)
    ax.legend(ncol=len(products), fontsize=MIX_FONT, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), frameon=False, handlelength=1.2, columnspacing=1.0)
    fig.tight_layout()
    return fig


def chart_lines(frame: pd.DataFrame, ylabel: str, *, from_zero: bool = True) -> Figure:
    """One line with points per column of ``frame`` (index = year); a missing year breaks the
    line instead of being bridged."""
    fig, ax = plt.subplots(figsize=(7, 3.4))
    for col in frame.columns:
        s = frame[col].astype(float)
        full = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))
        ax.plot(full.index, full.to_numpy(), "-o", markersize=3, linewidth=1, label=str(col))
    ax.set_ylabel(ylabel)
    ax.set_xlabel("år")
    if from_zero:
        ax.set_ylim(bottom=0)
    norwegian_axes(ax, "y")
    ax.grid(axis="y", linewidth=0.3, color="#cccccc")
    if len(frame.columns) > 1:
        ax.legend(fontsize=7, frameon=False, loc="best")
    fig.tight_layout()
    return fig
