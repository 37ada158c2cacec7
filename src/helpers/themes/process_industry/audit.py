"""Section 9: every recomputable figure of document 003 checked against data."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd

from helpers import checks
from helpers.core.formatting import date_nb, en_dash, fmt_number
from helpers.core.shared_results import shared_result

from . import ssb_series
from .common import (
    _KI,
    BILLION,
    ELECTRICITY,
    ENERGY,
    EXPORTS,
    ID_EMIS_1990,
    ID_EMIS_2023,
    ID_EMP_DIRECT,
    ID_EXPORT_CHANGE,
    ID_EXPORT_CHANGE_PCT,
    ID_KI_ELECTRICITY,
    ID_REST_ELECTRICITY,
    ID_VA_DIRECT,
    ID_VA_PER_FTE,
    INVESTMENTS,
    PERCENT,
    RATES,
    SSB_ELECTRICITY,
    SSB_EMISSIONS,
    STATED,
    ProcessIndustryError,
    public_available,
    shown,
    stated_value,
)
from .currency import currency_change
from .electricity import _annual_electricity, _electricity_level
from .emissions import ssb_emission_levels, ssb_total_emissions
from .energy import electricity_shares, energy, energy_matrix
from .exports import exports
from .investments import (
    ID_TEN_YEAR_AVERAGE,
    document_ten_year_average,
    investment_totals,
    investments,
)

# --------------------------------------------------------------------------- document checks

_SSB_JUNE_2024 = "2024-06"  # SSB's preliminary 2023 release, the one the document's -43.3 % matches
_SSB_NOV_2024 = "2024-11"  # SSB's final 2023 release


def _ratio_check(
    figure_id: str, num: float, num_half: float, den: float, den_half: float, how: str,
    sources: Sequence[str],
) -> checks.CheckResult:
    """Check a stated percentage against num/den when num and den are themselves rounded
    (± ``num_half`` and ± ``den_half``): the verdict takes every value the rounded inputs
    allow, the one rounding rule of ``checks``."""
    return checks.check(figure_id, checks.share(checks.Span.around(num, num_half),
                                                checks.Span.around(den, den_half)),
                        how, sources=sources)


def _ssb_2023(vintage: str) -> pd.Series:
    lv = ssb_emission_levels()
    hit = lv[(lv["year"] == 2023) & lv["vintage"].str.startswith(vintage)]
    if hit.empty:
        raise ProcessIndustryError(f"{SSB_EMISSIONS}: no 2023 level in vintage {vintage}")
    return hit.iloc[0]


def ssb_implied_1990() -> float:
    """1990 level implied by SSB's preliminary 2023 release (June 2024): the release whose
    change since 1990 equals the document's (Mt CO2e)."""
    return float(_ssb_2023(_SSB_JUNE_2024)["implied_1990"])


def investment_checks() -> list[checks.CheckResult]:
    inv = investments()
    tot = investment_totals(inv)
    src = (INVESTMENTS,)
    out = []
    for fid, period in (("003-0400-a", "2015-2017"), ("003-0402-a", "2021-2023")):
        g, p = tot.loc[period, "groups_only"], tot.loc[period, "printed"]
        out.append(checks.cannot_check(
            fid,
            f"tabellen gir bare treårssnitt; {period}: "
            f"{fmt_number(g / 1000, 1)} mrd. kr per år (hovedgrupper) eller "
            f"{fmt_number(p / 1000, 1)} mrd. (trykt SUM)",
            sources=src,
        ))
    out.append(sum_row_check(inv))
    average, first, last = document_ten_year_average(inv)
    rows = inv[inv["row_role"] != "printed_total"]
    first_period = rows.loc[(rows["period_start"] <= first) & (rows["period_end"] >= first),
                            "period"].iloc[0]
    out.append(checks.check(
        ID_TEN_YEAR_AVERAGE, average / 1000,
        f"snitt {first}–{last} av treårssnittene ({first} satt lik snittet "
        f"{en_dash(first_period)}): tilnærming",
        sources=src,
    ))
    return out


