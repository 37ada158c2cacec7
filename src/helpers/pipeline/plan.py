"""Which reports a build runs: every selected parameter set checked against its declaration,
its rebuild key compared with the last build's, and the notebook's validator run on the sets
whose reports will be rebuilt (a report that is up to date was validated by the build that
made it, under the same code, data and parameters). All problems are raised at once
(``ConfigError``), before anything runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.pipeline import inputs as report_inputs
from helpers.pipeline import provenance as prov
from helpers.pipeline import rebuild
from helpers.pipeline.config import (
    Collection,
    ConfigError,
    NotebookConfig,
    check_notebook_file,
    parse_selection,
)
from helpers.pipeline.paths import inside


@dataclass
class ReportPlan:
    """One selected report: its parameters, the last build's record and the key now."""

    nb: NotebookConfig
    set_name: str
    params: dict[str, Any]
    out_dir: Path
    old: dict[str, Any] | None
    inputs: dict[str, Any] | None
    components: dict[str, str]
    stale: bool

    @property
    def label(self) -> str:
        return f"{self.nb.name}:{self.set_name}"

    @property
    def reason(self) -> str:
        """Why it is rebuilt: the key components that changed."""
        return ", ".join(rebuild.changed((self.old or {}).get("key_components"),
                                         self.components))


def declared_sets(collection: Collection,
                  selection: Sequence[str]) -> list[tuple[NotebookConfig, str, dict]]:
    """Every selected (notebook, set) with its parameters checked against the declaration
    (not yet the validator: ``check_sets``); all problems at once."""
    problems: list[str] = []
    planned = []
    checked_files: set[str] = set()
    for nb_name, set_name in parse_selection(collection, list(selection)):
        nb = collection.notebook(nb_name)
        if nb_name not in checked_files:
            checked_files.add(nb_name)
            try:
                check_notebook_file(nb)
            except ConfigError as exc:
                problems.append(str(exc))
        try:
            planned.append((nb, set_name, nb.params_for(set_name, validate=False)))
        except ConfigError as exc:
            problems.append(str(exc))
    _raise(problems)
    return planned


def plan_reports(declared: list[tuple[NotebookConfig, str, dict]], out: Path,
                 formats: tuple[str, ...], render: dict[str, Any],
                 context: rebuild.KeyContext, force: bool) -> list[ReportPlan]:
    """Each declared set's report under ``out``, stale when forced, never built, or built
    under another key or without one of ``formats``."""
    plans = []
    theme_datasets: dict[str, tuple[str, ...]] = {}  # reading a theme's declaration parses it
    for nb, set_name, params in declared:
        out_dir = inside(out, nb.name, set_name)
        old = prov.load(out_dir)
        old_comps = (old or {}).get("key_components")
        uses_external = bool(old_comps and "external_data" in old_comps)
        if nb.name not in theme_datasets:
            theme_datasets[nb.name] = report_inputs.declared_for(nb.name)
        inputs = previous_inputs(old, theme_datasets[nb.name])
        comps = context.components(nb.path, params, render, uses_external, inputs=inputs)
        up_to_date = (
            not force and old is not None
            and old.get("rebuild_key") == rebuild.rebuild_key(comps)
            and all((out_dir / old.get("files", {}).get(f, "-")).is_file() for f in formats)
        )
        plans.append(ReportPlan(nb, set_name, params, out_dir, old, inputs, comps,
                                stale=not up_to_date))
    return plans


def check_sets(plans: Sequence[ReportPlan]) -> None:
    """Run the validators on the given reports' parameters; all problems at once."""
    problems: list[str] = []
    for plan in plans:
        try:
            plan.nb.check_set(plan.set_name, plan.params)
        except ConfigError as exc:
            problems.append(str(exc))
    _raise(problems)


def previous_inputs(old: dict[str, Any] | None,
                    declared: Sequence[str]) -> dict[str, Any] | None:
    """What the last build of this report read, plus what its theme declares now."""
    if not old or not isinstance(old.get("inputs"), dict):
        return None
    datasets = sorted(set(old["inputs"].get("datasets", [])) | set(declared))
    return {"data": old["inputs"].get("data", []), "datasets": datasets}


def _raise(problems: list[str]) -> None:
    if problems:
        raise ConfigError("\n".join(dict.fromkeys(problems)))
