"""The shrunken-sweater story, played through the CLI as a user would (subprocess, JSON and text output)."""

from __future__ import annotations

import pytest
from conftest import assert_debrief_names_violated, play_json, run_cli


SCENARIO = "shrunken-sweater"
# Acknowledge and listen, look at the label together, own the shop's share and apologise, offer
# a choice of remedies, give washing advice without a lecture, report the flawed batch.
GOOD = "3,2,4,1,3,2"
# The source's play: "it can't shrink, you got the temperature wrong", then standing by it.
SOURCE_BAD = "2,3"
# The accusation, taken back at once ("I spoke too fast"), then everything right.
RECOVERED = "2,2,2,4,1,3,2"
# A polite "shop rule" first, then the shop's share, then everything right.
RULE_FIRST = "4,1,4,1,3,2"


def test_check_strict_english_is_clean():
    proc = run_cli("check", "--strict", "--lang", "en", f"scenarios/{SCENARIO}.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr


def test_good_practice_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD)
    assert out["ending"] == {"node": "fin-fidele", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("empathize", "listen", "own-it", "apologize", "no-blame", "courtesy",
                "fair-remedy", "offer-options", "educate-kindly", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid


def test_the_source_play_is_lost_and_violates_no_blame():
    out = play_json(SCENARIO, SOURCE_BAD)
    assert out["ending"] == {"node": "fin-perdue", "outcome": "lost"}
    assert out["passed"] is False
    assert out["principles"]["no-blame"] == "violated"
    assert out["principles"]["courtesy"] == "violated"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_source_play_names_no_blame_in_words(lang):
    assert_debrief_names_violated(SCENARIO, SOURCE_BAD, lang, "no-blame")


def test_taking_the_accusation_back_still_wins_but_does_not_pass():
    out = play_json(SCENARIO, RECOVERED)
    assert [s["node"] for s in out["steps"]][:3] == ["accueil", "escalade", "recit"]
    assert out["ending"]["outcome"] == "won"
    assert out["passed"] is False
    assert out["principles"]["no-blame"] == "violated"
    assert out["principles"]["apologize"] == "mastered"


def test_hiding_behind_a_rule_violates_own_it_and_fails():
    out = play_json(SCENARIO, RULE_FIRST)
    assert out["principles"]["own-it"] == "violated"
    assert out["passed"] is False
    assert out["score"]["scaled"] < play_json(SCENARIO, GOOD)["score"]["scaled"]
