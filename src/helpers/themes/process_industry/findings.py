"""Hovedfunn: the report's main findings, computed from its own results for one parameter set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from helpers.core.formatting import (
    change_words,
    en_dash,
    fmt_number,
    money_unit,
    pct,
    percent,
)
from helpers.core.report import Finding

from . import ssb_series as ss
from .common import (
    ELECTRICITY,
    ENERGY,
    EXPORTS,
    INVESTMENTS,
    PERCENT,
    branch_label,
    branch_rows,
    stated_value,
)
from .emissions import plan_for
from .energy import energy_matrix
from .exports import export_table, process_column
from .investments import investment_growth, investment_totals
from .params import effective_source
from .ssb_tables import energy_overview, exports_by_year, investments_real, real_growth_text

#: Section anchors (the ``<a id>`` at the top of each section's heading cell).
ANCHORS = {
    "investeringer": "3. Investeringer",
    "eksport": "4. Eksport",
    "energi": "5. Energibruk",
    "utslipp": "6. Klimagassutslipp",
    "kontroller": "9. Dokumentkontroller",
}


def _finding(text: str, anchor: str) -> Finding:
    return Finding(text, anchor, ANCHORS[anchor])


def emission_finding(params: Mapping[str, Any]) -> list[Finding]:
    source = effective_source(params["emission_source"])
    plan = plan_for(params)
    who = "SSBs serie" if source == "ssb" else "dokumentets nivåer"
    out = [_finding(
        f"Utslippene fra industri og bergverk var {fmt_number(plan.last_level, 1)} mill. tonn "
        f"CO\u2082-ekvivalenter i {plan.last_year}, {percent(plan.achieved_cut_pct)} under "
        f"{plan.base_year} ({who}).", "utslipp")]
    if plan.required_rate is None:
        out.append(_finding(
            f"Et kutt på {pct(plan.cut, 0)} innen {plan.target_year} kan ikke nås "
            "med en fast årlig endring; resten må tas på én gang.", "utslipp"))
    elif plan.required_rate >= 0:
        out.append(_finding(
            f"Målet om {pct(plan.cut, 0)} kutt fra {plan.base_year} er allerede nådd; "
            f"utslippene kan øke med {pct(plan.required_rate, 2)} i året til "
            f"{plan.target_year}.", "utslipp"))
    else:
        out.append(_finding(
            f"For {pct(plan.cut, 0)} kutt innen {plan.target_year} må utslippene falle "
            f"{pct(-plan.required_rate, 2)} i året, mot "
            f"{pct(-plan.historical_rate, 2)} i året {plan.rate_period}; med "
            f"den historiske takten blir nivået {fmt_number(plan.landing, 1)} mill. tonn mot "
            f"målet {fmt_number(plan.target, 1)}.", "utslipp"))
    return out


def investment_finding(branch: str) -> Finding:
    keep = branch_rows(branch, INVESTMENTS)
    if keep and ss.available(ss.PRICES):
        t = investments_real(ss.load(ss.PRICES), branch)
        return _finding(real_growth_text(t, f"investeringene i {branch_label(branch)}") + ".",
                        "investeringer")
    if keep is None or not keep:
        tot = investment_totals()
        last = tot.index[-1]
        return _finding(
            f"Investeringstabellens sumrad teller delrader to ganger: "
            f"{fmt_number(tot['printed'].iloc[-1] / 1000, 1)} mrd. kr per år i {en_dash(last)} mot "
            f"{fmt_number(tot['groups_only'].iloc[-1] / 1000, 1)} mrd. kr for hovedgruppene.",
            "investeringer")
    g = investment_growth(branch=branch).iloc[0]
    return _finding(
        f"Investeringene i {g['næringsgruppe']} {change_words(g['hele perioden'])} "
        f"fra første til siste treårsperiode i tabellen ({percent(g['årlig rate'])} i året, "
        "løpende kroner).", "investeringer")


def export_finding(branch: str, currency: str) -> Finding:
    if ss.available(ss.EXPORTS) and ss.available(ss.PRICES):
        return _export_series_finding(branch, currency)
    tab = export_table(currency, branch)
    total = tab.iloc[-1]
    amount = f"{fmt_number(total[process_column(currency)], 1)} {money_unit(currency)}"
    if branch_rows(branch, EXPORTS) is None:
        return _finding(
            f"Prosessindustrien eksporterte varer for {amount} i "
            f"2023, {percent(total['andel av gruppen (%)'])} av Norges vareeksport.", "eksport")
    return _finding(
        f"Eksporten fra {branch_label(branch)} var {amount} i "
        f"2023, {percent(total['andel av prosessindustrien (%)'])} av prosessindustriens eksport.",
        "eksport")


def _export_series_finding(branch: str, currency: str) -> Finding:
    by_year = exports_by_year(ss.load(ss.EXPORTS), ss.load(ss.PRICES), branch, currency)
    nominal = by_year[money_unit(currency)].dropna()
    real = by_year[by_year.columns[-1]].dropna()
    verb, amount = change_words(PERCENT * (real.iloc[-1] / real.iloc[0] - 1)).split(" ", 1)
    who = "prosessindustriens varer" if branch == "alle" else f"varer fra {branch_label(branch)}"
    return _finding(
        f"Eksporten av {who} var {fmt_number(nominal.iloc[-1], 1)} {money_unit(currency)} i "
        f"{nominal.index[-1]}; i faste priser {verb} den {amount} "
        f"fra {real.index[0]} til {real.index[-1]}.", "eksport")


def energy_finding(branch: str) -> Finding:
    if ss.available(ss.ENERGY):
        e = energy_overview(ss.load(ss.ENERGY), branch)
        share = e["elektrisitetsandel (%)"].dropna()
        return _finding(
            f"Elektrisitet var {percent(share.iloc[-1])} av energibruken i "
            f"{branch_label(branch)} i {share.index[-1]}, mot {percent(share.iloc[0])} i "
            f"{share.index[0]} "
            f"({fmt_number(e['i alt'].iloc[-1] / 1000, 1)} TWh i alt).", "energi")
    m = energy_matrix().drop(columns="næring").astype(float)
    rows = branch_rows(branch, ENERGY)
    if rows is None:
        rows, who = ["EI"], "de energiintensive industriene"
    else:
        who = branch_label(branch)
    el, total = m.loc[rows, ELECTRICITY].sum(), m.loc[rows, "Alle energiprodukter"].sum()
    return _finding(
        f"Elektrisitet var {pct(el / total)} av energibruken i {who} i 2023 "
        f"({fmt_number(el / 1000, 1)} av {fmt_number(total / 1000, 1)} TWh).", "energi")


def audit_finding() -> Finding:
    d1990, d2023 = stated_value("003-0940-a"), stated_value("003-0940-b")
    doc_cut = 1 - d2023 / d1990
    return _finding(
        f"Dokumentets nivåer ({fmt_number(d1990, 1)} og {fmt_number(d2023, 1)} mill. tonn) gir "
        f"et kutt på {pct(doc_cut)}, ikke de {fmt_number(stated_value('003-0946-a'), 1)} % "
        "dokumentet oppgir.", "kontroller")


def findings(params: Mapping[str, Any]) -> list[Finding]:
    """Four to six findings for the Hovedfunn box, each from this parameter set's results."""
    return [
        *emission_finding(params),
        export_finding(params["branch"], params["currency"]),
        energy_finding(params["branch"]),
        investment_finding(params["branch"]),
        audit_finding(),
    ]


def findings_anchors() -> dict[str, str]:
    """Section anchors the findings link to, with the sections' titles."""
    return dict(ANCHORS)
