"""`litige import`: a Twee 3 story (SugarCube, Harlowe or plain links) as a `litige/1` scenario.

Mapping (issue 21): passages are nodes; links are choices; a passage without links is an ending
(its outcome from a `won` / `kept` / `lost` tag); `<<set $x to …>>` / `(set: $x to …)` make
meters (numbers) and flags (true / false): a passage's code runs on entering it, so its changes
are the effects of every link into it, and the start passage's (and StoryInit's) values are the
meters' start values; a link inside `<<if>>` / `(if:)[…]` gets that condition as its `when`;
tags `applies:ID` / `violates:ID` score the links into the passage. What does not map is a
located warning, kept as a comment in the YAML written. Files written by `litige export-twee`
also carry their scenario's other facts in `/* litige-…: JSON */` comments and a `litige-data`
passage, read back here so that a round trip keeps the scenario.

Here: the story's passages sorted out (special ones, StoryData, the start) and the YAML written;
twine.passages reads each passage, twine.scenario makes the nodes. Pure: text in, YAML text and
notes out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from simulator.authoring.twine.convention import DATA_TAG, dump
from simulator.authoring.twine.ids import node_ids, slug
from simulator.authoring.twine.notes import Notes
from simulator.authoring.twine.passages import PassageRead, read_passage
from simulator.authoring.twine.scenario import Node, ScenarioBuilder
from simulator.authoring.twine.story import Note, Passage, parse_story
from simulator.lang.messages_check import Q, msg, say

INIT_PASSAGES = frozenset({"StoryInit"})
INIT_TAGS = frozenset({"startup"})
SPECIAL = frozenset({"StoryCaption", "StoryMenu", "StoryBanner", "StorySubtitle", "StoryAuthor", "StoryInterface",
                     "StoryShare", "PassageReady", "PassageDone", "PassageHeader", "PassageFooter", "StoryDisplayTitle"})
SPECIAL_TAGS = frozenset({"script", "stylesheet", "header", "footer", "debug-header", "debug-footer",
                          "debug-startup", "widget", "Twine.image"})
META_KEYS = ("id", "lang", "title", "summary", "role", "customer", "source", "difficulty", "pass_score",
             "meters", "principles", "tags", "variants", "names")


class TweeError(Exception):
    """The story cannot become a scenario at all; `line`/`col` locate it (0: the whole file)."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Imported:
    yaml: str
    notes: list[Note]


@dataclass
class _Sorted:
    """A story's passages by what they are to a scenario."""

    title: str | None = None  # StoryTitle's
    data: dict[str, Any] = field(default_factory=dict)  # StoryData's JSON
    meta: dict[str, Any] = field(default_factory=dict)  # an exported scenario's own facts (litige-data)
    init: list[Passage] = field(default_factory=list)  # StoryInit and startup passages
    story: list[Passage] = field(default_factory=list)  # the passages that become nodes
    seen: dict[str, Passage] = field(default_factory=dict)  # each name's first passage


