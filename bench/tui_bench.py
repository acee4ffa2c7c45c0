"""The game's speed and memory, as ratios against a minimal Textual app, in one run.

Run: python bench/tui_bench.py [--repeat 7] [--keys 40]

Each figure is measured in fresh subprocesses (this script re-run with --child), alternating the
game and its baseline so that load on the machine hits both alike; medians are reported:

1. first frame: from starting the process to the library screen painted whole, its footer's
   keys included (headless driver), the game started as `litige` starts it (simulator.cli.main.main),
   against a minimal app (Header, Static, OptionList, Footer) — target ≤ 1.3×;
2. key → node: median time from a digit key to the next node painted (the key sent as the
   driver does, then the screen's pending updates forced, as Pilot.pause does), against a
   minimal app (Header, Static, OptionList, Footer) whose same key updates the Static's line
   and replaces the OptionList's choices — target ≤ 1.5×, in exam mode and in coach mode (each
   choice's feedback written in the transcript after it: key_to_node_coach). Both walk a generated chain of
   distinct nodes (bench/generate.py chain_nodes), so every key brings a new line and a new
   choice list, and each is checked to be on the painted screen; for the game every key is one
   real step (engine, store write, transcript, meters, line, choices);
3. peak RSS of the process at its first frame, game vs minimal app — target ≤ 1.5×;
4. profile (issue 18): the profile screen of a trainee with 500 finished plays on screen, from
   `p` (sent as the driver sends keys, once the library is painted whole) to the profile painted
   whole, against the library's first frame (from starting the process) in the same process and
   database — target ≤ 1.3×. The whole way, start → library → `p` → profile, is printed too,
   against the same first frame. The database (PROFILE_PLAYS plays of the shipped stories over 60
   days, every play scored) is filled once per run, before any timing, and copied for each child.

The game runs against its own SQLite store in a temporary folder (LITIGE_DB) with timers off,
made before its timed start, as it is at every start but the first (the very first start also
creates the file: a few disk syncs more).
Both apps run from bytecode kept in that folder (PYTHONPYCACHEPREFIX, after one untimed warm-up
run each), as an installed game does; --no-bytecode measures a checkout that compiles its
modules at every start. The CPU time of both is printed too, to read the figures on a busy
machine; the targets are on wall time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from datetime import UTC

# A child imports no more than this before it starts its app: what the parent alone needs
# (argparse, statistics, subprocess, tempfile: some 20 ms) is imported in main().

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"first_frame": 1.3, "key_to_node": 1.5, "key_to_node_coach": 1.5, "peak_rss": 1.5, "profile": 1.3}
PROFILE_PLAYS = 500
PROFILE_TRAINEE = "Bench Trainee"


# -- children ------------------------------------------------------------------------------------

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

        module.LitigeApp = Game  # what module.build() instantiates

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

    from textual import events

    from generate import chain_nodes, chain_yaml

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
        from simulator.results.store import Store
        from simulator.tui.app import LitigeApp

        chain = Path(os.environ["LITIGE_DB"]).with_suffix(".chain.yaml")
        chain.write_text(chain_yaml("chain", len(nodes)), encoding="utf-8")
        store = Store.open(os.environ["LITIGE_DB"])
        # a returning trainee (the list has the focus), in exam or coach mode
        store.set_setting("trainee", "")
        store.set_setting("coach", "1" if kind == "game-coach" else "0")
        app = LitigeApp([chain], store, lang="en", no_timers=True, clock=lambda: 0.0)

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


# -- parent --------------------------------------------------------------------------------------

def fill_profile_db(path: Path, plays: int = PROFILE_PLAYS) -> None:
    """`plays` finished plays of the shipped stories for one trainee over the last 60 days (seeded
    random answers, each play scored as the game scores it), the trainee's name saved as the
    game saves it."""
    import random
    from datetime import datetime, timedelta

    sys.path.insert(0, str(ROOT / "bench"))
    import scenarios
    import simulator.results.store as store_module
    from generate import random_play
    from scoring.catalogue import load_catalogue
    from scoring.scorer import score
    from simulator.play.engine import Play
    from simulator.format.loader import load
    from simulator.results.store import Store

    catalogue = load_catalogue()
    pool = [load(p) for p in scenarios.shipped()]
    start = datetime.now(UTC) - timedelta(days=60)
    real_now = store_module.now_utc
    try:
        with Store.open(path) as store, store.batch():
            store.set_setting("trainee", PROFILE_TRAINEE)
            store.set_setting("coach", "0")
            done = seed = 0
            while done < plays:
                rng = random.Random(seed)
                seed += 1
                sc = pool[seed % len(pool)]
                play = random_play(Play(sc, trainee=PROFILE_TRAINEE, clock=lambda: 0.0), rng)
                if not play.finished:
                    continue
                moment = start + timedelta(minutes=done * 60 * 24 * 60 // plays)
                store_module.now_utc = lambda m=moment: m.isoformat(timespec="seconds")  # the play's day
                store.finish_play(play.record, score(sc, play.record, catalogue))
                done += 1
    finally:
        store_module.now_utc = real_now


def run_child(args: list[str], env: dict[str, str], keys: int) -> tuple[float, dict]:
    import subprocess
    t0 = time.time()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args, str(keys)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"tui_bench: child {args} failed:\n{proc.stderr[-2000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(f"tui_bench: child {args} printed no figures:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    line = lines[-1]
    return t0, json.loads(line)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:  # --child frame|keys game|minimal KEYS
        what, kind, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
        if what == "frame":
            child_first_frame(kind)
        else:
            child_keys(kind, n)
        return 0
    import argparse
    import statistics
    import tempfile

    sys.path.insert(0, str(ROOT))
    from simulator.results.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="subprocesses per app and figure")
    parser.add_argument("--keys", type=int, default=40, help="digit keys per key-latency run")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="let the children compile every module from source, as with PYTHONDONTWRITEBYTECODE "
                             "and no __pycache__ (by default they run from bytecode, as an installed game does)")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base_env = dict(os.environ, NO_COLOR="1")
        if not opts.no_bytecode:
            # An installed game runs from bytecode (pip compiles it), and so does Textual from
            # site-packages; a checkout under PYTHONDONTWRITEBYTECODE would compile the game's own
            # modules at every start. The children read and write bytecode under tmp instead of
            # the source tree, after one untimed warm-up run of each app.
            base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            base_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
            for kind in ("minimal", "game"):
                run_child(["frame", kind], dict(base_env, LITIGE_DB=str(Path(tmp) / f"warm-{kind}.db")), opts.keys)
        import shutil
        profile_db = Path(tmp) / "profile.db"
        fill_profile_db(profile_db)

        def profile_copy(name: str) -> str:
            copy = Path(tmp) / name
            shutil.copy(profile_db, copy)
            return str(copy)

        if not opts.no_bytecode:
            run_child(["frame", "profile"], dict(base_env, LITIGE_DB=profile_copy("warm-profile.db")), opts.keys)
        profile: dict[str, list[float]] = {"profile": [], "library": [], "whole": [], "cpu": [], "cpu_library": []}
        frames: dict[str, list[float]] = {"game": [], "minimal": []}
        rss: dict[str, list[int]] = {"game": [], "minimal": []}
        keys: dict[str, list[float]] = {"game": [], "game-coach": [], "minimal": []}
        cpu: dict[str, dict[str, list[float]]] = {"frame": {"game": [], "minimal": []},
                                                  "key": {"game": [], "game-coach": [], "minimal": []}}
        for i in range(opts.repeat):
            for kind in ("minimal", "game") if i % 2 == 0 else ("game", "minimal"):
                env = dict(base_env, LITIGE_DB=str(Path(tmp) / f"{kind}-{i}.db"))
                if kind == "game":  # the trainee's database is there, as at every start but the first
                    Store.open(env["LITIGE_DB"]).close()
                t0, out = run_child(["frame", kind], env, opts.keys)
                frames[kind].append(out["t"] - t0)
                rss[kind].append(out["rss"])
                cpu["frame"][kind].append(out["cpu"])
                if kind == "game":  # the profile of a trainee with 500 plays, and the library before it
                    t0, out = run_child(["frame", "profile"], dict(env, LITIGE_DB=profile_copy(f"profile-{i}.db")),
                                        opts.keys)
                    profile["profile"].append(out["t"] - out["t_library"])
                    profile["library"].append(out["t_library"] - t0)
                    profile["whole"].append(out["t"] - t0)
                    profile["cpu"].append(out["cpu"])
                    profile["cpu_library"].append(out["cpu_library"])
                for keys_kind in (kind, "game-coach") if kind == "game" else (kind,):
                    _, out = run_child(["keys", keys_kind], dict(env, LITIGE_DB=env["LITIGE_DB"] + f".{keys_kind}"),
                                       opts.keys)
                    keys[keys_kind].append(out["median"])
                    cpu["key"][keys_kind].append(out["cpu"])
    figures = {
        "first_frame": (statistics.median(frames["game"]), statistics.median(frames["minimal"]), "s"),
        "key_to_node": (statistics.median(keys["game"]), statistics.median(keys["minimal"]), "s"),
        "key_to_node_coach": (statistics.median(keys["game-coach"]), statistics.median(keys["minimal"]), "s"),
        "peak_rss": (statistics.median(rss["game"]) / 1024, statistics.median(rss["minimal"]) / 1024, "MiB"),
        # p → profile painted, against the library's first frame in the same process, on the same 500-play database
        "profile": (statistics.median(profile["profile"]), statistics.median(profile["library"]), "s"),
    }
    print(f"tui_bench: {opts.repeat} runs each, {opts.keys} keys per key run (medians)"
          f"{', modules compiled at each start' if opts.no_bytecode else ''}")
    worst = 0
    for name, (game, base, unit) in figures.items():
        ratio = game / base
        ok = ratio <= TARGETS[name]
        worst |= not ok
        fmt = (lambda v: f"{v * 1000:.1f} ms") if unit == "s" else (lambda v: f"{v:.1f} MiB")
        print(f"  {name:<17} game {fmt(game):>10}  baseline {fmt(base):>10}  ratio {ratio:.2f}× "
              f"(target ≤ {TARGETS[name]}×) {'ok' if ok else 'OVER'}")
    whole, first = statistics.median(profile["whole"]), statistics.median(profile["library"])
    print(f"  profile, the whole way (start → library → p → profile painted): {whole * 1000:.1f} ms = "
          f"{whole / first:.2f}× the library's first frame on the same database")
    # CPU time is less swayed than wall time by other processes on a busy machine: shown to help
    # read the figures, the targets stay on wall time (what the player waits).
    print("  cpu time: " + ", ".join(
        f"{what} game {statistics.median(c['game']) * 1000:.1f} ms / baseline {statistics.median(c['minimal']) * 1000:.1f} ms"
        f" = {statistics.median(c['game']) / statistics.median(c['minimal']):.2f}×"
        for what, c in (("first frame", cpu["frame"]), ("key → node", cpu["key"]),
                        ("key → node coach", {"game": cpu["key"]["game-coach"], "minimal": cpu["key"]["minimal"]}),
                        ("start → library → p → profile", {"game": profile["cpu"], "minimal": profile["cpu_library"]}))))
    return 1 if worst else 0


if __name__ == "__main__":
    raise SystemExit(main())
