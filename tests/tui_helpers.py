"""Shared helpers for the game's Pilot tests: a tmp store, a fake clock, the fixture path."""

from __future__ import annotations

from pathlib import Path

from simulator.store import Store
from simulator.tui.app import LitigeApp

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "loop-timer.yaml"


class FakeClock:
    """A clock the test moves by hand: timers expire without sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_app(tmp_path: Path, paths=None, *, lang: str = "en", clock=None, **kw) -> LitigeApp:
    store = Store.open(tmp_path / "litige.db")
    return LitigeApp([FIXTURE] if paths is None else paths, store, lang=lang, clock=clock or FakeClock(),
                     export_dir=tmp_path / "debriefs", **kw)


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
