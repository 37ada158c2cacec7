"""Parameter declarations, validation and command-line literal parsing.

papermill itself validates nothing (``-p n abc`` for an int runs and exits 0; unknown names only
warn), so every value is checked here against the notebook's declaration in ``reports.yaml``
before any kernel starts. Command-line values are parsed with ``ast.literal_eval``: never
evaluated as code.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (float, int),
    "str": (str,),
    "bool": (bool,),
    "list": (list,),
}
_SPEC_KEYS = {"type", "default", "allowed", "min", "max", "nullable", "description", "label",
              "value_labels", "title_phrase", "empty_label", "value_text"}


class ParameterError(ValueError):
    """A parameter value or set does not match the notebook's declaration."""


class DeclarationError(ValueError):
    """A parameter declaration in the config is itself unusable."""


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter: type, default, allowed values or range, description."""

    name: str
    type: str
    default: Any
    description: str
    allowed: tuple[Any, ...] | None = None
    min: float | None = None
    max: float | None = None
    nullable: bool = False
    #: What readers see on the title page (Norwegian), and readers' names for coded values.
    label: str = ""
    value_labels: tuple[tuple[Any, str], ...] = ()
    #: What the report's title adds when a set gives this parameter another value than the
    #: default: Norwegian words with ``{}`` for the reader's value ("beløp i {}"); "" = nothing.
    title_phrase: str = ""
    #: What an empty list means, for readers ("alle i verdikjeden"); "" = "ingen".
    empty_label: str = ""
    #: ``module:function`` called with a value (not None, not in ``value_labels``) that returns
    #: what readers see instead of it, e.g. a file's description instead of its path; "" = none.
    value_text: str = ""

    def title_words(self, value: Any) -> str:
        """The words this parameter adds to a report's title: its ``title_phrase`` with the
        reader's value when ``value`` differs from the default, else ""."""
        if not self.title_phrase or value == self.default:
            return ""
        return self.title_phrase.replace("{}", self.reader_value(value))

    def empty_text(self) -> str:
        """What readers see for an empty list."""
        return self.empty_label or "ingen"

    def reader_label(self) -> str:
        """The parameter's name for readers: its ``label``, else its name with spaces."""
        return self.label or self.name.replace("_", " ")

    def reader_value(self, value: Any) -> str:
        """A value as readers see it: its entry in ``value_labels``, else the value itself."""
        labels = dict(self.value_labels)
        if isinstance(value, list):
            return ", ".join(str(labels.get(v, v)) for v in value) or self.empty_text()
        if value is None:
            return str(labels.get(None, "ingen"))
        if self.value_text and value not in labels:
            describe = load_validator(self.value_text, f"parameter {self.name}",
                                      what="value_text")
            return str(describe(value))
        return str(labels.get(value, value))

    def describe_allowed(self) -> str:
        """What values this parameter accepts, for error messages and ``list``."""
        if self.allowed is not None:
            text = "one of " + ", ".join(repr(a) for a in self.allowed)
            if self.type == "list":
                text = "a list of items that are each " + text
        else:
            text = {"int": "an integer", "float": "a number", "str": "a string",
                    "bool": "True or False", "list": "a list of strings"}[self.type]
            if self.min is not None and self.max is not None:
                text += f" from {self.min} to {self.max}"
            elif self.min is not None:
                text += f" >= {self.min}"
            elif self.max is not None:
                text += f" <= {self.max}"
        if self.nullable:
            text += " (or None)"
        return text


