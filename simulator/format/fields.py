"""Typed readers for the fields of a YAML document: each returns a value or records a located problem.

Shared by the scenario loader and the principles catalogue so both forgive nothing silently
and word their messages the same way.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any

from simulator.format.errors import Problem
from simulator.format.model import Principle, PrincipleSource
from simulator.format.text import LANG, Text
from simulator.format.yaml_reader import INVALID, Doc, Path_
from simulator.lang.messages_check import Lit, Q, V, msg
from simulator.lang.messages_check import what as _what
from simulator.lang.typography import typeset

SLUG = re.compile(r"^[a-z0-9-]+$")  # the spec's rule for ids: scenario, choice, principle, tag
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")  # flags and meters: one word of a guard
NODE_ID = re.compile(r"^[A-Za-z0-9_-]+$")  # node ids: never in guards, safe in URLs (xAPI activity ids)
KEYWORDS = ("and", "or", "not")


# Options compared whole with the word; past this many, only the NEAREST that share the most
# letter pairs with it are (a file with 10,000 nodes and a bad `next` in each took 157 s when
# each hint compared every node id; 8,000 unknown meter names against 200 meters took 22 s with
# a threshold of 200, 4 s with 50; the suggestions were the same as difflib's over all the
# names for 3,000 one-letter slips of the shipped stories' node ids in pools of 51 to 124).
WHOLE = 50
NEAREST = 20


def _pairs(word: str) -> set[str]:
    """The word's pairs of adjacent letters, its first and last letter counted as pairs too."""
    padded = f"\0{word}\0"
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


class Vocabulary:
    """The names a word may be a slip for: sorted once, asked many times (see `hint`)."""

    def __init__(self, options: Iterable[str]):
        self.names = frozenset(options)
        self._by_length: list[str] = []
        self._holding: dict[str, list[int]] | None = None  # letter pair → indexes in `_by_length`

    def __contains__(self, word: object) -> bool:
        return word in self.names

    @cached_property
    def sorted(self) -> list[str]:
        """The names in order: sorted only once a hint is asked for (a valid file asks none)."""
        return sorted(self.names)

    def _nearest(self, word: str) -> list[str]:
        """The NEAREST names sharing the most letter pairs with `word`, the shorter first among
        those sharing as many (a name's extra letters lower difflib's ratio)."""
        if self._holding is None:
            self._by_length = sorted(self.names, key=lambda name: (len(name), name))
            self._holding = {}
            for i, name in enumerate(self._by_length):
                for pair in _pairs(name):
                    self._holding.setdefault(pair, []).append(i)
        shared = Counter(chain.from_iterable(self._holding.get(pair, ()) for pair in _pairs(word)))
        # by count, then by index (that is, by length): sorts that call no Python code per name
        ranked = sorted(sorted(shared), key=shared.__getitem__, reverse=True)[:NEAREST]
        return [self._by_length[i] for i in ranked]

    def hint(self, word: str) -> str:
        """A ' (did you mean …?)' suffix when a close name exists, else ''."""
        word = str(word)
        pool = self.sorted if len(self.names) <= WHOLE else self._nearest(word)
        close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
        return msg("hint.did_you_mean", name=Q(close[0])) if close else ""


@lru_cache(maxsize=32)
def _vocabulary(options: frozenset[str] | tuple[str, ...]) -> Vocabulary:
    return Vocabulary(options)


def hint(word: str, options: Iterable[str] | Vocabulary) -> str:
    """A ' (did you mean …?)' suffix when a close option exists, else ''. The options of a
    frozenset or tuple are prepared once for all the words asked about them."""
    if not isinstance(options, Vocabulary):
        # a mapping (the meters) or a set is frozen first, so that its letter-pair index is built
        # once for the file, not once per hint (5,000 bad meter names took minutes)
        options = _vocabulary(options if isinstance(options, (frozenset, tuple)) else frozenset(options))
    return options.hint(word)


