"""The scenarios a game offers: what its library shows of each, read cheaply from the head of
the file, and the validated scenario, loaded (and cached) the first time it is needed.

Reading and validating every file takes longer than starting the whole user interface; the
library needs only each story's id, title, summary, difficulty and source, which stand before
`nodes:` in a scenario file. So only the head of each file is read — by a small reader of the
plain YAML heads are written in, or by PyYAML where that reader is unsure — and the file is
loaded in full, with every check of `litige check`, when the story is opened. A file whose head
does not give its entry plainly (its id or title after its nodes, a syntax error) is loaded in
full at once, so its errors are reported as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.text import Source, Text

if TYPE_CHECKING:
    from simulator.model import Scenario

_NODES = re.compile(r"^nodes[ \t]*:", re.M)  # a top-level key: block scalars are indented
_LANG = re.compile(r"^[a-z]{2,3}$")  # as simulator.fields.LANG
_WANTED = frozenset({"id", "lang", "title", "summary", "difficulty", "source"})
_TOP = re.compile(r"([a-z_]+):( .*)?$")
_SUB = re.compile(r"( +)([a-z_]+):( .*)?$")
_TYPED = re.compile(r"(?i)[-+.0-9]|(true|false|yes|no|on|off|null|~)$")


class _Unsure(Exception):
    """The quick reader met YAML it does not read plainly: PyYAML decides."""


def _scalar(raw: str) -> str | int:
    """An inline YAML scalar of the simple kinds scenario heads use; _Unsure for any other."""
    if raw[:1] == '"':
        if len(raw) < 2 or raw[-1] != '"' or '"' in raw[1:-1] or "\\" in raw:
            raise _Unsure
        return raw[1:-1]
    if raw[:1] == "'":
        if len(raw) < 2 or raw[-1] != "'" or "'" in raw[1:-1]:
            raise _Unsure
        return raw[1:-1]
    if not raw or raw[0] in "&*!|>%@`[]{}#?-:,\t" or " #" in raw or ": " in raw or raw.endswith(":"):
        raise _Unsure
    if raw.isdigit() and raw.isascii():
        return int(raw)
    if _TYPED.match(raw):
        raise _Unsure
    return raw


def _flow(raw: str) -> dict[str, str | int]:
    """{fr: text, en: text} on one line, without quotes or nesting."""
    inner = raw[1:-1]
    if not raw.endswith("}") or any(c in inner for c in "{}[]\"'#"):
        raise _Unsure
    out: dict[str, str | int] = {}
    for item in inner.split(","):
        key, sep, value = item.strip().partition(": ")
        if not sep or key in out or not re.fullmatch(r"[a-z_]+", key):
            raise _Unsure
        out[key] = _scalar(value.strip())
    return out


def _block(kind: str, lines: list[str]) -> str:
    """A folded (>) or literal (|) block scalar, with clip (no sign) or strip (-) chomping."""
    if kind not in (">", ">-", "|", "|-"):
        raise _Unsure
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not lines[0].strip():
        raise _Unsure
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    body = []
    for line in lines:
        if line.strip() and (len(line) - len(line.lstrip(" ")) != indent or line != line.rstrip()):
            raise _Unsure  # more indented lines and trailing blanks fold in ways not worth copying
        body.append(line[indent:] if line.strip() else "")
    if kind[0] == "|":
        text = "\n".join(body)
    else:
        text, gap = "", False
        for line in body:
            if not line:
                text += "\n"
                gap = True
            else:
                text += ("" if not text or gap else " ") + line
                gap = False
    return text if kind.endswith("-") else text + "\n"


def _value(rest: str, block: list[str]) -> Any:
    """The value of `key:` given the rest of its line and the more indented lines under it."""
    rest = rest.strip()
    content = [ln for ln in block if ln.strip() and not ln.lstrip().startswith("#")]
    if rest[:1] in (">", "|"):
        return _block(rest, block)
    if rest:
        if content:
            raise _Unsure  # a plain scalar over several lines
        return _flow(rest) if rest[:1] == "{" else _scalar(rest)
    out: dict[str, Any] = {}
    i, indent = 0, None
    while i < len(block):
        line = block[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _SUB.match(line)
        if m is None or (indent is not None and len(m.group(1)) != indent) or m.group(2) in out:
            raise _Unsure
        indent = len(m.group(1))
        sub: list[str] = []
        while i < len(block) and (not block[i].strip() or len(block[i]) - len(block[i].lstrip(" ")) > indent):
            sub.append(block[i])
            i += 1
        inline = (m.group(3) or "").strip()
        if not inline or inline[:1] == "{":
            raise _Unsure  # nested deeper than the heads need
        out[m.group(2)] = _value(inline, sub)
    return out


def _quick(text: str) -> dict[str, Any] | None:
    """The head's id, lang, title, summary, difficulty and source, read without PyYAML (whose
    import alone costs more than reading every head), or None where it is not sure to read
    exactly as PyYAML does; the other top-level keys are skipped unread."""
    lines = text.split("\n")
    out: dict[str, Any] = {}
    i = 0
    try:
        while i < len(lines):
            line = lines[i]
            i += 1
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" in line or line[0] == " ":
                raise _Unsure
            m = _TOP.match(line.rstrip())
            if m is None:
                raise _Unsure
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i][0] in " #"):
                block.append(lines[i])
                i += 1
            key = m.group(1)
            if key in _WANTED:
                if key in out or "\t" in "".join(block):
                    raise _Unsure
                out[key] = _value(m.group(2) or "", block)
    except _Unsure:
        return None
    return out


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
    if isinstance(value, str) and value.strip():
        return Text({lang: value}, lang)
    if isinstance(value, dict):
        values = {k: v for k, v in value.items() if isinstance(k, str) and _LANG.match(k) and isinstance(v, str)
                  and v.strip()}
        if lang in values:
            return Text(values, lang)
    return None


def _source(value: Any) -> Source | None:
    if isinstance(value, str) and value.strip():
        return Source(value)
    if isinstance(value, dict) and isinstance(value.get("title"), str) and value["title"].strip():
        author = value.get("author")
        return Source(value["title"], author if isinstance(author, str) and author.strip() else None)
    return None


def head(path: Path) -> Entry | None:
    """The library's entry of a scenario file from what precedes its nodes, or None when that
    part does not give it plainly (the full load then decides)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    cut = _NODES.search(text)
    text = text[: cut.start()] if cut else text
    data = None if "\ufeff" in text else _quick(text)
    if data is None:
        import yaml
        try:
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return None
    if not isinstance(data, dict):
        return None
    lang = data.get("lang", "fr")
    sid, difficulty = data.get("id"), data.get("difficulty")
    if not isinstance(lang, str) or not _LANG.match(lang) or not isinstance(sid, str):
        return None
    title = _text(data.get("title"), lang)
    summary = _text(data["summary"], lang) if "summary" in data else None
    source = _source(data["source"]) if "source" in data else None
    if title is None or ("summary" in data and summary is None) or ("source" in data and source is None):
        return None
    if difficulty is not None and (isinstance(difficulty, bool) or not isinstance(difficulty, int)):
        return None
    return Entry(sid, path, title, summary, difficulty, source)


class Shelf(Mapping[str, "Scenario"]):
    """Scenario id → validated Scenario, loaded on first access; `entries()` for the library.
    As before, of two files with the same id the later one is kept."""

    def __init__(self, paths: Iterable[str | Path], known_principles: frozenset[str] | None = None) -> None:
        self._known = known_principles
        self._entries: dict[str, Entry] = {}
        self._loaded: dict[str, Scenario] = {}
        for p in paths:
            path = Path(p)
            entry = head(path)
            if entry is None:
                scenario = self._load(path)
                entry = Entry.of(scenario, path)
                self._loaded[entry.id] = scenario
            else:
                self._loaded.pop(entry.id, None)
            self._entries[entry.id] = entry

    def _load(self, path: Path) -> Scenario:
        from simulator.loader import load
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
                from simulator.errors import Problem, ScenarioError
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