def parse_spec(notebook: str, name: str, raw: Any) -> ParamSpec:
    """Build a ``ParamSpec`` from its YAML mapping; the declaration's own default is validated."""
    where = f"notebook {notebook!r}, parameter {name!r}"
    if not name.isidentifier():
        raise DeclarationError(f"{where}: the name must be a Python identifier")
    if not isinstance(raw, Mapping):
        raise DeclarationError(f"{where}: the declaration must be a mapping, got {raw!r}")
    unknown = set(raw) - _SPEC_KEYS
    if unknown:
        raise DeclarationError(
            f"{where}: unknown key(s) {sorted(unknown)}; allowed keys: {sorted(_SPEC_KEYS)}"
        )
    ptype = raw.get("type")
    if ptype not in TYPES:
        raise DeclarationError(f"{where}: type {ptype!r} is not one of {sorted(TYPES)}")
    for key in ("default", "description"):
        if key not in raw:
            raise DeclarationError(f"{where}: the declaration lacks {key!r}")
    allowed = raw.get("allowed")
    if allowed is not None and (not isinstance(allowed, list) or not allowed):
        raise DeclarationError(f"{where}: 'allowed' must be a non-empty list, got {allowed!r}")
    for key in ("min", "max"):
        bound = raw.get(key)
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float)):
            raise DeclarationError(f"{where}: {key!r} must be a number, got {bound!r}")
    label = raw.get("label", "")
    if not isinstance(label, str):
        raise DeclarationError(f"{where}: 'label' must be a string, got {label!r}")
    value_labels = raw.get("value_labels") or {}
    if not isinstance(value_labels, Mapping) or not all(
            isinstance(v, str) for v in value_labels.values()):
        raise DeclarationError(
            f"{where}: 'value_labels' must map values to readers' labels (strings)")
    empty_label = raw.get("empty_label", "")
    if not isinstance(empty_label, str) or (empty_label and raw.get("type") != "list"):
        raise DeclarationError(
            f"{where}: 'empty_label' must be a string, for a list parameter only")
    title_phrase = raw.get("title_phrase", "")
    if not isinstance(title_phrase, str) or (title_phrase and "{}" not in title_phrase):
        raise DeclarationError(
            f"{where}: 'title_phrase' must be a string with {{}} for the value, "
            f"got {title_phrase!r}")
    value_text = raw.get("value_text", "")
    if not isinstance(value_text, str):
        raise DeclarationError(f"{where}: 'value_text' must be a 'module:function' string")
    if value_text:
        check_validator_reference(value_text, notebook, what="value_text")
    spec = ParamSpec(
        name=name,
        type=ptype,
        default=raw["default"],
        description=str(raw["description"]),
        allowed=tuple(allowed) if allowed is not None else None,
        min=raw.get("min"),
        max=raw.get("max"),
        nullable=bool(raw.get("nullable", False)),
        label=label,
        value_labels=tuple(value_labels.items()),
        title_phrase=title_phrase,
        empty_label=empty_label,
        value_text=value_text,
    )
    try:
        object.__setattr__(spec, "default", check_value(spec, spec.default, notebook))
    except ParameterError as exc:
        raise DeclarationError(f"the default is invalid: {exc}") from None
    return spec


def _type_ok(spec: ParamSpec, value: Any) -> bool:
    # bool is an int subclass in Python; True must not pass as an int or float.
    if isinstance(value, bool) and spec.type != "bool":
        return False
    if not isinstance(value, TYPES[spec.type]):
        return False
    if spec.type == "list":
        return all(isinstance(v, str) for v in value)
    if spec.type == "float":
        return math.isfinite(value)
    return True


def check_value(spec: ParamSpec, value: Any, notebook: str, label: str = "") -> Any:
    """Return ``value`` (an int is widened for a float parameter) or raise ``ParameterError``
    naming the notebook (and ``label``, e.g. "set 'x'"), the parameter, the value given and
    what is allowed."""
    given = value
    where = f" ({label})" if label else ""

    def fail(reason: str) -> ParameterError:
        return ParameterError(
            f"notebook {notebook!r}{where}, parameter {spec.name!r}: value {given!r} {reason}; "
            f"allowed: {spec.describe_allowed()}"
        )

    if value is None:
        if spec.nullable:
            return None
        raise fail("is None but the parameter is not nullable")
    if not _type_ok(spec, value):
        raise fail(f"has the wrong type (expected {spec.type}, got {type(value).__name__})")
    if spec.type == "float":
        value = float(value)
    items = value if spec.type == "list" else [value]
    if spec.allowed is not None:
        bad = [v for v in items if v not in spec.allowed]
        if bad:
            raise fail("is not an allowed value" if spec.type != "list"
                       else f"contains {', '.join(map(repr, bad))} which is not allowed")
    if spec.min is not None and spec.type in ("int", "float") and value < spec.min:
        raise fail(f"is below the minimum {spec.min}")
    if spec.max is not None and spec.type in ("int", "float") and value > spec.max:
        raise fail(f"is above the maximum {spec.max}")
    return list(value) if spec.type == "list" else value


