"""The strategy's key figures as stated, and the employment change recomputed from them."""

from __future__ import annotations

import pandas as pd

from helpers import checks
from helpers.core.formatting import en_dash, fmt_number, lines_ref
from helpers.themes.manufacturing_strategy.reference import (
    printed_decimals,
    stated_figure,
    stated_figures_frame,
    stated_value,
)

#: The key figures of section 1: stated-figure id → Norwegian label (ours).
KEY_FIGURES: dict[str, str] = {
    "000-0352-b": "Sysselsatte i industrien, personer",
    "000-0341-b": "Sysselsatte i industrien, personer",
    "000-0352-a": "Endring i sysselsettingen",
    "000-0353-b": "Nye jobber i metallvarer, elektrisk utstyr, maskiner, reparasjon",
    "000-0341-a": "Industriens andel av BNP",
    "000-0342-a": "Industriens andel av omsetningen i næringslivet",
    "000-0362-a": "Industriens andel av eksportinntektene",
    "000-0374-a": "Olje og gass, andel av eksporten",
    "000-0428-a": "Produktivitetsvekst i industrien per år",
    "000-0429-a": "Produktivitetsvekst i industrien per år",
    "000-0399-a": "Anslått produktivitetsvekst per år, markedsrettet fastlandsøkonomi",
    "000-1130-a": "Samlet FoU, andel av BNP",
    "000-1130-b": "Offentlig finansiert FoU, andel av BNP",
    "000-1128-a": "Mål: samlet FoU, andel av BNP",
    "000-1129-a": "Mål: næringslivets FoU, andel av BNP",
    "000-0118-a": "Mål: offentlig næringsrettet forskning og innovasjon, andel av BNP",
}


_PERIODS_NO = {"recent years": "de siste årene", "projection": "framover", "current": "i dag"}


def key_figures() -> pd.DataFrame:
    """The strategy's key figures (section 1) as stated: label with period, value, the source
    the document cites, line.

    The value cell holds only the number (and "%" for percentages), so it prints as one
    right-aligned cell that never wraps; the rest of the unit is in the label. A separate unit
    or period column was squeezed and hyphenated in print ("per-soner", "2018–/2023").
    """
    frame = stated_figures_frame()
    rows = []
    for fid, label in KEY_FIGURES.items():
        r = frame.loc[fid]
        period = en_dash(_PERIODS_NO.get(r["period"], r["period"]))
        value = fmt_number(r["value"], printed_decimals(r["printed"]))
        rows.append({
            "nøkkeltall": f"{label} ({period})" if period else label,
            "verdi": f"{value} %" if str(r["unit"]).startswith("%") else value,
            "dokumentet viser til": r["source_cited"] or "–",
            "sted": lines_ref(r["lines"]),
        })
    return pd.DataFrame(rows)


def employment_change() -> dict[str, float]:
    """Employment at the start and end year as stated, and the change recomputed from the two
    levels (years from the figures' periods)."""
    start, end = stated_value("000-0352-b"), stated_value("000-0341-b")
    new_in_groups = stated_value("000-0353-b")
    diff = end - start
    return {
        "start": start,
        "end": end,
        "start_year": int(stated_figure("000-0352-b")["period"]),
        "end_year": int(stated_figure("000-0341-b")["period"]),
        "difference": diff,
        "change_pct": checks.change_pct(start, end),
        "stated_pct": stated_value("000-0352-a"),
        "new_in_groups": new_in_groups,
        "share_of_increase_pct": checks.share(new_in_groups, diff),
    }
