"""Parameter declarations, validation and command-line literal parsing."""

from __future__ import annotations

import pytest

from helpers.pipeline.params import (
    Declaration,
    DeclarationError,
    ParameterError,
    check_value,
    parse_cli_value,
    parse_spec,
)


def spec(**raw):
    raw.setdefault("description", "test")
    return parse_spec("nb", "p", raw)


def decl(validator=None, **specs):
    d = Declaration(notebook="nb", validator=validator)
    for name, raw in specs.items():
        raw.setdefault("description", "test")
        d.specs[name] = parse_spec("nb", name, raw)
    return d


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"type": "integer", "default": 1}, "type 'integer' is not one of"),
        ({"type": "int"}, "lacks 'default'"),
        ({"type": "int", "default": "x"}, "the default is invalid"),
        ({"type": "int", "default": 1, "allowed": []}, "'allowed' must be a non-empty list"),
        ({"type": "int", "default": 1, "max": "ten"}, "'max' must be a number"),
        ({"type": "int", "default": 1, "colour": "red"}, "unknown key(s) ['colour']"),
        ({"type": "int", "default": 11, "max": 10}, "above the maximum 10"),
        ({"type": "str", "default": None}, "not nullable"),
        ({"type": "str", "default": "a", "empty_label": "alle"}, "for a list parameter only"),
    ],
)
def test_bad_declarations_are_rejected(raw, message):
    raw.setdefault("description", "test")
    with pytest.raises(DeclarationError) as err:
        parse_spec("nb", "p", raw)
    assert message in str(err.value)
    assert "'nb'" in str(err.value) and "'p'" in str(err.value)


def test_parameter_name_must_be_identifier():
    with pytest.raises(DeclarationError, match="identifier"):
        parse_spec("nb", "base-year", {"type": "int", "default": 1, "description": "x"})


@pytest.mark.parametrize(
    "raw, value, expected",
    [
        ({"type": "int", "default": 1, "min": 0, "max": 5}, 5, 5),
        ({"type": "float", "default": 0.5}, 2, 2.0),  # an int is widened for a float
        ({"type": "str", "default": "a", "allowed": ["a", "b"]}, "b", "b"),
        ({"type": "bool", "default": False}, True, True),
        ({"type": "list", "default": ["x"], "allowed": ["x", "y"]}, ["y", "x"], ["y", "x"]),
        ({"type": "str", "default": None, "nullable": True}, None, None),
    ],
)
def test_valid_values_pass(raw, value, expected):
    got = check_value(spec(**raw), value, "nb")
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    "raw, value, reason",
    [
        ({"type": "int", "default": 1}, "abc", "wrong type (expected int, got str)"),
        ({"type": "int", "default": 1}, True, "wrong type"),  # bool is not an int here
        ({"type": "int", "default": 1}, 2.5, "wrong type"),
        ({"type": "float", "default": 1.0}, float("nan"), "wrong type"),
        ({"type": "int", "default": 1, "min": 0, "max": 5}, 6, "above the maximum 5"),
        ({"type": "float", "default": 0.2, "min": 0, "max": 1}, -0.1, "below the minimum 0"),
        ({"type": "str", "default": "a", "allowed": ["a", "b"]}, "c", "not an allowed value"),
        ({"type": "list", "default": ["x"], "allowed": ["x", "y"]}, ["x", "z"], "contains 'z'"),
        ({"type": "list", "default": ["x"]}, ["x", 3], "wrong type"),
        ({"type": "bool", "default": False}, "yes", "wrong type"),
        ({"type": "int", "default": 1}, None, "not nullable"),
    ],
)
def test_invalid_values_name_notebook_parameter_value_and_allowed(raw, value, reason):
    with pytest.raises(ParameterError) as err:
        check_value(spec(**raw), value, "nb")
    text = str(err.value)
    assert reason in text
    assert text.startswith("notebook 'nb', parameter 'p': value ")
    assert repr(value) in text and "allowed: " in text


def test_message_shows_the_value_as_given_and_where_it_came_from():
    with pytest.raises(ParameterError) as err:
        check_value(spec(type="float", default=0.5, min=0, max=1), 2, "nb", "command line")
    assert str(err.value) == ("notebook 'nb' (command line), parameter 'p': value 2 is above "
                              "the maximum 1; allowed: a number from 0 to 1")


def test_describe_allowed():
    assert spec(type="int", default=2, min=1, max=3).describe_allowed() == "an integer from 1 to 3"
    assert spec(type="str", default="a", allowed=["a", "b"]).describe_allowed() == "one of 'a', 'b'"
    assert "(or None)" in spec(type="str", default=None, nullable=True).describe_allowed()


