"""The workshop's accessible page (issue 19): line mode as HTML text over a websocket.

Three layers: the seat's session (PlainPlay, over line mode's LineSession, a real SQLite file);
the WorkshopServer in this process driven by aiohttp's client (the door, the cap shared with the
terminal seats, resuming a seat); and a real `litige serve` on loopback driven in headless
Chromium by keyboard only, audited by axe-core (vendored: tests/fixtures/axe-core/README.md).
The browser tests are skipped only where Chromium or Selenium is missing; .ci/run installs them
and sets LITIGE_REQUIRE_CHROMIUM=1, and there a missing browser fails them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from conftest import FIXTURES, needs
from workshop_helpers import Served, chromium, chromium_or_skip_reason, free_port, wait_for

from simulator.lang.i18n import t
from simulator.results.store import Store
from simulator.workshop.entry_rules import Gate
from simulator.workshop.plain_page import word
from simulator.workshop.plain_play import PlainPlay
from simulator.workshop.server import WorkshopServer

CODE = "ATELIER7"
STORY = "shrunken-sweater"
TINY = Path(__file__).parent / "fixtures" / "workshop" / "tiny_app.py"
AXE = FIXTURES / "axe-core" / "axe.min.js"
AXE_SHA256 = "e9e5863c33a874f09bc01acd9234b7e3c871479f5eef8802fa582544465e6d01"  # axe-core 4.11.0
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_found = chromium_or_skip_reason()
browser_needed = needs(_found if isinstance(_found, str) else None, "LITIGE_REQUIRE_CHROMIUM")


def path_to_an_ending(story: str, prefer: int) -> list[int]:
    """The digits a trainee presses: answer `prefer` (or the last offered) until an ending."""
    import scenarios
    from simulator.format.loader import load
    from simulator.play.engine import Play
    play = Play(load(scenarios.find(story)), clock=lambda: 0.0)
    digits = []
    while not play.finished:
        n = min(prefer, len(play.offered()))
        play.choose(n - 1)
        digits.append(n)
    return digits


# -- the seat's session --------------------------------------------------------------------

def test_a_seat_asks_the_name_once_then_the_library_and_plays_line_mode_to_the_debrief(tmp_path):
    db = tmp_path / "room.db"
    seat = PlainPlay(lang="en", db=db)
    try:
        first = seat.start()
        assert [e.kind for e in first] == ["heading", "prompt"]
        assert first[-1].text == t("participant.name", "en")
        assert [e.kind for e in seat.answer("   ")] == ["notice", "prompt"]      # no name: asked again
        refused = seat.answer("Zo\x1be")
        assert refused[0].text == t("tui.name_refused", "en", char="U+001B (escape)")
        library = seat.answer("  Zoé  ")
        assert library[0].kind == "choices" and "The shrunken sweater" in library[0].items
        started = seat.answer(str(library[0].items.index("The shrunken sweater") + 1))
        kinds = [e.kind for e in started]
        # the briefing under its heading, then the conversation under its own
        assert started[0] == started[0].__class__("heading", word("briefing", "en", title="The shrunken sweater"))
        conversation = [e.text for e in started if e.kind == "heading"].index(word("conversation", "en"))
        assert conversation == 1 and kinds[-2:] == ["choices", "prompt"]
        # the page's key help (a digit answers at once), not the terminal's (number then Enter)
        notices = [e.text for e in started if e.kind == "notice"]
        assert word("keys", "en") in notices and t("line.keys", "en") not in notices
        assert word("help", "en") in [e.text for e in seat.answer("?")]
        for digit in path_to_an_ending(STORY, 1):
            events = seat.answer(str(digit))
        kinds = [e.kind for e in events]
        assert "debrief" in kinds and kinds[-2:] == ["choices", "prompt"]   # then the library again
        assert not seat.finished and seat.trainee == "Zoé"                  # the name kept
        assert [e.kind for e in seat.answer("q")] == ["notice"] and seat.finished
    finally:
        seat.close()
    with Store.open(db) as store:
        plays = store.plays()
    assert len(plays) == 1 and plays[0].finished and plays[0].record.trainee == "Zoé"
    assert len(plays[0].record.steps) == len(path_to_an_ending(STORY, 1))


def test_the_library_is_read_once_for_every_seat():
    from simulator.workshop.plain_play import library
    assert library() is library() and len(library()) >= 5


def test_a_room_with_one_story_ends_the_seat_at_its_debrief_and_one_name_is_one_seat(tmp_path):
    db = tmp_path / "room.db"
    one, two = PlainPlay(lang="fr", db=db, scenario=STORY), PlainPlay(lang="fr", db=db, scenario=STORY)
    try:
        one.start(), two.start()
        assert one.answer("Marie")[0].kind == "heading"                     # straight to the story
        assert two.answer("Marie")[0].text == t("participant.name_taken", "fr")
        for digit in path_to_an_ending(STORY, 2):
            one.answer(str(digit))
        assert one.finished
        assert one.answer("1")[0].text == t("line.over", "fr")
    finally:
        one.close(), two.close()
    again = PlainPlay(lang="fr", db=db, scenario=STORY)
    try:
        again.start()
        assert again.answer("Marie")[0].kind == "heading"                   # the name is free again
    finally:
        again.close()


def test_a_play_quit_on_the_page_is_resumed_by_giving_the_same_name_again(tmp_path):
    db = tmp_path / "room.db"
    path = path_to_an_ending(STORY, 2)
    seat = PlainPlay(lang="en", db=db, scenario=STORY)
    try:
        seat.start(), seat.answer("Noor")
        seat.answer(str(path[0]))
        assert seat.answer("q")[0].kind == "prompt"                      # asked first
        assert [e.text for e in seat.answer("y")] == [t("line.quit_saved", "en")] and seat.finished
    finally:
        seat.close()
    again = PlainPlay(lang="en", db=db, scenario=STORY)
    try:
        again.start()
        events = again.answer("Noor")
        assert t("line.resumed", "en", step=2) in [e.text for e in events]
        for digit in path[1:]:
            events = again.answer(str(digit))
        assert again.finished and "debrief" in [e.kind for e in events]
    finally:
        again.close()
    with Store.open(db) as store:
        plays = store.plays()
    assert len(plays) == 1 and plays[0].finished and len(plays[0].record.steps) == len(path)


# -- the server, in this process -----------------------------------------------------------

@pytest.fixture
async def room(tmp_path):
    """A WorkshopServer (cap 2) with the tiny app as its terminal game and real plain seats."""
    db = tmp_path / "room.db"
    server = WorkshopServer(f"exec {sys.executable} {TINY}", Gate(CODE, max_participants=2),
                            port=free_port(), announce=False, lang="en",
                            plain=lambda: PlainPlay(lang="en", db=db, scenario=STORY))
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", server.port).start()
    async with aiohttp.ClientSession() as session:
        yield server, session, f"127.0.0.1:{server.port}", db
    await server.plain_room.close()
    await runner.cleanup()


async def receive(ws: aiohttp.ClientWebSocketResponse) -> dict:
    msg = await ws.receive(timeout=30)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    return json.loads(msg.data)


async def settle(predicate, timeout: float = 20.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate() and loop.time() < deadline:
        await asyncio.sleep(0.05)
    return predicate()


async def test_a_wrong_code_gets_the_form_and_no_seat(room):
    server, session, host, _ = room
    async with session.get(f"http://{host}/plain?code=WRONG99") as page:
        html = await page.text()
        assert page.status == 403 and 'data-reason="bad_code"' in html
        assert '<form method="get" action="/plain">' in html       # the form leads back here
    ws = await session.ws_connect(f"ws://{host}/plain/ws/WRONG99")
    assert (await receive(ws))["reason"] == "bad_code"
    await ws.close()
    ws = await session.ws_connect(f"ws://{host}/plain/ws/WRONG98?play=anything")
    assert (await receive(ws))["reason"] == "bad_code"
    await ws.close()
    assert server.counters.started == 0 and server.counters.live == 0 and server.plain_room.seats == {}
    assert server.counters.refused_code == 3


async def test_wrong_codes_on_the_accessible_page_are_throttled_like_the_terminal_page(room):
    server, session, host, _ = room
    for k in range(5):
        async with session.get(f"http://{host}/plain?code=WRONG{k}X") as page:
            assert page.status == 403
    async with session.get(f"http://{host}/plain?code={CODE}") as page:   # even the right code waits
        assert page.status == 429 and "Too many attempts" in await page.text()
    async with session.get(f"http://{host}/plain/ws/{CODE}") as ws:
        assert ws.status == 429
    async with session.get(f"http://{host}/?code={CODE}") as page:        # and the terminal page too
        assert page.status == 429
    assert server.counters.started == 0 and server.plain_room.seats == {}


async def test_the_cap_counts_plain_seats_and_game_processes_together(room):
    server, session, host, _ = room
    server.plain_room.resume_grace = 0.5
    plain = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}")
    assert (await receive(plain))["type"] == "hello"
    game = await session.ws_connect(f"ws://{host}/ws/{CODE}?width=80&height=24")
    assert (await game.receive(timeout=30)).type == aiohttp.WSMsgType.BINARY    # the game draws
    assert server.counters.live == 2

    async with session.get(f"http://{host}/plain?code={CODE}") as page:
        assert page.status == 503 and "The room is full" in await page.text()
    third = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}")
    assert (await receive(third))["reason"] == "full"
    await third.close()
    fourth = await session.ws_connect(f"ws://{host}/ws/{CODE}?width=80&height=24")
    assert b"The room is full" in (await fourth.receive(timeout=30)).data
    await fourth.close()
    assert server.counters.live == 2 and len(server.plain_room.seats) == 1
    async with session.get(f"http://{host}/status?code={CODE}") as status:
        counts = await status.json()
    assert (counts["live"], counts["plain"], counts["max"]) == (2, 1, 2)

    await plain.close()       # the page is gone: its seat waits resume_grace for it, then is free
    assert server.counters.live == 2
    assert await settle(lambda: server.counters.live == 1)
    again = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}")
    assert (await receive(again))["type"] == "hello"
    assert server.counters.live == 2
    await again.close(), await game.close()


async def test_a_page_that_comes_back_gets_its_seat_and_transcript_and_no_new_place(room):
    server, session, host, db = room
    first = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}")
    hello = await receive(first)
    token = hello["play"]
    await first.send_str(json.dumps({"answer": "Alice"}))
    turn = (await receive(first))["events"]
    assert turn[0]["kind"] == "heading" and turn[-1]["kind"] == "prompt"
    await first.send_str(json.dumps({"answer": "2"}))
    await receive(first)
    await first.close()
    await asyncio.sleep(0.2)
    assert server.counters.live == 1                        # held for the page to come back

    back = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}?play={token}")
    resumed = await receive(back)
    assert resumed["type"] == "resume" and resumed["play"] == token
    assert resumed["events"] == hello["events"] + turn + resumed["events"][len(hello["events"]) + len(turn):]
    assert server.counters.started == 1 and server.counters.live == 1
    # the same seat opened in a second tab: the first is told and closed
    other = await session.ws_connect(f"ws://{host}/plain/ws/{CODE}?play={token}")
    assert (await receive(other))["type"] == "resume"
    assert (await receive(back))["type"] == "moved"
    path = path_to_an_ending(STORY, 2)
    for digit in path[1:]:
        await other.send_str(json.dumps({"answer": str(digit)}))
        reply = await receive(other)
    assert "debrief" in [e["kind"] for e in reply["events"]]
    assert (await receive(other))["type"] == "over"
    assert await settle(lambda: server.counters.live == 0)   # a finished seat is freed at once
    with Store.open(db) as store:
        plays = store.plays()
    assert len(plays) == 1 and plays[0].finished and plays[0].record.trainee == "Alice"
    assert [s.chosen for s in plays[0].record.steps] and len(plays[0].record.steps) == len(path)


async def test_the_terminal_page_links_to_the_accessible_page(room):
    server, session, host, _ = room
    async with session.get(f"http://{host}/?code={CODE.lower()}") as page:
        html = await page.text()
    assert '<a id="plain-link" href="/plain?code=ATELIER7">' in html
    assert html.index('id="plain-link"') < html.index('id="terminal"')   # found before the canvas
    async with session.get(f"http://{host}/terminal?code={CODE}") as page:
        assert page.status == 200 and 'id="terminal"' in await page.text()


# -- a real `litige serve` in headless Chromium --------------------------------------------

class Page:
    """One trainee's tab on the accessible page, driven by the keyboard only."""

    def __init__(self, driver, url: str):
        self.driver = driver
        driver.get(url)
        assert wait_for(lambda: self.js("return document.body.dataset.ready === '1'"), timeout=30)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def turns(self) -> int:
        return int(self.js("return document.body.dataset.turns || '0'"))

    def keys(self, *keys: str) -> None:
        """Keys sent to whatever has the focus, as a person types them; waits for the reply."""
        from selenium.webdriver.common.action_chains import ActionChains
        before = self.turns()
        ActionChains(self.driver).send_keys(*keys).perform()
        assert wait_for(lambda: self.turns() > before, timeout=30), self.text()[-800:]

    def focused(self) -> str:
        return self.js("const a = document.activeElement; return a.id || a.textContent")

    def text(self) -> str:
        return self.js("return document.body.innerText")

    def log(self) -> str:
        return self.js("return document.getElementById('log').innerText")

    def audit(self) -> list:
        """axe-core's violations of WCAG 2.0/2.1/2.2 level A and AA in the page as it is now."""
        if not self.js("return !!window.axe"):
            self.js(AXE.read_text())
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.html)}))), e => done([{id: 'axe failed', help: String(e)}]));",
            WCAG_A_AA)


