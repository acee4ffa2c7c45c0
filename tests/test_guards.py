from __future__ import annotations

import pytest

from simulator.format.guards import And, Compare, Flag, GuardSyntaxError, Not, Or, leaves, parse


def test_comparison_and_flags_with_precedence():
    g = parse("trust >= 50 and listened or not angry")
    assert g == Or(And(Compare("trust", ">=", 50, 0), Flag("listened", 16)), Not(Flag("angry", 32)))


@pytest.mark.parametrize("text, meters, flags, expected", [
    ("trust >= 50", {"trust": 50}, set(), True),
    ("trust > 50", {"trust": 50}, set(), False),
    ("trust < 10 or calm == 3", {"trust": 50, "calm": 3}, set(), True),
    ("trust != 50", {"trust": 50}, set(), False),
    ("trust <= -1", {"trust": 0}, set(), False),
    ("not (a and b)", {}, {"a"}, True),
    ("not (a and b)", {}, {"a", "b"}, False),
    ("a and (b or c)", {}, {"a", "c"}, True),
    ("not not a", {}, {"a"}, True),
    ("x-y", {}, {"x-y"}, True),
])
def test_evaluation(text, meters, flags, expected):
    assert parse(text).evaluate(meters, flags) is expected


@pytest.mark.parametrize("text, pos, fragment", [
    ("", 0, "empty"),
    ("trust >=", 8, "integer"),
    ("trust >= high", 9, "integer"),
    ("a b", 2, "join"),
    ("(a and b", 8, "')'"),
    ("a and", 5, "found end"),
    ("5 > trust", 0, "found '5'"),
    ("a && b", 2, "unexpected character"),
    ("a = 3", 2, "unexpected character"),
    ("__import__('os')", 11, "unexpected character"),
])
def test_syntax_errors_are_located(text, pos, fragment):
    with pytest.raises(GuardSyntaxError) as info:
        parse(text)
    assert info.value.pos == pos
    assert fragment in info.value.message


def test_leaves_lists_every_name():
    assert [getattr(x, "meter", getattr(x, "name", None)) for x in leaves(parse("a and (t > 1 or not b)"))] == ["a", "t", "b"]


@pytest.mark.parametrize("text, pos, fragment", [
    ("(" * 30 + "a" + ")" * 30, 20, "nested too deeply (more than 20 levels"),
    ("not " * 30 + "a", 80, "nested too deeply"),
    ("(not " * 11 + "a" + ")" * 11, 50, "nested too deeply"),
    ("(" * 300 + "a" + ")" * 300, 200, "guard is too long (more than 200 words and symbols)"),
    (" and ".join(["a"] * 500), 600, "guard is too long (more than 200 words and symbols)"),
], ids=["parens", "nots", "mixed", "300-parens", "500-ands"])
def test_huge_guards_are_located_errors_not_crashes(text, pos, fragment):
    with pytest.raises(GuardSyntaxError) as info:
        parse(text)
    assert info.value.pos == pos
    assert fragment in info.value.message


def test_guards_up_to_the_bounds_parse_and_evaluate():
    deep = "(" * 20 + "a" + ")" * 20
    assert parse(deep).evaluate({}, {"a"}) is True
    long = " and ".join(["a"] * 100)  # 199 tokens
    g = parse(long)
    assert g.evaluate({}, {"a"}) is True and len(leaves(g)) == 100
    hash(g)