@pytest.mark.parametrize(
    "ptype, text, expected",
    [
        ("int", "2024", 2024),
        ("int", "abc", "abc"),  # left as text: validation then reports the wrong type
        ("float", "0.55", 0.55),
        ("float", "1e3", 1000.0),
        ("str", "Akershus", "Akershus"),
        ("str", "2024", "2024"),  # a str parameter keeps digits as text
        ("str", "'quoted'", "quoted"),
        ("str", "003", "003"),
        ("bool", "true", True),
        ("bool", "False", False),
        ("list", "['Li', 'Co']", ["Li", "Co"]),
        ("list", "Li,Co", ["Li", "Co"]),
        ("list", "('Li',)", ["Li"]),
        ("int", "None", None),
        ("str", "__import__('os').system('echo pwned')", "__import__('os').system('echo pwned')"),
    ],
)
def test_cli_values_are_literals_never_code(ptype, text, expected):
    defaults = {"int": 1, "float": 1.0, "str": "a", "bool": False, "list": []}
    got = parse_cli_value(spec(type=ptype, default=defaults[ptype], nullable=True), text)
    assert got == expected and type(got) is type(expected)


def test_resolve_merges_defaults_and_overrides():
    d = decl(year={"type": "int", "default": 2020, "min": 2000, "max": 2030},
             region={"type": "str", "default": "Akershus", "allowed": ["Akershus", "Viken"]})
    assert d.resolve({"year": 2024}) == {"year": 2024, "region": "Akershus"}
    assert d.resolve({}) == {"year": 2020, "region": "Akershus"}


def test_resolve_rejects_unknown_name_with_known_list_and_label():
    d = decl(year={"type": "int", "default": 2020})
    with pytest.raises(ParameterError) as err:
        d.resolve({"yaer": 2024}, "set 'x'")
    assert "notebook 'nb' (set 'x'): unknown parameter 'yaer' (value 2024)" in str(err.value)
    assert "declared parameters: year" in str(err.value)


def test_cli_pairs_parse_by_declared_type():
    d = decl(year={"type": "int", "default": 2020}, region={"type": "str", "default": "a"})
    assert d.resolve(d.parse_cli([("year", "2015"), ("region", "Viken")])) == {
        "year": 2015, "region": "Viken"}
    with pytest.raises(ParameterError, match="value 'abc' has the wrong type"):
        d.resolve(d.parse_cli([("year", "abc")]), "command line")


def check_years(params):
    if params["start"] >= params["end"]:
        raise ValueError(f"start {params['start']} must be before end {params['end']}")


def test_validator_rejects_impossible_combinations():
    d = decl(validator=f"{__name__}:check_years", start={"type": "int", "default": 2010},
             end={"type": "int", "default": 2020})
    assert d.resolve({"start": 2015}) == {"start": 2015, "end": 2020}
    with pytest.raises(ParameterError) as err:
        d.resolve({"start": 2025}, "set 'late'")
    text = str(err.value)
    assert "set 'late'" in text and "check_years" in text and "start 2025 must be before" in text


def test_bad_validator_reference_is_a_declaration_error():
    d = decl(validator="helpers.nowhere:check", a={"type": "int", "default": 1})
    with pytest.raises(DeclarationError, match="cannot import validator 'helpers.nowhere:check'"):
        d.resolve({})
    with pytest.raises(DeclarationError, match="'module:function'"):
        decl(validator="no_colon", a={"type": "int", "default": 1}).resolve({})


def test_reader_labels_come_from_the_declaration():
    from helpers.pipeline.params import DeclarationError, parse_spec

    spec = parse_spec("nb", "balassa_reference", {
        "type": "str", "default": "fylkene", "allowed": ["fylkene", "norge"],
        "description": "x", "label": "Referanseregion",
        "value_labels": {"fylkene": "fylkene samlet", "norge": "hele landet"}})
    assert spec.reader_label() == "Referanseregion"
    assert spec.reader_value("norge") == "hele landet"
    plain = parse_spec("nb", "target_year", {"type": "int", "default": 2030, "description": "x"})
    assert plain.reader_label() == "target year"
    assert plain.reader_value(2030) == "2030"
    with pytest.raises(DeclarationError, match="'value_labels' must map"):
        parse_spec("nb", "x", {"type": "int", "default": 1, "description": "x",
                               "value_labels": ["a"]})
