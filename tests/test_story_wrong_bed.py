"""The wrong-bed story, played through the CLI as a user would (subprocess, JSON and text output)."""

from __future__ import annotations

import pytest
from conftest import assert_debrief_names_violated, play_json, run_cli


SCENARIO = "wrong-bed"
# Yannick announces the mistake calmly and owns it, listens, brings the old bed back up, tells
# dispatch himself, calls the desk from the landing; Sophie checks what Yannick told her, gives a
# priority slot for the next day, deletes the second delivery charge herself, reports the cause.
GOOD = "2,3,2,1,3,1,1,4,2"
# The source's play: the delivery man's temper, "too late, madam", the desk that insists on a
# visit to the store, a week's wait, the delivery charged again and maintained.
SOURCE_BAD = "1,1,1,1,1,1,1,1,3,1,2"
# Everything right at the door, then the desk takes the first ordinary slot a week away.
WEEK_WAIT = "2,3,2,1,3,1,3,4,1"
# As GOOD, but Yannick gives in to Franck: the old bed is left in pieces in the hall.
BED_IN_PIECES = "2,3,2,3,3,1,1,4,1"
# Reassuring words at the door, and the van leaves with the old bed; the desk then does well.
VAN_LEAVES_WITH_THE_BED = "2,2,3,1,1,4,1"
# As GOOD, but the file is closed without reporting the cause.
CAUSE_UNTOUCHED = "2,3,2,1,3,1,1,4,1"


def test_check_strict_english_is_clean():
    proc = run_cli("check", "--strict", "--lang", "en", f"scenarios/{SCENARIO}.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_good_practice_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD)
    assert out["ending"] == {"node": "fin-confiance", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("courtesy", "spare-effort", "no-charge", "respond-fast", "empower-front-line",
                "fix-the-cause", "listen", "empathize"):
        assert out["principles"][pid] == "mastered", pid


def test_the_source_play_is_lost_and_names_what_the_source_warns_about():
    out = play_json(SCENARIO, SOURCE_BAD)
    assert out["ending"]["outcome"] == "lost"
    assert out["passed"] is False
    assert out["principles"]["courtesy"] == "violated"
    assert out["principles"]["spare-effort"] == "violated"
    assert out["principles"]["no-charge"] == "violated"
    # the calming-down loop was taken three times before the file could be opened
    assert [s["node"] for s in out["steps"]].count("tension") == 4


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_source_play_names_the_principles_in_words(lang):
    assert_debrief_names_violated(SCENARIO, SOURCE_BAD, lang, "no-charge", "spare-effort", "courtesy")


def test_a_week_long_wait_only_keeps_the_customer():
    out = play_json(SCENARIO, WEEK_WAIT)
    assert out["ending"]["outcome"] == "kept"
    assert out["principles"]["respond-fast"] == "violated"
    assert out["score"]["scaled"] < play_json(SCENARIO, GOOD)["score"]["scaled"]


def test_leaving_the_old_bed_in_pieces_violates_spare_effort_and_does_not_win():
    out = play_json(SCENARIO, BED_IN_PIECES)
    assert "ceder" in [s["chosen"] for s in out["steps"]]
    assert out["principles"]["spare-effort"] == "violated"
    assert out["ending"]["outcome"] != "won"  # the won ending says she spent no night without a bed


def test_a_van_that_leaves_with_the_old_bed_does_not_win():
    out = play_json(SCENARIO, VAN_LEAVES_WITH_THE_BED)
    assert "rassurer" in [s["chosen"] for s in out["steps"]]
    assert out["ending"]["outcome"] != "won"
    assert out["principles"]["listen"] == "violated"


def test_a_case_settled_with_its_cause_untouched_is_only_kept():
    out = play_json(SCENARIO, CAUSE_UNTOUCHED)
    assert out["ending"] == {"node": "fin-cas-regle", "outcome": "kept"}
    assert out["principles"]["fix-the-cause"] == "missed"
