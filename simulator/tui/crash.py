"""A crash of a Textual app of litige (the game, the room, the preview): its traceback in a log
file, one line on stderr naming it, exit status 1 (Textual alone printed it and exited 0)."""

from __future__ import annotations

import io
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TypeVar

from textual.app import App

CRASH_FOLDER = "crashes"
Result = TypeVar("Result")


def run_logged(app: App[Result]) -> int:
    """Run `app` until it exits: 0, or 1 with its crash logged (see crashed)."""
    from rich.console import Console

    # Textual prints the traceback of a crash on stderr and returns as if all went well:
    # it goes to a log file instead, and the app exits 1 with one line naming it.
    errors = io.StringIO()
    app.error_console = Console(file=errors, markup=False, highlight=False, color_system=None, width=100)
    app.run()
    if app.return_code:
        error = getattr(app, "_exception", None)  # the first unhandled error (Textual keeps it for Pilot)
        plain = "".join(traceback.format_exception(error)) if error is not None else ""
        return crashed(error, errors.getvalue() + ("\n" + plain if plain else ""))
    return 0


def crashed(error: BaseException | None, report: str) -> int:
    """The game stopped on an error it did not expect: its report (the traceback) in a log file
    under the user's state folder, else the temporary folder, and one line on stderr naming the
    error and the file. Returns the exit status, 1."""
    from simulator.lang.plaintext import shown, visible
    what = shown(f"{type(error).__name__}: {error}" if error is not None else "an unexpected error")
    what = what if len(what) <= 160 else what[:159] + "…"
    stamp = time.strftime("%Y%m%dT%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.log"
    problem: OSError | None = None
    for folder in crash_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(visible(report), encoding="utf-8")  # a name in an error message acts on no terminal
        except OSError as exc:
            problem = problem or exc
            continue
        print(f"litige: the game stopped on an error ({what}); its report is in {shown(str(path))}", file=sys.stderr)
        return 1
    print(f"litige: the game stopped on an error ({what}); its report could not be written "
          f"({shown(str(problem))})", file=sys.stderr)
    return 1


def crash_folders() -> list[Path]:
    """Where a crash report goes: the user's state folder, else the temporary folder."""
    import tempfile

    import platformdirs
    return [platformdirs.user_state_path("litige") / CRASH_FOLDER, Path(tempfile.gettempdir()) / "litige-crashes"]
