"""The report's main findings (Hovedfunn), computed from its own results for the parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from helpers.core.formatting import fmt_number, pct
from helpers.core.report import Finding

from . import accounts as acc
from . import county_profile as cp
from . import growth_decomposition as gd
from . import relatedness as rel
from . import structure as st

SECTIONS = {"profil": "Fylkesprofil", "struktur": "Næringsstruktur",
            "vekst": "Vekst fordelt på kilder", "relatert": "Relaterte næringer"}


def persons(thousands: float) -> str:
    """1000 persons as a number of persons rounded to the accounts' precision (100)."""
    return fmt_number(round(thousands * 10) * 100, 0)


def findings(params: Mapping[str, Any]) -> list[Finding]:
    """Five findings with their numbers, each linked to its section."""
    county, ref = params["county"], params["reference"]
    start, year, threshold = params["start_year"], params["year"], params["threshold"]
    name, ref_name = acc.region_label(county), acc.region_label(ref)
    out: list[Finding] = []
    table = st.lq_table(county, ref, year, acc.FIRST_YEAR, threshold)
    top, bottom = st.ranked(table, "lq_va", 1)
    if len(top):
        ind = top.index[0]
        out.append(Finding(
            f"{ind} er den mest særpregede næringen i {name} i {year}: andelen av "
            f"verdiskapingen er {fmt_number(top['lq_va'].iloc[0], 1)} ganger så stor som i "
            f"{ref_name} (sysselsetting: {fmt_number(top['lq_emp'].iloc[0], 1)}).",
            "struktur", SECTIONS["struktur"]))
    if len(bottom):
        out.append(Finding(
            f"Svakest representert av de store næringene er {bottom.index[0].lower()}, med "
            f"lokaliseringskvotient {fmt_number(bottom['lq_va'].iloc[0], 2)} på verdiskaping.",
            "struktur", SECTIONS["struktur"]))
    mine, theirs = cp.totals(county), cp.totals(ref)
    diff = mine.loc[year, "productivity"] / theirs.loc[year, "productivity"] - 1
    out.append(Finding(
        f"Verdiskaping per sysselsatt i {name} var {fmt_number(mine.loc[year, 'productivity'], 0)} "
        f"000 kr i {year}, {pct(abs(diff), 0)} {'over' if diff >= 0 else 'under'} "
        f"{ref_name}.", "profil", SECTIONS["profil"]))
    g, gr = cp.growth(county, start, year), cp.growth(ref, start, year)
    out.append(Finding(
        f"Realveksten i verdiskapingen {start}–{year} var {pct(g['real'], 1)} i {name} "
        f"mot {pct(gr['real'], 1)} i {ref_name}.", "profil", SECTIONS["profil"]))
    ss = gd.employment_shift_share(county, ref, start, year).loc["Totalt"]
    out.append(Finding(
        f"Sysselsettingen endret seg med {persons(ss['change'])} personer "
        f"{start}–{year}; den regionale effekten (det som ikke forklares av vekst som i "
        f"referansen og av næringsmiksen) var {persons(ss['regional_shift'])}.",
        "vekst", SECTIONS["vekst"]))
    if county in acc.counties():
        opp = rel.opportunities(county, acc.EMPLOYED, year, n=1)
        if len(opp):
            o = opp.iloc[0]
            out.append(Finding(
                f"Nærmest det fylket allerede er spesialisert i, blant næringene det ikke er "
                f"spesialisert i, ligger {o['industry'].lower()} (relatert tetthet "
                f"{fmt_number(o['density'], 2)}).", "relatert", SECTIONS["relatert"]))
    return out[:6]
