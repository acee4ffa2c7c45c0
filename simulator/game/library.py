"""The scenarios a game offers: what its library shows of each, read cheaply from the head of
the file, and the validated scenario, loaded (and cached) the first time it is needed.

Reading and validating every file takes longer than starting the whole user interface; the
library needs only each story's id, title, summary, difficulty and source, which stand before
`nodes:` in a scenario file. So only the head of each file is read (PyYAML's C loader on the
text before `nodes:`: about 2 ms for the five stories) and the file is loaded in full, with
every check of `litige check`, when the story is opened. A file whose head
does not give its entry plainly (its id or title after its nodes, a syntax error) is loaded in
full at once, so its errors are reported as before.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from simulator.format.text import LANG, Source, Text
from simulator.lang.typography import typeset

if TYPE_CHECKING:
    from simulator.format.model import Scenario

_NODES = re.compile(r"^nodes[ \t]*:", re.M)  # a top-level key: block scalars are indented


@dataclass(frozen=True)
class Entry:
    """A scenario as the library lists it, with the same fields as the validated Scenario."""

    id: str
    path: Path
    title: Text
    summary: Text | None = None
    difficulty: int | None = None
    source: Source | None = None

    @staticmethod
    def of(scenario: Scenario, path: Path) -> Entry:
        return Entry(scenario.id, path, scenario.title, scenario.summary, scenario.difficulty, scenario.source)


def _text(value: Any, lang: str) -> Text | None:
    """As the loader reads a text (simulator.format.fields.Fields.text): typeset in its language."""
    if isinstance(value, str) and value.strip():
        return Text({lang: typeset(value, lang)}, lang)
    if isinstance(value, dict):
        values = {k: typeset(v, k) for k, v in value.items() if isinstance(k, str) and LANG.match(k)
                  and isinstance(v, str) and v.strip()}
        if lang in values:
            return Text(values, lang)
    return None


def _source(value: Any) -> Source | None:
    if isinstance(value, str) and value.strip():
        return Source(value)
    if isinstance(value, dict) and isinstance(value.get("title"), str) and value["title"].strip():
        author, year, url = value.get("author"), value.get("year"), value.get("url")
        return Source(value["title"], author if isinstance(author, str) and author.strip() else None,
                      year if isinstance(year, int) and not isinstance(year, bool) else None,
                      url if isinstance(url, str) and url.strip() else None)
    return None


def head(path: Path) -> Entry | None:
    """The library's entry of a scenario file from what precedes its nodes, or None when that
    part does not give it plainly (the full load then decides). A FIFO, a device or a file over
    the size limit is refused before it is read (simulator.format.yaml_reader.read_file): the full load says why."""
    from simulator.format.yaml_reader import read_file
    raw = read_file(path)
    if not isinstance(raw, bytes):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    cut = _NODES.search(text)
    text = text[: cut.start()] if cut else text
    import yaml
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    lang = data.get("lang", "fr")
    sid, difficulty = data.get("id"), data.get("difficulty")
    if not isinstance(lang, str) or not LANG.match(lang) or not isinstance(sid, str):
        return None
    title = _text(data.get("title"), lang)
    summary = _text(data["summary"], lang) if "summary" in data else None
    source = _source(data["source"]) if "source" in data else None
    if title is None or ("summary" in data and summary is None) or ("source" in data and source is None):
        return None
    if difficulty is not None and (isinstance(difficulty, bool) or not isinstance(difficulty, int)):
        return None
    return Entry(sid, path, title, summary, difficulty, source)


class Heads(Protocol):
    """Where a shelf remembers the entries it read between starts: simulator.game.library_cache.LibraryCache
    (which imports this module for Entry; the shelf knows it only by this interface, so the two
    do not import each other)."""

    def get(self, path: Path, st: os.stat_result) -> Entry | None: ...

    def put(self, path: Path, st: os.stat_result, entry: Entry) -> None: ...

    def save(self) -> None: ...


def remembered_head(path: Path, heads: Heads) -> Entry | None:
    """head(path), from `heads` if the file is unchanged since it was read, else read and remembered."""
    try:
        st = path.stat()
    except OSError:
        return head(path)  # None: the full load says why
    if not stat.S_ISREG(st.st_mode):
        return None  # a FIFO would block a reader, a device never end: the full load refuses it
    entry = heads.get(path, st)
    if entry is None:
        entry = head(path)
        if entry is not None:
            heads.put(path, st, entry)
    return entry


class Library(Mapping[str, "Scenario"]):
    """Scenario id → validated Scenario, loaded on first access; `entries()` for the library.
    As before, of two files with the same id the later one is kept."""

    def __init__(self, paths: Iterable[str | Path], known_principles: frozenset[str] | None = None,
                 heads: Heads | None = None) -> None:
        """`heads`: the entries remembered from an earlier start (simulator.game.library_cache), used for
        the files unchanged since and brought up to date for the others."""
        self._known = known_principles
        self._entries: dict[str, Entry] = {}
        self._loaded: dict[str, Scenario] = {}
        for p in paths:
            path = Path(p)
            entry = head(path) if heads is None else remembered_head(path, heads)
            if entry is None:
                scenario = self._load(path)
                entry = Entry.of(scenario, path)
                self._loaded[entry.id] = scenario
            else:
                self._loaded.pop(entry.id, None)
            self._entries[entry.id] = entry
        if heads is not None:
            heads.save()

    def _load(self, path: Path) -> Scenario:
        from simulator.format.loader import load
        if self._known is None:
            from scoring.catalogue import load_catalogue
            self._known = load_catalogue().ids()  # once for the whole shelf
        return load(path, self._known)

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def entry(self, scenario_id: str) -> Entry | None:
        return self._entries.get(scenario_id)

    def __getitem__(self, scenario_id: str) -> Scenario:
        scenario = self._loaded.get(scenario_id)
        if scenario is None:
            entry = self._entries[scenario_id]  # KeyError for an unknown id, as a dict
            scenario = self._load(entry.path)
            if scenario.id != scenario_id:  # the head said otherwise: keep the mapping honest
                from simulator.format.errors import Problem, ScenarioError
                raise ScenarioError([Problem(str(entry.path), 1, 1, "error",
                                             f"scenario id changed on reading: {scenario_id!r} became {scenario.id!r}")])
            self._loaded[scenario_id] = scenario
        return scenario

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