def sum_row_check(inv: pd.DataFrame | None = None) -> checks.CheckResult:
    """The investment table's printed SUM row for its last period against the sum of the
    top-level groups: the printed row counts the sub-rows (basic chemicals, non-ferrous
    metals) twice, an error in the document. A check like any other, so the theme's report
    and the collection's audit both carry it, with the same verdict."""
    inv = investments() if inv is None else inv
    tot = investment_totals(inv)
    last = tot.index[-1]
    printed_row = inv[(inv["row_role"] == "printed_total") & (inv["period"] == last)].iloc[0]
    stated_m, groups_m = float(printed_row["value"]), float(tot.loc[last, "groups_only"])
    printed = str(printed_row["printed"])
    verdict = checks.verdict_for(stated_m, groups_m, printed)
    why = ("sumraden teller delradene (kjemiske råvarer, ikke-jernholdige metaller) to ganger"
           if verdict is checks.Verdict.DISAGREES else "")
    # the table belongs to the section «Investeringer» (its text, the lines of the first stated
    # investment figure); the text version prints it after a page break, inside «Eksport»
    text_lines = checks.stated("003-0400-a").lines
    return checks.CheckResult(
        figure_id=f"003-{int(printed_row['lines']):04d}-sum", document="003",
        lines=f"{text_lines}; {printed_row['lines']}",
        claim=f"Sumraden i investeringstabellen ({en_dash(last)})",
        printed=printed, unit="bn NOK per year",
        stated=stated_m / 1000, recomputed=groups_m / 1000, verdict=verdict,
        how="summen av hovedgruppene", why=why, sources=(INVESTMENTS,), decimals=1)


def export_checks() -> list[checks.CheckResult]:
    ex = exports()
    total = ex[ex["row_role"] == "total"].iloc[0]
    src = (EXPORTS,)
    nor, pi = float(total["export_value_norway"]), float(total["export_value_process_industry"])
    mineral = ex[ex["hs_chapters"] == "25-27"].iloc[0]
    misc = ex[ex["hs_chapters"] == "93-99"].iloc[0]
    change = stated_value(ID_EXPORT_CHANGE)
    return [
        checks.check("003-0509-a", nor / BILLION, "eksport i alt i tabellen", sources=src),
        checks.check("003-0511-a", pi / BILLION, "prosessindustriens sum i tabellen",
                     sources=src),
        checks.check("003-0513-a", checks.share(pi, nor),
                     "prosessindustriens sum / eksport i alt («i overkant av»)", sources=src),
        checks.check(ID_EXPORT_CHANGE_PCT, checks.change_pct(pi / BILLION - change, pi / BILLION),
                     f"{shown(ID_EXPORT_CHANGE)} mrd. mot 2019-nivået (tabellens 2023-verdi "
                     f"minus {shown(ID_EXPORT_CHANGE)} mrd.)",
                     sources=(EXPORTS, STATED)),
        checks.check("003-0519-b", checks.share(mineral["export_value_norway"], nor),
                     "varegruppe 25–27 (mineralske produkter) som andel av eksporten; tilnærmet "
                     "petroleumsrelatert", sources=src),
        checks.cannot_check("003-0515-a", "dokumentet trykker ikke 2019-nivået"),
        checks.cannot_check("003-0517-a", "prosessindustriens eksport 2022 er ikke tilgjengelig"),
        _total_exports_2022(),
        checks.cannot_check("003-0519-a", "eksporten 2022 etter varegruppe er ikke tilgjengelig"),
        checks.cannot_check(
            "003-0611-a",
            f"varenummer 99999999 er ikke skilt ut; hele gruppen 93–99 er "
            f"{fmt_number(float(misc['export_value_norway']) / BILLION, 1)} mrd. kr",
            sources=src,
        ),
        checks.check("003-0599-a", currency_change("NOK_per_EUR", 2019, 2023),
                     "endring i kroner per euro 2019–2023 (dokumentets kurser)", sources=(RATES,)),
        checks.check("003-0601-a", currency_change("NOK_per_USD", 2019, 2023),
                     "endring i kroner per dollar 2019–2023 (dokumentets kurser)",
                     sources=(RATES,)),
    ]


