"""Stories from and to Twine (issue 21, items 2 and 3): `litige import STORY.twee` and
`litige export-twee SCENARIO`. Three Twee files written for these tests (SugarCube, Harlowe,
plain links) with the warnings expected at their lines; a round trip of each shipped story;
random Twee-like text; the command line as a subprocess."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_scenarios import scenario_dicts, to_scenario

import scenarios
from simulator.authoring.twine.exporter import export_twee
from simulator.authoring.twine.ids import node_ids
from simulator.authoring.twine.importer import TweeError, import_twee
from simulator.authoring.twine.pieces import split_link
from simulator.authoring.twine.story import parse_story
from simulator.authoring.twine.variables import condition
from simulator.format.loader import parse
from simulator.format.yaml_reader import read

TWEE = FIXTURES / "twee"
SHIPPED = [p.stem for p in scenarios.shipped()]
EN = {"LITIGE_LANG": "en"}  # the tests that read the commands' English words (French: tests/test_twee_fr.py)


def imported(name: str, lang: str | None = None):
    path = TWEE / f"{name}.twee"
    result = import_twee(path.read_text(encoding="utf-8"), str(path), lang)
    scenario, problems = parse(result.yaml, f"{name}.yaml")
    assert [p for p in problems if p.severity == "error"] == [], result.yaml
    assert scenario is not None
    return result, scenario


def notes(result) -> list[tuple[int, int, str]]:
    return [(n.line, n.col, n.message) for n in result.notes]


def guard(choice) -> str | None:
    return choice.when_source


# -- the three stories written for the tests ----------------------------------------------------

def test_sugarcube_story():
    result, s = imported("sugarcube")
    assert notes(result) == [
        (16, 1, "a script passage has no place in a scenario: not imported"),
        (24, 1, "the macro <<audio>> has no equivalent in a scenario: not imported"),
        (36, 1, "condition '$nom is \"Mme B\"' cannot be a guard ('\"Mme B\"' is not a simple comparison): the "
                "links inside it are offered without it"),
        (46, 1, "$confiance is set to 0: an effect is a change ($confiance to $confiance + N); only the start "
                "passage and StoryInit give values: not imported"),
        (48, 1, "the macro <<goto>> has no equivalent in a scenario: not imported"),
    ]
    assert s.id == "le-remboursement-refuse" and s.title.get("fr") == "Le remboursement refusé"
    assert s.start == "Comptoir"
    assert {m.id: m.start for m in s.meters.values()} == {"confiance": 40}  # StoryInit's value
    comptoir = s.nodes["Comptoir"].choices
    assert [(c.text.get("fr"), c.next) for c in comptoir] == [
        ("Écouter sa demande", "Ecoute"), ("Refuser net", "Refus"), ("Proposer un avoir", "Avoir")]
    # entering Écoute adds 20 and sets the flag: the effects of the link into it, and its tag scores it
    assert dict(comptoir[0].effects) == {"confiance": 20} and comptoir[0].set == ("ecoute",)
    assert comptoir[0].applies == ("listen",)
    assert comptoir[1].violates == ("no-blame",) and dict(comptoir[1].effects) == {}  # its `to 0` did not map
    assert guard(comptoir[2]) == "confiance >= 30" and dict(comptoir[2].effects) == {"confiance": -5}
    ecoute = s.nodes["Ecoute"].choices
    assert [guard(c) for c in ecoute] == [
        "ecoute and confiance >= 50",
        "not (ecoute and confiance >= 50) and (confiance < 20)",
        "not (ecoute and confiance >= 50) and not (confiance < 20)",
        None,  # inside a condition that cannot be a guard: kept, without it
    ]
    assert ecoute[0].applies == ("offer-options",)
    assert {n: (s.nodes[n].ending.outcome if s.nodes[n].ending else None) for n in s.nodes} == {
        "Comptoir": None, "Ecoute": None, "Avoir": "kept", "Echange": "won", "Refus": "lost"}


def test_harlowe_story():
    result, s = imported("harlowe", "en")
    assert notes(result) == [
        (20, 1, "the macro (link:) has no equivalent in a scenario: not imported"),
        (20, 17, "the macro (goto:) has no equivalent in a scenario: not imported"),
        (36, 1, "a passage without links is an ending; without a won, kept or lost tag its outcome is 'kept'"),
        (37, 1, "an HTML <script> element has no equivalent in a scenario: not imported"),
    ]
    assert {m.id: m.start for m in s.meters.values()} == {"trust": 50}  # the startup passage's value
    door = s.nodes["Door"].choices
    assert [(c.text.get("fr"), c.next, guard(c)) for c in door] == [
        ("Apologise", "Apology", "trust >= 40"),
        ("Explain the traffic", "Excuses", "not (trust >= 40)"),  # (else:) after the (if:) hook
        ("Blame the warehouse", "Excuses", None),
    ]
    assert dict(door[0].effects) == {"trust": 15} and door[0].set == ("sorry",) and door[0].applies == ("apologize",)
    assert dict(door[2].effects) == {"trust": -30} and door[2].violates == ("own-it",)
    apology = s.nodes["Apology"].choices
    assert [guard(c) for c in apology] == ["sorry and trust > 60", "not (sorry)", None]
    assert s.nodes["Setup"].ending.outcome == "kept"
    assert s.nodes["Setup"].text.get("fr") == "The furniture is in place."  # the script left out


def test_plain_links_story():
    result, s = imported("plain", "en")
    assert notes(result) == [
        (1, 1, "text before the first passage header (':: Name') is not part of any passage: ignored"),
        (12, 1, "no story passage is named 'Missing passage': this link is not imported"),
        (17, 10, "passage metadata is not a JSON object: ignored"),
        (24, 1, "tag 'custom-tag' means nothing in a scenario: not imported"),
        (27, 1, "passage 'Start' is defined twice (first at line 6): this one is ignored"),
    ]
    assert s.start == "Start" and s.id == "a-noisy-neighbour" and s.lang == "en"
    assert [(c.text.get("fr"), c.next) for c in s.nodes["Start"].choices] == [
        ("Turn it down", "Turn-it-down"),  # [[Target]]
        ("Say sorry", "Sorry"),            # [[Text|Target]]
        ("Ignore her", "Ignored"),         # [[Text->Target]]
        ("Shout back", "Argue"),           # [[Target<-Text]]
    ]
    assert s.nodes["Start"].text.get("fr") == "Your neighbour knocks: the music is too loud."
    assert s.nodes["Turn-it-down"].ending.outcome == "won"


@pytest.mark.parametrize("name", ["sugarcube", "harlowe", "plain"])
def test_warnings_are_kept_as_comments_in_the_output(name):
    result, _ = imported(name)
    comments = [line.strip() for line in result.yaml.splitlines() if line.strip().startswith("#")]
    for n in result.notes:
        assert f"# {TWEE / name}.twee:{n.line}:{n.col}: warning: {n.message}" in comments


# -- pieces ------------------------------------------------------------------------------------

def test_link_forms_as_twine_reads_them():
    assert split_link("A->B->C") == ("A->B", "C")  # the rightmost ->
    assert split_link("A<-B<-C") == ("B<-C", "A")  # the leftmost <-
    assert split_link("Go|There") == ("Go", "There")
    assert split_link("There") == ("There", "There")


def test_header_escapes_and_metadata():
    story = parse_story(':: A \\[b\\] [t1 t2] {"position":"1,2"}\nbody\n\n\n:: C\n')
    a = story.passages[0]
    assert (a.name, a.tags, a.metadata, a.body) == ("A [b]", ("t1", "t2"), {"position": "1,2"}, "body")
    assert story.notes == []


def test_node_ids_valid_unique_and_stable():
    ids = node_ids(["Écoute", "a b", "a-b", "a  b!", "", "x"])
    assert ids == {"Écoute": "Ecoute", "a b": "a-b-2", "a-b": "a-b", "a  b!": "a-b-3", "": "passage", "x": "x"}
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", v) for v in ids.values())
    assert node_ids(["Écoute", "a b", "a-b", "a  b!", "", "x"]) == ids


@pytest.mark.parametrize("source, expected", [
    ("$x gte 3", "x >= 3"), ("$x lt 3 or $y", "x < 3 or y"), ("$f is true", "f"), ("$f is false", "not f"),
    ("$x is not 2", "x != 2"), ("!$f && ($x === 4)", "not f and (x == 4)"), ("$x neq 1", "x != 1"),
])
def test_conditions_in_the_guard_language(source, expected):
    assert condition(source, {}) == expected


@pytest.mark.parametrize("source", ['$x is "a"', "$x.length > 2", "visited()", "$x + 1 > 2", "true"])
def test_conditions_that_are_no_guard(source):
    with pytest.raises(ValueError):
        condition(source, {})


# -- round trips of the shipped stories --------------------------------------------------------

def shape(s) -> dict:
    """What a round trip must keep: nodes, choices, guards, effects, principles (and the rest the
    export carries: texts, feedback, meters, variants)."""
    return {
        "start": s.start,
        "meters": {m.id: (m.start, m.label, m.moods) for m in s.meters.values()},
        "variants": s.variants, "title": s.title,
        "nodes": {nid: (n.speaker, n.text, n.time_limit, n.on_timeout, n.ending,
                        [(c.id, c.text, c.next, sorted(c.applies), sorted(c.violates), dict(c.effects), sorted(c.set),
                          sorted(c.unset), re.sub(r", pos=\d+", "", repr(c.when)), c.feedback) for c in n.choices])
                  for nid, n in s.nodes.items()},
    }


@pytest.mark.parametrize("sid", SHIPPED)
def test_round_trip_keeps_each_shipped_story(sid):
    path = scenarios.find(sid)
    original, problems = parse(path.read_bytes(), str(path))
    assert original is not None and not problems
    doc, _ = read(path.read_bytes(), str(path))
    twee = export_twee(doc.data)
    result = import_twee(twee, f"{sid}.twee")
    assert result.notes == []  # nothing of an exported story fails to map
    back, problems = parse(result.yaml, f"{sid}.yaml")
    assert [p for p in problems if p.severity == "error"] == []
    assert back is not None
    assert shape(back) == shape(original)
    assert sum(len(n.choices) for n in back.nodes.values()) == sum(len(n.choices) for n in original.nodes.values())


def test_export_puts_guards_in_sugarcube_ifs_and_principles_in_tags():
    path = scenarios.find("shrunken-sweater")
    doc, _ = read(path.read_bytes(), str(path))
    twee = export_twee(doc.data)
    assert twee.startswith(":: StoryTitle\nLe pull qui a rétréci\n")
    assert '"start": "accueil"' in twee
    assert re.search(r"^<<if \$trust >= \d+", twee, re.M)  # a guard SugarCube plays
    assert re.search(r"\[\$trust [+-]= \d+", twee)  # effects as a setter link
    assert re.search(r"^:: \S+ \[[^\]]*(applies|violates):[a-z-]+", twee, re.M)
    assert re.search(r"^:: \S+ \[(won|kept|lost)", twee, re.M)
    story = parse_story(twee)
    assert story.notes == []
    # a hyphenated flag is a valid SugarCube variable, named back by the data passage
    assert "$washed_hot" in twee and "washed_hot: washed-hot" in twee


def test_a_trainer_edits_the_exported_story_in_twine():
    """A link added in Twine with a plain setter and a passage's text changed: both come back."""
    path = scenarios.find("wrong-bed")
    doc, _ = read(path.read_bytes(), str(path))
    twee = export_twee(doc.data)
    twee = twee.replace("\n\n\n:: choquee ", "\n[[Partir->fin-perdue][$trust to $trust - 40]]\n\n\n:: choquee ", 1)
    result = import_twee(twee, "edited.twee")
    s, problems = parse(result.yaml, "edited.yaml")
    assert s is not None, problems
    added = s.nodes[s.start].choices[-1]
    assert (added.text.get("fr"), added.next, dict(added.effects)) == ("Partir", "fin-perdue", {"trust": -40})


