"""What an import could not map, as it goes: each note kept, located in the file, and said as
comment lines of the YAML written (in the messages' language), at its top or above its node."""

from __future__ import annotations

from simulator.authoring.twine.story import Note
from simulator.lang.messages_check import render


class Notes:
    def __init__(self, file: str, messages: str):
        self.file = file
        self.messages = messages  # the language of the warnings and of the comments written
        self.notes: list[Note] = []
        self.top: list[str] = []  # comment lines at the top of the YAML
        self.by_node: dict[str, list[str]] = {}  # comment lines above a node

    def warn(self, line: int, col: int, message: str, source: str = "", nid: str | None = None) -> None:
        """A note on what does not map (a messages_check.Msg), with the text concerned; said above
        node `nid`, else at the top."""
        self.notes.append(Note(line, col, message, source))
        lines = [f"{self.file}:{line}:{col}: warning: {render(message, self.messages)}"]
        lines += [f"  {s}" for s in source.splitlines()[:20]]
        (self.by_node.setdefault(nid, []) if nid else self.top).extend(lines)

    def comment(self, nid: str, line: str) -> None:
        """A comment line above node `nid` that is no warning (the author's own, kept)."""
        self.by_node.setdefault(nid, []).append(line)

    def in_order(self) -> list[Note]:
        """The notes in the order of the file."""
        return sorted(self.notes, key=lambda n: (n.line, n.col))