@pytest.fixture
def browser():
    driver = chromium(network_log=True)
    yield driver
    driver.quit()


@browser_needed
def test_a_full_play_by_keyboard_only_to_the_debrief_stored_and_audited(browser, tmp_path, cli):
    from selenium.webdriver.common.keys import Keys
    from workshop_helpers import requested_urls
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    db = tmp_path / "room.db"
    served = Served("--code", CODE, "--db", str(db), "--scenario", STORY, "--lang", "en", "--plain")
    try:
        assert served.link.endswith("/?code=ATELIER7")      # --plain: the join link is this page
        page = Page(browser, served.link)
        # the page itself: its language, a skip link to the answers, a live log, no canvas
        assert page.js("return document.documentElement.lang") == "en"
        assert page.js("return document.querySelector('a.skip').getAttribute('href')") == "#h-answer"
        assert page.js("return document.getElementById('log').getAttribute('role')") == "log"
        assert page.js("return document.getElementById('log').getAttribute('aria-live')") == "polite"
        assert page.js("return document.querySelectorAll('canvas').length") == 0
        assert page.focused() == "typed-input"             # the name is the first question
        assert page.audit() == []

        page.keys("Alice", Keys.ENTER)                      # the name, asked once
        assert "The shrunken sweater — briefing" in page.log() and "Conversation" in page.log()
        assert page.focused().startswith("1. ")            # the first answer has the focus
        assert page.js("return [...document.querySelectorAll('h2')].map(h => h.textContent)")[:4] == [
            "Welcome to the Litige workshop.", "The shrunken sweater — briefing", "Conversation", "Your answer"]
        assert page.audit() == []

        page.keys("?")                                      # help, and the focus stays on answer 1
        assert word("help", "en") in page.log() and page.focused().startswith("1. ")
        page.keys("q")                                      # quit? no: the play goes on
        assert page.focused() == "typed-input" and "Quit the play?" in page.text()
        assert page.audit() == []
        page.keys("n", Keys.ENTER)
        assert t("line.quit_no", "en") in page.log() and page.focused().startswith("1. ")
        lines = page.log().count("Mrs Annick Delorme:")
        page.keys("r")                                      # the last line again
        assert page.log().count("Mrs Annick Delorme:") == lines + 1
        assert page.focused().startswith("1. ")
        page.keys(Keys.TAB, Keys.TAB, "r")                  # r on answer 3: the focus stays there
        assert page.log().count("Mrs Annick Delorme:") == lines + 2 and page.focused().startswith("3. ")
        page.keys(Keys.SHIFT + Keys.TAB, Keys.SHIFT + Keys.TAB, "?")
        assert page.focused().startswith("1. ")

        path = path_to_an_ending(STORY, 2)
        page.keys(Keys.TAB, Keys.ENTER)                     # Tab to answer 2, Enter on it
        assert page.focused().startswith("1. ")
        with Store.open(db) as store:
            assert len(store.plays()[0].record.steps) == 1          # saved at each step
        page.keys(*[Keys.TAB] * (path[1] - 1), Keys.SPACE)   # Tab to the next answer, Space on it
        for digit in path[2:]:
            page.keys(str(digit))
        assert page.focused() == "h-debrief"                # the debrief, read from its heading
        assert page.js("return document.querySelectorAll('#choices button').length") == 0   # no stale answers
        assert page.js("return document.getElementById('h-debrief').tagName") == "H2"
        debrief = page.js("return document.getElementById('debrief').innerText")
        assert "To work on first" in debrief and "The model conversation" in debrief
        # the same debrief as `litige play --choices` prints for the same play (its variant too:
        # each play draws one), line for line
        with Store.open(db, readonly=True) as store:
            variant = store.plays()[0].record.variant
        choices = cli("play", STORY, "--choices", ",".join(map(str, path)), "--lang", "en",
                      *(["--variant", variant] if variant else []), env={"LITIGE_DB": str(tmp_path / "choices.db")})
        assert choices.returncode == 0, choices.stderr
        printed = [line.strip() for line in choices.stdout.splitlines() if line.strip()]
        shown = [line.strip() for line in debrief.splitlines() if line.strip()]
        start = printed.index(shown[0])
        assert printed[start:start + len(shown)] == shown and len(shown) > 20
        assert page.js("return [...document.querySelectorAll('#debrief h3')].length") >= 4
        assert wait_for(lambda: "The play is over." in page.js("return document.getElementById('status').innerText"))
        assert page.audit() == []
        urls = requested_urls(browser)
    finally:
        served.stop()
    outside = [u for u in urls if not u.startswith(("data:", "blob:")) and "127.0.0.1" not in u.split("/")[2]]
    assert outside == [], outside                           # nothing from any other server

    with Store.open(db) as store:
        plays = store.plays()
    assert len(plays) == 1
    play = plays[0]
    assert play.finished and play.record.trainee == "Alice" and play.record.scenario == STORY
    assert len(play.record.steps) == len(path)


