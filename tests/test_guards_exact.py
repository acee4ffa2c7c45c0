"""The guard language to the letter: whole error messages (an author reads them in `litige
check`), the offsets of every leaf, meters reaching every sub-expression, and the nesting bound
counted per branch (a `not` or a parenthesis closed gives its level back). Written to kill the
mutants bench/mutation.py found alive in simulator/format/guards.py."""

from __future__ import annotations

import pytest

from simulator.format.guards import MAX_DEPTH, Compare, Flag, GuardSyntaxError, leaves, parse


@pytest.mark.parametrize("text, message", [
    ("", "empty guard"),
    ("   ", "empty guard"),
    ("trust >=", "expected an integer after '>=', found end of guard"),
    ("trust >= and calm", "expected an integer after '>=', found 'and'"),
    ("(a and b", "expected ')', found end of guard"),
    ("(a and b c", "expected ')', found 'c'"),
    ("a b", "unexpected 'b'; join conditions with 'and' or 'or'"),
    ("a or", "expected a meter comparison, a flag, 'not' or '(', found end of guard"),
    ("a or )", "expected a meter comparison, a flag, 'not' or '(', found ')'"),
    ("a && b", "unexpected character '&' in guard"),
    ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1),
     "guard nested too deeply (more than 20 levels of parentheses and 'not')"),
    (" and ".join(["a"] * 101),
     "guard is too long (more than 200 words and symbols); split it with a flag set by an earlier choice"),
])
def test_syntax_errors_say_exactly_what_is_wrong(text, message):
    with pytest.raises(GuardSyntaxError) as info:
        parse(text)
    assert info.value.message == message
    assert str(info.value) == message


def test_trailing_and_leading_spaces_are_ignored():
    assert parse("  trust >= 5   ") == Compare("trust", ">=", 5, 2)
    assert parse("a and b \t ") == parse("a and b")


def test_every_leaf_knows_its_offset():
    assert leaves(parse("a and (trust > 1 or not b)")) == [Flag("a", 0), Compare("trust", ">", 1, 7), Flag("b", 24)]
    assert leaves(parse("x-y != +3"))[0].pos == 0


@pytest.mark.parametrize("text, meters, flags, expected", [
    ("not trust < 10", {"trust": 5}, set(), False),
    ("not trust < 10", {"trust": 15}, set(), True),
    ("trust > 1 and calm", {"trust": 2}, {"calm"}, True),
    ("calm and trust > 1", {"trust": 2}, {"calm"}, True),
    ("calm and trust > 1", {"trust": 1}, {"calm"}, False),
    ("trust > 1 or calm < 0", {"trust": 0, "calm": -1}, set(), True),
    ("trust > 1 or calm < 0", {"trust": 2, "calm": 0}, set(), True),
])
def test_meters_reach_every_branch(text, meters, flags, expected):
    assert parse(text).evaluate(meters, flags) is expected


DEEP = "(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH
TOO_DEEP = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1)
NOTS = "not " * MAX_DEPTH + "a"
TOO_MANY_NOTS = "not " * (MAX_DEPTH + 1) + "a"


@pytest.mark.parametrize("before", ["not a and ", "(a) and ", "not (not a) and ", "((a)) or "])
def test_a_closed_not_or_parenthesis_gives_its_level_back(before):
    assert leaves(parse(before + DEEP))[-1] == Flag("a", len(before) + MAX_DEPTH)
    assert leaves(parse(before + NOTS))[-1] == Flag("a", len(before) + 4 * MAX_DEPTH)
    for bad in (TOO_DEEP, TOO_MANY_NOTS):
        with pytest.raises(GuardSyntaxError, match="nested too deeply"):
            parse(before + bad)


def test_side_by_side_nesting_does_not_add_up():
    many = " and ".join(["not a"] * (MAX_DEPTH + 5))
    assert parse(many).evaluate({}, set()) is True
    many = " and ".join(["(a)"] * (MAX_DEPTH + 5))
    assert parse(many).evaluate({}, {"a"}) is True
