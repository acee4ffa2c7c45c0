"""YAML file → validated Scenario, or every located problem of the file in one pass.

The scenario's own fields (meters, variants, customer, source, principles) are read here; its
nodes by simulator.format.node_reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.format import gc_pause
from simulator.format.errors import Problem, ScenarioError
from simulator.format.fields import Vocabulary, hint
from simulator.format.model import Customer, Meter, Node, Principle, Scenario, Variant
from simulator.format.node_reader import NodeReader, node_ref
from simulator.format.text import LANG, Source, Text
from simulator.format.yaml_reader import Doc, Path_, read, read_file
from simulator.lang.messages_check import Lit, Q, V, msg

FORMAT = "litige/1"
TOP_REQUIRED = ("format", "id", "title", "start", "nodes")
TOP_OPTIONAL = ("lang", "summary", "role", "customer", "source", "difficulty", "pass_score", "meters",
                "principles", "tags", "variants")
METER_KEYS = ("start", "label", "moods")
CUSTOMER_KEYS = ("name", "description")
VARIANT_KEYS = ("id", "weight", "set", "meters", "reveal")


class _ScenarioReader(NodeReader):
    def __init__(self, doc: Doc, known_principles: frozenset[str], check_lang: str | None):
        data = doc.data if isinstance(doc.data, dict) else {}
        lang = data.get("lang", "fr")
        super().__init__(doc, lang if isinstance(lang, str) and LANG.match(lang) else "fr", check_lang,
                         known_principles)

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
            id=sid, lang=self.lang, title=title, start=node_ref(top["start"]), nodes=nodes,
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

    def moods(self, value: Any, path: Path_) -> tuple[tuple[int, Text], ...] | None:
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
            starts = self.variant_starts(m["meters"], path + ("meters",), meters) if "meters" in m else {}
            reveal = self.text(m["reveal"], path + ("reveal",), "reveal") if "reveal" in m else None
            if vid is None or weight is None:
                continue
            seen.add(vid)
            out.append(Variant(vid, float(weight), tuple(flags), starts, reveal))
        return tuple(out)

    def variant_starts(self, value: Any, path: Path_, meters: dict[str, Meter]) -> dict[str, int]:
        """A variant's start values, each of a declared meter, 0..100."""
        starts: dict[str, int] = {}
        sm = self.mapping(value, path, "meters")
        for mid, v in (sm or {}).items():
            if mid not in meters:
                if mid not in self.declared_meters:
                    self.error(path + (mid,), msg("load.variant_meter", meter=Q(mid), hint=hint(str(mid), meters)),
                               key=True)
                continue
            start = self.integer(v, path + (mid,), "start", 0, 100)
            if start is not None:
                starts[str(mid)] = start
        return starts

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
    with gc_pause.paused():  # the model is acyclic too: see simulator.format.gc_pause
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
