"""Every chart of the critical-value-chains report (``chart_<what>(...) -> Figure``)."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure

from helpers.core.formatting import exact_decimals, fmt_number
from helpers.methods import concentration

from .catalogue import label
from .classification import STATUS_NO, entry_label
from .supply_risk import gov_labels

#: Charts are 7 in wide and print at most 125 mm (4.92 in) high on a 174 mm (6.85 in) wide
#: page column (the stylesheet's limits), so a chart up to ``MAX_HEIGHT`` in high prints at
#: about its own size and ``FONT`` points stay about 8 pt on paper. Taller charts would be
#: shrunk as a whole, type included, so rows are packed closer instead.
WIDTH = 7.0
MAX_HEIGHT = 4.9
FONT = 8


def _height(rows: int, per_row: float, extra: float, least: float) -> float:
    """Figure height for ``rows`` rows: ``per_row`` inches each, never over ``MAX_HEIGHT``."""
    return min(MAX_HEIGHT, max(least, per_row * rows + extra))


def chart_concentration(conc: pd.DataFrame, threshold: float) -> Figure:
    """Horizontal bars: the largest supplier's share per material, the threshold as a line.
    Each bar's label (country, HHI) goes where the threshold line does not cross it: inside
    the bar from its left end, else right of the bar, else right of the line."""
    import matplotlib.pyplot as plt

    conc = conc.sort_values("top_share")
    fig, ax = plt.subplots(figsize=(WIDTH, _height(len(conc), 0.42, 1.2, 2.5)))
    colours = ["#b2182b" if a else "#4d7ea8" for a in conc["above_threshold"]]
    names = [label(m) for m in conc["material"]]
    ax.barh(names, conc["top_share"] * 100, color=colours)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(conc) - 0.1)
    ax.tick_params(labelsize=FONT + 1)
    ax.set_xlabel("Største lands andel av verdensproduksjonen (%)", fontsize=FONT + 1)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    renderer = fig.canvas.get_renderer()
    line = threshold * 100
    gap = 1.2  # percentage points between a label and a bar end or the line

    def width_of(text: str) -> float:
        probe = ax.text(0, 0, text, fontsize=FONT)
        bb = probe.get_window_extent(renderer)
        probe.remove()
        x0 = ax.transData.inverted().transform((bb.x0, bb.y0))[0]
        x1 = ax.transData.inverted().transform((bb.x1, bb.y0))[0]
        return x1 - x0

    def clear(start: float, end: float) -> bool:
        return end < line - gap or start > line + gap

    for y, (share, country, h) in enumerate(zip(conc["top_share"], conc["top_country"],
                                                conc["hhi"], strict=True)):
        text = f"{country} · HHI {fmt_number(h, 2)}"
        w = width_of(text)
        end = share * 100
        inside, outside = gap, end + gap
        past_line = max(end, line) + gap
        if inside + w < end - gap and clear(inside, inside + w):
            x, colour = inside, "white"
        elif clear(outside, outside + w):
            x, colour = outside, "black"
        else:
            x, colour = past_line, "black"
        ax.text(x, y, text, va="center", ha="left", fontsize=FONT, color=colour, zorder=4)
    ax.axvline(line, color="black", linestyle="--", linewidth=1, zorder=3)
    ax.text(line, len(conc) - 0.4, f" terskel {fmt_number(threshold, 0, percent=True)}",
            fontsize=FONT, va="bottom")
    return fig


def chart_supply_risk(gov: pd.DataFrame) -> Figure:
    """Per material: the EU 2023 published SR (filled dot) and our partial SR (open diamond;
    "mangler" where the EU sourcing shares are missing), with the SR threshold. The partial
    figure lacks import reliance, recycling and substitution and is no bound on the EU value."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    rows = gov.iloc[::-1].reset_index(drop=True)  # first material at the top
    names = gov_labels(gov)[::-1]
    finite = [v for v in list(rows["sr_partial"]) + list(rows["sr_published"])
              if not math.isnan(v)]
    xmax = max([concentration.SR_THRESHOLD * 2] + finite) * 1.12
    fig, ax = plt.subplots(figsize=(WIDTH, _height(len(rows), 0.36, 1.6, 2.6)))
    ax.axvline(concentration.SR_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    for y, (ours, pub) in enumerate(zip(rows["sr_partial"], rows["sr_published"], strict=True)):
        if math.isnan(ours):
            ax.text(xmax * 0.99, y, "vår: EU-forsyning mangler", ha="right", va="center",
                    fontsize=FONT, color="#b2182b")
        else:
            ax.plot([ours], [y], marker="D", markersize=6, markerfacecolor="white",
                    markeredgecolor="#b2182b", linestyle="none", zorder=3)
        if not math.isnan(pub):
            ax.plot([pub], [y], marker="o", markersize=6, color="#4d7ea8", linestyle="none",
                    zorder=4)
    ax.set_yticks(range(len(rows)), names, fontsize=FONT)
    ax.tick_params(axis="x", labelsize=FONT)
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel("Forsyningsrisiko (SR)")
    sr_line = concentration.SR_THRESHOLD
    sr_text = f" SR = {fmt_number(sr_line, exact_decimals(sr_line))}"
    ax.text(concentration.SR_THRESHOLD, len(rows) - 0.35, sr_text, fontsize=FONT, color="grey",
            va="bottom")
    ax.spines[["top", "right"]].set_visible(False)
    handles = [
        Line2D([], [], marker="o", color="#4d7ea8", linestyle="none",
               label="EUs publiserte SR 2023"),
        Line2D([], [], marker="D", markerfacecolor="white", markeredgecolor="#b2182b",
               linestyle="none",
               label="delvis SR, vår beregning (uten importavhengighet,\n"
                     "resirkulering og substitusjon)"),
    ]
    # the legend in a strip of fixed height below the axes, whatever the number of rows
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=FONT, frameon=False)
    fig.tight_layout(rect=(0, 0.55 / fig.get_figheight(), 1, 1))
    return fig


