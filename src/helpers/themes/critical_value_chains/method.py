"""Section 7: the mapping method document 004 proposes and how far this report carries it out."""

from __future__ import annotations

import pandas as pd

from helpers.core import data

from .catalogue import document_section

#: How far this report carries out each proposed step (our assessment).
STEP_STATUS: dict[int, tuple[str, str]] = {
    1: ("delvis", "EUs lister er med (avsnitt 2); NATOs liste finnes ikke i prosjektets data"),
    2: ("delvis", "sink og kjemikalier er med som materialer; kjemikalier mangler forsyningsdata"),
    3: ("delvis", "koblingene er merket: fra dokumentet, fra CRMA-listen eller egen tilordning"),
    4: ("utført med eksterne data", "konsentrasjon, terskel og styringsvektet HHI (avsnitt 3-4) "
        "og scenario (avsnitt 6); importavhengighet mangler"),
    5: ("delvis", "Norges andeler av verdensproduksjon og EUs forsyning (avsnitt 5)"),
    6: ("ikke utført", "krever handelsstatistikk etter varenummer (SSBs utenrikshandel etter "
        "HS/KN, Eurostat Comext)"),
    7: ("ikke utført", "krever dialog med bedrifter og referansegrupper"),
}


def steps_table() -> pd.DataFrame:
    s = data.load("value_chains_steps")
    return pd.DataFrame({
        "nr.": s["step"],
        "forslag (våre ord)": s["label_no"],
        "avsnitt i dokumentet": s["lines"].map(document_section),
        "i denne rapporten": s["step"].map(lambda i: STEP_STATUS[int(i)][0]),
        "merknad": s["step"].map(lambda i: STEP_STATUS[int(i)][1]),
    })