# -- anything at all ---------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "::", ":: ", ":: A", ":: B [won]", ":: C [lost applies:listen]", ":: StoryData", ":: StoryTitle", ":: Start",
    "\n", " ", "[[", "]]", "|", "->", "<-", "[", "]", "{", "}", '{"start": "B"}', "\\", "/*", "*/", "<!--", "-->",
    "<<if $x gte 3>>", "<<elseif $f>>", "<<else>>", "<</if>>", "<<set $x to 3>>", "<<set $x to $x + 2>>",
    "<<set $f to true>>", "<<goto 'A'>>", "(if: $x > 2)[", "(else:)[", "(set: $x to it - 1)", "(link: 'a')[",
    "(set: $f to false)", "A", "B", "C", "é", "«", "\t", "0", "<script>", "::StoryInit\n", "[script]", "litige-data",
    "/* litige-choice: {\"id\": 3} */", "/* litige-node: {\"speaker\": \"narrator\"} */", "[[A]]", "[[go->B]]",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=60))
def test_random_twee_like_text_never_crashes_the_importer(parts):
    text = "".join(parts)
    try:
        result = import_twee(text, "r.twee")
    except TweeError as exc:
        assert exc.message and "\n" not in exc.message
        return
    for n in result.notes:
        assert n.line >= 1 and n.col >= 1 and "\n" not in n.message
    scenario, problems = parse(result.yaml, "r.yaml")
    assert [p for p in problems if p.severity == "error"] == [], (text, result.yaml)


