"""docs/authoring.md: its worked scenario passes `check --strict` (in both languages), what the
guide says about it is true, and its principles table is the catalogue's."""

from __future__ import annotations

import json
import re
import shlex
import shutil

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
    assert summary["score"]["best_play"] == "2,1,3,2,1" and summary["score"]["best"] == 100
    assert summary["plays"]["unbounded"] is True
    best = play_json(str(scenario_file), "2,1,3,2,1")
    assert best["ending"]["outcome"] == "won" and best["score"]["scaled"] == 100 and best["passed"]
    assert (best["score"]["raw"], best["score"]["max"]) == (21, 21)
    # every play reaching the won ending scores 81 or more, as the guide says
    won = summary["score"]["endings"]["fin-fidele"]
    assert won["lo"] == 81.0 and play_json(str(scenario_file), won["lo_play"])["score"]["scaled"] == 81.0
    # freezing at the time limit, then owning it: still playable to the end
    assert play_json(str(scenario_file), "2,t,1,3,2,2")["ending"]["outcome"] == "kept"


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


README = ROOT / "README.md"


def sh_commands(markdown: str) -> list[list[str]]:
    """The `litige …` lines of the ```sh blocks, comments removed, as argument lists."""
    out = []
    for block in re.findall(r"^```sh\n(.*?)^```", markdown, re.S | re.M):
        for line in block.splitlines():
            line = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
            if line.startswith("litige "):
                assert not re.search(r"&&|\||[<>;]", line), f"keep the guide's commands one command each: {line}"
                out.append(shlex.split(line)[1:])
    return out


def readme_writing_block() -> str:
    section = README.read_text(encoding="utf-8").split("## Writing scenarios", 1)[1]
    return section.split("\n## ", 1)[0]


@pytest.mark.parametrize("doc", ["docs/authoring.md", "README.md"])
def test_the_commands_shown_work_in_sequence_on_a_fresh_starter(tmp_path, doc):
    """Every `litige` line of the guide's (or the README's "Writing scenarios") shell blocks, run
    in order in an empty folder as a trainer would follow them: the `new` line writes the
    my-story.yaml the others use; `stories/` is a folder of finished scenarios (the shipped
    ones); `preview` opens the game and is only checked to accept its arguments."""
    text = readme_writing_block() if doc == "README.md" else GUIDE.read_text(encoding="utf-8")
    commands = sh_commands(text)
    assert commands and commands[0][:2] == ["new", "my-story"], "the commands start with `litige new my-story`"
    assert any(c[0] == "check" for c in commands)
    shutil.copytree(ROOT / "scenarios", tmp_path / "stories", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for args in commands:
        where = f"{doc}: litige {' '.join(args)}"
        if args[0] == "preview":
            assert (tmp_path / args[1]).exists(), where
            continue
        proc = run_cli(*args, cwd=tmp_path)
        pictures = [a for a in args if a.endswith((".svg", ".png", ".pdf"))]
        if pictures and shutil.which("dot") is None:
            assert proc.returncode == 2 and "needs Graphviz's `dot` program" in proc.stderr, where
            continue
        assert proc.returncode == 0, f"{where}\n{proc.stdout[-2000:]}{proc.stderr}"
        assert "Traceback" not in proc.stderr, where
        for name in [*pictures, *(a for a in args if a.endswith((".md", ".dot", ".json")))]:
            assert (tmp_path / name).stat().st_size > 0, f"{where}: {name} not written"
