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

Pure: text in, YAML text and notes out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from simulator.lang.messages_check import Q, msg, render, say
from simulator.format.guards import Compare, Flag, GuardSyntaxError, leaves, parse as parse_guard
from simulator.authoring.twee import Comment, Chunk, HookEnd, Link, Macro, Note, Passage, parse_story, pieces

MAX_CHOICES = 9
OUTCOME_TAGS = ("won", "kept", "lost")
DATA_TAG = "litige-data"
NODE_META = "litige-node:"
CHOICE_META = "litige-choice:"
INIT_PASSAGES = frozenset({"StoryInit"})
INIT_TAGS = frozenset({"startup"})
SPECIAL = frozenset({"StoryCaption", "StoryMenu", "StoryBanner", "StorySubtitle", "StoryAuthor", "StoryInterface",
                     "StoryShare", "PassageReady", "PassageDone", "PassageHeader", "PassageFooter", "StoryDisplayTitle"})
SPECIAL_TAGS = frozenset({"script", "stylesheet", "header", "footer", "debug-header", "debug-footer",
                          "debug-startup", "widget", "Twine.image"})
META_KEYS = ("id", "lang", "title", "summary", "role", "customer", "source", "difficulty", "pass_score",
             "meters", "principles", "tags", "variants", "names")
NODE_ID_BAD = re.compile(r"[^A-Za-z0-9_-]+")
SLUG_BAD = re.compile(r"[^a-z0-9-]+")
PRINCIPLE = re.compile(r"^[a-z0-9-]+$")
HTML_CODE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.S | re.I)


class TweeError(Exception):
    """The story cannot become a scenario at all; `line`/`col` locate it (0: the whole file)."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class Imported:
    yaml: str
    notes: list[Note]


# -- names ---------------------------------------------------------------------------------

def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def node_ids(names: list[str]) -> dict[str, str]:
    """Node ids for passage names: a name that is already a valid id keeps it; others lose their
    accents and have each run of other characters made one '-'; a clash takes '-2', '-3'…
    (names already valid first, then the others in file order: the same file gives the same ids)."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if re.fullmatch(r"[A-Za-z0-9_-]+", name) and name not in used:
            ids[name] = name
            used.add(name)
    for name in names:
        if name in ids:
            continue
        base = NODE_ID_BAD.sub("-", _ascii(name)).strip("-")[:60].strip("-") or "passage"
        nid, k = base, 2
        while nid in used:
            nid, k = f"{base}-{k}", k + 1
        ids[name] = nid
        used.add(nid)
    return ids


def slug(text: str) -> str:
    return SLUG_BAD.sub("-", _ascii(text).lower()).strip("-")[:60].strip("-")


# -- variables: settings and conditions -------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    var: str
    kind: str  # "abs" (a number), "delta" (a signed change), "flag" (true / false)
    value: int | bool


_VAR = r"\$([A-Za-z_][A-Za-z0-9_]*)"
_ABS = re.compile(rf"^{_VAR}\s*(?:to|=)\s*([+-]?\d{{1,9}})$")
_FLAG = re.compile(rf"^{_VAR}\s*(?:to|=)\s*(true|false)$")
_DELTA = re.compile(rf"^{_VAR}\s*(?:to|=)\s*(?:\$(\w+)|it)\s*([+-])\s*(\d{{1,9}})$")
_INPLACE = re.compile(rf"^{_VAR}\s*([+-])=\s*(\d{{1,9}})$")


