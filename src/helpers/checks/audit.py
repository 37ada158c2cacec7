"""The collection audit: every theme's ``document_checks()`` gathered into one table, with
the themes that could not deliver theirs, the inconsistencies the data notes record
(``consistency``), and the main findings that open the audit report."""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.checks.printed import ChecksError
from helpers.checks.stated_figures import document_name, document_titles
from helpers.checks.tables import summary, table
from helpers.checks.verdicts import CheckKind, CheckResult, Verdict, ordered
from helpers.core.formatting import count_word

#: Method texts by which themes not yet using ``check_twice`` mark a figure stated twice
#: (compared with the same figure elsewhere in the document, not recomputed).
STATED_TWICE_HOW = ("samme størrelse oppgitt på", "samme tall oppgitt på", "som l. ")

#: The audit page's document parameter for every document.
ALL_DOCUMENTS = "alle"

#: Theme modules whose ``document_checks()`` make up the collection-wide audit.
THEME_MODULES: tuple[str, ...] = (
    "helpers.themes.process_industry",
    "helpers.themes.smart_specialisation",
    "helpers.themes.critical_value_chains",
    "helpers.themes.manufacturing_strategy",
)


@dataclass(frozen=True)
class ModuleFailure:
    """A theme module whose checks could not be collected."""

    module: str
    error: str
    detail: str = ""


@dataclass
class Audit:
    """Every check of the collection, and the modules that could not deliver theirs."""

    results: list[CheckResult] = field(default_factory=list)
    failures: list[ModuleFailure] = field(default_factory=list)

    def table(self, document: str | None = None) -> pd.DataFrame:
        """The report table (see ``table``) with a ``modul`` column, optionally one document;
        errors in the document first, then differences, then the rest."""
        chosen = ordered(r for r in self.results
                         if document in (None, ALL_DOCUMENTS) or r.document == document)
        frame = table(chosen)
        frame.insert(0, "modul", [r.module for r in chosen])
        return frame

    def summary(self) -> pd.DataFrame:
        return summary(self.results)

    def failures_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"modul": f.module, "feil": f.error} for f in self.failures], columns=["modul", "feil"]
        )


def across_documents(results: Sequence[CheckResult], *, verdict: bool = True) -> pd.DataFrame:
    """The report table for checks from several documents, one column narrower: the document's
    short title stands in the ``hvor`` column ("Smart spesialisering i Viken og Akershus,
    kap. 2.1 «…»"), so a table with every column still fits the page. ``verdict=False``
    leaves the verdict out (a table of one class)."""
    frame = table(results)
    frame["hvor"] = [f"{document_name(d)}, {w}" if w else document_name(d)
                     for d, w in zip(frame["dokument"], frame["hvor"], strict=True)]
    frame = frame.drop(columns=["dokument"])
    return frame if verdict else frame.drop(columns=["vurdering"])


def _kind_from_how(r: CheckResult) -> CheckResult:
    """A theme's comparison of a figure with the same figure stated elsewhere, made with
    ``check`` and a method text such as "samme størrelse oppgitt på l. 56", counted as
    stated twice (``check_twice`` does this itself)."""
    if r.check_kind is CheckKind.RECOMPUTED and r.how.startswith(STATED_TWICE_HOW):
        return replace(r, check_kind=CheckKind.STATED_TWICE)
    return r


def collect_all(modules: Sequence[str] = THEME_MODULES, *, noted: bool | None = None) -> Audit:
    """Run ``document_checks()`` of every theme module and gather the results.

    A module that cannot be imported, lacks ``document_checks``, raises, or returns something
    other than CheckResults becomes a ``ModuleFailure`` instead of stopping the audit. With
    ``noted`` (default: when collecting every theme) the inconsistencies the data notes record
    (``consistency.noted_checks``) are added, unless a theme already checks the same pair.
    """
    if noted is None:
        noted = tuple(modules) == THEME_MODULES
    audit = Audit()
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            missing = exc.name == name or (exc.name and name.startswith(exc.name + "."))
            why = "modulen finnes ikke ennå" if missing else f"importfeil: {exc}"
            audit.failures.append(ModuleFailure(name, why, traceback.format_exc()))
            continue
        except Exception as exc:  # a broken module must not stop the audit of the others
            audit.failures.append(
                ModuleFailure(name, f"importfeil: {type(exc).__name__}: {exc}",
                              traceback.format_exc())
            )
            continue
        func = getattr(module, "document_checks", None)
        if not callable(func):
            audit.failures.append(ModuleFailure(name, "modulen har ingen document_checks()"))
            continue
        try:
            results = list(func())
        except Exception as exc:
            audit.failures.append(
                ModuleFailure(name, f"document_checks() feilet: {type(exc).__name__}: {exc}",
                              traceback.format_exc())
            )
            continue
        bad = [r for r in results if not isinstance(r, CheckResult)]
        if bad:
            audit.failures.append(
                ModuleFailure(name, f"document_checks() ga {len(bad)} objekt(er) som ikke er "
                              f"CheckResult (f.eks. {type(bad[0]).__name__})")
            )
        audit.results.extend(_kind_from_how(replace(r, module=name))
                             for r in results if isinstance(r, CheckResult))
    if noted:
        from helpers.checks import consistency

        extra = consistency.not_already_checked(consistency.noted_checks(), audit.results)
        audit.results.extend(replace(r, module="helpers.checks.consistency") for r in extra)
    return audit