def _describe(value: Any) -> str | V:
    if isinstance(value, dict):
        return msg("fields.a_mapping")
    if isinstance(value, list):
        return msg("fields.a_list")
    if value is None:
        return msg("fields.nothing")
    return V(value)


def _where(what: str) -> str:
    """` in the scenario` (a message) after a key's name, or nothing."""
    return msg("fields.in", what=_what(what)) if what else ""


class Fields:
    """Reads fields of `doc`, appending located problems to `problems`."""

    def __init__(self, doc: Doc, lang: str = "fr", check_lang: str | None = None):
        self.doc = doc
        self.lang = lang
        self.check_lang = check_lang
        self.problems: list[Problem] = []

    def error(self, path: Path_, message: str, *, key: bool = False) -> None:
        if self._reported(path):
            return
        self.problems.append(self.doc.problem(path, message, key=key))

    def _reported(self, path: Path_) -> bool:
        """True when the value at `path` was already reported by the YAML reader (alias, tag)."""
        value: Any = self.doc.data
        for part in path:
            if value is INVALID:
                return True
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return False
        return value is INVALID

    def warn(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key=key, severity="warning"))

    def keys(self, mapping: dict[str, Any], path: Path_, *, allowed: Iterable[str], required: Iterable[str] = (),
             what: str = "") -> None:
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                self.error(path + (key,), msg("fields.unknown_key", key=Q(key), where=_where(what),
                                              hint=hint(key, allowed)), key=True)
        for key in required:
            if key not in mapping:
                self.error(path, msg("fields.missing_key", key=Q(key), where=_where(what)))

    def mapping(self, value: Any, path: Path_, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.error(path, msg("fields.not_mapping", what=_what(what), example=Lit("key: value", "clé: valeur"),
                             found=_describe(value)))
        return None

    def text(self, value: Any, path: Path_, what: str) -> Text | None:
        """A string in the scenario's language, or a map {lang: string}."""
        if isinstance(value, str):
            if not value.strip():
                self.error(path, msg("fields.empty", what=_what(what)))
                return None
            text = Text({self.lang: typeset(value, self.lang)}, self.lang)
        elif isinstance(value, dict) and value:
            values: dict[str, str] = {}
            for lang, s in value.items():
                if not LANG.match(str(lang)):
                    self.error(path + (lang,), msg("fields.not_lang", lang=Q(lang)), key=True)
                elif not isinstance(s, str) or not s.strip():
                    self.error(path + (lang,), msg("fields.lang_empty", what=_what(what), lang=Q(lang)))
                else:
                    values[lang] = typeset(s, lang)
            if not values:
                return None
            if self.lang not in values:
                self.error(path, msg("fields.no_scenario_lang", what=_what(what), lang=Q(self.lang)))
            text = Text(values, self.lang)
        else:
            self.error(path, msg("fields.not_text", what=_what(what), found=_describe(value)))
            return None
        if self.check_lang and not text.has(self.check_lang):
            self.warn(path, msg("fields.no_translation", what=_what(what), check=Q(self.check_lang), lang=Q(self.lang)))
        return text

    def string(self, value: Any, path: Path_, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value
        self.error(path, msg("fields.not_string", what=_what(what), found=_describe(value)))
        return None

    def slug(self, value: Any, path: Path_, what: str, *, key: bool = False) -> str | None:
        if isinstance(value, str) and SLUG.match(value):
            return value
        self.error(path, msg("fields.not_slug", what=_what(what), value=Q(value)), key=key)
        return None

    def node_id(self, value: Any, path: Path_) -> str | None:
        if isinstance(value, str) and NODE_ID.match(value):
            return value
        self.error(path, msg("fields.bad_node_id", value=Q(value)), key=True)
        return None

    def meter_id(self, value: Any, path: Path_) -> str | None:
        if isinstance(value, str) and NAME.match(value) and value not in KEYWORDS:
            return value
        self.error(path, msg("fields.bad_meter_id", value=Q(value)), key=True)
        return None

    def integer(self, value: Any, path: Path_, what: str, lo: int | None = None, hi: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, msg("fields.not_integer", what=_what(what), found=_describe(value)))
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.error(path, msg("fields.out_of_range", what=_what(what), lo=lo, hi=hi, found=V(value))
                       if hi is not None else msg("fields.below", what=_what(what), lo=lo, found=V(value)))
            return None
        return value

    def slug_list(self, value: Any, path: Path_, what: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.error(path, msg("fields.not_list", what=_what(what), found=_describe(value)))
            return ()
        out = []
        for i, item in enumerate(value):
            s = self.slug(item, path + (i,), msg("what.entry", name=what[:-1] if what.endswith("s") else what,
                                                  list=what))
            if s is not None:
                out.append(s)
        return tuple(out)

    def name_list(self, value: Any, path: Path_, what: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.error(path, msg("fields.not_list", what=_what(what), found=_describe(value)))
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and NAME.match(item) and item not in KEYWORDS:
                out.append(item)
            else:
                self.error(path + (i,), msg("fields.bad_flag", value=Q(item)))
        return tuple(out)

    def principle(self, value: Any, path: Path_) -> Principle | None:
        """One principle entry, as in the catalogue or a scenario's `principles:`."""
        m = self.mapping(value, path, "a principle")
        if m is None:
            return None
        self.keys(m, path, allowed=("id", "name", "weight", "description", "rationale", "sources", "frameworks"),
                  required=("id", "name"), what="a principle")
        pid = self.slug(m.get("id"), path + ("id",), "principle id") if "id" in m else None
        name = self.text(m["name"], path + ("name",), "principle name") if "name" in m else None
        weight = self.integer(m.get("weight", 1), path + ("weight",), "weight", 1, 10) or 1
        desc = self.text(m["description"], path + ("description",), "description") if "description" in m else None
        why = self.text(m["rationale"], path + ("rationale",), "rationale") if "rationale" in m else None
        sources: list[PrincipleSource] = []
        raw_sources = m.get("sources", [])
        if not isinstance(raw_sources, list):
            self.error(path + ("sources",), msg("fields.sources_list"))
            raw_sources = []
        for i, s in enumerate(raw_sources):
            sp = path + ("sources", i)
            sm = self.mapping(s, sp, "a source")
            if sm is None:
                continue
            self.keys(sm, sp, allowed=("story", "title", "author", "year", "shows"), required=("title",),
                      what="a source")
            story = self.slug(sm["story"], sp + ("story",), "story id") if sm.get("story") is not None else None
            title = self.string(sm.get("title"), sp + ("title",), "source title") if "title" in sm else None
            author = self.string(sm["author"], sp + ("author",), "author") if sm.get("author") is not None else None
            year = self.integer(sm["year"], sp + ("year",), "year", 1800, 2200) if "year" in sm else None
            shows = self.text(sm["shows"], sp + ("shows",), "what the story shows") if "shows" in sm else None
            if title:
                sources.append(PrincipleSource(story, title, author, year, shows))
        frameworks: list[str] = []
        sectors: dict[str, tuple[str, ...]] = {}
        raw_fw = m.get("frameworks", [])
        if not isinstance(raw_fw, list):
            self.error(path + ("frameworks",), msg("fields.frameworks_list"))
            raw_fw = []
        for i, f in enumerate(raw_fw):
            fp = path + ("frameworks", i)
            if isinstance(f, dict):  # {name: …, sectors: [bank, insurance]}: a rule for some sectors only
                self.keys(f, fp, allowed=("name", "sectors"), required=("name", "sectors"), what="framework")
                s = self.string(f.get("name"), fp + ("name",), "framework name") if "name" in f else None
                only = self.slug_list(f["sectors"], fp + ("sectors",), "sectors") if "sectors" in f else ()
                if s and only:
                    sectors[s] = only
            else:
                s = self.string(f, fp, "framework")
            if s:
                frameworks.append(s)
        if pid is None or name is None:
            return None
        return Principle(pid, name, weight, desc, why, tuple(sources), tuple(frameworks), sectors)
