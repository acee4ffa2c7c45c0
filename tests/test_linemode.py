"""Line mode (issue 19): the pure session (simulator/game/linemode.py) against a real SQLite store, and
the terminal driver (`litige play SCENARIO`, `litige --plain`) through a pseudo-terminal (pexpect):
to an ending, resumed after SIGKILL, no escape byte at all, the same debrief as `--choices` and
the TUI."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from tui_helpers import FIXTURE, FakeClock, make_app, playing, read_ending, to_play

import scenarios
from scoring.debrief import build
from scoring.debrief_render import render_text
from simulator.format.loader import load
from simulator.game.linemode import KINDS, Event, LineSession, debrief_sections
from simulator.lang.i18n import t
from simulator.play.engine import Play
from simulator.results.store import Store

pexpect = pytest.importorskip("pexpect")

WRONG_BED = scenarios.find("wrong-bed")
TIMEOUT = 60


def kinds(events: list[Event]) -> list[str]:
    return [e.kind for e in events]


def one(events: list[Event], kind: str) -> Event:
    (e,) = [e for e in events if e.kind == kind]
    return e


def script_for(scenario, variant: str | None) -> list[int]:
    """Picks that reach an ending, varied (not always the first answer)."""
    play = Play(scenario, clock=lambda: 0.0, variant=variant, play_id="script")
    picks: list[int] = []
    while not play.finished:
        offered = play.offered()
        pick = len(picks) % len(offered)
        play.choose(pick)
        picks.append(pick + 1)
    return picks


@pytest.fixture(scope="module")
def bed():
    return load(WRONG_BED)


@pytest.fixture(scope="module")
def loop():
    return load(FIXTURE)


# -- the session -------------------------------------------------------------------------------

def test_start_gives_the_briefing_the_first_line_its_choices_and_a_prompt(bed):
    s = LineSession(bed, "en", variant=bed.variants[0].id)
    events = s.start()
    assert set(kinds(events)) <= set(KINDS)
    assert events[0] == Event("heading", bed.title.get("en"))
    assert any(e.kind == "line" and e.text.startswith("Your role: ") for e in events)
    choices = one(events, "choices")
    assert choices.items == tuple(c.text.get("en") for c in s.play.offered())
    assert events[-1].kind == "prompt" and f"1 to {len(choices.items)}" in events[-1].text
    line = [e for e in events if e.kind == "line"][-1]
    assert line.text.endswith(bed.nodes[bed.start].text.get("en"))
    assert not s.finished and s.time_left() is None


def test_keys_repeat_help_wrong_input_and_quit_with_confirmation(loop):
    s = LineSession(loop, "en")
    first = s.start()
    repeated = s.answer("r")
    tail = first[[e.kind for e in first].index("line", len(first) - 4):]
    assert repeated == tail  # the last line, its choices and the prompt, the same
    assert kinds(s.answer(" ? ")) == ["notice", "prompt"]
    wrong = s.answer("7")
    assert kinds(wrong) == ["notice", "prompt"] and "“7” is not an answer" in wrong[0].text
    assert s.play.record.steps == ()
    asked = s.answer("q")
    assert kinds(asked) == ["prompt"] and "Quit the play?" in asked[0].text
    assert kinds(s.answer("n")) == ["notice", "prompt"] and not s.finished
    s.answer("Q")
    bye = s.answer("y")
    assert s.finished and s.quit and kinds(bye) == ["notice"]
    assert s.answer("1")[0].text == t("line.over", "en")


def test_french_text_is_typeset(loop):
    s = LineSession(loop, "fr")
    events = s.start()
    assert events[-1].text.endswith("\u00a0:")  # a no-break space before the colon
    assert "Client·e\u00a0: Le client est furieux." in [e.text for e in events]
    wrong = s.answer("x")[0].text
    assert wrong.startswith("«\u202fx\u202f»")


def test_a_play_to_its_ending_is_saved_at_each_step_and_its_debrief_is_render_text(tmp_path, bed):
    variant = bed.variants[1].id
    picks = script_for(bed, variant)
    with Store.open(tmp_path / "l.db") as store:
        s = LineSession(bed, "en", store=store, trainee="Ana", variant=variant)
        s.start()
        for n, pick in enumerate(picks[:-1], 1):
            s.answer(str(pick))
            (record,) = store.unfinished("Ana")
            assert len(record.steps) == n and record.play_id == s.play.record.play_id
        events = s.answer(str(picks[-1]))
        assert s.finished and not s.quit
        (row,) = store.history("Ana")
        assert row.finished_at and not store.unfinished("Ana")
    d = one(events, "debrief")
    expected = render_text(build(bed, s.play.record, lang="en"))
    assert d.text == expected
    assert d.items[0].startswith("Debrief — ") and d.items[1].startswith(t("debrief.work_on", "en"))
    assert "\n\n".join(d.items) + "\n" == expected  # the sections, whole and in order
    assert {t(k, "en") for k in ("debrief.steps", "debrief.principles")} <= {i.splitlines()[0] for i in d.items}
    assert debrief_sections(expected, "en") == d.items


def test_quit_then_a_new_session_resumes_the_play(tmp_path, bed):
    variant = bed.variants[0].id
    picks = script_for(bed, variant)
    db = tmp_path / "l.db"
    with Store.open(db) as store:
        s = LineSession(bed, "en", store=store, trainee="Ana", variant=variant)
        s.start()
        s.answer(str(picks[0]))
        s.answer(str(picks[1]))
        s.answer("q")
        assert "saved" in s.answer("o")[0].text
        play_id = s.play.record.play_id
    with Store.open(db) as store:
        s = LineSession(bed, "en", store=store, trainee="Ana")
        events = s.start()
        assert s.resumed and s.play.record.play_id == play_id and len(s.play.record.steps) == 2
        assert t("line.resumed", "en", step=3) in [e.text for e in events]
        for pick in picks[2:]:
            s.answer(str(pick))
        assert s.finished
    expected = Play(bed, clock=lambda: 0.0, variant=variant)
    for pick in picks:
        expected.choose(pick - 1)
    assert [st.chosen for st in s.play.record.steps] == [st.chosen for st in expected.record.steps]


def test_a_play_held_by_another_live_game_is_not_resumed(tmp_path, bed):
    db = tmp_path / "l.db"
    with Store.open(db) as one_store, Store.open(db) as other_store:
        first = LineSession(bed, "en", store=one_store, trainee="Ana")
        first.start()
        first.answer("1")
        second = LineSession(bed, "en", store=other_store, trainee="Ana")
        second.start()
        assert not second.resumed and second.play.record.play_id != first.play.record.play_id
        first.close()
        second.close()
        third = LineSession(bed, "en", store=other_store, trainee="Ana")
        third.start()  # let go: the most recent free one is resumed
        assert third.resumed
        third.close()


def test_time_limits_are_off_by_default(loop):
    clock = FakeClock()
    s = LineSession(loop, "en", clock=clock)
    events = s.start()
    assert not any("seconds" in e.text for e in events) and s.time_left() is None
    clock.advance(60)
    s.answer("2")  # long after the limit: the answer counts
    assert s.play.record.steps[0].chosen == "rude"


def test_time_limits_when_asked_are_said_in_words_and_a_late_answer_is_the_timeout(loop):
    clock = FakeClock()
    s = LineSession(loop, "en", clock=clock, timers=True)
    events = s.start()
    assert t("line.time_limit", "en", seconds="10") in [e.text for e in events]
    clock.advance(4)
    assert s.time_left() == pytest.approx(6)
    assert "6 seconds" in " ".join(e.text for e in s.answer("?"))  # the help says what is left
    clock.advance(7)
    late = s.answer("2")
    assert late[0].text == t("line.time_up", "en", seconds="10")
    (step,) = s.play.record.steps
    assert step.timed_out and step.chosen is None and s.play.node.id == "silence"
    assert s.expire() == []  # no time limit at this node


def test_expire_takes_the_timeout(loop):
    clock = FakeClock()
    s = LineSession(loop, "en", clock=clock, timers=True)
    s.start()
    s.answer("1")  # listen: back to hello, a new countdown
    clock.advance(10)
    assert s.time_left() == 0
    events = s.expire()
    assert events[0].kind == "notice" and s.play.record.steps[-1].timed_out


def test_the_core_is_pure():
    code = ("import sys, time; from simulator.format.loader import load; from simulator.game.linemode import LineSession;"
            f"s = LineSession(load({str(FIXTURE)!r}), 'en'); s.start(); [s.answer(x) for x in ('2', '1')];"
            "assert s.finished;"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'));"
            "assert not bad, bad")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    source = (ROOT / "simulator" / "game" / "linemode.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(print|input)\(|sys\.std", source)


# -- the terminal, through a pseudo-terminal ---------------------------------------------------

def spawn(args: list[str], db: Path, *, no_color: bool = True) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LITIGE_LANG")}
    env.update({"PYTHONPATH": str(ROOT), "LITIGE_DB": str(db), "TERM": "xterm-256color", "COLUMNS": "80"})
    if no_color:
        env["NO_COLOR"] = "1"
    return pexpect.spawn(sys.executable, ["-m", "simulator.cli.main", *args], env=env, cwd=str(ROOT),
                         timeout=TIMEOUT, encoding=None, dimensions=(24, 80))


def prompt(lang: str = "en") -> bytes:
    return re.escape(t("line.prompt", lang, n=0).split("(")[0].encode())


def finish(child: pexpect.spawn) -> bytes:
    child.expect(pexpect.EOF)
    child.close()
    return child.before


def play_through(child: pexpect.spawn, picks: list[int], *, name: str | None = "Ana") -> bytes:
    """Drive a play: the name (when asked), each pick at its prompt; all the output."""
    out = b""
    if name is not None:
        child.expect(re.escape(t("line.name", "en").encode()))
        out += child.before + child.after
        child.sendline(name)
    for pick in picks:
        child.expect(prompt())
        out += child.before + child.after
        child.sendline(str(pick))
    return out + finish(child)


def debrief_of(output: str) -> str:
    """The debrief as printed: from its title to the end, normalised to \\n line ends."""
    text = output.replace("\r\n", "\n")
    start = text.index("Debrief — ")
    end = text.find(t("line.ended", "en"), start)
    return text[start:end if end >= 0 else None].rstrip("\n") + "\n"


@pytest.mark.timeout(240)
@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour-allowed"])
def test_litige_play_plays_to_an_ending_through_a_pty_without_escape_sequences(tmp_path, bed, no_color):
    variant = bed.variants[0].id
    picks = script_for(bed, variant)
    child = spawn(["play", "wrong-bed", "--variant", variant, "--lang", "en"], tmp_path / "l.db", no_color=no_color)
    out = play_through(child, picks)
    assert child.exitstatus == 0, out.decode(errors="replace")
    assert b"\x1b" not in out  # no escape byte at all: no colour, no cursor movement, no redraw
    text = out.decode()
    assert "The wrong bed" in text and "Debrief — The wrong bed" in text and t("line.ended", "en") in text
    with Store.open(tmp_path / "l.db") as store:
        (row,) = store.history("Ana")
        assert row.finished_at and store.get_setting("trainee") == "Ana"


@pytest.mark.timeout(240)
def test_a_play_killed_mid_play_resumes_where_it_was(tmp_path, bed):
    variant = bed.variants[1].id
    picks = script_for(bed, variant)
    db = tmp_path / "l.db"
    child = spawn(["play", "wrong-bed", "--variant", variant, "--lang", "en"], db)
    child.expect(re.escape(t("line.name", "en").encode()))
    child.sendline("Ana")
    for pick in picks[:3]:
        child.expect(prompt())
        child.sendline(str(pick))
    child.expect(prompt())  # the third step is saved before its next line is written
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    child = spawn(["play", "wrong-bed", "--lang", "en"], db)  # no variant: the saved play's own
    child.expect(re.escape(t("line.resumed", "en", step=4).encode()))  # the name is not asked again
    out = play_through(child, picks[3:], name=None)
    assert child.exitstatus == 0 and b"\x1b" not in out
    with Store.open(db) as store:
        (row,) = store.history("Ana")
        assert row.finished_at and not store.unfinished()
    expected = Play(bed, clock=lambda: 0.0, variant=variant)
    for pick in picks:
        expected.choose(pick - 1)
    assert debrief_of(out.decode()) == render_text(build(bed, replace_play_id(expected.record, row.play_id), lang="en"))


def replace_play_id(record, play_id):
    from dataclasses import replace
    return replace(record, play_id=play_id)


@pytest.mark.timeout(240)
def test_end_of_input_saves_and_quits_cleanly(tmp_path, bed):
    child = spawn(["play", "wrong-bed", "--lang", "en", "--trainee", "Ana"], tmp_path / "l.db")
    child.expect(prompt())
    child.sendline("1")
    child.expect(prompt())
    child.sendeof()
    out = finish(child)
    assert child.exitstatus == 0 and t("line.eof", "en").encode() in out and b"Traceback" not in out
    with Store.open(tmp_path / "l.db") as store:
        (record,) = store.unfinished("Ana")
        assert len(record.steps) == 1


@pytest.mark.timeout(240)
def test_litige_plain_lists_the_library_then_plays(tmp_path, bed):
    child = spawn(["--plain", "--lang", "en"], tmp_path / "l.db")
    child.expect(re.escape(t("line.name", "en").encode()))
    child.sendline("")  # anonymous, like the game's empty name field
    child.expect(re.escape(t("line.pick", "en", n=len(scenarios.shipped())).encode()))
    listing = child.before.decode()
    stories = [load(p) for p in scenarios.shipped()]
    for n, s in enumerate(stories, 1):
        assert f"  {n}. {s.title.get('en')}" in listing
    child.sendline(str(1 + [s.id for s in stories].index("wrong-bed")))
    child.expect(prompt())
    child.sendline("q")
    child.expect(re.escape(b"Quit the play?"))
    child.sendline("y")
    child.expect(re.escape(t("line.pick", "en", n=len(stories)).encode()))  # back to the list
    child.sendline("q")
    out = finish(child)
    assert child.exitstatus == 0 and t("line.bye", "en").encode() in out and b"\x1b" not in out


def test_errors_are_one_line():
    proc = run_cli("play", "no-such-story")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "unknown scenario" in proc.stderr
    proc = run_cli("play", "wrong-bed", "--json")
    assert proc.returncode == 2 and proc.stderr.strip() == "litige: error: --json needs --choices: line mode is " \
        "played interactively"


# -- the same debrief in line mode, the TUI and --choices ---------------------------------------

@pytest.mark.timeout(240)
async def test_the_same_play_gives_the_same_debrief_in_line_mode_the_tui_and_choices(tmp_path, bed):
    variant = bed.variants[0].id
    picks = script_for(bed, variant)
    # --choices
    proc = run_cli("play", "wrong-bed", "--choices", ",".join(map(str, picks)), "--variant", variant,
                   "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    choices = debrief_of(proc.stdout)
    # line mode, through a pseudo-terminal
    child = spawn(["play", "wrong-bed", "--variant", variant, "--lang", "en", "--trainee", "Ana"], tmp_path / "l.db")
    line = debrief_of(play_through(child, picks, name=None).decode())
    # the game (Pilot)
    (tmp_path / "tui").mkdir()
    app = make_app(tmp_path / "tui", [WRONG_BED], variant=variant)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_play(pilot, app)
        for pick in picks:
            assert playing(app)
            await pilot.press(str(pick))
            await pilot.pause()
        await read_ending(pilot, app)
        tui = render_text(app.screen.debrief)
        outcome = str(app.screen.query_one("#outcome").render())
    assert line == choices == tui
    score = next(ln for ln in line.splitlines() if ln.startswith("Score: "))
    assert score.split(" — ")[0] in outcome  # and the game shows that score


@pytest.mark.timeout(240)
def test_with_timers_the_time_running_out_is_said_and_taken_without_a_key(tmp_path):
    child = spawn(["play", str(FIXTURE), "--timers", "--lang", "en", "--trainee", "Ana"], tmp_path / "l.db")
    child.expect(re.escape(t("line.time_limit", "en", seconds="10").encode()))
    child.expect(prompt())
    child.expect(re.escape(t("line.time_up", "en", seconds="10").encode()), timeout=20)  # nothing typed
    child.expect(re.escape(b"Narrator: Awkward silence."))
    for _ in range(2):
        child.expect(prompt())
        child.sendline("1")
    out = finish(child)
    assert child.exitstatus == 0 and b"\x1b" not in out and t("line.ended", "en").encode() in out
    with Store.open(tmp_path / "l.db") as store:
        (row,) = store.history("Ana")
        assert row.finished_at


@pytest.mark.timeout(240)
def test_time_limits_are_off_by_default_in_the_terminal(tmp_path):
    child = spawn(["play", str(FIXTURE), "--lang", "en", "--trainee", "Ana"], tmp_path / "l.db")
    child.expect(prompt())
    assert b"seconds" not in child.before
    child.sendeof()
    finish(child)


def test_a_piped_input_plays_and_a_name_with_a_control_character_is_refused(tmp_path, loop):
    proc = run_cli("play", str(FIXTURE), "--lang", "en", input="Ana\x07\nAna\n2\n1\n",
                   env={"LITIGE_DB": str(tmp_path / "l.db")})
    assert proc.returncode == 0, proc.stderr
    assert t("tui.name_refused", "en", char="U+0007 (bell)") in proc.stdout
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and t("line.ended", "en") in proc.stdout
    with Store.open(tmp_path / "l.db") as store:
        assert store.get_setting("trainee") == "Ana"
        (row,) = store.history("Ana")
        assert row.finished_at


def test_a_play_whose_hold_cannot_be_read_is_not_resumed(tmp_path, bed, monkeypatch):
    from simulator.format.errors import LitigeError
    with Store.open(tmp_path / "l.db") as store:
        first = LineSession(bed, "en", store=store, trainee="Ana")
        first.start()
        first.answer("1")
        first.close()

        def unreadable(play_id: str) -> bool:
            raise LitigeError("seats folder unreadable")
        monkeypatch.setattr(store, "play_free", unreadable)
        second = LineSession(bed, "en", store=store, trainee="Ana")
        second.start()  # fails closed, as the game: a new play rather than two writers on one
        assert not second.resumed and second.play.record.play_id != first.play.record.play_id
        second.close()
