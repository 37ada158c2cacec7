"""Section 6: what happens to supply if one country drops out."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.core import countries, data
from helpers.core.formatting import en_dash, fmt_number, nobreak
from helpers.methods import concentration

from .catalogue import chains, label, links
from .supply import _country_shares, _source_names


def scenario_table(shares: pd.DataFrame, country: tuple[str, str],
                   selected: Sequence[str]) -> pd.DataFrame:
    """Remove ``country`` from each material's supply: lost share, HHI before/after, chains."""
    code, _ = country
    lk = links()
    names = chains().set_index("chain")["label_no"]
    rows = []
    for (material, stage), part in shares.groupby(["material", "stage"], sort=False):
        s = _country_shares(part)
        if s.empty:
            continue
        d = concentration.remove_supplier(s, code)
        names_src = _source_names(part)
        touched = [names[c] for c in lk.loc[lk["material"] == material, "chain"]]
        rows.append({
            "material": material,
            "stage": stage,
            "source": part["source"].iloc[0],
            "lost_share": d.lost_share,
            "hhi_before": d.hhi_before,
            "hhi_after": d.hhi_after,
            "top_after": names_src.get(d.top_after[0], d.top_after[0]) if d.top_after else "–",
            "top_after_share": d.top_after[1] if d.top_after else math.nan,
            "chains": ", ".join(touched),
        })
    out = pd.DataFrame(rows)
    return out.sort_values("lost_share", ascending=False) if not out.empty else out


def document_on_country(code: str) -> str:
    """Norwegian sentence: what document 004 says about the country (``value_chains_countries``,
    our words), or that it does not name it."""
    c = data.load("value_chains_countries")
    row = c[c["iso3"] == code]
    name = countries.country_name_nb(code) or code
    if row.empty:
        return f"Dokumentet nevner ikke {name} blant landene i verdikjedene."
    r = row.iloc[0]
    return f"Dokumentet om {r['label_no']} (linje {en_dash(r['lines'])}): {r['role_no']}."


def scenario_display(sc: pd.DataFrame) -> pd.DataFrame:
    """The scenario table; the largest remaining supplier is in the chart (``chart_scenario``)."""
    return pd.DataFrame({
        "materiale": sc["material"].map(label),
        "kilde": sc["source"].map(nobreak),
        "tapt andel": sc["lost_share"].map(lambda v: fmt_number(v, 0, percent=True)),
        "HHI før": sc["hhi_before"].map(lambda v: fmt_number(v, 2)),
        "HHI etter": sc["hhi_after"].map(lambda v: fmt_number(v, 2)),
        "berørte verdikjeder": sc["chains"],
    })
