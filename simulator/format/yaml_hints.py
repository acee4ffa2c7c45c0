"""Plain-words hints for YAML syntax errors, for trainers who are not programmers.

PyYAML's messages ("mapping values are not allowed in this context", "did not find expected
key"…) are exact but speak of the parser, not of the file. `hint` looks at the message and at
the line it points to and says what to change, in the trainer's words; the caller keeps the
location and PyYAML's message and adds the hint after it.
"""

from __future__ import annotations

import re

from simulator.lang.messages_check import Lit, Q, msg

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
        return msg("yhint.tab", line=line + 1)
    if "mapping values are not allowed" in problem:
        before = source[:col]
        m = _KEY.match(before + " ")
        if m and m.end() <= col:
            # the line is already `key: value` and the value itself holds ": "
            example = _quoted_example(source)
            fix = msg("yhint.fix", example=example) if example else ""
            return msg("yhint.colon_in_text", fix=fix)
        return msg("yhint.key_indent", line=line + 1)
    if "found unexpected end of stream" in problem and context and "quoted" in context:
        where = msg("yhint.at_line", line=context_line + 1) if context_line is not None else ""
        return msg("yhint.quote_open", where=where)
    if "did not find expected key" in problem and source[:col].rstrip().endswith(('"', "'")):
        return msg("yhint.quote_then_more", dq='"', escaped='\\"')
    if ("did not find expected key" in problem or "expected <block end>" in problem
            or "did not find expected '-' indicator" in problem):
        return msg("yhint.block_indent", line=line + 1, dash=Lit("'- '", "un tiret suivi d’une espace"))
    if "could not find expected ':'" in problem:
        return msg("yhint.no_colon", line=line + 1, colon=Lit("':'", "«\u202f:\u202f»"),
                   example=Lit("`key: value`", "`clé: valeur`"))
    if "found character that cannot start any token" in problem:
        char = source[col] if 0 <= col < len(source) else ""
        if char in "@`":
            return msg("yhint.bad_start", char=Q(char))
        return None
    return None
