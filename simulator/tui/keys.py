"""Every key binding of the game, in one place. Descriptions are i18n keys (tui.k.*), localized
per screen by `localize` so the footer speaks the trainee's language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from simulator.lang.i18n import t

APP: list[BindingType] = [
    Binding("question_mark", "help", "tui.k.help", key_display="?"),
    Binding("f1", "help", "tui.k.help", show=False),
    Binding("ctrl+t", "toggle_theme", "tui.k.theme", show=False),
    Binding("ctrl+q", "quit", "tui.k.quit", priority=True, show=False),
    Binding("ctrl+p", "command_palette", "tui.k.palette", show=False),
]

# Single letters: the name field, when it has the focus, takes them as text (Input consumes
# printable keys); Escape or Enter leaves it for the list. r and x show only when there is an
# interrupted play to resume or discard (LibraryScreen.check_action).
LIBRARY: list[BindingType] = [
    Binding("enter", "start", "tui.k.start", show=True),
    Binding("f1", "name_help", "tui.k.help", key_display="F1"),  # while typing a name, ? is a character
    Binding("l", "toggle_lang", "tui.k.lang"),
    Binding("n", "focus_name", "tui.k.name", show=False),  # the field is on screen, its label beside it
    Binding("h", "history", "tui.k.history"),
    Binding("p", "progress", "tui.k.progress"),
    Binding("t", "toggle_timers", "tui.kf.timers"),
    Binding("c", "toggle_coach", "tui.kf.coach"),
    Binding("r", "resume", "tui.k.resume"),
    Binding("x", "discard", "tui.k.discard"),
    Binding("escape", "focus_list", "tui.kf.to_list"),  # shown while the name field has the focus
    Binding("q", "quit", "tui.k.quit", show=False),  # in the help; the footer keeps its room for t, c, r, x
]

NAME: list[BindingType] = [Binding("escape", "app.quit", "tui.k.quit", show=False)]

BRIEFING: list[BindingType] = [
    Binding("enter", "begin", "tui.k.start"),
    Binding("escape", "back", "tui.k.back"),
    Binding("q", "quit", "tui.k.quit"),
]

PLAY: list[BindingType] = [
    *[Binding(str(i), f"pick({i})", "tui.k.choose", show=False) for i in range(1, 10)],
    Binding("q", "quit", "tui.k.quit"),
]

DEBRIEF: list[BindingType] = [
    Binding("w", "model", "tui.kf.model"),
    Binding("m", "map", "tui.k.map"),
    Binding("e", "export", "tui.k.export"),
    Binding("r", "replay", "tui.k.replay"),
    Binding("b", "library", "tui.k.library"),
    Binding("escape", "library", "tui.k.library", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

MAP: list[BindingType] = [
    Binding("escape", "back", "tui.k.back"),
    Binding("m", "back", "tui.k.back", show=False),
    Binding("b", "back", "tui.k.back", show=False),
    Binding("e", "export", "tui.k.export_map"),
    Binding("q", "quit", "tui.k.quit"),
]

MODEL: list[BindingType] = [
    Binding("escape", "back", "tui.k.back"),
    Binding("w", "back", "tui.k.back", show=False),
    Binding("b", "back", "tui.k.back", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

PROGRESS: list[BindingType] = [
    Binding("enter", "practise", "tui.k.practise"),
    Binding("escape", "back", "tui.k.back"),
    Binding("b", "back", "tui.k.library", show=False),
    Binding("p", "back", "tui.k.back", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

HISTORY: list[BindingType] = [
    Binding("escape", "back", "tui.k.back"),
    Binding("b", "back", "tui.k.library", show=False),
    Binding("q", "quit", "tui.k.quit"),
]

MODAL: list[BindingType] = [Binding("escape", "close", "tui.k.back")]

HELP_SCREEN: list[BindingType] = [
    *MODAL,
    Binding("question_mark", "close", "tui.k.back", show=False),
    Binding("f1", "close", "tui.k.back", show=False),
]

CONFIRM: list[BindingType] = [
    Binding("y", "yes", "tui.yes", show=False),
    Binding("o", "yes", "tui.yes", show=False),
    Binding("n", "no", "tui.no", show=False),
    Binding("escape", "no", "tui.no", show=False),
]

# The help screen, by screen: (i18n key of the section, [(keys — an i18n key when they have
# words in them —, i18n key of what they do there)])
HelpSection = tuple[str, list[tuple[str, str]]]
HELP: list[HelpSection] = [
    ("tui.hs.all", [("? / F1", "tui.k.help"), ("Ctrl+P", "tui.k.palette"), ("Ctrl+T", "tui.k.theme"),
                    ("q / Ctrl+Q", "tui.h.quit")]),
    ("tui.hs.library", [("tui.kk.enter", "tui.h.brief"), ("n", "tui.k.name"), ("l", "tui.k.lang"),
                        ("h", "tui.k.history"), ("p", "tui.h.progress"), ("t", "tui.k.timers"), ("c", "tui.h.coach"),
                        ("r", "tui.h.resume"), ("x", "tui.h.discard")]),
    ("tui.hs.briefing", [("tui.kk.enter", "tui.h.begin"), ("tui.kk.escape", "tui.k.back")]),
    ("tui.hs.play", [("1–9", "tui.h.digits"), ("tui.kk.arrows", "tui.h.arrows"),
                     ("tui.kk.transcript", "tui.h.transcript")]),
    ("tui.hs.debrief", [("tui.kk.path", "tui.h.tryhere"), ("w", "tui.h.model"), ("m", "tui.h.map"),
                        ("e", "tui.k.export"),
                        ("r", "tui.h.replay"), ("tui.kk.library", "tui.k.library")]),
]


def show_key(node: DOMNode, key: str, shown: bool) -> None:
    """Show or hide `key` in the footer of `node` (it works either way; the help lists it): the
    library's footer makes room for r and x while there is an interrupted play (at 80 columns in
    French, p would push the help key out)."""
    table = node._bindings.key_to_bindings
    table[key] = [replace(b, show=shown) for b in table.get(key, [])]


def localize(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of this node's bindings (tui.k.* keys) into `lang`; again in
    another language as often as asked (each time from the bindings its class declares)."""
    declared = type(node)._merged_bindings
    if declared is None:
        return
    table = node._bindings.key_to_bindings
    for key, bindings in declared.key_to_bindings.items():
        table[key] = [replace(b, description=t(b.description, lang)) if b.description.startswith("tui.") else b
                      for b in bindings]
