"""`litige new`: the commented starter scenario passes `check --strict`, validates against the
schema written beside it, plays, and shows every part of the format."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import run_cli

from simulator.format.loader import load


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_starter_passes_check_strict(tmp_path, lang):
    proc = run_cli("new", "my-story", "--lang", lang, "--out", str(tmp_path / "stories"))
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "stories" / "my-story.yaml"
    assert proc.stdout.strip() == str(path)
    check = run_cli("check", "--strict", "--lang", lang, "--json", str(path))
    assert check.returncode == 0, check.stdout
    report = json.loads(check.stdout)
    assert report["errors"] == 0 and report["warnings"] == 0
    # the schema its first line points to is there, and the file validates against it
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./litige.schema.json\n")
    schema = json.loads((tmp_path / "stories" / "litige.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text))) == []
    # it shows every part of the format
    s = load(path)
    assert s.id == "my-story" and s.lang == lang and s.meters and s.flags
    assert {n.ending.outcome for n in s.nodes.values() if n.ending} == {"won", "kept", "lost"}
    assert any(n.time_limit for n in s.nodes.values())
    assert any(c.when for n in s.nodes.values() for c in n.choices)
    assert any(c.violates for n in s.nodes.values() for c in n.choices)
    assert s.customer.name and s.customer.description and len(s.variants) == 2
    assert all(m.moods for m in s.meters.values())
    # the play command its comments suggest works
    play = run_cli("play", str(path), "--choices", "2,3", "--json")
    assert play.returncode == 0 and json.loads(play.stdout)["ending"]["outcome"] == "won"


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path):
    assert run_cli("new", "story", "--out", str(tmp_path)).returncode == 0
    before = (tmp_path / "story.yaml").read_text(encoding="utf-8")
    proc = run_cli("new", "story", "--out", str(tmp_path), "--lang", "en")
    assert proc.returncode == 2 and "already exists" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "story.yaml").read_text(encoding="utf-8") == before
    proc = run_cli("new", "My_Story", "--out", str(tmp_path))
    assert proc.returncode == 2 and "must be a slug" in proc.stderr
    assert not (tmp_path / "My_Story.yaml").exists()


def test_new_keeps_an_existing_schema_file(tmp_path):
    (tmp_path / "litige.schema.json").write_text("{}", encoding="utf-8")
    assert run_cli("new", "story", "--out", str(tmp_path)).returncode == 0
    assert (tmp_path / "litige.schema.json").read_text(encoding="utf-8") == "{}"
