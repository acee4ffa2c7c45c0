"""A passage's text cut into the pieces the importer maps: links, SugarCube macros, Harlowe macros
and the ends of their hooks, comments, plain text; each with its offset in the passage.

Links are read as Twine 2 and its story formats read them (`[[Text|Target]]`, `[[Text->Target]]`
with the rightmost `->`, `[[Target<-Text]]` with the leftmost `<-`, `[[Target]]`, and SugarCube's
setter component `[[Text|Target][$x to 1]]`). Pure; linear in the text, however wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.authoring.twine.story import Note, Passage
from simulator.lang.messages_check import Q, msg


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    setter: str | None
    pos: int


@dataclass(frozen=True)
class Macro:
    """`<<name args>>` (SugarCube) or `(name: args)` (Harlowe); `hook`: a Harlowe hook `[` follows."""

    dialect: str  # "sugarcube" | "harlowe"
    name: str
    args: str
    pos: int
    raw: str
    hook: bool = False


@dataclass(frozen=True)
class HookEnd:
    pos: int


@dataclass(frozen=True)
class Comment:
    text: str
    pos: int


@dataclass(frozen=True)
class Chunk:
    text: str
    pos: int


Piece = Link | Macro | HookEnd | Comment | Chunk
_COMMENTS = (("/*", "*/"), ("<!--", "-->"), ("/%", "%/"))
_SC_NAME = re.compile(r"<<\s*(/?[A-Za-z][\w-]*|=|-)")
MAX_LINK = 2_000  # characters inside [[ ]]: past this, '[[' is text (keeps a wrong file linear)
MAX_MACRO = 20_000  # characters of a macro
SCAN_BUDGET = 1_000_000  # per passage: so that a file of unclosed '(name:' stays linear
_HL_NAME = re.compile(r"\(([A-Za-z][\w-]*):")  # Harlowe: the colon right after the name


def split_link(inner: str) -> tuple[str, str]:
    """(text, target) of a link's inside, as Twine 2 and its formats read it."""
    if "->" in inner:
        k = inner.rfind("->")
        return inner[:k], inner[k + 2:]
    if "<-" in inner:
        k = inner.find("<-")
        return inner[k + 2:], inner[:k]
    if "|" in inner:
        k = inner.find("|")
        return inner[:k], inner[k + 1:]
    return inner, inner


def _close_paren(body: str, i: int) -> int:
    """The offset just past the parenthesis matching the one at i (quotes respected), looking at
    most MAX_MACRO characters ahead; -1 if none."""
    depth = 0
    quote = ""
    j = i
    while j < min(len(body), i + MAX_MACRO):
        ch = body[j]
        if quote:
            if ch == "\\":
                j += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


