"""The collection config: parsing, set validation, selections, and the real reports.yaml."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from helpers.pipeline.config import (
    ConfigError,
    check_notebook_file,
    load_config,
    notebook_defaults,
    parse_selection,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "pipeline" / "reports.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reports.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """
    build: {cell_timeout: 30, formats: [html]}
    notebooks:
      demo:
        path: nb/demo.ipynb
        title: "Demo"
        parameters:
          year: {type: int, default: 2020, min: 2000, max: 2030, description: "year"}
          region: {type: str, default: a, allowed: [a, b], description: "region"}
        sets:
          standard: {}
          late: {year: 2029, region: b}
"""


def test_fixture_config_parses():
    col = load_config(FIXTURE)
    assert list(col.notebooks) == ["hello", "boom"]
    hello = col.notebook("hello")
    assert hello.title == "Testrapport for rørledningen"
    assert hello.path == FIXTURE.parent / "notebooks" / "hello.ipynb"
    assert hello.params_for("large") == {"n": 5, "label": "b", "flag": False, "pause": 0.0}
    assert col.cell_timeout == 60 and col.formats == ("html", "pdf")


def test_build_settings_and_relative_paths(tmp_path):
    col = load_config(write(tmp_path, GOOD))
    assert col.cell_timeout == 30 and col.formats == ("html",)
    assert col.notebook("demo").path == tmp_path / "nb" / "demo.ipynb"
    assert col.notebook("demo").params_for("late") == {"year": 2029, "region": "b"}


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("late: {year: 2029, region: b}", "late: {year: 2031}",
         "notebook 'demo' (set 'late'), parameter 'year': value 2031 is above the maximum 2030"),
        ("late: {year: 2029, region: b}", "late: {year: 'abc'}",
         "value 'abc' has the wrong type (expected int, got str)"),
        ("late: {year: 2029, region: b}", "late: {county: b}",
         "notebook 'demo' (set 'late'): unknown parameter 'county'"),
    ],
)
def test_invalid_set_names_notebook_set_parameter_value(tmp_path, old, new, message):
    col = load_config(write(tmp_path, GOOD.replace(old, new)))
    with pytest.raises(ConfigError) as err:
        col.notebook("demo").params_for("late")
    assert message in str(err.value)
    assert "late" in str(err.value)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('title: "Demo"', "", "'title' must be a non-empty string"),
        ("type: int", "type: integer", "type 'integer' is not one of"),
        ("standard: {}", "late-: {}", "map to the same directory 'late'"),
        ("cell_timeout: 30", "cell_timeout: -1", "cell_timeout must be a positive integer"),
        ("formats: [html]", "formats: [docx]", "build.formats ['docx']"),
        ("        sets:\n", "        colour: red\n        sets:\n", "unknown key(s) ['colour']"),
    ],
)
def test_config_errors(tmp_path, old, new, message):
    text = GOOD.replace(old, new)
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert message in str(err.value)


def test_set_names_cannot_escape_the_reports_directory(tmp_path):
    col = load_config(write(tmp_path, GOOD.replace("standard: {}", "'../../etc': {}")))
    from helpers.pipeline.paths import inside

    target = inside(tmp_path / "reports", "demo", "../../etc")
    assert target == tmp_path / "reports" / "demo" / "etc"
    assert "../../etc" in col.notebook("demo").sets


def test_not_yaml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "notebooks: [unclosed"))
    with pytest.raises(ConfigError) as err:  # where, in one line, not PyYAML's dump
        load_config(write(tmp_path, "notebooks:\n  a:\n    path: x\n   title: y\n"))
    assert str(err.value).endswith("not valid YAML: expected <block end>, but found "
                                   "'<block mapping start>' (while parsing a block mapping) "
                                   "at line 4, column 4")
    with pytest.raises(ConfigError, match="cannot read the config"):
        load_config(tmp_path / "absent.yaml")
    with pytest.raises(ConfigError, match="'notebooks' mapping"):
        load_config(write(tmp_path, "build: {}\n"))


def test_selection(tmp_path):
    col = load_config(FIXTURE)
    assert parse_selection(col, []) == [("hello", "small"), ("hello", "large"),
                                        ("boom", "standard")]
    assert parse_selection(col, ["boom", "hello:large", "boom"]) == [("boom", "standard"),
                                                                   ("hello", "large")]
    with pytest.raises(ConfigError, match="unknown notebook 'nope'.*known: hello, boom"):
        parse_selection(col, ["nope"])
    with pytest.raises(ConfigError, match="no parameter set 'medium'; configured sets: small"):
        parse_selection(col, ["hello:medium"])


def test_missing_notebook_file_is_named(tmp_path):
    col = load_config(write(tmp_path, GOOD))
    with pytest.raises(ConfigError) as err:
        check_notebook_file(col.notebook("demo"))
    assert "notebook 'demo'" in str(err.value) and "demo.ipynb" in str(err.value)
    assert "missing" in str(err.value)


def test_notebook_defaults_reads_the_parameters_cell():
    assert notebook_defaults(FIXTURE.parent / "notebooks" / "hello.ipynb") == {
        "n": 3, "label": "a", "flag": False, "pause": 0.0}


def test_fixture_notebooks_match_their_declarations():
    col = load_config(FIXTURE)
    for nb in col.notebooks.values():
        assert notebook_defaults(nb.path) == nb.declaration.defaults(), nb.name


def test_project_config_is_valid_and_notebooks_match_declarations():
    """reports.yaml parses, every set validates, and every notebook that exists has the
    declared defaults in its parameters cell (notebooks not written yet are listed only)."""
    col = load_config(ROOT / "reports.yaml")
    for nb in col.notebooks.values():
        for set_name in nb.sets:
            nb.params_for(set_name)
        if nb.path.is_file():
            assert notebook_defaults(nb.path) == nb.declaration.defaults(), (
                f"{nb.path}: the parameters cell differs from reports.yaml")


def test_title_may_name_parameters(tmp_path):
    text = GOOD.replace('title: "Demo"', 'title: "Demo for {region} in {year}"').replace(
        'allowed: [a, b], description: "region"',
        'allowed: [a, b], value_labels: {b: "Bø"}, description: "region"')
    nb = load_config(write(tmp_path, text)).notebook("demo")
    assert nb.title_for(nb.params_for("late")) == "Demo for Bø in 2029"
    assert nb.title_for(nb.params_for("standard")) == "Demo for a in 2020"
    plain = load_config(write(tmp_path, GOOD)).notebook("demo")
    assert plain.title_for({"region": "b"}) == "Demo"
    bad = load_config(write(tmp_path, GOOD.replace('title: "Demo"', 'title: "Demo {county}"')))
    with pytest.raises(ConfigError, match="county"):
        bad.notebook("demo").title_for({})


def test_title_phrases_name_what_a_set_changes(tmp_path):
    text = GOOD.replace('title: "Demo"', 'title: "Demo for {region}"').replace(
        'max: 2030, description: "year"', 'max: 2030, title_phrase: "år {}", description: "year"')
    nb = load_config(write(tmp_path, text)).notebook("demo")
    # the default year adds nothing; another year is named after a dash
    assert nb.title_for(nb.params_for("standard")) == "Demo for a"
    assert nb.title_for(nb.params_for("late")) == "Demo for b \u2013 år 2029"
    # a parameter named in the title is not repeated after the dash
    both = load_config(write(tmp_path, text.replace('"Demo for {region}"',
                                                    '"Demo for {region} in {year}"')))
    assert both.notebook("demo").title_for({"year": 2029, "region": "b"}) == "Demo for b in 2029"
    bad = text.replace('title_phrase: "år {}"', 'title_phrase: "år"')
    with pytest.raises(ConfigError, match="title_phrase"):
        load_config(write(tmp_path, bad))


def test_every_set_of_the_project_has_its_own_title():
    """Readers tell the sets apart by their titles (PDF title, running head, index page)."""
    col = load_config(ROOT / "reports.yaml")
    for nb in col.notebooks.values():
        titles = [nb.title_for(nb.params_for(s)) for s in nb.sets]
        same = {t for t in titles if titles.count(t) > 1}
        assert not same, f"{nb.name}: sets share the title(s) {sorted(same)}"