def settings(expr: str) -> tuple[list[Setting], list[str]]:
    """The simple assignments of a set (SugarCube or Harlowe), and the parts that are not simple."""
    found: list[Setting] = []
    bad: list[str] = []
    for part in re.split(r"[;,]", expr):
        part = part.strip()
        if not part:
            continue
        if m := _ABS.match(part):
            found.append(Setting(m.group(1), "abs", int(m.group(2))))
        elif m := _FLAG.match(part):
            found.append(Setting(m.group(1), "flag", m.group(2) == "true"))
        elif (m := _DELTA.match(part)) and m.group(2) in (None, m.group(1)):
            found.append(Setting(m.group(1), "delta", int(m.group(4)) * (1 if m.group(3) == "+" else -1)))
        elif m := _INPLACE.match(part):
            found.append(Setting(m.group(1), "delta", int(m.group(3)) * (1 if m.group(2) == "+" else -1)))
        else:
            bad.append(part)
    return found, bad


_COND = re.compile(r"\s*(?:(?P<var>\$[A-Za-z_][A-Za-z0-9_]*)|(?P<num>[+-]?\d{1,9})(?![\w.])"
                   r"|(?P<op>===|!==|==|!=|>=|<=|>|<|&&|\|\||!)|(?P<par>[()])|(?P<word>[A-Za-z_]\w*))")
_WORDS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "neq": "!=", "is": "==", "isnot": "!=",
          "and": "and", "or": "or", "not": "not", "true": "true", "false": "false"}
_OPS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}


def condition(text: str, names: dict[str, str]) -> str:
    """A SugarCube or Harlowe condition in the guard language; ValueError says why it cannot be."""
    tokens: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _COND.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(msg("twee.cond_not_simple", text=Q(text[pos:].strip()[:30])))
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind or 0)
        if kind == "var":
            tokens.append(names.get(value[1:], value[1:]))
        elif kind == "word":
            if value not in _WORDS:
                raise ValueError(msg("twee.cond_word", word=Q(value)))
            word = _WORDS[value]
            if word == "not" and tokens and tokens[-1] == "==":  # Harlowe's `is not`
                tokens[-1] = "!="
                continue
            tokens.append(word)
        elif kind == "op":
            tokens.append(_OPS.get(value, value))
        else:
            tokens.append(value)
    out: list[str] = []
    i = 0
    while i < len(tokens):  # NAME == true / NAME != false: the flag; == false / != true: not it
        if i + 2 < len(tokens) + 0 and tokens[i + 1] in ("==", "!=") and tokens[i + 2] in ("true", "false"):
            positive = (tokens[i + 1] == "==") == (tokens[i + 2] == "true")
            out.extend([tokens[i]] if positive else ["not", tokens[i]])
            i += 3
            continue
        if tokens[i] in ("true", "false"):
            raise ValueError(msg("twee.cond_alone", word=Q(tokens[i])))
        out.append(tokens[i])
        i += 1
    guard = " ".join(out).replace("( ", "(").replace(" )", ")")
    try:
        parse_guard(guard)
    except GuardSyntaxError as exc:
        raise ValueError(exc.message) from None
    return guard


# -- reading the passages ----------------------------------------------------------------------

@dataclass
class LinkRead:
    link: Link
    line: int
    col: int
    conds: list[tuple[bool, str, int, int]]  # (negated, condition text, line, col) of the ifs around it
    meta: dict[str, Any]
    sets: list[Setting] = field(default_factory=list)


@dataclass
class PassageRead:
    passage: Passage
    nid: str
    links: list[LinkRead] = field(default_factory=list)
    sets: list[tuple[Setting, int, int]] = field(default_factory=list)
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)  # the author's own comments, kept


