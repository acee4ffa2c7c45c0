"""Twee 3, read: a story file cut into passages (name, tags, metadata, body, where each stands);
simulator.authoring.twine.pieces cuts a passage's text.

Ours rather than PyPI's `pytwee` (0.3.3, the only Twee parser there): it keeps no line numbers
(every warning of `litige import` must say where), does not decode the spec's backslash escapes
in names and tags, raises on a metadata block that is not JSON (the spec says: warn and go on),
and reads no links or macros at all, which is most of the work here (twine.pieces).

Pure: text in, records out; positions are 1-based lines and columns of the whole file.
Spec followed: the Twee 3 specification (v3.0.2) of the Twine specs.
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
