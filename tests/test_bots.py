"""Bots that do not read pass no shipped story (issue 13: "a player who always picks the longest
text wins three stories without reading"). For each shipped story and each of its variants: bots
that always pick the longest answer or the shortest (as shown in French, and in English), or
always the same place (1st to 4th, or the last), play the story through the engine to its end;
the play must not pass (scoring.scorer.score). A bot that goes round a loop for ever, or gets
stuck, does not pass either. (The one place where bots are tested for every story.)"""

from __future__ import annotations

import pytest

import scenarios
from scoring.catalogue import load_catalogue
from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play

SHIPPED = scenarios.shipped()
MAX_STEPS = 200


def longest(lang: str):
    def pick(offered) -> int:
        lengths = [len(c.text.get(lang)) for c in offered]
        return lengths.index(max(lengths))  # the first of the longest
    pick.__name__ = f"longest-{lang}"
    return pick


def shortest(lang: str):
    def pick(offered) -> int:
        lengths = [len(c.text.get(lang)) for c in offered]
        return lengths.index(min(lengths))
    return pick


def place(k: int):
    """The k-th answer offered (0-based), or the last when fewer are offered."""
    return lambda offered: min(k, len(offered) - 1)


def first(offered) -> int:
    return 0


def last(offered) -> int:
    return len(offered) - 1


BOTS = {"longest-fr": longest("fr"), "longest-en": longest("en"), "shortest-fr": shortest("fr"),
        "shortest-en": shortest("en"), "first": first, "second": place(1), "third": place(2), "fourth": place(3),
        "last": last}


def bot_play(s, variant: str | None, pick) -> Play:
    play = Play(s, variant=variant, clock=lambda: 0.0, play_id=f"bot-{variant}")
    for _ in range(MAX_STEPS):
        if play.finished:
            break
        offered = play.offered()
        if offered:
            play.choose(pick(offered))
        elif play.node.on_timeout:
            play.timeout()
        else:
            break
    return play


@pytest.mark.parametrize("bot", sorted(BOTS))
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_bot_that_does_not_read_passes_no_story(path, bot):
    s = load(path)
    catalogue = load_catalogue()
    passing = []
    for variant in [v.id for v in s.variants] or [None]:
        play = bot_play(s, variant, BOTS[bot])
        if not play.finished:
            continue  # looping for ever or stuck: no ending, no pass
        r = score(s, play.record, catalogue)
        if r.passed:
            picks = ",".join(str(step.offered.index(step.chosen) + 1) for step in play.record.steps)
            passing.append(f"variant {variant}: --choices {picks} ends {r.ending} ({r.outcome}) scoring {r.scaled}")
    assert not passing, f"{s.id}: the {bot} bot passes: " + "; ".join(passing)


def test_the_bots_pick_what_they_say():
    s = load(SHIPPED[0])
    offered = s.nodes[s.start].choices
    for lang in ("fr", "en"):
        i = BOTS[f"longest-{lang}"](offered)
        assert all(len(offered[i].text.get(lang)) >= len(c.text.get(lang)) for c in offered)
    assert first(offered) == 0
