"""The wrong-bed story, played through the CLI as a user would (subprocess, JSON output)."""

from __future__ import annotations

from conftest import play_json, run_cli

SCENARIO = "wrong-bed"
# Karim announces the mistake calmly and owns it, listens, brings the old bed back up, tells
# dispatch himself, calls the desk from the landing; Sophie checks what Karim told her, gives a
# priority slot for the next day, deletes the second delivery charge herself, reports the cause.
GOOD = "2,1,1,1,2,1,2,2,1"
# The source's play: the delivery man's temper, "too late, madam", the desk that insists on a
# visit to the store, a week's wait, the delivery charged again and maintained.
SOURCE_BAD = "1,1,1,2,1,1,1,1,1,1,1"
# Everything right at the door, then the desk takes the first ordinary slot a week away.
WEEK_WAIT = "2,1,1,1,2,1,1,2,1"


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


def test_a_week_long_wait_only_keeps_the_customer():
    out = play_json(SCENARIO, WEEK_WAIT)
    assert out["ending"]["outcome"] == "kept"
    assert out["principles"]["respond-fast"] == "violated"
    assert out["score"]["scaled"] < play_json(SCENARIO, GOOD)["score"]["scaled"]
