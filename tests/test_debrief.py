"""The debrief model and its renderers (issue 16, items 1 to 5), on tests/fixtures/debrief-phone.yaml.

Hand-worked figures (see the fixture's header): the play 2,2,t,1 in variant `faulty` blames him
(0/5 points, calm 40 → 20), offers a repair (2/3, calm 25), lets the time run out (0/1) and, calm
under 30, ends lost: 2/9 = 22.2. Its things to work on are no-blame (violated, weight 2), then
apologize (missed, weight 2), then listen (missed, weight 1, met before offer-options and
explain-repair), all at step 1 where "I am sorry, let me look at it." was best. The best play
is 3,1,1,1: 100/100, won."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, play_json, run_cli

from scoring.catalogue import load_catalogue
from scoring.debrief import best_play, build
from scoring.debrief_render import render_json, render_markdown, render_text
from simulator.format.loader import load
from simulator.play.engine import play_script

PHONE = str(FIXTURES / "debrief-phone.yaml")
PLAY = "2,2,t,1"
FEEDBACK_TAKEN = {  # the feedback of each choice the play takes (the time-out has none)
    "en": ["Blaming him sets him against you.", "A fix, but he has no say.", "He leaves unconvinced."],
    "fr": ["L’accuser le braque contre vous.", "Une solution, mais il n’a pas son mot à dire.",
           "Il repart sans être convaincu."],
}
FEEDBACK_BETTER = {  # the feedback of the better choice where the play's was not the best
    "en": ["An apology and a look: he feels taken seriously.", "A choice gives him back control.",
           "Showing the fault builds trust."],
    "fr": ["Des excuses et un regard\u00a0: il se sent pris au sérieux.", "Le choix lui rend la main.",
           "Montrer la panne installe la confiance."],
}
SPELT_OUT = {
    "en": ["LAST (Listen, Apologise, Solve, Thank)", "HEARD (Hear, Empathise, Apologise, Resolve, Diagnose)",
           "BLAST (Believe, Listen, Apologise, Satisfy, Thank)",
           "ISO 10002:2018, clause 4.11 (customer-focused approach)",
           "Interactional justice, fair treatment (Tax, Brown & Chandrashekaran 1998)"],
    "fr": ["LAST (Listen, Apologise, Solve, Thank\u00a0: écouter, s’excuser, résoudre, remercier)",
           "HEARD (Hear, Empathise, Apologise, Resolve, Diagnose\u00a0: entendre, faire preuve d’empathie, "
           "s’excuser, résoudre, diagnostiquer)",
           "BLAST (Believe, Listen, Apologise, Satisfy, Thank\u00a0: croire le client, écouter, s’excuser, "
           "satisfaire, remercier)",
           "ISO 10002:2018, article 4.11 (approche centrée sur le client)",
           "Justice interactionnelle, un traitement équitable (Tax, Brown et Chandrashekaran 1998)"],
}


@pytest.fixture(scope="module")
def scenario():
    return load(PHONE)


def debrief(scenario, picks: str = PLAY, lang: str = "en", variant: str = "faulty"):
    return build(scenario, play_script(scenario, picks, variant=variant).record, lang=lang)


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_litige_play_prints_the_step_by_step_debrief(lang):
    proc = run_cli("play", PHONE, "--choices", PLAY, "--variant", "faulty", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for text in FEEDBACK_TAKEN[lang] + FEEDBACK_BETTER[lang]:
        assert text in out, text
    # each step once, in order, in the step-by-step section: not once per principle
    steps = section(out, {"en": "Step by step", "fr": "Étape par étape"}[lang],
                    {"en": "Why this ending", "fr": "Pourquoi cette fin"}[lang])
    assert re.findall(r"(?m)^  (\d+)\. ", steps) == ["1", "2", "3", "4"]
    assert out.count(FEEDBACK_TAKEN[lang][0]) == 1
    if lang == "en":
        assert "Score: 22.2/100 — Not passed" in out
        assert "Credit: fault (0/5 pts)" in steps and "Credit: good (2/3 pts)" in steps
        assert "Credit: weak (0/1 pts)" in steps and "Credit: not scored" in steps
        assert "You: (time ran out, no answer)" in steps
        assert "What had really happened: The battery was faulty." in out
        assert "Calm 40 (annoyed) → 25 (furious)" in out
        assert "step 1: −20 — “You must have dropped it.”" in out
        assert "step 2: +5 — “We repair it; it takes a week.”" in out
        work_on = section(out, "To work on first", "Step by step")
        assert re.findall(r"(?m)^  (\d\. .*)$", work_on) == [
            "1. ✗ Never blame the customer — violated", "2. ○ Apologise sincerely — missed",
            "3. ○ Listen first — missed"]
        assert "Instead: “I am sorry, let me look at it.”" in work_on
        model = out[out.index("The model conversation"):]
        assert "(100/100, ending: A reassured customer)" in model
        assert "Your answer: “You must have dropped it.”" in model
        assert "(your answer too)" in model  # the same words at the last step
    else:
        assert "Score\u00a0: 22,2/100 — Non réussi" in out
        assert "Note\u00a0: faute (0/5 pts)" in steps
        assert "Calme 40 (agacé) → 25 (furieux)" in out
        assert "À travailler d’abord" in out and "La conversation modèle" in out
        assert "«\u202fJe suis désolé, montrez-le-moi.\u202f»" in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_frameworks_spelt_out_and_only_this_storys_sources(lang):
    out = run_cli("play", PHONE, "--choices", "1,3,2,1", "--variant", "dropped", "--lang", lang).stdout
    for name in SPELT_OUT[lang]:
        assert name in out, name
    assert "Repairs explained" in out  # the story's own source of its own principle
    assert "Someone Else" not in out  # another story's source of that principle
    assert "Le litige client" not in out  # the catalogue's sources of `listen` are other stories'
    assert "ACPR" not in out  # follow-up is judged, but this story is not a bank's
    assert "He had dropped it in the sink." in out or "Il l’avait fait tomber dans l’évier." in out


@pytest.mark.parametrize("lang, acpr", [("en", "ACPR 2022-R-01 (French banks and insurers)"),
                                        ("fr", "Recommandation ACPR 2022-R-01 (banques et assurances)")])
def test_the_acpr_only_for_a_bank(tmp_path: Path, lang, acpr):
    bank = tmp_path / "bank.yaml"
    bank.write_text(Path(PHONE).read_text(encoding="utf-8").replace("tags: [retail]", "tags: [bank]"),
                    encoding="utf-8")
    assert acpr in run_cli("play", str(bank), "--choices", PLAY, "--variant", "faulty", "--lang", lang).stdout


def test_play_json_has_the_debrief():
    data = play_json(PHONE, PLAY, "--variant", "faulty", "--lang", "en")
    d = data["debrief"]
    assert [s["number"] for s in d["steps"]] == [1, 2, 3, 4]
    assert [(s["credit"], s["points"], s["stake"]) for s in d["steps"]] == [
        ("fault", 0, 5), ("good", 2, 3), ("weak", 0, 1), ("unscored", 0, 0)]
    assert [s["answer"]["feedback"] if s["answer"] else None for s in d["steps"]] == [
        "Blaming him sets him against you.", "A fix, but he has no say.", None, "He leaves unconvinced."]
    assert [s["better"]["choice"] if s["better"] else None for s in d["steps"]] == ["sorry", "options", "show", None]
    assert [(w["principle"], w["step"]) for w in d["work_on"]] == [("no-blame", 0), ("apologize", 0), ("listen", 0)]
    assert all(w["instead"]["choice"] == "sorry" for w in d["work_on"])
    assert d["meters"] == [{"id": "calm", "label": "Calm", "start": 40, "end": 25, "start_mood": "annoyed",
                            "end_mood": "furious", "course": "Calm 40 (annoyed) → 25 (furious)",
                            "moves": [{"step": 0, "number": 1, "delta": -20, "signed": "−20",
                                       "answer": "You must have dropped it."},
                                      {"step": 1, "number": 2, "delta": 5, "signed": "+5",
                                       "answer": "We repair it; it takes a week."}]}]
    assert [(p["id"], p["verdict"]) for p in d["principles"]] == [
        ("no-blame", "violated"), ("apologize", "missed"), ("listen", "missed"), ("offer-options", "missed"),
        ("explain-repair", "missed"), ("follow-up", "mastered")]
    assert d["score"] == {"scaled": 22.2, "text": "22.2/100", "passed": False, "passed_word": "Not passed"}
    m = d["model"]
    assert (m["picks"], m["proven"], m["scaled"], m["outcome"], m["variant"]) == (
        "3,1,1,1", True, 100.0, "won", "faulty")
    assert [s["same"] for s in m["steps"]] == [False, False, False, True]
    assert m["steps"][2]["yours_timed_out"] is True


def test_a_best_play_has_every_feedback_and_nothing_to_work_on(scenario):
    d = debrief(scenario, "3,1,1,1")
    assert d.work_on == () and all(s.credit in ("best", "unscored") for s in d.steps)
    assert all(s.better is None for s in d.steps)
    assert all(s.same for s in d.model.steps)
    text = render_text(d)
    for feedback in ("An apology and a look", "A choice gives him back control.", "Showing the fault",
                     "He leaves happy."):
        assert feedback in text


def test_the_model_is_played_in_the_variant_played(scenario):
    # in `dropped` calm starts at 30: the best play still wins, and is the proven one
    assert best_play(scenario, load_catalogue(), "dropped") == (("3", "1", "1", "1"), True)
    assert debrief(scenario, variant="dropped").model.variant == "dropped"


def test_renderers_share_the_model_and_its_language(scenario):
    d = debrief(scenario, lang="en")
    md = render_markdown(d, "fr")
    assert md.startswith("# Débriefing — Le téléphone en panne")
    assert "## Étape par étape" in md and "## Pourquoi cette fin" in md and "## La conversation modèle" in md
    assert "| ✗ | Ne jamais accuser le client (`no-blame`) | enfreint |" in md
    assert render_text(d) == render_text(d.in_lang("fr"), "en")
    assert render_json(d, "fr")["steps"][0]["credit_word"] == "faute"
    assert d.in_lang("en") is d


def test_the_model_holds_plain_strings_for_the_game(scenario):
    """The game's debrief screen renders the model as it is: every shown string plain (no Rich
    markup), in the debrief's language."""
    d = debrief(scenario, lang="fr")
    data = render_json(d)

    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for v in x.values():
                yield from strings(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                yield from strings(v)
    shown = list(strings(data))
    assert not [s for s in shown if re.search(r"\[/?(bold|italic|dim|red|green)", s)]
    assert d.steps[0].speaker == "M. Roche" and d.steps[2].speaker == "Narration"
    assert d.table[0].symbol == "✗" and d.table[0].verdict_word == "enfreint"


def test_an_unproven_search_falls_back_to_the_best_answer_at_each_step(scenario, monkeypatch):
    import scoring.ranges
    monkeypatch.setattr(scoring.ranges, "best_play", lambda *args, **kw: None)  # the search did not finish
    monkeypatch.delitem(scenario.__dict__, "_model_plays", raising=False)  # searched once per scenario
    assert best_play(scenario, load_catalogue(), "faulty") == (("3", "1", "1", "1"), False)
    d = debrief(scenario)
    assert d.model is not None and d.model.proven is False and d.model.scaled == 100.0
    assert "(the best answer at each step: the full search did not finish)" in render_text(d)


def test_a_revisit_is_not_scored_and_shows_its_feedback():
    loop = load(FIXTURES / "loop-timer.yaml")
    d = build(loop, play_script(loop, "1,t,1,1").record, lang="en")
    assert [(s.node, s.credit, s.judged) for s in d.steps][:2] == [
        ("hello", "best", True), ("hello", "unscored", False)]
    assert d.steps[2].credit == "unscored" and d.steps[2].answer.feedback == "Good."
    assert "Credit: not scored" in render_text(d)
