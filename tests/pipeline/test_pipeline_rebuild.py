"""The rebuild key: every input that matters changes it, nothing else does."""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers.pipeline import rebuild


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "public").mkdir(parents=True)
    (data / "public" / "a.csv").write_text("x\n1\n")
    (data / "external").mkdir()
    (data / "external" / "big.csv").write_text("y\n2\n")
    nb = tmp_path / "nb.ipynb"
    nb.write_text('{"cells": []}')
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(data))
    monkeypatch.delenv(rebuild.EXTERNAL_DIR_ENV, raising=False)
    return tmp_path, data, nb


def key(nb, params=None, render=None, external=False):
    ctx = rebuild.KeyContext()
    return rebuild.rebuild_key(ctx.components(nb, params or {"n": 1}, render or {}, external))


def test_same_inputs_same_key(inputs):
    _, _, nb = inputs
    assert key(nb) == key(nb)
    assert key(nb, {"a": 1, "b": 2}) == key(nb, {"b": 2, "a": 1})  # order does not matter


def test_notebook_parameters_render_change_the_key(inputs):
    _, _, nb = inputs
    base = key(nb)
    assert key(nb, {"n": 2}) != base
    assert key(nb, render={"show_code": True}) != base
    nb.write_text('{"cells": [1]}')
    assert key(nb) != base


def test_data_files_change_the_key_but_not_external_ones(inputs):
    _, data, nb = inputs
    base = key(nb)
    (data / "external" / "big.csv").write_text("y\n3\n")
    assert key(nb) == base  # data/external is not part of data/
    (data / "public" / "a.csv").write_text("x\n2\n")
    changed = key(nb)
    assert changed != base
    (data / "public" / "b.csv").write_text("x\n")
    assert key(nb) != changed  # a new file counts
    (data / "public" / "b.csv").rename(data / "public" / "c.csv")
    assert key(nb) != changed


def test_external_files_count_once_the_notebook_read_them(inputs, tmp_path, monkeypatch):
    _, data, nb = inputs
    ext = tmp_path / "shared_external"
    ext.mkdir()
    (ext / "wgi.csv").write_text("z\n1\n")
    monkeypatch.setenv(rebuild.EXTERNAL_DIR_ENV, str(ext))
    assert rebuild.reads_external([ext / "wgi.csv"])
    assert rebuild.reads_external([data / "external" / "big.csv"])
    assert not rebuild.reads_external([data / "public" / "a.csv"])
    before_plain, before_ext = key(nb), key(nb, external=True)
    (ext / "wgi.csv").write_text("z\n2\n")
    assert key(nb) == before_plain
    assert key(nb, external=True) != before_ext


def test_dependency_versions_change_the_key(inputs):
    _, _, nb = inputs
    ctx = rebuild.KeyContext()
    a = rebuild.rebuild_key(ctx.components(nb, {}, {}))
    ctx.deps = dict(ctx.deps, pandas="0.0.1")
    assert rebuild.rebuild_key(ctx.components(nb, {}, {})) != a
    assert set(rebuild.dependency_versions()) >= {"python", "papermill", "pandas", "weasyprint"}


def test_helper_source_and_templates_count_caches_do_not(tmp_path, monkeypatch):
    pkg = tmp_path / "helpers"
    (pkg / "templates" / "t").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "templates" / "t" / "index.html.j2").write_text("a")
    (pkg / "notes.txt").write_text("a")
    monkeypatch.setattr(helpers, "__file__", str(pkg / "__init__.py"))
    base = rebuild.helpers_source_hash()
    (pkg / "notes.txt").write_text("b")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert rebuild.helpers_source_hash() == base
    (pkg / "templates" / "t" / "index.html.j2").write_text("b")
    after_template = rebuild.helpers_source_hash()
    assert after_template != base
    (pkg / "new.py").write_text("x = 1\n")
    assert rebuild.helpers_source_hash() != after_template


def test_real_package_hash_covers_pipeline_and_template():
    pkg = Path(helpers.__file__).resolve().parent
    names = {p.relative_to(pkg).as_posix() for p in rebuild.helpers_source_files()}
    assert "pipeline/rebuild.py" in names
    assert "templates/industrirapport/index.html.j2" in names
    assert "static/report.css" in names
    assert not any(n.endswith(".pyc") for n in names)


def test_changed_names_components():
    assert rebuild.changed(None, {"a": "1"}) == ["no previous build"]
    assert rebuild.changed({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]
