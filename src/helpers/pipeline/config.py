"""Read the collection config (``reports.yaml``): notebooks × named parameter sets.

Format (see the header comment of ``reports.yaml``)::

    build:                      # optional
      cell_timeout: 600         # seconds per cell
      stage_timeout: 600        # seconds HTML, PDF or publishing may go without progress
      formats: [html, pdf]
    notebooks:
      <name>:
        path: notebooks/<name>.ipynb     # relative to the config file
        title: "..."
        parameters: {<param>: {type, default, description, allowed | min/max, nullable}}
        sets: {<set>: {<param>: value, ...}}
        validator: module:function       # optional

Everything is checked here, before any kernel starts; errors are ``ConfigError`` (exit 2) and
name the config file, the notebook, the set and the parameter. A key given twice in one mapping
(a parameter, a set, a notebook) is an error naming the key and both lines.
"""

from __future__ import annotations

import ast
import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from helpers.pipeline.params import (
    Declaration,
    DeclarationError,
    ParameterError,
    check_validator_reference,
    parse_spec,
)
from helpers.pipeline.paths import UnsafeNameError, safe_name

FORMATS = ("html", "pdf")
DEFAULT_CELL_TIMEOUT = 600
DEFAULT_STAGE_TIMEOUT = 600
_NOTEBOOK_KEYS = {"path", "title", "parameters", "sets", "validator", "description"}
_BUILD_KEYS = {"cell_timeout", "stage_timeout", "formats"}


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key repeated in one mapping is an error (PyYAML
    silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
                seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: let PyYAML report it
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first given at line {first})",
                    key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                 _UniqueKeyLoader.construct_mapping)


class ConfigError(Exception):
    """The collection config, a selection or a parameter is unusable (exit status 2)."""


@dataclass
class NotebookConfig:
    name: str
    path: Path
    title: str
    declaration: Declaration
    sets: dict[str, dict[str, Any]]
    description: str = ""

    @property
    def dirname(self) -> str:
        return safe_name(self.name)

    def title_for(self, params: Mapping[str, Any]) -> str:
        """The report's title for ``params``: ``{parameter}`` placeholders filled as readers see
        the values (``value_labels``), then, after a dash, the ``title_phrase`` of every other
        parameter whose value differs from its default ("…: alle bransjer – mål i 2035, beløp
        i euro"), so each set's title says what sets it apart. A title without placeholders
        and a set of defaults give the title unchanged."""
        values = {name: spec.reader_value(params.get(name, spec.default))
                  for name, spec in self.declaration.specs.items()}
        try:
            title = self.title.format_map(values) if "{" in self.title else self.title
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"{self.name}: title {self.title!r} names an unknown parameter "
                              f"({exc}); declared: {', '.join(self.declaration.specs)}") from None
        named = {f.split("!")[0].split(":")[0] for _, f, _, _ in string.Formatter().parse(
            self.title) if f}
        words = [spec.title_words(params.get(name, spec.default))
                 for name, spec in self.declaration.specs.items() if name not in named]
        words = [w for w in words if w]
        return f"{title} \u2013 {', '.join(words)}" if words else title

    def params_for(self, set_name: str, *, validate: bool = True) -> dict[str, Any]:
        """The validated parameters of one configured set (``ConfigError`` when invalid);
        without ``validate``, checked against the declarations only (``check_set`` does the
        rest)."""
        try:
            return self.declaration.resolve(self.sets[set_name], f"set {set_name!r}",
                                            validate=validate)
        except (ParameterError, DeclarationError) as exc:
            raise ConfigError(str(exc)) from None

    def check_set(self, set_name: str, params: dict[str, Any]) -> None:
        """The validator's check of a set's resolved parameters (``ConfigError``)."""
        try:
            self.declaration.check_combination(params, f"set {set_name!r}")
        except (ParameterError, DeclarationError) as exc:
            raise ConfigError(str(exc)) from None


@dataclass
class Collection:
    path: Path
    notebooks: dict[str, NotebookConfig]
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    formats: tuple[str, ...] = FORMATS
    stage_timeout: int = DEFAULT_STAGE_TIMEOUT
    #: The report readers should start with (notebook, set), from the top-level ``start``.
    start: tuple[str, str] | None = None

    @property
    def root(self) -> Path:
        """The directory notebook paths are relative to (the config file's)."""
        return self.path.parent

    def notebook(self, name: str) -> NotebookConfig:
        if name not in self.notebooks:
            known = ", ".join(self.notebooks) or "(none)"
            raise ConfigError(f"unknown notebook {name!r} in {self.path}; known: {known}")
        return self.notebooks[name]


