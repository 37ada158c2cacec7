"""Checks of a document against itself that no theme makes: inconsistencies the
``stated_figures`` notes already record (a figure stated twice with different values, a unit
that contradicts the document's own classes). The audit report adds them to the themes'
checks, leaving out any pair a theme already compares."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.checks.stated_figures import UnknownFigure, stated
from helpers.checks.verdicts import CheckResult, check, check_twice


@dataclass(frozen=True)
class Noted:
    """A figure the document states twice with different values, as the data notes record.

    ``differs`` names what explains the difference (source, year, definition) when the two
    statements measure different things; empty when the document contradicts itself."""

    figure_id: str
    other_id: str
    differs: tuple[str, ...] = ()
    why: str = ""


#: Figures stated twice with different values (from the notes "conflicts with … at l. …").
STATED_TWICE: tuple[Noted, ...] = (
    Noted("002-4624-a", "002-5301-a", ("definition",),
          "samme utslippsmål for 2030: l. 4624 gir en nedre grense («minst»), l. 5301 55 %"),
    Noted("002-4626-a", "002-4638-a", ("source", "year", "definition"),
          "16 % (2021) er Statsbyggs anslag for hele bygg- og anleggssektoren, 3,5 % (2020) "
          "SSBs direkte utslipp fra næringen"),
)


def noted_checks() -> list[CheckResult]:
    """The checks of the recorded inconsistencies (see the module docstring); an entry whose
    figures are not in the stated_figures data at hand is left out."""
    out = []
    for n in STATED_TWICE:
        try:
            out.append(check_twice(n.figure_id, n.other_id, differs=n.differs, why=n.why))
        except UnknownFigure:
            continue
    # "småkraftverk opptil 10 kW" (l. 5515): the document's own classes put minikraftverk at
    # 100–1000 kW (l. 5517), so the upper limit for småkraftverk must lie above 1000 kW
    try:
        mini = stated("002-5517-b")
        out.append(check(
            "002-5515-a", mini.value,
            f"må ligge over øvre grense for minikraftverk ({mini.printed} kW, l. {mini.lines}); "
            "enheten er trolig feil (MW, ikke kW)",
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
