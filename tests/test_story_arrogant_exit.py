"""The arrogant-exit story, played through the CLI as a user would (subprocess, JSON and text output)."""

from __future__ import annotations

import pytest
from conftest import assert_debrief_names_violated, play_json, run_cli


SCENARIO = "arrogant-exit"
# Thank him and ask why, take the criticism as a gift and apologise, respect the decision and
# make the handover easy, refuse the manager's threat, open the access to the new agency, feed
# his reasons back to the team, say goodbye and leave the door open.
GOOD = "3,2,3,1,2,3,2"
# The source's play: the sneer ("a guy alone in his basement?"), then the threat to check
# whether his contract even lets him hand the site to another agency.
SOURCE_BAD = "4,3"
# Everything right, except the quiet "I'll just look at the contract": the manager sends the
# threatening reminder himself; withdrawn at once, it still leaves a mark.
SILENT_ON_THE_THREAT = "3,2,3,3,1,2,3,2"
# Everything right, but the client is pressed twice to reconsider before the handover.
PRESSING = "3,2,2,1,2,1,2,3,2"


def test_check_strict_english_is_clean():
    proc = run_cli("check", "--strict", "--lang", "en", f"scenarios/{SCENARIO}.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr


def test_good_practice_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD)
    assert out["ending"] == {"node": "fin-porte-ouverte", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("graceful-exit", "listen", "courtesy", "be-human", "complaint-is-a-gift",
                "own-it", "apologize", "spare-effort", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid


def test_the_source_play_is_lost_and_violates_graceful_exit():
    out = play_json(SCENARIO, SOURCE_BAD)
    assert out["ending"] == {"node": "fin-claquee", "outcome": "lost"}
    assert out["passed"] is False
    assert out["principles"]["graceful-exit"] == "violated"
    assert out["principles"]["courtesy"] == "violated"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_source_play_names_graceful_exit_in_words(lang):
    assert_debrief_names_violated(SCENARIO, SOURCE_BAD, lang, "graceful-exit")


def test_keeping_quiet_about_the_threat_violates_graceful_exit_and_fails():
    out = play_json(SCENARIO, SILENT_ON_THE_THREAT)
    assert "lettre" in [s["node"] for s in out["steps"]]
    assert out["ending"]["outcome"] == "kept"
    assert out["principles"]["graceful-exit"] == "violated"
    assert out["passed"] is False


def test_pressing_him_to_stay_loops_and_closes_the_open_door():
    out = play_json(SCENARIO, PRESSING)
    assert [s["node"] for s in out["steps"]].count("insiste") == 2
    assert out["ending"] == {"node": "fin-correcte", "outcome": "kept"}
    assert out["principles"]["graceful-exit"] == "partial"
