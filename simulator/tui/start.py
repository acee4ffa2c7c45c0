"""`litige` with no command: the game built from the command line's options and run, a crash logged."""

from __future__ import annotations

import sys
import traceback
from dataclasses import replace

from simulator.format.errors import LitigeError
from simulator.game.settings import Settings
from simulator.results.store import Store
from simulator.tui.app import LitigeApp
from simulator.tui.crash import crashed, run_logged


def build(settings: Settings, store: Store, server_pid: int | None = None) -> LitigeApp:
    """The game on the shipped scenarios (and a workshop's own story file), as the settings say."""
    import scenarios
    from simulator.game import library_cache
    paths, start = scenarios.shipped(), settings.start_scenario
    if start and scenarios.find(start) is None:  # a workshop's own story file (`litige serve` checked it)
        from simulator.format.loader import load
        from simulator.format.scenario_ref import resolve
        custom = resolve(start)  # unknown: one line (UnknownScenario), not a silent library
        paths, start = [*paths, custom], load(custom).id
    return LitigeApp(paths, store, replace(settings, start_scenario=start), server_pid=server_pid,
                     heads_cache=library_cache.default_path())


def run(settings: Settings) -> int:
    """Start the game (the CLI's `litige` with no command)."""
    server_pid = None
    if settings.participant:
        from simulator.workshop.server_watch import server_pid as started_by
        from simulator.workshop.server_watch import tie_to_parent
        server_pid = started_by()
        if server_pid is not None and not tie_to_parent(server_pid):
            return 0  # the server died while this seat was starting: nobody to play for
    try:
        store = Store.open(settings.db)
    except LitigeError as exc:
        print(f"litige: {exc}", file=sys.stderr)
        return 2
    try:
        try:
            app = build(settings, store, server_pid=server_pid)
        except LitigeError as exc:
            print(f"litige: {exc}", file=sys.stderr)
            return 2
        return run_logged(app)
    except Exception as exc:  # a crash outside Textual's loop (building the game, its driver)
        return crashed(exc, "".join(traceback.format_exception(exc)))
    finally:
        store.close()
