"""The warnings `litige check` gives by the scoring rules of 2026-12 (ending-score, no-good-choice,
length-cue, position-cue): each on a fixture of tests/fixtures/scoring/ made for it, located at
the ending or node it concerns (the cues at `nodes:`, they concern the whole scenario), with its
code in brackets; and clean.yaml, written like a shipped story, with no warning at all, through
`check --strict` and `check --strict --lang en`."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, run_cli

from scoring.catalogue import load_catalogue
from simulator.authoring.checker import check_file

SCORING = FIXTURES / "scoring"
CODES = ("ending-score", "no-good-choice", "length-cue", "position-cue")


def _line_of(path, key: str) -> int:
    """The 1-based line where `key:` opens (a node under nodes:, or `nodes` itself)."""
    pattern = re.compile(rf"^{'  ' if key != 'nodes' else ''}{re.escape(key)}:\s*$")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if pattern.match(line):
            return n
    raise AssertionError(f"{key}: not in {path}")


# fixture → [(code, the key it is located at, words of the message)], the whole of its warnings
EXPECTED = {
    "won-below-pass.yaml": [("ending-score", "fin-gagnee", "ending 'fin-gagnee' is won, but a play reaches it "
                                                           "scoring 62.5, below pass_score 70 (litige play --choices 2,2")],
    "lost-above-pass.yaml": [("ending-score", "fin-perdue", "ending 'fin-perdue' is lost, but a play reaches it "
                                                            "scoring 100, at or above pass_score 70")],
    "won-unscored.yaml": [("ending-score", "fin-gagnee", "ending 'fin-gagnee' is won, but a play reaches it without "
                                                         "any judged decision")],
    "no-good-choice.yaml": [("no-good-choice", "diagnostic", "at node 'diagnostic' every choice offered violates a "
                                                             "principle when trust=30")],
    "length-cue.yaml": [("length-cue", "nodes", "the longest answer is a best one in 2 of the 2 nodes whose choices "
                                                "differ in value (text in 'en')")],
    "position-cue.yaml": [("position-cue", "nodes", "choice 1 (as written) is a best answer in 2 of the 2 nodes")],
    "clean.yaml": [],
}


def test_every_fixture_is_listed():
    assert sorted(p.name for p in SCORING.glob("*.yaml")) == sorted(EXPECTED)
    assert {code for v in EXPECTED.values() for code, _, _ in v} == set(CODES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("lang", [None, "en"])
def test_each_warning_on_its_fixture(name, lang):
    path = SCORING / name
    report = check_file(path, load_catalogue(), lang=lang)
    assert not report.errors, report.errors
    got = [(p.code, p.line, p.col, p.message) for p in report.warnings]
    want = EXPECTED[name]
    assert len(got) == len(want), "\n".join(map(str, report.warnings))
    for (code, line, col, message), (want_code, key, words) in zip(got, want):
        assert code == want_code, message
        assert (line, col) == (_line_of(path, key), 1 if key == "nodes" else 3), message
        assert words in message


def test_the_cli_prints_each_warning_located_with_its_code():
    names = [n for n in sorted(EXPECTED) if EXPECTED[n]]
    proc = run_cli("check", "-q", *(str(SCORING / n) for n in names))
    assert proc.returncode == 0, proc.stderr  # warnings only
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == sum(len(EXPECTED[n]) for n in names), lines
    for line in lines:
        m = re.match(r"^(.+?):(\d+):(\d+): warning: (.+) \[([a-z-]+)\]$", line)
        assert m, line
        file, at, code = m.group(1), int(m.group(2)), m.group(5)
        name = file.rsplit("/", 1)[-1]
        assert [(c, _line_of(SCORING / name, k)) for c, k, _ in EXPECTED[name]] == [(code, at)], line
    strict = run_cli("check", "--strict", "-q", *(str(SCORING / n) for n in names))
    assert strict.returncode == 1
    assert all(": error: " in line for line in strict.stdout.strip().splitlines())


@pytest.mark.parametrize("lang", [[], ["--lang", "en"]], ids=["fr", "en"])
def test_the_shipped_like_fixture_passes_strict(lang):
    proc = run_cli("check", "--strict", *lang, str(SCORING / "clean.yaml"), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ": warning: " not in proc.stdout and ": error: " not in proc.stdout
    assert "0 error(s), 0 warning(s)" in proc.stderr


def test_stats_print_the_range_of_each_ending_and_variant():
    proc = run_cli("check", "--stats", str(SCORING / "clean.yaml"), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "score range per ending" in out
    assert re.search(r"fin-gagnee \(won\): 100 – 100 \(--choices 1,2", out), out
    assert re.search(r"fin-perdue \(lost\): 0 – 37\.5 ", out), out
    assert "variant misuse:" in out and "variant faulty:" in out
    # the kept ending: 1,4 (the kindly explanation) is offered in the variant 'misuse' only
    misuse = out.split("variant misuse:")[1].split("variant faulty:")[0]
    faulty = out.split("variant faulty:")[1]
    assert re.search(r"fin-gardee \(kept\): 33\.3 – 75 ", misuse), misuse
    assert re.search(r"fin-gardee \(kept\): 40 – 62\.5 ", faulty), faulty


def test_check_json_gives_the_codes_and_the_ranges():
    import json
    proc = run_cli("check", "--json", str(SCORING / "won-below-pass.yaml"), str(SCORING / "clean.yaml"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    by_name = {f["file"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert [p["code"] for p in by_name["won-below-pass.yaml"]["problems"]] == ["ending-score"]
    score = by_name["clean.yaml"]["summary"]["score"]
    assert score["proven"] is True
    won = score["endings"]["fin-gagnee"]
    assert {k: won[k] for k in ("outcome", "lo", "hi", "lo_play", "hi_play", "unscored")} == {
        "outcome": "won", "lo": 100.0, "hi": 100.0, "lo_play": "1,2", "hi_play": "1,2", "unscored": False}
    assert set(score["variants"]) == {"misuse", "faulty"}


# -- on random scenarios: the warnings say what every play enumerated says, and their plays replay ----

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from random_scenarios import TooLong, enumerate_plays, scenario_dicts, to_scenario, variant_ids  # noqa: E402

from scoring.scorer import score  # noqa: E402
from simulator.authoring.checker import lint  # noqa: E402
from simulator.play.engine import Play, play_script  # noqa: E402

PLAY = re.compile(r"litige play --choices (\(no decision\)|-|[0-9t]+(?:,[0-9t]+)*)(?: --variant ([a-z0-9-]+))?")


def _picks(text: str) -> list:
    return [] if text in ("-", "(no decision)") else [p if p == "t" else int(p) for p in text.split(",")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_dicts())
def test_score_warnings_agree_with_every_play(doc):
    s = to_scenario(doc)
    catalogue = load_catalogue()
    try:
        plays = {v: enumerate_plays(s, v) for v in variant_ids(s)}
    except TooLong:
        assume(False)
        return
    problems = [p for p in lint(s, catalogue) if p.code in CODES]
    assert _reported(s, problems, catalogue) == _expected(s, plays, catalogue), [p.message for p in problems]


def _expected(s, plays, catalogue) -> set[tuple[str, str]]:
    """The score warnings every play, enumerated, calls for: (kind, ending or node)."""
    scores: dict[str, list[float]] = {}
    unscored: set[str] = set()
    for found in plays.values():
        for ending, record, _ in found.ended:
            r = score(s, record, catalogue)
            if r.scaled is None:
                unscored.add(ending)
            else:
                scores.setdefault(ending, []).append(r.scaled)
    outcome = {e: s.nodes[e].ending.outcome for e in set(scores) | unscored}
    want = set()
    for e, values in scores.items():
        if outcome[e] == "won" and min(values) < s.pass_score:
            want.add(("won-low", e))
        if outcome[e] == "lost" and max(values) >= s.pass_score:
            want.add(("lost-high", e))
    want |= {("won-unscored", e) for e in unscored if outcome[e] == "won"}
    want |= {("forced", n) for found in plays.values() for n in found.forced}
    return want


def _reported(s, problems, catalogue) -> set[tuple[str, str]]:
    """The score warnings check gave, as (kind, ending or node), each play it names replayed to
    check that it does what the warning says."""
    got = set()
    for p in problems:
        m = re.search(r"ending '([^']+)' is (won|lost)", p.message)
        if p.code == "ending-score" and "without any judged decision" in p.message:
            got.add(("won-unscored", m.group(1)))
        elif p.code == "ending-score":
            ending = m.group(1)
            value = float(re.search(r"scoring ([\d.]+)", p.message).group(1))
            got.add(("won-low" if m.group(2) == "won" else "lost-high", ending))
            play = PLAY.search(p.message)
            r = score(s, play_script(s, _picks(play.group(1)), variant=play.group(2)).record, catalogue)
            assert (r.ending, r.scaled) == (ending, value), p.message
        elif p.code == "no-good-choice":
            node = re.search(r"at node '([^']+)'", p.message).group(1)
            got.add(("forced", node))
            play = PLAY.search(p.message)
            walk = Play(s, variant=play.group(2), clock=lambda: 0.0)
            for pick in _picks(play.group(1)):
                walk.timeout() if pick == "t" else walk.choose(pick - 1)
            assert walk.node.id == node and all(c.violates for c in walk.offered()), p.message
    return got


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dicts(max_nodes=6))
def test_cue_warnings_by_the_rule(doc):
    """length-cue and position-cue, computed here from the format's page: over the nodes some path
    reaches (guards ignored) whose choices differ in value, a warning when the single longest text
    (in the file's language, or in a translation) is a best choice in more than half of them, or
    when one position as written holds a best choice in more than half of them."""
    s = to_scenario(doc)
    got = set()
    for p in lint(s, load_catalogue()):
        if p.code == "length-cue":
            got.add((p.code, re.search(r"\(text in '(\w+)'\)", p.message).group(1)))
        elif p.code == "position-cue":
            got.add((p.code, re.search(r"choice (\d) \(as written\)", p.message).group(1)))
    assert got == _expected_cues(s)


def _reached(s) -> set[str]:
    """The nodes some path from the start reaches, guards ignored."""
    seen, todo = {s.start}, [s.start]
    while todo:
        node = s.nodes[todo.pop()]
        for nxt in [c.next for c in node.choices] + ([node.on_timeout] if node.on_timeout else []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _expected_cues(s) -> set[tuple[str, str]]:
    """The cue warnings by the format's rule: (code, language or position)."""
    weights = {p.id: p.weight for p in load_catalogue()}
    graded = []
    for nid in _reached(s):
        choices = s.nodes[nid].choices
        values = [sum(weights[p] for p in c.applies) - sum(weights[p] for p in c.violates) for c in choices]
        if len(set(values)) > 1:
            graded.append((choices, {i for i, v in enumerate(values) if v == max(values)}))
    want = set()
    langs = {"fr"} | {lang for choices, _ in graded for c in choices for lang in c.text.values}
    for lang in langs:
        hits = 0
        for choices, best in graded:
            lengths = [len(c.text.get(lang)) for c in choices]
            if lengths.count(max(lengths)) == 1 and lengths.index(max(lengths)) in best:
                hits += 1
        if hits > len(graded) / 2:
            want.add(("length-cue", lang))
    for i in range(9):
        if sum(i in best for _, best in graded) > len(graded) / 2:
            want.add(("position-cue", str(i + 1)))
    return want
