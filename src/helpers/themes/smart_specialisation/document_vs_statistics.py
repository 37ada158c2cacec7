"""The document's figures beside SSB's county accounts: value added, employment, productivity,
real growth and the Balassa index, with why they differ (year, population, vintage)."""

from __future__ import annotations

import pandas as pd

from helpers import checks

from . import accounts as acc
from . import county_profile as cp
from . import structure as st

TRANSPORT = "Transport utenom utenriks sjøfart"

#: Per county: (what, stated id, kind). Ids only; the statistic is computed per kind.
FIGURES: dict[str, list[tuple[str, str, str]]] = {
    "Akershus": [("Verdiskaping (mrd. kr)", "002-0882-a", "va"),
                 ("Sysselsatte i alt (1000)", "002-0823-a", "emp"),
                 ("Sysselsatte i regnskapspliktige foretak (1000)", "002-0823-b", "emp"),
                 ("Verdiskaping per sysselsatt (1000 kr)", "002-0940-a", "prod"),
                 ("Realvekst i verdiskaping (%)", "002-1046-a", "real"),
                 ("Balassa-indeks, transport, mot hele landet", "002-0966-a", "lq_transport")],
    "Buskerud": [("Verdiskaping per sysselsatt (1000 kr)", "002-0944-a", "prod"),
                 ("Realvekst i verdiskaping (%)", "002-1050-a", "real")],
    "Østfold": [("Verdiskaping per sysselsatt (1000 kr)", "002-0944-b", "prod"),
                ("Realvekst i verdiskaping (%)", "002-1050-b", "real")],
    "Viken": [("Verdiskaping (mrd. kr)", "002-3846-a", "va")],
}

WHY = {
    "va": "dokumentet: regnskapspliktige foretak (Menon); SSB: alle sektorer",
    "emp": "ulik populasjon: alle sysselsatte eller bare regnskapspliktige foretak",
    "prod": "dokumentet deler verdiskaping i regnskapspliktige foretak på deres sysselsatte",
    "real": "dokumentet: 2011–2021 og uoppgitt prisindeks; SSB: volumendring til og med 2019",
    "lq_transport": "SSB publiserer ikke transport for Akershus i 2019; siste publiserte år brukt",
}


def _document_value(fid: str, kind: str) -> float:
    fig = checks.stated(fid)
    if kind == "va":
        return fig.value  # NOK bn
    if kind == "emp":
        return fig.value / 1000
    if kind == "prod":
        return fig.value * 1000 if fig.unit.startswith("NOK m") else fig.value / 1000
    return fig.value


def _statistic(county: str, kind: str, end: int) -> tuple[float, str]:
    t = cp.totals(county)
    if kind == "va":
        return t.loc[end, "value_added"] / 1000, str(end)
    if kind == "emp":
        return t.loc[end, "employed"], str(end)
    if kind == "prod":
        return t.loc[end, "productivity"], str(end)
    if kind == "real":
        return cp.growth(county, 2011, end)["real"] * 100, f"2011–{end}"
    for year in range(end, acc.FIRST_YEAR - 1, -1):
        lq = st.location_quotient(county, acc.WHOLE_COUNTRY, acc.VALUE_ADDED, year)
        if pd.notna(lq.get(TRANSPORT)):
            return float(lq[TRANSPORT]), str(year)
    return float("nan"), "–"


def comparison(county: str, end: int = acc.LAST_YEAR) -> pd.DataFrame:
    """One row per document figure for the county: what, the document's value and year, SSB's
    value and year, and why they differ. Empty when the document has no figure for it."""
    rows = []
    for what, fid, kind in FIGURES.get(county, []):
        fig = checks.stated(fid)
        value, year = _statistic(county, kind, end)
        rows.append({"størrelse": what, "dokumentet": _document_value(fid, kind),
                     "år (dokumentet)": fig.period.replace("-", "–"), "SSB": value,
                     "år (SSB)": year, "hvorfor de kan avvike": WHY[kind]})
    return pd.DataFrame(rows, columns=["størrelse", "dokumentet", "år (dokumentet)", "SSB",
                                       "år (SSB)", "hvorfor de kan avvike"])