def _total_exports_2022() -> checks.CheckResult:
    """Norway's goods exports 2022 from SSB table 08818 (the sum of the months), when it can be
    read; the document's figure comes from table 08801."""
    if not ssb_series.available(ssb_series.EXPORTS):
        return checks.cannot_check("003-0509-b", "eksporten 2022 er ikke tilgjengelig")
    ex = ssb_series.annual_exports(ssb_series.load(ssb_series.EXPORTS), ["-"])
    return checks.check("003-0509-b", float(ex.loc[2022, "nok"]) / BILLION,
                        "SSBs eksport etter varegruppe, summen av månedene i 2022",
                        sources=(ssb_series.EXPORTS,))


def energy_checks() -> list[checks.CheckResult]:
    m = energy_matrix()
    src = (ENERGY,)
    ei_rows = energy().query("parent == 'EI'")["row_id"].unique().tolist()
    out = [
        checks.check("003-0739-a", checks.total(m.loc[ei_rows, ELECTRICITY]),
                     "sum elektrisitet i de fire energiintensive næringene", sources=src),
        checks.check("003-1028-a", electricity_shares()["energiintensive_andel_av_el"],
                     "energibalansen: energiintensive / industri og bergverk", sources=src),
        checks.check("003-1028-a", checks.share(
            checks.rounded(ID_KI_ELECTRICITY),
            checks.rounded(ID_KI_ELECTRICITY) + checks.rounded(ID_REST_ELECTRICITY)),
            f"dokumentets egne TWh-tall: {shown(ID_KI_ELECTRICITY)} / "
            f"({shown(ID_KI_ELECTRICITY)} + {shown(ID_REST_ELECTRICITY)})", sources=(STATED,),
            why="en bredere avgrensning av industrien gir en enda lavere andel, så "
                f"«rundt {shown('003-1028-a')} %» stemmer ikke med tallene for 2023"),
        # the inputs are printed with one decimal: 39,6 − 35,8 can be anything from 3,7 to 3,9
        checks.check("003-0682-c", checks.rounded("003-0682-a")
                     - checks.rounded(ID_KI_ELECTRICITY),
                     "toppnivået minus dokumentets 2023-nivå (dokumentet måler til 2024)",
                     sources=(STATED,)),
        checks.check("003-0682-b", checks.share(checks.rounded("003-0682-c"),
                                                checks.rounded("003-0682-a")),
                     f"{shown('003-0682-c')} / {shown('003-0682-a')}; «nesten» tolket som "
                     "inntil ett prosentpoeng under",
                     sources=(STATED,), rounding_unit=2),
    ]
    if public_available(SSB_ELECTRICITY):
        annual = _annual_electricity()

        def level(start: str, year: int) -> float:
            return _electricity_level(annual, start, year)

        esrc = (SSB_ELECTRICITY,)
        out += [
            checks.check(ID_KI_ELECTRICITY, level(_KI, 2023),
                         "SSBs publiserte tall for 2023 (annen årgang enn tabell 08311)",
                         sources=esrc),
            checks.check("003-0682-a", level(_KI, 2021),
                         "SSBs årstall 2021 (dokumentet viser glidende snitt ved årsskiftet)",
                         sources=esrc),
            checks.check("003-0698-b", level("Total electricity", 2023),
                         "SSBs publiserte totalforbruk 2023 (annen årgang)", sources=esrc),
            checks.cannot_check(
                "003-0698-a",
                f"SSB publiserer {fmt_number(level('Utvinning av råolje', 2023), 1)} TWh for "
                "utvinning alene; dokumentet tar med tilknyttede tjenester", sources=esrc),
        ]
    return out


