"""The game, driven with the keyboard through Textual's Pilot, against a real SQLite store."""

from __future__ import annotations

import gc

import pytest
from conftest import play_json
from tui_helpers import (
    FIXTURE,
    FakeClock,
    make_app,
    plain,
    playing,
    read_ending,
    screen_lines,
    screen_name,
    text_of,
    to_play,
)

import scenarios
from scoring.debrief import SYMBOL
from scoring.scorer import Verdict
from simulator.format.loader import load
from simulator.lang.i18n import t
from simulator.results.store import Store
from simulator.tui.screens import BriefingScreen, DebriefScreen, HelpScreen, LibraryScreen, PlayScreen, QuitScreen

SHIPPED = scenarios.shipped()


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
async def test_every_shipped_scenario_plays_to_the_cli_verdicts(tmp_path, path):
    app = make_app(tmp_path, [path])
    picks = 0
    async with app.run_test(size=(100, 40)) as pilot:
        await to_play(pilot, app)
        while playing(app) and picks < 80:
            await pilot.press("1")
            await pilot.pause()
            picks += 1
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        result = app.screen.debrief.result
        verdicts = {pid: v.value for pid, v in result.verdicts.items()}
        ending = app.screen.play.node.id
        variant = app.screen.play.variant  # drawn by the game: the CLI plays the same one
        shown = text_of(app, "#outcome")
        table = plain(app.screen.table())
    cli = play_json(str(path), ",".join(["1"] * picks), "--lang", "en",
                    *(("--variant", variant.id) if variant else ()))
    assert cli["variant"] == (variant.id if variant else None)
    assert verdicts == cli["principles"]
    assert ending == cli["ending"]["node"]
    assert result.scaled == cli["score"]["scaled"]
    assert f"{cli['score']['scaled']:g}/100" in shown
    assert ("Passed" if cli["passed"] else "Not passed") in shown
    # the stored play is the finished one, with the same steps
    store = Store.open(tmp_path / "litige.db")
    (row,) = store.history()
    assert row.finished_at and row.scaled == cli["score"]["scaled"] and not store.unfinished()
    assert len(cli["steps"]) == picks
    for verdict in cli["principles"].values():  # each verdict shown as a symbol and a word
        assert SYMBOL[Verdict(verdict)] in table and t("verdict." + verdict, "en") in table


