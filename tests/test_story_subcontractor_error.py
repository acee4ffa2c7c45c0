"""The shipped story `subcontractor-error`, played through the CLI as a trainee would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import assert_debrief_names_violated

ROOT = Path(__file__).resolve().parents[1]
STORY = "subcontractor-error"

# The director's way, as the source tells it: five minutes to understand, the director's own
# call, an apology that owns the error, a callback at a set time, three options offered for the
# client to choose, no charge, the operations teams connected, the cause fixed.
GOOD = "1,3,1,2,2,1,3,2,1,3,1"
# Hiding behind the subcontractor: "let TransAlp put it right first" (the ostrich), then blaming
# TransAlp at every turn until the client walks away.
OSTRICH = "3,1,2,3,1,1,2,1"
# Management hiding behind the account manager, even after the client asks for the director.
BEHIND_THE_SALESPERSON = "1,2,1,1,3,2,1,3,1"
# The half-apology that blames the partner, otherwise a perfect play.
BLAMING_APOLOGY = "1,3,2,2,2,1,3,2,1,3,1"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "simulator.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def play(choices: str) -> dict:
    done = run("play", STORY, "--choices", choices, "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_strict_in_english_is_clean() -> None:
    done = run("check", "--strict", "--lang", "en", f"scenarios/{STORY}.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_directors_way_wins_the_three_year_contract() -> None:
    result = play(GOOD)
    assert result["scenario"] == STORY
    assert result["ending"] == {"node": "contrat", "outcome": "won"}
    assert result["passed"] is True
    assert result["score"]["scaled"] >= 90
    for principle in ("respond-fast", "apologize", "own-it", "leaders-show-up",
                      "offer-options", "follow-up", "fair-remedy"):
        assert result["principles"][principle] == "mastered", principle


def test_the_ostrich_loses_the_client() -> None:
    result = play(OSTRICH)
    assert result["ending"] == {"node": "rupture", "outcome": "lost"}
    assert result["passed"] is False
    assert result["principles"]["respond-fast"] == "violated"
    assert result["principles"]["own-it"] == "violated"


def test_hiding_behind_the_salesperson_loses_the_tender() -> None:
    result = play(BEHIND_THE_SALESPERSON)
    assert result["ending"]["outcome"] == "lost"
    assert result["passed"] is False
    assert result["principles"]["leaders-show-up"] == "violated"


def test_an_apology_that_blames_the_subcontractor_does_not_pass() -> None:
    result = play(BLAMING_APOLOGY)
    assert result["ending"]["outcome"] != "won"
    assert result["passed"] is False
    assert result["principles"]["own-it"] == "violated"
    assert result["principles"]["apologize"] == "missed"


def test_hesitating_at_the_alert_lets_the_client_hear_it_elsewhere() -> None:
    # The alert runs out: the client calls first, having heard it from the carrier's driver.
    # Even a flawless recovery afterwards keeps the client but does not win the contract.
    result = play("t,2,2,2,1,3,2,1,3,1")
    assert result["steps"][0]["node"] == "alerte"
    assert result["ending"] == {"node": "renouvellement-sous-conditions", "outcome": "kept"}
    assert result["principles"]["respond-fast"] == "missed"
    assert result["score"]["scaled"] < play(GOOD)["score"]["scaled"]


def test_missing_the_promised_callback_time_costs_the_contract() -> None:
    # Same play as the good one, but the 2 pm callback is let slip: the client chases you.
    result = play("1,3,1,2,2,1,t,2,2,1,3,1")
    assert result["ending"]["outcome"] == "kept"
    assert result["principles"]["follow-up"] == "partial"


@pytest.mark.parametrize("script, stuck_at", [("1,3,1,2,2,1,3,2,1,3", "six-mois")])
def test_the_last_node_only_offers_the_decision(script: str, stuck_at: str) -> None:
    # Guards on trust leave exactly one choice at the six-month decision.
    done = run("play", STORY, "--choices", script + ",2", "--json")
    assert done.returncode != 0
    assert stuck_at in (done.stdout + done.stderr)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_ostrich_names_the_principles_in_words(lang: str) -> None:
    assert_debrief_names_violated(STORY, OSTRICH, lang, "respond-fast", "own-it")
