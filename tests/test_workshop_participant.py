"""The workshop participant's game (`litige --participant`), driven by Pilot on a real store."""

from __future__ import annotations

from simulator.store import Store
from simulator.tui.participant import DebriefScreen, NameScreen, ParticipantApp, PlayScreen

SCENARIO = "shrunken-sweater"


async def test_name_first_every_step_saved_then_the_debrief(tmp_path):
    db = str(tmp_path / "room.db")
    app = ParticipantApp(lang="en", db=db, scenario=SCENARIO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")                       # no name: refused, still here
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*" Inès ", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("2")
        await pilot.pause()
        with Store.open(db) as store:
            (row,) = store.history()
        assert row.trainee == "Inès" and row.steps == 1 and not row.finished
        while isinstance(app.screen, PlayScreen):
            await pilot.press("1")
            await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("q")
    with Store.open(db) as store:
        (play,) = store.plays()
    assert play.finished and play.record.trainee == "Inès" and play.verdicts


async def test_an_interrupted_seat_resumes_where_it_was(tmp_path):
    db = str(tmp_path / "room.db")
    app = ParticipantApp(lang="en", db=db, scenario=SCENARIO)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter", "2")
        await pilot.pause()
    # the tab was closed; the same person comes back
    again = ParticipantApp(lang="en", db=db, scenario=SCENARIO)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PlayScreen) and len(screen.play.record.steps) == 1
    # someone else starts afresh
    other = ParticipantApp(lang="en", db=db, scenario=SCENARIO)
    async with other.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Lou", "enter")
        await pilot.pause()
        assert len(other.screen.play.record.steps) == 0


async def test_without_a_set_scenario_the_participant_picks_one(tmp_path):
    app = ParticipantApp(lang="en", db=str(tmp_path / "room.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Kim", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
