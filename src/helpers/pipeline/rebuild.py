"""The rebuild key: a report is rebuilt only when one of its inputs changed.

Inputs: the notebook file, its parameters, the shared helper source (``src/helpers/**/*.py``
except ``themes/`` and ``sources/``, plus templates and static files), the notebook's own theme
package (``themes/<notebook name>/``; every theme package for a notebook not named after one,
such as the audit page that imports them all), the data it read (``helpers.pipeline.inputs``:
the ``data/`` files in its last read log, and the external datasets it read or its theme declares
in ``STATISTICS``, each by the hash of the copy a load would read now, or "missing"; before a
first build, all of ``data/``), the dependency versions, and the render options. Each component
is hashed separately and stored in ``provenance.json`` so the build can say *what* changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import helpers
from helpers.core import data
from helpers.core.data import sha256_file
from helpers.sources import external

EXTERNAL_DIR_ENV = external.EXTERNAL_DIR_ENV
#: Distributions whose versions enter the key and the provenance (the runtime dependencies
#: of the project plus the pieces that execute and render notebooks).
KEY_DISTRIBUTIONS = (
    "pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbformat", "nbconvert", "nbclient",
    "ipykernel", "ipython", "jupyter_client", "weasyprint", "frictionless", "pyyaml", "requests",
    "tqdm", "filelock",
)
_SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def _tree_files(root: Path, exclude_dirs: Iterable[Path] = ()) -> list[Path]:
    """The files below ``root`` (sorted), without hidden files, caches and ``exclude_dirs``;
    folders are pruned whole, so a no-op build does not resolve every file."""
    if not root.is_dir() or _SKIP_PARTS & set(root.parts):
        return []
    excluded = {p.resolve() for p in exclude_dirs}
    if root.resolve() in excluded:
        return []
    out = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if d not in _SKIP_PARTS
                   and not (excluded and (Path(folder) / d).resolve() in excluded)]
        out.extend(Path(folder) / f for f in files
                   if not f.startswith(".") and os.path.isfile(os.path.join(folder, f)))
    return sorted(out)


def hash_files(paths: Iterable[Path], base: Path) -> str:
    """One hash over relative names and contents (a rename changes it too)."""
    h = hashlib.sha256()
    for path in paths:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            rel = path.as_posix()
        h.update(rel.encode() + b"\0" + sha256_file(path).encode() + b"\n")
    return h.hexdigest()


#: Subpackages outside the shared key: each theme enters only its own reports' keys, and
#: ``sources`` (getting data from outside) changes no report until the data it fetches does.
_UNSHARED = ("themes", "sources")


def _package_dir() -> Path:
    return Path(helpers.__file__).resolve().parent


def helpers_source_files() -> list[Path]:
    """The shared helper source every report depends on: Python files outside ``themes/`` and
    ``sources/``, plus the report template and stylesheet."""
    pkg = _package_dir()
    out = []
    for p in _tree_files(pkg, exclude_dirs=[pkg / name for name in _UNSHARED]):
        parts = p.relative_to(pkg).parts
        if parts[0] in _UNSHARED and len(parts) > 1:
            continue
        if p.suffix == ".py" or {"templates", "static"} & set(parts):
            out.append(p)
    return out


def helpers_source_hash() -> str:
    return hash_files(helpers_source_files(), _package_dir())


def theme_names() -> list[str]:
    """Every theme package (``helpers/themes/<name>/``)."""
    themes = _package_dir() / "themes"
    return sorted(p.name for p in themes.iterdir()
                  if p.is_dir() and (p / "__init__.py").is_file()) if themes.is_dir() else []


def theme_packages(notebook: str) -> list[str]:
    """The theme packages a notebook's report depends on: the one named like the notebook, or
    every theme package when none is (a notebook such as the audit page imports them all)."""
    names = theme_names()
    return [notebook] if notebook in names else names


def theme_source_files(notebook: str) -> list[Path]:
    """The Python source of the theme packages ``notebook`` depends on."""
    themes = _package_dir() / "themes"
    files = [p for name in theme_packages(notebook) for p in _tree_files(themes / name)]
    if (themes / "__init__.py").is_file():
        files.append(themes / "__init__.py")
    return [p for p in files if p.suffix == ".py"]


def theme_source_hash(notebook: str) -> str:
    return hash_files(theme_source_files(notebook), _package_dir())


def external_dirs() -> list[Path]:
    """Where external (downloaded, not committed) datasets live: the directories
    ``helpers.sources.external`` searches (its store, then ``$INDUSTRIRAPPORTER_EXTERNAL_DIR``)."""
    dirs = [external.store_dir(), external.env_dir()]
    return [d.resolve() for d in dirs if d is not None]


def data_hash() -> str:
    root = data.data_dir()
    return hash_files(_tree_files(root, exclude_dirs=[root / "external"]), root)


def external_hash() -> str:
    return hashlib.sha256(
        "".join(hash_files(_tree_files(d), d) for d in external_dirs()).encode()
    ).hexdigest()


def reads_external(read_files: Iterable[str | Path]) -> bool:
    """Whether any file the notebook read lies in an external-data directory."""
    dirs = external_dirs()
    for f in read_files:
        p = Path(f).resolve()
        if any(d in p.parents for d in dirs):
            return True
    return False


def dependency_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for dist in KEY_DISTRIBUTIONS:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return versions


class KeyContext:
    """The build-wide components, hashed once per build and shared by every report."""

    def __init__(self) -> None:
        self.helpers = helpers_source_hash()
        self.data = data_hash()
        self.deps = dependency_versions()
        self._external: str | None = None
        self._themes: dict[str, str] = {}
        #: external datasets' states, looked up once per build (``inputs.datasets_hash``)
        self.dataset_states: dict[str, str] = {}

    def theme(self, notebook: str) -> str:
        """The hash of the theme source the notebook depends on (once per notebook name)."""
        if notebook not in self._themes:
            self._themes[notebook] = theme_source_hash(notebook)
        return self._themes[notebook]

    @property
    def external(self) -> str:
        if self._external is None:
            self._external = external_hash()
        return self._external

    def components(
        self,
        notebook: Path,
        params: Mapping[str, Any],
        render: Mapping[str, Any],
        uses_external: bool = False,
        inputs: Mapping[str, Any] | None = None,
    ) -> dict[str, str]:
        """The key components. With ``inputs`` (what the report read, see
        ``helpers.pipeline.inputs``) ``data`` covers only those files and ``datasets`` the
        external datasets it read or needs; without, ``data`` covers all of ``data/``."""
        comps = {
            "notebook": sha256_file(notebook),
            "parameters": _digest(params),
            "helpers": self.helpers,
            "theme": self.theme(notebook.stem),
            "data": self.data,
            "dependencies": _digest(self.deps),
            "render": _digest(render),
        }
        if inputs is not None:
            from helpers.pipeline import inputs as report_inputs

            comps.update(report_inputs.key_parts(inputs, self.dataset_states))
        elif uses_external:
            comps["external_data"] = self.external
        return comps


def rebuild_key(components: Mapping[str, str]) -> str:
    return _digest(components)


def changed(old: Mapping[str, str] | None, new: Mapping[str, str]) -> list[str]:
    """Names of the components that differ (all of them when there is no previous build)."""
    if not old:
        return ["no previous build"]
    return [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]


def _digest(obj: Any) -> str:
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
