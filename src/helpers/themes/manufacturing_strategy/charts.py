"""Every chart the manufacturing-strategy report draws (``chart_<what>(...) -> Figure``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from helpers.core.charts import number_formatter
from helpers.core.formatting import fmt_number
from helpers.themes.manufacturing_strategy.reference import ROLE_LABELS, ROLE_SYMBOLS
from helpers.themes.manufacturing_strategy.status_file import UNKNOWN
from helpers.themes.manufacturing_strategy.tracker import status_order


def chart_productivity_annual(annual: pd.DataFrame) -> Any:
    """Annual volume change in gross product per hour worked, manufacturing and all industries."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = {"Industri": "Industri", "Totalt for næringer": "Alle næringer"}
    colors = {"Industri": "#1f4e79", "Totalt for næringer": "#a5a5a5"}
    for col in annual.columns:
        ax.plot(annual.index, annual[col], marker="o", label=labels.get(col, col),
                color=colors.get(col))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(list(annual.index))
    ax.set_ylabel("Volumendring, prosent")
    ax.yaxis.set_major_formatter(number_formatter(0))
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def chart_rd(rd: pd.DataFrame, targets_: Mapping[str, float]) -> Any:
    """R&D as a share of GDP by year against the total and the business target."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    total = rd["FoU i alt"]
    biz = rd["næringslivet (beregnet)"]
    secondary = rd["kilde"].str.contains("sekundær")
    ax.plot(rd["år"], total, marker="o", color="#1f4e79", label="FoU i alt")
    ax.plot(rd["år"], biz, marker="s", color="#70ad47", label="Næringslivets FoU (beregnet)")
    if secondary.any():
        ax.scatter(rd.loc[secondary, "år"], total[secondary], s=120, facecolors="none",
                   edgecolors="#c00000", label="Sekundærkilde")
    # target lines are explained in the legend: labels on the plot would cross the series
    for key, label, color in (("total", "Mål, samlet FoU", "#1f4e79"),
                              ("business", "Mål, næringslivet", "#70ad47")):
        ax.axhline(targets_[key], color=color, linestyle="--", linewidth=1,
                   label=f"{label} ({fmt_number(targets_[key], 0)} %)")
    ax.set_xticks(list(rd["år"]))
    ax.set_ylabel("Prosent av BNP")
    ax.yaxis.set_major_formatter(number_formatter(1))
    ax.set_ylim(0, targets_["total"] * 1.15)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


STATUS_COLORS = {UNKNOWN: "#ffffff", "ikke startet": "#d9d9d9", "påbegynt": "#ffc000",
                 "gjennomført": "#70ad47", "avvist": "#c00000"}


def chart_progress(progress: pd.DataFrame, label_col: str = "område", max_label: int = 40
                  ) -> Any:
    """Stacked horizontal bars: recommendations per status for each area (or actor).

    Many rows (the actors) get thinner rows so the chart stays within an A4 page; labels
    longer than ``max_label`` characters are shortened with an ellipsis.
    """
    import matplotlib.pyplot as plt

    per_row = 0.45 if len(progress) <= 8 else 0.3
    height = max(2.2, per_row * len(progress) + 1.2)
    fig, ax = plt.subplots(figsize=(7, height))
    left = np.zeros(len(progress))
    y = np.arange(len(progress))
    for status in status_order():
        vals = progress[status].to_numpy(dtype=float)
        if not vals.any():
            continue
        ax.barh(y, vals, left=left, color=STATUS_COLORS[status], edgecolor="#7f7f7f",
                linewidth=0.5, label=status)
        left += vals
    from matplotlib.ticker import MaxNLocator

    labels = [t if len(t) <= max_label else t[: max_label - 1].rstrip() + "…"
              for t in progress[label_col].astype(str)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("Antall anbefalinger")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(number_formatter(0))
    # legend above the bars: below them it would collide with the axis label
    ax.legend(fontsize=8, frameon=False, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def chart_actor_matrix(matrix: pd.DataFrame, labels: Mapping[str, str],
                       width: int = 48) -> Any:
    """Actors (columns, abbreviations) x recommendations (rows, id and short label) as markers:
    filled = named in the recommendation, open = named in the chapter, dot = our reading.

    Labels are wrapped at ``width`` characters, never cut, so every label reads in full.
    """
    import textwrap

    import matplotlib.pyplot as plt

    n_rows, n_cols = matrix.shape
    ylabels = ["\n".join(textwrap.wrap(f"{rid} {labels.get(rid, '')}".strip(), width))
               for rid in matrix.index]
    lines = sum(label.count("\n") + 1 for label in ylabels)
    fig, ax = plt.subplots(figsize=(7.2, max(2.0, 0.17 * lines + 0.08 * n_rows + 1.3)))
    styles = {
        ROLE_SYMBOLS["named"]: dict(marker="o", s=46, facecolors="#1f4e79",
                                    edgecolors="#1f4e79"),
        ROLE_SYMBOLS["chapter"]: dict(marker="o", s=46, facecolors="none",
                                      edgecolors="#1f4e79"),
        ROLE_SYMBOLS["implied"]: dict(marker="o", s=20, color="#8c8c8c"),
    }
    names = {ROLE_SYMBOLS["named"]: ROLE_LABELS["named"],
             ROLE_SYMBOLS["chapter"]: ROLE_LABELS["chapter"],
             ROLE_SYMBOLS["implied"]: ROLE_LABELS["implied"]}
    for symbol, style in styles.items():
        ys, xs = np.nonzero(matrix.to_numpy() == symbol)
        if len(xs):
            ax.scatter(xs, ys, label=names[symbol], **style)
    ax.set_xticks(range(n_cols), matrix.columns, rotation=90, fontsize=8)
    ax.set_yticks(range(n_rows), ylabels, fontsize=7)
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.grid(True, color="#e0e0e0", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.legend(fontsize=8, frameon=False, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout()
    return fig


def chart_indicators(series: Mapping[str, pd.Series], indicators: Any,
                     period: tuple[int, int]) -> Any:
    """One panel per indicator: its annual series over ``period`` (from the baseline year, so
    breaks in a series before it do not show as changes); titles carry the unit."""
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    shown = [i for i in indicators if i.key in series and len(series[i.key])]
    cols = min(4, len(shown)) or 1
    rows = max(1, math.ceil(len(shown) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(7.4, 1.75 * rows + 0.2), squeeze=False)
    for ax, ind in zip(axes.flat, shown, strict=False):
        s = series[ind.key]
        s = s[(s.index >= period[0]) & (s.index <= period[1])]
        ax.plot(s.index, s.to_numpy(), marker="o", markersize=3, color="#1f4e79")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
        ax.set_title("\n".join(textwrap.wrap(f"{ind.name} ({ind.unit})", 24)), fontsize=7.5)
        ax.yaxis.set_major_formatter(number_formatter(0 if s.max() > 100 else 1))
        ax.tick_params(labelsize=6.5)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(shown):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
