"""`litige` with no command: the game built from the command line's options and run, a crash logged."""

from __future__ import annotations

import argparse
import sys
import traceback

from simulator.format.errors import LitigeError
from simulator.results.store import Store
from simulator.tui.app import LitigeApp
from simulator.tui.crash import crashed, run_logged


def build(args: argparse.Namespace, store: Store, server_pid: int | None = None) -> LitigeApp:
    """The game on the shipped scenarios, as the CLI's options say. Its language: --lang, else
    $LITIGE_LANG, else the one chosen in the game (the store's setting), else French."""
    import scenarios
    from simulator.game import headcache
    paths, start = scenarios.shipped(), getattr(args, "start_scenario", None)
    if start and scenarios.find(start) is None:  # a workshop's own story file (`litige serve` checked it)
        from simulator.format.scenario_ref import resolve
        from simulator.format.loader import load
        custom = resolve(start)  # unknown: one line (UnknownScenario), not a silent library
        paths, start = [*paths, custom], load(custom).id
    return LitigeApp(paths, store, lang=getattr(args, "lang", None),
                     no_timers=bool(getattr(args, "no_timers", False)),
                     participant=bool(getattr(args, "participant", False)),
                     start_scenario=start, server_pid=server_pid,
                     coach=bool(getattr(args, "coach", False)),
                     heads_cache=headcache.default_path())


def run(args: argparse.Namespace) -> int:
    """Start the game (the CLI's `litige` with no command)."""
    server_pid = None
    if getattr(args, "participant", False):
        from simulator.workshop.lifeline import server_pid as started_by, tie_to_parent
        server_pid = started_by()
        if server_pid is not None and not tie_to_parent(server_pid):
            return 0  # the server died while this seat was starting: nobody to play for
    try:
        store = Store.open(getattr(args, "db", None))
    except LitigeError as exc:
        print(f"litige: {exc}", file=sys.stderr)
        return 2
    try:
        try:
            app = build(args, store, server_pid=server_pid)
        except LitigeError as exc:
            print(f"litige: {exc}", file=sys.stderr)
            return 2
        return run_logged(app)
    except Exception as exc:  # a crash outside Textual's loop (building the game, its driver)
        return crashed(exc, "".join(traceback.format_exception(exc)))
    finally:
        store.close()
