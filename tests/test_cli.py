"""The CLI, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json

from conftest import FIXTURES, play_json, run_cli


def test_list_shows_shipped_scenarios():
    proc = run_cli("list", "--lang", "en")
    assert proc.returncode == 0
    assert "shrunken-sweater" in proc.stdout and "The shrunken sweater" in proc.stdout


def test_lang_before_the_command_and_after_it():
    # `litige --lang en` used to be refused ("invalid choice"): only the subcommands took it.
    env = {"LITIGE_LANG": ""}
    assert "The shrunken sweater" in run_cli("--lang", "en", "list", env=env).stdout   # kept, not reset
    assert "The shrunken sweater" in run_cli("list", "--lang", "en", env=env).stdout
    french = run_cli("list", env=env)
    assert french.returncode == 0 and "The shrunken sweater" not in french.stdout
    assert "The shrunken sweater" in run_cli("list", env={"LITIGE_LANG": "en"}).stdout
    bad = run_cli("--lang", "de", "list", env=env)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_play_prints_transcript_and_debrief_naming_principles():
    proc = run_cli("play", str(FIXTURES / "loop-timer.yaml"), "--choices", "2,2", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Customer: The customer is furious." in out
    assert "→ Calm down." in out
    assert "violated" in out and "[courtesy]" in out
    assert "missed" in out and "[listen]" in out
    assert "Not passed" in out


def test_play_json_contract():
    data = play_json(str(FIXTURES / "loop-timer.yaml"), "1,t,1,1")
    assert data["scenario"] == "loop-timer"
    assert data["ending"] == {"node": "won", "outcome": "won"}
    assert data["score"] == {"raw": 4, "best": 4, "scaled": 100.0, "exact": True}
    assert data["passed"] is True
    assert data["principles"]["apologize"] == "mastered"
    assert [s["chosen"] for s in data["steps"]] == ["listen", None, "1", "options"]
    assert data["steps"][1]["timed_out"] is True


def test_play_shipped_by_id():
    data = play_json("shrunken-sweater", "3,2,4,1,3,2")
    assert data["scenario"] == "shrunken-sweater"
    assert data["ending"] == {"node": "fin-fidele", "outcome": "won"}
    assert data["passed"] is True and data["principles"]["no-blame"] == "mastered"


def test_out_of_range_and_short_scripts_exit_2_with_a_message():
    proc = run_cli("play", str(FIXTURES / "loop-timer.yaml"), "--choices", "7")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("litige: error: step 1: choice 7 is out of range at node 'hello': pick 1 to 2")
    proc = run_cli("play", str(FIXTURES / "loop-timer.yaml"), "--choices", "1")
    assert proc.returncode == 2 and "stop before an ending" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_scenario_is_one_line():
    proc = run_cli("play", "shrunken-sweter", "--choices", "1")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'shrunken-sweater'" in lines[0]


def test_bad_yaml_given_to_play_is_located_not_a_traceback():
    proc = run_cli("play", str(FIXTURES / "broken" / "missing-next.yaml"), "--choices", "1")
    assert proc.returncode == 1
    assert "missing-next.yaml:10:15: error: next names no node" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_check_strict_turns_warnings_into_errors(tmp_path):
    f = tmp_path / "w.yaml"
    f.write_text("""format: litige/1
id: w
title: {fr: t}
start: a
nodes:
  a:
    text: hi
    choices:
      - {text: x, next: e, applies: [listen], feedback: ok}
  orphan:
    text: nobody comes here
    choices: [{text: x, next: e}]
  e:
    text: bye
    ending: {outcome: won, title: e}
""")
    proc = run_cli("check", str(f))
    assert proc.returncode == 0
    assert ":10:3: warning: node 'orphan' is never reached" in proc.stdout
    proc = run_cli("check", "--strict", str(f))
    assert proc.returncode == 1 and ":10:3: error: node 'orphan'" in proc.stdout
    proc = run_cli("check", "--lang", "en", str(f))
    assert "title has no 'en' translation" in proc.stdout


def test_check_missing_path():
    proc = run_cli("check", "nope.yaml")
    assert proc.returncode == 1 and "no such file" in proc.stderr
