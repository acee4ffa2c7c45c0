"""The messages of `litige check` (loader, checker, lint and scoring warnings, guards, YAML hints,
Twine import), in French and English: the one way to put a message of check's table
(simulator.lang.words.CHECK) in a language.

A message is made once, where the problem is found, as `msg(key, **params)`: a `Msg`, which *is*
its English text (a `str`, so `Problem.message`, equality, sorting and every existing caller see
the English words they always saw) and also keeps its key and parameters, so that `render(message,
lang)` can say it in French. Parameters are named, never glued: a value that is itself a message
(a hint, a field's name) is a `Msg` and is rendered in the same language; an identifier quoted in
the message is `Q(value)` (`'orphan'` in English, as `repr` wrote it, « orphan » in French); a
score is `Num(value)` (`62.5` / `62,5`); a list of quoted names is `QList(values)`; parts joined
by a separator are `Joined(parts, sep)`. Anything else is put in verbatim (file names, abridged
YAML values, PyYAML's own reason).

English templates are used as written (the output stays byte-identical to what check printed
before the catalogue); French templates are typeset (simulator.lang.typography: no-break spaces before
`: ; ! ?`, « », `’`) before the values go in. `{n|one|many}` picks a form by `i18n.plural_one`.
`FILE:LINE:COL:`, the words `error`/`warning` and the `[code]` stay as they are in both languages:
they are not part of a message (see `errors.Problem.render`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from simulator.lang.typography import fmt_number, plural_forms, quote, typeset
from simulator.lang.words import CHECK, LANGS

# A scenario's numbers are small (meters 0 to 100, a year, seconds); an integer written longer
# than this is refused before it is built: PyYAML builds `1:2:3…` (base 60) and `0x…` without
# Python's 4,300-digit limit, in time that grows with the square of their length, and such a
# number could not be shown in a message (str() refuses it past 4,300 digits).
MAX_INT_CHARS = 40


def abridged(value: Any, limit: int = MAX_INT_CHARS) -> str:
    """repr(value) for a message, cut when long (`'ababababababababab'… (5000 characters)`), so
    that a problem stays one readable line. Never raises (past 4,300 digits an int has no repr)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit // 2]!r}… ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit // 2]}… ({len(text)} characters)"


class Q:
    """An identifier or value quoted in a message: repr() in English, « » in French."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def render(self, lang: str) -> str:
        if lang == "fr" and isinstance(self.value, str):
            return quote(self.value, "fr")
        return repr(self.value)


class V:
    """A value found in the file, cut when long (yaml_reader.abridged): its repr in English (as before),
    a text in « » in French."""

    __slots__ = ("value", "limit")

    def __init__(self, value: Any, limit: int | None = None):
        self.value, self.limit = value, limit

    def render(self, lang: str) -> str:
        limit = self.limit or MAX_INT_CHARS
        if lang == "fr" and isinstance(self.value, str) and len(self.value) <= limit:
            return quote(self.value, "fr")
        if lang == "fr" and isinstance(self.value, str):
            return quote(self.value[:limit // 2], "fr") + f"… ({fmt_number(len(self.value), 'fr', 0)} caractères)"
        text = abridged(self.value, limit)
        if lang == "fr" and text.startswith("a number of about "):  # an int too long to write out
            return "un nombre d’environ " + text.removeprefix("a number of about ").replace(" digits", " chiffres")
        if lang == "fr" and text.endswith(" characters)"):
            return text.removesuffix(" characters)") + " caractères)"
        return text


class Num:
    """A number said to a reader: `{:g}` in English (as before), a decimal comma in French."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def render(self, lang: str) -> str:
        return fmt_number(self.value, "fr", 3) if lang == "fr" else f"{self.value:g}"

    def __float__(self) -> float:
        return float(self.value)


