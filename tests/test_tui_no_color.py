"""NO_COLOR (https://no-color.org) in a real terminal: `litige` runs in tmux and the screen comes
back with its escape sequences (capture-pane -e). With NO_COLOR set, every colour the game draws
is a grey (the meaning rests on words and symbols, never on hue); without it, the same screen
has hues. This replaces a test that only read a flag Textual sets itself."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid

from conftest import ROOT, needs

TMUX = shutil.which("tmux")
pytestmark = needs(None if TMUX else "tmux is not installed (CI installs it: .ci/run)", "LITIGE_REQUIRE_TMUX")
SOCKET = f"litige-nocolor-{os.getpid()}"  # one tmux server per screen: litige-nocolor-PID-SESSION
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def tmux(socket: str, *args: str) -> str:
    return subprocess.run([TMUX or "tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


def colours(screen: str) -> set[tuple[int, ...]]:
    """The colours of a captured screen's SGR sequences, as 256-colour indexes (5, n) or RGB (2, r, g, b)."""
    found: set[tuple[int, ...]] = set()
    for params in SGR.findall(screen):
        nums = [int(p) for p in params.split(";") if p != ""]
        i = 0
        while i < len(nums):
            if nums[i] in (38, 48) and i + 1 < len(nums):
                if nums[i + 1] == 5 and i + 2 < len(nums):
                    found.add((5, nums[i + 2]))
                    i += 3
                    continue
                if nums[i + 1] == 2 and i + 4 < len(nums):
                    found.add((2, *nums[i + 2:i + 5]))
                    i += 5
                    continue
            if 30 <= nums[i] <= 37 or 40 <= nums[i] <= 47 or 90 <= nums[i] <= 97 or 100 <= nums[i] <= 107:
                found.add((16, nums[i]))
            i += 1
    return found


def is_grey(colour: tuple[int, ...]) -> bool:
    if colour[0] == 2:
        return colour[1] == colour[2] == colour[3]
    if colour[0] == 5:
        n = colour[1]
        if n >= 232 or n in (0, 7, 8, 15):
            return True
        if 16 <= n <= 231:
            r, g, b = (n - 16) // 36, (n - 16) // 6 % 6, (n - 16) % 6
            return r == g == b
        return False
    return colour[1] % 10 in (0, 7)  # black, white (and their bright forms)


def library_screen(tmp_path, no_color: bool) -> str:
    session = f"litige-{uuid.uuid4().hex[:8]}"
    # a server of its own: killing the last session makes a tmux server exit, and a new session
    # asked of it meanwhile fails ("server exited unexpectedly": seen once in CI)
    socket = f"{SOCKET}-{session}"
    env = {"LITIGE_DB": str(tmp_path / "litige.db"), "LITIGE_LANG": "en", "PYTHONPATH": str(ROOT),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm-256color", "COLORTERM": ""}
    command = "env -u NO_COLOR " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    if no_color:
        command += " NO_COLOR=1"
    command += f" {shlex.quote(sys.executable)} -m simulator.cli.main; sleep 30"
    tmux(socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", str(ROOT), command)
    try:
        end = time.monotonic() + 60
        screen = ""
        while time.monotonic() < end:
            screen = tmux(socket, "capture-pane", "-e", "-p", "-t", session)
            if "Pick a scenario" in screen and colours(screen):
                time.sleep(0.5)  # one more frame: the first paint may still be partial
                return tmux(socket, "capture-pane", "-e", "-p", "-t", session)
            time.sleep(0.2)
        raise AssertionError(f"the library never showed; the screen was:\n{screen}")
    finally:
        subprocess.run([TMUX or "tmux", "-L", socket, "kill-server"], capture_output=True)


def test_is_grey_tells_greys_from_hues():
    assert all(is_grey(c) for c in [(5, 16), (5, 232), (5, 255), (5, 59), (2, 9, 9, 9), (16, 30), (16, 97)])
    assert not any(is_grey(c) for c in [(5, 23), (5, 32), (5, 17), (2, 9, 9, 10), (16, 31), (5, 1)])


def test_no_color_draws_only_greys_in_a_real_terminal(tmp_path):
    plain = colours(library_screen(tmp_path / "plain", no_color=False))
    grey = colours(library_screen(tmp_path / "grey", no_color=True))
    assert any(not is_grey(c) for c in plain), plain  # the test can see a hue when there is one
    assert grey and all(is_grey(c) for c in grey), sorted(c for c in grey if not is_grey(c))
