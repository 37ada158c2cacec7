"""Checks of a document against itself that no theme makes: inconsistencies the
``stated_figures`` notes already record (a figure stated twice with different values, a unit
that contradicts the document's own classes). The audit report adds them to the themes'
checks, leaving out any pair a theme already compares."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.checks.stated_figures import UnknownFigure, stated
from helpers.checks.tables import stated_elsewhere, where
from helpers.checks.verdicts import CheckResult, check, check_twice


@dataclass(frozen=True)
class Noted:
    """A figure the document states twice with different values, as the data notes record.

    ``differs`` names what explains the difference (source, year, definition) when the two
    statements measure different things; empty when the document contradicts itself."""

    figure_id: str
    other_id: str
    differs: tuple[str, ...] = ()
    #: Why, in Norwegian; ``{a}``/``{b}`` stand for the two figures as printed, ``{a_year}``/
    #: ``{b_year}`` for their periods (numbers come from the data, never typed here).
    why: str = ""


#: Figures stated twice with different values (from the notes "conflicts with … at l. …").
STATED_TWICE: tuple[Noted, ...] = (
    # "minst 50 %" (kap. 9) is a lower bound that 55 % (kap. 10) satisfies: the two
    # statements of the 2030 target are worded differently, not contradictory
    Noted("002-4624-a", "002-5301-a", ("definition",),
          "samme utslippsmål, men kap. 9 gir bare en nedre grense («minst {a} %»), som "
          "{b} % i kap. 10 oppfyller"),
    # both statements describe the industry's direct emissions as a share of Norway's, one
    # year apart (2021 and 2020): no change in a year takes 3,5 % to 16 %
    Noted("002-4626-a", "002-4638-a", (),
          "begge tallene omtales som næringens direkte utslipp som andel av Norges utslipp, "
          "for {a_year} og {b_year}; et år forklarer ikke forskjellen mellom {a} % og {b} %"),
)


def noted_checks() -> list[CheckResult]:
    """The checks of the recorded inconsistencies (see the module docstring); an entry whose
    figures are not in the stated_figures data at hand is left out."""
    out = []
    for n in STATED_TWICE:
        try:
            a, b = stated(n.figure_id), stated(n.other_id)
            why = n.why.format(a=a.printed, b=b.printed, a_year=a.period, b_year=b.period)
            out.append(check_twice(n.figure_id, n.other_id,
                                   stated_elsewhere(n.figure_id, n.other_id),
                                   differs=n.differs, why=why))
        except UnknownFigure:
            continue
    # "småkraftverk opptil 10 kW" (l. 5515): the document's own classes put minikraftverk at
    # 100–1000 kW (l. 5517), so the upper limit for småkraftverk must lie above 1000 kW
    try:
        mini, small = stated("002-5517-b"), stated("002-5515-a")
        place = where(mini.document, mini.lines)
        same = place == where(small.document, small.lines)
        out.append(check(
            "002-5515-a", mini.value,
            f"må ligge over øvre grense for minikraftverk ({mini.printed} kW, "
            + ("samme avsnitt" if same or not place else place)
            + "); enheten er trolig feil (MW, ikke kW)",
        ))
    except UnknownFigure:
        pass
    return out


def not_already_checked(
    extra: list[CheckResult], existing: list[CheckResult]
) -> list[CheckResult]:
    """``extra`` without the checks whose stated figure the themes already check against the
    same value (a theme's own check of a pair wins)."""
    done = {(r.figure_id, r.recomputed) for r in existing}
    return [r for r in extra if (r.figure_id, r.recomputed) not in done]
