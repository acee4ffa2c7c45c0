"""Every word the program says, in French and English: one module per part of the program it
speaks for, assembled here into the game's table (MESSAGES, read by i18n.t) and check's (CHECK,
read by messages_check.msg). A key defined twice is refused at import.

The words are written with ordinary spaces and straight apostrophes: i18n and messages_check
give them their typography. Literal braces are doubled ({{ }}), as str.format wants them;
`{n|one|many}` picks a form by the count n (typography.plural_one)."""

from __future__ import annotations

from simulator.lang.words import (
    authoring,
    check,
    debrief,
    linemode,
    plain,
    progress,
    results,
    scenario,
    tui,
    twine,
    workshop,
    yamlfile,
)

__all__ = ["CHECK", "LANGS", "MESSAGES", "Table", "assemble"]

LANGS = ("fr", "en")  # every message is written in both
Table = dict[str, dict[str, str]]  # key -> language -> words


def assemble(*tables: Table) -> Table:
    """One table made of several, in order; ValueError names the keys two of them define."""
    merged: Table = {}
    for table in tables:
        twice = sorted(merged.keys() & table.keys())
        if twice:
            raise ValueError(f"message key(s) defined twice: {', '.join(twice)}")
        merged.update(table)
    return merged


# The game's words: typeset in both languages, French where a language lacks a message (i18n.t).
MESSAGES: Table = assemble(debrief.WORDS, workshop.WORDS, results.WORDS, authoring.WORDS, linemode.WORDS,
                           tui.WORDS, progress.WORDS, plain.WORDS)
# `litige check`'s and import's words: the English used as written (check's output kept byte for
# byte), the French typeset (messages_check).
CHECK: Table = assemble(scenario.WORDS, check.WORDS, yamlfile.WORDS, twine.WORDS)
assemble(MESSAGES, CHECK)  # i18n.t looks in both: a key belongs to one of them only