class QList:
    """Quoted names separated by commas."""

    __slots__ = ("values",)

    def __init__(self, values: Iterable[Any]):
        self.values = tuple(values)

    def render(self, lang: str) -> str:
        return ", ".join(Q(v).render(lang) for v in self.values)


class Joined(str):
    """Parts (messages or plain text) joined by `sep` (`"; "` gets its French space): equal to the
    English text, like a Msg."""

    parts: tuple[object, ...]
    sep: str

    def __new__(cls, parts: Iterable[object], sep: str) -> Joined:
        kept = tuple(parts)
        self = super().__new__(cls, sep.join(_value(p, "en") for p in kept))
        self.parts, self.sep = kept, sep
        return self

    def __reduce__(self) -> tuple[type[Joined], tuple[tuple[object, ...], str]]:
        return (Joined, (self.parts, self.sep))

    def render(self, lang: str) -> str:
        if lang == "en":
            return str.__str__(self)
        sep = self.sep.replace(";", "\u202f;") if lang == "fr" else self.sep
        return sep.join(_value(p, lang) for p in self.parts)


class Lit:
    """Literal text per language, put in as it is (a YAML example such as `key: value` must not
    get French typography's space before its colon)."""

    __slots__ = ("en", "fr")

    def __init__(self, en: str, fr: str | None = None):
        self.en, self.fr = en, en if fr is None else fr

    def render(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def _value(v: object, lang: str) -> str:
    if isinstance(v, Msg):
        return render(v, lang)
    if isinstance(v, (Q, V, Num, QList, Joined, Lit)):
        return v.render(lang)
    return str(v)


@cache
def template(key: str, lang: str) -> str:
    """The message `key` in `lang` before its values go in (French typeset)."""
    text = CHECK[key][lang]
    return typeset(text, "fr") if lang == "fr" else text


def _fill(key: str, lang: str, params: dict[str, Any]) -> str:
    text = template(key, lang)
    if "|" in text:
        text = plural_forms(text, lang, params)
    return text.format(**{k: _value(v, lang) for k, v in params.items()}) if params else text.format()


def _rebuild(key: str, params: dict[str, Any]) -> Msg:
    return Msg(key, **params)


class Msg(str):
    """A keyed message: equal to its English text, renderable in any of LANGS."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, _fill(key, "en", params))
        self.key = key
        self.params = params
        return self

    def __reduce__(self) -> tuple[Callable[[str, dict[str, Any]], Msg], tuple[str, dict[str, Any]]]:
        # pickling keeps the key, not only the English text
        return (_rebuild, (self.key, self.params))


msg = Msg


def what(name: str) -> str:
    """A field's name as a message (`"choice text"` → what.choice_text); a name made elsewhere (a
    Msg) as it is. A name the catalogue lacks stays plain English (the leak test catches it)."""
    if isinstance(name, Msg) or not name:
        return name
    key = "what." + name.replace(" ", "_")
    return Msg(key) if key in CHECK else name


def say(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang` at once (for text printed, not kept): render(msg(key, …), lang)."""
    return _fill(key, lang, params)


def render(message: str, lang: str) -> str:
    """`message` in `lang`: a Msg in that language; a plain string (made before the catalogue,
    or by another part of the program) as it is."""
    if isinstance(message, Joined):
        return message.render(lang)
    if not isinstance(message, Msg) or lang == "en":
        return str.__str__(message)
    return _fill(message.key, lang, message.params)


def missing_translations() -> list[str]:
    """Keys lacking a language, or whose languages do not use the same parameters."""
    out = []
    for key, forms in CHECK.items():
        if any(not forms.get(lang) for lang in LANGS):
            out.append(key)
            continue
        names = [set(re.findall(r"\{(\w+)[}|]", forms[lang])) for lang in LANGS]
        if names[0] != names[1] and key not in ONE_SIDED:
            out.append(key)
    return out


# Messages whose languages use different parameters of the same call (each is always given).
ONE_SIDED = frozenset({"what.entry"})