@browser_needed
def test_a_reload_resumes_the_play_and_a_reply_never_takes_the_focus_back(browser, tmp_path):
    from selenium.webdriver.common.keys import Keys
    db = tmp_path / "room.db"
    served = Served("--code", CODE, "--db", str(db), "--scenario", STORY, "--lang", "fr", "--max-participants", "1")
    try:
        page = Page(browser, served.link.replace("/?", "/plain?"))
        assert page.js("return document.documentElement.lang") == "fr"
        page.keys("Zoé", Keys.ENTER)
        page.keys("2")
        assert "play=" in browser.current_url
        log = page.log()

        browser.refresh()                                   # the same seat, the same play
        page = Page(browser, browser.current_url)
        assert page.log() == log and page.focused().startswith("1. ")
        assert "prénom" not in page.js("return document.getElementById('typed-label').innerText")
        second = chromium()                                 # the room's one seat is still this page's
        try:
            second.get(served.link.replace("/?", "/plain?"))
            assert "La salle est pleine" in second.page_source
            second.get(served.link.replace("/?code=ATELIER7", "/plain?code=ATELIER8"))   # a wrong code
            assert 'data-reason="bad_code"' in second.page_source
            assert second.find_element("css selector", "form").get_attribute("action").endswith("/plain")
        finally:
            second.quit()

        # an answer, and the reader goes elsewhere before the reply comes: it stays there
        page.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: '1', bubbles: true}));"
                "document.querySelector('header a').focus();")
        assert wait_for(lambda: page.turns() == 1, timeout=30)
        assert page.js("return document.activeElement === document.querySelector('header a')")
        assert page.audit() == []
        # the audit sees what it is there for: a page without its language fails it
        page.js("document.documentElement.removeAttribute('lang')")
        assert [v["id"] for v in page.audit()] == ["html-has-lang"]
    finally:
        served.stop()
    assert served.proc.returncode == 0      # Ctrl+C with a page open: the server ends by itself
    with Store.open(db) as store:
        plays = store.plays()
    assert len(plays) == 1 and [s.chosen for s in plays[0].record.steps][:1] and len(plays[0].record.steps) == 2
