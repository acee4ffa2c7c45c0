"""Shared helpers for the game's Pilot tests: a tmp store, a fake clock, the fixture path."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from simulator.game.settings import Settings
from simulator.results.store import Store
from simulator.tui.app import LitigeApp
from simulator.tui.screens import BriefingScreen, PlayScreen

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "loop-timer.yaml"


class FakeClock:
    """A clock the test moves by hand: timers expire without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# A returning trainee who plays anonymously in exam mode: the list has the focus (the name was
# asked once) and no feedback is shown during a play. Tests of the first start or of coach mode
# pass their own settings.
RETURNING = {"trainee": "", "coach": "0"}


def make_app(tmp_path: Path, paths=None, *, lang: str = "en", clock=None, settings=None, **kw) -> LitigeApp:
    store = Store.open(tmp_path / "litige.db")
    for key, value in (RETURNING if settings is None else settings).items():
        if store.get_setting(key) is None:  # a second start keeps what the first one saved
            store.set_setting(key, value)
    return LitigeApp([FIXTURE] if paths is None else paths, store, game_settings(store, lang, kw),
                     clock=clock or FakeClock(), export_dir=tmp_path / "debriefs", **kw)


GAME_FLAGS = ("no_timers", "participant", "coach", "start_scenario")


def game_settings(store: Store, lang: str | None, kw: dict) -> Settings:
    """The game's settings as `litige` builds them (simulator/cli/main.py): from its flags (`lang`,
    and those of GAME_FLAGS taken out of `kw`), the environment and the choices saved in `store`."""
    flags = argparse.Namespace(lang=lang, **{name: kw.pop(name) for name in GAME_FLAGS if name in kw})
    return Settings.resolve(flags, os.environ, store.get_setting)


def screen_name(app: LitigeApp) -> str:
    return type(app.screen).__name__


def text_of(app: LitigeApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def plain(renderable, width: int = 120) -> str:
    """A Rich renderable (a table) as the plain text a terminal would show."""
    import io

    from rich.console import Console
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def screen_lines(app: LitigeApp) -> list[str]:
    """The rows of text the terminal shows now (what a trainee reads, clipping included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: LitigeApp) -> str:
    """The whole current screen as the plain text a terminal would show."""
    import io

    from rich.console import Console
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), color_system=None, record=True,
                      legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def playing(app: LitigeApp) -> bool:
    """A play is on screen and not over (its ending's line waits for Enter once it is)."""
    from simulator.tui.screens import PlayScreen
    return isinstance(app.screen, PlayScreen) and not app.screen.play.finished


async def read_ending(pilot, app: LitigeApp) -> None:
    """A play that has ended shows its ending's own line, last: check it, then Enter for the debrief."""
    from simulator.tui.screens import PlayScreen
    if isinstance(app.screen, PlayScreen) and app.screen.play.finished:
        node = app.screen.play.node
        assert node.text.get(app.screen.play.record.lang) in str(app.screen.query_one("#line").render())
        await pilot.press("enter")
        await pilot.pause()


async def to_play(pilot, app: LitigeApp) -> None:
    """From the library: Enter on the highlighted scenario, Enter on the briefing."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, BriefingScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