def _meta(text: str, prefix: str) -> dict[str, Any] | None:
    body = text.strip()
    if not body.startswith(prefix):
        return None
    try:
        value = json.loads(body[len(prefix):])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class _Importer:
    def __init__(self, text: str, file: str, lang: str | None = None, messages: str = "en"):
        self.file = file
        self.messages = messages  # the language of the warnings and of the comments written
        self.lang = lang
        self.text_lang = lang or "fr"
        self.story = parse_story(text)
        self.notes: list[Note] = []
        self.top_comments: list[str] = []
        self.node_comments: dict[str, list[str]] = {}
        for n in self.story.notes:  # what the headers could not take: said and kept, like the rest
            self.warn(n.line, n.col, n.message, n.source)
        self.guarded: list[tuple[dict[str, Any], LinkRead, str]] = []

    def warn(self, line: int, col: int, message: str, source: str = "", nid: str | None = None) -> None:
        note = Note(line, col, message, source)
        self.notes.append(note)
        lines = [f"{self.file}:{line}:{col}: warning: {render(message, self.messages)}"]
        lines += [f"  {s}" for s in source.splitlines()[:20]]
        (self.node_comments.setdefault(nid, []) if nid else self.top_comments).extend(lines)

    # -- the passages of the story --

    def run(self) -> Imported:
        passages = self.story.passages
        if not passages:
            raise TweeError(msg("twee.no_passage", header=Q(":: Name")), 1, 1)
        title, data, meta = None, {}, {}
        init: list[Passage] = []
        story: list[Passage] = []
        seen: dict[str, Passage] = {}
        for p in passages:
            if p.name in seen:
                self.warn(p.line, 1, msg("twee.twice", name=Q(p.name), first=seen[p.name].line), p.body)
                continue
            seen[p.name] = p
            special = [t for t in p.tags if t in SPECIAL_TAGS]
            if p.name == "StoryTitle":
                title = p.body.strip() or None
            elif p.name == "StoryData":
                data = self.json_passage(p)
            elif DATA_TAG in p.tags:
                meta = self.data_passage(p)
            elif p.name in INIT_PASSAGES or INIT_TAGS & set(p.tags):
                init.append(p)
            elif special or p.name in SPECIAL:
                what = msg("twee.special_tag", tag=special[0]) if special else msg("twee.special_name", name=Q(p.name))
                self.warn(p.line, 1, what, p.body)
            else:
                story.append(p)
        if not story:
            raise TweeError(msg("twee.no_story"), 1, 1)
        self.names: dict[str, str] = {k: v for k, v in (meta.get("names") or {}).items()
                                      if isinstance(k, str) and isinstance(v, str)}
        ids = node_ids([p.name for p in story])
        reads = [self.read_passage(p, ids[p.name]) for p in story]
        by_name = {r.passage.name: r for r in reads}
        start_name = data.get("start") if isinstance(data.get("start"), str) else None
        if start_name is not None and start_name not in by_name:
            sd = seen["StoryData"]
            self.warn(sd.line, 1, msg("twee.start_unknown", name=Q(start_name)), nid=None)
            start_name = None
        if start_name is None:
            start_name = "Start" if "Start" in by_name else reads[0].passage.name
            if start_name != "Start" and start_name:
                self.warn(reads[0].passage.line, 1, msg("twee.no_start", default=Q("Start"), name=Q(start_name)))
        start = by_name[start_name]
        return Imported(self.build(reads, by_name, start, init, title, meta), sorted(
            self.notes, key=lambda n: (n.line, n.col)))

    def json_passage(self, p: Passage) -> dict[str, Any]:
        try:
            value = json.loads(p.body or "{}")
        except ValueError as exc:
            self.warn(p.line + 1, 1, msg("twee.json_bad", name=p.name, reason=exc.args[0][:60]), p.body)
            return {}
        if not isinstance(value, dict):
            self.warn(p.line + 1, 1, msg("twee.json_not_object", name=p.name), p.body)
            return {}
        return value

    def data_passage(self, p: Passage) -> dict[str, Any]:
        from simulator.format.yamldoc import read
        doc, problems = read(p.body, self.file)
        if doc is None or problems or not isinstance(doc.data, dict):
            self.warn(p.line + 1, 1, msg("twee.data_not_mapping", tag=DATA_TAG), p.body)
            return {}
        out = {}
        for k, v in doc.data.items():
            if k in META_KEYS:
                out[k] = v
            else:
                self.warn(p.line + 1, 1, msg("twee.data_key", tag=DATA_TAG, key=Q(k)), str(k))
        return out

    def read_passage(self, p: Passage, nid: str) -> PassageRead:
        r = PassageRead(p, nid)
        notes: list[Note] = []
        parts = pieces(p.body, notes, p)
        for n in notes:
            self.warn(n.line, n.col, n.message, n.source, nid)
        stack: list[dict[str, Any]] = []  # open ifs: {"kind", "conds": [(text, line, col)], "neg": bool}
        last_chain: list[tuple[str, int, int]] | None = None  # Harlowe: the hook chain just closed
        text: list[str] = []
        pending: dict[str, Any] = {}
        for piece in parts:
            if isinstance(piece, Comment):
                node_meta = _meta(piece.text, NODE_META)
                choice_meta = _meta(piece.text, CHOICE_META)
                if node_meta is not None:
                    r.meta = node_meta
                elif choice_meta is not None:
                    pending = choice_meta
                elif piece.text.strip():
                    r.comments.append(piece.text.strip())
                continue
            if isinstance(piece, Chunk):
                for m in HTML_CODE.finditer(piece.text):
                    line, col = p.at(piece.pos + m.start())
                    self.warn(line, col, msg("twee.html", element=m.group(1).lower()), m.group(0), nid)
                text.append(HTML_CODE.sub("", piece.text))
                if piece.text.strip():
                    pending = {}
                continue
            line, col = p.at(piece.pos)
            if isinstance(piece, Link):
                text.append("\x00" + piece.text + "\x01")
                conds = [(neg, c, ln, cl) for f in stack for neg, c, ln, cl in f["guard"]]
                lr = LinkRead(piece, line, col, conds, pending)
                pending = {}
                if piece.setter is not None:
                    found, bad = settings(piece.setter)
                    lr.sets = found
                    for b in bad:
                        self.warn(line, col, msg("twee.setter_bad", part=Q(b)), piece.setter, nid)
                r.links.append(lr)
                continue
            if isinstance(piece, HookEnd):
                if stack and stack[-1]["kind"] == "hook":
                    last_chain = stack.pop()["chain"]
                else:
                    last_chain = None
                continue
            assert isinstance(piece, Macro)
            chain_before, last_chain = last_chain, None
            self.macro(piece, r, stack, chain_before, line, col)
        if any(f["kind"] == "sugarcube" for f in stack):
            self.warn(p.line, 1, msg("twee.if_unclosed"), "", nid)
        r.text = _visible("".join(text))
        return r

    def macro(self, m: Macro, r: PassageRead, stack: list[dict[str, Any]],
              chain: list[tuple[str, int, int]] | None, line: int, col: int) -> None:
        nid = r.nid
        name = m.name
        if name == "set":
            found, bad = settings(m.args)
            if stack:
                self.warn(line, col, msg("twee.set_in_condition"), m.raw, nid)
            else:
                r.sets.extend((s, line, col) for s in found)
            for b in bad:
                self.warn(line, col, msg("twee.set_bad", part=Q(b)), m.raw, nid)
            if m.hook:
                stack.append({"kind": "hook", "guard": [], "chain": []})
            return
        if m.dialect == "sugarcube":
            if name == "if":
                stack.append({"kind": "sugarcube", "guard": [(False, m.args, line, col)],
                              "chain": [(m.args, line, col)]})
                return
            if name in ("elseif", "else") and stack and stack[-1]["kind"] == "sugarcube":
                f = stack[-1]
                prev = f["chain"]
                f["guard"] = [(True, c, ln, cl) for c, ln, cl in prev]
                if name == "elseif":
                    f["guard"].append((False, m.args, line, col))
                    f["chain"] = prev + [(m.args, line, col)]
                return
            if name in ("/if", "endif") and stack and stack[-1]["kind"] == "sugarcube":
                stack.pop()
                return
        else:
            if name in ("if", "unless") and m.hook:
                stack.append({"kind": "hook", "guard": [(name == "unless", m.args, line, col)],
                              "chain": [(m.args, line, col)] if name == "if" else []})
                return
            if name in ("else-if", "elseif", "else") and m.hook and chain:
                guard = [(True, c, ln, cl) for c, ln, cl in chain]
                new_chain = list(chain)
                if name != "else":
                    guard.append((False, m.args, line, col))
                    new_chain.append((m.args, line, col))
                stack.append({"kind": "hook", "guard": guard, "chain": new_chain})
                return
        where = f"<<{name}>>" if m.dialect == "sugarcube" else f"({name}:)"
        self.warn(line, col, msg("twee.macro", macro=where), m.raw, nid)
        if m.hook:  # its hook's text is read (its links kept), not made conditional
            stack.append({"kind": "hook", "guard": [], "chain": []})

    # -- the scenario --

    def build(self, reads: list[PassageRead], by_name: dict[str, PassageRead], start: PassageRead,
              init: list[Passage], title: str | None, meta: dict[str, Any]) -> str:
        names = self.names
        lang = self.lang or (meta.get("lang") if isinstance(meta.get("lang"), str) else "fr")
        self.text_lang = str(lang)

        def var(v: str) -> str:
            return names.get(v, v)

        # which variables are numbers (meters) and which are true/false (flags)
        kinds: dict[str, set[str]] = {}
        all_sets = [(s, ln, cl, r.nid) for r in reads for s, ln, cl in r.sets]
        all_sets += [(s, lr.line, lr.col, r.nid) for r in reads for lr in r.links for s in lr.sets]
        init_sets: list[tuple[Setting, int, int]] = []
        for p in init:
            ir = self.read_passage(p, "")
            init_sets += ir.sets
            for lr in ir.links:
                self.warn(lr.line, lr.col, msg("twee.init_link", name=p.name), lr.link.target)
        for s, ln, cl in init_sets:
            all_sets.append((s, ln, cl, ""))
        for s, *_ in all_sets:
            kinds.setdefault(var(s.var), set()).add("flag" if s.kind == "flag" else "meter")
        meters: dict[str, Any] = dict(meta.get("meters") or {}) if isinstance(meta.get("meters"), dict) else {}
        variant_flags = {f for v in (meta.get("variants") or []) if isinstance(v, dict)
                         for f in (v.get("set") or []) if isinstance(f, str)}
        flags = {v for v, k in kinds.items() if k == {"flag"} and v not in meters} | variant_flags
        for v, k in kinds.items():
            if k == {"flag", "meter"}:
                s, ln, cl, nid = next(x for x in all_sets if var(x[0].var) == v and x[0].kind == "flag")
                self.warn(ln, cl, msg("twee.both_kinds", var=s.var), f"${s.var}", nid or None)
        meter_names = {v for v, k in kinds.items() if "meter" in k} | set(meters)
        starts: dict[str, int] = {}
        for s, ln, cl in init_sets + start.sets:
            if s.kind == "abs" and var(s.var) in meter_names:
                value = s.value
                if not 0 <= int(value) <= 100:
                    self.warn(ln, cl, msg("twee.start_clamped", var=s.var, value=value,
                                          clamped=max(0, min(100, int(value)))), f"${s.var} to {value}", start.nid)
                starts[var(s.var)] = max(0, min(100, int(value)))
            elif s.kind == "flag" and s.value:
                self.warn(ln, cl, msg("twee.flag_at_start", var=s.var), f"${s.var} to true")
        for v in sorted(meter_names - set(meters)):
            meters[v] = {"start": starts.get(v, 0)}
        for v, value in starts.items():
            if isinstance(meters.get(v), dict):
                meters[v] = {**meters[v], "start": value}

        # what entering each passage does: the effects of the links into it
        entry: dict[str, tuple[dict[str, int], list[str], list[str]]] = {}
        for r in reads:
            entry[r.nid] = self.effects([(s, ln, cl) for s, ln, cl in r.sets if not (r is start and s.kind == "abs")],
                                        meter_names, r.nid)
            if r is start and any(s.kind == "abs" for s, _, _ in r.sets) and self.incoming(reads, r):
                self.warn(r.passage.line, 1, msg("twee.start_loops"), "", r.nid)

        principles_known = self.principles(meta)
        nodes: dict[str, dict[str, Any]] = {}
        for r in reads:
            nodes[r.nid] = self.node(r, by_name, entry, meter_names, flags, principles_known)
        # guards last: a flag a guard names must be one some choice sets or unsets (or a variant's)
        flags = variant_flags | {f for n in nodes.values() for c in n.get("choices", ())
                                 for f in (*c.get("set", ()), *c.get("unset", ()))}
        for c, lr, nid in self.guarded:
            guard = self.guard(lr, meter_names, flags, nid)
            if guard:
                rest: dict[str, Any] = {k: c.pop(k) for k in ("feedback", "next") if k in c}
                c["when"] = guard
                c.update(rest)

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
        return self.write(top, nodes, reads)

    def incoming(self, reads: list[PassageRead], target: PassageRead) -> bool:
        return any(lr.link.target == target.passage.name for r in reads for lr in r.links)

    def effects(self, sets: list[tuple[Setting, int, int]], meter_names: set[str],
                nid: str) -> tuple[dict[str, int], list[str], list[str]]:
        """Effects (signed changes) and flags set and unset by these settings, in order."""
        eff: dict[str, int] = {}
        state: dict[str, bool] = {}
        for s, ln, cl in sets:
            v = self.names.get(s.var, s.var)
            if s.kind == "delta" and v in meter_names:
                eff[v] = eff.get(v, 0) + int(s.value)
            elif s.kind == "flag" and v not in meter_names:
                state.pop(v, None)
                state[v] = bool(s.value)
            elif s.kind == "abs":
                self.warn(ln, cl, msg("twee.abs_effect", var=s.var, value=s.value), f"${s.var} to {s.value}",
                          nid or None)
        return eff, [f for f, on in state.items() if on], [f for f, on in state.items() if not on]

    def principles(self, meta: dict[str, Any]) -> frozenset[str]:
        from scoring.catalogue import load_catalogue
        own = {p.get("id") for p in (meta.get("principles") or []) if isinstance(p, dict)}
        return load_catalogue().ids() | {p for p in own if isinstance(p, str)}

    def node(self, r: PassageRead, by_name: dict[str, PassageRead],
             entry: dict[str, tuple[dict[str, int], list[str], list[str]]],
             meter_names: set[str], flags: set[str], known: frozenset[str]) -> dict[str, Any]:
        p, nid, meta = r.passage, r.nid, r.meta
        node: dict[str, Any] = {}
        if isinstance(meta.get("speaker"), str):
            node["speaker"] = meta["speaker"]
        node["text"] = self.text(meta.get("text"), r.text or p.name)
        if "time_limit" in meta or "on_timeout" in meta:
            to = meta.get("on_timeout")
            target = by_name.get(to) if isinstance(to, str) else None
            if target is None:
                self.warn(p.line, 1, msg("twee.time_limit_gone", name=Q(to)), json.dumps(meta.get("time_limit")),
                          nid)
            else:
                node["time_limit"] = meta.get("time_limit")
                node["on_timeout"] = target.nid
        for c in r.comments:
            self.node_comments.setdefault(nid, []).append(
                say("twee.kept_comment", self.messages, text=c.replace("\n", " ")[:200]))
        outcome = [t for t in p.tags if t in OUTCOME_TAGS]
        for t in p.tags:
            if t not in OUTCOME_TAGS and not t.startswith(("applies:", "violates:")):
                self.warn(p.line, 1, msg("twee.tag_meaningless", tag=Q(t)), t, nid)
        links = [lr for lr in r.links if self.link_ok(lr, by_name, nid)]
        if outcome or not links:
            if links:
                self.warn(p.line, 1, msg("twee.ending_links", outcome=Q(outcome[0]), n=len(links)),
                          "\n".join(lr.link.text + " -> " + lr.link.target for lr in links), nid)
            ending: dict[str, Any] = meta["ending"] if isinstance(meta.get("ending"), dict) else {}
            out = outcome[0] if outcome else ending.get("outcome")
            if out not in OUTCOME_TAGS:
                self.warn(p.line, 1, msg("twee.ending_default"), "", nid)
                out = "kept"
            node["ending"] = {"outcome": out, "title": ending.get("title") or p.name}
            if ending.get("text"):
                node["ending"]["text"] = ending["text"]
            return node
        if len(links) > MAX_CHOICES:
            for lr in links[MAX_CHOICES:]:
                self.warn(lr.line, lr.col, msg("twee.too_many", max=MAX_CHOICES), lr.link.text + " -> " + lr.link.target, nid)
            links = links[:MAX_CHOICES]
        node["choices"] = [self.choice(lr, by_name[lr.link.target], entry, meter_names, flags, known, nid)
                           for lr in links]
        return node

    def link_ok(self, lr: LinkRead, by_name: dict[str, PassageRead], nid: str) -> bool:
        target = lr.link.target
        if target in by_name:
            return True
        why = msg("twee.link_nowhere", target=Q(target)) if target else msg("twee.link_empty")
        self.warn(lr.line, lr.col, why, f"[[{lr.link.text}->{target}]]", nid)
        return False

    def text(self, meta_text: Any, visible: str) -> Any:
        """The passage's text; the full text of an exported scenario (its translations, its line
        breaks, markup Twine would read) when its own language shows as the passage does (it has
        not been edited in Twine since)."""
        if isinstance(meta_text, dict) and meta_text and all(isinstance(v, str) for v in meta_text.values()):
            key = self.text_lang if self.text_lang in meta_text else next(iter(meta_text))
            return meta_text if shown(meta_text[key]) == visible else {**meta_text, key: visible}
        if isinstance(meta_text, str) and shown(meta_text) == visible:
            return meta_text
        return visible

    def choice(self, lr: LinkRead, target: PassageRead,
               entry: dict[str, tuple[dict[str, int], list[str], list[str]]],
               meter_names: set[str], flags: set[str], known: frozenset[str], nid: str) -> dict[str, Any]:
        meta = lr.meta
        c: dict[str, Any] = {}
        if "id" in meta:
            c["id"] = meta["id"]
        label = lr.link.text or lr.link.target
        c["text"] = self.choice_text(meta.get("text"), label)
        applies = [x for x in meta.get("applies") or [] if isinstance(x, str)]
        violates = [x for x in meta.get("violates") or [] if isinstance(x, str)]
        for t in target.passage.tags:
            kind, _, pid = t.partition(":")
            if kind not in ("applies", "violates"):
                continue
            if not PRINCIPLE.match(pid) or pid not in known:
                self.warn(target.passage.line, 1, msg("twee.bad_principle", tag=Q(t), id=Q(pid)), t, target.nid)
                continue
            lst = applies if kind == "applies" else violates
            if pid not in lst:
                lst.append(pid)
        if applies:
            c["applies"] = applies
        if violates:
            c["violates"] = violates
        eff, on, off = entry[target.nid]
        own_eff, own_on, own_off = self.effects([(s, lr.line, lr.col) for s in lr.sets], meter_names, nid)
        total = dict(eff)
        for k, v in own_eff.items():
            total[k] = total.get(k, 0) + v
        total = {k: v for k, v in total.items() if v}
        if total:
            c["effects"] = total
        # the link's setter runs on the click, then the passage's code on entering it: the latter wins
        set_ = [f for f in own_on if f not in off] + [f for f in on if f not in own_on]
        unset = [f for f in own_off if f not in on] + [f for f in off if f not in own_off]
        if set_:
            c["set"] = set_
        if unset:
            c["unset"] = unset
        self.guarded.append((c, lr, nid))
        if "feedback" in meta:
            c["feedback"] = meta["feedback"]
        c["next"] = target.nid
        return c

    def choice_text(self, meta_text: Any, label: str) -> Any:
        if isinstance(meta_text, dict) and meta_text and all(isinstance(v, str) for v in meta_text.values()):
            key = self.text_lang if self.text_lang in meta_text else next(iter(meta_text))
            return meta_text if link_label(meta_text[key]) == label else {**meta_text, key: label}
        if isinstance(meta_text, str) and link_label(meta_text) == label:
            return meta_text
        return label

    def guard(self, lr: LinkRead, meter_names: set[str], flags: set[str], nid: str) -> str | None:
        parts: list[str] = []
        for negated, text, ln, cl in lr.conds:
            try:
                g = condition(text, self.names)
                for leaf in leaves(parse_guard(g)):
                    if isinstance(leaf, Compare) and leaf.meter not in meter_names:
                        raise ValueError(msg("twee.cond_meter", meter=leaf.meter))
                    if isinstance(leaf, Flag) and leaf.name not in flags:
                        raise ValueError(msg("twee.cond_flag", flag=leaf.name))
            except ValueError as exc:
                self.warn(ln, cl, msg("twee.cond_bad", cond=Q(text.strip()), reason=exc.args[0]), text, nid)
                continue
            parts.append(f"not ({g})" if negated else g)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " and ".join(f"({x})" if not x.startswith("not (") else x
                                                               for x in parts)

    # -- the YAML --

    def write(self, top: dict[str, Any], nodes: dict[str, dict[str, Any]], reads: list[PassageRead]) -> str:
        out = [f"# {line}" for line in say("twee.header", self.messages, file=self.file).split("\n")]
        if self.top_comments:
            out += ["#"] + [f"# {c}" for c in self.top_comments]
        out.append(_dump(top).rstrip("\n"))
        out.append("nodes:")
        for nid, node in nodes.items():
            for c in self.node_comments.get(nid, []):
                out.append(f"  # {c}")
            body = _dump({nid: node})
            out.append("\n".join("  " + line if line else line for line in body.rstrip("\n").split("\n")))
        return "\n".join(out) + "\n"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the format refuses anchors and aliases
        return True


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


