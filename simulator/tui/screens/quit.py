"""The confirmation asked before quitting a play under way."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from simulator.lang.i18n import t
from simulator.tui import keys


class QuitScreen(ModalScreen[bool]):
    BINDINGS = keys.CONFIRM

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(t("tui.quit_q", self.lang), id="quit-question")
            with Horizontal(id="quit-buttons"):
                yield Button(t("tui.yes", self.lang), variant="error", id="yes")
                yield Button(t("tui.no", self.lang), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
