"""The program's words in the reader's language: `t` looks a key up in the game's table
(simulator.lang.words.MESSAGES; check's too), and the one rule choosing the language. Scenario
text carries its own.

The messages are written with ordinary spaces and straight apostrophes; `t` gives them their
typography (simulator.lang.typography: `Fin :` with a no-break space, « » with narrow ones, `’`).
Numbers shown to a reader go through `fmt_number` (`7,7` in French); machine formats (JSON, CSV,
xAPI, `FILE:LINE:COL:` messages) keep the decimal point."""

from __future__ import annotations

import re
from functools import cache

from simulator.lang.messages_check import say
from simulator.lang.typography import NNBSP, colon, fmt_number, fmt_percent, plural_forms, plural_one, quote, typeset
from simulator.lang.words import CHECK, LANGS, MESSAGES

__all__ = ["LANGS", "MESSAGES", "colon", "fmt_number", "fmt_percent", "label", "plural_one", "quoted", "t"]

QUOTES = {"«": "»", '"': '"', "“": "”"}


def quoted(text: str, lang: str = "fr") -> str:
    """« text » in French, “text” in English, unless the text is a quotation already (a spoken
    answer in its own quotes)."""
    stripped = text.strip()
    if len(stripped) > 1 and QUOTES.get(stripped[0]) == stripped[-1]:
        return stripped
    return quote(text, lang)


# A unit after a placeholder (`{seconds} s`): kept with the number the placeholder becomes.
_PLACEHOLDER_UNIT = re.compile(r"(?<=\})[ \u00a0](?=(?:s|ms|min|h|%)(?!\w))")


def _written(key: str, lang: str) -> str:
    """The language the message `key` is written in for `lang`: its own, else French."""
    return lang if MESSAGES[key].get(lang) else "fr"


def template(key: str, lang: str) -> str:
    """The message `key` in `lang` (falling back to French) before its values are put in, with
    the typography of the language it is written in."""
    written = _written(key, lang)
    return _typeset_message(MESSAGES[key][written], written)


@cache
def _typeset_message(text: str, lang: str) -> str:
    """Typeset once per text (cached by the text itself: a message added or changed later is
    typeset anew)."""
    text = typeset(text, lang)
    return _PLACEHOLDER_UNIT.sub(NNBSP, text) if lang == "fr" else text


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The message `key` in `lang` (falling back to French), formatted with `values`. The
    values are put in as they are (file names, error messages): only the message is typeset.
    `litige check`'s messages (loader, checker, lint, guards, YAML hints) are in their own table,
    simulator.lang.words.CHECK, whose English is never typeset (check's English output is kept
    byte for byte): `t` finds them there too (messages_check.say)."""
    if key not in MESSAGES and key in CHECK:
        return say(key, lang, **values)
    text = template(key, lang)
    if "|" in text:
        written = _written(key, lang)
        text = plural_forms(text, written, values)
    return text.format(**values) if values else text


def label(key: str, lang: str = "fr") -> str:
    """The message `key` as a label: `Fin :` (a no-break space before the colon) or `Ending: `."""
    return t(key, lang) + colon(lang)
