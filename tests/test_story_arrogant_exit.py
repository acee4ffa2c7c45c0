"""The arrogant-exit story, played through the CLI as a user would (subprocess, JSON and text output),
and read as a trainer would: endings that agree with the score, the variant found out by listening,
no answer given away by its length or its place."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, assert_debrief_names_violated, play_json, run_cli

SCENARIO = "arrogant-exit"
FILE = ROOT / "scenarios" / f"{SCENARIO}.yaml"
VARIANTS = ("griefs", "proximite")

# Thank him and ask why, let him speak, answer what he actually said (own the agency's faults and
# apologise / accept that his choice makes sense), take the handover on, prepare the letter and
# transfer the domain, refuse the manager's threat, open the access with a walk-through, help
# the other agency's developer, pass his reasons on at the team meeting, leave the door open.
GOOD = {"griefs": "3,1,4,3,2,3,4,2,3,4", "proximite": "3,1,1,3,2,3,4,2,3,4"}
# The post's play: "who's going to look after the site now? Three people…", then the contract
# waved at him ("we'll look closely at what your contract says about taking the site over").
SOURCE_BAD = "1,2"
# Careless: passed to the legal department, then "it's the procedure", the reminder of the
# clauses sent as the manager asks, and the threat maintained behind the legal department.
CARELESS = "4,2,2,1"
# Plausible but mediocre: a discount first, then a counter-offer instead of owning the faults,
# a polite "I respect your choice" without taking the handover on, a template letter, the quiet
# contract check (the manager sends the letter himself), withdrawn; access only, questions by
# email, his reasons passed on, the door left open.
MEDIOCRE = "2,2,1,2,1,3,1,1,1,3,3,4"
# What the old file let win at 78.0 (under its pass score of 85): a discount first, then a
# counter-offer instead of owning the faults, the rest done well. Told the same way today.
OLD_WON_BELOW_PASS = "2,2,1,2,3,2,3,4,2,1,4"
# The good play, except that the manager's request is met with "I'll look at the contract, but
# I won't send him anything for now" (then the letter, sent by the manager, withdrawn at once) —
# and the same play where the trainee sends the reminder himself (then withdraws it).
QUIET_CHECK = "3,1,4,3,2,1,1,4,2,3,4"
SENT_IT = "3,1,4,3,2,2,3,4,2,3,4"
# The good play, except for "small agencies undercut prices" in the internal team meeting.
MEETING_SLIP = "3,1,4,3,2,3,4,2,2,4"
# The good play until the manager's request, then the threat left standing once the client calls
# about it: the reminder sent, then "it's a standard letter, nothing personal" (the old file let
# this pass at 82.5); the quiet check, then "it wasn't me, take it up with my manager".
LETTER_STANDS = {"standard letter": "3,1,4,3,2,2,2", "not me": "3,1,4,3,2,1,2"}
# Fear, sulking, pushing, "don't say nobody warned you", the access held back thirty days, the
# jibe to the other agency's developer, "small agencies undercut prices", then the right last
# words: too late, he leaves furious (the old file called this a quiet departure, kept).
FURIOUS_THEN_KIND = "1,3,2,2,3,2,1,2,4"


def play(choices: str, variant: str = "griefs", *extra: str) -> dict:
    return play_json(SCENARIO, choices, "--variant", variant, *extra)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_strict_is_clean(lang):
    proc = run_cli("check", "--strict", "--lang", lang, str(FILE), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr


def test_check_stats_every_ending_agrees_with_the_score():
    """`check --stats`: the won ending is reached only at or above the pass score, the lost ones
    only below it, in every variant."""
    proc = run_cli("check", "--stats", str(FILE), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ranges = re.findall(r"(fin-[a-z-]+) \((won|kept|lost)\): ([\d.]+) – ([\d.]+)", proc.stdout)
    assert {node for node, *_ in ranges} == {"fin-porte-ouverte", "fin-tiede", "fin-correcte",
                                             "fin-claquee", "fin-rancune", "fin-fache"}, proc.stdout
    pass_score = yaml.safe_load(FILE.read_text(encoding="utf-8"))["pass_score"]
    for node, outcome, low, high in ranges:
        if outcome == "won":
            assert float(low) >= pass_score, (node, low)
        if outcome == "lost":
            assert float(high) < pass_score, (node, high)


@pytest.mark.parametrize("variant", VARIANTS)
def test_good_practice_play_wins_and_passes(variant):
    out = play(GOOD[variant], variant)
    assert out["ending"] == {"node": "fin-porte-ouverte", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    assert set(out["principles"].values()) == {"mastered"}, out["principles"]
    for pid in ("graceful-exit", "listen", "be-human", "spare-effort", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_winning_play_of_one_variant_does_not_win_the_other(variant):
    """He leaves over real failings, or for a partner closer to him: the trainee has to listen.
    Owning faults he never mentioned, or taking his grievances for a matter of taste, does not
    leave the door open."""
    other = next(v for v in VARIANTS if v != variant)
    out = play(GOOD[other], variant)
    assert out["ending"]["outcome"] != "won", out["ending"]
    assert out["score"]["scaled"] < 100


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_source_play_is_lost_and_violates_graceful_exit(variant):
    out = play(SOURCE_BAD, variant)
    assert out["ending"] == {"node": "fin-claquee", "outcome": "lost"}
    assert out["passed"] is False
    assert out["principles"]["graceful-exit"] == "violated"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_source_play_names_graceful_exit_in_words(lang):
    assert_debrief_names_violated(SCENARIO, SOURCE_BAD, lang, "graceful-exit")


def test_a_careless_play_is_lost():
    out = play(CARELESS)
    assert out["ending"] == {"node": "fin-claquee", "outcome": "lost"}
    assert out["passed"] is False
    assert out["principles"]["be-human"] == "violated"
    assert out["principles"]["graceful-exit"] == "violated"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_careless_play_names_what_was_violated(lang):
    assert_debrief_names_violated(SCENARIO, CARELESS, lang, "be-human", "graceful-exit")


def test_a_plausible_but_mediocre_play_does_not_pass():
    out = play(MEDIOCRE)
    assert out["ending"]["outcome"] == "kept"
    assert out["passed"] is False
    assert out["score"]["scaled"] < 80


def test_what_the_old_file_let_win_below_the_pass_score_no_longer_wins():
    out = play(OLD_WON_BELOW_PASS)
    assert [s["node"] for s in out["steps"]][:4] == ["annonce", "prix", "parle", "raisons-griefs"]
    assert out["ending"] == {"node": "fin-tiede", "outcome": "kept"}
    for pid in ("own-it", "apologize", "complaint-is-a-gift"):
        assert out["principles"][pid] == "missed", pid


def test_the_quiet_contract_check_is_not_punished_like_sending_the_threat():
    """"I'll look at the contract, but I won't send him anything": no fault, but no refusal either.
    The narration says the manager sent the letter himself; the trainee, who did not send it,
    is not marked as having threatened, and scores above the play where he sent it himself."""
    quiet = play(QUIET_CHECK)
    sent = play(SENT_IT)
    assert "lettre-chef" in [s["node"] for s in quiet["steps"]]
    assert "lettre" in [s["node"] for s in sent["steps"]]
    assert quiet["principles"]["graceful-exit"] == "partial"
    assert sent["principles"]["graceful-exit"] == "violated"
    assert quiet["score"]["scaled"] > sent["score"]["scaled"]
    # Neither play leaves the door as open as if nothing had been sent.
    assert quiet["ending"]["outcome"] == sent["ending"]["outcome"] == "kept"
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    narration = doc["nodes"]["lettre-chef"]["text"]
    assert "votre responsable envoie lui-même" in narration["fr"]
    assert "your manager sends" in narration["en"]


def test_a_remark_in_the_internal_meeting_is_not_a_fault_towards_the_client():
    """The old file tagged "small agencies undercut prices", said in a team meeting, as a
    graceful-exit fault, so that a flawless play with the client failed. It misses the cause
    now; the client was let go with grace and the play still passes."""
    out = play(MEETING_SLIP)
    assert out["principles"]["graceful-exit"] == "mastered"
    assert out["principles"]["fix-the-cause"] == "violated"
    assert out["passed"] is True


def test_every_ending_agrees_with_his_mood_at_the_end():
    """The lowest and the highest scoring play of every ending (`check --stats`, both variants):
    the lost endings say he leaves angry, and his regard ends furious (under 20); the others
    leave him at least offended (20 or more), and the open door grateful."""
    proc = run_cli("check", "--stats", str(FILE))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    plays = re.findall(r"--choices ([\d,]+) --variant ([a-z]+)", proc.stdout)
    assert len(plays) > 20, proc.stdout
    for choices, variant in set(plays):
        out = play(choices, variant)
        trust = out["meters"]["trust"]
        if out["ending"]["outcome"] == "lost":
            assert trust < 20, (choices, variant, out["ending"], trust)
        else:
            assert trust >= 20, (choices, variant, out["ending"], trust)
        if out["ending"]["outcome"] == "won":
            assert trust >= 75, (choices, variant, trust)


@pytest.mark.parametrize("case", sorted(LETTER_STANDS))
def test_a_threat_left_standing_is_lost(case):
    """Once the client calls about the letter, anything short of withdrawing it ("a standard
    letter", "it wasn't me") leaves the threat in place: the door is slammed, the play fails."""
    out = play(LETTER_STANDS[case])
    assert out["ending"] == {"node": "fin-claquee", "outcome": "lost"}
    assert out["passed"] is False
    assert out["score"]["scaled"] < 80
    assert out["principles"]["own-it"] == "violated"


def test_kind_last_words_do_not_save_a_departure_made_hard():
    out = play(FURIOUS_THEN_KIND)
    assert out["steps"][-1]["chosen"] == "porte-ouverte-fache"
    assert out["ending"] == {"node": "fin-fache", "outcome": "lost"}
    assert out["passed"] is False
    assert out["meters"]["trust"] < 20
    for pid in ("graceful-exit", "spare-effort", "listen", "courtesy"):
        assert out["principles"][pid] == "violated", pid


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_a_departure_made_hard_names_what_was_violated(lang):
    assert_debrief_names_violated(SCENARIO, FURIOUS_THEN_KIND, lang, "graceful-exit", "spare-effort")


def test_the_move_a_feedback_recommends_is_offered_where_it_is_given():
    """The feedback of the registered-letter answer tells the trainee to prepare the letter for
    the client: that answer is offered at the same node."""
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    choices = {c["id"]: c for c in doc["nodes"]["formalites"]["choices"]}
    assert "Préparez plutôt la lettre" in choices["recommande"]["feedback"]["fr"]
    assert "spare-effort" in choices["lettre-prete"]["applies"]
    assert "Je vous prépare la lettre" in choices["lettre-prete"]["text"]["fr"]


def test_every_choice_that_decides_an_ending_names_a_principle():
    # The regard meter and the flags the farewell reads decide the ending: every choice that
    # moves them applies or violates a principle, so that the debrief can explain the ending.
    from simulator.format.loader import load
    scenario = load(FILE)
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.effects or set(choice.set) & {"menace", "retard"}:
                assert choice.applies or choice.violates, (node.id, choice.id)


def test_the_customer_card_moods_and_briefing():
    from simulator.format.loader import load
    scenario = load(FILE)
    assert scenario.customer.name.get("fr") == "M. Olivier Tessier"
    assert scenario.customer.name.get("en") == "Mr Olivier Tessier"
    moods = dict(scenario.meters["trust"].moods)
    assert [w.get("fr") for w in moods.values()] == ["furieux", "froissé", "sur la réserve", "en confiance",
                                                     "reconnaissant"]
    # The lesson is that keeping him is not the aim: the summary says so.
    assert "Le retenir n'est pas le but" in scenario.summary.get("fr").replace("\u2019", "'")
    assert "Keeping him is not the aim" in scenario.summary.get("en")
    assert {v.id for v in scenario.variants} == set(VARIANTS)


def test_weaker_answers_also_apologise():
    """"Vous avez raison", "pardon", "excusez-moi", "désolé" are no magic words: each appears in
    an answer that is not the best one at its node."""
    doc = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    weights = {p["id"]: p.get("weight", 1) for p in
               yaml.safe_load((ROOT / "scoring" / "principles.yaml").read_text(encoding="utf-8"))["principles"]}

    def value(c):
        return sum(weights[p] for p in c.get("applies", [])) - sum(weights[p] for p in c.get("violates", []))

    for words in ("vous avez raison", "pardon", "excusez-moi", "désolé"):
        weaker = [c["id"] for node in doc["nodes"].values() for c in node.get("choices", [])
                  if words in c["text"]["fr"].lower() and value(c) < max(value(x) for x in node["choices"])]
        assert weaker, words