def emission_checks() -> list[checks.CheckResult]:
    # the levels are printed with one decimal: their rounding spans carry through
    b1990, b2023 = checks.rounded(ID_EMIS_1990), checks.rounded(ID_EMIS_2023)
    out = [
        checks.check("003-0946-a", -checks.change_pct(b1990, b2023),
                     f"fra dokumentets egne nivåer ({shown(ID_EMIS_1990)} og "
                     f"{shown(ID_EMIS_2023)})", sources=(STATED,),
                     why="prosenten er SSBs, men passer ikke med nivåene; enten prosenten "
                         "eller ett av nivåene er feil"),
        checks.check("003-0944-a", checks.difference(b1990, b2023),
                     f"{shown(ID_EMIS_1990)} − {shown(ID_EMIS_2023)} (dokumentets egne nivåer)",
                     sources=(STATED,),
                     why="ingen avrunding av nivåene gir den trykte differansen"),
        checks.cannot_check("003-0883-b", "utslipp per anlegg (Miljødirektoratet) mangler"),
        checks.cannot_check("003-1016-a", "utslipp per anlegg (Miljødirektoratet) mangler"),
    ]
    if not public_available(SSB_EMISSIONS):
        return out
    src = (SSB_EMISSIONS,)
    june, final = _ssb_2023(_SSB_JUNE_2024), _ssb_2023(_SSB_NOV_2024)
    tot_june = ssb_total_emissions(2023, _SSB_JUNE_2024)
    tot_final = ssb_total_emissions(2023, _SSB_NOV_2024)
    half = 0.05  # SSB prints these levels with one decimal
    for fid in ("003-0047-a", "003-0895-a"):
        out.append(checks.check(fid, -june["change_since_1990"],
                                "SSBs foreløpige 2023-tall (juni 2024): endring siden 1990",
                                sources=src))
    out += [
        checks.check("003-0879-a", june["value"], "SSBs 2023-tall for industri og bergverk",
                     sources=src),
        checks.check(ID_EMIS_2023, final["value"], "SSBs endelige 2023-tall (nov. 2024)",
                     sources=src),
        checks.check(ID_EMIS_1990, june["implied_1990"],
                     f"1990-nivå avledet av SSBs foreløpige 2023-tall publisert "
                     f"{_release_date(june['vintage'])} ({fmt_number(june['value'], 1)} mill. "
                     f"tonn, {fmt_number(-june['change_since_1990'], 1)} % under 1990); en "
                     "tidligere årgang enn SSB-serien i kapittelet om utslipp, som gir "
                     "1990-nivået direkte",
                     sources=src),
        _ratio_check("003-0879-b", june["value"], half, tot_june, half,
                     "industri og bergverk / alle kilder, SSB juni 2024", src),
        _ratio_check("003-0047-b", final["value"], half, tot_final, half,
                     "industri og bergverk / alle kilder, SSB nov. 2024", src),
        _ratio_check("003-0885-a", stated_value("003-0883-b"), half, tot_june, half,
                     f"{shown('003-0883-b')} Mt / SSBs totale utslipp 2023 (juni 2024)",
                     (STATED, *src)),
        _proxy_92(),
    ]
    return out


def _release_date(vintage: str) -> str:
    """A release's date in Norwegian ("7. juni 2024") from the vintage column
    ("2024-06-07")."""
    return date_nb(str(vintage)[:10])


