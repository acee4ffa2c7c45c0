"""Every key binding of the game, in one place. Descriptions are i18n keys (tui.k.*), localized
per screen by `localize` so the footer speaks the trainee's language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from simulator.i18n import t

APP = [
    Binding("question_mark", "help", "tui.k.help", key_display="?"),
    Binding("f1", "help", "tui.k.help", show=False),
    Binding("ctrl+t", "toggle_theme", "tui.k.theme", show=False),
    Binding("ctrl+q", "quit", "tui.k.quit", priority=True, show=False),
    Binding("ctrl+p", "command_palette", "tui.k.palette", show=False),
]

LIBRARY = [
    Binding("enter", "start", "tui.k.start", show=True),
    Binding("l", "toggle_lang", "tui.k.lang"),
    Binding("n", "focus_name", "tui.k.name"),
    Binding("h", "history", "tui.k.history"),
    Binding("t", "toggle_timers", "tui.k.timers", show=False),
    Binding("r", "resume", "tui.k.resume", show=False),
    Binding("x", "discard", "tui.k.discard", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

NAME = [Binding("escape", "app.quit", "tui.k.quit", show=False)]

BRIEFING = [
    Binding("enter", "begin", "tui.k.start"),
    Binding("escape", "back", "tui.k.back"),
    Binding("q", "quit", "tui.k.quit"),
]

PLAY = [
    *[Binding(str(i), f"pick({i})", "tui.k.choose", show=False) for i in range(1, 10)],
    Binding("q", "quit", "tui.k.quit"),
]

DEBRIEF = [
    Binding("m", "map", "tui.k.map"),
    Binding("e", "export", "tui.k.export"),
    Binding("r", "replay", "tui.k.replay"),
    Binding("b", "library", "tui.k.library"),
    Binding("escape", "library", "tui.k.library", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

MAP = [
    Binding("escape", "back", "tui.k.back"),
    Binding("m", "back", "tui.k.back", show=False),
    Binding("b", "back", "tui.k.back", show=False),
    Binding("e", "export", "tui.k.export_map"),
    Binding("q", "quit", "tui.k.quit"),
]

HISTORY = [
    Binding("escape", "back", "tui.k.back"),
    Binding("b", "back", "tui.k.library", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

MODAL = [Binding("escape", "close", "tui.k.back")]

HELP_SCREEN = [
    *MODAL,
    Binding("question_mark", "close", "tui.k.back", show=False),
    Binding("f1", "close", "tui.k.back", show=False),
]

CONFIRM = [
    Binding("y", "yes", "tui.yes", show=False),
    Binding("o", "yes", "tui.yes", show=False),
    Binding("n", "no", "tui.no", show=False),
    Binding("escape", "no", "tui.no", show=False),
]

# The help screen: (keys, i18n key of what they do)
HELP = [
    ("1–9", "tui.k.digits"),
    ("↑ ↓ Enter / click", "tui.k.arrows"),
    ("Enter", "tui.k.start"),
    ("Escape", "tui.k.back"),
    ("l", "tui.k.lang"),
    ("n", "tui.k.name"),
    ("r / x", "tui.k.resume"),
    ("h", "tui.k.history"),
    ("t", "tui.k.timers"),
    ("Enter", "tui.k.tryhere"),
    ("m", "tui.k.map"),
    ("e", "tui.k.export"),
    ("r", "tui.k.replay"),
    ("b", "tui.k.library"),
    ("? / F1", "tui.k.help"),
    ("Ctrl+P", "tui.k.palette"),
    ("Ctrl+T", "tui.k.theme"),
    ("q / Ctrl+Q", "tui.k.quit"),
]


def localize(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of this node's bindings (tui.k.* keys) into `lang`."""
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [replace(b, description=t(b.description, lang)) if b.description.startswith("tui.") else b
                      for b in bindings]
