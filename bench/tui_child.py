"""What one child of bench/tui_bench.py measures in its own process, printed as one JSON line:
an app's first frame (the library, or the profile after it) with its peak RSS, or key → node."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE_PLAYS = 500  # finished plays in the profile bench's database (tui_bench.fill_profile_db)


def _cpu_s() -> float:
    """User + system CPU seconds of this process so far."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_kib() -> int:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def emit(data: dict) -> None:
    """Write a child's figures to the real stdout (a running Textual app captures print)."""
    os.write(1, (json.dumps(data) + "\n").encode())


def game_css(cls: type) -> object:
    """The game's CSS_PATH made absolute: a subclass defined here would read relative paths
    from bench/ instead of the game's package."""
    import inspect
    if cls.CSS_PATH is None:
        return None
    paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH]
    folder = Path(inspect.getfile(cls)).parent
    return [p if p is None or Path(p).is_absolute() else folder / p for p in paths]


def child_first_frame(kind: str) -> None:
    """Start an app headless; print the time of the target screen's first paint and the peak RSS."""
    sys.path.insert(0, str(ROOT))

    def report(app) -> None:
        emit({"t": time.time(), "rss": _rss_kib(), "cpu": _cpu_s()})
        app.exit()

    def report_when_whole(app, screen_name: str, refreshes: int = 0, then=report) -> None:
        """Report after the first refresh that paints the screen whole: the target screen
        mounted and its footer holding its keys (a footer fills in a little after its screen)."""
        screen = app.screen
        if type(screen).__name__ == screen_name and screen.is_mounted and screen.query("FooterKey"):
            app.call_after_refresh(then, app)
        elif refreshes > 10_000:
            sys.stderr.write(f"tui_bench: {type(screen).__name__} shown, never {screen_name} with its footer\n")
            app.exit(return_code=1)
        else:
            app.call_after_refresh(report_when_whole, app, screen_name, refreshes + 1, then)

    library_at: list[tuple[float, float]] = []  # (time, CPU seconds) when the library was painted

    def then_profile(app) -> None:
        """The library is painted: note when, send `p` as the terminal driver does, and report
        once the profile is painted whole (checked to show the trainee's plays)."""
        from textual import events
        library_at.append((time.time(), _cpu_s()))
        key = events.Key("p", "p")
        key.set_sender(app)
        app._driver.send_message(key)
        report_when_whole(app, "ProfileScreen", then=profile_shown)

    def profile_shown(app) -> None:
        profile = app.screen.profile
        if profile is None or profile.plays < PROFILE_PLAYS:
            sys.stderr.write(f"tui_bench: the profile shows {profile and profile.plays} plays\n")
            app.exit(return_code=1)
            return
        emit({"t": time.time(), "t_library": library_at[0][0], "rss": _rss_kib(), "cpu": _cpu_s(),
              "cpu_library": library_at[0][1]})
        app.exit()

    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, OptionList, Static

        class Minimal(App):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Litige")
                yield OptionList(*[f"Scenario {i}" for i in range(4)])
                yield Footer()

            def on_ready(self) -> None:
                report_when_whole(self, "Screen")

        Minimal().run(headless=True, size=(100, 30))
        return

    # The game starts as `litige --lang en --no-timers` does (simulator.cli.main.main: its parser,
    # Textual imported by its command, the store, the shelf, the app), nothing imported before;
    # only its app class is swapped, as its module loads, for one that runs headless and reports
    # the library's first paint.
    def swap_app_class(module) -> None:
        class Game(module.LitigeApp):
            CSS_PATH = game_css(module.LitigeApp)

            def run(self, **kwargs):
                return super().run(headless=True, size=(100, 30))

            def on_ready(self) -> None:
                super().on_ready()
                report_when_whole(self, "LibraryScreen", then=then_profile if kind == "profile" else report)

        module.LitigeApp = Game  # what simulator.tui.start.build instantiates (it reads the name from this module)

    after_import("simulator.tui.app", swap_app_class)
    from simulator.cli import main as cli
    assert cli.main(["--lang", "en", "--no-timers"]) == 0


