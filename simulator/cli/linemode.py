"""Line mode in a terminal (issue 19): `litige play SCENARIO` without --choices, and `litige
--plain` (the library as a numbered list first). Plain lines on stdout, answers read from stdin:
no cursor movement, no colour, no redraw, so that a screen reader or a braille display reads it
as it reads any terminal output. The play itself is simulator/game/linemode.py's LineSession.

End of input (Ctrl+D, a closed pipe) saves and quits cleanly; errors are one line.
"""

from __future__ import annotations

import argparse
import os
import select
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from simulator.format.errors import LitigeError
from simulator.game.linemode import Event, LineSession, read_pick, shipped_stories
from simulator.game.session import GameSession
from simulator.lang.i18n import t
from simulator.lang.plaintext import MAX_NAME, name_refusal, visible

if TYPE_CHECKING:
    from simulator.format.model import Scenario
    from simulator.game.settings import Settings
    from simulator.results.store import Store


class Input:
    """Lines typed on stdin, read from its file descriptor so that a wait can time out (a time
    limit running out while the trainee thinks); EOFError at the end of the input."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        try:
            self.fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):
            self.fd = None
        self.buffer = b""

    def readline(self, timeout: float | None = None) -> str | None:
        """The next line without its end; None if `timeout` seconds passed first."""
        if self.fd is None:
            line = self.stream.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        while b"\n" not in self.buffer:
            if timeout is not None:
                ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
                if not ready:
                    return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if self.buffer:
                    last, self.buffer = self.buffer, b""
                    return last.decode("utf-8", "replace").rstrip("\r")
                raise EOFError
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\n")
        return raw.decode("utf-8", "replace").rstrip("\r")


class Terminal:
    """Writes events as plain lines (every control character shown as a visible escape)."""

    def __init__(self, out: TextIO, inp: Input):
        self.out = out
        self.inp = inp

    def write(self, text: str = "", end: str = "\n") -> None:
        self.out.write(visible(text) + end)
        self.out.flush()

    def show(self, events: Iterable[Event]) -> None:
        for e in events:
            if e.kind == "heading":
                self.write()
                self.write(e.text)
            elif e.kind == "choices":
                self.write(e.text)
                for n, item in enumerate(e.items, 1):
                    self.write(f"  {n}. {item}")
            elif e.kind == "prompt":
                self.write(e.text, end=" ")
            elif e.kind == "debrief":
                self.write()
                self.write(e.text.rstrip("\n"))
            else:
                self.write(e.text)

    def ask(self, prompt: str, timeout: float | None = None) -> str | None:
        """The prompt, then the line typed (None: timed out). EOFError at the end of input."""
        if prompt:
            self.write(prompt, end=" ")
        line = self.inp.readline(timeout)
        if line is not None:
            self.write()  # the answer's line ends; a blank line before what follows
        return line


def trainee_name(term: Terminal, store: Store, lang: str, given: str | None) -> str:
    """The trainee's name: given (--trainee), else the one saved by the game or line mode, else
    asked once and saved (the game's `trainee` setting: the TUI finds it too)."""
    if given is not None:
        return " ".join(given.split())
    try:
        saved = store.get_setting("trainee")
    except LitigeError:
        saved = None
    if saved is not None:
        return saved
    while True:
        name = " ".join((term.ask(t("line.name", lang)) or "").split())
        bad = name_refusal(name)
        if bad:
            term.write(t("tui.name_refused", lang, char=bad))
        elif len(name) > MAX_NAME:
            term.write(t("tui.name_too_long", lang, n=MAX_NAME))
        else:
            break
    try:
        store.set_setting("trainee", name)
    except LitigeError as exc:
        term.write(t("tui.not_saved", lang, error=exc))
    return name


def play(term: Terminal, scenario: Scenario, lang: str, store: Store, trainee: str, *,
         variant: str | None = None, timers: bool = False) -> bool:
    """One play in line mode; False when the input ended (the play saved, to resume)."""
    game = GameSession(store, trainee=trainee, lang=lang)
    session = LineSession(scenario, lang, variant=variant, coach=game.coach_for(scenario.id), timers=timers, game=game)
    try:
        term.show(session.start())
        while not session.finished:
            left = session.time_left()
            line = term.inp.readline(left)
            if line is None:  # the time ran out while the trainee thought
                term.write()
                term.show(session.expire())
                continue
            term.write()
            term.show(session.answer(line))
        return True
    except EOFError:
        term.write()
        term.write(t("line.eof", lang))
        return False
    except KeyboardInterrupt:  # Ctrl+C: the play is saved as after every step; exit status 130
        term.write()
        term.write(t("line.quit_saved", lang))
        raise
    finally:
        session.close()


def run_play(args: argparse.Namespace, settings: Settings, scenario: Scenario) -> int:
    """`litige play SCENARIO` without --choices: the scenario (loaded by the command line) played
    in line mode."""
    from simulator.results.store import Store
    if args.variant is not None and all(v.id != args.variant for v in scenario.variants):
        known = ", ".join(v.id for v in scenario.variants) or "none"
        raise LitigeError(f"scenario {scenario.id!r} has no variant {args.variant!r} (its variants: {known})")
    term = Terminal(sys.stdout, Input(sys.stdin))
    with Store.open(settings.db) as store:
        lang = settings.lang
        try:
            name = trainee_name(term, store, lang, args.trainee)
        except EOFError:
            term.write()
            return 0
        play(term, scenario, lang, store, name, variant=args.variant, timers=settings.timers)
    return 0


def run_plain(settings: Settings) -> int:
    """`litige --plain`: the library as a numbered list, then the chosen story in line mode, then
    the list again (q or the end of input quits)."""
    from simulator.results.store import Store
    term = Terminal(sys.stdout, Input(sys.stdin))
    with Store.open(settings.db) as store:
        lang = settings.lang
        stories = shipped_stories()
        try:
            name = trainee_name(term, store, lang, None)
            while True:
                term.write()
                term.write(t("line.library", lang))
                for n, s in enumerate(stories, 1):
                    term.write(f"  {n}. {s.title.get(lang)}")
                typed = term.ask(t("line.pick", lang, n=len(stories))) or ""
                pick = read_pick(typed, len(stories))
                if pick == "quit":
                    term.write(t("line.bye", lang))
                    return 0
                if not isinstance(pick, int):
                    term.write(t("line.not_a_story", lang, typed=" ".join(typed.split()).lower(), n=len(stories)))
                    continue
                if not play(term, stories[pick], lang, store, name, timers=settings.timers):
                    return 0
        except EOFError:
            term.write()
            term.write(t("line.bye", lang))
            return 0
