"""The model's texts and sources, alone: what the game's library shows of a story, importable
without the rest of the model (guards, YAML documents)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from simulator.lang.typography import quote, typeset

LANG = re.compile(r"^[a-z]{2,3}$")  # a language code: the key of a text's translation, a file's `lang`


@dataclass(frozen=True)
class Text:
    """A text in one or more languages; `get` falls back to the source language."""

    values: Mapping[str, str]
    source_lang: str = "fr"

    def get(self, lang: str | None = None) -> str:
        if lang and lang in self.values:
            return self.values[lang]
        if self.source_lang in self.values:
            return self.values[self.source_lang]
        return next(iter(self.values.values()), "")

    def has(self, lang: str) -> bool:
        return lang in self.values

    def __str__(self) -> str:
        return self.get()

    @staticmethod
    def plain(text: str, lang: str = "fr") -> Text:
        return Text({lang: text}, lang)


def cite(title: str, author: str | None = None, year: int | None = None, lang: str = "fr") -> str:
    """A source as the debrief cites it: `Author, « Title » (Year)` (`“Title”` in English), each
    part only if known, with the typography of `lang`."""
    title = quote(typeset(title, lang), lang)
    return f"{author + ', ' if author else ''}{title}{f' ({year})' if year else ''}"


@dataclass(frozen=True)
class Source:
    """Where a story comes from (`source:` in its file)."""

    title: str
    author: str | None = None
    year: int | None = None
    url: str | None = None

    def citation(self, lang: str = "fr") -> str:
        return cite(self.title, self.author, self.year, lang)
