"""YAML file → validated Scenario, or every located problem of the file in one pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.format import guards
from simulator.format.errors import Problem, ScenarioError
from simulator.format.fields import Fields, Vocabulary, hint
from simulator.lang.messages_check import Lit, Q, V, msg
from simulator.format.model import (OUTCOMES, SPEAKERS, Choice, Customer, Ending, Meter, Node, Principle, Scenario,
                             Source, Text, Variant)
from simulator.format.text import LANG
from simulator.format import collector
from simulator.format.yamldoc import Doc, read, read_file

FORMAT = "litige/1"
TOP_REQUIRED = ("format", "id", "title", "start", "nodes")
TOP_OPTIONAL = ("lang", "summary", "role", "customer", "source", "difficulty", "pass_score", "meters",
                "principles", "tags", "variants")
NODE_KEYS = ("speaker", "text", "choices", "ending", "time_limit", "on_timeout")
CHOICE_KEYS = ("id", "text", "next", "applies", "violates", "effects", "set", "unset", "when", "feedback")
ENDING_KEYS = ("outcome", "title", "text")
METER_KEYS = ("start", "label", "moods")
CUSTOMER_KEYS = ("name", "description")
VARIANT_KEYS = ("id", "weight", "set", "meters", "reveal")
MAX_CHOICES = 9


def _ref(value: Any) -> Any:
    """A node reference as its id: `next: 2` names node `2` (YAML reads it as a number)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _ScenarioReader(Fields):
    def __init__(self, doc: Doc, known_principles: frozenset[str], check_lang: str | None):
        data = doc.data if isinstance(doc.data, dict) else {}
        lang = data.get("lang", "fr")
        super().__init__(doc, lang if isinstance(lang, str) and LANG.match(lang) else "fr", check_lang)
        self.known_principles = known_principles
        # Meters declared under meters:, valid or not: one already reported as invalid is still
        # declared, so effects and guards naming it stay silent rather than call it unknown.
        self.declared_meters: frozenset[str] = frozenset()

    def scenario(self) -> Scenario | None:
        top = self.mapping(self.doc.data, (), "a scenario file")
        if top is None:
            return None
        self.keys(top, (), allowed=TOP_REQUIRED + TOP_OPTIONAL, required=TOP_REQUIRED, what="the scenario")
        if "format" in top and top["format"] != FORMAT:
            self.error(("format",), msg("load.format", expected=Q(FORMAT), found=V(top['format'])))
        if "lang" in top and not (isinstance(top["lang"], str) and LANG.match(top["lang"])):
            self.error(("lang",), msg("load.lang", found=V(top['lang'])))
        sid = self.slug(top["id"], ("id",), "scenario id") if "id" in top else None
        title = self.text(top["title"], ("title",), "title") if "title" in top else None
        opt_text = {k: self.text(top[k], (k,), k) if k in top else None for k in ("summary", "role")}
        customer = self.customer(top["customer"]) if "customer" in top else None
        source = self.source(top["source"]) if "source" in top else None
        difficulty = self.integer(top["difficulty"], ("difficulty",), "difficulty", 1, 3) if "difficulty" in top else None
        pass_score = self.integer(top.get("pass_score", 70), ("pass_score",), "pass_score", 0, 100)
        meters = self.meters(top["meters"]) if "meters" in top else {}
        extra = self.principles(top["principles"]) if "principles" in top else ()
        self.known_principles = self.known_principles | {p.id for p in extra}
        tags = self.slug_list(top["tags"], ("tags",), "tags") if "tags" in top else ()

        raw_nodes = self.mapping(top["nodes"], ("nodes",), "nodes") if "nodes" in top else None
        variants = self.variants(top["variants"], meters) if "variants" in top else ()
        flags = self.collect_flags(raw_nodes or {}) | {f for v in variants for f in v.set}
        nodes: dict[str, Node] = {}
        for nid, raw in (raw_nodes or {}).items():
            node = self.node(str(nid), raw, meters, flags)
            if node is not None:
                nodes[str(nid)] = node
        if raw_nodes is not None and not raw_nodes:
            self.error(("nodes",), msg("load.no_nodes"))
        names = Vocabulary(raw_nodes or {})
        if "start" in top:
            self.reference(("start",), "start", top["start"], names)
        for nid, raw in (raw_nodes or {}).items():
            self.references(str(nid), raw, names)

        if any(p.severity == "error" for p in self.problems) or sid is None or title is None:
            return None
        return Scenario(
            id=sid, lang=self.lang, title=title, start=_ref(top["start"]), nodes=nodes,
            summary=opt_text["summary"], role=opt_text["role"], customer=customer,
            source=source, difficulty=difficulty, pass_score=pass_score if pass_score is not None else 70,
            meters=meters, principles=extra, tags=tags, variants=variants, doc=self.doc,
        )

    def source(self, value: Any) -> Source | None:
        if isinstance(value, str) and value.strip():
            return Source(value)
        m = self.mapping(value, ("source",), "source")
        if m is None:
            return None
        self.keys(m, ("source",), allowed=("title", "author", "year", "url"), required=("title",), what="source")
        title = self.string(m.get("title"), ("source", "title"), "source title") if "title" in m else None
        author = self.string(m["author"], ("source", "author"), "author") if m.get("author") is not None else None
        year = self.integer(m["year"], ("source", "year"), "year", 1800, 2200) if "year" in m else None
        url = self.string(m["url"], ("source", "url"), "url") if "url" in m else None
        return Source(title, author, year, url) if title else None

    def meters(self, value: Any) -> dict[str, Meter]:
        m = self.mapping(value, ("meters",), "meters")
        out: dict[str, Meter] = {}
        self.declared_meters = frozenset(str(k) for k in (m or {}))
        for mid, spec in (m or {}).items():
            path = ("meters", mid)
            if self.meter_id(mid, path) is None:
                continue
            sm = self.mapping(spec, path, msg("what.meter", meter=Q(mid)))
            if sm is None:
                continue
            self.keys(sm, path, allowed=METER_KEYS, required=("start",), what=msg("what.meter", meter=Q(mid)))
            start = self.integer(sm.get("start"), path + ("start",), "start", 0, 100) if "start" in sm else None
            label = self.text(sm["label"], path + ("label",), "meter label") if "label" in sm else Text.plain(mid, self.lang)
            moods = self.moods(sm["moods"], path + ("moods",)) if "moods" in sm else ()
            if start is not None and label is not None and moods is not None:
                out[mid] = Meter(mid, start, label, moods)
        return out

    def moods(self, value: Any, path: tuple) -> tuple[tuple[int, Text], ...] | None:
        """`{0: furieuse, 40: agacée, 70: rassurée}`: a word per band, from its number to the next."""
        m = self.mapping(value, path, "moods")
        if m is None:
            return None
        if not m:
            self.error(path, msg("load.moods_empty", example=Lit("{0: furious, 50: calm}", "{0: furieuse, 50: calme}")))
            return None
        out: list[tuple[int, Text]] = []
        ok = True
        for key, word in m.items():
            number = isinstance(key, str) and key.isascii() and key.isdigit() and len(key) <= 3
            threshold = int(key) if number else key
            if isinstance(threshold, bool) or not isinstance(threshold, int) or not 0 <= threshold <= 100:
                self.error(path + (key,), msg("load.mood_key", found=V(key)), key=True)
                ok = False
                continue
            text = self.text(word, path + (key,), "mood")
            if text is None:
                ok = False
                continue
            out.append((threshold, text))
        if ok and out and min(t for t, _ in out) != 0:
            self.error(path, msg("load.moods_start", lowest=min(t for t, _ in out)))
            ok = False
        return tuple(sorted(out, key=lambda item: item[0])) if ok else None

    def customer(self, value: Any) -> Customer | None:
        """A plain text (a description, as in the first format) or a card {name, description}."""
        if isinstance(value, dict) and any(k in value for k in CUSTOMER_KEYS):
            self.keys(value, ("customer",), allowed=CUSTOMER_KEYS, required=("name",), what="customer")
            name = self.text(value["name"], ("customer", "name"), "customer name") if "name" in value else None
            description = (self.text(value["description"], ("customer", "description"), "customer description")
                           if "description" in value else None)
            return Customer(name, description) if name is not None else None
        text = self.text(value, ("customer",), "customer")
        return Customer(None, text) if text is not None else None

    def variants(self, value: Any, meters: dict[str, Meter]) -> tuple[Variant, ...]:
        if not isinstance(value, list) or not value:
            self.error(("variants",), msg("load.variants"))
            return ()
        out: list[Variant] = []
        seen: set[str] = set()
        for i, raw in enumerate(value):
            path = ("variants", i)
            m = self.mapping(raw, path, msg("what.variant", n=i + 1))
            if m is None:
                continue
            self.keys(m, path, allowed=VARIANT_KEYS, required=("id",), what=msg("what.variant", n=i + 1))
            vid = self.slug(m["id"], path + ("id",), "variant id") if "id" in m else None
            if vid is not None and vid in seen:
                self.error(path + ("id",), msg("load.variant_twice", id=Q(vid)))
            weight = m.get("weight", 1)
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 1000:
                self.error(path + ("weight",), msg("load.weight", found=V(weight)))
                weight = None
            flags = self.name_list(m["set"], path + ("set",), "set") if "set" in m else ()
            starts: dict[str, int] = {}
            if "meters" in m:
                sm = self.mapping(m["meters"], path + ("meters",), "meters")
                for mid, v in (sm or {}).items():
                    if mid not in meters:
                        if mid not in self.declared_meters:
                            self.error(path + ("meters", mid), msg("load.variant_meter", meter=Q(mid),
                                                                  hint=hint(str(mid), meters)), key=True)
                        continue
                    start = self.integer(v, path + ("meters", mid), "start", 0, 100)
                    if start is not None:
                        starts[str(mid)] = start
            reveal = self.text(m["reveal"], path + ("reveal",), "reveal") if "reveal" in m else None
            if vid is None or weight is None:
                continue
            seen.add(vid)
            out.append(Variant(vid, float(weight), tuple(flags), starts, reveal))
        return tuple(out)

    def principles(self, value: Any) -> tuple[Principle, ...]:
        if not isinstance(value, list):
            self.error(("principles",), msg("load.principles"))
            return ()
        out = []
        for i, item in enumerate(value):
            p = self.principle(item, ("principles", i))
            if p is not None:
                out.append(p)
        return tuple(out)

    def collect_flags(self, raw_nodes: dict) -> frozenset[str]:
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
        choices: list[Choice] = []
        if has_choices:
            raw_choices = m["choices"]
            if not isinstance(raw_choices, list) or not raw_choices:
                self.error(path + ("choices",), msg("load.choices_empty"))
            else:
                if len(raw_choices) > MAX_CHOICES:
                    self.error(path + ("choices",), msg("load.too_many_choices", node=Q(nid), n=len(raw_choices),
                                                          max=MAX_CHOICES))
                seen: dict[str, int] = {}
                for i, rc in enumerate(raw_choices):
                    c = self.choice(nid, i, rc, meters, flags)
                    if c is None:
                        continue
                    if c.id in seen:
                        self.error(path + ("choices", i, "id"), msg("load.choice_twice", id=Q(c.id), node=Q(nid)))
                    seen[c.id] = i
                    choices.append(c)
        ending = self.ending(nid, m["ending"]) if has_ending else None
        if text is None and "text" not in m and ending is not None and ending.text is not None:
            # the ending's text is the node's: shown once, where the node's text would be
            text, ending = ending.text, Ending(ending.outcome, ending.title, None)
        time_limit = None
        if "time_limit" in m:
            time_limit = self.integer(m["time_limit"], path + ("time_limit",), "time_limit", 1, 3600)
            if "on_timeout" not in m:
                self.error(path + ("time_limit",), msg("load.time_limit_alone"), key=True)
        if "on_timeout" in m and "time_limit" not in m:
            self.error(path + ("on_timeout",), msg("load.on_timeout_alone"), key=True)
        if has_ending and ("time_limit" in m or "on_timeout" in m):
            self.error(path, msg("load.ending_time_limit", node=Q(nid)))
        on_timeout = _ref(m.get("on_timeout"))
        on_timeout = on_timeout if isinstance(on_timeout, str) else None
        if text is None or speaker not in SPEAKERS:
            return None
        return Node(nid, speaker, text, tuple(choices), ending, time_limit, on_timeout)

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
        effects: dict[str, int] = {}
        if "effects" in m:
            em = self.mapping(m["effects"], path + ("effects",), "effects")
            for meter, delta in (em or {}).items():
                ep = path + ("effects", meter)
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
        nxt = _ref(m.get("next"))
        if text is None or not isinstance(nxt, str):
            return None
        return Choice(cid, i, text, nxt, applies, violates, effects, set_, unset, when,
                      when_src if isinstance(when_src, str) else None, feedback)

    def principle_ids(self, m: dict, key: str, path: tuple) -> tuple[str, ...]:
        if key not in m:
            return ()
        ids = self.slug_list(m[key], path + (key,), f"{key}")
        for j, pid in enumerate(ids):
            if pid not in self.known_principles:
                self.error(path + (key, j), msg("load.unknown_principle", principle=Q(pid),
                                                 hint=hint(pid, self.known_principles), section="principles:"))
        return ids

    def guard(self, src: Any, path: tuple, meters: dict[str, Meter], flags: frozenset[str]) -> guards.Guard | None:
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

    def _guard_offset(self, path: tuple) -> int:
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

    def reference(self, path: tuple, key: str, value: Any, names: Vocabulary) -> None:
        """`start`, `next` or `on_timeout` must name a node of the scenario."""
        if isinstance(value, bool):  # `next: yes` / `no` / `on` / `off`: YAML reads them as true or false
            self.error(path, msg("load.ref_bool", key=key, found=str(value).lower(), example=f'{key}: "yes"'))
        elif not isinstance(_ref(value), str) or _ref(value) not in names:
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


def parse(raw: bytes | str, file: str, known_principles: frozenset[str] | None = None,
          check_lang: str | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Parse and validate; return the scenario (None if any error) and every problem found."""
    if known_principles is None:
        from scoring.catalogue import load_catalogue
        known_principles = load_catalogue().ids()
    doc, problems = read(raw, file)
    if doc is None:
        return None, problems
    reader = _ScenarioReader(doc, known_principles, check_lang)
    reader.problems.extend(problems)
    with collector.paused():  # the model is acyclic too: see simulator.format.collector
        scenario = reader.scenario()
    return scenario, sorted(reader.problems)


def load_text(text: bytes | str, name: str = "<text>", known_principles: frozenset[str] | None = None) -> Scenario:
    scenario, problems = parse(text, name, known_principles)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def load(path: str | Path, known_principles: frozenset[str] | None = None) -> Scenario:
    """Load a scenario file; raise ScenarioError listing every located problem."""
    p = Path(path)
    raw = read_file(p)
    if isinstance(raw, Problem):
        raise ScenarioError([raw])
    scenario = load_text(raw, str(p), known_principles)
    object.__setattr__(scenario, "path", p)
    return scenario