# -- the command line --------------------------------------------------------------------------

def test_cli_import_writes_the_scenario_and_says_the_warnings(tmp_path: Path):
    out = tmp_path / "s.yaml"
    story = TWEE / "sugarcube.twee"
    proc = run_cli("import", str(story), "--out", str(out), env=EN)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 5 and all(re.match(rf"{re.escape(str(story))}:\d+:\d+: warning: ", x) for x in lines)
    assert lines[0] == f"{story}:16:1: warning: a script passage has no place in a scenario: not imported"
    check = run_cli("check", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    printed = run_cli("import", str(story), env=EN)
    assert printed.returncode == 0 and printed.stdout == out.read_text(encoding="utf-8")


def test_cli_round_trip_through_both_commands(tmp_path: Path):
    twee, back = tmp_path / "a.twee", tmp_path / "a.yaml"
    proc = run_cli("export-twee", "angry-comment", "--out", str(twee))
    assert proc.returncode == 0 and proc.stderr == ""
    proc = run_cli("import", str(twee), "--out", str(back))
    assert proc.returncode == 0 and proc.stderr == ""
    assert run_cli("check", "--strict", str(back)).returncode == 0
    printed = run_cli("export-twee", "angry-comment")
    assert printed.stdout == twee.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, code, start", [
    (["import", "nowhere.twee"], 2, "litige: error: nowhere.twee: cannot read file"),
    (["export-twee", "no-such-story"], 2, "litige: error: unknown scenario 'no-such-story'"),
])
def test_cli_errors_are_one_line(args, code, start):
    proc = run_cli(*args, env=EN)
    assert proc.returncode == code
    assert proc.stderr.startswith(start) and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_cli_import_of_a_file_without_passages_or_not_utf8(tmp_path: Path):
    empty = tmp_path / "e.twee"
    empty.write_text("just words\n", encoding="utf-8")
    proc = run_cli("import", str(empty), env=EN)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == f"{empty}:1:1: error: no passage: a Twee file is made of passages, each starting with a " \
                          "line ':: Name'\n"
    latin = tmp_path / "l.twee"
    latin.write_bytes(":: Start\ncaf\xe9\n".encode("latin-1"))
    proc = run_cli("import", str(latin), env=EN)
    assert proc.returncode == 1 and proc.stderr == f"{latin}:2:1: error: not UTF-8 text (Twee files are UTF-8)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [litige/1\n", encoding="utf-8")
    proc = run_cli("export-twee", str(bad), env=EN)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"{bad}:2:1: error: ") and proc.stderr.count("\n") == 1  # check's message


