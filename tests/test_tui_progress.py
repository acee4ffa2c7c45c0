"""The profile screen (issue 18), from the library's `p`: Pilot tests on a real store filled with
engine plays over fake days, its "practise this" action, and snapshots at 80×24 and 120×40
(regenerate: pytest tests/test_tui_progress.py --snapshot-update, then look at the SVGs)."""

from __future__ import annotations

from datetime import date

import pytest
from test_progress import LOOP, day, finish
from tui_helpers import make_app, screen_lines, screen_text

import simulator.results.store.moments as store_clock
from simulator.tui.screens import BriefingScreen, LibraryScreen, PlayScreen
from simulator.tui.screens.profile import ProfileScreen

NAMED = {"trainee": "Ana Dupont", "coach": "0"}


def filled(tmp_path, monkeypatch, scripts=(("2,2", 0), ("2,1", 1), ("1,3,1", 2), ("1,3,2", 2)), *, lang="en",
           today: date | None = None, settings=NAMED):
    app = make_app(tmp_path, lang=lang, settings=settings)
    ids = [finish(app.store, monkeypatch, LOOP, script, n, trainee="Ana Dupont", hour=10 + k)
           for k, (script, n) in enumerate(scripts)]
    finish(app.store, monkeypatch, LOOP, "1,3,1", 2, trainee="Ben")  # not hers
    app.today = lambda: today or day(3)
    return app, ids


async def test_p_opens_the_profile_and_escape_comes_back(tmp_path, monkeypatch):
    app, _ = filled(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        text = screen_text(app)
        assert "Progress — Ana Dupont" in text
        # offer-options: missed, mastered, mastered, missed: the worst verdict due now, its step 3
        assert "Practise next: “Offer options” was missed in your last attempt (2026-12-03)" in " ".join(text.split())
        assert "from step 3" in text
        lines = screen_lines(app)
        row = next(line for line in lines if line.strip().startswith("Offer options"))
        assert "○✓✓○" in row and "now" in row
        courtesy = next(line for line in lines if line.strip().startswith("Stay calm and courteous"))
        assert "✗✗✓✓" in courtesy  # avoided twice where it had been violated
        assert any("Loop and timer" in line and "100" in line and "50" in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_practise_starts_the_suggested_scenario_from_its_step(tmp_path, monkeypatch):
    app, ids = filled(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        suggestion = app.screen.profile.suggestion
        assert (suggestion.play_id, suggestion.step) == (ids[-1], 2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        play = app.screen.play
        source = app.store.load_play(ids[-1]).record
        assert play.record.play_id != source.play_id and play.record.steps == source.steps[:2]
        assert play.node.id == "offer"  # the step where the options were missed, to answer again
        assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "PlayScreen"]  # no profile left below
        assert app.store.load_play(play.record.play_id) is not None  # saved as a play of its own


async def test_practise_from_the_first_step_opens_the_briefing(tmp_path, monkeypatch):
    app, _ = filled(tmp_path, monkeypatch, scripts=(("2,2", 0),), today=day(0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.profile.suggestion.principle == "courtesy"
        assert "from the start" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen) and app.screen.scenario.id == "loop-timer"


async def test_without_a_name_the_profile_says_how_to_get_one(tmp_path):
    app = make_app(tmp_path, lang="fr")  # anonymous
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Pas de nom" in text and "pratiquer" not in text.split("Échap")[-1]  # no practise key shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)


async def test_a_name_without_plays(tmp_path):
    app = make_app(tmp_path, lang="en", settings={"trainee": "Zoé", "coach": "0"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "No finished play yet" in screen_text(app)


async def test_the_help_lists_p(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "your progress and what to" in screen_text(app)  # two columns: the line wraps


SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_profile_snapshot(snap_compare, tmp_path, monkeypatch, lang, size):
    app, _ = filled(tmp_path, monkeypatch, lang=lang)
    assert snap_compare(app, press=["p"], terminal_size=size)



async def test_with_an_interrupted_play_p_leaves_the_footer_to_r_and_x_and_still_works(tmp_path):
    """In French at 80 columns, "p progression" beside "r reprendre x abandonner" pushed "? aide"
    out of the footer."""
    app = make_app(tmp_path, lang="fr", settings={"trainee": "Ana", "coach": "0"})
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "enter", "1"):  # a play left under way
            await pilot.press(key)
            await pilot.pause()
        assert app.store.unfinished("Ana"), "no play under way"
        app.exit()
    app = make_app(tmp_path, lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "r reprendre" in footer and "? aide" in footer and "p progression" not in footer, footer
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")  # discarded: p is back in the footer
        await pilot.pause()
        assert "p progression" in screen_lines(app)[-1]


async def test_practising_the_suggestion_moves_it_on(tmp_path, monkeypatch):
    """The whole loop in the game: the profile suggests the options missed at step 3, Enter
    starts that step, the trainee offers options this time; back on the profile the suggestion
    has moved on to the next principle in need."""
    app, _ = filled(tmp_path, monkeypatch)
    monkeypatch.setattr(store_clock, "now_utc", lambda: f"{day(3)}T09:00:00+00:00")  # the store's clock: today
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.profile.suggestion.principle == "offer-options"
        for key in ("enter", "1", "enter"):  # practise; "Here are three options."; the ending's line
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "DebriefScreen" and app.screen.debrief.result.outcome == "won"
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        profile = app.screen.profile
        assert profile.row("offer-options").symbols == "○✓✓○✓"
        assert profile.suggestion.principle == "listen" and "“Listen first”" in screen_text(app)
