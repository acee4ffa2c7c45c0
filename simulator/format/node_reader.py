"""A scenario's nodes, read and checked: speaker and text, choices (principles, effects, flags,
guards, feedback) or an ending, a time limit, and the references from node to node."""

from __future__ import annotations

from typing import Any

from simulator.format import guards
from simulator.format.errors import Problem
from simulator.format.fields import Fields, Vocabulary, hint
from simulator.format.model import OUTCOMES, SPEAKERS, Choice, Ending, Meter, Node
from simulator.format.yaml_reader import Doc, Path_
from simulator.lang.messages_check import Q, V, msg

NODE_KEYS = ("speaker", "text", "choices", "ending", "time_limit", "on_timeout")
CHOICE_KEYS = ("id", "text", "next", "applies", "violates", "effects", "set", "unset", "when", "feedback")
ENDING_KEYS = ("outcome", "title", "text")
MAX_CHOICES = 9


def node_ref(value: Any) -> Any:
    """A node reference as its id: `next: 2` names node `2` (YAML reads it as a number)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class NodeReader(Fields):
    """Reads the nodes of a scenario file, knowing its principle ids and its declared meters."""

    def __init__(self, doc: Doc, lang: str, check_lang: str | None, known_principles: frozenset[str]):
        super().__init__(doc, lang, check_lang)
        self.known_principles = known_principles
        # Meters declared under meters:, valid or not: one already reported as invalid is still
        # declared, so effects and guards naming it stay silent rather than call it unknown.
        self.declared_meters: frozenset[str] = frozenset()

    def collect_flags(self, raw_nodes: dict[Any, Any]) -> frozenset[str]:
        flags: set[str] = set()
        for raw in raw_nodes.values():
            if isinstance(raw, dict) and isinstance(raw.get("choices"), list):
                for c in raw["choices"]:
                    if isinstance(c, dict):
                        for k in ("set", "unset"):
                            if isinstance(c.get(k), list):
                                flags.update(x for x in c[k] if isinstance(x, str))
        return frozenset(flags)

    def node(self, nid: str, raw: Any, meters: dict[str, Meter], flags: frozenset[str]) -> Node | None:
        path = ("nodes", nid)
        self.node_id(nid, path)
        m = self.mapping(raw, path, msg("what.node", node=Q(nid)))
        if m is None:
            return None
        # An ending node may say its text under `ending:` only (as in the spec's example).
        ending_text = isinstance(m.get("ending"), dict) and "text" in m["ending"]
        self.keys(m, path, allowed=NODE_KEYS, required=() if ending_text else ("text",), what=msg("what.node", node=Q(nid)))
        speaker = m.get("speaker", "customer")
        if speaker not in SPEAKERS:
            self.error(path + ("speaker",), msg("load.speaker", speakers=", ".join(SPEAKERS), found=Q(speaker),
                                                 hint=hint(str(speaker), SPEAKERS)))
        text = self.text(m["text"], path + ("text",), "text") if "text" in m else None
        has_choices, has_ending = "choices" in m, "ending" in m
        if has_choices and has_ending:
            self.error(path, msg("load.choices_and_ending", node=Q(nid)))
        elif not has_choices and not has_ending:
            self.error(path, msg("load.choices_or_ending", node=Q(nid)))
        choices = self.choices(nid, m["choices"], meters, flags) if has_choices else ()
        ending = self.ending(nid, m["ending"]) if has_ending else None
        if text is None and "text" not in m and ending is not None and ending.text is not None:
            # the ending's text is the node's: shown once, where the node's text would be
            text, ending = ending.text, Ending(ending.outcome, ending.title, None)
        time_limit = self.time_limit(nid, m, has_ending)
        on_timeout = node_ref(m.get("on_timeout"))
        on_timeout = on_timeout if isinstance(on_timeout, str) else None
        if text is None or speaker not in SPEAKERS:
            return None
        return Node(nid, speaker, text, choices, ending, time_limit, on_timeout)

    def choices(self, nid: str, raw: Any, meters: dict[str, Meter], flags: frozenset[str]) -> tuple[Choice, ...]:
        """A node's choices: a list of one to MAX_CHOICES, their ids distinct."""
        path = ("nodes", nid, "choices")
        if not isinstance(raw, list) or not raw:
            self.error(path, msg("load.choices_empty"))
            return ()
        if len(raw) > MAX_CHOICES:
            self.error(path, msg("load.too_many_choices", node=Q(nid), n=len(raw), max=MAX_CHOICES))
        out: list[Choice] = []
        seen: dict[str, int] = {}
        for i, rc in enumerate(raw):
            c = self.choice(nid, i, rc, meters, flags)
            if c is None:
                continue
            if c.id in seen:
                self.error(path + (i, "id"), msg("load.choice_twice", id=Q(c.id), node=Q(nid)))
            seen[c.id] = i
            out.append(c)
        return tuple(out)

    def time_limit(self, nid: str, m: dict[str, Any], has_ending: bool) -> int | None:
        """A node's time limit, which goes with `on_timeout` and never with an ending."""
        path: Path_ = ("nodes", nid)
        time_limit = None
        if "time_limit" in m:
            time_limit = self.integer(m["time_limit"], path + ("time_limit",), "time_limit", 1, 3600)
            if "on_timeout" not in m:
                self.error(path + ("time_limit",), msg("load.time_limit_alone"), key=True)
        if "on_timeout" in m and "time_limit" not in m:
            self.error(path + ("on_timeout",), msg("load.on_timeout_alone"), key=True)
        if has_ending and ("time_limit" in m or "on_timeout" in m):
            self.error(path, msg("load.ending_time_limit", node=Q(nid)))
        return time_limit

    def choice(self, nid: str, i: int, raw: Any, meters: dict[str, Meter], flags: frozenset[str]) -> Choice | None:
        path = ("nodes", nid, "choices", i)
        m = self.mapping(raw, path, msg("what.choice", n=i + 1, node=Q(nid)))
        if m is None:
            return None
        self.keys(m, path, allowed=CHOICE_KEYS, required=("text", "next"), what=msg("what.choice", n=i + 1, node=Q(nid)))
        cid = str(i + 1)
        if "id" in m:
            cid = self.slug(m["id"] if not isinstance(m["id"], int) or isinstance(m["id"], bool) else str(m["id"]),
                            path + ("id",), "choice id") or cid
        text = self.text(m["text"], path + ("text",), "choice text") if "text" in m else None
        applies = self.principle_ids(m, "applies", path)
        violates = self.principle_ids(m, "violates", path)
        both = set(applies) & set(violates)
        if both:
            self.error(path + ("violates",), msg("load.apply_and_violate", principles=", ".join(sorted(both))))
        effects = self.effects(m["effects"], path + ("effects",), meters) if "effects" in m else {}
        set_ = self.name_list(m["set"], path + ("set",), "set") if "set" in m else ()
        unset = self.name_list(m["unset"], path + ("unset",), "unset") if "unset" in m else ()
        when = None
        when_src = None
        if "when" in m:
            when_src = m["when"]
            when = self.guard(when_src, path + ("when",), meters, flags)
        feedback = self.text(m["feedback"], path + ("feedback",), "feedback") if "feedback" in m else None
        if (applies or violates) and feedback is None and "feedback" not in m:
            self.warn(path, msg("load.no_feedback", choice=Q(cid), node=Q(nid)))
        nxt = node_ref(m.get("next"))
        if text is None or not isinstance(nxt, str):
            return None
        return Choice(cid, i, text, nxt, applies, violates, effects, set_, unset, when,
                      when_src if isinstance(when_src, str) else None, feedback)

    def effects(self, value: Any, path: Path_, meters: dict[str, Meter]) -> dict[str, int]:
        """A choice's effects: a change of -100..100 per declared meter."""
        effects: dict[str, int] = {}
        em = self.mapping(value, path, "effects")
        for meter, delta in (em or {}).items():
            ep = path + (meter,)
            if meter not in meters:
                if meter in self.declared_meters:
                    continue  # declared but invalid: reported under meters:
                self.error(ep, msg("load.effect_meter", meter=Q(meter), hint=hint(meter, meters),
                                   declare="" if meters else msg("hint.declare_meter", section="meters:")),
                           key=True)
                continue
            d = self.integer(delta, ep, msg("what.effect_on", meter=Q(meter)), -100, 100)
            if d is not None:
                effects[meter] = d
        return effects

    def principle_ids(self, m: dict[str, Any], key: str, path: Path_) -> tuple[str, ...]:
        if key not in m:
            return ()
        ids = self.slug_list(m[key], path + (key,), f"{key}")
        for j, pid in enumerate(ids):
            if pid not in self.known_principles:
                self.error(path + (key, j), msg("load.unknown_principle", principle=Q(pid),
                                                 hint=hint(pid, self.known_principles), section="principles:"))
        return ids

    def guard(self, src: Any, path: Path_, meters: dict[str, Meter], flags: frozenset[str]) -> guards.Guard | None:
        if not isinstance(src, str):
            self.error(path, msg("load.when_not_text"))
            return None
        line, col = self.doc.at(path)
        offset = self._guard_offset(path)
        try:
            g = guards.parse(src)
        except guards.GuardSyntaxError as exc:
            self.problems.append(Problem(self.doc.file, line, col + offset + exc.pos, "error",
                                         msg("load.bad_guard", guard=V(src, 120), reason=exc.message)))
            return None
        ok = True
        for leaf in guards.leaves(g):
            where = col + offset + leaf.pos
            if isinstance(leaf, guards.Compare):
                if leaf.meter not in meters and leaf.meter in self.declared_meters:
                    ok = False  # declared but invalid: reported under meters:
                elif leaf.meter not in meters:
                    text = (msg("load.guard_flag_compared", name=Q(leaf.meter)) if leaf.meter in flags
                            else msg("load.guard_unknown_meter", name=Q(leaf.meter), hint=hint(leaf.meter, meters)))
                    self.problems.append(Problem(self.doc.file, line, where, "error", text))
                    ok = False
            elif leaf.name in self.declared_meters and leaf.name not in meters:
                ok = False
            elif leaf.name not in flags:
                text = (msg("load.guard_bare_meter", name=Q(leaf.name), example=leaf.name) if leaf.name in meters
                        else msg("load.guard_unknown_flag", name=Q(leaf.name), hint=hint(leaf.name, flags),
                                 section="set:"))
                self.problems.append(Problem(self.doc.file, line, where, "error", text))
                ok = False
        return g if ok else None

    def _guard_offset(self, path: Path_) -> int:
        """0 for a plain scalar, 1 when the guard is quoted (the quote precedes the text)."""
        return 1 if self.doc.is_quoted(path) else 0

    def ending(self, nid: str, raw: Any) -> Ending | None:
        path = ("nodes", nid, "ending")
        m = self.mapping(raw, path, "ending")
        if m is None:
            return None
        self.keys(m, path, allowed=ENDING_KEYS, required=("outcome", "title"), what="an ending")
        outcome = m.get("outcome")
        if "outcome" in m and outcome not in OUTCOMES:
            self.error(path + ("outcome",), msg("load.outcome", found=Q(outcome), hint=hint(str(outcome), OUTCOMES)))
        title = self.text(m["title"], path + ("title",), "ending title") if "title" in m else None
        text = self.text(m["text"], path + ("text",), "ending text") if "text" in m else None
        if outcome not in OUTCOMES or title is None:
            return None
        return Ending(outcome, title, text)

    def reference(self, path: Path_, key: str, value: Any, names: Vocabulary) -> None:
        """`start`, `next` or `on_timeout` must name a node of the scenario."""
        if isinstance(value, bool):  # `next: yes` / `no` / `on` / `off`: YAML reads them as true or false
            self.error(path, msg("load.ref_bool", key=key, found=str(value).lower(), example=f'{key}: "yes"'))
        elif not isinstance(node_ref(value), str) or node_ref(value) not in names:
            self.error(path, msg("load.ref_none", key=key, found=V(value), hint=names.hint(str(value))))

    def references(self, nid: str, raw: Any, names: Vocabulary) -> None:
        if not isinstance(raw, dict):
            return
        path = ("nodes", nid)
        if "on_timeout" in raw:
            self.reference(path + ("on_timeout",), "on_timeout", raw["on_timeout"], names)
        if isinstance(raw.get("choices"), list):
            for i, c in enumerate(raw["choices"]):
                if isinstance(c, dict) and "next" in c:
                    self.reference(path + ("choices", i, "next"), "next", c["next"], names)