def after_import(name: str, patch) -> None:
    """Call patch(module) once the module `name` has run, wherever it is first imported from."""
    import importlib.abc
    import importlib.util

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run_module = spec.loader.exec_module

            def exec_module(module) -> None:
                run_module(module)
                patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def painted(app) -> str:
    """The screen's text as the compositor would send it now, after checking nothing is pending:
    what the terminal shows once the frame has been written."""
    screen = app.screen
    assert not screen._layout_required and not screen._dirty_widgets, "an update is still pending"
    return "\n".join(strip.text for strip in screen._compositor.render_strips())


def words(text: str) -> str:
    """Text with every run of blanks as one space: a wrapped line reads as one."""
    return " ".join(text.split())


def child_keys(kind: str, n: int) -> None:
    """Median seconds from a digit key to the next node painted, over n keys, printed as JSON.

    Both apps walk the same chain of distinct nodes (bench/generate.py chain_nodes): every key
    brings a new line and a new list of choices. After each timed key (outside the timing) the
    painted screen is checked to hold the new node's line and its first choice."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import asyncio

    from generate import chain_nodes, chain_yaml
    from textual import events

    nodes = chain_nodes(n + 2)
    cpu: list[float] = []

    async def key_then_paint(app, pilot) -> None:
        """Send the key as the terminal driver does, drain every pending message, paint.

        Pilot.press is not used here: it sleeps in steps of 20 ms until the process looks
        idle, which would swamp both figures with the same constant."""
        key = events.Key("1", "1")
        key.set_sender(app)
        app._driver.send_message(key)
        for _ in range(3):  # a repaint can post layout messages of its own
            await pilot._wait_for_screen()
            app.screen._on_timer_update()

    async def measure(app, press_until_ready) -> list[float]:
        out: list[float] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await press_until_ready(pilot)
            for k in range(1, n + 1):
                t0, c0 = time.perf_counter(), time.process_time()
                await key_then_paint(app, pilot)
                out.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                screen = painted(app)
                for marker in (f"(node {k})", f"Answer 1 at node {k}:"):
                    assert marker in words(screen), f"key {k}: {marker!r} not painted:\n{screen}"
        return out

    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, OptionList, Static

        class Bare(App):
            """The same widgets a node change touches in the game, updated plainly."""

            BINDINGS = [("1", "next", "next")]
            count = 0

            def compose(self) -> ComposeResult:
                yield Header()
                yield Static(self.line(), id="line")
                yield OptionList(*self.choices(), id="choices")
                yield Footer()

            def line(self) -> str:
                who, (_, en), _ = nodes[self.count]
                return f"{who}: {en}"

            def choices(self) -> list[str]:
                return [f"{i}. {en}" for i, (_, en) in enumerate(nodes[self.count][2], 1)]

            def action_next(self) -> None:
                self.count += 1
                self.query_one("#line", Static).update(self.line())
                ol = self.query_one("#choices", OptionList)
                ol.set_options(self.choices())
                ol.highlighted = 0

        async def ready(pilot) -> None:
            await pilot.pause()

        times = asyncio.run(measure(Bare(), ready))
    else:
        from simulator.game.settings import Settings
        from simulator.results.store import Store
        from simulator.tui.app import LitigeApp

        chain = Path(os.environ["LITIGE_DB"]).with_suffix(".chain.yaml")
        chain.write_text(chain_yaml("chain", len(nodes)), encoding="utf-8")
        store = Store.open(os.environ["LITIGE_DB"])
        # a returning trainee (the list has the focus), in exam or coach mode
        store.set_setting("trainee", "")
        store.set_setting("coach", "1" if kind == "game-coach" else "0")
        app = LitigeApp([chain], store, Settings(lang="en", no_timers=True), clock=lambda: 0.0)

        async def ready(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "PlayScreen", type(app.screen).__name__
            assert app.screen.play.record.mode == ("coach" if kind == "game-coach" else "exam")
            screens.append(app.screen)
            logs.append(app.screen.query_one("#history"))

        screens: list = []
        logs: list = []  # the play's transcript, read once the app has closed
        times = asyncio.run(measure(app, ready))
        steps = len(screens[0].play.record.steps)
        assert steps == n, f"expected {n} steps played, got {steps}"
        if kind == "game-coach":  # each step's feedback was written in the transcript
            shown = " ".join(str(entry) for entry in logs[0].entries)
            assert shown.count("Why this choice matters.") == n, "coach mode: a feedback is missing"
        store.close()
    import statistics
    emit({"median": statistics.median(times), "cpu": statistics.median(cpu)})