def documents_to_show(audit: Audit, document: str = ALL_DOCUMENTS) -> list[str]:
    """The documents whose checks the audit page shows: ``document`` or every document that
    has checks, in order. Raises ``ChecksError`` for a value that is neither "alle" nor one of
    the documents in ``document_titles()``."""
    choices = (ALL_DOCUMENTS, *sorted(document_titles()))
    if document not in choices:
        raise ChecksError(f"document must be one of {', '.join(choices)}; got {document!r}")
    if document != ALL_DOCUMENTS:
        return [document]
    return sorted({r.document for r in audit.results})


def verdict_counts(results: Sequence[CheckResult]) -> dict[Verdict, int]:
    """How many results have each verdict (every verdict present)."""
    counts = dict.fromkeys(Verdict, 0)
    for r in results:
        counts[r.verdict] += 1
    return counts


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def document_finding_text(document: str, title: str, results: Sequence[CheckResult]) -> str:
    """One sentence per document for the audit's Hovedfunn: errors, differences, agreements
    (how many only because a number is stated twice) and what cannot be checked; classes
    with no checks are left out."""
    c = verdict_counts(results)
    twice_ok = sum(1 for r in results if r.ok and r.check_kind is CheckKind.STATED_TWICE)
    agree = c[Verdict.AGREES] + c[Verdict.AGREES_WITHIN_ROUNDING]
    within = c[Verdict.AGREES_WITHIN_ROUNDING]
    detail = [f"{within} innenfor avrunding"] if within else []
    if twice_ok:
        detail.append(f"{twice_ok} bare samme tall to steder")
    parts = []
    if c[Verdict.DISAGREES]:
        parts.append(_count(c[Verdict.DISAGREES], "feil", "feil"))
    if c[Verdict.DIFFERS]:
        parts.append(f"{c[Verdict.DIFFERS]} avvik")
    if agree:
        parts.append(f"{agree} stemmer" + (f" ({', '.join(detail)})" if detail else ""))
    if c[Verdict.CANNOT_CHECK]:
        parts.append(f"{c[Verdict.CANNOT_CHECK]} kan ikke kontrolleres")
    listed = ", ".join(parts[:-1]) + (f" og {parts[-1]}" if len(parts) > 1 else parts[-1])
    name = title or document_name(document)
    return f"{name}: {len(results)} kontroller; {listed}."


def _names(titles: Sequence[str]) -> str:
    quoted = [f"«{t}»" for t in titles]
    return ", ".join(quoted[:-1]) + f" og {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def introduction(audit: Audit, documents: Sequence[str]) -> str:
    """The audit report's opening paragraph, counted from the checks: how many documents have
    checked figures, and which of the collection's documents have none (when every document
    is shown)."""
    with_checks = [d for d in documents if any(r.document == d for r in audit.results)]
    n = len(with_checks)
    if n == 1:
        which = f"dokumentet «{document_name(with_checks[0])}»"
    else:
        which = f"de {count_word(n)} dokumentene"
    text = (f"Rapporten samler kontrollene av tall som {which} oppgir i teksten, og sorterer dem "
            "slik at de virkelige feilene kommer først, deretter avvikene som skyldes at tallene "
            "bygger på ulik kilde, ulikt år eller ulik definisjon, og til slutt resten.")
    checked = {r.document for r in audit.results}
    without = [d for d in sorted(document_titles()) if d not in checked]
    if len(documents) > 1 and without:
        names = _names([document_name(d) for d in without])
        text += (f" {names} har ingen tall som er kontrollert, og står derfor ikke i "
                 "rapporten.")
    return text


#: Section anchors of the audit report (its notebook's headings use them).
ANCHOR_ERRORS = "feil"
ANCHOR_DIFFERENCES = "avvik"
ANCHOR_OVERVIEW = "oversikt"


def document_anchor(document: str) -> str:
    return f"dokument-{document}"


def findings(audit: Audit, documents: Sequence[str]) -> list:
    """The audit report's Hovedfunn: the errors and differences over all chosen documents,
    how many agreements only confirm a number stated twice, and one sentence per document
    (``report.Finding`` objects linking to their sections)."""
    from helpers.core.report import Finding

    chosen = [r for r in audit.results if r.document in documents]
    c = verdict_counts(chosen)
    agree = c[Verdict.AGREES] + c[Verdict.AGREES_WITHIN_ROUNDING]
    twice = sum(1 for r in chosen if r.ok and r.check_kind is CheckKind.STATED_TWICE)
    n = len(documents)
    docs = "dokumentet" if n == 1 else f"de {count_word(n)} dokumentene"
    out = [
        Finding(f"Av {len(chosen)} kontrollerte tall i {docs} er "
                f"{_count(c[Verdict.DISAGREES], 'feil', 'feil')} i dokumentene selv; "
                f"{c[Verdict.DIFFERS]} avvik skyldes ulik kilde, år eller definisjon.",
                ANCHOR_ERRORS, "Feil i dokumentene"),
        Finding(f"{agree} tall stemmer, {c[Verdict.AGREES_WITHIN_ROUNDING]} av dem innenfor "
                f"avrunding; {twice} av dem bekrefter bare at samme tall står to steder, og "
                f"{c[Verdict.CANNOT_CHECK]} kan ikke kontrolleres.",
                ANCHOR_OVERVIEW, "Oversikt"),
    ]
    for doc in documents:
        rows = [r for r in chosen if r.document == doc]
        if rows:
            # the sentence names the document, so the link need not repeat it
            out.append(Finding(document_finding_text(doc, document_name(doc), rows),
                               document_anchor(doc), "dokumentets kontroller"))
    return out


def short_title(title: str) -> str:
    """The title without the publisher in parentheses ("Status for norsk prosessindustri
    2024")."""
    return title.split(" (")[0].strip()


def document_heading(document: str) -> str:
    """The heading of a document's section in the audit report: its short title."""
    return document_name(document)
