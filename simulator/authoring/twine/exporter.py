"""`litige export-twee`: a scenario as a Twee 3 story (SugarCube), for Twine's map.

Each node is a passage named by its id; each choice a link, inside `<<if …>>` when it has a
guard (SugarCube plays it so, and `litige import` reads it back as the guard), with its effects
and flags as SugarCube's setter (`[[Text|next][$trust += 20; $listened to true]]`); endings are
tagged `won` / `kept` / `lost`; a principle every link into a passage applies (or violates) is
a tag `applies:ID` (`violates:ID`) of that passage. What Twine has no place for (a choice's id,
principles, feedback and translations; a node's speaker, time limit, translations and ending
title) rides in `/* litige-node: … */` and `/* litige-choice: … */` comments, and the
scenario's own facts (title, meters, variants…) in a passage tagged `litige-data`: importing
the file gives the scenario back.

Pure: the scenario's YAML data in, Twee text out.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from simulator.authoring.twine.convention import CHOICE_META, DATA_TAG, NODE_META, defuse, dump, link_label, visible

FORMAT = "SugarCube"
FORMAT_VERSION = "2.37.3"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_KEYWORDS = frozenset({"and", "or", "not"})


def _comment(prefix: str, value: dict[str, Any]) -> str:
    return f"/* {prefix} " + json.dumps(value, ensure_ascii=False).replace("*/", "*\\/") + " */"


def _main(text: Any, lang: str) -> str:
    """A text field in the scenario's language (a plain string, or the map's entry)."""
    if isinstance(text, dict):
        return str(text.get(lang) or next(iter(text.values()), ""))
    return str(text or "")


class _Exporter:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.lang = data.get("lang", "fr")
        self.names: dict[str, str] = {}  # Twine variable -> the scenario's meter or flag

    def var(self, name: str) -> str:
        twine = name.replace("-", "_")
        if twine != name:
            while twine in self.names and self.names[twine] != name:
                twine += "_"
            self.names[twine] = name
        return "$" + twine

    def guard(self, source: str) -> str:
        return _NAME.sub(lambda m: m.group(0) if m.group(0) in _KEYWORDS else self.var(m.group(0)), source)

    def setter(self, choice: dict[str, Any]) -> str:
        parts = [f"{self.var(m)} {'+' if v >= 0 else '-'}= {abs(v)}" for m, v in (choice.get("effects") or {}).items()]
        # unset first, as the game does (rules.Move): a flag a choice both unsets and sets ends set
        parts += [f"{self.var(f)} to false" for f in choice.get("unset") or ()]
        parts += [f"{self.var(f)} to true" for f in choice.get("set") or ()]
        return "; ".join(parts)

    def run(self) -> str:
        d = self.data
        nodes: dict[str, dict[str, Any]] = d["nodes"]
        incoming: dict[str, list[dict[str, Any]]] = {nid: [] for nid in nodes}
        for node in nodes.values():
            for c in node.get("choices") or ():
                incoming.setdefault(c["next"], []).append(c)
        passages = [self.passage(nid, node, incoming.get(nid, []), pos)
                    for nid, pos, node in self.layout(nodes, d["start"])]
        meta = {k: v for k, v in d.items() if k not in ("format", "nodes", "start")}
        if self.names:
            meta["names"] = dict(sorted(self.names.items()))
        ifid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"litige:{d['id']}")).upper()
        story_data = json.dumps({"ifid": ifid, "format": FORMAT, "format-version": FORMAT_VERSION,
                                 "start": d["start"]}, indent=2)
        head = [f":: StoryTitle\n{_main(d['title'], self.lang)}", f":: StoryData\n{story_data}",
                f":: LitigeScenario [{DATA_TAG}]\n" + dump(meta).rstrip("\n")]
        return "\n\n\n".join(head + passages) + "\n"

    @staticmethod
    def layout(nodes: dict[str, dict[str, Any]], start: str) -> list[tuple[str, str, dict[str, Any]]]:
        """Passages placed on Twine's map: a column per distance from the start, in file order."""
        depth: dict[str, int] = {}
        queue = [start]
        depth[start] = 0
        for nid in queue:
            for c in nodes[nid].get("choices") or ():
                if c["next"] in nodes and c["next"] not in depth:
                    depth[c["next"]] = depth[nid] + 1
                    queue.append(c["next"])
        top = max(depth.values(), default=0) + 1
        rows: dict[int, int] = {}
        out = []
        for nid, node in nodes.items():
            col = depth.get(nid, top)
            row = rows.get(col, 0)
            rows[col] = row + 1
            out.append((nid, f"{100 + 175 * col},{100 + 150 * row}", node))
        return out

    def passage(self, nid: str, node: dict[str, Any], into: list[dict[str, Any]], pos: str) -> str:
        tags: list[str] = []
        ending = node.get("ending")
        if ending:
            tags.append(ending["outcome"])
        for kind in ("applies", "violates"):
            shared = set.intersection(*(set(c.get(kind) or ()) for c in into)) if into else set()
            tags += [f"{kind}:{p}" for p in sorted(shared)]
        meta: dict[str, Any] = {k: node[k] for k in ("speaker", "time_limit", "on_timeout") if k in node}
        text = node.get("text", "")
        shown = defuse(_main(text, self.lang))
        if isinstance(text, dict) or visible(shown) != text:  # what the passage cannot show exactly
            meta["text"] = text
        if ending:
            meta["ending"] = ending
        lines = [f":: {nid}" + (f" [{' '.join(tags)}]" if tags else "") + " " +
                 json.dumps({"position": pos, "size": "100,100"})]
        if meta:
            lines.append(_comment(NODE_META, meta))
        lines.append(shown)
        for c in node.get("choices") or ():
            lines.append(self.link(c))
        return "\n".join(lines)

    def link(self, c: dict[str, Any]) -> str:
        label = link_label(_main(c["text"], self.lang))
        meta: dict[str, Any] = {k: c[k] for k in ("id", "applies", "violates", "feedback") if k in c}
        if isinstance(c["text"], dict) or label != c["text"]:
            meta["text"] = c["text"]
        setter = self.setter(c)
        link = f"[[{label}|{c['next']}]" + (f"[{setter}]]" if setter else "]")
        out = (_comment(CHOICE_META, meta) if meta else "") + link
        if "when" in c:
            out = f"<<if {self.guard(str(c['when']))}>>{out}<</if>>"
        return out


def export_twee(data: dict[str, Any]) -> str:
    """The Twee 3 text of a valid scenario's data (as its YAML file holds it)."""
    return _Exporter(data).run()
