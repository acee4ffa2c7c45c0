"""Plain-words hints for YAML syntax errors, for trainers who are not programmers.

PyYAML's messages ("mapping values are not allowed in this context", "did not find expected
key"…) are exact but speak of the parser, not of the file. `hint` looks at the message and at
the line it points to and says what to change, in the trainer's words; the caller keeps the
location and PyYAML's message and adds the hint after it.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s")


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line] if 0 <= line < len(lines) else ""


def _quoted_example(source: str) -> str | None:
    """`key: some text: more` → `key: "some text: more"`, when it can be written so."""
    m = _KEY.match(source)
    if not m:
        return None
    value = source[m.end():].strip()
    if not value or '"' in value or "\\" in value or " #" in value:
        return None
    return f'{m.group(1).lstrip()}{m.group(2)}: "{value}"'


def hint(text: str, problem: str, line: int, col: int,
         context: str | None = None, context_line: int | None = None) -> str | None:
    """The hint for PyYAML's `problem` at 0-based (`line`, `col`) of `text`, or None."""
    source = _line(text, line)
    indent = source[: len(source) - len(source.lstrip(" \t"))]
    if "\t" in indent or "tab character" in problem or (0 <= col < len(source) and source[col] == "\t"):
        return (f"line {line + 1} is indented with a tab: indent with spaces only "
                "(editors can be set to insert spaces when Tab is pressed)")
    if "mapping values are not allowed" in problem:
        before = source[:col]
        m = _KEY.match(before + " ")
        if m and m.end() <= col:
            # the line is already `key: value` and the value itself holds ": "
            example = _quoted_example(source)
            fix = f" ({example})" if example else ""
            return ('this text contains ": ", which YAML reads as a new key: put the whole text '
                    f'in double quotes{fix}')
        return (f"check the indentation of line {line + 1} against the line above: a key must "
                "start in the same column as the other keys of its block")
    if "found unexpected end of stream" in problem and context and "quoted" in context:
        where = f" at line {context_line + 1}" if context_line is not None else ""
        return f"a quote opened{where} is never closed: end the text with the same quote mark"
    if "did not find expected key" in problem and source[:col].rstrip().endswith(('"', "'")):
        return ("a text that starts with a quote ends at the next same quote mark, and more "
                "follows it on this line: put the quotes around the whole text (and write a \" "
                "inside a double-quoted text as \\\")")
    if ("did not find expected key" in problem or "expected <block end>" in problem
            or "did not find expected '-' indicator" in problem):
        return (f"check the indentation of line {line + 1} against the line above: lines of "
                "the same block start in the same column (with spaces), and the items of a list "
                "each start with '- '")
    if "could not find expected ':'" in problem:
        return (f"a key on line {line + 1} or just above has no ':' after it, or a text runs "
                "onto a new line: write `key: value`, and quote a text that spans lines")
    if "found character that cannot start any token" in problem:
        char = source[col] if 0 <= col < len(source) else ""
        if char in "@`":
            return f"a text cannot start with {char!r} in YAML: put the whole text in double quotes"
        return None
    return None
