"""Failures that used to be silent (issue 20): a broken install, and the game's holds on names and
plays when the store cannot take or check them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from tui_helpers import make_app

from simulator.results.holds import seats_dir
from simulator.results.store import StoreError

ROOT = Path(__file__).resolve().parent.parent


def test_a_broken_textual_install_is_said_in_one_line_with_a_non_zero_exit(tmp_path):
    """`litige` starting the game with a Textual that does not import: it printed the help and
    exited 0, as if all were well."""
    broken = tmp_path / "site" / "textual"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("no module named textual._broken")\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT)]),
           "LITIGE_DB": str(tmp_path / "litige.db")}
    game = subprocess.run([sys.executable, "-m", "simulator.cli.main", "--lang", "en"], capture_output=True, text=True,
                          cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, timeout=60)
    assert game.returncode == 1, (game.returncode, game.stdout, game.stderr)
    assert game.stdout == ""  # not the help
    lines = game.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("litige: error: the game's terminal interface does not load"), lines
    assert "textual._broken" in lines[0] and "reinstall" in lines[0]


async def test_a_name_the_store_cannot_hold_is_played_on_said_and_logged(tmp_path, caplog):
    """A seat whose store cannot hold its trainee's name (its seats folder cannot be made: here a
    file stands in its place) plays on, as a room with a broken folder must, but says so on the
    screen and in the log: it failed open without a word."""
    app = make_app(tmp_path)
    seats_dir(app.store.path).write_text("not a folder")
    async with app.run_test() as pilot:
        with caplog.at_level(logging.WARNING, logger="litige.game"):
            assert app.claim_name("Marie") is True
        await pilot.pause()
        assert app.claimed is None  # nothing is held, so nothing is let go later
        assert any("Marie" in r.getMessage() and "unheld" in r.getMessage() for r in caplog.records), caplog.text
        notes = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Not saved: ") for n in notes), notes


async def test_a_play_whose_hold_cannot_be_checked_is_not_offered_and_is_logged(tmp_path, caplog, monkeypatch):
    """A play that another live game may hold is not offered to resume when its hold cannot be
    checked (it was offered: two games would then write one play)."""
    app = make_app(tmp_path)

    def cannot_check(play_id: str) -> bool:
        raise StoreError("cannot read the seats folder")

    monkeypatch.setattr(app.store, "play_free", cannot_check)
    with caplog.at_level(logging.WARNING, logger="litige.game"):
        assert app._free("p1") is False
    assert any("p1" in r.getMessage() and "cannot be checked" in r.getMessage() for r in caplog.records), caplog.text
