"""Property tests: the loader never fails with anything but its own error; the engine never
crashes and keeps meters within 0..100 whatever the choices."""

from __future__ import annotations

from functools import cache

import yaml
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scenarios
from scoring.catalogue import load_catalogue
from scoring.scorer import score
from simulator.format.errors import ScenarioError
from simulator.format.loader import load, load_text
from simulator.format.model import Scenario
from simulator.play.engine import Play

KNOWN = frozenset({"listen", "courtesy"})


def _load_or_error(data: bytes | str) -> None:
    try:
        result = load_text(data, "fuzz.yaml", KNOWN)
    except ScenarioError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems)
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _load_or_error(data)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), st.text(max_size=12),
                    st.sampled_from(["litige/1", "a", "fin", "won", "lost", "listen", "trust >= 3", "t and"]))
keys = st.sampled_from(["format", "id", "title", "start", "nodes", "text", "choices", "next", "ending",
                        "outcome", "applies", "effects", "meters", "when", "set", "time_limit", "on_timeout",
                        "a", "fin", "start", "label", "speaker", "lang", "fr", "en"])
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)), max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_yaml_documents(doc):
    _load_or_error(yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(base=st.fixed_dictionaries({
    "format": st.just("litige/1"), "id": st.just("x"), "title": st.just("x"), "start": st.just("a"),
    "nodes": st.just({"a": {"text": "t", "choices": [{"text": "c", "next": "b"}]},
                      "b": {"text": "t", "ending": {"outcome": "won", "title": "e"}}}),
}), extra=st.dictionaries(st.sampled_from(["meters", "pass_score", "difficulty", "lang", "tags", "summary"]),
                          scalars, max_size=3))
def test_near_valid_documents(base, extra):
    _load_or_error(yaml.safe_dump({**base, **extra}, allow_unicode=True))


# -- YAML text the safe dumper never writes: tags on keys and values (standard and custom),
# merge keys, deep nesting, escapes of control characters, and long or deeply nested guards.

TAGS = ["", "", "", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "!!timestamp ", "!!binary ", "!!map ",
        "!!seq ", "!foo ", "!!python/name:os.system ", "!<tag:yaml.org,2002:int> "]
words = st.sampled_from(["x", "a", "fin", "won", "3", "-1", "1.5", "yes", "null", "2020-01-01", "trust", "listen",
                         '"x"', '""', '"\\e[31m"', '"\\x07"', '"\\u202e"', '"\\0"', "'q'", "litige/1"])


def _guard(draw) -> str:
    kind = draw(st.integers(0, 3))
    n = draw(st.integers(1, 700))
    if kind == 0:
        return "(" * n + "a" + ")" * n
    if kind == 1:
        return " and ".join(["a"] * n)
    if kind == 2:
        return "not " * n + "a"
    return " or ".join(f"(trust >= {i} and not a)" for i in range(n))


@st.composite
def flow_values(draw, depth: int = 0) -> str:
    kind = draw(st.integers(0, 6 if depth < 3 else 1))
    tag = draw(st.sampled_from(TAGS))
    if kind == 0:
        return tag + draw(words)
    if kind == 1:
        return f'"{_guard(draw)}"'
    if kind == 2:
        n = draw(st.integers(1, 800))
        return "[" * n + "]" * n if draw(st.booleans()) else "{a: " * n + "x" + "}" * n
    if kind in (3, 4):
        items = draw(st.lists(flow_values(depth + 1), max_size=3))
        return tag + "[" + ", ".join(items) + "]"
    pairs = draw(st.lists(st.tuples(flow_keys(), flow_values(depth + 1)), max_size=3))
    return tag + "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


@st.composite
def flow_keys(draw) -> str:
    if draw(st.integers(0, 5)) == 0:
        return "<<"
    return draw(st.sampled_from(TAGS)) + draw(st.sampled_from(
        ["format", "id", "title", "start", "nodes", "a", "e", "text", "choices", "next", "when", "meters", "1"]))


BASE = """format: litige/1
id: x
title: x
meters: {trust: {start: 10}}
start: a
nodes:
  a:
    text: t
    choices:
      - {text: c, next: e, set: [a]}
  e:
    text: t
    ending: {outcome: won, title: e}
"""


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(flow_keys(), flow_values()), min_size=1, max_size=5), st.booleans())
def test_yaml_text_with_tags_merge_keys_deep_nesting_and_long_guards(pairs, after_valid):
    text = "".join(f"{k}: {v}\n" for k, v in pairs)
    _load_or_error(BASE + text if after_valid else text)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_long_and_deep_guards_in_a_valid_scenario(data):
    guard = _guard(data.draw)
    _load_or_error(BASE.replace("set: [a]}", f"set: [a]}}\n      - {{text: d, next: e, when: \"{guard}\"}}"))


@cache
def _catalogue():
    return load_catalogue()


@cache
def _scenarios():
    """Loaded once for the whole run (scenarios are immutable): each example only plays."""
    return [load(p) for p in scenarios.shipped()] + [load(FIXTURES / "loop-timer.yaml")]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_plays_never_crash_and_meters_stay_in_range(data):
    for scenario in _scenarios():
        variants = [v.id for v in scenario.variants] or [None]
        play = Play(scenario, clock=lambda: 0.0, variant=data.draw(st.sampled_from(variants)))
        for _ in range(60):
            if play.finished or play.stuck:
                break
            offered = play.offered()
            moves = len(offered) + (1 if play.node.on_timeout else 0)
            pick = data.draw(st.integers(0, moves - 1))
            if pick < len(offered):
                play.choose(pick)
            else:
                play.timeout()
            assert all(0 <= v <= 100 for v in play.meters.values())
            if data.draw(st.integers(0, 9)) == 0 and play.record.steps:
                play.rewind(data.draw(st.integers(0, len(play.record.steps) - 1)))
        if play.finished:
            r = score(scenario, play.record, _catalogue())
            assert r.scaled is None or 0 <= r.scaled <= 100
            assert 0 <= r.raw <= r.max and r.passed == (r.scaled is not None and r.scaled >= scenario.pass_score
                                                         and r.outcome != "lost")


@given(st.text(max_size=12))
def test_fast_tag_resolver_agrees_with_pyyaml(value):
    """The loader's shortcut for prose scalars resolves every plain scalar as PyYAML would."""
    from yaml.nodes import ScalarNode

    from simulator.format.yaml_reader import _Base, _Loader

    fast, slow = _Loader(""), _Base("")
    for implicit in ((True, False), (False, True)):
        assert fast.resolve(ScalarNode, value, implicit) == slow.resolve(ScalarNode, value, implicit)