def _proxy_92() -> checks.CheckResult:
    """The 92 % share of emissions: the document does not say which plants it counts as
    power-intensive, and the largest point sources are only a stand-in, so a match with them
    would be chance, not a check."""
    proxy = checks.share(stated_value("003-0883-b"), stated_value(ID_EMIS_2023))
    return checks.cannot_check(
        "003-1028-b",
        f"dokumentet sier ikke hvilke anlegg som regnes som kraftintensive; de "
        f"{shown('003-0883-a')} største punktutslippene er {fmt_number(proxy, 1)} % av "
        "utslippene fra industri og bergverk, men de er bare en stedfortreder",
        sources=(STATED,))


def ripple_checks() -> list[checks.CheckResult]:
    va, emp = stated_value(ID_VA_DIRECT), stated_value(ID_EMP_DIRECT)
    share = stated_value("003-1089-a")
    return [
        # value added per FTE: the document gives persons, not FTEs, for the direct effect
        checks.cannot_check(
            ID_VA_PER_FTE,
            f"dokumentet oppgir ikke årsverkene i de direkte virkningene; delt på "
            f"{fmt_number(emp)} sysselsatte personer blir det {fmt_number(va / emp * 1000, 2)} "
            "mill. kr, som bare er det samme hvis hver sysselsatt er ett årsverk",
            sources=(STATED,)),
        checks.check("003-0426-a", checks.change_pct(stated_value("003-0426-b"),
                                                     stated_value("003-0426-c")),
                     f"fra {shown('003-0426-b')} til {shown('003-0426-c')} tonn",
                     sources=(STATED,)),
        checks.cannot_check(
            "003-1089-a",
            f"antall kommuner i landet er ikke i data; {shown('003-1087-a')} og "
            f"{share:.0f} % tilsvarer "
            f"{stated_value('003-1087-a') / (share / PERCENT):.0f} kommuner"),
    ]


@shared_result  # computed once per build, shared by its reports
def document_checks() -> list[checks.CheckResult]:
    """Every recomputable figure of document 003, checked (section 9 of the report); a figure
    that differs for a reason of source, year or definition (``CLASSES``) carries the verdict
    ``differs`` with that reason, here and in the collection's audit."""
    return [_classified(r) for r in (*investment_checks(), *export_checks(), *energy_checks(),
                                     *emission_checks(), *ripple_checks())]


#: The first word of a reason in ``CLASSES`` → the checks' reason code.
_REASON_CODES = {"kilde": "source", "år": "year", "definisjon": "definition",
                 "versjon": "source"}


def _classified(result: checks.CheckResult) -> checks.CheckResult:
    kind, why = CLASSES.get(result.figure_id, ("", ""))
    # only a recomputation from other data than the document's own can differ for a reason of
    # source, year or definition; the document's own figures that disagree stay an error
    other_data = set(result.sources) - {STATED}
    if result.verdict is not checks.Verdict.DISAGREES or kind != DIFFERENCE or not other_data:
        return result
    return dataclasses.replace(result, verdict=checks.Verdict.DIFFERS, why=why,
                               reason=(_REASON_CODES[why.split(":", 1)[0]],))


# --------------------------------------------------------------------------- verdict classes

ERROR = "stemmer ikke (feil i dokumentet)"  # the labels of the reader branch's verdict classes
DIFFERENCE = "avvik som skyldes ulik kilde, år eller definisjon"

#: Why a figure that does not match is a difference of source, year or definition, or why it is
#: a real error in the document (our reading of each case; ids of document 003).
CLASSES: dict[str, tuple[str, str]] = {
    "003-1028-a": (DIFFERENCE, "definisjon: energiintensiv og kraftintensiv industri er ikke "
                   "samme gruppe, og nevneren er avgrenset ulikt"),
    "003-0666-a": (DIFFERENCE, "kilde: dokumentet bruker SSB-tabell 08311, her en senere "
                   "publisering"),
    "003-0698-b": (DIFFERENCE, "definisjon: SSBs samlede forbruk er uten nettap"),
    "003-0940-a": (DIFFERENCE, "versjon: SSB regner nå med nyere omregningsfaktorer (AR5), "
                   "dokumentets nivå med eldre"),
}
