"""Issue 16 in the game: the ending's own line before the debrief, the name field that takes what is
typed, coach mode (feedback right after each choice) against exam mode, the library's selection
after a debrief, the map's ids, the help at 100×30 and the model conversation (`w`). Pilot tests
against a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import FIXTURE, FakeClock, make_app, screen_lines, screen_text, text_of

from simulator.game.settings import Settings
from simulator.results.store import Store
from simulator.tui.app import LitigeApp
from simulator.tui.screens import BriefingScreen, DebriefScreen, LibraryScreen, MapScreen, ModelScreen, PlayScreen
from simulator.workshop.game_command import child_command

CARD = Path(__file__).resolve().parent / "fixtures" / "customer-card.yaml"
EXAM, COACH = {"trainee": "", "coach": "0"}, {"trainee": "", "coach": "1"}


async def begin(pilot) -> None:
    await pilot.press("enter", "enter")  # the library's highlighted story, its briefing
    await pilot.pause()


def transcript(app) -> str:
    return "\n".join(strip.text for strip in app.screen.query_one("#history").lines)


# -- the ending's own line ---------------------------------------------------------------------

@pytest.mark.parametrize("lang, said", [("en", "Goodbye."), ("fr", "Adieu.")])
async def test_the_endings_line_is_shown_last_then_the_debrief_on_enter(tmp_path, lang, said):
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pilot.press("2", "2")  # rude, nothing → the lost ending
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.play.finished
        line = text_of(app, "#line")
        assert said in line and ("Customer" if lang == "en" else "Client") in line  # speaker label + text
        assert said in screen_text(app)
        # the play is stored finished already: a trainee who quits here loses nothing
        (row,) = Store.open(tmp_path / "litige.db").history()
        assert row.finished and row.outcome == "lost"
        await pilot.press("1", "2")  # digits never skip the ending's line
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert ("Lost" if lang == "en" else "Perdu") in text_of(app, "#outcome")


async def test_quitting_on_the_endings_line_asks_nothing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pilot.press("2", "2")
        await pilot.pause()
        await pilot.press("q")  # the play is over and stored: no "quit the play?" question
        await pilot.pause()
    assert not app.is_running


# -- the name field ----------------------------------------------------------------------------

async def test_a_name_with_shortcut_letters_goes_into_the_field_and_the_play_is_stored_under_it(tmp_path):
    app = make_app(tmp_path, lang="en", settings={})  # a first start: no name asked yet
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#trainee")
        await pilot.press(*"Lucas Tellier")  # l: language, t: timers, q: quit, h: history… on the list
        await pilot.pause()
        assert app.is_running and app.lang == "en" and not app.no_timers
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#trainee").value == "Lucas Tellier"
        await pilot.press("enter")  # the name done: the list has the focus
        await pilot.pause()
        assert app.focused is app.screen.query_one("#scenarios")
        await begin(pilot)
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("b")
        await pilot.pause()
        best = str(app.screen.query_one("#scenarios").get_option_at_index(0).prompt)
        assert "Best score:" in best and "not played yet" not in best
    store = Store.open(tmp_path / "litige.db")
    (row,) = store.history()
    assert row.trainee == "Lucas Tellier" and row.finished
    assert store.get_setting("trainee") == "Lucas Tellier"
    again = make_app(tmp_path, settings={})  # the next start: the list has the focus, the name kept
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.focused is again.screen.query_one("#scenarios")
        assert again.screen.query_one("#trainee").value == "Lucas Tellier"


async def test_escape_leaves_the_name_field_for_the_shortcuts(tmp_path):
    app = make_app(tmp_path, lang="en", settings={})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "l")
        await pilot.pause()
        assert app.lang == "fr" and app.screen.query_one("#trainee").value == ""


# -- coach mode --------------------------------------------------------------------------------

async def test_coach_mode_shows_each_feedback_after_the_choice_and_before_the_answer(tmp_path):
    app = make_app(tmp_path, settings=COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert "coach mode" in app.screen.sub_title
        await pilot.press("1")  # listen: "Listening calms."
        await pilot.pause()
        text = transcript(app)
        assert "You: I am listening." in text and "Coach: Listening calms." in text
        assert text.index("I am listening.") < text.index("Listening calms.")
        assert "Listening calms." not in text_of(app, "#line")  # the customer's answer comes after
        await pilot.press("2")  # rude: "Curt."
        await pilot.pause()
        assert "Coach: Curt." in transcript(app)
        await pilot.press("2")  # nothing: no feedback written, none shown
        await pilot.pause()
        assert transcript(app).count("Coach:") == 2
    (row,) = Store.open(tmp_path / "litige.db").history()
    assert row.mode == "coach"


async def test_exam_mode_shows_no_feedback_during_the_play(tmp_path):
    app = make_app(tmp_path, settings=EXAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert "exam mode" in app.screen.sub_title
        await pilot.press("1", "2", "2")
        await pilot.pause()
        text = transcript(app)
        assert "I am listening." in text and "Calm down." in text
        assert "Coach" not in text and "Listening calms." not in text and "Curt." not in text
    (row,) = Store.open(tmp_path / "litige.db").history()
    assert row.mode == "exam"


async def test_coach_mode_is_on_for_a_first_play_then_off_and_the_setting_is_saved(tmp_path):
    app = make_app(tmp_path, settings={"trainee": ""})  # the trainee never set it
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.sub_title == "coach mode on a story’s first play"
        await begin(pilot)
        assert app.screen.play.record.mode == "coach"
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        await pilot.press("r")  # the same story again: not a first play
        await pilot.pause()
        assert app.screen.play.record.mode == "exam"
        await pilot.press("2", "2", "enter", "b")
        await pilot.pause()
        await pilot.press("c")  # set by the trainee: on for every play, saved
        await pilot.pause()
        assert app.screen.sub_title == "exam mode"
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.sub_title == "coach mode"
        await begin(pilot)
        assert app.screen.play.record.mode == "coach"
    assert Store.open(tmp_path / "litige.db").get_setting("coach") == "1"


async def test_coach_mode_from_the_command_palette(tmp_path):
    from textual.command import CommandList, CommandPalette
    app = make_app(tmp_path, settings=EXAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"coach on")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.pause()
        await palette.workers.wait_for_complete()
        await pilot.pause()
        assert any("Coach on/off" in str(o.prompt) for o in palette.query_one(CommandList).options)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sub_title == "coach mode"


async def test_a_workshop_seat_plays_as_an_exam_unless_the_facilitator_says_coach(tmp_path):
    for coach in (False, True):
        db = str(tmp_path / f"room-{coach}.db")
        app = LitigeApp([FIXTURE], Store.open(db), Settings(lang="en", participant=True, start_scenario="loop-timer",
                                                            workshop_coach=coach), clock=FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"Inès", "enter")
            await pilot.pause()
            assert isinstance(app.screen, BriefingScreen)
            await pilot.press("enter", "1")
            await pilot.pause()
            assert ("Coach: Listening calms." in transcript(app)) is coach
        (row,) = Store.open(db).history()
        assert row.mode == ("coach" if coach else "exam")
    assert "--coach" in child_command(db=str(tmp_path / "r.db"), coach=True)
    assert "--coach" not in child_command(db=str(tmp_path / "r.db"))


# -- library, map, help ------------------------------------------------------------------------

async def test_after_a_debrief_the_library_keeps_the_story_just_played_selected(tmp_path):
    app = make_app(tmp_path, [FIXTURE, CARD])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        ol = app.screen.query_one("#scenarios")
        played = ol.get_option_at_index(ol.highlighted).id
        assert played != "loop-timer"
        await begin(pilot)
        while not app.screen.play.finished:
            await pilot.press("1")
            await pilot.pause()
        await pilot.press("enter", "b")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        ol = app.screen.query_one("#scenarios")
        assert ol.get_option_at_index(ol.highlighted).id == played
        await pilot.press("up", "l")  # another story, another language: still that story
        await pilot.pause()
        assert app.lang == "fr" and app.screen.highlighted_story() == "loop-timer"


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_debrief_hint_keys_in_their_case_and_library_footer_has_t_c(tmp_path, lang):
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = screen_lines(app)[-1]
        assert "t " in footer and "c coach" in footer
        await begin(pilot)
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        hint = text_of(app, "#debrief-keys")
        assert ("m carte" if lang == "fr" else "m map") in hint and ("e export" in hint)
        assert " M " not in hint and " E " not in hint and " w " in hint


async def test_the_map_labels_node_ids_as_ids(tmp_path):
    app = make_app(tmp_path, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await begin(pilot)
        await pilot.press("2", "2", "enter", "m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        text = str(app.screen.query_one("#map-text").render())
        assert "#hello" in text and "→ #offer" in text
        assert "identifiant" in screen_text(app)  # the legend says what #id is


async def test_the_help_shows_its_debrief_section_at_100x30_or_says_more_follows(tmp_path):
    for size in ((100, 30), (80, 24)):
        app = make_app(tmp_path / f"{size[0]}", lang="fr")
        async with app.run_test(size=size) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            await pilot.pause()
            shown = screen_text(app)
            body = app.screen.query_one("#help-body")
            if size == (100, 30):
                assert "Débriefing" in shown
            if body.max_scroll_y > 0:
                assert "▼ la suite plus bas" in shown
                await pilot.press("end")
                await pilot.pause()
                assert "▼ la suite plus bas" not in screen_text(app) and "Débriefing" in screen_text(app)


# -- the model conversation --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_w_shows_the_model_conversation_beside_the_trainees_answers(tmp_path, lang):
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await begin(pilot)
        await pilot.press("2", "2", "enter")  # rude, nothing: far from the model
        await pilot.pause()
        model = app.screen.debrief.model
        assert model is not None and model.steps
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ModelScreen)
        text = str(app.screen.query_one("#model-text").render())
        for step in model.steps:
            assert step.said in text
            if step.answer is not None:
                assert step.answer.text in text
                if step.answer.feedback:
                    assert step.answer.feedback in text
        differing = [s for s in model.steps if s.yours is not None and not s.same]
        assert differing and all(s.yours.text in text for s in differing)  # the trainee's own, beside
        assert ("Calmez-vous." if lang == "fr" else "Calm down.") in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_debrief_shows_the_models_sections_in_order(tmp_path, lang):
    app = make_app(tmp_path, [CARD], lang=lang, variant="washed-hot")
    async with app.run_test(size=(120, 40)) as pilot:
        await begin(pilot)
        while not app.screen.play.finished:
            await pilot.press("1")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        d = app.screen.debrief
        ids = [w.id for w in app.screen.query_one("#debrief").children if w.id]
        assert ids[:6] == ["outcome", "work-on", "why", "steps", "principles", "details"]
        assert d.score_text in text_of(app, "#outcome") and d.ending_title in text_of(app, "#outcome")
        assert d.reveal and d.reveal in text_of(app, "#outcome")
        why = text_of(app, "#why")
        assert all(m.course in why for m in d.meters) and d.meters
        steps = text_of(app, "#steps")
        for v in d.steps:  # every step once, with the feedback of the answer taken
            assert v.said in steps
            if v.answer is not None and v.answer.feedback:
                assert v.answer.feedback in steps
        work_on = text_of(app, "#work-on")
        assert all(w.name in work_on for w in d.work_on)
        notes = text_of(app, "#details")
        assert all(r.rationale in notes for r in d.table if r.rationale)
        assert all(f in notes for r in d.table for f in r.frameworks)


async def test_the_model_conversation_from_the_command_palette(tmp_path):
    from textual.command import CommandPalette
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await begin(pilot)
        await pilot.press("2", "2", "enter")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"model conversation")
        await pilot.pause()
        await palette.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ModelScreen)


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_r_and_x_are_in_the_footer_when_there_is_a_play_to_resume(tmp_path, lang):
    resume, discard = ("r reprendre", "x abandonner") if lang == "fr" else ("r resume", "x discard")
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = screen_lines(app)[-1]
        assert resume not in footer and discard not in footer  # nothing to resume: not offered
        await begin(pilot)
        await pilot.press("1")
        await pilot.pause()
    again = make_app(tmp_path, lang=lang)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_lines(again)[-1]
        assert resume in footer and discard in footer and ("? aide" if lang == "fr" else "? help") in footer
        assert "r " in text_of(again, "#resume") and "R " not in text_of(again, "#resume")  # keys in their case
        await pilot.press("x")
        await pilot.pause()
        assert resume not in screen_lines(again)[-1]


def test_coach_flags_reach_the_seat_from_litige_serve(tmp_path):
    import subprocess
    import sys

    from simulator.cli.main import build_parser
    from simulator.tui.start import build
    db = str(tmp_path / "room.db")
    for argv, coach in ((["--participant"], False), (["--participant", "--coach"], True)):
        store = Store.open(db)
        app = build(Settings.resolve(build_parser().parse_args(["--db", db, *argv]), {}), store)
        assert app.prefs.workshop_coach is coach and app.participant
        store.close()
    help_text = subprocess.run([sys.executable, "-m", "simulator.cli.main", "serve", "--help"], capture_output=True,
                               text=True, cwd=Path(__file__).resolve().parent.parent, check=True).stdout
    assert "--coach" in help_text
