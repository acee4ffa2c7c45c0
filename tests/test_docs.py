"""docs/authoring.md: its worked scenario passes `check --strict` (in both languages), what the
guide says about it is true, and its principles table is the catalogue's."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, play_json, run_cli
from scoring.catalogue import load_catalogue

GUIDE = ROOT / "docs" / "authoring.md"


def worked_scenario() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## A complete worked scenario", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert match, "no yaml block in the worked-scenario section"
    return match.group(1)


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("guide") / "double-booking.yaml"
    path.write_text(worked_scenario(), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_worked_scenario_passes_check_strict(scenario_file, lang):
    proc = run_cli("check", "--strict", "--lang", lang, "--json", str(scenario_file))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert (data["errors"], data["warnings"]) == (0, 0)


def test_what_the_guide_says_about_it_is_true(scenario_file):
    proc = run_cli("check", "--json", str(scenario_file))
    summary = json.loads(proc.stdout)["files"][0]["summary"]
    assert summary["score"]["best_play"] == "1,1,1,1,1" and summary["score"]["best_raw"] == 15
    assert summary["plays"]["unbounded"] is True
    best = play_json(str(scenario_file), "1,1,1,1,1")
    assert best["ending"]["outcome"] == "won" and best["score"]["scaled"] == 100 and best["passed"]
    # freezing at the time limit, then owning it: still playable to the end
    assert play_json(str(scenario_file), "1,t,1,1,2")["ending"]["outcome"] == "kept"


def test_principles_table_is_the_catalogue():
    rows = re.findall(r"^\| `([a-z-]+)` \| (\d+) \| ([^|]+) \|$", GUIDE.read_text(encoding="utf-8"), re.M)
    assert [(pid, int(w), name.strip()) for pid, w, name in rows] == \
        [(p.id, p.weight, p.name.get("en")) for p in load_catalogue()]


def test_every_litige_command_the_guide_shows_exists():
    commands = set(re.findall(r"^litige ([a-z]+)", GUIDE.read_text(encoding="utf-8"), re.M))
    assert commands >= {"new", "check", "play", "graph", "preview", "schema"}
    for command in commands:
        proc = run_cli(command, "--help")
        assert proc.returncode == 0, f"litige {command}: {proc.stderr}"
