"""Text shown as plain text: the characters a terminal would interpret, and how to show them.

Scenario files may not contain them (the loader refuses them, located). Text that comes from
elsewhere — a trainee's name, a play id, a scenario id or title read from the results database,
a file name — follows one rule wherever it is written out: `shown` (one field) or `visible` (a
whole text, keeping its lines) writes each such character as a visible `\\uXXXX` escape. The
terminal commands, the game's and the room's screens, the CSV, Markdown and HTML exports and an
xAPI agent's display name all go through it; JSON keeps the exact data (`json_text`: the same
characters as JSON escapes). The names a trainee types are refused such characters at entry
(`name_refusal`), so that new names never need the rule.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, TextIO

from simulator.lang.typography import one_line

# C0 controls but tab and newline, DEL, C1 controls (a terminal may act on any of them: escape
# starts colour, cursor and title sequences), and the Unicode bidi overrides and isolates,
# which reorder what is shown.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
          0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
          0x9B: "control sequence introducer"}


def char_name(ch: str) -> str:
    """'U+001B (escape)': a character named so that a trainer can find it."""
    code = ord(ch)
    name = _NAMES.get(code) or unicodedata.name(ch, "").lower() or "a control character"
    return f"U+{code:04X} ({name})"


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def visible(text: str) -> str:
    """`text` with each control or bidi character written as `\\uXXXX` (also a valid JSON
    escape, so JSON output stays valid and means the same)."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def shown(text: str) -> str:
    """THE rule for writing out one field of stored free text (a trainee's name, a play id, a
    scenario id or title from the database) in any output made to be read — a terminal, a
    screen of the game, CSV, Markdown, HTML, an xAPI agent's display name: each control
    character (C0 but tab and newline, DEL, C1: escape sequences, bell, CSI) and each bidi
    embedding, override or isolate (an RLO reverses the text after it) as a visible `\\uXXXX`,
    then on one line (line breaks and tabs become one space; the ends trimmed). Zero-width
    joiners and non-joiners stay: they act on no terminal nor format, and emoji (👩‍💻) and
    Persian or Indic names are spelt with them. Applying it twice changes nothing more."""
    return one_line(visible(text))


def json_text(data: Any) -> str:
    """`data` as JSON text that holds the exact data, and no raw character a terminal or an
    editor would act on: `json.dumps` writes C0 controls as escapes itself, but DEL, C1 controls
    and bidi overrides raw (with ensure_ascii=False); `visible` writes those as the `\\uXXXX`
    escapes JSON reads back as the same characters. Raw controls can only stand inside JSON
    strings, never after an unescaped backslash, so the text stays valid and means the same."""
    return visible(json.dumps(data, ensure_ascii=False, indent=2))


# A name typed in the game or at a workshop's door: at most this many characters, and none of
# the characters `visible` escapes (a name is stored as typed: refused at entry, it never needs
# the rule in an output).
MAX_NAME = 60
NAME_CHARS = "[^" + CONTROL.pattern[1:-1] + "]*"  # for a text field's `restrict`


def name_refusal(name: str) -> str | None:
    """The first character a name may not hold, named for the trainee ('U+001B (escape)'), or
    None when the name is acceptable (its length is the field's to limit)."""
    bad = CONTROL.search(name)
    return char_name(bad.group()) if bad else None


class VisibleStream:
    """A text stream that writes through `visible`: for the output of commands that print text."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
