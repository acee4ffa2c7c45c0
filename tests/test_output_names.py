"""Names and other stored free text in every output (issue 17): one rule, `plaintext.shown`.

A results database holds what was typed: trainee names with escape sequences (colour, window
title), a bell, C1 controls, bidi overrides and isolates, zero-width joiners, and text a
spreadsheet would run. Each output made to be read — the terminal commands, the room, the
game's screens, CSV, Markdown, HTML, an xAPI agent's display name — shows the controls and
bidi characters as visible `\\uXXXX` escapes; JSON (and the xAPI account, an identity) keeps
the exact data, written with JSON escapes. The names a trainee types are refused them at entry.
Real SQLite files; the CLI as a subprocess; Pilot for the screens.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from conftest import run_cli

from scoring.scorer import score
from simulator.format.loader import load
from simulator.lang.plaintext import CONTROL, name_refusal, shown
from simulator.results.store import Store
from simulator.workshop.simulate import finished_play

FIXTURES = Path(__file__).parent / "fixtures"

ESC_TITLE = "Eve\x1b]0;pwned\x07"          # sets the window title, ends with a bell
ESC_COLOUR = "Mal\x1b[31;5mlory\x1b[0m"    # colour and blink
C1 = "Cécile\x9b2J\x85\x90x"              # CSI (clear screen) and other C1 controls
RLO = "Ana\u202etxt.exe"                  # right-to-left override: shows 'Anaexe.txt'
LRI = "Bob\u2066isolated\u2069"           # left-to-right isolate and its end
ZWJ = "Zoé 👩\u200d💻"                     # a zero-width joiner inside an emoji: kept whole
HOSTILE = [ESC_TITLE, ESC_COLOUR, C1, RLO, LRI]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)"]
EVIL_SCENARIO = "ghost\x1b]0;t\x07\u202e"  # a play whose scenario id (from the database) is no shipped one

RAW = re.compile("[\x1b\x07\x9b\x85\x90\u202e\u2066\u2069]")  # what must never reach a reader raw


def escaped(name: str) -> str:
    """How the rule writes a name."""
    return shown(name)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    import scenarios
    path = tmp_path_factory.mktemp("names") / "r.db"
    sc = load(scenarios.find("shrunken-sweater"))
    with Store.open(path) as store:
        for n, name in enumerate([*HOSTILE, ZWJ, *FORMULAS]):
            record = finished_play(sc, seed=n, trainee=name, on_step=store.save_play)
            store.finish_play(record, score(sc, record))
        ghost = finished_play(sc, seed=99, trainee="Ghost")
        store.save_play(dataclasses.replace(ghost, scenario=EVIL_SCENARIO))  # unfinished, unknown scenario
        ghost = dataclasses.replace(finished_play(sc, seed=98, trainee="Ghost"), scenario=EVIL_SCENARIO)
        store.save_play(ghost)
        store.finish_play(ghost, score(sc, ghost))  # finished: in the xAPI statements too
    return str(path)


def no_raw(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text[max(0, found.start() - 40):found.end() + 40]!r}"


def test_the_rule():
    assert shown(ESC_TITLE) == "Eve\\u001b]0;pwned\\u0007"
    assert shown(RLO) == "Ana\\u202etxt.exe"
    assert shown(C1) == "Cécile\\u009b2J\\u0085\\u0090x"
    assert shown(ZWJ) == ZWJ  # joiners act on no terminal nor format: an emoji stays whole
    assert shown("Jo\r\n\tAnn ") == "Jo\\u000d Ann"  # one line; the carriage return shown
    assert shown(shown(ESC_COLOUR)) == shown(ESC_COLOUR)
    assert not CONTROL.search(shown("".join(map(chr, range(0x20))) + "\x7f\x80\x9f\u202a\u202b\u202c\u202d"
                                    "\u202e\u2066\u2067\u2068\u2069"))


# -- the terminal commands ------------------------------------------------------------------------

def test_history_shows_names_escaped(db):
    proc = run_cli("history", "--db", db, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    no_raw(proc.stdout)
    assert "Eve\\u001b]0;pwne" in proc.stdout and "Ana\\u202etxt" in proc.stdout  # the column clips at 18
    assert "Zoé 👩\u200d💻" in proc.stdout


def test_report_shows_a_stored_scenario_id_escaped(db):
    proc = run_cli("report", "--db", db, "--lang", "en", "--scenario", EVIL_SCENARIO)
    no_raw(proc.stdout + proc.stderr)


def test_room_once_shows_names_escaped(db):
    proc = run_cli("room", "--once", "--db", db, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    no_raw(proc.stdout)
    assert "Eve\\u001b]0;pwned\\u0007" in proc.stdout and "Ana\\u202etxt" in proc.stdout
    assert "ghost\\u001b]0;t\\u0007\\u202e" in proc.stdout  # the other scenario, from the database
    assert "Zoé 👩\u200d💻" in proc.stdout


# -- the exports ----------------------------------------------------------------------------------

def export(db: str, fmt: str, *extra: str) -> str:
    proc = run_cli("export", "--format", fmt, "--db", db, "--lang", "en", *extra)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_csv_escapes_controls_and_neutralises_formulas(db, tmp_path):
    text = export(db, "csv")
    no_raw(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {r["trainee"] for r in rows}
    for name in HOSTILE:
        assert escaped(name) in names, (name, names)
    assert ZWJ in names
    for formula in FORMULAS:  # a spreadsheet reads them as text
        assert "'" + formula in names, (formula, names)
    assert any(r["scenario"] == shown(EVIL_SCENARIO) for r in rows)
    out = tmp_path / "plays.csv"  # the file written with --out: the same cells
    run_cli("export", "--format", "csv", "--db", db, "--out", str(out), "--sep", ";")
    no_raw(out.read_text(encoding="utf-8-sig"))


def test_markdown_escapes_controls(db):
    text = export(db, "md")
    no_raw(text)
    assert "Eve\\\\u001b\\]0;pwned\\\\u0007" in text  # the backslash itself escaped for Markdown
    assert "Zoé 👩\u200d💻" in text
    assert "ghost\\\\u001b\\]0;t" in text


def test_html_escapes_controls_and_overrides(db):
    page = export(db, "html")
    no_raw(page)
    assert "Ana\\u202etxt.exe" in page and "Bob\\u2066isolated\\u2069" in page
    assert "Zoé 👩\u200d💻" in page


def test_json_keeps_the_exact_names_as_json_escapes(db):
    text = export(db, "json")
    no_raw(text)  # C1 and bidi characters, which json.dumps leaves raw, written as \\uXXXX too
    names = {p["trainee"] for p in json.loads(text)}
    assert {*HOSTILE, ZWJ, *FORMULAS} <= names  # exact data: read back, the same characters


def test_history_and_report_json_keep_the_exact_names(db):
    proc = run_cli("history", "--db", db, "--json")
    no_raw(proc.stdout)
    assert {*HOSTILE, ZWJ} <= {r["trainee"] for r in json.loads(proc.stdout)}


def test_xapi_account_is_exact_and_the_display_name_escaped(db):
    text = export(db, "xapi")
    no_raw(text)
    statements = json.loads(text)
    accounts = {s["actor"]["account"]["name"] for s in statements}
    displayed = {s["actor"]["name"] for s in statements}
    assert {*HOSTILE, ZWJ} <= accounts  # the identity an LRS matches statements on: the exact name
    for name in HOSTILE:
        assert name not in displayed and escaped(name) in displayed
    assert ZWJ in displayed
    ghost = [s for s in statements if s["object"]["id"].endswith("/scenarios/ghost%1B%5D0%3Bt%07%E2%80%AE")]
    assert ghost, "the play of the unknown scenario has statements"
    # its activity's display name falls back on the id from the database: shown by the rule
    assert {s["object"]["definition"]["name"]["en-US"] for s in ghost} == {shown(EVIL_SCENARIO)}


# -- the screens (Pilot) --------------------------------------------------------------------------

async def test_room_screen_shows_names_escaped(db):
    from simulator.tui.room import RoomApp
    from simulator.workshop.room_source import StoreRoomSource
    source = StoreRoomSource.open(db)
    try:
        app = RoomApp(source, lang="en", interval=60)
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            from tui_helpers import screen_text
            seats = str(app.room.query_one("#room-seats").render())
            no_raw(seats)
            assert "Eve\\u001b]0;pwned\\u0007" in seats and "ghost\\u001b" in seats
            no_raw(screen_text(app))
            await pilot.press("q")
    finally:
        source.close()


async def test_game_screens_show_a_stored_name_escaped(tmp_path):
    """A name stored before names were checked at entry (or by another tool): the library's
    name field and the history screen show it escaped."""
    from tui_helpers import make_app, screen_text
    app = make_app(tmp_path, settings={"trainee": ESC_TITLE + RLO, "coach": "0"})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        no_raw(screen_text(app))
        assert "Eve\\u001b]0;pwned" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        from simulator.tui.screens import HistoryScreen
        assert isinstance(app.screen, HistoryScreen)
        no_raw(screen_text(app))
        assert "Eve\\u001b]0;pwned" in screen_text(app)


# -- entry: the names a trainee types --------------------------------------------------------------

def test_name_refusal_names_the_character():
    assert name_refusal("Marie D") is None and name_refusal(ZWJ) is None
    assert name_refusal(ESC_TITLE) == "U+001B (escape)"
    assert name_refusal(RLO) == "U+202E (right-to-left override)"


async def test_a_workshop_seat_refuses_a_name_with_controls(tmp_path):
    from textual.widgets import Input
    from tui_helpers import make_app
    app = make_app(tmp_path, participant=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#name", Input)
        field.insert_text_at_cursor("Eve\x1b]0;x\x07")  # as a paste would bring it
        await pilot.pause()
        assert field.value == ""  # refused, not stored
        said = [n.message for n in app._notifications]
        assert any("U+001B (escape)" in m for m in said), said
        field.insert_text_at_cursor("x" * 80)
        await pilot.pause()
        assert field.value == ""  # longer than a name: refused too
        assert any("at most 60" in n.message for n in app._notifications)
        field.insert_text_at_cursor("Zoé 👩\u200d💻")
        await pilot.press("enter")
        await pilot.pause()
        assert app.trainee == "Zoé 👩\u200d💻"


async def test_the_library_name_field_refuses_controls(tmp_path):
    from textual.widgets import Input
    from tui_helpers import make_app
    app = make_app(tmp_path, settings={"coach": "0"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#trainee", Input)
        field.insert_text_at_cursor("Ana\u202etxt")
        await pilot.pause()
        assert field.value == "" and not app.trainee
        assert app.store.get_setting("trainee") in (None, "")
        assert any("U+202E" in n.message for n in app._notifications)
        field.insert_text_at_cursor("Ana")
        await pilot.pause()
        assert app.trainee == "Ana"
