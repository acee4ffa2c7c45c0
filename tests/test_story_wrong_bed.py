"""The shipped story `wrong-bed`, played through the CLI as a trainee would (subprocess, JSON and
text output), plus a few checks of the file itself for the defects issue 14 found in it."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, assert_debrief_names_violated, play_json, run_cli

STORY = "wrong-bed"
FILE = f"scenarios/{STORY}.yaml"
VARIANTS = ("dos-fragile", "sommier-casse")

# Yannick announces the mistake calmly and owns it, asks what she needs, answers it (her old bed
# put back up when it still suits her back; the new one lent when her old base has given way),
# overrules Franck himself, calls the desk from the landing; Sophie sums up what Yannick told
# her, offers two slots for the next day, deletes the second delivery charge herself, reports
# the cause. The picks differ only where the customer's answer does.
GOOD = {"dos-fragile": "3,3,1,2,4,3,4,1,1,1", "sommier-casse": "3,3,2,2,4,3,4,1,1,1"}
# The source's play: the driver's temper, "too late, madam", the desk that insists on a visit to
# the store, "lower your voice", a week's wait, the delivery charged again and maintained.
CARELESS = "1,3,2,3,1,1,2,1,2,1"
# A tired, well-meaning crew and desk: "there's a problem, I'll check with the warehouse" (no
# apology), "don't worry, the store will take care of everything", the customer desk's number;
# then the desk asks for the order number, books tomorrow 8-10, waives the charge "as a very
# special exception" and closes the file. Polite all the way, and not good enough.
MEDIOCRE = "4,1,1,3,2,3,2,1"
# By the book: no apology, the old bed goes to recycling as the procedure says, a promised
# call-back, a slot imposed, the charge waived as a favour.
BY_THE_BOOK = "4,4,2,2,2,3,1,1"
# The answers of the play the old file let win at 46.7 (`3,1,3,2,1,3,1,1,2,2` there): set it up
# anyway, take it back, ask, put the old bed back, overrule Franck, call from the landing, sum up,
# tomorrow 8-10, the charge waived "as a very special exception", the cause reported.
OLD_WON_BELOW_PASS = "2,1,3,1,2,4,3,2,3,1,1"
# Everything right, but the desk says "as a very special exception" instead of "no charge, the
# mistake is ours"; and everything right, but the charge announced and then maintained.
FAVOUR = "3,3,1,2,4,3,4,3,1,1"
MAINTAINED = "3,3,1,2,4,3,4,2,1,1,1"
# Everything right, but Sophie asks the customer to tell it all again from the beginning.
RETELL = "3,3,1,2,4,1,4,1,1,1"
# Base broken: everything right, except that the crew asks for a priority delivery instead of
# leaving the new bed with her; she sleeps on the floor one more night.
ONE_MORE_NIGHT_ON_THE_FLOOR = "3,3,1,4,3,4,1,1,1"
# Everything right, but the file is closed without reporting the cause.
CAUSE_UNTOUCHED = "3,3,1,2,4,3,4,1,2,1"


def play(choices: str, variant: str = "dos-fragile", lang: str = "fr") -> dict:
    return play_json(STORY, choices, "--variant", variant, "--lang", lang)


def chosen(out: dict) -> list[str]:
    return [s["chosen"] for s in out["steps"]]


def scenario():
    from simulator.format.loader import load
    return load(ROOT / FILE)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_strict_is_clean(lang: str) -> None:
    proc = run_cli("check", "--strict", "--lang", lang, FILE, env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stdout + proc.stderr


def test_every_ending_agrees_with_the_score_in_every_variant() -> None:
    proc = run_cli("check", "--json", "--stats", FILE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    score = json.loads(proc.stdout)["files"][0]["summary"]["score"]
    assert score["proven"], score
    assert set(score["variants"]) == set(VARIANTS)
    pass_score = scenario().pass_score
    for ranges in [score["endings"], *score["variants"].values()]:
        for node, r in ranges.items():
            outcome = score["endings"][node]["outcome"]
            if outcome == "won":
                assert r["lo"] >= pass_score, (node, r)
            if outcome == "lost":
                assert r["hi"] < pass_score, (node, r)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_good_play_wins_at_100_in_each_variant(variant: str, lang: str) -> None:
    out = play(GOOD[variant], variant, lang)
    assert out["ending"] == {"node": "fin-confiance", "outcome": "won"}
    assert out["passed"] is True
    assert out["score"]["scaled"] >= 90
    assert all(v == "mastered" for v in out["principles"].values()), out["principles"]


def test_each_variant_has_its_own_answer_to_what_she_needs() -> None:
    # Asking is how the trainee finds out: her old bed is fine (put it back up), or its base gave
    # way (lend her the new one). The loan is only the lesser answer when her old bed suits her.
    dos, casse = play(GOOD["dos-fragile"], "dos-fragile"), play(GOOD["sommier-casse"], "sommier-casse")
    assert "remonter" in chosen(dos) and "pret" in chosen(casse)
    assert [s["node"] for s in dos["steps"]][2] == "besoin-dos"
    assert [s["node"] for s in casse["steps"]][2] == "besoin-casse"
    loan_for_her_back = play("3,3,3,2,4,3,4,1,1,1", "dos-fragile")
    assert "pret-dos" in chosen(loan_for_her_back)
    assert loan_for_her_back["principles"]["empathize"] == "missed"
    assert loan_for_her_back["score"]["scaled"] < dos["score"]["scaled"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_careless_play_is_lost(variant: str) -> None:
    out = play(CARELESS, variant)
    assert chosen(out)[:2] == ["coup-de-sang", "trop-tard"]
    assert out["ending"] == {"node": "fin-perdue", "outcome": "lost"}
    assert out["passed"] is False
    assert out["score"]["scaled"] < 30
    for pid in ("courtesy", "no-blame", "spare-effort", "respond-fast", "no-charge", "own-it"):
        assert out["principles"][pid] == "violated", pid


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_text_debrief_of_the_careless_play_names_the_principles_in_words(lang: str) -> None:
    assert_debrief_names_violated(STORY, CARELESS, lang, "no-charge", "spare-effort", "courtesy", "no-blame")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("choices", [MEDIOCRE, BY_THE_BOOK])
def test_polite_but_mediocre_plays_keep_her_and_do_not_pass(variant: str, choices: str) -> None:
    out = play(choices, variant)
    assert out["ending"]["outcome"] == "kept"
    assert out["passed"] is False
    assert out["score"]["scaled"] < 60
    assert out["principles"]["spare-effort"] == "violated"


def test_the_play_the_old_file_let_win_below_the_pass_score_no_longer_does() -> None:
    out = play(OLD_WON_BELOW_PASS, "dos-fragile")
    assert chosen(out)[0] == "installer-quand-meme" and "geste-commercial" in chosen(out)
    assert out["ending"]["outcome"] != "won"
    assert out["principles"]["spare-effort"] == "violated"


def test_a_favour_is_worth_less_than_owning_it_but_far_more_than_hiding_behind_the_price_list() -> None:
    best = play(GOOD["dos-fragile"])
    favour = play(FAVOUR)
    maintained = play(MAINTAINED)
    assert "geste-commercial" in chosen(favour)
    assert favour["principles"]["no-charge"] == "mastered"
    assert favour["principles"]["own-it"] != "violated"
    assert ["facturer", "maintenir"] == [c for c in chosen(maintained) if c in ("facturer", "maintenir")]
    assert maintained["principles"]["own-it"] == "violated"
    assert maintained["principles"]["no-charge"] == "violated"
    assert best["score"]["scaled"] > favour["score"]["scaled"] > maintained["score"]["scaled"]
    assert maintained["ending"]["outcome"] != "won"


def test_asking_her_to_tell_it_all_again_costs_something() -> None:
    out = play(RETELL)
    assert "tout-reprendre" in chosen(out)
    assert out["principles"]["spare-effort"] == "violated"
    assert out["score"]["scaled"] < play(GOOD["dos-fragile"])["score"]["scaled"]


def test_one_more_night_on_the_floor_does_not_win() -> None:
    out = play(ONE_MORE_NIGHT_ON_THE_FLOOR, "sommier-casse")
    assert "priorite" in chosen(out)
    assert out["ending"] == {"node": "fin-servie", "outcome": "kept"}


def test_a_case_settled_with_its_cause_untouched_is_only_kept() -> None:
    out = play(CAUSE_UNTOUCHED)
    assert out["ending"] == {"node": "fin-cas-regle", "outcome": "kept"}
    assert out["principles"]["fix-the-cause"] == "missed"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_debrief_tells_which_variant_was_played(lang: str) -> None:
    sc = scenario()
    for variant in VARIANTS:
        proc = run_cli("play", STORY, "--choices", GOOD[variant], "--variant", variant, "--lang", lang)
        assert proc.returncode == 0, proc.stderr
        reveal = sc.variant(variant).reveal.get(lang)
        assert reveal[:40] in proc.stdout.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'") \
            or reveal[:40] in proc.stdout, (variant, lang)


def test_every_choice_that_moves_trust_names_a_principle_and_says_why() -> None:
    sc = scenario()
    for node in sc.nodes.values():
        for choice in node.choices:
            if choice.effects or choice.set or choice.unset:
                assert choice.applies or choice.violates or node.id == "cause", (node.id, choice.id)
            if choice.applies or choice.violates:
                assert choice.feedback is not None, (node.id, choice.id)
                assert choice.feedback.has("fr") and choice.feedback.has("en"), (node.id, choice.id)


def test_apologies_and_magic_words_are_not_a_give_away() -> None:
    # "Vous avez raison", "pardon", "excusez-moi", "désolé·e" also come in answers that are not
    # the best one where they are offered.
    from scoring.catalogue import load_catalogue
    sc = scenario()
    weights = {p.id: p.weight for p in load_catalogue()}

    def value(choice) -> int:
        return sum(weights[p] for p in choice.applies) - sum(weights[p] for p in choice.violates)

    for phrase in ("vous avez raison", "pardon", "excusez-moi", "désolé"):
        weaker = [c.id for n in sc.nodes.values() for c in n.choices
                  if phrase in c.text.get("fr").lower() and value(c) < max(value(o) for o in n.choices)]
        assert weaker, phrase


def test_the_customer_card_and_moods() -> None:
    sc = scenario()
    assert sc.customer.name.get("fr") == "Mme Nadia Lemaire"
    assert sc.customer.name.get("en") == "Mrs Nadia Lemaire"
    assert sc.customer.description.has("fr") and sc.customer.description.has("en")
    moods = dict(sc.meters["trust"].moods)
    assert [w.get("fr") for w in moods.values()] == ["furieuse", "excédée", "inquiète", "rassurée", "conquise"]
    assert [w.get("en") for w in moods.values()] == ["furious", "exasperated", "worried", "reassured", "won over"]


def test_the_dialogue_has_no_loop_and_no_line_said_twice() -> None:
    # The old file looped on `tension` (the same narration up to four times) and had the
    # customer ask "Je dors où ?" at two nodes in a row.
    sc = scenario()
    texts = [n.text.get("fr") for n in sc.nodes.values() if n.text is not None]
    assert len(texts) == len(set(texts))
    state: dict[str, str] = {}  # node -> "open" while on the current path, "done" after

    def walk(node_id: str) -> None:
        state[node_id] = "open"
        for choice in sc.nodes[node_id].choices:
            assert state.get(choice.next) != "open", (node_id, choice.next)
            if choice.next not in state:
                walk(choice.next)
        state[node_id] = "done"

    walk(sc.start)
    assert sum("Je dors où" in t for t in texts) <= 1


def test_the_calm_insistence_is_not_answered_as_a_shout_and_nobody_apologises_for_a_temper_they_did_not_lose() -> None:
    sc = scenario()
    insister = next(c for c in sc.nodes["reserves"].choices if c.id == "insister")
    assert insister.next == "refus"
    lost_temper = [(n.id, c.id) for n in sc.nodes.values() for c in n.choices if "emporté" in c.text.get("fr")]
    assert lost_temper == [("choquee", "s-excuser")]
    into_choquee = [(n.id, c.id) for n in sc.nodes.values() for c in n.choices if c.next == "choquee"]
    assert into_choquee == [("palier", "coup-de-sang")]


def test_the_wording_the_review_flagged_is_gone() -> None:
    raw = (ROOT / FILE).read_text(encoding="utf-8")
    for phrase in ("Vous respirez", "c'est nous qui prendrons", "Cliente servie, cause intacte",
                   "planning screen", "douleurs à l'essai", "Nadia L.", "BHV", "B.H.V",
                   # the second review: fin-cas-regle said nobody told the warehouse after "I'll
                   # check with the warehouse"; fin-gardee told a play at 89.2 that the service
                   # had not convinced her; French that no French trainer would write
                   "personne n'a prévenu l'entrepôt", "nobody told the warehouse", "ne l'a pas convaincue",
                   "did not convince her", "Confiance tenue", "Remontés avec", "depuis sa porte",
                   "qu'en discount", "coupez l'élan", "elle prendra la chambre d'amis"):
        assert phrase not in raw, phrase


# Flags that record what the store's mistake cost her, and how each ending's text names them.
COSTS = {
    "sans-lit": ("nuit sans lit", "night without a bed"),
    "attente": ("semaine d'attente", "week’s wait"),
    "avance": ("argent à avancer", "money to advance"),
    "deplacee": ("déplacement", "trip to the store"),
    "paye": ("argent payé", "money paid"),
}


def costs_reaching_each_ending() -> dict[str, set[frozenset[str]]]:
    """Every ending, with each set of costs that some play reaching it has paid (both variants,
    every play: the states are searched, not sampled)."""
    from simulator.play.engine import Play
    sc = scenario()
    found: dict[str, set[frozenset[str]]] = {}
    seen: set = set()

    def walk(p: Play) -> None:
        if p.finished:
            found.setdefault(p.node.id, set()).add(frozenset(p.flags & COSTS.keys()))
            return
        key = (p.node.id, tuple(sorted(p.meters.items())), frozenset(p.flags))
        if key in seen:
            return
        seen.add(key)
        k = len(p.record.steps)
        for i in range(len(p.offered())):
            p.choose(i)
            walk(p)
            p.rewind(k)

    for variant in VARIANTS:
        walk(Play(sc, lang="fr", variant=variant, clock=lambda: 0.0))
    return found


def test_each_ending_names_only_the_costs_of_the_plays_that_reach_it() -> None:
    # fin-servie lists what the mistake cost her: exactly the costs some play reaching it paid
    # (the old text listed "a trip to the store", which no play reaching it has made). The won
    # ending and the settled case say she paid nothing, waited no week and made no trip.
    sc = scenario()
    found = costs_reaching_each_ending()
    servie = sc.nodes["fin-servie"].ending.text
    plain = {lang: servie.get(lang).replace("’", "'").replace("\u202f", " ").replace("\u00a0", " ")
             for lang in ("fr", "en")}
    for flag, (fr, en) in COSTS.items():
        paid = any(flag in costs for costs in found["fin-servie"])
        assert (fr in plain["fr"]) == paid, (flag, fr)
        assert (en.replace("’", "'") in plain["en"]) == paid, (flag, en)
    assert found["fin-confiance"] == {frozenset()}
    assert found["fin-cas-regle"] == {frozenset()}


def test_no_line_echoes_the_one_before_it() -> None:
    # The old file had the desk's narration tell her call ("on lui a apporté le mauvais modèle, et
    # le livreur est reparti sans lui donner de date") and her answer repeat it in the first
    # person; the file narration repeated Yannick's summary. Two texts said one after the other
    # share no run of six words, in either language.
    import re
    sc = scenario()

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[\w']+", text.lower().replace("’", "'"))
        return {tuple(words[i:i + 6]) for i in range(len(words) - 5)}

    for node in sc.nodes.values():
        for choice in node.choices:
            after = sc.nodes[choice.next]
            if node.text is None or after.text is None or after.id == node.id:
                continue
            for lang in ("fr", "en"):
                shared = runs(node.text.get(lang)) & runs(after.text.get(lang))
                assert not shared, (node.id, after.id, lang, shared)


def test_quotes_inside_quotes_are_not_guillemets_again() -> None:
    # French: “ ” inside « » (as in the other stories); English never uses « ».
    import yaml
    data = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))

    def texts(node, lang=None):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from texts(v, k if k in ("fr", "en") else lang)
        elif isinstance(node, list):
            for v in node:
                yield from texts(v, lang)
        elif isinstance(node, str):
            yield lang or data.get("lang", "fr"), node

    for lang, text in texts(data):
        if lang == "en":
            assert "«" not in text and "»" not in text, text
            continue
        depth = 0
        for ch in text:
            if ch == "«":
                depth += 1
                assert depth == 1, text
            elif ch == "»":
                depth -= 1
