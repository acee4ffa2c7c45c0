"""The scenario a story's passages make: meters and flags from its variables, the effects of
entering each passage, a node per passage (choices, or an ending), principles from the tags,
guards from the conditions around the links."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.authoring.twine.convention import link_label, shown
from simulator.authoring.twine.notes import Notes
from simulator.authoring.twine.passages import LinkRead, PassageRead, read_passage
from simulator.authoring.twine.story import Passage
from simulator.authoring.twine.variables import Setting, condition
from simulator.format.guards import Compare, Flag, leaves
from simulator.format.guards import parse as parse_guard
from simulator.lang.messages_check import Q, msg, say

MAX_CHOICES = 9
OUTCOME_TAGS = ("won", "kept", "lost")
PRINCIPLE = re.compile(r"^[a-z0-9-]+$")

Located = tuple[Setting, int, int]  # a setting, with the line and column where it is made
Entry = tuple[dict[str, int], list[str], list[str]]  # what entering a passage does: effects, flags set, unset
Node = dict[str, Any]  # a node as the scenario's YAML writes it


@dataclass
class Variables:
    meters: dict[str, Any]  # the scenario's meters as its YAML writes them
    meter_names: set[str]
    variant_flags: set[str]  # flags the scenario's variants set


def incoming(reads: list[PassageRead], target: PassageRead) -> bool:
    return any(lr.link.target == target.passage.name for r in reads for lr in r.links)


def principles(meta: dict[str, Any]) -> frozenset[str]:
    """The principles a tag may name: the catalogue's, and the scenario's own."""
    from scoring.catalogue import load_catalogue
    own = {p.get("id") for p in (meta.get("principles") or []) if isinstance(p, dict)}
    return load_catalogue().ids() | {p for p in own if isinstance(p, str)}


class ScenarioBuilder:
    def __init__(self, notes: Notes, names: dict[str, str], text_lang: str):
        self.notes = notes
        self.names = names  # Twine variable -> the scenario's meter or flag (an exported story's)
        self.text_lang = text_lang  # the language the story is written in
        self.guarded: list[tuple[Node, LinkRead, str]] = []  # choices whose guards wait for the flags

    def var(self, v: str) -> str:
        return self.names.get(v, v)

    def build(self, reads: list[PassageRead], by_name: dict[str, PassageRead], start: PassageRead,
              init: list[Passage], meta: dict[str, Any]) -> tuple[dict[str, Node], dict[str, Any]]:
        """The nodes, and the meters."""
        found = self.variables(reads, start, init, meta)
        # what entering each passage does: the effects of the links into it
        entry: dict[str, Entry] = {}
        for r in reads:
            entry[r.nid] = self.effects([(s, ln, cl) for s, ln, cl in r.sets if not (r is start and s.kind == "abs")],
                                        found.meter_names, r.nid)
            if r is start and any(s.kind == "abs" for s, _, _ in r.sets) and incoming(reads, r):
                self.notes.warn(r.passage.line, 1, msg("twee.start_loops"), "", r.nid)
        known = principles(meta)
        nodes = {r.nid: self.node(r, by_name, entry, found.meter_names, known) for r in reads}
        # guards last: a flag a guard names must be one some choice sets or unsets (or a variant's)
        flags = found.variant_flags | {f for n in nodes.values() for c in n.get("choices", ())
                                       for f in (*c.get("set", ()), *c.get("unset", ()))}
        for c, lr, nid in self.guarded:
            guard = self.guard(lr, found.meter_names, flags, nid)
            if guard:
                rest: dict[str, Any] = {k: c.pop(k) for k in ("feedback", "next") if k in c}
                c["when"] = guard
                c.update(rest)
        return nodes, found.meters

    # -- the variables --

    def variables(self, reads: list[PassageRead], start: PassageRead, init: list[Passage],
                  meta: dict[str, Any]) -> Variables:
        """Which variables are numbers (meters) and which are true/false (flags)."""
        all_sets = [(s, ln, cl, r.nid) for r in reads for s, ln, cl in r.sets]
        all_sets += [(s, lr.line, lr.col, r.nid) for r in reads for lr in r.links for s in lr.sets]
        init_sets = self.init_settings(init)
        all_sets += [(s, ln, cl, "") for s, ln, cl in init_sets]
        kinds: dict[str, set[str]] = {}
        for s, *_ in all_sets:
            kinds.setdefault(self.var(s.var), set()).add("flag" if s.kind == "flag" else "meter")
        meters: dict[str, Any] = dict(meta.get("meters") or {}) if isinstance(meta.get("meters"), dict) else {}
        variant_flags = {f for v in (meta.get("variants") or []) if isinstance(v, dict)
                         for f in (v.get("set") or []) if isinstance(f, str)}
        for v, k in kinds.items():
            if k == {"flag", "meter"}:
                s, ln, cl, nid = next(x for x in all_sets if self.var(x[0].var) == v and x[0].kind == "flag")
                self.notes.warn(ln, cl, msg("twee.both_kinds", var=s.var), f"${s.var}", nid or None)
        meter_names = {v for v, k in kinds.items() if "meter" in k} | set(meters)
        self.starts(init_sets + start.sets, meters, meter_names, start.nid)
        return Variables(meters, meter_names, variant_flags)

    def init_settings(self, init: list[Passage]) -> list[Located]:
        """The settings of StoryInit (and startup passages): the meters' start values."""
        found: list[Located] = []
        for p in init:
            ir = read_passage(p, "", self.notes)
            found += ir.sets
            for lr in ir.links:
                self.notes.warn(lr.line, lr.col, msg("twee.init_link", name=p.name), lr.link.target)
        return found

    def starts(self, sets: list[Located], meters: dict[str, Any], meter_names: set[str], start_nid: str) -> None:
        """Each meter's start value (0 to 100) into `meters`: the values StoryInit and the start passage give."""
        starts: dict[str, int] = {}
        for s, ln, cl in sets:
            if s.kind == "abs" and self.var(s.var) in meter_names:
                value = s.value
                if not 0 <= int(value) <= 100:
                    self.notes.warn(ln, cl, msg("twee.start_clamped", var=s.var, value=value,
                                                clamped=max(0, min(100, int(value)))), f"${s.var} to {value}", start_nid)
                starts[self.var(s.var)] = max(0, min(100, int(value)))
            elif s.kind == "flag" and s.value:
                self.notes.warn(ln, cl, msg("twee.flag_at_start", var=s.var), f"${s.var} to true")
        for v in sorted(meter_names - set(meters)):
            meters[v] = {"start": starts.get(v, 0)}
        for v, value in starts.items():
            if isinstance(meters.get(v), dict):
                meters[v] = {**meters[v], "start": value}

    def effects(self, sets: list[Located], meter_names: set[str], nid: str) -> Entry:
        """Effects (signed changes) and flags set and unset by these settings, in order."""
        eff: dict[str, int] = {}
        state: dict[str, bool] = {}
        for s, ln, cl in sets:
            v = self.var(s.var)
            if s.kind == "delta" and v in meter_names:
                eff[v] = eff.get(v, 0) + int(s.value)
            elif s.kind == "flag" and v not in meter_names:
                state.pop(v, None)
                state[v] = bool(s.value)
            elif s.kind == "abs":
                self.notes.warn(ln, cl, msg("twee.abs_effect", var=s.var, value=s.value), f"${s.var} to {s.value}",
                                nid or None)
        return eff, [f for f, on in state.items() if on], [f for f, on in state.items() if not on]

    # -- the nodes --

    def node(self, r: PassageRead, by_name: dict[str, PassageRead], entry: dict[str, Entry],
             meter_names: set[str], known: frozenset[str]) -> Node:
        p, nid, meta = r.passage, r.nid, r.meta
        node: Node = {}
        if isinstance(meta.get("speaker"), str):
            node["speaker"] = meta["speaker"]
        node["text"] = self.kept(meta.get("text"), r.text or p.name, shown)
        if "time_limit" in meta or "on_timeout" in meta:
            to = meta.get("on_timeout")
            target = by_name.get(to) if isinstance(to, str) else None
            if target is None:
                self.notes.warn(p.line, 1, msg("twee.time_limit_gone", name=Q(to)), json.dumps(meta.get("time_limit")),
                                nid)
            else:
                node["time_limit"] = meta.get("time_limit")
                node["on_timeout"] = target.nid
        for c in r.comments:
            self.notes.comment(nid, say("twee.kept_comment", self.notes.messages, text=c.replace("\n", " ")[:200]))
        outcome = [t for t in p.tags if t in OUTCOME_TAGS]
        for t in p.tags:
            if t not in OUTCOME_TAGS and not t.startswith(("applies:", "violates:")):
                self.notes.warn(p.line, 1, msg("twee.tag_meaningless", tag=Q(t)), t, nid)
        links = [lr for lr in r.links if self.link_ok(lr, by_name, nid)]
        if outcome or not links:
            node["ending"] = self.ending(r, outcome, links)
            return node
        if len(links) > MAX_CHOICES:
            for lr in links[MAX_CHOICES:]:
                self.notes.warn(lr.line, lr.col, msg("twee.too_many", max=MAX_CHOICES),
                                lr.link.text + " -> " + lr.link.target, nid)
            links = links[:MAX_CHOICES]
        node["choices"] = [self.choice(lr, by_name[lr.link.target], entry, meter_names, known, nid) for lr in links]
        return node

    def ending(self, r: PassageRead, outcome: list[str], links: list[LinkRead]) -> dict[str, Any]:
        """A passage tagged won, kept or lost, or without links: an ending."""
        p, nid = r.passage, r.nid
        if links:
            self.notes.warn(p.line, 1, msg("twee.ending_links", outcome=Q(outcome[0]), n=len(links)),
                            "\n".join(lr.link.text + " -> " + lr.link.target for lr in links), nid)
        ending: dict[str, Any] = r.meta["ending"] if isinstance(r.meta.get("ending"), dict) else {}
        out = outcome[0] if outcome else ending.get("outcome")
        if out not in OUTCOME_TAGS:
            self.notes.warn(p.line, 1, msg("twee.ending_default"), "", nid)
            out = "kept"
        made = {"outcome": out, "title": ending.get("title") or p.name}
        if ending.get("text"):
            made["text"] = ending["text"]
        return made

    def link_ok(self, lr: LinkRead, by_name: dict[str, PassageRead], nid: str) -> bool:
        target = lr.link.target
        if target in by_name:
            return True
        why = msg("twee.link_nowhere", target=Q(target)) if target else msg("twee.link_empty")
        self.notes.warn(lr.line, lr.col, why, f"[[{lr.link.text}->{target}]]", nid)
        return False

    def kept(self, meta_text: Any, seen: str, read_back: Callable[[str], str]) -> Any:
        """A passage's or a link's text: the full text an exported scenario carried (its translations,
        line breaks, markup Twine would read) when its own language still reads back as `seen` (not
        edited in Twine since); else `seen`, in that language's place."""
        if isinstance(meta_text, dict) and meta_text and all(isinstance(v, str) for v in meta_text.values()):
            key = self.text_lang if self.text_lang in meta_text else next(iter(meta_text))
            return meta_text if read_back(meta_text[key]) == seen else {**meta_text, key: seen}
        if isinstance(meta_text, str) and read_back(meta_text) == seen:
            return meta_text
        return seen

    # -- the choices --

    def choice(self, lr: LinkRead, target: PassageRead, entry: dict[str, Entry], meter_names: set[str],
               known: frozenset[str], nid: str) -> Node:
        meta = lr.meta
        c: Node = {}
        if "id" in meta:
            c["id"] = meta["id"]
        c["text"] = self.kept(meta.get("text"), lr.link.text or lr.link.target, link_label)
        applies = [x for x in meta.get("applies") or [] if isinstance(x, str)]
        violates = [x for x in meta.get("violates") or [] if isinstance(x, str)]
        for t in target.passage.tags:
            kind, _, pid = t.partition(":")
            if kind not in ("applies", "violates"):
                continue
            if not PRINCIPLE.match(pid) or pid not in known:
                self.notes.warn(target.passage.line, 1, msg("twee.bad_principle", tag=Q(t), id=Q(pid)), t, target.nid)
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

    def guard(self, lr: LinkRead, meter_names: set[str], flags: set[str], nid: str) -> str | None:
        """The `when` of a link: the conditions around it, those the guard language can say."""
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
                self.notes.warn(ln, cl, msg("twee.cond_bad", cond=Q(text.strip()), reason=exc.args[0]), text, nid)
                continue
            parts.append(f"not ({g})" if negated else g)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " and ".join(f"({x})" if not x.startswith("not (") else x
                                                               for x in parts)