def parse_cli_value(spec: ParamSpec, text: str) -> Any:
    """Parse a ``-p NAME VALUE`` string as a Python literal, guided by the declared type.

    A bare word for a ``str`` parameter is taken as written (``-p county Akershus``); a ``list``
    parameter also accepts comma-separated words (``-p materials Li,Co``); ``None``/``null``
    means None. Nothing is evaluated as code.
    """
    stripped = text.strip()
    if stripped in ("None", "null"):
        return None
    if spec.type == "bool" and stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    try:
        value = ast.literal_eval(stripped)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        value = _NOT_A_LITERAL
    if spec.type == "str" and not isinstance(value, str):
        return text
    if spec.type == "list" and value is _NOT_A_LITERAL:
        return [part.strip() for part in stripped.split(",") if part.strip()]
    if spec.type == "list" and isinstance(value, tuple):
        return list(value)
    return text if value is _NOT_A_LITERAL else value


_NOT_A_LITERAL = object()


@dataclass
class Declaration:
    """A notebook's parameter declarations plus its optional combination validator."""

    notebook: str
    specs: dict[str, ParamSpec] = field(default_factory=dict)
    validator: str | None = None

    def defaults(self) -> dict[str, Any]:
        return {name: spec.default for name, spec in self.specs.items()}

    def resolve(self, overrides: Mapping[str, Any], label: str = "", *,
                validate: bool = True) -> dict[str, Any]:
        """Defaults updated with ``overrides``, every value checked; then the validator (unless
        ``validate`` is false: see ``check_combination``).

        ``label`` (e.g. "set 'akershus'") is added to messages so the user finds the culprit.
        """
        where = f" ({label})" if label else ""
        unknown = [k for k in overrides if k not in self.specs]
        if unknown:
            known = ", ".join(self.specs) or "(none)"
            raise ParameterError(
                f"notebook {self.notebook!r}{where}: unknown parameter {unknown[0]!r} "
                f"(value {overrides[unknown[0]]!r}); declared parameters: {known}"
            )
        params = self.defaults()
        for name, value in overrides.items():
            params[name] = check_value(self.specs[name], value, self.notebook, label)
        if validate:
            self.check_combination(params, label)
        return params

    def check_combination(self, params: Mapping[str, Any], label: str = "") -> None:
        """Run the notebook's validator (if any) on resolved ``params``: ``ParameterError``
        for a combination that makes no sense, ``DeclarationError`` for a bad reference."""
        if not self.validator:
            return
        where = f" ({label})" if label else ""
        func = load_validator(self.validator, self.notebook)
        try:
            func(dict(params))
        except ValueError as exc:
            shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
            reason = str(exc).removeprefix(f"notebook {self.notebook!r}: ")
            raise ParameterError(
                f"notebook {self.notebook!r}{where}: {reason} (checked by {self.validator}; "
                f"parameters with defaults filled in: {shown})"
            ) from None

    def parse_cli(self, pairs: list[tuple[str, str]]) -> dict[str, Any]:
        """Overrides from ``-p NAME VALUE`` pairs (unknown names are reported by ``resolve``)."""
        out: dict[str, Any] = {}
        for name, text in pairs:
            spec = self.specs.get(name)
            if spec is None:
                out[name] = text
            else:
                out[name] = parse_cli_value(spec, text)
        return out


def check_validator_reference(ref: str, notebook: str, what: str = "validator") -> None:
    """A ``module:function`` reference whose module exists, without importing it (a theme's
    package is heavy; it is imported when a parameter set is validated)."""
    module_name, _, func_name = ref.partition(":")
    if not module_name or not func_name:
        raise DeclarationError(
            f"notebook {notebook!r}: {what} {ref!r} must have the form 'module:function'"
        )
    try:
        found = importlib.util.find_spec(module_name)
    except (ImportError, ValueError) as exc:
        found, why = None, str(exc)
    else:
        why = f"No module named {module_name!r}"
    if found is None:
        raise DeclarationError(f"notebook {notebook!r}: cannot import {what} {ref!r}: {why}")


def load_validator(ref: str, notebook: str,
                   what: str = "validator") -> Callable[..., Any]:
    """Import ``module:function``; a bad reference is a declaration error naming the notebook."""
    module_name, _, func_name = ref.partition(":")
    if not module_name or not func_name:
        raise DeclarationError(
            f"notebook {notebook!r}: {what} {ref!r} must have the form 'module:function'"
        )
    try:
        module = importlib.import_module(module_name)
        func = getattr(module, func_name)
    except (ImportError, AttributeError) as exc:
        raise DeclarationError(
            f"notebook {notebook!r}: cannot import {what} {ref!r}: {exc}"
        ) from None
    if not callable(func):
        raise DeclarationError(f"notebook {notebook!r}: {what} {ref!r} is not callable")
    return func
