"""What `litige export-twee` and `litige import` agree on, so that a round trip keeps the
scenario: the `litige-…` markers, how a text shows in a passage (markup defused, links as one-line
labels) and what the importer reads back of it, the YAML both write."""

from __future__ import annotations

import re
from typing import Any

import yaml

DATA_TAG = "litige-data"  # the tag of the passage holding the scenario's own facts (YAML)
NODE_META = "litige-node:"  # the comment of a node's facts Twine has no place for (JSON)
CHOICE_META = "litige-choice:"  # the comment before a link: its choice's facts (JSON)

MARKUP = re.compile(r"\[\[|\]\]|<<|>>|/\*|\*/|<!--|-->|/%|%/|\(([A-Za-z][\w-]*):|<(?:script|style)\b|^::",
                    re.I | re.M)


def defuse(text: str) -> str:
    """A text as a passage can show it without Twine (or this importer) reading markup in it:
    a space inside each `[[`, `<<`, `/*`, `(name:`, `<script`, a line's leading `::`…"""
    def spaced(m: re.Match[str]) -> str:
        if m.group(1):
            return f"({m.group(1)} :"
        return m.group(0)[0] + " " + m.group(0)[1:]
    return MARKUP.sub(spaced, text)


def shown(text: str) -> str:
    """What the importer reads back of a text an exported passage shows (defused)."""
    return visible(defuse(text))


def link_label(text: str) -> str:
    """What a choice's text can show inside a link: one line, no ']', '|', '->' or '<-'."""
    label = " ".join(text.split()).replace("]", ")").replace("[", "(").replace("|", "/")
    return label.replace("->", "→").replace("<-", "←").strip()


def visible(raw: str) -> str:
    """A passage's text as a node's: lines holding only links (and code) dropped, links inside a
    sentence replaced by their text, lines stripped, blank lines folded. In `raw`, each link's
    text stands between \\x00 and \\x01 (twine.passages marks them so)."""
    lines = []
    for line in raw.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        if not re.sub("\x00[^\x01]*\x01", "", line).strip():  # links alone (code already taken out)
            continue
        lines.append(re.sub("\x00([^\x01]*)\x01", r"\1", line).strip())
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the format refuses anchors and aliases
        return True


def dump(value: Any) -> str:
    """`value` as block YAML, keys in their order, no anchors (the format refuses them)."""
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
