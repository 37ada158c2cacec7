"""Section 8: checks of the figures document 004 states."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers import checks
from helpers.core import data
from helpers.core.formatting import nobreak
from helpers.core.shared_results import shared_result
from helpers.sources import external

from .supply import eu_shares


def checks_display(results: Sequence[checks.CheckResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two print-friendly tables: the figures that were recomputed (stated, recomputed,
    difference, verdict, method) and those that cannot be checked (stated, why not). The line
    stands in the claim column and the document column is left out (every row is document 004),
    so neither table needs the narrow columns that wrap words into syllables. The section is
    the document's heading (``checks.tables.where``), never a line number."""
    results = checks.ordered(results)  # errors first, then differences, then the rest
    table = checks.table(results)
    claim = [f"{c} ({w})" if w else c
             for c, w in zip(table["påstand"], table["hvor"], strict=True)]
    table = table.assign(påstand=claim)
    cannot = table["vurdering"] == checks.Verdict.CANNOT_CHECK.label
    table = table.assign(oppgitt=table["oppgitt"].map(nobreak),
                         beregnet=table["beregnet"].map(nobreak))
    # the verdict says what the difference would (0 inside a stated range), so it is left out
    done = table.loc[~cannot, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]
    rest = table.loc[cannot, ["påstand", "oppgitt", "metode"]].rename(
        columns={"metode": "hvorfor ikke"})
    return done.reset_index(drop=True), rest.reset_index(drop=True)


@shared_result  # computed once per build, shared by its reports
def document_checks() -> list[checks.CheckResult]:
    """Checks of the figures document 004 states (see stated_figures_004.csv)."""
    results = []
    lists = data.load("eu_crma_annex_lists")
    n_critical = int((lists["measure"] == "critical_raw_material").sum())
    results.append(checks.check(
        "004-0123-a", n_critical, "antall kritiske råmaterialer i CRMA vedlegg II",
        sources=["eu_crma_annex_lists"],
    ))
    swd = ("krever Kommisjonens arbeidsdokument SWD(2021) 352, som ikke er blant kildene til "
           "denne rapporten")
    for fid in ("004-0077-b", "004-0077-c", "004-0081-a"):
        results.append(checks.cannot_check(fid, swd))
    nickel = ("ingen data om den vestlige verdens nikkelbehov; USGS 2025 har ikke "
              "raffineringstall")
    for fid in ("004-0205-a", "004-0217-a"):
        results.append(checks.cannot_check(fid, nickel))
    how = "Norges andel av EUs forsyning av silisiummetall (EU 2023); ferrolegeringer ikke samlet"
    if external.available("eu_crm_2023_eu_shares"):
        eus = eu_shares(["silicon"], "processing", "eu")
        share = float(eus.loc[eus["iso3"] == "NOR", "share"].sum()) * 100
        results.append(checks.check_range("004-0221-a", "004-0221-b", share, how,
                                          sources=[external.citation("eu_crm_2023_eu_shares")]))
    else:
        for fid in ("004-0221-a", "004-0221-b"):
            results.append(checks.cannot_check(
                fid, "krever EU-studiens andeler av EUs forsyning (2023), som ikke var "
                "tilgjengelig da rapporten ble laget"))
    results.append(checks.cannot_check(
        "004-0374-a", "terskel i et eksempel, ikke en målt størrelse; brukt som rapportens "
        "terskel for ett lands andel"))
    return results
