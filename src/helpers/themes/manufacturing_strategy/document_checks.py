"""Checks of documents 000 and 001: stated figures against their recomputation."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers import checks
from helpers.checks.tables import stated_elsewhere
from helpers.core import data
from helpers.core.formatting import fmt_number
from helpers.core.shared_results import shared_result
from helpers.themes.manufacturing_strategy.key_figures import employment_change
from helpers.themes.manufacturing_strategy.params import period_label
from helpers.themes.manufacturing_strategy.productivity import (
    productivity_by_period,
    stated_period_figures,
)
from helpers.themes.manufacturing_strategy.rd import rd_share_of_gdp
from helpers.themes.manufacturing_strategy.reference import (
    DS_ACTORS,
    DS_AREAS,
    DS_FIGURES,
    DS_LINKS,
    DS_NEEDS,
    DS_PRODUCTIVITY,
    DS_RD,
    DS_RECS,
    stated_figure,
)


@shared_result  # computed once per build, shared by its reports
def document_checks() -> list[checks.CheckResult]:
    """Checks of documents 000 and 001: counts stated twice, growth against its endpoints,
    figures restated in two places, and what the shipped data cannot check (with why)."""
    recs = data.load(DS_RECS)
    main = recs[recs["kind"].eq("anbefaling")]
    emp = employment_change()
    out = [
        checks.check("000-0015-a", float(main["summary_lines"].ne("").sum()),
                     "telt i sammendraget", sources=[DS_RECS]),
        checks.check("000-0015-a", float(main["lines"].ne("").sum()),
                     "telt i kapittel 8", sources=[DS_RECS]),
        checks.check("000-0015-b", float(main["area"].nunique()),
                     "områder med anbefalinger", sources=[DS_RECS, DS_AREAS]),
        checks.check("000-0016-a", float(recs["kind"].eq("oppfolging").sum()),
                     "telt i teksten", sources=[DS_RECS]),
        checks.check("000-0352-a", emp["change_pct"],
                     f"fra nivåene {emp['start_year']} og {emp['end_year']}",
                     sources=[DS_FIGURES]),
        checks.cannot_check("000-0353-b",
                            "tabell 1 mangler; tallet er hele nettoøkningen "
                            f"({fmt_number(emp['start'])} → {fmt_number(emp['end'])})",
                            sources=[DS_FIGURES]),
        *(_twice(fid, first) for fid, first in REPEATS),
        # the strategy and its working paper give different years for Veikart 2.0
        # (a year is exact: the other statement's value, not its printed rounding)
        checks.check("000-0170-a", stated_figure("001-0102-b")["value"],
                      stated_elsewhere("000-0170-a", "001-0102-b"), differs="source",
                      why="strategien og arbeidsnotatet oppgir ulike år for når Veikart 2.0 "
                          f"ble lagt fram ({stated_figure('000-0170-a')['printed']} og "
                          f"{stated_figure('001-0102-b')['printed']})",
                      check_kind=checks.CheckKind.STATED_TWICE),
    ]
    rd = rd_share_of_gdp()
    if len(rd):  # the latest year of the report's own R&D table, whatever its source
        last = rd.iloc[-1]
        out.append(checks.check(
            "000-1130-a", float(last["FoU i alt"]),
            f"siste år i tabellen, {int(last['år'])} ({last['kilde']}); «om lag» = hele prosent",
            sources=[DS_RD], rounding_unit=1.0,
        ))
    # the stated period rates against the SSB years the data hold (periods from the data)
    for period, fid in stated_period_figures().items():
        prod = productivity_by_period([period]).iloc[0]
        reason = (f"SSBs tall dekker bare {prod['SSB-år']} av perioden ({prod['dekning']}); "
                  "et snitt av en del av perioden er ikke sammenlignbart"
                  if prod["SSB-år"] != "ingen"
                  else f"ingen SSB-tall for {period_label(period)}")
        out.append(checks.cannot_check(fid, reason, sources=[DS_PRODUCTIVITY]))
    out += [
        checks.cannot_check("000-0341-a", "rapporten har ikke BNP etter næring"),
        checks.cannot_check("000-0362-a",
                            f"rapporten har ikke eksport etter næring for "
                            f"{stated_figure('000-0362-a')['period']}"),
        _oil_and_gas_share(),
    ]
    return out


def _oil_and_gas_share() -> checks.CheckResult:
    """The oil and gas share of exports (000-0374-a) is a share of the exports of goods and
    services (the table the strategy cites); the report's trade table (08818) has goods only,
    so it cannot be checked: the reason names the years 08818 holds (from the data)."""
    from helpers.themes.manufacturing_strategy.indicators import (
        GOODS_TRADE,
        export_years,
        load_table,
        table_number,
    )

    fig = stated_figure("000-0374-a")
    cited = str(fig["source_cited"]).replace("SSB tabell", "SSB-tabell")
    why = f"tallet er en andel av eksporten av varer og tjenester ({cited}), som rapporten ikke har"
    frame = load_table(GOODS_TRADE)
    if frame is not None:
        years = export_years(frame)
        why += (f"; tabell {table_number(GOODS_TRADE)} ({years[0]}–{years[-1]}) har bare "
                "vareeksporten")
    return checks.cannot_check("000-0374-a", why, sources=[GOODS_TRADE])


#: Figures document 000 states twice: (repeat, first statement).
REPEATS: tuple[tuple[str, str], ...] = (
    ("000-0353-a", "000-0341-b"), ("000-0946-a", "000-0048-a"), ("000-1198-a", "000-0118-a"),
    ("000-1164-a", "000-1128-a"), ("000-1374-a", "000-0170-a"),
)


def _twice(figure_id: str, first: str) -> checks.CheckResult:
    """A figure the strategy states twice, compared with its first statement."""
    return checks.check_twice(figure_id, first, stated_elsewhere(figure_id, first))


def checks_table(results: Iterable[checks.CheckResult]) -> pd.DataFrame:
    """The document checks in print form: ``checks.table`` with fewer columns, errors first,
    then differences, then the rest (``checks.ordered``); the section of the strategy (or the
    working paper, named) standing in the claim column."""
    results = checks.ordered(results)
    t = checks.table(results)
    claims = []
    for r, place in zip(results, t["hvor"], strict=True):
        label = checks.stated(r.figure_id).label_nb or r.claim  # no period: the place says it
        # the strategy is the default; the working paper is named
        if r.document != "000":
            place = f"arbeidsnotatet, {place}" if place else "arbeidsnotatet"
        claims.append(f"{label} ({place})" if place else label)
    t["påstand"] = claims
    return t[["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]


#: What each dataset of the report holds, in Norwegian (the descriptors' titles are English).
DATASET_LABELS_NB: dict[str, str] = {
    DS_FIGURES: "Tall oppgitt i dokumentenes tekst, hvert med kapittelet det står i",
    DS_AREAS: "De prioriterte områdene og hovedutfordringene (våre ord)",
    DS_RECS: "Anbefalingene og oppfølgingsforslagene, med korte etiketter (våre ord)",
    DS_ACTORS: "Aktørene som nevnes, med normaliserte navn og forkortelser",
    DS_LINKS: "Hvilke aktører hver anbefaling peker på (vår koding)",
    DS_NEEDS: "Behov og utfordringer i arbeidsnotatet, koblet til anbefalingene (vår vurdering)",
    DS_PRODUCTIVITY: "Årlig volumendring i bruttoprodukt per utførte timeverk, industri og "
                     "alle næringer",
    DS_RD: "FoU-utgifter i Norge, beløp og andel av BNP",
}
