"""The angry-comment story, played through the CLI as a user would (subprocess, JSON and text output).

Two hidden variants: the contract is in Julien's own name (`a-son-nom`), or in his partner's
(`au-nom-de-sa-compagne`: no trace under his name, still a real customer). The check-result node
differs, so each variant has its own best picks."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT, assert_debrief_names_violated, play_json, run_cli

SCENARIO = "angry-comment"
FILE = f"scenarios/{SCENARIO}.yaml"
VARIANTS = ("a-son-nom", "au-nom-de-sa-compagne")
PASS = 70
# Check quietly who he is, read the file as a genuine complaint (his exaggeration is anger; a
# contract in his partner's name is his household), answer in public in your own name with an
# admission and thanks but no detail of his account, ask only what the file does not say, admit
# and refund, tell him the truth about the note on his file, fix the chain that produced the
# complaint, then tell him what changes. The last pick opens his reply.
GOOD = {"a-son-nom": "3,2,1,3,4,2,2,2,1", "au-nom-de-sa-compagne": "3,1,1,3,4,2,2,2,1"}


def play(choices: str, variant: str = "a-son-nom") -> dict:
    return play_json(SCENARIO, choices, "--variant", variant)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_strict_is_clean(lang):
    proc = run_cli("check", "--strict", "--lang", lang, FILE, env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_every_ending_agrees_with_the_score_in_every_variant():
    """`check --stats`: no won ending below pass_score, no lost ending at or above it."""
    proc = run_cli("check", "--json", "--stats", FILE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    score = json.loads(proc.stdout)["files"][0]["summary"]["score"]
    assert score["proven"] is True
    outcomes = {name: e["outcome"] for name, e in score["endings"].items()}
    assert outcomes == {"fin-gagnee": "won", "fin-sursis": "kept", "fin-gardee": "kept", "fin-depart": "lost",
                        "fin-trop-tard": "lost", "fin-perdue": "lost", "fin-censure": "lost", "fin-silence": "lost"}
    assert set(score["variants"]) == set(VARIANTS)
    for ranges in [score["endings"], *score["variants"].values()]:
        for name, r in ranges.items():
            if outcomes[name] == "won":
                assert r["lo"] >= PASS, (name, r)
            if outcomes[name] == "lost":
                assert r["hi"] < PASS, (name, r)


@pytest.mark.parametrize("variant", VARIANTS)
def test_good_play_wins_in_each_variant_and_masters_every_principle(variant):
    out = play(GOOD[variant], variant)
    assert out["variant"] == variant
    assert out["ending"] == {"node": "fin-gagnee", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("check-authenticity", "be-human", "own-it", "complaint-is-a-gift", "keep-it-private", "listen",
                "spare-effort", "apologize", "fair-remedy", "follow-up", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", (pid, out["principles"])


def test_the_file_must_be_read_the_answer_right_in_one_variant_is_a_fault_in_the_other():
    """The same reading, applied blindly, fails: 'genuine' is the best answer when the contract
    is his; 'not a customer, file him with the trolls' is a fault when it is his partner's."""
    mine = play("3,2,1,3,4,2,2,2,1", "a-son-nom")
    partner = play("3,3,1,1,4,2,2,2,1", "au-nom-de-sa-compagne")
    assert mine["principles"]["check-authenticity"] == "mastered"
    assert partner["principles"]["check-authenticity"] == "violated"
    assert partner["ending"]["outcome"] != "won"
    # and the first variant's winning script does not even fit the second one
    proc = run_cli("play", SCENARIO, "--variant", "au-nom-de-sa-compagne", "--choices", GOOD["a-son-nom"], "--json")
    assert proc.returncode != 0 or json.loads(proc.stdout)["ending"]["outcome"] != "won"


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_debrief_reveals_the_variant(variant):
    proc = run_cli("play", SCENARIO, "--variant", variant, "--choices", GOOD[variant], "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    reveal = {"a-son-nom": "in his name for nine years", "au-nom-de-sa-compagne": "in his partner’s name"}[variant]
    assert reveal in proc.stdout


@pytest.mark.parametrize("picks, variant, ending, violated", [
    ("1,3", "a-son-nom", "fin-perdue", "be-human"),                    # the usual reply, then "use the form"
    ("2,1", "au-nom-de-sa-compagne", "fin-censure", "complaint-is-a-gift"),  # hidden, then left hidden
    ("3,1,3", "a-son-nom", "fin-silence", "check-authenticity"),       # "bad faith": filed with trolls, silence
    ("3,2,2", "au-nom-de-sa-compagne", "fin-perdue", "check-authenticity"),  # "prove you are a customer" in public
    ("3,2,4,2", "a-son-nom", "fin-perdue", "listen"),                  # a discount code, then a bigger one
])
def test_careless_plays_lose(picks, variant, ending, violated):
    out = play(picks, variant)
    assert out["ending"] == {"node": ending, "outcome": "lost"}
    assert out["passed"] is False
    assert out["score"]["scaled"] < PASS
    assert out["principles"][violated] == "violated"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_text_debrief_of_a_careless_play_names_the_principle_in_words(lang):
    # hidden, then left hidden: the same picks in both variants (the helper lets one be drawn)
    assert_debrief_names_violated(SCENARIO, "2,1", lang, "complaint-is-a-gift")
    # the usual reply signed "Customer Service", then the contact form again
    assert_debrief_names_violated(SCENARIO, "1,3", lang, "be-human")


@pytest.mark.parametrize("picks, why", [
    # every answer defensible, none the best: his account detailed in public, "tell me everything",
    # a refund without an apology, "I'll check the note", only the bug reported
    ("3,2,2,1,1,1,4,2,1", "second-best at every step"),
    # his account in public, "sorry if you felt that way", case closed, a stock phrase to end
    ("3,2,2,3,2,1,1,3,1", "polite but corporate"),
])
def test_plausible_but_mediocre_plays_do_not_pass(picks, why):
    out = play(picks)
    assert out["ending"]["outcome"] != "won", why
    assert out["passed"] is False, why
    assert out["score"]["scaled"] < PASS, why


def test_answering_apologising_refunding_and_fixing_the_cause_never_ends_lost():
    """The old file sent such a play to 'a company that does not answer people'. Here, the
    cause fixed but not told gives a kept customer whose ending says nobody told him so."""
    out = play("3,2,1,3,4,1,2,4,1")  # ... fix the cause, then "your remarks have been passed on"
    assert out["ending"] == {"node": "fin-gardee", "outcome": "kept"}
    proc = run_cli("play", SCENARIO, "--variant", "a-son-nom", "--choices", "3,2,1,3,4,1,2,4,1", "--lang", "en")
    assert "does not answer" not in proc.stdout
    assert "without anyone telling him" in proc.stdout


@pytest.mark.parametrize("picks", ["3,2,1,3,4,2,2,2,1", "3,2,2,3,4,1,2,2,1", "1,2,1,2,1,2,2,1"])
def test_telling_him_what_changes_never_ends_with_the_ending_that_says_nobody_did(picks):
    """The old kept ending hedged ('nothing tells him the next call will go better') even after
    he was told what would change."""
    out = play(picks)
    assert any(s["node"] == "retour" and s["chosen"] == "dire-ce-qui-change" for s in out["steps"])
    assert out["ending"]["node"] in ("fin-gagnee", "fin-sursis")


def test_recovering_from_the_usual_template_scores_far_above_hiding_the_comment():
    """Under the first scoring, a recovery after the template scored 0, like hiding the comment."""
    recovered = play("1,2,1,4,2,2,2,1")
    hidden = play("2,1")
    assert recovered["passed"] is True and recovered["score"]["scaled"] >= 85
    assert hidden["passed"] is False and hidden["score"]["scaled"] < 20


def test_a_slip_into_a_script_after_a_good_start_is_not_a_lost_customer_when_dropped():
    """The old file ended such a play lost at 83.3 (a script twice, then the form)."""
    out = play("3,2,1,2,1,4,2,2,2,1")  # ... "I completely understand your frustration", then dropped
    assert out["principles"]["be-human"] == "violated"
    assert out["ending"]["outcome"] != "lost"
    assert out["passed"] is True


def test_the_usual_first_reply_is_offered_and_the_detailed_public_reply_breaks_confidentiality():
    doc = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    first = {c["id"]: c for c in doc["nodes"]["commentaire"]["choices"]}
    assert "référence client en message privé" in first["reponse-type"]["text"]["fr"]
    public = {c["id"]: c for c in doc["nodes"]["premiere-reponse"]["choices"]}
    assert "keep-it-private" in public["reponse-detaillee"]["violates"]
    assert "keep-it-private" in public["reponse-humaine"]["applies"]
    out = play("3,2,2,3,4,2,2,2,1")  # the good play, but his account detailed in public
    assert out["principles"]["keep-it-private"] == "violated"
    assert out["score"]["scaled"] < 100
    (principle,) = [p for p in doc["principles"] if p["id"] == "keep-it-private"]
    assert "ISO 10002:2018 4.10 confidentiality" in principle["frameworks"]


def test_every_choice_that_moves_trust_names_a_principle():
    doc = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    for nid, node in doc["nodes"].items():
        for c in node.get("choices", []):
            if c.get("effects"):
                assert c.get("applies") or c.get("violates"), (nid, c["id"])


def _bot_picks(variant: str, pick) -> str:
    from simulator.format.loader import load
    from simulator.play.engine import Play
    play_ = Play(load(ROOT / FILE), variant=variant, clock=lambda: 0.0)
    picks = []
    while not play_.finished:
        i = pick(play_.offered())
        picks.append(str(i + 1))
        play_.choose(i)
    return ",".join(picks)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("bot", ["longest-fr", "longest-en", "first"])
def test_a_bot_that_picks_by_length_or_position_does_not_pass(variant, bot):
    if bot == "first":
        picks = _bot_picks(variant, lambda offered: 0)
    else:
        lang = bot.split("-")[1]
        picks = _bot_picks(variant, lambda offered: max(range(len(offered)),
                                                         key=lambda k: len(offered[k].text.get(lang))))
    out = play(picks, variant)
    assert out["passed"] is False, (bot, picks, out["score"])


def test_good_news_at_the_end_does_not_keep_a_customer_the_exchange_has_lost():
    """The old file kept him ('on probation', 37.1) after he had been filed with the trolls, told
    the advisers' tone was half his fault and refused the note, because he heard at the end that
    the bug was reported. Told what changes but with his trust under 40, he now leaves, and the
    ending says why without claiming nobody told him."""
    picks = "3,1,2,2,2,1,3,3,4,2,1"
    out = play(picks)
    assert any(s["node"] == "retour" and s["chosen"] == "dire-le-bug" for s in out["steps"])
    assert out["ending"] == {"node": "fin-trop-tard", "outcome": "lost"}
    assert out["score"]["scaled"] < PASS and out["passed"] is False
    assert out["principles"]["no-blame"] == "violated"
    proc = run_cli("play", SCENARIO, "--variant", "a-son-nom", "--choices", picks, "--lang", "en")
    assert "even though his complaint was of use" in proc.stdout
    assert "without anyone telling him" not in proc.stdout
    # the same news after a sound exchange keeps him
    assert play("3,2,1,3,4,2,4,2,1")["ending"] == {"node": "fin-sursis", "outcome": "kept"}


def test_the_usual_template_reply_is_a_lesser_fault_than_hiding_the_comment():
    """Both are faults, but the template at least keeps his account out of public view:
    the first decision gives it some credit, and hiding none."""
    template, hidden = play("1,1"), play("2,1")
    assert template["decisions"][0]["node"] == hidden["decisions"][0]["node"] == "commentaire"
    assert template["decisions"][0]["credit"] > 0 == hidden["decisions"][0]["credit"]
    assert hidden["principles"]["listen"] == "violated"


def test_he_answers_what_was_just_said_to_him():
    """After a reply that puts it on him ('sorry if you felt', 'heated on both sides'), he does not
    go on as after an admission; and no customer line is said twice in a play."""
    admitted = play("3,2,1,3,4,2,2,2,1")
    put_on_him = play("3,2,1,3,2,2,2,2,1")
    after = {s["node"] for s in put_on_him["steps"]}
    assert "note-sec" in after and "note" not in after
    assert "note" in {s["node"] for s in admitted["steps"]}
    doc = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    assert doc["nodes"]["note-sec"]["text"]["fr"] != doc["nodes"]["note"]["text"]["fr"]
    for out in (admitted, put_on_him):
        lines = [doc["nodes"][s["node"]]["text"]["fr"] for s in out["steps"]]
        assert len(lines) == len(set(lines))


def test_in_the_partner_variant_her_contract_waits_for_her_consent():
    """The story teaches confidentiality: the contract is his partner's, so the good reading
    keeps it for a private exchange with her consent, in both languages."""
    doc = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    (good,) = [c for c in doc["nodes"]["sans-trace"]["choices"] if c["id"] == "meme-foyer"]
    assert "accord" in good["text"]["fr"] and "consent" in good["text"]["en"]