MARKUP_TEXTS = st.sampled_from(["", " (voir: page 3)", " [[pas un lien]]", " <<pas une macro>>", " /* pas un "
                                "commentaire */", "\n:: pas un passage", " <script>x</script>", "\n\nSuite.", " a|b->c"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dicts(), st.lists(MARKUP_TEXTS, min_size=4, max_size=4))
def test_round_trip_of_random_scenarios(doc, extra):
    """Random valid scenarios (tests/random_scenarios.py), with texts holding what Twine would read
    as markup, come back the same; a flag a choice both unsets and sets comes back set (the game
    turns `unset` off first, then `set` on), which is what it did."""
    first = next(iter(doc["nodes"].values()))
    first["text"] += extra[0] + extra[1]
    for c in first.get("choices", ())[:1]:
        c["text"] = (c["text"] if isinstance(c["text"], str) else c["text"]["fr"]) + extra[2]
    doc["summary"] = "x" + extra[3]
    original = to_scenario(doc)
    result = import_twee(export_twee(doc), "gen.twee")
    assert result.notes == []
    back, problems = parse(result.yaml, "gen.yaml")
    assert back is not None, problems
    want = shape(original)
    for node in want["nodes"].values():
        for i, c in enumerate(node[5]):
            node[5][i] = (*c[:7], sorted(set(c[7]) - set(c[6])), *c[8:])
    assert shape(back) == want


def test_a_time_limit_whose_passage_was_renamed_or_removed_in_twine():
    """An exported node's time limit names its passage in the litige-node comment: a passage
    renamed in Twine takes its new id; one deleted drops the time limit with a warning (the
    scenario would not load with an on_timeout naming no node)."""
    doc = {"format": "litige/1", "id": "t", "title": "t", "start": "a", "nodes": {
        "a": {"text": "Hello?", "time_limit": 20, "on_timeout": "gone",
              "choices": [{"text": "Hi", "next": "b"}, {"text": "Bye", "next": "gone"}]},
        "b": {"text": "Good.", "ending": {"outcome": "won", "title": "B"}},
        "gone": {"text": "Gone.", "ending": {"outcome": "lost", "title": "G"}}}}
    twee = export_twee(doc)
    kept = parse(import_twee(twee, "t.twee").yaml, "t.yaml")[0]
    assert (kept.nodes["a"].time_limit, kept.nodes["a"].on_timeout) == (20, "gone")
    cut = twee.replace("[[Bye|gone]]", "").split("\n\n\n:: gone ")[0] + "\n"
    result = import_twee(cut, "t.twee")
    line = next(i for i, text in enumerate(cut.splitlines(), 1) if text.startswith(":: a "))
    assert [(n.line, n.message) for n in result.notes] == [
        (line, "the time limit's passage 'gone' is no longer in the story: the time limit is not imported")]
    s, problems = parse(result.yaml, "t.yaml")
    assert s is not None and s.nodes["a"].time_limit is None, problems


@pytest.mark.parametrize("body", ["[[" * 100_000, "<<" * 100_000, "(a:" * 30_000, "[[a]] <<set $x to $x + 1>>\n" * 10_000])
def test_a_large_or_broken_passage_is_read_in_linear_time(body):
    """Each unclosed '[[' looked to the end of the passage for ']]' (and gave a warning each), each
    '(name:' to the end for ')', and locating a piece counted the lines before it: such a story
    of a few hundred kilobytes took minutes (280 s for 200,000 '[['). Now at most one warning per
    kind of unclosed opener, a bounded look-ahead, and located by a search."""
    import time
    start = time.perf_counter()
    result = import_twee(":: Start\n" + body, "big.twee")
    assert time.perf_counter() - start < 30
    assert len([n for n in result.notes if "not closed" in n.message]) <= 1


def test_cli_import_says_when_hand_edited_litige_data_makes_a_scenario_with_errors(tmp_path: Path):
    """A Twine story always makes a scenario that loads; an exported one whose litige-data passage
    was edited by hand may not: the import says so in one line and exits 1 (it exited 0)."""
    story = tmp_path / "s.twee"
    story.write_text(":: LitigeScenario [litige-data]\npass_score: 500\n\n:: Start\nHi.\n", encoding="utf-8")
    proc = run_cli("import", str(story), "--out", str(tmp_path / "s.yaml"), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1 and (tmp_path / "s.yaml").exists()
    last = proc.stderr.splitlines()[-1]
    assert last.startswith("litige: error: the scenario made has 1 error(s), the first at line ")
    assert last.endswith("; `litige check` lists them")
