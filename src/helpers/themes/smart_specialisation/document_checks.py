"""Checks of the document's figures (recomputed, stated twice, cannot be checked), their report
tables, and the figures resting on non-public data.
"""

from __future__ import annotations

import pandas as pd

from helpers import checks
from helpers.checks.tables import stated_elsewhere
from helpers.core import data
from helpers.core.formatting import date_nb, unit_nb
from helpers.core.shared_results import shared_result
from helpers.methods import regional

from .common import DOCUMENT_BASE_YEAR, DOCUMENT_YEAR, EMISSIONS, EXPORTS
from .document import shown, stated_figures, stated_value
from .municipalities import baerum_figures


def _ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for part in str(text).split(";"):
        a, _, b = part.strip().partition("-")
        out.append((int(a), int(b) if b else int(a)))
    return out


def non_public_figures() -> pd.DataFrame:
    """Stated figures of document 002 resting on data that are not public, with the basis."""
    basis = data.load("smart_data_basis")
    basis = basis[~basis["public"].astype(bool)]
    figures = stated_figures()
    rows = []
    for _, b in basis.iterrows():
        for lo, hi in _ranges(b["figure_lines"]):
            sel = figures[figures["line"].between(lo, hi)]
            for _, f in sel.iterrows():
                rows.append({"grunnlag": b["basis"], "id": f["id"], "linje": f["lines"],
                             "størrelse": f["measure"], "geografi": f["geography"],
                             "oppgitt": f["printed"], "enhet": f["unit"]})
    return pd.DataFrame(rows).drop_duplicates("id").reset_index(drop=True)




#: Figures the document states more than once: (repeat, first statement).
REPEATS: tuple[tuple[str, str], ...] = (
    ("002-0823-a", "002-0052-a"), ("002-0823-b", "002-0052-b"), ("002-0829-a", "002-0056-a"),
    ("002-0829-b", "002-0056-b"), ("002-0882-a", "002-0056-c"), ("002-1044-b", "002-0056-c"),
    ("002-0924-a", "002-0079-a"), ("002-0924-b", "002-0079-b"), ("002-0926-a", "002-0081-a"),
    ("002-0926-b", "002-0081-b"), ("002-0966-a", "002-0097-a"), ("002-6498-a", "002-0097-a"),
    ("002-2563-a", "002-0198-a"), ("002-2716-a", "002-0198-a"), ("002-1303-a", "002-0627-a"),
    ("002-1271-a", "002-1303-a"), ("002-1372-a", "002-1279-a"), ("002-1372-b", "002-1281-a"),
    ("002-1264-c", "002-1046-a"), ("002-5014-a", "002-4634-a"), ("002-2456-a", "002-0676-a"),
    ("002-5430-a", "002-5424-a"),
)

#: Repeats whose two statements measure something different: what differs, and why in
#: words ({a}: the repeat as printed, {b}: the first statement, {b_year}: its period).
REPEAT_DIFFERS: dict[str, tuple[str, str]] = {
    "002-1271-a": ("definition", "{a} er klyngene som er undersøkt i medlemsanalysen, {b} er "
                   "klyngene det er hentet inn data for"),
    "002-1264-c": ("source", "{a} står i kommuneavsnittet, som bygger på Menons "
                   "regnskapsdata; {b} er fylkets realvekst regnet med SSBs tall"),
    "002-5430-a": ("year", "{a} («litt mer enn») står uten år; {b} gjelder {b_year}"),
}


def _repeat_why(repeat: str, first: str, text: str) -> str:
    return text.format(a=shown(repeat), b=shown(first), b_year=checks.stated(first).period)
#: Figures resting on non-public data that no other figure or published table reproduces.
CANNOT: dict[str, str] = {
    "002-0052-b": "Menons regnskapsdata er ikke offentlige",
    "002-0079-a": "verdiskaping og sysselsetting per næring er ikke oppgitt",
    "002-0079-b": "verdiskaping og sysselsetting per næring er ikke oppgitt",
    "002-0081-a": "verdiskaping per næring er ikke oppgitt",
    "002-0928-a": "verdiskaping per næring er ikke oppgitt",
    "002-0944-a": "Buskeruds verdiskaping og sysselsetting er ikke oppgitt",
    "002-0944-b": "Østfolds verdiskaping og sysselsetting er ikke oppgitt",
    "002-0097-a": "fylkesregnskapet (SSB tabell 11713) slutter i 2019; dokumentet gjelder 2021",
    "002-1006-a": "Menons eksportmodell er ikke offentlig",
    "002-1022-a": "Menons eksportmodell er ikke offentlig",
    "002-1048-a": "BNP for 2011 og 2021 inngår ikke i statistikken rapporten bygger på",
    "002-1050-a": "Buskeruds nominelle endepunkter er ikke oppgitt",
    "002-1050-b": "Østfolds nominelle endepunkter er ikke oppgitt",
    "002-1107-a": "petroleumsnæringens verdiskaping og sysselsetting i Bærum er ikke oppgitt",
    "002-1260-a": "kommunetallene i figur 2-11 er ikke oppgitt",
    "002-3327-b": "Vikens samlede verdiskaping 2021 er ikke oppgitt (bare 2019, i "
                  "kap. 8.1 «Bioøkonomi i Viken»)",
}