class _Scanner:
    """One passage's text read left to right (`pieces` is its entry): plain text gathers until a
    piece of markup starts, then goes out as a Chunk at the offset where it began."""

    def __init__(self, body: str, notes: list[Note], passage: Passage):
        self.body, self.notes, self.passage = body, notes, passage
        self.out: list[Piece] = []
        self.text: list[str] = []
        self.text_at = 0
        self.hooks: list[int] = []  # per open Harlowe hook: plain '[' opened inside it and not closed yet
        self.unclosed: set[str] = set()  # openers already said to be unclosed in this passage: said once
        self.budget = SCAN_BUDGET  # characters looked through for ')' in vain; past it, '(name:' is text
        self.i = 0

    def run(self) -> list[Piece]:
        n = len(self.body)
        while self.i < n:
            if not self.comment():
                self.markup()
        self.flush(n)
        if self.hooks:
            self.note(n, msg("twee.hooks_unclosed", n=len(self.hooks), end=Q("]")), "")
        return self.out

    def flush(self, at: int) -> None:
        if self.text:
            self.out.append(Chunk("".join(self.text), self.text_at))
            self.text.clear()
        self.text_at = at

    def emit(self, piece: Piece, stop: int) -> None:
        """A piece at the current offset, the text before it flushed; reading goes on at `stop`."""
        self.flush(self.i)
        self.out.append(piece)
        self.i = self.text_at = stop

    def note(self, pos: int, message: str, source: str) -> None:
        line, col = self.passage.at(pos)
        self.notes.append(Note(line, col, message, source))

    def left_open(self, opener: str, key: str, end: str) -> None:
        """An opener never closed: text, said once a passage; reading goes on just past it."""
        at = self.i
        if opener not in self.unclosed:
            self.note(at, msg(key, end=Q(end)), self.body[at:at + 40])
        self.unclosed.add(opener)
        self.text.append(self.body[at:at + len(opener)])
        self.i = at + len(opener)

    def comment(self) -> bool:
        """A comment starting here, if one does (an unclosed one runs to the end, said)."""
        body, i = self.body, self.i
        for start, end in _COMMENTS:
            if body.startswith(start, i):
                j = body.find(end, i + len(start))
                if j < 0:
                    self.note(i, msg("twee.comment_unclosed", end=Q(end)), body[i:i + 40])
                self.emit(Comment(body[i + len(start):(len(body) if j < 0 else j)], i),
                          len(body) if j < 0 else j + len(end))
                return True
        return False

    def markup(self) -> None:
        """A link, a macro or a hook's bracket starting here, else one character of text."""
        body, i = self.body, self.i
        if body.startswith("[[", i):
            self.link()
        elif body.startswith("<<", i) and (m := _SC_NAME.match(body, i)):
            self.sugarcube(m)
        elif body[i] == "(" and self.budget > 0 and (m := _HL_NAME.match(body, i)):
            self.harlowe(m)
        elif body[i] in "[]" and self.hooks:
            self.bracket()
        else:
            if not self.text:
                self.text_at = i
            self.text.append(body[i])
            self.i = i + 1

    def link(self) -> None:
        body, i = self.body, self.i
        j = body.find("]]", i + 2, i + 4 + MAX_LINK)
        if j < 0:
            self.left_open("[[", "twee.link_unclosed", "]]")
            return
        inner = body[i + 2:j]
        setter = None
        if "][" in inner:
            inner, setter = inner.split("][", 1)
        label, target = split_link(inner)
        self.emit(Link(label.strip(), target.strip(), setter, i), j + 2)

    def sugarcube(self, m: re.Match[str]) -> None:
        body, i = self.body, self.i
        j = body.find(">>", i + 2, i + 4 + MAX_MACRO)
        if j < 0:
            self.left_open("<<", "twee.macro_unclosed", ">>")
            return
        self.emit(Macro("sugarcube", m.group(1), body[m.end():j].strip(), i, body[i:j + 2]), j + 2)

    def harlowe(self, m: re.Match[str]) -> None:
        body, i = self.body, self.i
        j = _close_paren(body, i)
        if j < 0:
            self.budget -= min(MAX_MACRO, len(body) - i)
            self.left_open("(", "twee.macro_unclosed", ")")
            return
        hook = j < len(body) and body[j] == "["
        self.emit(Macro("harlowe", m.group(1).lower(), body[m.end():j - 1].strip(), i, body[i:j], hook),
                  j + (1 if hook else 0))
        if hook:
            self.hooks.append(0)

    def bracket(self) -> None:
        """A '[' or ']' inside a Harlowe hook: text, but for the ']' that closes the hook."""
        i = self.i
        if self.body[i] == "[":
            self.hooks[-1] += 1
            self.text.append("[")
        elif self.hooks[-1]:
            self.hooks[-1] -= 1
            self.text.append("]")
        else:
            self.hooks.pop()
            self.emit(HookEnd(i), i + 1)
            return
        self.i = i + 1


def pieces(body: str, notes: list[Note], passage: Passage) -> list[Piece]:
    """The passage's text as links, macros, hook ends, comments and plain text, in order; what
    cannot be read (an opener never closed) is noted in `notes`, located in the file."""
    return _Scanner(body, notes, passage).run()