async def test_digits_arrows_and_mouse_pick_choices(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        play = app.screen.play
        await pilot.press("1")  # listen → back to hello, calm 50
        await pilot.pause()
        assert [s.chosen for s in play.record.steps] == ["listen"]
        assert "Calm  50/100" in str(app.screen.query_one(".meter").render())
        await pilot.press("down", "down", "enter")  # the third: fix (now offered)
        await pilot.pause()
        assert [s.chosen for s in play.record.steps] == ["listen", "fix"]
        await pilot.click("#choices", offset=(4, 1))  # the first line: options → won
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert [s.chosen for s in play.record.steps] == ["listen", "fix", "options"]


async def test_play_shows_transcript_and_no_score(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        history = " ".join(strip.text for strip in app.screen.query_one("#history").lines)
        assert "The customer is furious." in history and "I am listening." in history
        assert "Step 2" in text_of(app, "#progress")
        everything = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Score" not in everything and "/100 —" not in everything


async def test_try_again_from_here_starts_a_new_play_and_keeps_the_finished_one(tmp_path):
    # It used to rewind the finished play itself: the won play was overwritten by the retry.
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_trainee("Ana")
        await to_play(pilot, app)
        await pilot.press("2", "1")  # rude → offer, options → won
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert "Won" in text_of(app, "#outcome")
        won = app.screen.play.record
        won_score = app.screen.debrief.result.scaled
        await pilot.press("tab")  # the path list
        assert app.focused.id == "path"
        await pilot.press("down", "enter")  # step 2: offer → try again from here
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        retry = app.screen.play.record
        assert app.screen.play.node.id == "offer"
        assert [s.chosen for s in retry.steps] == ["rude"]
        assert retry.play_id != won.play_id and retry.trainee == "Ana" and retry.lang == won.lang
        await pilot.press("2")  # nothing → lost
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert "Lost" in text_of(app, "#outcome")
        lost_score = app.screen.debrief.result.scaled
        assert app.screen.play.record.play_id == retry.play_id
        assert lost_score < won_score
        await pilot.press("b")
        await pilot.pause()
        best = str(app.screen.query_one("#scenarios").get_option_at_index(0).prompt)
        assert f"Best score: {won_score:g}/100" in best
    store = Store.open(tmp_path / "litige.db")
    rows = {row.play_id: row for row in store.history("Ana")}
    assert set(rows) == {won.play_id, retry.play_id}
    assert rows[won.play_id].outcome == "won" and rows[won.play_id].scaled == won_score
    assert rows[retry.play_id].outcome == "lost" and rows[retry.play_id].scaled == lost_score
    assert [s.chosen for s in store.load_play(won.play_id).record.steps] == ["rude", "options"]
    assert [s.chosen for s in store.load_play(retry.play_id).record.steps] == ["rude", "nothing"]
    assert not store.unfinished()


async def test_replay_and_back_to_library_and_export(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("2", "1", "enter")  # the ending's line, then Enter: the debrief
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        (exported,) = (tmp_path / "debriefs").glob("loop-timer-*.md")
        assert str(exported) in text_of(app, "#exported")                 # its own line, at the top
        assert "Tab" in text_of(app, "#debrief-keys")                     # the keys hint stays
        md = exported.read_text(encoding="utf-8")
        assert md.startswith("# Debrief — Loop and timer") and "| ✗ |" in md
        first = app.screen.play.record.play_id
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and not app.screen.play.record.steps
        assert app.screen.play.record.play_id != first                    # a new play
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    outcomes = {row.play_id == first: row.outcome for row in Store.open(tmp_path / "litige.db").history()}
    assert outcomes == {True: "won", False: "lost"}                        # the first one kept


async def test_debrief_lists_what_went_wrong_with_the_better_choice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_play(pilot, app)
        await pilot.press("2", "2", "enter")  # rude, nothing; the ending's line; the debrief
        await pilot.pause()
        table = plain(app.screen.table())
        steps = text_of(app, "#steps")  # step by step: every step once, its feedback always
    assert "✗" in table and "violated" in table and "○" in table and "missed" in table
    assert "You: “Calm down.”" in steps  # English quotes in English (issue 14)
    assert "Better choice: “I am listening.”" in steps
    assert "Feedback: Curt." in steps and "Feedback: Listening calms." in steps


async def test_timer_expiry_with_a_fake_clock(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        screen = app.screen
        assert "10 s" in text_of(app, "#countdown")
        clock.advance(6.5)
        screen.tick()
        await pilot.pause()
        assert "4 s" in text_of(app, "#countdown")
        assert screen.play.node.id == "hello"
        clock.advance(3.6)
        screen.tick()
        await pilot.pause()
        assert screen.play.node.id == "silence"
        (step,) = screen.play.record.steps
        assert step.timed_out and step.chosen is None
        assert text_of(app, "#countdown") == ""  # silence has no time limit
    store = Store.open(tmp_path / "litige.db")
    (record,) = store.unfinished()
    assert record.steps[0].timed_out


async def test_an_interrupted_countdown_resumes_with_the_time_that_was_left(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1")  # listen → hello again: a fresh 10 s
        await pilot.pause()
        screen = app.screen
        assert screen.play.node.id == "hello" and "10 s" in text_of(app, "#countdown")
        clock.advance(1.0)
        screen.tick()
        assert app.store.node_seconds(screen.play.record.play_id, 1) == 0.0  # saved every 2 s, not at each tick
        clock.advance(3.5)
        screen.tick()  # the periodic save
        await pilot.pause()
        pid = screen.play.record.play_id
        assert app.store.node_seconds(pid, 1) == 4.5
        clock.advance(1.0)  # then the terminal closes before the next save: the screen's end saves it
    with Store.open(tmp_path / "litige.db") as store:
        assert store.node_seconds(pid, 1) == 5.5
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.play.node.id == "hello"
        assert text_of(app, "#countdown") == "⏱ 5 s to answer"  # 10 - 5.5 = 4.5 left, not 10
        assert any("Resumed where you were: ⏱ 5 s left" in str(n.message) for n in app._notifications)
        clock.advance(4.0)
        screen.tick()
        await pilot.pause()
        assert screen.play.node.id == "hello" and text_of(app, "#countdown") == "⏱ 1 s to answer"
        clock.advance(0.6)  # 4.6 s after resuming: the remainder ran out, not the full 10 s
        screen.tick()
        await pilot.pause()
        assert screen.play.node.id == "silence"
        assert screen.play.record.steps[-1].timed_out and len(screen.play.record.steps) == 2


async def test_a_countdown_resumed_near_its_end_still_shows_the_line(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        clock.advance(9.5)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.play.node.id == "hello"
    app = make_app(tmp_path, clock=FakeClock(), lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert text_of(app, "#countdown") == "⏱ 3\u202fs pour répondre"  # MIN_LEFT, not 0.5 s; 3 and s kept together
        assert any("⏱ 3\u202fs restantes" in str(n.message) for n in app._notifications)


async def test_a_clock_that_cannot_be_saved_is_said_once_and_the_play_goes_on(tmp_path, monkeypatch):
    from simulator.results.store import StoreError
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    calls = []

    def broken(*args):
        calls.append(args)
        raise StoreError(f"{tmp_path}/litige.db: disk I/O error")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        monkeypatch.setattr(app.store, "save_clock", broken)
        for _ in range(3):
            clock.advance(2.0)
            app.screen.tick()
        await pilot.pause()
        assert len(calls) == 3 and app.screen.play.node.id == "hello"
        said = [n for n in app._notifications if "Not saved: " in str(n.message) and "disk I/O" in str(n.message)]
        assert len(said) == 1
        monkeypatch.undo()


async def test_no_timers_turns_the_countdown_off(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, no_timers=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert text_of(app, "#countdown") == ""
        clock.advance(100)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.play.node.id == "hello"


async def test_resume_after_an_interrupted_play(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1", "3")  # listen, fix → offer
        await pilot.pause()
        assert app.screen.play.node.id == "offer"
    # the terminal closed: a new app on the same store offers to resume exactly there
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        banner = text_of(app, "#resume")
        assert "Interrupted play: Loop and timer, step 3" in banner
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        play = app.screen.play
        assert play.node.id == "offer" and play.meters == {"calm": 50}
        assert [s.chosen for s in play.record.steps] == ["listen", "fix"]
        await pilot.press("1")
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
    store = Store.open(tmp_path / "litige.db")
    assert not store.unfinished() and len(store.history()) == 1


async def test_discarding_an_interrupted_play(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1")
        await pilot.pause()
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#resume").display
        await pilot.press("x")
        await pilot.pause()
        assert not app.screen.query_one("#resume").display
    assert not Store.open(tmp_path / "litige.db").unfinished()


async def test_quit_asks_for_confirmation_during_a_play(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert "It is saved" in text_of(app, "#quit-question")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.is_running
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_ctrl_q_from_the_help_of_a_play_asks_first(tmp_path):
    # It quit at once: the help screen, not the play, was on top.
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("f1", "ctrl+q", "y")
        await pilot.pause()
    assert not app.is_running


async def test_q_quits_the_library_at_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_language_switch_and_remembered_name(tmp_path):
    app = make_app(tmp_path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Choisissez un scénario" in str(app.screen.query(".hint").first().render())
        assert "Boucle et minuteur" in str(app.screen.query_one("#scenarios").get_option_at_index(0).prompt)
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert "Pick a scenario" in str(app.screen.query(".hint").first().render())
        assert "Loop and timer" in str(app.screen.query_one("#scenarios").get_option_at_index(0).prompt)
        footer = screen_lines(app)[-1]  # the app's own keys too, each time the language changes
        assert "? help" in footer and "t timers" in footer and "aide" not in footer, footer
        await pilot.press("l")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "? aide" in footer and "t minuteurs" in footer and "help" not in footer, footer
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"Ana")  # typed into the name field: 'n' and 'a' are not shortcuts there
        await pilot.press("enter")
        await pilot.pause()
        assert app.trainee == "Ana"
        await to_play(pilot, app)
        assert "The customer is furious." in text_of(app, "#line")
    store = Store.open(tmp_path / "litige.db")
    assert store.get_setting("trainee") == "Ana" and store.get_setting("lang") == "en"
    (record,) = store.unfinished("Ana")
    assert record.lang == "en"
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#trainee").value == "Ana"


async def test_help_on_question_mark_and_f1(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await to_play(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_theme_toggle_is_remembered(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != before
        after = app.theme
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)):
        assert app.theme == after


async def palette_searched(pilot, app) -> list[str]:
    """Wait until the command palette has searched what was typed (its search worker has
    finished and its messages are handled): no guess of how long a search takes. Returns the
    prompts it lists."""
    from textual.command import CommandList
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return [str(o.prompt) for o in app.screen.query_one(CommandList).options]


async def test_command_palette_offers_the_main_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"help")
        await palette_searched(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_opens_the_room_and_escape_comes_back(tmp_path):
    from simulator.tui.room import RoomScreen
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"room")
        await palette_searched(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoomScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is before


async def test_participant_gives_a_name_then_plays_the_workshop_scenario(tmp_path):
    app = make_app(tmp_path, participant=True, start_scenario="loop-timer")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "NameScreen"
        await pilot.press(*"Zoé", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter", "1")
        await pilot.pause()
    # the browser reloaded: the same participant is taken back into their play
    app = make_app(tmp_path, participant=True, start_scenario="loop-timer")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Zoé", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert len(app.screen.play.record.steps) == 1
        assert app.screen.play.record.trainee == "Zoé"


# NO_COLOR: tests/test_tui_no_color.py (a real terminal's escape sequences: only greys)


async def test_history_lists_this_trainees_plays(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_trainee("Ana")
        await to_play(pilot, app)
        await pilot.press("2", "1", "enter")  # rude, options → won; Enter after the ending's line
        await pilot.pause()
        score = app.screen.debrief.result.scaled
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert screen_name(app) == "HistoryScreen"
        assert "History — Ana" in text_of(app, ".title")
        table = app.screen.query_one("#history-table")
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert row[1] == "Loop and timer" and row[2] == "won" and row[3] == f"{score:g}/100"
        assert row[4] in ("✓ Passed", "✗ Not passed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert f"Best score: {score:g}/100" in str(app.screen.query_one("#scenarios").get_option_at_index(0).prompt)


async def test_timers_setting_is_remembered(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.no_timers
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_timers
        await to_play(pilot, app)
        assert text_of(app, "#countdown") == ""


async def test_meters_show_their_move_in_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("2")  # rude: calm -50, clamped from 20 to 0
        await pilot.pause()
        assert app.screen.query_one(".meter").label_text() == "Calm   0/100 ▼20"
        assert str(app.screen.query_one(".meter").render()).startswith("Calm   0/100 ▼20 ")


async def test_a_store_that_fails_is_reported_and_the_play_goes_on(tmp_path, monkeypatch):
    from simulator.results.store import StoreError
    app = make_app(tmp_path)

    def broken(record):
        raise StoreError(f"{tmp_path}/litige.db: disk I/O error")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        monkeypatch.setattr(app.store, "save_play", broken)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and len(app.screen.play.record.steps) == 1
        assert any("Not saved: " in str(n.message) and "disk I/O error" in str(n.message)
                   for n in app._notifications)


async def test_transcript_keeps_the_last_step_in_view(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        for _ in range(12):                       # "listen" loops back: twelve steps, one node
            await pilot.press("1")
            await pilot.pause()
        log = app.screen.query_one("#history")
        assert len(log.entries) == 12
        assert log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y   # scrolled to the newest step
        assert "I am listening." in log.lines[-1].text
    # resumed later: the whole conversation is written at once, and shown from its end
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        log = app.screen.query_one("#history")
        assert len(log.entries) == 12 and log.max_scroll_y > 0 and log.scroll_y == log.max_scroll_y


async def test_transcript_scrolls_on_demand_and_says_there_is_more_in_symbols(tmp_path):
    # The transcript has no scrollbar widget (redrawn at every step): its last column marks
    # more above (▲) or below (▼), and it scrolls with the wheel or, focused, the keys.
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        for _ in range(12):
            await pilot.press("1")
            await pilot.pause()
        log = app.screen.query_one("#history")
        rows = [strip.text for strip in log.render_lines(log.region.reset_offset)]
        shown = rows[1:]                                          # under its top border
        assert shown[0].rstrip().endswith("▲") and not any(r.rstrip().endswith("▼") for r in shown)
        log.focus()
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y == max(0, log.max_scroll_y - 10)
        rows = [strip.text for strip in log.render_lines(log.region.reset_offset)][1:]
        assert rows[-1].rstrip().endswith("▼")
        await pilot.press("home")
        await pilot.pause()
        assert log.scroll_y == 0
        app.screen.query_one("#choices").focus()
        await pilot.press("1")                                    # a step while scrolled up stays put
        await pilot.pause()
        assert len(log.entries) == 13 and log.scroll_y == 0
        from textual.events import MouseScrollDown
        for _ in range(40):                                       # mouse wheel: back to the end, and it follows
            log.post_message(MouseScrollDown(log, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await pilot.press("1")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y and "I am listening." in log.lines[-1].text


async def test_transcript_rewraps_when_the_terminal_is_resized(tmp_path):
    story = next(p for p in SHIPPED if p.stem == "angry-comment")
    app = make_app(tmp_path, [story], variant="a-son-nom")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pick_ids(pilot, app, "reponse-type", "reprendre-en-personne")  # two steps, not an ending
        await pilot.pause()
        log = app.screen.query_one("#history")
        narrow = len(log.lines)
        assert max(strip.cell_length for strip in log.lines) <= 80
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert len(log.entries) == 2 and len(log.lines) < narrow       # the same steps, on fewer lines
        assert max(strip.cell_length for strip in log.lines) > 80
        assert sum("Narrator" in strip.text for strip in log.lines) == 1  # written once, not twice


async def test_debrief_map_marks_the_path_taken_and_exports_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1", "3", "1")  # listen → hello, fix → offer, options → won
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        debrief = app.screen
        await pilot.press("m")
        await pilot.pause()
        assert screen_name(app) == "MapScreen"
        lines = text_of(app, "#map-text").splitlines()
        taken = [ln for ln in lines if "⇒" in ln]
        assert len(taken) == 3 and all("(your choice)" in ln for ln in taken)   # symbol and words
        assert any(ln.startswith("● #hello") for ln in lines) and any(ln.startswith("○ #silence") for ln in lines)
        assert any(ln.startswith("● END · won") for ln in lines) and any(ln.startswith("○ END · lost") for ln in lines)
        await pilot.press("e")
        await pilot.pause()
        (exported,) = (tmp_path / "debriefs").glob("*-map.md")
        text = exported.read_text(encoding="utf-8")
        assert "```mermaid" in text and "stateDiagram" in text and "s_visited" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is debrief


async def test_the_language_chosen_in_the_game_is_used_on_the_next_start(tmp_path, monkeypatch):
    # `litige` used to pass $LITIGE_LANG-or-fr to the app, so the saved choice was never used.
    import os

    from simulator.cli.main import build_parser
    from simulator.game.settings import Settings
    from simulator.tui.start import build
    monkeypatch.delenv("LITIGE_LANG", raising=False)
    db = str(tmp_path / "litige.db")

    def started(*argv: str):
        store = Store.open(db)
        return build(Settings.resolve(build_parser().parse_args(["--db", db, *argv]), os.environ), store)
    app = started()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "fr" and "Choisissez un scénario" in str(app.screen.query(".hint").first().render())
        await pilot.press("escape")  # the first start: the name field has the focus; Escape leaves it
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
    app = started()                                   # as `litige` starts it: no --lang
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "en" and "Pick a scenario" in str(app.screen.query(".hint").first().render())
    assert started("--lang", "fr").lang == "fr"       # the flag first
    monkeypatch.setenv("LITIGE_LANG", "fr")
    assert started().lang == "fr"                     # then $LITIGE_LANG
    assert started("--lang", "en").lang == "en"


def shown_rows(widget) -> int:
    """How many rows of the widget the screen really shows: clipped by its containers, and
    never under the header or the footer."""
    region = widget.region
    node = widget.parent
    while node is not None and node is not widget.screen:
        region = region.intersection(node.content_region)
        node = node.parent
    top = widget.screen.query_one("Header").region.bottom
    bottom = widget.screen.query_one("Footer").region.y
    return max(0, min(region.bottom, bottom) - max(region.y, top))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
async def test_at_80x24_the_current_line_and_the_meters_are_never_cut(tmp_path, path, lang):
    # angry-comment's first line in French needed 6 rows and got 5; subcontractor-error's
    # second meter lost its bar and "/100" at 80 columns.
    for pick in ("first", "last"):
        app = make_app(tmp_path / pick, [path], lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_play(pilot, app)
            steps = 0
            while playing(app) and steps < 60:
                screen = app.screen
                line = screen.query_one("#line")
                needed = len(line.content.wrap(app.console, line.content_region.width))
                where = f"{pick} path, step {steps + 1}, node {screen.play.node.id}"
                assert line.content_region.height >= needed and shown_rows(line) >= needed, where
                choices = screen.query_one("#choices")
                assert shown_rows(choices) == choices.outer_size.height, where     # not under the footer
                assert choices.outer_size.height >= min(4, choices.virtual_size.height + 2), where
                # what does not fit is scrolled to: the list scrolls, the current line does not have to
                for meter in screen.query(".meter"):
                    label = meter.label_text()
                    assert label.endswith("/100") or "▲" in label or "▼" in label, where
                    assert str(meter.render()).startswith(label), where            # drawn whole
                    assert meter.label_width() >= len(label), where
                    assert shown_rows(meter) == 1 and meter.bar_width >= 10, where
                offered = len(screen.play.offered())
                await pilot.press("1" if pick == "first" else str(min(9, offered)))
                await pilot.pause()
                steps += 1
            await read_ending(pilot, app)
            assert isinstance(app.screen, DebriefScreen)


async def pick_ids(pilot, app, *ids: str) -> None:
    for cid in ids:
        offered = [c.id for c in app.screen.play.offered()]
        await pilot.press(str(offered.index(cid) + 1))
        await pilot.pause()


async def test_debrief_at_80x24_keeps_its_keys_quotes_once_and_scrolls_once(tmp_path):
    story = next(p for p in SHIPPED if p.stem == "angry-comment")
    app = make_app(tmp_path, [story], lang="fr", variant="a-son-nom")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        # the usual template reply, taken back in person, then a private answer that is a quotation already
        await pick_ids(pilot, app, "reponse-type", "reprendre-en-personne", "script-prive", "formulaire")
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        # a choice that is a quotation already is not quoted again (« « … » »)
        steps = text_of(app, "#steps")
        assert "Vous\u00a0: " in steps and "« «" not in steps
        # the footer keeps its last key at 80 columns (it ended in "q qui")
        assert "? aide" in screen_lines(app)[-1]
        # the path list is as tall as its steps: the debrief scrolls, not a list inside it
        path, scroll = app.screen.query_one("#path"), app.screen.query_one("#debrief")
        assert path.max_scroll_y == 0 and path.outer_size.height >= 4 * 3
        assert scroll.scroll_y == 0
        await pilot.press("tab")
        assert app.focused is path
        await pilot.press("end")
        await pilot.pause()
        option = path.virtual_region.y + path.styles.gutter.top + path._index_to_line[path.highlighted]
        assert scroll.scroll_y <= option < scroll.scroll_y + scroll.scrollable_content_region.height
        # the export says where, on its own line above the debrief; the keys hint stays
        keys_hint = text_of(app, "#debrief-keys")
        await pilot.press("e")
        await pilot.pause()
        (exported,) = (tmp_path / "debriefs").glob("*.md")
        assert str(exported) in text_of(app, "#exported").replace("\n", "")
        assert text_of(app, "#debrief-keys") == keys_hint
        assert "« «" not in exported.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_every_footer_keeps_its_help_key_at_80_columns(tmp_path, lang):
    app = make_app(tmp_path, lang=lang)
    help_key = "? " + t("tui.k.help", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for keys_ in ([], ["h"], ["escape", "enter"], ["enter", "1"], ["2", "2", "enter"], ["m"]):
            for k in keys_:
                await pilot.press(k)
                await pilot.pause()
            seen.append(screen_name(app))
            assert help_key in screen_lines(app)[-1], (screen_name(app), screen_lines(app)[-1])
        assert seen == ["LibraryScreen", "HistoryScreen", "BriefingScreen", "PlayScreen", "DebriefScreen", "MapScreen"]


async def test_language_is_not_switched_during_a_play_but_is_on_the_debrief(tmp_path):
    # From the palette during a play it mixed languages: the current line stayed English, the
    # next lines came in French, the record stayed `en`.
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"language")
        offered = await palette_searched(pilot, app)
        assert not any("Language" in o for o in offered), offered
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        app.toggle_lang()                             # asked some other way: refused, and says why
        await pilot.pause()
        assert app.lang == "en" and app.screen.play.record.lang == "en"
        assert any("not during a play" in str(n.message) for n in app._notifications)
        await pilot.press("2", "2")                   # rude, nothing → the debrief
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen) and "Lost" in text_of(app, "#outcome")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"language")
        await palette_searched(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "fr" and isinstance(app.screen, DebriefScreen)
        assert "perdu" in text_of(app, "#outcome") and "Lost" not in text_of(app, "#outcome")


async def test_help_says_which_screen_each_key_is_for(tmp_path):
    app = make_app(tmp_path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = plain(app.screen.table(), width=70)
        body = app.screen.query_one("#help-body")
        assert app.focused is body and (body.max_scroll_y == 0 or body.show_vertical_scrollbar)  # it scrolls
    sections = {}
    current = None
    for row in text.splitlines():
        words = row.split(None, 1)
        if len(words) == 1:
            current = words[0]
            sections[current] = []
        elif words and current:
            sections[current].append(row.strip())
    assert list(sections) == ["Aide", "Partout", "Bibliothèque", "Briefing", "Partie", "Débriefing"]
    assert any(r.startswith("r ") and "reprendre la partie interrompue" in r for r in sections["Bibliothèque"])
    assert any(r.startswith("x ") and "abandonner" in r for r in sections["Bibliothèque"])
    assert any(r.startswith("r ") and "rejouer depuis le début" in r for r in sections["Débriefing"])
    assert any("↑ ↓ Entrée / clic" in r for r in sections["Partie"]) and "click" not in text


def path_to_a_single_choice():
    """A shipped scenario, the variant played (its first, if it has some: guards may read its
    flags) and the 1-based picks that lead to a node offering one choice."""
    from simulator.play.engine import Play
    for path in SHIPPED:
        scenario = load(path)
        variant = scenario.variants[0].id if scenario.variants else None
        todo: list[list[int]] = [[]]
        while todo:
            picks = todo.pop(0)
            play = Play(scenario, clock=lambda: 0.0, variant=variant)
            for pick in picks:
                play.choose(pick - 1)
            if play.finished or len(picks) > 12:
                continue
            if len(play.offered()) == 1:
                return path, variant, picks
            todo += [picks + [i] for i in range(1, len(play.offered()) + 1)]
    raise AssertionError("no shipped node offers a single choice")


async def test_a_single_choice_is_not_offered_as_digit_1_to_1(tmp_path):
    story, variant, picks = path_to_a_single_choice()
    app = make_app(tmp_path, [story], lang="fr", variant=variant)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        for pick in picks:
            await pilot.press(str(pick))
            await pilot.pause()
        assert len(app.screen.play.offered()) == 1
        hint = text_of(app, "#choose-hint")
        assert "1–1" not in hint and "touche 1" in hint


MARKUP_SCENARIO = """format: litige/1
id: markup
title: "[bold red]Titre[/]"
summary: "[blink]Résumé[/blink]"
start: a
nodes:
  a:
    text: "[reverse]Bonjour[/reverse] [link=http://x]ici[/link]"
    choices:
      - {text: "[b]Oui[/b]", next: e, applies: [listen], feedback: "[u]Bien[/u]"}
      - {text: "Non", next: e}
  e:
    ending: {outcome: won, title: "[i]Fin[/i]", text: "Au revoir [bold]"}
"""


async def test_markup_in_scenario_text_is_shown_literally(tmp_path):
    from tui_helpers import screen_text
    f = tmp_path / "markup.yaml"
    f.write_text(MARKUP_SCENARIO, encoding="utf-8")
    app = make_app(tmp_path, [f])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "[bold red]Titre[/]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "[blink]Résumé[/blink]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "[reverse]Bonjour[/reverse] [link=http://x]ici[/link]" in shown and "[b]Oui[/b]" in shown
        assert "[bold red]Titre[/]" in shown  # the header's sub-title
        await pilot.press("1")
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        shown = screen_text(app)
        assert "[i]Fin[/i]" in shown, shown


async def test_a_step_keeps_the_transcripts_size_unless_rows_must_move(tmp_path):
    # Each node of the chain has its own line (one to three rows) and two to four choices: the
    # line and the choices keep their rows from one step to the next (so the transcript is not
    # moved and drawn again at every key), the line is never cut, and the choices are never
    # under the footer.
    import sys
    sys.path.insert(0, str(FIXTURE.parents[2] / "bench"))
    from generate import chain_yaml
    path = tmp_path / "chain.yaml"
    path.write_text(chain_yaml("chain", 12), encoding="utf-8")
    app = make_app(tmp_path, [path])
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        screen = app.screen
        log, line, choices = (screen.query_one(s) for s in ("#history", "#line", "#choices"))
        sizes = []
        for k in range(10):
            needed = len(line.content.wrap(app.console, line.content_region.width))
            assert line.content_region.height >= needed and shown_rows(line) >= needed, k
            assert shown_rows(choices) == choices.outer_size.height, k
            sizes.append(log.region)
            await pilot.press("1")
            await pilot.pause()
        assert len(set(sizes[3:])) == 1, sizes     # after the first steps, the transcript stays put
        assert len(set(sizes)) <= 3, sizes


async def test_the_collector_is_back_on_after_the_first_frame(tmp_path, monkeypatch):
    """`litige` starts with the garbage collector off (simulator.cli.main.cmd_tui): soon after its
    first frame, the game collects the start-up's garbage once, freezes the rest and turns the
    collector back on."""
    import simulator.tui.app as game
    from simulator.format import gc_pause
    app = make_app(tmp_path)
    timers = []
    set_timer = app.set_timer

    def spy(delay, callback=None, *args, **kwargs):
        timer = set_timer(3600 if callback is gc_pause.resume_after_start else delay, callback, *args, **kwargs)
        timers.append((delay, callback, timer))
        return timer
    monkeypatch.setattr(app, "set_timer", spy)
    gc.disable()  # as cli.cmd_tui leaves it
    frozen = gc.get_freeze_count()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert screen_name(app) == "LibraryScreen" and not gc.isenabled()  # still off after the first frame
            (delay, resume, timer) = next(t for t in timers if t[1] is gc_pause.resume_after_start)
            assert delay == game.START_COLLECT_DELAY
            timer.stop()
            app.call_later(resume)  # the timer's moment, without waiting for it
            await pilot.pause()
            assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_step_is_saved_once_the_next_node_is_drawn_and_before_the_screen_closes(tmp_path):
    """The trainee does not wait for the disk: a step goes to the store right after the frame
    that shows the next node, and a screen closed before that frame still saves it."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        screen = app.screen
        store = Store.open(tmp_path / "litige.db")
        screen.pick(0)  # as a digit key does, in one message
        (record,) = store.unfinished()
        assert len(record.steps) == 0 and screen.step_unsaved
        await pilot.pause()  # the frame is drawn, then the step saved
        (record,) = store.unfinished()
        assert len(record.steps) == 1 and not screen.step_unsaved
        screen.pick(0)
        app.exit()  # gone before its next frame
    (record,) = store.unfinished()
    assert len(record.steps) == 2
