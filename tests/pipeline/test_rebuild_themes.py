"""Rebuild keys per theme: a report's key covers the shared helpers and its own theme package,
not the other themes and not ``sources/``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import helpers
from helpers.pipeline import rebuild
from helpers.pipeline.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A copy of the real helpers package that the key is computed from."""
    pkg = tmp_path / "helpers"
    shutil.copytree(Path(helpers.__file__).resolve().parent, pkg,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(helpers, "__file__", str(pkg / "__init__.py"))
    return pkg


def _keys() -> dict[str, str]:
    """The rebuild key of every notebook of the collection (default parameters)."""
    ctx = rebuild.KeyContext()
    collection = load_config(ROOT / "reports.yaml")
    return {name: rebuild.rebuild_key(ctx.components(nb.path, {}, {}))
            for name, nb in collection.notebooks.items()}


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def test_every_theme_notebook_has_its_theme_package():
    collection = load_config(ROOT / "reports.yaml")
    themes = {p.name for p in (Path(helpers.__file__).parent / "themes").iterdir()
              if (p / "__init__.py").is_file()}
    assert themes <= {nb.path.stem for nb in collection.notebooks.values()}
    for name in themes:
        assert rebuild.theme_packages(name) == [name]
    assert rebuild.theme_packages("document_checks") == sorted(themes)


def test_editing_one_theme_rebuilds_only_its_reports_and_the_audit(package):
    before = _keys()
    with (package / "themes" / "process_industry" / "__init__.py").open("a") as f:
        f.write("\n# edited\n")
    assert _changed(before, _keys()) == {"process_industry", "document_checks"}


def test_a_new_module_in_a_theme_counts_for_that_theme(package):
    before = _keys()
    (package / "themes" / "smart_specialisation" / "clusters.py").write_text("X = 1\n")
    assert _changed(before, _keys()) == {"smart_specialisation", "document_checks"}


def test_sources_change_no_report(package):
    before = _keys()
    with (package / "sources" / "ssb.py").open("a") as f:
        f.write("\n# edited\n")
    assert _changed(before, _keys()) == set()


@pytest.mark.parametrize("shared", ["core/formatting.py", "methods/growth.py", "checks/tables.py",
                                    "templates/industrirapport/index.html.j2"])
def test_shared_code_rebuilds_every_report(package, shared):
    before = _keys()
    with (package / shared).open("a") as f:
        f.write("\n")
    assert _changed(before, _keys()) == set(before)