def load_config(path: str | Path) -> Collection:
    """Parse and check the whole config file (structure, declarations, set names)."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except OSError as exc:
        raise ConfigError(f"cannot read the config {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {_yaml_problem(exc)}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("notebooks"), dict):
        raise ConfigError(f"{path}: expected a mapping with a 'notebooks' mapping at the top")

    build = raw.get("build") or {}
    if not isinstance(build, dict) or set(build) - _BUILD_KEYS:
        raise ConfigError(f"{path}: 'build' must be a mapping with keys {sorted(_BUILD_KEYS)}")
    timeout = build.get("cell_timeout", DEFAULT_CELL_TIMEOUT)
    stage_timeout = build.get("stage_timeout", DEFAULT_STAGE_TIMEOUT)
    for key, value in (("cell_timeout", timeout), ("stage_timeout", stage_timeout)):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{path}: build.{key} must be a positive integer, got {value!r}")
    formats = tuple(build.get("formats", FORMATS))
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ConfigError(f"{path}: build.formats {bad} not among {FORMATS}")

    notebooks: dict[str, NotebookConfig] = {}
    dirnames: dict[str, str] = {}
    for name, block in raw["notebooks"].items():
        nb = _parse_notebook(path, str(name), block)
        other = dirnames.setdefault(nb.dirname, nb.name)
        if other != nb.name:
            raise ConfigError(f"{path}: notebooks {other!r} and {nb.name!r} map to one directory")
        notebooks[nb.name] = nb
    # absolute: notebook paths hang off it, and the kernels run in the notebooks' folders
    collection = Collection(path=path.absolute(), notebooks=notebooks, cell_timeout=timeout,
                            formats=formats, stage_timeout=stage_timeout)
    start = raw.get("start")
    if start is not None:
        if not isinstance(start, str) or ":" not in start:
            raise ConfigError(f"{path}: 'start' must be NOTEBOOK:SET (the report to read first), "
                              f"got {start!r}")
        collection.start = parse_selection(collection, [start])[0]
    return collection


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """"expected <block end> ... at line 4, column 4" rather than PyYAML's multi-line text."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or not problem:
        return str(exc)
    context = getattr(exc, "context", None)
    during = f" ({context})" if context else ""
    return f"{problem}{during} at line {mark.line + 1}, column {mark.column + 1}"


def _parse_notebook(cfg: Path, name: str, block: Any) -> NotebookConfig:
    where = f"{cfg}: notebook {name!r}"
    if not isinstance(block, dict):
        raise ConfigError(f"{where}: expected a mapping, got {block!r}")
    unknown = set(block) - _NOTEBOOK_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: "
                          f"{sorted(_NOTEBOOK_KEYS)}")
    for key in ("path", "title"):
        if not isinstance(block.get(key), str) or not block[key].strip():
            raise ConfigError(f"{where}: {key!r} must be a non-empty string")
    try:
        safe_name(name)
    except UnsafeNameError as exc:
        raise ConfigError(f"{where}: {exc}") from None

    params = block.get("parameters") or {}
    if not isinstance(params, dict):
        raise ConfigError(f"{where}: 'parameters' must be a mapping")
    declaration = Declaration(notebook=name, validator=block.get("validator"))
    try:
        for pname, raw in params.items():
            declaration.specs[str(pname)] = parse_spec(name, str(pname), raw)
        if declaration.validator:
            check_validator_reference(declaration.validator, name)
    except DeclarationError as exc:
        raise ConfigError(f"{cfg}: {exc}") from None

    sets = block.get("sets")
    if not isinstance(sets, dict) or not sets:
        raise ConfigError(f"{where}: 'sets' must be a mapping with at least one parameter set")
    seen: dict[str, str] = {}
    clean_sets: dict[str, dict[str, Any]] = {}
    for set_name, overrides in sets.items():
        set_name = str(set_name)
        overrides = overrides or {}
        if not isinstance(overrides, dict):
            raise ConfigError(f"{where}, set {set_name!r}: expected a mapping of parameters")
        try:
            dirname = safe_name(set_name)
        except UnsafeNameError as exc:
            raise ConfigError(f"{where}, set {set_name!r}: {exc}") from None
        if seen.setdefault(dirname, set_name) != set_name:
            raise ConfigError(f"{where}: sets {seen[dirname]!r} and {set_name!r} map to the "
                              f"same directory {dirname!r}")
        clean_sets[set_name] = overrides
    return NotebookConfig(
        name=name,
        path=(cfg.absolute().parent / block["path"]),
        title=block["title"].strip(),
        declaration=declaration,
        sets=clean_sets,
        description=str(block.get("description", "")),
    )


def parse_selection(collection: Collection, selection: list[str]) -> list[tuple[str, str]]:
    """``["nb", "nb2:set"]`` → ``[(notebook, set), ...]`` in config order; empty = everything."""
    wanted: list[tuple[str, str]] = []
    items = selection or list(collection.notebooks)
    for item in items:
        name, _, set_name = item.partition(":")
        nb = collection.notebook(name)
        if set_name:
            if set_name not in nb.sets:
                known = ", ".join(nb.sets)
                raise ConfigError(f"notebook {name!r} has no parameter set {set_name!r}; "
                                  f"configured sets: {known}")
            pairs = [(name, set_name)]
        else:
            pairs = [(name, s) for s in nb.sets]
        wanted.extend(p for p in pairs if p not in wanted)
    return wanted


def check_notebook_file(nb: NotebookConfig) -> None:
    """A notebook listed in the config must exist and be readable JSON."""
    if not nb.path.is_file():
        raise ConfigError(f"notebook {nb.name!r}: file {nb.path} listed in the config is missing")
    try:
        json.loads(nb.path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"notebook {nb.name!r}: {nb.path} is not a readable notebook: "
                          f"{exc}") from None


def notebook_defaults(path: Path) -> dict[str, Any]:
    """The literal assignments in the notebook's cell tagged ``parameters``.

    Used to check that a notebook's defaults equal its declaration in the config.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get(
            "tags", []
        ):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            out: dict[str, Any] = {}
            for node in ast.parse(source).body:
                target = None
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                elif isinstance(node, ast.AnnAssign) and node.value is not None:
                    target = node.target
                if isinstance(target, ast.Name):
                    value = node.value
                    try:
                        out[target.id] = ast.literal_eval(value)
                    except ValueError:
                        out[target.id] = ast.unparse(value)
            return out
    raise ConfigError(f"{path}: no code cell tagged 'parameters'")
