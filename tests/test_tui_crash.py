"""The game crashing (issue 17): it exits non-zero with one line on stderr naming a log file under
the user's state folder, and the traceback Textual would have printed is in that file.

The crash is made from outside: a `python -c` subprocess replaces a method of the game with one
that raises, then runs the CLI as `litige` would (no hook in the game for tests). Textual's own
TEXTUAL_DRIVER setting runs it headless, so that nothing but the game's own words reach stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CRASH = """
import sys
from simulator.tui.app import LitigeApp
from simulator.tui.screens import LibraryScreen

def broken(self):
    raise ZeroDivisionError("the library broke for Eve\\x1b]0;pwned\\x07")

LibraryScreen.on_mount = broken
from simulator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""

# the same, but the crash happens before the app runs its loop (while it is built)
CRASH_BEFORE_RUN = """
import sys
import simulator.tui.start as game

def broken(*args, **kwargs):
    raise RuntimeError("cannot build the game")

game.build = broken
from simulator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def run_game(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "TMPDIR": str(tmp_path), "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    env.pop("LITIGE_DB", None)
    return subprocess.run([sys.executable, "-c", code, "--db", str(tmp_path / "r.db"), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def crash_log(proc: subprocess.CompletedProcess, tmp_path: Path) -> Path:
    """The one stderr line, checked, and the log it names."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("litige: "), line
    assert "Traceback" not in line
    logs = sorted((tmp_path / "state").rglob("*.log"))
    assert len(logs) == 1, logs
    assert str(logs[0]) in line, line
    return logs[0]


def test_a_crash_exits_1_with_one_line_naming_the_log(tmp_path):
    proc = run_game(CRASH, tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    log = crash_log(proc, tmp_path)
    assert "ZeroDivisionError" in proc.stderr  # the line says what broke
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text and "the library broke" in text
    assert "broken" in text  # the frame that raised, as a developer needs it
    assert "\x1b" not in text and "\x07" not in text  # no colour codes, nor a name's escape sequence
    assert "Eve\\u001b]0;pwned\\u0007" in text and "Eve\\u001b]0;pwned\\u0007" in proc.stderr  # shown escaped


def test_a_crash_before_the_loop_is_logged_the_same_way(tmp_path):
    proc = run_game(CRASH_BEFORE_RUN, tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    log = crash_log(proc, tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "cannot build the game" in text


def test_a_game_that_quits_normally_exits_0_and_writes_no_log(tmp_path):
    quits = CRASH.replace("LibraryScreen.on_mount = broken", "LibraryScreen.on_mount = lambda self: self.app.exit()")
    proc = run_game(quits, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ""
    assert not list((tmp_path / "state").rglob("*.log"))


def test_a_log_that_cannot_be_written_still_gives_one_line_and_exit_1(tmp_path):
    (tmp_path / "state").write_text("a file where the folder should be", encoding="utf-8")
    proc = run_game(CRASH, tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "ZeroDivisionError" in lines[0], proc.stderr
    logs = list((tmp_path / "litige-crashes").glob("*.log"))  # the temporary folder ($TMPDIR) instead
    assert len(logs) == 1 and str(logs[0]) in lines[0], (logs, lines)
