"""The CLI, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT, play_json, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st


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
    assert data["score"] == {"raw": 4, "max": 4, "min": 0, "scaled": 100.0, "rules": "2026-12"}
    assert data["variant"] is None and data["passed"] is True
    # hello is judged at its first visit only; silence offers one answer: not judged
    assert [(d["node"], d["judged"], d["credit"]) for d in data["decisions"]] == [
        ("hello", True, 1.0), ("hello", False, None), ("silence", False, None), ("offer", True, 1.0)]
    assert [(d["value"], d["best"], d["worst"]) for d in data["decisions"]] == [(1, 1, -1), (0, 1, -1), (2, 2, 2), (2, 2, 0)]
    assert data["principles"]["apologize"] == "mastered"
    assert [s["chosen"] for s in data["steps"]] == ["listen", None, "1", "options"]
    assert data["steps"][1]["timed_out"] is True


def test_play_shipped_by_id():
    """The best play `check` finds for a shipped story, played by its id, wins at 100."""
    summary = json.loads(run_cli("check", "--json", "scenarios/shrunken-sweater.yaml").stdout)["files"][0]["summary"]
    choices, _, variant = summary["score"]["best_play"].partition(" --variant ")
    data = play_json("shrunken-sweater", choices, *(["--variant", variant] if variant else []))
    assert data["scenario"] == "shrunken-sweater" and data["variant"] == (variant or None)
    assert data["ending"]["outcome"] == "won" and data["score"]["scaled"] == 100.0
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
    proc = run_cli("play", str(FIXTURES / "broken" / "missing-next.yaml"), "--choices", "1", env={"LITIGE_LANG": "en"})
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
    proc = run_cli("check", str(f), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0
    assert ":10:3: warning: node 'orphan' is never reached" in proc.stdout
    proc = run_cli("check", "--strict", str(f), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1 and ":10:3: error: node 'orphan'" in proc.stdout
    proc = run_cli("check", "--lang", "en", str(f), env={"LITIGE_LANG": "en"})
    assert "title has no 'en' translation" in proc.stdout


def test_check_missing_path():
    proc = run_cli("check", "nope.yaml", env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1 and "no such file" in proc.stderr


def test_check_empty_folder_and_missing_path_are_one_line_errors(tmp_path):
    proc = run_cli("check", str(tmp_path), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"{tmp_path}: error: no scenario file (.yaml or .yml) in this folder"]
    proc = run_cli("check", str(tmp_path / "nope"), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{tmp_path / 'nope'}: error: no such file or folder"]


def test_empty_item_in_choices_is_an_error():
    for script, n in (("1,,2", 2), ("1,2,", 3), (",1", 1)):
        proc = run_cli("play", str(FIXTURES / "loop-timer.yaml"), "--choices", script)
        assert proc.returncode == 2, script
        assert proc.stderr.strip() == (f"litige: error: choice {n} of {script!r} is empty: write numbers "
                                       "separated by single commas, such as 2,1,3")


MARKUP = """format: litige/1
id: markup
title: "[bold red]Titre[/]"
start: a
nodes:
  a:
    text: "[blink]Bonjour[/blink] [link=http://x]ici[/link]"
    choices:
      - {text: "[b]Oui[/b]", next: e}
  e:
    ending: {outcome: won, title: "[i]Fin[/i]", text: "Au revoir [bold]"}
"""


def test_play_shows_markup_literally(tmp_path):
    f = tmp_path / "markup.yaml"
    f.write_text(MARKUP, encoding="utf-8")
    proc = run_cli("play", str(f), "--choices", "1")
    assert proc.returncode == 0, proc.stderr
    for literal in ("== [bold red]Titre[/] ==", "[blink]Bonjour[/blink] [link=http://x]ici[/link]",
                    "→ [b]Oui[/b]", "Au revoir [bold]", "[i]Fin[/i]"):
        assert literal in proc.stdout, literal


def test_control_characters_from_the_database_are_shown_escaped(tmp_path):
    """Defence in depth: text that does not come from a scenario file (a trainee's name) is
    printed with its control characters as visible escapes."""
    db = str(tmp_path / "r.db")
    name = "Eve\x1b]0;pwned\x07\u202e"
    proc = run_cli("play", str(FIXTURES / "loop-timer.yaml"), "--choices", "1,t,1,1", "--db", db,
                   "--trainee", name)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("history", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\u202e" not in proc.stdout
    # escaped first, then clipped to the trainee column's 18 characters like any name (the
    # column keeps its width); the whole escaped name: tests/test_output_names.py
    assert "Eve\\u001b]0;pwned…" in proc.stdout, proc.stdout
    proc = run_cli("history", "--db", db, "--json")
    assert json.loads(proc.stdout)[0]["trainee"] == name  # escapes that JSON reads back as they were


# -- the game's quick command-line reading (cli.parse_args) ---------------------------------------

def outcome(parse, argv: list[str]) -> tuple:
    """What a parse gives: its namespace, or how it exits and what it prints."""
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return ("args", sorted(vars(parse(argv)).items(), key=lambda kv: kv[0]))
    except SystemExit as exc:
        return ("exit", exc.code, out.getvalue(), err.getvalue())


TOKENS = ["--lang", "en", "fr", "xx", "--db", "x.db", "--db=y.db", "--no-timers", "--no-tim", "--participant",
          "--scenario", "wrong-bed", "--lang=en", "list", "-h", "--help", "--he", "--", "-x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=5))
def test_the_quick_reading_gives_what_the_full_parser_gives(argv):
    from simulator.cli import main as cli
    assert outcome(cli.parse_args, argv) == outcome(lambda a: cli.build_parser().parse_args(a), argv)


def test_the_game_is_started_without_importing_the_commands():
    probe = ("import sys\nfrom simulator.cli import main as cli\nargs = cli.parse_args(sys.argv[1:])\n"
             "print(args.handler.__name__, sorted(m for m in sys.modules if m.startswith('simulator.cli.commands.')))")
    game = subprocess.run([sys.executable, "-c", probe, "--lang", "en", "--no-timers"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert game.stdout.split(None, 1) == ["cmd_tui", "[]\n"], game.stderr
    listing = subprocess.run([sys.executable, "-c", probe, "list"], capture_output=True, text=True, cwd=ROOT,
                             timeout=60)
    assert listing.stdout.startswith("cmd_list ['simulator.cli.commands."), listing.stderr
