"""The help: every key of the game, by screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from simulator.lang.i18n import t
from simulator.tui import keys


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.HELP_SCREEN

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        keys.localize(self, lang)

    WIDE = 100  # columns from which the sections go in two columns (the Debrief one in view at 100×30)

    def compose(self) -> ComposeResult:
        wide = self.app.size.width >= self.WIDE
        with Vertical(id="help-box", classes="wide" if wide else ""):
            with VerticalScroll(id="help-body"):
                if wide:
                    half = 2  # Everywhere, Library | Briefing, Play, Debrief
                    with Horizontal(id="help-columns"):
                        yield Static(self.table(keys.HELP[:half]), classes="help-column")
                        yield Static(self.table(keys.HELP[half:], title=False), classes="help-column")
                else:
                    yield Static(self.table())
            yield Static(t("tui.help_close", self.lang), id="help-hint", classes="hint")

    def on_mount(self) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        self.watch(body, "scroll_y", lambda _y: self.show_more(), init=False)
        self.call_after_refresh(self.show_more)

    def show_more(self) -> None:
        """The hint says that more follows while the body has more below (▼), else how to close."""
        body = self.query_one("#help-body", VerticalScroll)
        more = body.max_scroll_y > 0 and body.scroll_y < body.max_scroll_y
        self.query_one("#help-hint", Static).update(t("tui.help_more" if more else "tui.help_close", self.lang))

    def table(self, sections: list[keys.HelpSection] | None = None, title: bool = True) -> Table:
        lang = self.lang
        sections = keys.HELP if sections is None else sections
        table = Table(title=t("tui.help", lang) if title else None, title_style="bold", show_edge=False,
                      show_header=False, box=None, expand=True, padding=(0, 2))
        table.add_column("", no_wrap=True, style="bold")
        table.add_column("")
        if not title:
            table.add_row("", "")  # level with the other column's first section, under its title
        for n, (section, rows) in enumerate(sections):
            table.add_row(Text(t(section, lang), style="bold underline"), "", end_section=False)
            for k, what in rows:
                table.add_row(t(k, lang) if k.startswith("tui.") else k, t(what, lang))
            if n < len(sections) - 1:
                table.add_row("", "")
        return table

    def action_close(self) -> None:
        self.dismiss()