MARKUP = re.compile(r"\[\[|\]\]|<<|>>|/\*|\*/|<!--|-->|/%|%/|\(([A-Za-z][\w-]*):|<(?:script|style)\b|^::",
                    re.I | re.M)


def defuse(text: str) -> str:
    """A text as a passage can show it without Twine (or this importer) reading markup in it:
    a space inside each `[[`, `<<`, `/*`, `(name:`, `<script`, a line's leading `::`…"""
    def spaced(m: re.Match[str]) -> str:
        if m.group(1):
            return f"({m.group(1)} :"
        return m.group(0)[0] + " " + m.group(0)[1:]
    return MARKUP.sub(spaced, text)


def shown(text: str) -> str:
    """What the importer reads back of a text an exported passage shows (defused)."""
    return _visible(defuse(text))


def link_label(text: str) -> str:
    """What a choice's text can show inside a link: one line, no ']', '|', '->' or '<-'."""
    label = " ".join(text.split()).replace("]", ")").replace("[", "(").replace("|", "/")
    return label.replace("->", "→").replace("<-", "←").strip()


def _visible(raw: str) -> str:
    """A passage's text as a node's: lines holding only links (and code) dropped, links inside a
    sentence replaced by their text, lines stripped, blank lines folded."""
    lines = []
    for line in raw.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        if not re.sub("\x00[^\x01]*\x01", "", line).strip():  # links alone (code already taken out)
            continue
        lines.append(re.sub("\x00([^\x01]*)\x01", r"\1", line).strip())
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


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
