"""`litige serve` in a real headless Chromium (Debian's chromium + chromium-driver, Selenium).

Skipped, with the reason, only where Chromium or Selenium cannot be installed.
"""

from __future__ import annotations

import pytest

from workshop_helpers import Served, chromium, chromium_or_skip_reason, wait_for

CODE = "ATELIER7"

pytestmark = pytest.mark.skipif(isinstance(chromium_or_skip_reason(), str),
                                reason=str(chromium_or_skip_reason()))


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