@shared_result  # computed once per build, shared by its reports
def document_checks() -> list[checks.CheckResult]:
    """Every check of document 002 this theme can make, with verdicts (see helpers.checks).

    The method texts name the stated figures as printed (``shown``), never typed numbers."""
    s, p = stated_value, shown
    out: list[checks.CheckResult] = []
    firm_emp = "002-0823-b"
    # shares of employment in accounting-obliged firms
    for fid, part in (("002-0831-a", "002-0829-a"), ("002-0831-b", "002-0829-b")):
        out.append(checks.check(fid, checks.share(s(part), s(firm_emp)),
                                f"{p(part)} / {p(firm_emp)}"))
    # average productivity = total value added / employment in accounting-obliged firms
    out.append(checks.check("002-0940-a", s("002-0882-a") * 1e3 / s(firm_emp),
                            f"{p('002-0882-a')} / {p(firm_emp)}"))
    # exports per employee: which employment figure the document divides by (the inputs are
    # rounded: "70 mrd." and "360 000", so their spans count)
    exports, r = checks.rounded("002-1006-a"), checks.rounded
    out.append(checks.check("002-1030-a", exports * 1e9 / r("002-0823-a"),
                            f"{p('002-1006-a')} / {p('002-0823-a')} (alle sysselsatte)",
                            rounding_unit=50_000))
    out.append(checks.check("002-1030-a", exports * 1e9 / r(firm_emp),
                            f"{p('002-1006-a')} / {p(firm_emp)} (regnskapspliktige foretak)",
                            rounding_unit=50_000, differs="definition",
                            why="dokumentet deler på alle sysselsatte, ikke bare dem i "
                                "regnskapspliktige foretak"))
    # growth: annual rate implied by the stated real growth ("om lag 43 %": 42,5–43,5 %)
    years = DOCUMENT_YEAR - DOCUMENT_BASE_YEAR
    out.append(checks.check("002-1046-b",
                            checks.cagr_pct(100, 100 + r("002-1046-a"), years),
                            f"årlig rate av {p('002-1046-a')} realvekst over {years} år"))
    # Bærum's productivity from its shares of VA and employment
    b = baerum_figures()
    out.append(checks.check("002-1104-a", b["baerum_productivity_m"],
                            f"{p('002-1100-a')} av {p('002-0882-a')} / {p('002-1102-a')} av "
                            f"{p(firm_emp)}"))
    # the Balassa worked example of footnote 10
    example = regional.balassa({"næring": s("002-0995-a"), "resten": 100 - s("002-0995-a")},
                               {"næring": s("002-0996-a"), "resten": 100 - s("002-0996-a")})
    out.append(checks.check("002-0996-b", float(example["næring"]),
                            "Balassa-formelen på eksemplet i fotnote 10 "
                            f"({p('002-0995-a')} / {p('002-0996-a')})"))
    # cluster memberships
    parts = ("002-1341-b", "002-1341-c", "002-1343-a")
    multi = sum(s(i) for i in parts)
    out.append(checks.check("002-1339-a", checks.share(multi, s("002-1341-a")),
                            f"({' + '.join(checks.stated(i).printed for i in parts)}) / "
                            f"{p('002-1341-a')}"))
    # shares that must add up to 100
    out.append(checks.check("002-1577-a", 100 - s("002-1557-a") - s("002-1559-a"),
                            f"100 − {p('002-1557-a')} (grunnskole) − {p('002-1559-a')} "
                            "(videregående)"))
    out.append(checks.check("002-2082-b", 100 - s("002-2078-a") - s("002-2082-a"),
                            f"100 − {p('002-2078-a')} (Forskningsrådet) − {p('002-2082-a')} "
                            "(SkatteFUNN)"))
    out.append(checks.check("002-2597-c", checks.share(s("002-2597-a"), s("002-2599-a") * 1e3),
                            f"{p('002-2597-a')} / {p('002-2599-a')}"))
    out.append(checks.check("002-5428-a",
                            checks.share(r("002-5428-b"), r("002-5408-a") * 1e3),
                            f"{p('002-5428-b')} (Viken) / {p('002-5408-a')} (Norge, Statnett)",
                            differs=("source", "year"),
                            why=f"Vikens forbruk står uten år og kilde; {p('002-5408-a')} er "
                                f"Statnetts tall for hele landet i "
                                f"{checks.stated('002-5408-a').period}"))
    # a figure against published statistics
    ghg = data.load(EMISSIONS)
    total21 = ghg[(ghg["year"] == 2021) & (ghg["measure"] == "Greenhouse gases total")]
    if not total21.empty:
        latest = total21.sort_values("page_updated").iloc[-1]
        out.append(checks.check("002-3873-a",
                                checks.share(r("002-3873-b"), float(latest["value"])),
                                f"{p('002-3873-b')} / SSBs totale utslipp 2021 (tabell oppdatert "
                                f"{date_nb(str(latest['page_updated'])[:10])})",
                                sources=(EMISSIONS,)))
    # figures stated twice, each with its printed rounding
    for repeat, first in REPEATS:
        differs, why = REPEAT_DIFFERS.get(repeat, ((), ""))
        out.append(checks.check_twice(repeat, first, stated_elsewhere(repeat, first),
                                      differs=differs, why=_repeat_why(repeat, first, why)))
    for fid, why in CANNOT.items():
        if fid == "002-1006-a":
            years = data.load(EXPORTS)["year"]
            why = (f"{why}; SSBs eksporttall som rapporten bruker, gjelder "
                   f"{years.min()}–{years.max()}")
        out.append(checks.cannot_check(fid, why))
    return out