class _Importer:
    def __init__(self, text: str, file: str, lang: str | None = None, messages: str = "en"):
        self.file = file
        self.lang = lang
        self.story = parse_story(text)
        self.notes = Notes(file, messages)
        for n in self.story.notes:  # what the headers could not take: said and kept, like the rest
            self.notes.warn(n.line, n.col, n.message, n.source)

    def run(self) -> Imported:
        if not self.story.passages:
            raise TweeError(msg("twee.no_passage", header=Q(":: Name")), 1, 1)
        parts = self.sort(self.story.passages)
        if not parts.story:
            raise TweeError(msg("twee.no_story"), 1, 1)
        meta = parts.meta
        names: dict[str, str] = {k: v for k, v in (meta.get("names") or {}).items()
                                 if isinstance(k, str) and isinstance(v, str)}
        ids = node_ids([p.name for p in parts.story])
        reads = [read_passage(p, ids[p.name], self.notes) for p in parts.story]
        by_name = {r.passage.name: r for r in reads}
        start = self.start(reads, by_name, parts)
        said = meta.get("lang")
        lang = self.lang or (said if isinstance(said, str) else "fr")
        nodes, meters = ScenarioBuilder(self.notes, names, lang).build(reads, by_name, start, parts.init, meta)
        top = self.top(meta, parts.title, lang, meters, start)
        return Imported(self.write(top, nodes), self.notes.in_order())

    def sort(self, passages: list[Passage]) -> _Sorted:
        out = _Sorted()
        for p in passages:
            if p.name in out.seen:
                self.notes.warn(p.line, 1, msg("twee.twice", name=Q(p.name), first=out.seen[p.name].line), p.body)
                continue
            out.seen[p.name] = p
            special = [t for t in p.tags if t in SPECIAL_TAGS]
            if p.name == "StoryTitle":
                out.title = p.body.strip() or None
            elif p.name == "StoryData":
                out.data = self.json_passage(p)
            elif DATA_TAG in p.tags:
                out.meta = self.data_passage(p)
            elif p.name in INIT_PASSAGES or INIT_TAGS & set(p.tags):
                out.init.append(p)
            elif special or p.name in SPECIAL:
                what = msg("twee.special_tag", tag=special[0]) if special else msg("twee.special_name", name=Q(p.name))
                self.notes.warn(p.line, 1, what, p.body)
            else:
                out.story.append(p)
        return out

    def start(self, reads: list[PassageRead], by_name: dict[str, PassageRead], parts: _Sorted) -> PassageRead:
        """The start passage: StoryData's start, else the one named Start, else the first."""
        start_name = parts.data.get("start") if isinstance(parts.data.get("start"), str) else None
        if start_name is not None and start_name not in by_name:
            sd = parts.seen["StoryData"]
            self.notes.warn(sd.line, 1, msg("twee.start_unknown", name=Q(start_name)), nid=None)
            start_name = None
        if start_name is None:
            start_name = "Start" if "Start" in by_name else reads[0].passage.name
            if start_name != "Start" and start_name:
                self.notes.warn(reads[0].passage.line, 1, msg("twee.no_start", default=Q("Start"), name=Q(start_name)))
        return by_name[start_name]

    def json_passage(self, p: Passage) -> dict[str, Any]:
        try:
            value = json.loads(p.body or "{}")
        except ValueError as exc:
            self.notes.warn(p.line + 1, 1, msg("twee.json_bad", name=p.name, reason=exc.args[0][:60]), p.body)
            return {}
        if not isinstance(value, dict):
            self.notes.warn(p.line + 1, 1, msg("twee.json_not_object", name=p.name), p.body)
            return {}
        return value

    def data_passage(self, p: Passage) -> dict[str, Any]:
        from simulator.format.yaml_reader import read
        doc, problems = read(p.body, self.file)
        if doc is None or problems or not isinstance(doc.data, dict):
            self.notes.warn(p.line + 1, 1, msg("twee.data_not_mapping", tag=DATA_TAG), p.body)
            return {}
        out = {}
        for k, v in doc.data.items():
            if k in META_KEYS:
                out[k] = v
            else:
                self.notes.warn(p.line + 1, 1, msg("twee.data_key", tag=DATA_TAG, key=Q(k)), str(k))
        return out

    # -- the YAML --

    def top(self, meta: dict[str, Any], title: str | None, lang: str, meters: dict[str, Any],
            start: PassageRead) -> dict[str, Any]:
        """The scenario's own keys, in the order the format writes them."""
        scenario_id = meta.get("id") if isinstance(meta.get("id"), str) else (slug(title or "") or
                                                                               slug(self.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "imported")
        top: dict[str, Any] = {"format": "litige/1", "id": scenario_id, "lang": lang,
                               "title": meta.get("title") or title or scenario_id}
        for key in ("summary", "role", "customer", "source", "difficulty", "pass_score"):
            if key in meta:
                top[key] = meta[key]
        if meters:
            top["meters"] = meters
        for key in ("principles", "tags", "variants"):
            if key in meta:
                top[key] = meta[key]
        top["start"] = start.nid
        return top

    def write(self, top: dict[str, Any], nodes: dict[str, Node]) -> str:
        out = [f"# {line}" for line in say("twee.header", self.notes.messages, file=self.file).split("\n")]
        if self.notes.top:
            out += ["#"] + [f"# {c}" for c in self.notes.top]
        out.append(dump(top).rstrip("\n"))
        out.append("nodes:")
        for nid, node in nodes.items():
            for c in self.notes.by_node.get(nid, []):
                out.append(f"  # {c}")
            body = dump({nid: node})
            out.append("\n".join("  " + line if line else line for line in body.rstrip("\n").split("\n")))
        return "\n".join(out) + "\n"


def import_twee(text: str, file: str = "story.twee", lang: str | None = None, messages: str = "en") -> Imported:
    """The scenario a Twee 3 story makes (YAML text) and the located notes on what did not map;
    TweeError when no scenario can be made. `lang`: the language the story is written in (default:
    the one an exported story says, else fr). `messages`: the language of the notes written as
    comments into the YAML (the notes themselves are messages_check.Msg, rendered by the caller)."""
    from simulator.lang.plaintext import CONTROL, char_name
    bad = CONTROL.search(text.replace("\r\n", "\n").replace("\r", "\n"))
    if bad:  # a scenario's text may hold none (litige check refuses them): said where it is
        before = text.replace("\r\n", "\n").replace("\r", "\n")[:bad.start()]
        raise TweeError(msg("twee.control", char=char_name(bad.group())),
                        before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1)
    return _Importer(text, file, lang, messages).run()
