"""The build's plan: declarations checked for every selected set, the validator run only on the
sets whose reports will be rebuilt, and every problem raised before anything runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.pipeline import plan, rebuild
from helpers.pipeline.config import ConfigError, load_config

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline"
CALLS: list[dict] = []


def note_call(params: dict) -> None:
    """The collection's validator in these tests: counts its calls, rejects n == 4."""
    CALLS.append(params)
    if params["n"] == 4:
        raise ValueError("n = 4 is not a combination this report can show")


@pytest.fixture
def collection(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE, tmp_path / "coll")
    config = tmp_path / "coll" / "reports.yaml"
    text = config.read_text(encoding="utf-8").replace(
        '    title: "Testrapport for rørledningen"\n',
        f'    title: "Testrapport for rørledningen"\n    validator: {__name__}:note_call\n')
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("INDUSTRIRAPPORTER_DATA", str(tmp_path / "coll" / "data"))
    CALLS.clear()
    return load_config(config)


def plans_for(collection, out: Path, force: bool = False) -> list[plan.ReportPlan]:
    declared = plan.declared_sets(collection, ["hello"])
    return plan.plan_reports(declared, out, ("html",), {"show_code": False},
                             rebuild.KeyContext(), force)


def pretend_built(report: plan.ReportPlan) -> None:
    """A provenance record under the current key, as a build would leave it."""
    from helpers.pipeline import provenance as prov

    report.out_dir.mkdir(parents=True)
    (report.out_dir / "page.html").write_text("<p>x</p>", encoding="utf-8")
    record = {"rebuild_key": rebuild.rebuild_key(report.components),
              "key_components": report.components, "files": {"html": "page.html"}}
    (report.out_dir / prov.FILENAME).write_text(prov.dumps(record), encoding="utf-8")


def test_loading_the_config_and_declaring_sets_does_not_run_the_validator(collection, tmp_path):
    plans = plans_for(collection, tmp_path / "out")
    assert CALLS == []
    assert [(p.label, p.stale) for p in plans] == [("hello:small", True), ("hello:large", True)]


def test_only_the_sets_to_rebuild_are_validated(collection, tmp_path):
    out = tmp_path / "out"
    small, _ = plans_for(collection, out)
    pretend_built(small)
    plans = plans_for(collection, out)
    assert [(p.label, p.stale) for p in plans] == [("hello:small", False), ("hello:large", True)]
    plan.check_sets([p for p in plans if p.stale])
    assert [c["n"] for c in CALLS] == [5]
    forced = plans_for(collection, out, force=True)
    plan.check_sets([p for p in forced if p.stale])
    assert [c["n"] for c in CALLS] == [5, 2, 5]


def test_every_rejected_set_is_named_at_once(collection, tmp_path):
    sets = collection.notebooks["hello"].sets
    sets.update({"four": {"n": 4}, "also_four": {"n": 4, "flag": True}})
    plans = plans_for(collection, tmp_path / "out")
    with pytest.raises(ConfigError) as caught:
        plan.check_sets(plans)
    message = str(caught.value)
    assert "(set 'four'): n = 4 is not a combination" in message
    assert "(set 'also_four'): n = 4 is not a combination" in message
    assert "set 'small'" not in message


def test_a_validator_that_does_not_exist_is_refused_when_the_config_is_read(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "coll")
    config = tmp_path / "coll" / "reports.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '    title: "Rapport som kan feile"\n',
        '    title: "Rapport som kan feile"\n    validator: helpers.nowhere:check\n'),
        encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot import validator 'helpers.nowhere:check'"):
        load_config(config)
