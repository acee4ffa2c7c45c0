"""A play's compact keys, kept on its plays row so that a report, a profile or the learning gain
reads one row per play: plays.choice_keys (node and choice of each step) and plays.verdict_keys
(principle and verdict), each key two halves joined by char(31), keys joined by char(30)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from simulator.play.record import Step
from simulator.results.store.encoding import VERDICT_WORDS, Unreadable

if TYPE_CHECKING:
    from scoring.scorer import Judgement

KEY_SEP, PAIR_SEP = "\x1f", "\x1e"  # char(31) between the two halves of a key, char(30) between keys


def choice_keys(steps: Sequence[Step]) -> str:
    return PAIR_SEP.join(f"{s.node}{KEY_SEP}{s.chosen or ''}" for s in steps)


def verdict_keys(judgements: Mapping[str, Judgement]) -> str:
    return PAIR_SEP.join(f"{pid}{KEY_SEP}{verdict_word(j)}" for pid, j in judgements.items())


def verdict_word(judgement: Judgement) -> str:
    return str(getattr(judgement.verdict, "value", judgement.verdict))


def read_verdict_keys(keys: str) -> dict[str, str]:
    """A play's compact verdict keys (plays.verdict_keys) as principle → verdict."""
    out = {}
    for key in keys.split(PAIR_SEP) if keys else ():
        principle, sep, verdict = key.partition(KEY_SEP)
        if not sep or verdict not in VERDICT_WORDS:
            raise Unreadable("plays.verdict_keys holds a verdict that is none of mastered, partial, missed, violated")
        out[principle] = verdict
    return out


def nodes(keys: str | None) -> tuple[str, ...]:
    """The node of each step, in order, from a play's compact choice keys."""
    return tuple(k.partition(KEY_SEP)[0] for k in keys.split(PAIR_SEP)) if keys else ()


def count(keys: Iterable[str]) -> Counter[str]:
    """How many times each key occurs over many plays' keys: one join and one split for them all,
    then Counter counts in C."""
    joined = list(keys)
    return Counter(PAIR_SEP.join(joined).split(PAIR_SEP)) if joined else Counter()


def halves(key: str) -> tuple[str, str]:
    """A key's two halves: (node, choice) or (principle, verdict)."""
    first, _, second = key.partition(KEY_SEP)
    return first, second
