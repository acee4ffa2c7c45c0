"""A workshop seat's first screen, who is playing, and the name field the library shares."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static

from simulator.lang.i18n import t
from simulator.lang.plaintext import MAX_NAME, NAME_CHARS, name_refusal
from simulator.tui import keys
from simulator.tui.messages import NameGiven
from simulator.tui.screens.base import Base


class NameInput(Input):
    """A field for a trainee's name: at most MAX_NAME characters, and none that a terminal or a
    file would act on (plaintext.name_refusal: controls, bidi overrides). What it refuses, typed
    or pasted, is said in one line, not only rung."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(max_length=MAX_NAME, restrict=NAME_CHARS, **kwargs)
        self.lang = lang

    def replace(self, text: str, start: int, end: int) -> None:
        bad = name_refusal(text)
        if bad:
            self.app.bell()
            self.app.notify(t("tui.name_refused", self.lang, char=bad), severity="warning", timeout=6)
            return
        super().replace(text, start, end)

    def restricted(self) -> None:  # the only other refusal: past MAX_NAME
        self.app.bell()
        self.app.notify(t("tui.name_too_long", self.lang, n=MAX_NAME), severity="warning", timeout=6)


class NameScreen(Base):
    """A workshop seat's first screen: who is playing (never prefilled: the database is the room's)."""

    BINDINGS = keys.NAME
    MAX_NAME = MAX_NAME

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="name-box"):
            yield Static(t("participant.welcome", lang), classes="title", markup=False)
            yield Static(t("participant.name", lang), markup=False)
            yield NameInput(lang, placeholder=t("participant.name_hint", lang), id="name")
            yield Static("", id="name-error", markup=False)
        yield Footer()

    @on(Input.Submitted, "#name")
    def submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#name-error", Static).update(t("participant.name_needed", self.lang))
            return
        self.post_message(NameGiven(name))  # the app claims it for this seat, or says it is taken

    def name_taken(self) -> None:
        """Another live seat plays under this name."""
        self.query_one("#name-error", Static).update(t("participant.name_taken", self.lang))