def chart_sr_ei(gov: pd.DataFrame) -> Figure:
    """The EU 2023 published SR (y) against EI (x), with the criticality thresholds; colour by
    the report's one status (the Act)."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    pts = gov.dropna(subset=["sr_published", "ei_published"]).drop_duplicates("eu_material")
    fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.axhline(concentration.SR_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    ax.axvline(concentration.EI_THRESHOLD, color="grey", linestyle="--", linewidth=1)
    # colour by the report's one status (the Act), not by the thresholds: a point under the
    # thresholds can be critical (nickel), which the text explains
    crit = [st != STATUS_NO[(False, False)] for st in pts["status"]]
    ax.scatter(pts["ei_published"], pts["sr_published"],
               c=["#b2182b" if c else "#4d7ea8" for c in crit], s=36, zorder=3)
    xmax = max(10.0, float(pts["ei_published"].max()) + 1.0) if len(pts) else 10.0
    ymax = max(2.0, float(pts["sr_published"].max()) + 0.5) if len(pts) else 2.0
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, ymax)
    sr, ei = concentration.SR_THRESHOLD, concentration.EI_THRESHOLD
    ax.text(xmax - 0.1, sr - 0.05, f"SR = {fmt_number(sr, exact_decimals(sr))}",
            ha="right", va="top", fontsize=8, color="grey")
    ax.text(ei + 0.1, ymax - 0.1, f"EI = {fmt_number(ei, exact_decimals(ei))}",
            va="top", fontsize=8, color="grey")
    ax.set_xlabel("Økonomisk betydning (EI)")
    ax.set_ylabel("Forsyningsrisiko (SR)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    texts = [entry_label(m, name, (pts["material"] == m).sum() > 1)
             for name, m in zip(pts["eu_material"], pts["material"], strict=True)]
    handles = [Line2D([], [], marker="o", color="#b2182b", linestyle="none",
                      label="kritisk eller strategisk i forordningen"),
               Line2D([], [], marker="o", color="#4d7ea8", linestyle="none",
                      label="ikke på forordningens lister")]
    # below the axes, so it never covers a point or its label
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.35 / fig.get_figheight(), 1, 1))
    _place_labels(fig, ax, list(pts["ei_published"]), list(pts["sr_published"]), texts)
    return fig


def _place_labels(fig, ax, xs: list[float], ys: list[float], texts: list[str]) -> None:
    """Annotate points without overlaps: try positions around each point, keep the first whose
    box hits no other label, point or the axes' edge (measured with the renderer)."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    pad = 4.0
    points = [to_px((x, y)) for x, y in zip(xs, ys, strict=True)]
    taken = [(px - pad, py - pad, px + pad, py + pad) for px, py in points]
    frame = ax.get_window_extent(renderer)
    candidates = [((6, 0), "left", "center"), ((-6, 0), "right", "center"),
                  ((0, 7), "center", "bottom"), ((0, -7), "center", "top"),
                  ((6, 7), "left", "bottom"), ((6, -7), "left", "top"),
                  ((-6, 7), "right", "bottom"), ((-6, -7), "right", "top"),
                  ((6, 16), "left", "bottom"), ((6, -16), "left", "top")]

    def overlaps(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for (x, y), text in zip(zip(xs, ys, strict=True), texts, strict=True):
        for offset, ha, va in candidates:
            ann = ax.annotate(text, (x, y), xytext=offset, textcoords="offset points",
                              ha=ha, va=va, fontsize=FONT)
            bb = ann.get_window_extent(renderer)
            box = (bb.x0, bb.y0, bb.x1, bb.y1)
            inside = (bb.x0 >= frame.x0 and bb.x1 <= frame.x1 + 40
                      and bb.y0 >= frame.y0 and bb.y1 <= frame.y1)
            own = to_px((x, y))
            hits = [t for t in taken
                    if overlaps(box, t) and not (abs(t[0] + pad - own[0]) < 1e-6
                                                 and abs(t[1] + pad - own[1]) < 1e-6)]
            if inside and not hits:
                taken.append(box)
                break
            ann.remove()
        else:  # no free place: put it to the right, with a leader line, and accept it
            ann = ax.annotate(text, (x, y), xytext=(12, -12), textcoords="offset points",
                              fontsize=FONT, arrowprops={"arrowstyle": "-", "lw": 0.5})
            bb = ann.get_window_extent(renderer)
            taken.append((bb.x0, bb.y0, bb.x1, bb.y1))


def chart_scenario(sc: pd.DataFrame, country_name: str) -> Figure:
    """Horizontal bars: each material's share of supply lost with ``country_name``, largest on
    top, with the largest remaining supplier named beside the bar."""
    import matplotlib.pyplot as plt

    hit = sc[sc["lost_share"] > 0].iloc[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH, _height(len(hit), 0.36, 1.2, 2.4)))
    ax.barh([label(m) for m in hit["material"]], hit["lost_share"] * 100, color="#b2182b")
    for y, (lost, top, share) in enumerate(zip(hit["lost_share"], hit["top_after"],
                                               hit["top_after_share"], strict=True)):
        after = (f"; størst av de gjenværende: {top} {fmt_number(share, 0, percent=True)}"
                 if top != "–" else "; ingen produsent igjen")
        ax.text(lost * 100 + 1, y, f"{fmt_number(lost, 0, percent=True)}{after}", va="center",
                fontsize=FONT)
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"Andel av produksjonen som faller bort med {country_name} (%)")
    ax.tick_params(axis="y", labelsize=FONT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def chart_exports(annual: pd.DataFrame) -> Figure:
    """Norway's yearly export value per SITC group of the materials (NOK billion, current
    prices), one line per group, the legend below the axes."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for (sitc, name), part in annual.groupby(["sitc", "sitc_label_no"], sort=False):
        ax.plot(part["year"], part["value_mnok"] / 1000, marker="o", markersize=2.5,
                linewidth=1.3, label=f"{sitc} {name}")
    ax.set_ylabel("Milliarder kroner (løpende priser)")
    ax.set_ylim(bottom=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_formatter(lambda v, _pos: fmt_number(v, 0))
    n = annual["sitc"].nunique()
    fig.legend(loc="lower center", ncol=2, fontsize=FONT, frameon=False)
    fig.tight_layout(rect=(0, (0.25 * ((n + 1) // 2) + 0.15) / fig.get_figheight(), 1, 1))
    return fig
