"""The strategy's own figures beside the published series for the same year or period, with
the table's vintage and why the two can differ (another statistic or definition)."""

from __future__ import annotations

import math

import pandas as pd

from helpers.core.formatting import en_dash, fmt_number
from helpers.themes.manufacturing_strategy.indicators import summarise
from helpers.themes.manufacturing_strategy.reference import printed_decimals, stated_figure

#: figure id → (indicator, what is compared, why the two can differ). The year or period is the
#: stated figure's own.
COMPARISONS: tuple[tuple[str, str, str, str], ...] = (
    ("000-0352-b", "sysselsatte", "level",
     "strategien bruker nasjonalregnskapet (tabell 09174, årsgjennomsnitt); tabell 07984 teller "
     "sysselsatte i 4. kvartal etter arbeidssted"),
    ("000-0341-b", "sysselsatte", "level",
     "som linjen over"),
    ("000-0352-a", "sysselsatte", "change",
     "endring mellom de samme årene i de to statistikkene"),
    ("000-0362-a", "eksportandel", "level",
     "strategien gjelder eksport av varer og tjenester etter næring (tabell 07336); her bare "
     "varer, etter varegruppe (SITC 5–8)"),
    ("000-0429-a", "produktivitet", "growth",
     "strategien måler bruttoprodukt per timeverk; her produksjonsindeks per sysselsatt, et "
     "grovere mål"),
)


def _years(period: str) -> tuple[int, int]:
    text = str(period).replace("–", "-")
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def series_comparison(series: dict[str, pd.Series]) -> pd.DataFrame:
    """One row per compared figure: the figure as stated, the series' value for the same
    year or period, the table with its vintage, and why they can differ. Rows whose series
    is missing, or lacks the year, are left out."""
    from helpers.themes.manufacturing_strategy.indicators import INDICATORS, citation, vintage

    by_key = {i.key: i for i in INDICATORS}
    rows = []
    for fid, key, kind, why in COMPARISONS:
        if key not in series:
            continue
        fig = stated_figure(fid)
        start, end = _years(fig["period"])
        s = series[key]
        if kind == "level":
            if end not in s.index:
                continue
            value, shown = float(s[end]), by_key[key].decimals
        else:
            summary = summarise(s, start, end)
            if (summary["baseline_year"], summary["latest_year"]) != (start, end):
                continue  # never a part of the period beside the whole
            value = (100.0 * (summary["latest"] / summary["baseline"] - 1) if kind == "change"
                     else summary["trend_pct"])
            shown = 1
        stated = float(fig["value"])
        unit = "%" if str(fig["unit"]).startswith("%") else ""
        tables = " og ".join(f"{citation(n).removeprefix('SSB, ')} (oppdatert "
                             f"{vintage(n)})" for n in by_key[key].datasets)
        printed = (fig["printed"] if any(c.isdigit() for c in str(fig["printed"]))
                   else fmt_number(stated))  # a number written as a word ("fire")
        rows.append({
            "tall i strategien": f"{fig['label_nb'] or by_key[key].name} "
                                 f"({en_dash(str(fig['period']))})",
            "oppgitt": f"{printed}{' ' + unit if unit else ''}",
            "i serien": f"{fmt_number(value, shown)}{' ' + unit if unit else ''}",
            "forskjell (serien minus strategien)": ("–" if math.isnan(value) else
                          fmt_number(value - stated, max(shown, printed_decimals(
                              fig["printed"])))),
            "serie og utgave": f"{by_key[key].name}, {tables}",
            "hvorfor de kan avvike": why,
        })
    return pd.DataFrame(rows)
