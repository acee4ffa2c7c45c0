"""French and English typography for the text a player reads (pure: no Textual, no I/O).

`typeset(text, lang)` gives a text its typography, whether the author typed `Bonjour!`,
`Bonjour !` or `Bonjour\u202f!`: the result is the same, and typesetting it again changes
nothing. French (Imprimerie nationale conventions, docs in /shared/notes/typography.md):

- a narrow no-break space (U+202F) before `; ! ?` (a run such as `?!` gets one), after `«` and
  before `»`;
- a no-break space (U+00A0) before a `:` that ends a phrase (followed by a space or the end):
  never in `14:30`, `https://`, `5:2`;
- `...` → `…`; a straight apostrophe between letters → `’`;
- a number and its unit kept together (`60 °C`, `59 €`, `10 %`, `14 h`, `30 s`) and the groups of
  a large number (`10 000`), with U+202F.

English: `...` → `…` and `'` between letters → `’`; nothing else. Other languages are returned
unchanged. Addresses (`https://…`, `www.…`, e-mail addresses) are never touched.

`fmt_number(value, lang)` writes a number as a reader of `lang` expects it (`7,7` in French, `7.7`
in English, `100` rather than `100,0`); machine formats (JSON, CSV, xAPI) do not use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

NBSP = "\u00a0"  # no-break space: before a colon
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? », after «, in numbers and units
ELLIPSIS = "\u2026"
APOSTROPHE = "\u2019"

_SP = " \t\u00a0\u202f"  # horizontal spaces an author may have typed (or a first pass left)
_LETTER = r"[^\W\d_]"

# Never typeset inside these: a URL's `?` and `:` are not punctuation.
_PROTECTED = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_DOTS = re.compile(r"\.\.\.")
_APOS = re.compile(rf"(?<={_LETTER})'(?={_LETTER})")
# A run of ; ! ? after something (not a space, not an opening bracket), the spaces before it replaced.
_MARKS = re.compile(rf"(?<=[^\s(\[{{«])[{_SP}]*([;!?]+)")
# A colon that ends a phrase: followed by breaking white space or the end (not by a no-break space,
# which only typesetting puts there: `a:!` must not become `a :!` on a second pass).
_COLON = re.compile(rf"(?<=[^\s(\[{{«])[{_SP}]*:(?=[^\S\u00a0\u202f]|$)")
_OPEN = re.compile(rf"«[{_SP}]*(?=\S)")
_CLOSE = re.compile(rf"(?<=\S)[{_SP}]*»")
_UNIT = re.compile(rf"(?<=\d)(?:[{_SP}]+|(?=[%‰€]|°[CF]))"
                   r"(?=(?:%|‰|€|\$|£|°C|°F|km/h|km|kg|cm|mm|ms|min|m²|m³|h|s|m|g|L|ko|Mo|Go|To)(?![\w'’]))")
_GROUPS = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{_SP}]\d{{3}})+(?![\d])")
_GROUP_SPACE = re.compile(rf"[{_SP}]")


def _outside_urls(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str) -> str:
    """`pattern.sub(repl, text)`, except for matches that start inside an address."""
    spans = [m.span() for m in _PROTECTED.finditer(text)]
    if not spans:
        return pattern.sub(repl, text)

    def guarded(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in spans):
            return m.group(0)
        return repl(m) if callable(repl) else m.expand(repl)
    return pattern.sub(guarded, text)


def _common(text: str) -> str:
    text = _outside_urls(_DOTS, ELLIPSIS, text)
    return _outside_urls(_APOS, APOSTROPHE, text)


def _typeset_guarded(text: str, lang: str) -> str:
    """typeset() for a text that holds an address: every rule steps around it."""
    text = _common(text)
    if lang == "en":
        return text
    text = _outside_urls(_OPEN, "«" + NNBSP, text)
    text = _outside_urls(_CLOSE, NNBSP + "»", text)
    text = _outside_urls(_MARKS, lambda m: NNBSP + m.group(1), text)
    text = _outside_urls(_COLON, NBSP + ":", text)
    text = _outside_urls(_UNIT, NNBSP, text)
    return _outside_urls(_GROUPS, lambda m: _GROUP_SPACE.sub(NNBSP, m.group(0)), text)


_DIGITS = frozenset("0123456789")


@lru_cache(maxsize=8192)  # a library repeats its texts (answers, feedback), and so does every check of it
def typeset(text: str, lang: str) -> str:
    """`text` with the typography of `lang` (see the module's docstring); idempotent.

    Each rule runs only where the text holds a character it acts on (most texts need two or
    three of the seven), and the address-aware path only for a text that holds an address."""
    if lang not in ("fr", "en"):
        return text
    if ("/" in text or "@" in text or "www." in text) and _PROTECTED.search(text):
        return _typeset_guarded(text, lang)
    if "..." in text:
        text = _DOTS.sub(ELLIPSIS, text)
    if "'" in text:
        text = _APOS.sub(APOSTROPHE, text)
    if lang == "en":
        return text
    if "«" in text:
        text = _OPEN.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE.sub(NNBSP + "»", text)
    if ";" in text or "!" in text or "?" in text:
        text = _MARKS.sub(lambda m: NNBSP + m.group(1), text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    if not _DIGITS.isdisjoint(text):
        text = _UNIT.sub(NNBSP, text)
        text = _GROUPS.sub(lambda m: _GROUP_SPACE.sub(NNBSP, m.group(0)), text)
    return text


def fmt_number(value: float, lang: str, digits: int = 1) -> str:
    """`value` rounded to `digits` decimals as a reader of `lang` writes it: `7,7` in French,
    `7.7` in English; no trailing zeros (`100`, not `100,0`); groups of thousands from 10 000
    (a narrow no-break space in French, a comma in English)."""
    text = f"{float(value):.{max(0, digits)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = text.partition(".")
    if len(whole) > 4:
        sep = NNBSP if lang == "fr" else ","
        whole = f"{int(whole):,}".replace(",", sep)
    point = "," if lang == "fr" else "."
    return sign + whole + (point + decimals if decimals else "")


def fmt_percent(value: float, lang: str, digits: int = 0) -> str:
    """A percentage (`value` out of 100): `42 %` (narrow no-break space) in French, `42%` in English."""
    return fmt_number(value, lang, digits) + (NNBSP + "%" if lang == "fr" else "%")


# A count's forms in a message: `{n|partie|parties}` is the form plural_one gives for the value n.
PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def plural_one(n: float, lang: str) -> bool:
    """The one rule for plurals: is `n` said in the singular? French: under 2 (0 partie, 1 partie,
    1,5 partie, 2 parties); English: 1 alone (0 plays, 1 play)."""
    return abs(n) < 2 if lang == "fr" else n == 1


def plural_forms(text: str, lang: str, values: Mapping[str, Any]) -> str:
    """`text` with each `{n|one|many}` replaced by the form plural_one gives for `values[n]` in `lang`."""
    return PLURAL.sub(lambda m: m[2] if plural_one(float(values[m[1]]), lang) else m[3], text)


def colon(lang: str) -> str:
    """What follows a label: ` : ` (a no-break space first) in French, `: ` in English."""
    return NBSP + ": " if lang == "fr" else ": "


def quote(text: str, lang: str) -> str:
    """`text` in the quotation marks of `lang`: « text » (narrow no-break spaces) or “text”."""
    return f"«{NNBSP}{text}{NNBSP}»" if lang == "fr" else f"“{text}”"


_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007\u2060]+")


def one_line(text: str) -> str:
    """`text` on one line: each run of ordinary white space (newlines included) becomes one
    space, the ends are stripped; no-break spaces stay (unlike `" ".join(text.split())`)."""
    return _BREAKING_SPACE.sub(" ", text).strip(" ")
