"""A real terminal: `litige` runs in tmux, keys go in with send-keys, the screen comes back with
capture-pane, through one full play to the debrief. Waiting polls the screen (no timed assertion)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

from conftest import ROOT, needs

TMUX = shutil.which("tmux")
pytestmark = needs(None if TMUX else "tmux is not installed (CI installs it: .ci/run)", "LITIGE_REQUIRE_TMUX")


SOCKET = f"litige-test-{os.getpid()}"  # a server of our own: other sessions' tmux is left alone


def tmux(*args: str) -> str:
    return subprocess.run([TMUX or "tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, text: str, limit: float = 60.0) -> str:
    """Poll the pane until `text` shows (the limit only stops a hung test)."""
    end = time.monotonic() + limit
    screen = ""
    while time.monotonic() < end:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")


def test_one_full_play_in_a_real_terminal(tmp_path):
    session = f"litige-{uuid.uuid4().hex[:8]}"
    env = {"LITIGE_DB": str(tmp_path / "litige.db"), "LITIGE_LANG": "en", "PYTHONPATH": str(ROOT),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm-256color"}
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command += f" {shlex.quote(sys.executable)} -m simulator.cli.main; sleep 30"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), command)
    try:
        screen = wait_for(session, "Pick a scenario")
        assert "Best score" in screen
        # the first start: the name field has the focus, and takes letters that are shortcuts elsewhere
        tmux("send-keys", "-t", session, "-l", "Lucas Tellier")
        wait_for(session, "Lucas Tellier")
        tmux("send-keys", "-t", session, "Enter")  # the name done: the list
        time.sleep(0.3)
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "What is at stake")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "Your answer")
        for _ in range(40):
            screen = tmux("capture-pane", "-p", "-t", session)
            if "Debrief" in screen:
                break
            if "The play is over" in screen:  # the ending's own line, last: Enter for the debrief
                tmux("send-keys", "-t", session, "Enter")
                break
            step = next((line for line in screen.splitlines() if "Step " in line), "")
            tmux("send-keys", "-t", session, "1")
            end = time.monotonic() + 30
            while time.monotonic() < end:  # the next node (or the debrief) is on screen
                now = tmux("capture-pane", "-p", "-t", session)
                if "Debrief" in now or (step and step not in now):
                    break
                time.sleep(0.1)
        screen = wait_for(session, "Litige — Debrief — ")
        assert "Ending: " in screen
        assert "Score:" in screen and "/100" in screen
        assert "✓" in screen or "✗" in screen or "○" in screen
        tmux("send-keys", "-t", session, "e")
        wait_for(session, "Debrief exported")
        assert list((tmp_path / "data" / "litige" / "debriefs").glob("*.md"))
        from simulator.results.store import Store
        (row,) = Store.open(tmp_path / "litige.db").history()
        assert row.trainee == "Lucas Tellier" and row.finished  # stored under the name typed
    finally:
        subprocess.run([TMUX or "tmux", "-L", SOCKET, "kill-server"], capture_output=True)
