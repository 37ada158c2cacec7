"""pyproject.toml and environment.yml list the same runtime dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: PyPI name → conda-forge name where they differ.
CONDA_NAMES: dict[str, str] = {}


def split(requirement: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", requirement)
    assert m, f"cannot parse requirement {requirement!r}"
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def conda() -> list:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]


def test_same_packages_and_versions():
    pip_deps = dict(split(r) for r in pyproject()["dependencies"])
    expected = {CONDA_NAMES.get(n, n): spec for n, spec in pip_deps.items()}
    listed = dict(split(d) for d in conda() if isinstance(d, str) and not d.startswith(
        ("python", "pip")))
    assert listed == expected


def test_same_python_and_project_installed_with_dev_extra():
    deps = conda()
    py = [d for d in deps if isinstance(d, str) and d.startswith("python")]
    assert py == ["python" + pyproject()["requires-python"].replace(" ", "")]
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    # the same extras as `make venv` (and so CI): the Dask executor's tests run there too
    assert "-e .[dev,cluster]" in pip_section
    assert "-e '.[dev,cluster]'" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_dask_is_only_an_extra():
    # the default install stays lean; `build --executor dask` asks for the cluster extra
    runtime = {split(r)[0] for r in pyproject()["dependencies"]}
    assert not runtime & {"dask", "distributed"}
    cluster = pyproject()["optional-dependencies"]["cluster"]
    assert any(r.replace(" ", "").startswith("dask[distributed]") for r in cluster)


def test_jupyterlab_is_only_an_extra():
    # jupyter_server (pulled in by JupyterLab) adds about a second to every papermill run.
    runtime = {split(r)[0] for r in pyproject()["dependencies"]}
    assert not runtime & {"jupyterlab", "jupyter-server", "notebook", "jupyter"}
    assert any(split(r)[0] == "jupyterlab" for r in pyproject()["optional-dependencies"]["lab"])
