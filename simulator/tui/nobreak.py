"""No line break at a no-break space, in the game's screens.

French typography puts a narrow no-break space (U+202F) before `; ! ? »` and after `«`, and a
no-break space (U+00A0) before `:` (simulator.lang.typography), so that a line never starts with
`?` or `»`. Rich and Textual wrap text at every character Python calls white space, no-break
spaces included (`\\s`): `Comment allez-vous\\u202f?` could end a line after `vous` and start
the next with `?`. `install()` gives both wrappers a word pattern in which no-break spaces join
words (Unicode line breaking, UAX #14: they are "glue"), and changes nothing else.
"""

from __future__ import annotations

import re

GLUE = "\u00a0\u202f\u2007\u2060"  # no-break space, narrow no-break space, figure space, word joiner
_WORD = f"[\\S{GLUE}]+"  # a word: anything but breaking white space
_SPACE = f"[^\\S{GLUE}]"  # breaking white space

RICH_WORD = re.compile(f"{_SPACE}*{_WORD}{_SPACE}*")  # rich._wrap.re_word was r"\s*\S+\s*"
TEXTUAL_CHUNK = re.compile(f"{_WORD}{_SPACE}*|{_SPACE}+")  # textual._wrap.re_chunk was r"\S+\s*|\s+"


def install() -> None:
    """Make Rich's and Textual's wrapping keep no-break spaces (idempotent)."""
    import rich._wrap
    rich._wrap.re_word = RICH_WORD
    try:
        import textual._wrap
    except ImportError:  # a Textual without this module wraps with Rich's
        return
    if hasattr(textual._wrap, "re_chunk"):
        textual._wrap.re_chunk = TEXTUAL_CHUNK
