"""Text shown as plain text: the characters a terminal would interpret, and how to show them.

Scenario files may not contain them (the loader refuses them, located); text that comes from
elsewhere — a trainee's name in the results database, a file name — is passed through
`visible` before it reaches a terminal, which writes each such character as a visible escape.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

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


class VisibleStream:
    """A text stream that writes through `visible`: for the output of commands that print text."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
