"""The collection audit: every theme's ``document_checks()`` gathered into one table, with
the themes that could not deliver theirs."""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.checks.printed import ChecksError
from helpers.checks.stated_figures import document_titles
from helpers.checks.tables import summary, table
from helpers.checks.verdicts import CheckResult

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
        """The report table (see ``table``) with a ``modul`` column, optionally one document."""
        chosen = [r for r in self.results
                  if document in (None, ALL_DOCUMENTS) or r.document == document]
        frame = table(chosen)
        frame.insert(0, "modul", [r.module for r in chosen])
        return frame

    def summary(self) -> pd.DataFrame:
        return summary(self.results)

    def failures_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"modul": f.module, "feil": f.error} for f in self.failures], columns=["modul", "feil"]
        )


def collect_all(modules: Sequence[str] = THEME_MODULES) -> Audit:
    """Run ``document_checks()`` of every theme module and gather the results.

    A module that cannot be imported, lacks ``document_checks``, raises, or returns something
    other than CheckResults becomes a ``ModuleFailure`` instead of stopping the audit.
    """
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
        audit.results.extend(replace(r, module=name) for r in results if isinstance(r, CheckResult))
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
