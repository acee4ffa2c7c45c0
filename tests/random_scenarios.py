"""Small random scenarios for the property tests of the scorer and of the score ranges, and a
brute-force enumeration of their plays written without the engine's or the searches' code.

A generated scenario has a few choice nodes (n0 is the start), one to three endings, one to three
choices per node whose `next` may go back (loops), random applies / violates among four catalogue
principles of weights 1 and 2, meters moved in steps of 25 (so a meter only takes five values and
the plays stay few), set / unset flags, guards on meters and flags, sometimes a time limit, and
sometimes variants. It is built as a dict (`scenario_dicts`), written as JSON (which is YAML) and
read by the real loader (`to_scenario`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from hypothesis import strategies as st

from simulator.format.loader import load_text
from simulator.format.model import Scenario
from simulator.play.record import PlayRecord, Step

PRINCIPLES = ("listen", "courtesy", "apologize", "own-it")  # catalogue weights 1, 1, 2, 2
FLAGS = ("fa", "fb", "fc")
LEVELS = (0, 25, 50, 75, 100)
DELTAS = (-50, -25, 25, 50)
OUTCOMES = ("won", "kept", "lost")


def _guard(rnd: random.Random, meters: tuple[str, ...], flags: list[str]) -> str | None:
    kinds = (["meter"] if meters else []) + (["flag", "not-flag"] if flags else [])
    if not kinds:
        return None
    atoms = []
    for _ in range(rnd.randint(1, 2)):
        kind = rnd.choice(kinds)
        if kind == "meter":
            op = rnd.choice(("<", "<=", ">", ">=", "==", "!="))
            atoms.append(f"{rnd.choice(meters)} {op} {rnd.choice(LEVELS + (30, 60))}")
        else:
            f = rnd.choice(flags)
            atoms.append(f if kind == "flag" else f"not {f}")
    return f" {rnd.choice(('and', 'or'))} ".join(atoms)


def _some(rnd: random.Random, pool, most: int, least: int = 0) -> list:
    return rnd.sample(list(pool), rnd.randint(least, min(most, len(pool))))


def _text(rnd: random.Random, words: str):
    """A choice text of a random length, in French only or in French and English."""
    fr = words + " …" * rnd.randint(0, 4)
    return fr if rnd.random() < 0.5 else {"fr": fr, "en": words.upper() + " ." * rnd.randint(0, 4)}


def scenario_dict(rnd: random.Random, max_nodes: int = 4, max_choices: int = 3, timers: bool = True,
                  variants: bool = True, guards: bool = True, meters: bool = True) -> dict:
    """A random scenario as the dict of its file (see the module's docstring)."""
    n = rnd.randint(1, max_nodes)
    names = [f"n{i}" for i in range(n)]
    ends = [f"e{i}" for i in range(rnd.randint(1, 3))]
    meter_ids: tuple[str, ...] = rnd.choice(((), ("m",), ("m", "p"))) if meters else ()
    doc: dict = {"format": "litige/1", "id": "gen", "title": "gen", "pass_score": rnd.choice((0, 50, 70, 100)),
                 "start": "n0"}
    if meter_ids:
        doc["meters"] = {m: {"start": rnd.choice(LEVELS)} for m in meter_ids}
    nodes: dict = {}
    all_choices: list[dict] = []
    for nid in names:
        choices = []
        for i in range(rnd.randint(1, max_choices)):
            applies = _some(rnd, PRINCIPLES, 2)
            violates = _some(rnd, [p for p in PRINCIPLES if p not in applies], 2)
            c: dict = {"text": _text(rnd, f"{nid} answer {i + 1}"), "next": rnd.choice(names + ends)}
            if applies:
                c["applies"] = applies
            if violates:
                c["violates"] = violates
            if applies or violates:
                c["feedback"] = "why"
            moved = _some(rnd, meter_ids, 2)
            if moved:
                c["effects"] = {m: rnd.choice(DELTAS) for m in moved}
            for key in ("set", "unset"):
                if rnd.random() < 1 / 3:
                    c[key] = _some(rnd, FLAGS, 2, 1)
            choices.append(c)
        node: dict = {"text": f"{nid} says", "choices": choices}
        if timers and rnd.random() < 1 / 4:
            node["time_limit"] = 10
            node["on_timeout"] = rnd.choice(names + ends)
        nodes[nid] = node
        all_choices.extend(choices)
    for e in ends:
        nodes[e] = {"text": f"{e} ends", "ending": {"outcome": rnd.choice(OUTCOMES), "title": e}}
    doc["nodes"] = nodes
    if variants and rnd.random() < 1 / 3:
        vs = []
        for i in range(rnd.randint(1, 3)):
            v: dict = {"id": f"v{i}", "weight": rnd.randint(1, 3)}
            on = _some(rnd, FLAGS, 2)
            if on:
                v["set"] = on
            if meter_ids and rnd.random() < 0.5:
                v["meters"] = {m: rnd.choice(LEVELS) for m in meter_ids}
            vs.append(v)
        doc["variants"] = vs
    known = sorted({f for c in all_choices for k in ("set", "unset") for f in c.get(k, ())}
                   | {f for v in doc.get("variants", ()) for f in v.get("set", ())})
    if guards:
        for c in all_choices:
            if rnd.random() < 1 / 3:
                g = _guard(rnd, meter_ids, known)
                if g:
                    c["when"] = g
    return doc


def scenario_dicts(**kw) -> st.SearchStrategy[dict]:
    """Random scenarios for hypothesis, drawn from a seed (cheap to draw: one number per example;
    a failing example is printed as the whole dict)."""
    return st.integers(0, 2**32 - 1).map(lambda seed: scenario_dict(random.Random(seed), **kw))


_KNOWN: list[frozenset[str]] = []


def to_scenario(doc: dict, name: str = "gen.yaml") -> Scenario:
    if not _KNOWN:  # the catalogue's ids, read once (not once per example)
        from scoring.catalogue import load_catalogue
        _KNOWN.append(load_catalogue().ids())
    return load_text(json.dumps(doc, ensure_ascii=False), name, _KNOWN[0])


def clamp(v: int) -> int:
    return max(0, min(100, v))


class TooLong(Exception):
    """The enumeration went past its depth or its count of plays."""


@dataclass
class Plays:
    """Every play of one variant, as (ending, record, picks), and the nodes where some reachable
    state offers only choices that violate a principle."""

    ended: list[tuple[str, PlayRecord, tuple[str, ...]]] = field(default_factory=list)
    forced: set[str] = field(default_factory=set)


def enumerate_plays(s: Scenario, variant: str | None = None, *, depth: int = 14, cap: int = 4000) -> Plays:
    """Every play from the start to an ending, depth first, as records the scorer can score.

    Written from the format's page, not from the engine: offered = the choices whose guard holds;
    a choice adds its effects to the meters (each clamped to 0..100), then turns its `unset` flags
    off and its `set` flags on; a time-out moves to `on_timeout` and changes nothing else. A play
    that comes back to a state it was in before (same node, meters, flags and set of nodes already
    decided at) is cut there: the steps in between were all at nodes decided at before, so they
    weigh nothing, and what follows is what follows the first time; the plays that go on from the
    first time are enumerated anyway. Raises TooLong past `depth` steps or `cap` plays."""
    v = s.variant(variant)
    out = Plays()
    steps: list[Step] = []
    picks: list[str] = []
    on_path: set = set()
    count = [0]

    def walk(nid: str, meters: dict[str, int], flags: frozenset[str], visited: frozenset[str]) -> None:
        key = (nid, tuple(sorted(meters.items())), flags, visited)
        if key in on_path:
            return
        node = s.nodes[nid]
        if node.ending is not None:
            count[0] += 1
            if count[0] > cap:
                raise TooLong()
            out.ended.append((nid, PlayRecord(s.id, s.start, tuple(steps), variant=variant), tuple(picks)))
            return
        if len(steps) >= depth:
            raise TooLong()
        offered = [c for c in node.choices if c.when is None or c.when.evaluate(meters, flags)]
        if offered and all(c.violates for c in offered):
            out.forced.add(nid)
        options = [(str(i + 1), c) for i, c in enumerate(offered)]
        if node.time_limit and node.on_timeout:
            options.append(("t", None))
        on_path.add(key)
        ids = tuple(c.id for c in offered)
        for pick, c in options:
            if c is None:
                new_meters, new_flags, nxt = meters, flags, node.on_timeout
            else:
                new_meters = {m: clamp(x + c.effects.get(m, 0)) for m, x in meters.items()}
                new_flags = (flags - frozenset(c.unset)) | frozenset(c.set)
                nxt = c.next
            steps.append(Step(nid, ids, c.id if c else None, nxt, dict(meters), new_meters,
                              tuple(sorted(flags)), tuple(sorted(new_flags)), timed_out=c is None))
            picks.append(pick)
            walk(nxt, new_meters, new_flags, visited | {nid})
            steps.pop()
            picks.pop()
        on_path.discard(key)

    walk(s.start, dict(s.start_meters(v)), frozenset(s.start_flags(v)), frozenset())
    return out


def variant_ids(s: Scenario) -> list[str | None]:
    return [v.id for v in s.variants] or [None]
