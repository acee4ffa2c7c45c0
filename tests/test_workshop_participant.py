"""A workshop seat (`litige --participant`, what `litige serve` runs per browser): the full game,
name first, every step in the room's database, nobody's preferences read or written."""

from __future__ import annotations

from tui_helpers import FakeClock, playing, read_ending, text_of

import scenarios
from simulator.game.settings import Settings
from simulator.results.store import Store
from simulator.tui.app import LitigeApp
from simulator.tui.screens import BriefingScreen, DebriefScreen, LibraryScreen, NameScreen, PlayScreen

SCENARIO = "shrunken-sweater"


def seat(db: str, scenario: str | None = SCENARIO, **kw) -> LitigeApp:
    return LitigeApp(scenarios.shipped(), Store.open(db), Settings(lang="en", participant=True, start_scenario=scenario),
                     clock=FakeClock(), **kw)


async def test_name_first_every_step_saved_then_the_debrief(tmp_path):
    db = str(tmp_path / "room.db")
    app = seat(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press("enter")                       # no name: refused, and said so
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        assert "A name is needed" in text_of(app, "#name-error")
        await pilot.press(*" Inès ", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter", "2")
        await pilot.pause()
        with Store.open(db) as store:
            (row,) = store.history()
        assert row.trainee == "Inès" and row.steps == 1 and not row.finished
        while playing(app):
            await pilot.press("1")
            await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
    with Store.open(db) as store:
        (play,) = store.plays()
        assert play.finished and play.record.trainee == "Inès" and play.verdicts
        assert store.get_setting("trainee") is None      # a seat remembers no one


async def test_an_interrupted_seat_resumes_where_it_was_and_others_start_afresh(tmp_path):
    db = str(tmp_path / "room.db")
    app = seat(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter", "enter", "2")
        await pilot.pause()
    # the tab was closed; the same person comes back
    again = seat(db)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Sam", "enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PlayScreen) and len(screen.play.record.steps) == 1
    # someone else starts afresh
    other = seat(db)
    async with other.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Lou", "enter")
        await pilot.pause()
        assert isinstance(other.screen, BriefingScreen)


async def test_without_a_set_scenario_the_participant_picks_one(tmp_path):
    app = seat(str(tmp_path / "room.db"), scenario=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Kim", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


async def test_a_seat_neither_reads_nor_writes_the_rooms_preferences(tmp_path):
    db = str(tmp_path / "room.db")
    with Store.open(db) as store:            # the facilitator played on this database before
        store.set_setting("trainee", "Facilitator")
        store.set_setting("no_timers", "1")
        store.set_setting("theme", "textual-light")
    app = seat(db)
    assert app.trainee is None and not app.no_timers and app.theme != "textual-light"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ana", "enter")
        await pilot.pause()
        await pilot.press("ctrl+t")                       # the theme changes for this seat only
        await pilot.pause()
        app.toggle_timers()
        await pilot.pause()
    with Store.open(db) as store:
        assert store.get_setting("trainee") == "Facilitator"
        assert store.get_setting("theme") == "textual-light" and store.get_setting("no_timers") == "1"


async def test_the_room_is_not_in_a_seats_command_palette(tmp_path):
    from simulator.lang.i18n import t
    from simulator.tui.commands import LitigeCommands

    room = t("tui.k.room", "en").capitalize()
    for participant in (True, False):
        app = LitigeApp(scenarios.shipped(), Store.open(tmp_path / f"{participant}.db"),
                        Settings(lang="en", participant=participant, start_scenario=SCENARIO))
        async with app.run_test(size=(80, 24)):
            names = [name for name, _ in LitigeCommands(app.screen).actions()]
        assert (room in names) is not participant


def test_the_cli_runs_the_full_game_for_a_seat(monkeypatch, tmp_path):
    """`litige --participant` starts LitigeApp in participant mode (no separate reduced game)."""
    from simulator.cli import main as cli
    from simulator.tui import app as app_module

    started = {}

    def fake_run(self, *a, **k):
        started["app"] = self

    monkeypatch.setattr(app_module.LitigeApp, "run", fake_run)
    monkeypatch.setenv("LITIGE_DB", str(tmp_path / "room.db"))
    monkeypatch.setenv("LITIGE_LANG", "en")
    assert cli.main(["--participant", "--scenario", SCENARIO]) == 0
    app = started["app"]
    assert isinstance(app, LitigeApp) and app.participant and app.start_scenario == SCENARIO
    assert app.lang == "en"


async def test_a_seat_whose_server_is_gone_quits_with_its_play_saved(tmp_path):
    """The portable tie (no signal involved): the seat sees its parent is no longer its server."""
    import os
    db = str(tmp_path / "room.db")
    app = seat(db, server_pid=os.getppid())              # "started by" this test's parent
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Noor", "enter", "enter", "2")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        app.server_pid = -1                              # as if re-parented: the server died
        for _ in range(100):                             # bounded: the check runs every second
            if not app.is_running:
                break
            await pilot.pause(0.1)
        assert not app.is_running
    with Store.open(db) as store:
        (row,) = store.history()
    assert row.trainee == "Noor" and row.steps == 1 and not row.finished


def test_a_seat_started_after_its_server_died_does_not_start(cli, tmp_path):
    """The race the kernel's death signal leaves open: the server was gone before it was asked."""
    proc = cli("--db", str(tmp_path / "room.db"), "--participant", env={"LITIGE_SERVER_PID": "999999999"},
               timeout=60)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert not (tmp_path / "room.db").exists()           # it did not even open the database


async def test_two_live_seats_typing_the_same_name_never_share_a_play(tmp_path):
    """Two seats on one database file in one process (each its own Store, as each browser has
    its own process): the second "Marie" is told in one line to add an initial and plays her own
    play; each seat's steps land in its own play (they used to share one, and steps were lost)."""
    db = str(tmp_path / "room.db")
    a, b = seat(db), seat(db)
    async with a.run_test(size=(80, 24)) as pa, b.run_test(size=(80, 24)) as pb:
        await pa.press(*"Marie", "enter", "enter")
        await pa.pause()
        assert isinstance(a.screen, PlayScreen)
        await pb.press(*"Marie", "enter")
        await pb.pause()
        assert isinstance(b.screen, NameScreen)                    # refused, nothing started
        assert "already playing under this name" in text_of(b, "#name-error")
        with Store.open(db) as store:
            assert [r.trainee for r in store.history()] == ["Marie"]
        await pb.press(*" D", "enter", "enter")
        await pb.pause()
        assert isinstance(b.screen, PlayScreen) and b.screen.play.record.trainee == "Marie D"
        assert b.screen.play.record.play_id != a.screen.play.record.play_id
        await pa.press("1")
        await pa.pause()
        await pb.press("2")
        await pb.pause()
        a_steps, b_steps = a.screen.play.record.steps, b.screen.play.record.steps
    with Store.open(db) as store:
        stored = {p.record.trainee: p.record.steps for p in store.plays()}
    assert stored == {"Marie": a_steps, "Marie D": b_steps} and len(a_steps) == len(b_steps) == 1
    assert a_steps[0].chosen != b_steps[0].chosen


async def test_a_held_play_is_not_offered_to_another_game_and_is_free_once_its_holder_ends(tmp_path):
    """Outside workshops too (two terminals, one trainee): a play another live game holds is
    neither offered nor resumed; once that game ends, it is offered again."""
    db = str(tmp_path / "r.db")
    with Store.open(db) as store:
        store.set_setting("trainee", "Ana")
    first = LitigeApp(scenarios.shipped(), Store.open(db), Settings(lang="en"), clock=FakeClock())
    async with first.run_test(size=(80, 24)) as p1:
        await p1.press("enter", "enter", "2")                      # library → briefing → a step
        await p1.pause()
        assert isinstance(first.screen, PlayScreen)
        held = first.screen.play.record.play_id
        second = LitigeApp(scenarios.shipped(), Store.open(db), Settings(lang="en"), clock=FakeClock())
        async with second.run_test(size=(80, 24)) as p2:
            await p2.pause()
            assert second.pending() is None and text_of(second, "#resume") == ""
            (record,) = second.store.unfinished("Ana")
            second.resume(record)                                   # even asked directly: refused
            await p2.pause()
            assert isinstance(second.screen, LibraryScreen)
    third = LitigeApp(scenarios.shipped(), Store.open(db), Settings(lang="en"), clock=FakeClock())
    async with third.run_test(size=(80, 24)) as p3:
        await p3.pause()
        assert third.pending() is not None and third.pending().play_id == held
        await p3.press("r")
        await p3.pause()
        assert isinstance(third.screen, PlayScreen) and third.screen.play.record.play_id == held


async def test_a_seat_exports_nothing_and_says_the_facilitator_does(tmp_path):
    """`e` on a seat would write on the facilitator's disk and show its path: it says who exports."""
    db = str(tmp_path / "room.db")
    exports = tmp_path / "exports"
    app = seat(db, export_dir=exports)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"Inès", "enter", "enter")
        await pilot.pause()
        while playing(app):
            await pilot.press("1")
            await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("e")
        await pilot.pause()
        said = text_of(app, "#exported").replace("\n", " ")
        assert "exported by the facilitator (litige export)" in said
        assert str(tmp_path) not in said
        await pilot.press("m")                                   # the map's own export, the same
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert any("exported by the facilitator" in str(n.message) for n in app._notifications)
    assert not exports.exists()
