"""Twee 3, read: a story file cut into passages, and a passage's text cut into the pieces the
importer maps (links, SugarCube macros, Harlowe macros and hooks, comments, plain text).

Ours rather than PyPI's `pytwee` (0.3.3, the only Twee parser there): it keeps no line numbers
(every warning of `litige import` must say where), does not decode the spec's backslash escapes
in names and tags, raises on a metadata block that is not JSON (the spec says: warn and go on),
and reads no links or macros at all, which is most of the work here.

Pure: text in, records out; positions are 1-based lines and columns of the whole file.
Specs followed: the Twee 3 specification (v3.0.2) of the Twine specs; links as Twine 2 and its
story formats read them (`[[Text|Target]]`, `[[Text->Target]]` with the rightmost `->`,
`[[Target<-Text]]` with the leftmost `<-`, `[[Target]]`, and SugarCube's setter component
`[[Text|Target][$x to 1]]`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from simulator.lang.messages_check import Q, msg


@dataclass(frozen=True)
class Note:
    """Something read that does not map, where it stands in the file."""

    line: int
    col: int
    message: str  # a messages_check.Msg: its English text, rendered in any language
    source: str = ""  # the text concerned, kept as a comment in the output


@dataclass(frozen=True, eq=False)
class Passage:
    name: str
    tags: tuple[str, ...]
    metadata: dict[str, Any]
    body: str
    line: int  # of the header
    body_line: int  # of the body's first line

    @cached_property
    def _breaks(self) -> list[int]:
        return [i for i, ch in enumerate(self.body) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        """Line and column in the file of an offset in the body (a search, not a count: a passage
        of many pieces is located in n log n)."""
        k = bisect_left(self._breaks, offset)
        return self.body_line + k, offset - (self._breaks[k - 1] + 1 if k else 0) + 1


@dataclass
class Story:
    passages: list[Passage] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _take_until(text: str, i: int, stops: str) -> tuple[str, int]:
    """Text from i up to an unescaped character of `stops` (or the end), escapes kept."""
    j = i
    while j < len(text) and text[j] not in stops:
        j += 2 if text[j] == "\\" else 1
    return text[i:min(j, len(text))], min(j, len(text))


def _header(line: str, lineno: int, notes: list[Note]) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    rest = line[2:]
    raw_name, i = _take_until(rest, 0, "[{")
    name = _unescape(raw_name.strip())
    tags: tuple[str, ...] = ()
    metadata: dict[str, Any] = {}
    if i < len(rest) and rest[i] == "[":
        raw_tags, j = _take_until(rest, i + 1, "]")
        if j >= len(rest):
            notes.append(Note(lineno, 3 + i, msg("twee.tags_unclosed"), rest[i:]))
            return name, (), {}
        tags = tuple(_unescape(t) for t in raw_tags.split())
        i = j + 1
        while i < len(rest) and rest[i] in " \t":
            i += 1
    if i < len(rest) and rest[i] == "{":
        try:
            value = json.loads(rest[i:])
        except ValueError:
            value = None
        if isinstance(value, dict):
            metadata = value
        else:
            notes.append(Note(lineno, 3 + i, msg("twee.metadata_not_object"), rest[i:]))
    elif rest[i:].strip():
        notes.append(Note(lineno, 3 + i, msg("twee.after_name"), rest[i:].strip()))
    return name, tags, metadata


def parse_story(text: str) -> Story:
    """The passages of a Twee 3 file, in order; notes for what the header syntax could not take."""
    story = Story()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: tuple[str, tuple[str, ...], dict[str, Any], int] | None = None
    body: list[str] = []
    preamble: list[tuple[int, str]] = []

    def close() -> None:
        if header is None:
            return
        while body and not body[-1].strip():  # trailing blank lines are not content (spec)
            body.pop()
        name, tags, metadata, lineno = header
        story.passages.append(Passage(name, tags, metadata, "\n".join(body), lineno, lineno + 1))

    for lineno, line in enumerate(lines, 1):
        if line.startswith("::"):
            close()
            name, tags, metadata = _header(line, lineno, story.notes)
            header = (name, tags, metadata, lineno)
            body = []
            if not name:
                story.notes.append(Note(lineno, 1, msg("twee.no_name"), line))
                header = None
        elif header is not None:
            body.append(line)
        elif line.strip():
            preamble.append((lineno, line))
    close()
    if preamble:
        story.notes.append(Note(preamble[0][0], 1, msg("twee.preamble", header=Q(":: Name")),
                                "\n".join(t for _, t in preamble)))
    return story


# -- a passage's text -------------------------------------------------------------------------

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


def pieces(body: str, notes: list[Note], passage: Passage) -> list[Piece]:
    """The passage's text as links, macros, hook ends, comments and plain text, in order."""
    out: list[Piece] = []
    text: list[str] = []
    text_at = 0
    hooks: list[int] = []  # per open Harlowe hook: plain '[' opened inside it and not closed yet
    unclosed: set[str] = set()  # openers already said to be unclosed in this passage: said once
    budget = SCAN_BUDGET  # characters looked through for ')' in vain; past it, '(name:' is text
    i = 0
    n = len(body)

    def flush(at: int) -> None:
        nonlocal text_at
        if text:
            out.append(Chunk("".join(text), text_at))
            text.clear()
        text_at = at

    def note(pos: int, message: str, source: str) -> None:
        line, col = passage.at(pos)
        notes.append(Note(line, col, message, source))

    def left_open(at: int, opener: str, key: str, end: str) -> int:
        """An opener never closed: text, said once a passage; the index just past it."""
        if opener not in unclosed:
            note(at, msg(key, end=Q(end)), body[at:at + 40])
        unclosed.add(opener)
        text.append(body[at:at + len(opener)])
        return at + len(opener)

    while i < n:
        for start, end in _COMMENTS:
            if body.startswith(start, i):
                j = body.find(end, i + len(start))
                stop = n if j < 0 else j + len(end)
                flush(i)
                out.append(Comment(body[i + len(start):(n if j < 0 else j)], i))
                if j < 0:
                    note(i, msg("twee.comment_unclosed", end=Q(end)),
                         body[i:i + 40])
                i = stop
                text_at = i
                break
        else:
            if body.startswith("[[", i):
                j = body.find("]]", i + 2, i + 4 + MAX_LINK)
                if j < 0:
                    i = left_open(i, "[[", "twee.link_unclosed", "]]")
                    continue
                inner = body[i + 2:j]
                setter = None
                if "][" in inner:
                    inner, setter = inner.split("][", 1)
                label, target = split_link(inner)
                flush(i)
                out.append(Link(label.strip(), target.strip(), setter, i))
                i = j + 2
                text_at = i
            elif body.startswith("<<", i) and _SC_NAME.match(body, i):
                j = body.find(">>", i + 2, i + 4 + MAX_MACRO)
                if j < 0:
                    i = left_open(i, "<<", "twee.macro_unclosed", ">>")
                    continue
                m = _SC_NAME.match(body, i)
                assert m is not None
                flush(i)
                out.append(Macro("sugarcube", m.group(1), body[m.end():j].strip(), i, body[i:j + 2]))
                i = j + 2
                text_at = i
            elif body[i] == "(" and budget > 0 and _HL_NAME.match(body, i):
                j = _close_paren(body, i)
                if j < 0:
                    budget -= min(MAX_MACRO, n - i)
                    i = left_open(i, "(", "twee.macro_unclosed", ")")
                    continue
                m = _HL_NAME.match(body, i)
                assert m is not None
                hook = j < n and body[j] == "["
                flush(i)
                out.append(Macro("harlowe", m.group(1).lower(), body[m.end():j - 1].strip(), i, body[i:j], hook))
                i = j + (1 if hook else 0)
                text_at = i
                if hook:
                    hooks.append(0)
            elif body[i] == "[" and hooks:
                hooks[-1] += 1
                text.append("[")
                i += 1
            elif body[i] == "]" and hooks:
                if hooks[-1]:
                    hooks[-1] -= 1
                    text.append("]")
                else:
                    hooks.pop()
                    flush(i)
                    out.append(HookEnd(i))
                    text_at = i + 1
                i += 1
            else:
                if not text:
                    text_at = i
                text.append(body[i])
                i += 1
    flush(n)
    if hooks:
        note(n, msg("twee.hooks_unclosed", n=len(hooks), end=Q("]")), "")
    return out
