"""Helpers for the workshop tests: child processes, free ports, a `litige serve` subprocess."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def children(pid: int, running: str | None = None) -> list[int]:
    """Live (not zombie) direct children of `pid`, read from /proc; only those whose command
    line holds `running`, when given (the test process has other children: resource trackers…)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields["PPid"].strip()) != pid or fields["State"].strip().startswith("Z"):
            continue
        if running is None or running in cmdline:
            found.append(int(entry))
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0, step: float = 0.1) -> bool:
    """Poll until `predicate()` holds; False if it never did within `timeout` (not a speed test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class Served:
    """`python -m simulator.cli.main serve ...` running on a free loopback port."""

    def __init__(self, *args: str, env: dict[str, str] | None = None, log: Path | None = None):
        import tempfile
        self.port = free_port()
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
        # output to a file, not a pipe nobody reads (a full pipe would block the server)
        self.log = log or Path(tempfile.mkstemp(prefix="litige-serve-", suffix=".log")[1])
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "simulator.cli.main", "serve", "--port", str(self.port), *args],
                stdout=out, stderr=subprocess.STDOUT, text=True, env=full_env, cwd=ROOT)
        if not wait_for(lambda: "Ctrl+C" in self.output() or self.proc.poll() is not None, timeout=60):
            self.stop()
            raise AssertionError("litige serve did not start:\n" + self.output())
        if self.proc.poll() is not None:
            raise AssertionError(f"litige serve exited {self.proc.returncode}:\n" + self.output())
        self.banner = self.output().splitlines()
        self.base = f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    @property
    def link(self) -> str:
        return next(line.split(": ", 1)[1].strip() for line in self.banner if "link" in line)

    def children(self) -> list[int]:
        return children(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(2)  # Ctrl+C
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# -- a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) --------

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")


def chromium_or_skip_reason() -> tuple[str, str] | str:
    """(chromium, chromedriver) paths, or why the browser tests cannot run here."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    browser = next((p for p in CHROMIUM if os.path.exists(p)), None)
    driver = next((p for p in CHROMEDRIVER if os.path.exists(p)), None)
    if not browser or not driver:
        return "Debian's chromium and chromium-driver are not installed (.ci/run installs them as root)"
    return browser, driver


def chromium(width: int = 1000, height: int = 700, *, network_log: bool = False):
    """A headless Chromium driven by the system chromedriver (Selenium Manager never downloads).
    `network_log`: keep the DevTools network events (`driver.get_log("performance")`)."""
    found = chromium_or_skip_reason()
    if isinstance(found, str):
        import pytest
        if os.environ.get("LITIGE_REQUIRE_CHROMIUM"):
            pytest.fail(f"LITIGE_REQUIRE_CHROMIUM is set but {found}", pytrace=False)
        pytest.skip(found)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", f"--window-size={width},{height}"):
        options.add_argument(arg)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(found[1]), options=options)


# The page's terminal is xterm.js drawing on a canvas: to know what a participant sees, the
# test records what the game sends down the websocket (a wrapper installed before the page's
# own scripts run) and reads it with the escape sequences taken out.
SNIFF_TERMINAL = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__term = "";
  function Recording(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    ws.addEventListener("message", (e) => {
      if (typeof e.data !== "string") {
        window.__term += decoder.decode(new Uint8Array(e.data), {stream: true});
        if (window.__term.length > 4000000) window.__term = window.__term.slice(-2000000);
      }
    });
    return ws;
  }
  Recording.prototype = Native.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Recording[k] = Native[k];
  window.WebSocket = Recording;
})();
"""
_ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")


class TerminalTab:
    """One participant: a browser tab on the game page, typed into by keyboard."""

    def __init__(self, driver, url: str, *, new_tab: bool):
        self.driver = driver
        if new_tab:
            driver.switch_to.new_window("tab")
        self.handle = driver.current_window_handle
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SNIFF_TERMINAL})
        driver.get(url)

    def focus(self) -> None:
        self.driver.switch_to.window(self.handle)

    def screen(self) -> str:
        """Everything the game has drawn in this tab so far, as plain text."""
        self.focus()
        return _ESCAPES.sub("", self.driver.execute_script("return window.__term || ''"))

    def mark(self) -> int:
        return len(self.screen())

    def wait_text(self, *texts: str, after: int = 0, timeout: float = 60.0) -> bool:
        """Wait until the game draws one of `texts` (after the `mark()` given)."""
        return wait_for(lambda: any(t in self.screen()[after:] for t in texts), timeout=timeout, step=0.2)

    def keys(self, *keys: str) -> None:
        from selenium.webdriver.common.by import By
        self.focus()
        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)


def alive(pid: int) -> bool:
    """Is `pid` a running process (not gone, not a zombie nobody has reaped yet)?"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    state = next((line for line in status.splitlines() if line.startswith("State:")), "")
    return "Z" not in state.split(":", 1)[1].split()[0] if state else False


def screen_text(data: bytes | str) -> str:
    """What a game sent to the terminal, as plain text (escape sequences taken out)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return _ESCAPES.sub("", text)


def requested_urls(driver) -> list[str]:
    """Every URL the page asked for since the last call (needs chromium(network_log=True))."""
    import json
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
