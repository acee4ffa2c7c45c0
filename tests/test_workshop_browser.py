"""`litige serve` in a real headless Chromium (Debian's chromium + chromium-driver, Selenium).

Skipped, with the reason, only where Chromium or Selenium cannot be installed; .ci/run installs
them and sets LITIGE_REQUIRE_CHROMIUM=1, and there a missing browser fails these tests.
"""

from __future__ import annotations

import pytest
from conftest import needs
from workshop_helpers import Served, chromium, chromium_or_skip_reason, wait_for

CODE = "ATELIER7"

_found = chromium_or_skip_reason()
pytestmark = needs(_found if isinstance(_found, str) else None, "LITIGE_REQUIRE_CHROMIUM")


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def served(tmp_path):
    s = Served("--code", CODE, "--max-participants", "1", "--db", str(tmp_path / "room.db"), "--lang", "en")
    yield s
    s.stop()


def test_browser_without_the_code_gets_a_form_and_no_process(browser, served):
    from selenium.webdriver.common.by import By
    browser.get(f"{served.base}/")
    assert browser.find_element(By.ID, "refused").get_attribute("data-reason") == "bad_code"
    browser.get(f"{served.base}/?code=WRONG99")
    assert "wrong join code" in browser.page_source
    field = browser.find_element(By.NAME, "code")
    field.send_keys("atelier-7\n")   # typed loosely: case and dashes do not matter
    assert wait_for(lambda: browser.find_elements(By.ID, "terminal"), timeout=20)
    assert "code=atelier-7" in browser.current_url
    assert wait_for(lambda: len(served.children()) == 1, timeout=30)  # now, and only now, a game


def path_by_keyboard(scenario_id: str, prefer: int) -> list[int]:
    """The digits a participant presses: choice `prefer` (or the last offered) until an ending."""
    import scenarios
    from simulator.format.loader import load
    from simulator.play.engine import Play
    play = Play(load(scenarios.find(scenario_id)), clock=lambda: 0.0)
    digits = []
    while not play.finished:
        n = min(prefer, len(play.offered()))
        play.choose(n - 1)
        digits.append(n)
    return digits


def test_two_participants_play_a_scenario_by_keyboard_in_chromium(browser, tmp_path, cli):
    from selenium.webdriver.common.keys import Keys
    from workshop_helpers import TerminalTab

    from simulator.results.store import Store

    db = tmp_path / "room.db"
    scenario = "shrunken-sweater"
    served = Served("--code", CODE, "--db", str(db), "--scenario", scenario, "--lang", "en")
    try:
        tabs = {"Alice": TerminalTab(browser, served.link, new_tab=False),
                "Bob": TerminalTab(browser, served.link, new_tab=True)}
        assert wait_for(lambda: len(served.children()) == 2, timeout=60), served.output()
        for name, tab in tabs.items():
            assert tab.wait_text("Your first name", timeout=90), tab.screen()[-500:]
            mark = tab.mark()
            tab.keys(name)
            assert tab.wait_text(name, after=mark, timeout=30), tab.screen()[-500:]   # the field echoes it
            mark = tab.mark()
            tab.keys(Keys.ENTER)
            assert tab.wait_text("to begin", after=mark, timeout=60), tab.screen()[-500:]  # the briefing
            mark = tab.mark()
            tab.keys(Keys.ENTER)
            assert tab.wait_text("1. ", after=mark, timeout=60), tab.screen()[-500:]  # the first choices

        def steps_of(name: str) -> int:
            with Store.open(db) as store:
                rows = store.history(trainee=name)
            return rows[0].steps if rows else 0

        paths = {"Alice": path_by_keyboard(scenario, 1), "Bob": path_by_keyboard(scenario, 2)}
        assert paths["Alice"] != paths["Bob"]
        for k in range(max(len(p) for p in paths.values())):   # both play at once, a step each in turn
            for name, tab in tabs.items():
                if k < len(paths[name]):
                    tab.keys(str(paths[name][k]))
                    assert wait_for(lambda: steps_of(name) == k + 1, timeout=60), (  # noqa: B023 (waited for here)
                        name, k, tab.screen()[-800:])
        for tab in tabs.values():  # the ending's own line comes last in the play, then Enter
            assert tab.wait_text("Enter for the debrief", timeout=60), tab.screen()[-800:]
            tab.keys(Keys.ENTER)
            assert tab.wait_text("Debrief", timeout=60), tab.screen()[-800:]

        with Store.open(db) as store:
            plays = {p.record.trainee: p for p in store.plays()}
        assert set(plays) == {"Alice", "Bob"}
        for name, play in plays.items():
            assert play.finished and play.record.scenario == scenario
            assert len(play.record.steps) == len(paths[name])
        report = cli("report", "--db", str(db), "--lang", "en")
        assert report.returncode == 0, report.stderr
        assert "2 finished plays, 2 trainees" in report.stdout

        browser.close()                       # one tab closed: its game process ends
        assert wait_for(lambda: len(served.children()) == 1, timeout=60)
    finally:
        served.stop()
    assert served.children() == []


def test_the_game_page_asks_nothing_of_any_other_server(served):
    """textual-serve's page loaded its font from a public font service: every participant's
    browser called out. Every request now goes to the workshop's own server, font included."""
    from urllib.parse import urlsplit

    from workshop_helpers import requested_urls
    driver = chromium(network_log=True)
    try:
        driver.get(served.link)
        assert wait_for(lambda: len(served.children()) == 1, timeout=60), served.output()
        assert wait_for(lambda: "-first-byte" in (driver.find_element("tag name", "body").get_attribute("class") or ""),
                        timeout=60)                                   # the game is drawing
        assert driver.execute_script("return document.fonts.check('16px \"Roboto Mono\"')")
        urls = requested_urls(driver)
    finally:
        driver.quit()
    assert any(urlsplit(u).path.endswith("/static/fonts/RobotoMono-VariableFont_wght.ttf") for u in urls), urls
    outside = [u for u in urls if not u.startswith(("data:", "blob:")) and urlsplit(u).hostname != "127.0.0.1"]
    assert outside == [], outside