#: The start of the method text of a figure stated twice (``checks.tables.stated_elsewhere``).
REPEAT_HOW = "samme størrelse oppgitt"


def checks_display(results: list[checks.CheckResult]
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Three compact report tables made from ``checks.table`` (the engine's Norwegian claims,
    units and decimals): recomputed checks, figures stated twice, and figures that cannot be
    checked (with why), each with errors first, then differences, then the rest. The section
    of the document stands in the claim column to keep the tables narrow."""
    results = checks.ordered(results)
    table = checks.table(results)
    # the recomputed value without the unit the stated value already shows (narrower table);
    # no decimal beyond the printed ones for numbers in the thousands, where it is noise
    table["beregnet"] = [
        _recomputed_text(r, text) for r, text in zip(results, table["beregnet"], strict=True)]
    table["påstand"] = [_with_place(c, w) for c, w in zip(table["påstand"], table["hvor"],
                                                           strict=True)]
    cannot = [r.verdict is checks.Verdict.CANNOT_CHECK for r in results]
    twice = [not c and r.check_kind is checks.CheckKind.STATED_TWICE
             for r, c in zip(results, cannot, strict=True)]
    done = [not (c or t) for c, t in zip(cannot, twice, strict=True)]
    done_t = table.loc[done, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]]
    twice_t = table.loc[twice, ["påstand", "oppgitt", "beregnet", "vurdering", "metode"]].copy()
    twice_t["også oppgitt"] = [
        f"{_elsewhere(m)}: {b}" for m, b in zip(twice_t["metode"], twice_t["beregnet"],
                                                strict=True)]
    twice_t = twice_t[["påstand", "oppgitt", "også oppgitt", "vurdering"]]
    cannot_t = table.loc[cannot, ["påstand", "oppgitt", "metode"]].rename(
        columns={"metode": "hvorfor ikke"})
    return tuple(t.reset_index(drop=True) for t in (done_t, twice_t, cannot_t))  # type: ignore[return-value]


def _elsewhere(method: str) -> str:
    """ "samme størrelse oppgitt i kap. 2.1 «…»; why" -> "kap. 2.1 «…»"."""
    place = method.split(";")[0].removeprefix(REPEAT_HOW).strip()
    return place.removeprefix("i ").strip() or method


def _recomputed_text(r: checks.CheckResult, text: str) -> str:
    if r.recomputed is None or r.verdict is checks.Verdict.CANNOT_CHECK:
        return text
    unit = unit_nb(r.unit)
    if abs(float(r.recomputed)) >= 1000 and r.decimals == 0:
        text = checks.format_value(r.recomputed, r.unit, 0)
    return text.removesuffix(f" {unit}") if unit else text


def _with_place(claim: str, place: str) -> str:
    """ "Claim (2021)" -> "Claim (2021; kap. 2.1 «…»)"; "Claim" -> "Claim (kap. 2.1 «…»)"."""
    if not place:
        return claim
    if claim.endswith(")"):
        return f"{claim[:-1]}; {place})"
    return f"{claim} ({place})"


def non_public_summary() -> pd.DataFrame:
    """One row per non-public data source: how many of the document's figures rest on it and
    at which lines (for the report's box)."""
    frame = non_public_figures()
    frame["første linje"] = frame["linje"].str.split("-").str[0].astype(int)
    what = data.load("smart_data_basis").set_index("basis")["what"]
    rows = []
    for basis, sub in frame.groupby("grunnlag", sort=False):
        lines = sorted(set(sub["første linje"]))
        # "; " not ", ": a comma-separated list of numbers would be styled as one number
        rows.append({"grunnlag": basis, "hva": what.get(basis, ""), "antall": len(sub),
                     "linjer": "; ".join(str(x) for x in lines)})
    return pd.DataFrame(rows)
