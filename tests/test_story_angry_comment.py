"""The angry-comment story, played through the CLI as a user would (subprocess, JSON and text output)."""

from __future__ import annotations

import pytest

from conftest import assert_debrief_names_violated, play_json, run_cli


SCENARIO = "angry-comment"
# Check quietly who he is, read the file as a genuine complaint, answer in public as a person
# with thanks and a direct line, ask about what the file does not say, admit and thank, then fix
# the chain that produced the complaint before closing.
GOOD = "3,1,2,1,3,2,1"


def test_check_strict_english_is_clean():
    proc = run_cli("check", "--strict", "--lang", "en", f"scenarios/{SCENARIO}.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_good_practice_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD)
    assert out["ending"] == {"node": "fin-gagnee", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("complaint-is-a-gift", "check-authenticity", "be-human", "listen", "apologize",
                "own-it", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid


@pytest.mark.parametrize("picks, warned", [
    ("4,2", "be-human"),                   # the approved template, then "please use the form" again
    ("1,1", "complaint-is-a-gift"),        # the comment hidden, then left hidden
    ("2,2", "check-authenticity"),         # "prove you are a customer" in public, then arguing the facts
    ("3,1,3,1", "listen"),                 # a discount code to a man who said it was not the price
])
def test_corporate_reflexes_lose_the_customer(picks, warned):
    out = play_json(SCENARIO, picks)
    assert out["ending"]["outcome"] == "lost"
    assert out["passed"] is False
    assert out["principles"][warned] == "violated"


def test_a_refund_without_fixing_the_cause_only_keeps_him():
    out = play_json(SCENARIO, "3,1,2,1,3,3,1")
    assert out["ending"]["outcome"] == "kept"
    assert out["principles"]["fix-the-cause"] == "missed"


def test_dropping_the_script_loops_back_to_the_private_conversation():
    out = play_json(SCENARIO, "3,1,2,2,2,1,3,2,1")
    nodes = [s["node"] for s in out["steps"]]
    assert nodes.count("message-prive") == 2 and "robot" in nodes
    assert out["principles"]["be-human"] == "violated"
    assert out["ending"]["outcome"] in ("won", "kept")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_hiding_the_comment_names_the_principle_in_words(lang):
    assert_debrief_names_violated(SCENARIO, "1,1", lang, "complaint-is-a-gift")  # hidden, then left hidden
