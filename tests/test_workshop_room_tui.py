"""`litige room`'s screen (Pilot): it shows plays that reach the shared database while it is open."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.scorer import score
from simulator.format.loader import load
from simulator.tui.room import RoomApp
from simulator.workshop.simulate import finished_play, steps

FIXTURE = Path(__file__).parent / "fixtures" / "loop-timer.yaml"


@pytest.fixture
def store(tmp_path):
    from simulator.results.store import Store
    s = Store.open(tmp_path / "room.db")
    yield s
    s.close()


def panel(app: RoomApp, name: str) -> str:
    return str(app.room.query_one(f"#room-{name}").render())


async def until(pilot, predicate, seconds: float = 20.0) -> bool:
    """Let the app run (its own timer refreshes it) until `predicate()` holds."""
    for _ in range(int(seconds / 0.1)):
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


async def test_room_shows_plays_added_while_it_is_open(tmp_path, store):
    from simulator.workshop.room_source import StoreRoomSource
    sc = load(FIXTURE)
    source = StoreRoomSource(store)
    source._scenarios[sc.id] = sc          # the fixture is not a shipped scenario
    app = RoomApp(source, lang="en", interval=0.2)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "nobody has started yet" in panel(app, "seats")

        # Ana starts: one step saved, as the game saves it
        first = next(steps(sc, seed=3, trainee="Ana"))
        store.save_play(first)
        assert await until(pilot, lambda: "Ana" in panel(app, "seats"))
        assert "1 playing, 0 finished" in panel(app, "seats")

        # Ben plays to the end; his result is stored
        record = finished_play(sc, seed=5, trainee="Ben", on_step=store.save_play)
        store.finish_play(record, score(sc, record))
        assert await until(pilot, lambda: "1 playing, 1 finished" in panel(app, "seats"))
        assert "Ben" in panel(app, "seats") and "/100" in panel(app, "seats")
        assert "no finished play yet" not in panel(app, "scores")
        assert "hello" in panel(app, "choices")

        await pilot.press("a")             # anonymous, for the wall
        assert "Ana" not in panel(app, "seats") and "Participant 1" in panel(app, "seats")
        await pilot.press("q")


def test_room_command_prints_the_room_once_and_refuses_a_missing_database(cli, tmp_path, store):
    import scenarios
    from simulator.workshop.simulate import finished_play
    sc = load(scenarios.find("shrunken-sweater"))
    record = finished_play(sc, seed=1, trainee="Noor", on_step=store.save_play)
    store.finish_play(record, score(sc, record))
    db = str(store.path)
    shown = cli("room", "--db", db, "--once", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert "Noor" in shown.stdout and "0 playing, 1 finished" in shown.stdout
    hidden = cli("room", "--db", db, "--once", "--lang", "en", "--anonymous")
    assert "Noor" not in hidden.stdout and "Participant 1" in hidden.stdout
    later = cli("room", "--db", db, "--once", "--lang", "en", "--since", "2999-01-01")
    assert "no plays yet" in later.stdout
    for args, words in [(("--db", str(tmp_path / "typo.db")), "no results database"),
                        (("--db", db, "--since", "yesterday-ish"), "not a date"),
                        (("--db", db, "--scenario", "no-such"), "unknown scenario")]:
        proc = cli("room", "--once", *args)
        assert proc.returncode != 0 and words in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "typo.db").exists()


def test_export_html_gives_the_rooms_page(cli, store):
    """The group debrief after the workshop: scenario and --since select the room's plays; the page
    carries the score spread, the principle chart, the choices, and names only when wanted."""
    import scenarios
    sc = load(scenarios.find("shrunken-sweater"))
    for n, name in enumerate(["Maëlle", "Jon"]):
        record = finished_play(sc, seed=n, trainee=name, on_step=store.save_play)
        store.finish_play(record, score(sc, record))
    db = str(store.path)
    page = cli("export", "--format", "html", "--scenario", sc.id, "--since", "today", "--db", db, "--lang", "en")
    assert page.returncode == 0, page.stderr
    html = page.stdout
    for words in ("Score distribution", "90–100", "Principles", "Choices made at each node", "Maëlle", "Jon"):
        assert words in html, words
    hidden = cli("export", "--format", "html", "--scenario", sc.id, "--db", db, "--lang", "en", "--anonymous").stdout
    assert "Maëlle" not in hidden and "Participant 1" in hidden and "Participant 2" in hidden
    none = cli("export", "--format", "html", "--scenario", sc.id, "--since", "2999-01-01", "--db", db, "--lang", "en")
    assert "Maëlle" not in none.stdout and "Score distribution" not in none.stdout


def test_room_says_since_when_it_counts_and_how_many_plays(cli, store):
    """A reused database holds earlier workshops: the room says it counts them, and how to not."""
    import dataclasses

    import scenarios
    sc = load(scenarios.find("shrunken-sweater"))
    old = finished_play(sc, seed=1, trainee="Last-year")
    old = dataclasses.replace(old, started_at="2020-03-02T08:00:00+00:00")  # an earlier workshop
    store.save_play(old)
    store.finish_play(old, score(sc, old))
    record = finished_play(sc, seed=2, trainee="Today", on_step=store.save_play)
    store.finish_play(record, score(sc, record))
    db = str(store.path)

    every = cli("room", "--db", db, "--once", "--lang", "en")
    assert every.returncode == 0, every.stderr
    assert "Every play in the database: 2, the first on 2020-03-0" in every.stdout
    assert "--since today" in every.stdout and "Last-year" in every.stdout
    today = cli("room", "--db", db, "--once", "--lang", "fr", "--since", "today")
    assert "Parties depuis le " in today.stdout and "\u00a0: 1" in today.stdout  # French colon: a no-break space
    assert "Today" in today.stdout and "Last-year" not in today.stdout


async def test_room_screen_shows_its_window(store):
    from simulator.results.reports import parse_since
    from simulator.workshop.room_source import StoreRoomSource
    app = RoomApp(StoreRoomSource(store, since=parse_since("2026-11-25T09:00")), lang="en", interval=60)
    async with app.run_test(size=(100, 40)):
        assert "Plays since 2026-11-25 09:00: 0" in panel(app, "seats")
    app = RoomApp(StoreRoomSource(store), lang="en", interval=60)
    async with app.run_test(size=(100, 40)):
        assert "Every play in the database: none" in panel(app, "seats")
