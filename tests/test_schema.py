"""`litige schema`: a JSON Schema (draft 2020-12) of litige/1 that accepts every valid scenario
and rejects the broken fixtures a schema can see; the others are `litige check`'s alone."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, run_cli

import scenarios
from simulator.authoring.schema import build_schema, packaged_schema, packaged_schema_path, schema_text
from simulator.format import guards
from simulator.format.loader import TOP_OPTIONAL, TOP_REQUIRED
from simulator.format.node_reader import CHOICE_KEYS, ENDING_KEYS, NODE_KEYS

BROKEN = FIXTURES / "broken"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the parser the game itself uses

# broken fixture → where the schema reports it
SCHEMA_REJECTS = {
    "unknown-key.yaml": ["nodes", "a", "choices", 0],
    "choice-and-ending.yaml": ["nodes", "a"],
    "too-many-choices.yaml": ["nodes", "a", "choices"],
    "bad-guard.yaml": ["nodes", "a", "choices", 0, "when"],
    "unknown-principle.yaml": ["nodes", "a", "choices", 0, "applies", 0],
    "ending-time-limit.yaml": ["nodes", "fin"],
    "non-text-when.yaml": ["nodes", "a", "choices", 0, "when"],
    "bad-outcome.yaml": ["nodes", "fin", "ending", "outcome"],
    "empty-choices.yaml": ["nodes", "a", "choices"],
}
# broken fixture → why a schema cannot see it (docs/authoring.md says the same)
ONLY_CHECK_SEES = {
    "missing-next.yaml": "a `next` naming no node: references between nodes",
    "unknown-meter.yaml": "a meter the scenario does not declare: references to its own meters",
    "alias.yaml": "YAML anchors and aliases: the parsed data no longer shows them",
    "duplicate-key.yaml": "a duplicate key: the parser keeps one of the two",
    "oversized.yaml": "the file's size",
    "syntax-error.yaml": "YAML syntax: there is no data to validate",
    "custom-tag.yaml": "a YAML tag: a safe parser refuses it before any schema",
    "timeout-missing-node.yaml": "an `on_timeout` naming no node: references between nodes",
    "duplicate-choice-id.yaml": "a choice id used twice in a node: unique values of one field across a list",
    "applies-and-violates.yaml": "a principle both applied and violated by one choice: a relation between two lists",
}


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(packaged_schema())


def data_of(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def test_packaged_schema_is_up_to_date_and_valid():
    assert packaged_schema_path().read_text(encoding="utf-8") == schema_text(build_schema()), \
        "the packaged schema is stale (the format or the catalogue changed): run `python -m simulator.authoring.schema`"
    schema = packaged_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_knows_every_key_of_the_format():
    schema = packaged_schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(TOP_REQUIRED + TOP_OPTIONAL)
    assert set(schema["required"]) == set(TOP_REQUIRED)
    assert set(defs["node"]["properties"]) == set(NODE_KEYS)
    assert set(defs["choice"]["properties"]) == set(CHOICE_KEYS)
    assert set(defs["ending"]["properties"]) == set(ENDING_KEYS)


VALID = [*scenarios.shipped(), FIXTURES / "loop-timer.yaml", *sorted((FIXTURES / "lint").glob("*.yaml"))]


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_scenarios_validate(path):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data_of(path))]
    assert errors == []


def test_every_broken_fixture_is_classified():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted({**SCHEMA_REJECTS, **ONLY_CHECK_SEES})


@pytest.mark.parametrize("name", sorted(SCHEMA_REJECTS))
def test_schema_rejects_broken_fixture(name):
    errors = list(validator().iter_errors(data_of(BROKEN / name)))
    assert errors, f"{name} passed the schema"
    assert [list(e.absolute_path) for e in errors] == [SCHEMA_REJECTS[name]]


@pytest.mark.parametrize("name", sorted(ONLY_CHECK_SEES))
def test_what_only_check_sees(name):
    """These pass the schema (or never reach it): `litige check` is what catches them."""
    try:
        data = data_of(BROKEN / name)
    except yaml.YAMLError:
        assert name in ("syntax-error.yaml", "custom-tag.yaml")
    else:
        assert list(validator().iter_errors(data)) == []
    proc = run_cli("check", "-q", str(BROKEN / name))
    assert proc.returncode == 1 and ": error: " in proc.stdout


GUARDS_OK = ["trust >= 50", "listened", "not listened", "trust >= 50 and listened", "(a or b) and not c",
             "not (trust < 10 or calm)", "trust==-5", "x_1-y != +3", "((a))"]
GUARDS_BAD = ["trust >= and calm", "trust >=", "and a", "a b", "trust > 5 5", "", "a or", "50 > trust", "a && b"]


def test_guard_pattern_agrees_with_the_parser():
    pattern = re.compile(packaged_schema()["$defs"]["choice"]["properties"]["when"]["pattern"])
    for g in GUARDS_OK:
        guards.parse(g)
        assert pattern.search(g), g
    for g in GUARDS_BAD:
        with pytest.raises(guards.GuardSyntaxError):
            guards.parse(g)
        assert not pattern.search(g), g


def test_own_principles_lift_the_catalogue_restriction():
    text = """format: litige/1
id: own
title: Propre principe
principles:
  - {id: smile, name: Sourire}
start: a
nodes:
  a:
    text: Bonjour.
    choices: [{text: Sourire., next: fin, applies: [smile], feedback: Bien.}]
  fin:
    text: Fin.
    ending: {outcome: won, title: Fin}
"""
    assert list(validator().iter_errors(yaml.load(text, Loader=LOADER))) == []
    assert list(validator().iter_errors(yaml.load(text.replace("principles:\n  - {id: smile, name: Sourire}\n", ""),
                                                  Loader=LOADER)))


def test_cli_schema(tmp_path):
    proc = run_cli("schema")
    assert proc.returncode == 0 and json.loads(proc.stdout) == packaged_schema()
    out = tmp_path / "litige.schema.json"
    assert run_cli("schema", "--out", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == packaged_schema()
