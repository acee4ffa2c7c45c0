"""The shell command that starts one participant's game: the game in participant mode, tied
to the server that spawned it (textual-serve runs it once per websocket)."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.workshop.server_watch import SERVER_PID_ENV


def package_root() -> Path:
    """The folder holding the `simulator` package that runs this server (a checkout or site-packages)."""
    import simulator
    return Path(simulator.__file__).resolve().parent.parent


def child_command(*, python: str = sys.executable, db: str | None = None, lang: str | None = None,
                  scenario: str | None = None, no_timers: bool = False, extra: Sequence[str] = (),
                  server_pid: int | None = None, coach: bool = False) -> str:
    """The shell command textual-serve runs for each participant: the game, in participant mode.

    `exec` so that the game process is the server's direct child (no shell in between): a
    closed tab's quit reaches it, and the processes can be counted. The server's pid (this
    process's, by default) goes in its environment: the game ends when that server is gone.
    No animations in a seat (TEXTUAL_ANIMATIONS=none; the meters' slide honours it too): a step
    then sends half the frames and costs the game about a quarter less CPU (80 -> 61 ms a key,
    bench/serve_bench.py), which a full room on two cores needs; the facilitator's game keeps them.
    """
    env = [f"PYTHONPATH={shlex.quote(str(package_root()))}",
           f"{SERVER_PID_ENV}={server_pid or os.getpid()}", "TEXTUAL_ANIMATIONS=none"]
    if db:
        env.append(f"LITIGE_DB={shlex.quote(str(Path(db).resolve()))}")
    if lang:
        env.append(f"LITIGE_LANG={shlex.quote(lang)}")
    args = [python, "-m", "simulator.cli.main"]
    if db:
        args += ["--db", str(Path(db).resolve())]
    if no_timers:
        args.append("--no-timers")
    if coach:  # the facilitator's `litige serve --coach`; a seat plays as an exam otherwise
        args.append("--coach")
    args.append("--participant")
    if scenario:
        args += ["--scenario", scenario]
    args += list(extra)
    return "exec env " + " ".join(env) + " " + " ".join(shlex.quote(a) for a in args)
