"""The shrunken-sweater story, played through the CLI as a user would (subprocess, JSON and text output).

Two hidden variants are drawn at the start of a play: `washed-hot` (the customer washed the
sweater too hot: investigate without accusing, refuse the refund courteously, teach her to wash
wool) and `faulty-batch` (the batch was faulty: own it, apologise, let her choose the remedy,
report the batch). The trainee must find out which before concluding.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, assert_debrief_names_violated, play_json, run_cli

SCENARIO = "shrunken-sweater"
FILE = f"scenarios/{SCENARIO}.yaml"
HOT, BATCH = "washed-hot", "faulty-batch"

# washed-hot: acknowledge and listen, "I won't say that, let's look together", compare with a new
# one, ask without reproach, explain the heat without blame, refuse the refund kindly, show how to
# wash wool, a care card on the shelf.
GOOD_HOT = "2,4,3,2,2,1,3,3"
# faulty-batch: the same opening and investigation, then "you did the right thing, the fault is
# ours, I apologise", a choice of remedies, care advice that says she did right, report the batch.
GOOD_BATCH = "2,4,1,1,4,1,2,2"
# The source's play: "this model doesn't shrink, you got the temperature wrong", then standing by it.
SOURCE_BAD = "4,2"
# Kind but hands-off: an apology and an immediate refund, nobody looks at the sweater.
QUICK_REFUND = "1"
# Polite and by the book: the brand's policy, then a credit note to close the matter.
RULE_THEN_CREDIT = "3,3"
# washed-hot, investigated well, then right on the substance and wrong in form: "you're the one who
# got it wrong, madam" (the source's line, now with the facts), then everything right.
RIGHT_BUT_BLAMING = "2,4,3,2,4,1,3"
# washed-hot, investigated well, then a refund to keep the peace.
REFUND_TO_KEEP_PEACE = "2,4,3,2,3"
# The plays that the old file let win below the pass score (issue 13: won at 7.7/100).
OLD_WON_BELOW_PASS = ("4,1,1,3,2,1,1,2",)
# The endings, after the review merged those that said the same thing (a refund, a credit note or an
# exchange given before anyone knew why the sweater shrank; a credit note given to close a quarrel).
ENDINGS = {"fin-conseillee": "won", "fin-fidele": "won",
           "fin-gardee-chaud": "kept", "fin-gardee-lot": "kept", "fin-insistee": "kept", "fin-froide": "kept",
           "fin-geste": "kept", "fin-refusee": "kept", "fin-trop-tot": "kept", "fin-remise": "kept",
           "fin-perdue": "lost", "fin-renvoyee": "lost"}
# Endings that describe a conversation in which she was never put in the wrong.
UNHURT_ENDINGS = {"fin-conseillee", "fin-fidele", "fin-gardee-chaud", "fin-gardee-lot", "fin-insistee"}
# What fin-insistee says she met before being helped: a policy, a procedure, a supplier, an offer
# that put nothing right.
INSISTED = {"regle", "expertise", "fabricant", "remise"}


def ended_play(choices: str, variant: str) -> dict:
    """The play of `choices` under `variant`, stopped where the story ends: the longest prefix of
    the picks that reaches an ending (a play meant for another variant may end sooner)."""
    picks = choices.split(",")
    for k in range(1, len(picks) + 1):
        proc = run_cli("play", SCENARIO, "--variant", variant, "--choices", ",".join(picks[:k]), "--json")
        if proc.returncode == 0:
            return json.loads(proc.stdout)
    raise AssertionError(f"{choices} reaches no ending under {variant}")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_strict_is_clean(lang):
    proc = run_cli("check", "--strict", "--lang", lang, FILE, env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr


def test_the_story_has_a_customer_card_moods_and_both_variants():
    from simulator.format.loader import load
    scenario = load(ROOT / FILE)
    assert {v.id for v in scenario.variants} == {HOT, BATCH}
    assert scenario.customer is not None
    assert scenario.meters["trust"].moods
    # the article's real customer is thanked by name in it: the story invents its own
    text = (ROOT / FILE).read_text(encoding="utf-8")
    assert "Clarice" not in text


def test_the_washed_hot_good_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD_HOT, "--variant", HOT)
    assert out["ending"] == {"node": "fin-conseillee", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("empathize", "listen", "own-it", "no-blame", "courtesy", "educate-kindly", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid
    # the right play in this variant refunds nothing: no remedy principle is even at stake
    assert "fair-remedy" not in out["principles"]


def test_the_faulty_batch_good_play_wins_and_passes():
    out = play_json(SCENARIO, GOOD_BATCH, "--variant", BATCH)
    assert out["ending"] == {"node": "fin-fidele", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    for pid in ("empathize", "listen", "own-it", "no-blame", "apologize", "fair-remedy", "offer-options",
                "educate-kindly", "fix-the-cause"):
        assert out["principles"][pid] == "mastered", pid


@pytest.mark.parametrize("good, good_variant, other", [(GOOD_HOT, HOT, BATCH), (GOOD_BATCH, BATCH, HOT)])
def test_the_winning_play_of_one_variant_does_not_win_the_other(good, good_variant, other):
    out = ended_play(good, other)
    assert out["ending"]["outcome"] != "won", out["ending"]
    # the two variants part at the same step: what she says about her wash
    nodes = [s["node"] for s in out["steps"]]
    assert nodes[:3] == ["accueil", "recit", "etiquette-lot" if other == BATCH else "etiquette-chaud"]


@pytest.mark.parametrize("variant", [HOT, BATCH])
def test_the_source_play_is_lost_and_violates_no_blame(variant):
    out = play_json(SCENARIO, SOURCE_BAD, "--variant", variant)
    assert out["ending"] == {"node": "fin-perdue", "outcome": "lost"}
    assert out["passed"] is False
    assert out["principles"]["no-blame"] == "violated"
    assert out["principles"]["courtesy"] == "violated"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_source_play_names_no_blame_in_words(lang):
    assert_debrief_names_violated(SCENARIO, SOURCE_BAD, lang, "no-blame")


@pytest.mark.parametrize("variant", [HOT, BATCH])
@pytest.mark.parametrize("choices, ending", [(QUICK_REFUND, "fin-trop-tot"), (RULE_THEN_CREDIT, "fin-trop-tot")])
def test_plausible_but_mediocre_plays_do_not_pass(variant, choices, ending):
    out = play_json(SCENARIO, choices, "--variant", variant)
    assert out["ending"] == {"node": ending, "outcome": "kept"}
    assert out["passed"] is False
    assert out["score"]["scaled"] < 70


def test_being_right_about_the_wash_does_not_excuse_blaming_her():
    """Rozès's point: the customer did make a mistake, and saying so as an accusation still
    costs the win, even when everything else is right."""
    out = play_json(SCENARIO, RIGHT_BUT_BLAMING, "--variant", HOT)
    assert [s["node"] for s in out["steps"]][4] == "lavage-chaud"
    assert out["principles"]["no-blame"] == "violated"
    assert out["ending"] == {"node": "fin-froide", "outcome": "kept"}


def test_a_refund_for_a_sweater_washed_too_hot_does_not_win():
    """A well-handled complaint does not automatically mean a refund: buying peace teaches nothing."""
    out = play_json(SCENARIO, REFUND_TO_KEEP_PEACE, "--variant", HOT)
    assert out["ending"] == {"node": "fin-geste", "outcome": "kept"}
    assert out["principles"].get("educate-kindly") != "mastered"


@pytest.mark.parametrize("variant", [HOT, BATCH])
@pytest.mark.parametrize("choices", OLD_WON_BELOW_PASS)
def test_plays_the_old_file_let_win_below_the_pass_score_no_longer_do(variant, choices):
    out = ended_play(choices, variant)
    assert out["ending"]["outcome"] != "won", out


def _bot_play(variant: str, pick) -> str:
    """The picks of a bot that chooses, at every step, `pick(offered choices)` (0-based)."""
    from simulator.format.loader import load
    from simulator.play.engine import Play
    play = Play(load(ROOT / FILE), variant=variant)
    picks = []
    while not play.finished:
        i = pick(play.offered())
        picks.append(str(i + 1))
        play.choose(i)
    return ",".join(picks)


@pytest.mark.parametrize("variant", [HOT, BATCH])
@pytest.mark.parametrize("bot", ["longest-fr", "longest-en", "first"])
def test_bots_that_read_nothing_do_not_pass(variant, bot):
    if bot == "first":
        def pick(offered):
            return 0
    else:
        lang = bot.split("-")[1]

        def pick(offered):
            lengths = [len(c.text.get(lang)) for c in offered]
            return lengths.index(max(lengths))
    out = play_json(SCENARIO, _bot_play(variant, pick), "--variant", variant)
    assert out["passed"] is False, (bot, out["ending"], out["score"])


def _every_play(variant: str):
    """Every play of the story under `variant`, as (picks, steps, final flags, ending node): a
    depth-first walk that rewinds instead of replaying."""
    from simulator.format.loader import load
    from simulator.play.engine import Play
    play = Play(load(ROOT / FILE), variant=variant)
    plays = []

    def walk(picks):
        if play.finished:
            steps = play.record.steps
            plays.append((",".join(picks), [(s.node, s.chosen) for s in steps], set(play.flags), play.node.id))
            return
        k = len(play.record.steps)
        for i in range(len(play.offered())):
            play.choose(i)
            walk(picks + [str(i + 1)])
            play.rewind(k)
    walk([])
    return plays


@pytest.fixture(scope="module")
def every_play():
    return {v: _every_play(v) for v in (HOT, BATCH)}


def test_the_endings_are_the_merged_set(every_play):
    from simulator.format.loader import load
    scenario = load(ROOT / FILE)
    assert {nid: n.ending.outcome for nid, n in scenario.nodes.items() if n.ending} == ENDINGS
    assert {p[3] for plays in every_play.values() for p in plays} == set(ENDINGS)


def test_no_script_of_picks_wins_both_variants(every_play):
    """The variants are there so that a trainee finds out what happened instead of reciting a path:
    no sequence of numbers reaches a won ending under both."""
    won = {v: {p[0] for p in plays if ENDINGS[p[3]] == "won"} for v, plays in every_play.items()}
    assert won[HOT] and won[BATCH]
    assert won[HOT] & won[BATCH] == set()


def test_a_play_that_put_her_in_the_wrong_never_ends_as_if_it_had_not(every_play):
    for plays in every_play.values():
        for picks, _, flags, ending in plays:
            if "hurt" in flags:
                assert ending not in UNHURT_ENDINGS, (picks, ending)


def test_every_play_ending_on_fin_insistee_met_what_the_ending_says(every_play):
    """"She had to insist: before she was helped, she was met with a policy, a procedure, a
    supplier or an offer that put nothing right"."""
    reached = 0
    for plays in every_play.values():
        for picks, steps, _, ending in plays:
            if ending == "fin-insistee":
                reached += 1
                assert INSISTED & {chosen for _, chosen in steps}, picks
    assert reached


def test_fin_trop_tot_is_reached_only_before_she_said_how_she_washed_it(every_play):
    """"The conversation stopped before anyone knew why the sweater had shrunk"."""
    for plays in every_play.values():
        for picks, steps, _, ending in plays:
            if ending == "fin-trop-tot":
                assert not {"lavage-chaud", "lavage-lot"} & {node for node, _ in steps}, picks
