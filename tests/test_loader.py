from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, run_cli

import scenarios
from simulator.format.errors import ScenarioError
from simulator.format.loader import load, load_text

BROKEN = FIXTURES / "broken"

# Each broken fixture and the one located problem it must give: (line, column, words).
EXPECTED = {
    "syntax-error.yaml": (9, 1, "YAML syntax error"),
    "unknown-key.yaml": (10, 9, "unknown key 'nxet' in choice 1 of node 'a' (did you mean 'next'?)"),
    "missing-next.yaml": (10, 15, "next names no node: 'fni' (did you mean 'fin'?)"),
    "unknown-principle.yaml": (10, 19, "unknown principle 'lisen' (did you mean 'listen'?)"),
    "bad-guard.yaml": (12, 25, "bad guard 'trust >= and calm': expected an integer"),
    "unknown-meter.yaml": (12, 19, "unknown meter 'trsut' (did you mean 'trust'?)"),
    "alias.yaml": (7, 11, "YAML anchor '&hello' is not allowed"),
    "duplicate-key.yaml": (11, 3, "duplicate key 'a' (first at line 6)"),
    "oversized.yaml": (1, 1, "limited to 1 MiB"),
    "choice-and-ending.yaml": (7, 5, "has both choices and an ending"),
    "too-many-choices.yaml": (9, 7, "has 10 choices; at most 9"),
    "custom-tag.yaml": (3, 8, "custom or unsupported YAML tag"),
    "timeout-missing-node.yaml": (9, 17, "on_timeout names no node: 'silnce' (did you mean 'silence'?)"),
    "duplicate-choice-id.yaml": (12, 13, "choice id 'ecouter' is used twice in node 'a'"),
    "ending-time-limit.yaml": (12, 5, "ending node 'fin' cannot have a time limit"),
    "applies-and-violates.yaml": (11, 19, "a choice cannot both apply and violate listen"),
    "non-text-when.yaml": (12, 15, "when must be a guard written as text"),
    "bad-outcome.yaml": (13, 23, "outcome must be one of won, kept, lost, found 'wonn' (did you mean 'won'?)"),
    "empty-choices.yaml": (8, 14, "choices must be a non-empty list"),
}
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def test_every_broken_fixture_is_listed():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_located_message(name):
    line, col, words = EXPECTED[name]
    with pytest.raises(ScenarioError) as info:
        load(BROKEN / name)
    first = info.value.errors[0]
    assert (first.line, first.col) == (line, col), str(first)
    assert words in first.message
    assert str(first).startswith(f"{BROKEN / name}:{line}:{col}: error: ")


def test_check_on_broken_folder_one_line_per_problem_no_traceback():
    proc = run_cli("check", str(BROKEN))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    files = {LINE.match(l).group("file").rsplit("/", 1)[-1] for l in lines}
    assert files == set(EXPECTED)
    for l in lines:
        assert LINE.match(l), l
    # alias.yaml reports its anchor and its alias, unknown-meter.yaml an effect and a guard;
    # every other file exactly one problem
    assert len(lines) == len(EXPECTED) + 2


def test_check_shipped_scenarios_clean():
    proc = run_cli("check", "--strict", "scenarios/", env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 error(s), 0 warning(s)" in proc.stderr


def test_all_errors_of_a_file_in_one_pass():
    text = """format: litige/2
id: Bad_Id
title: x
start: nowhere
colour: red
nodes:
  a:
    speaker: client
    text: hi
    choices:
      - text: x
        next: b
        effects: {mood: 1}
        applies: [listen]
"""
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    messages = [p.message for p in info.value.errors]
    assert len(messages) == 7, messages
    assert any("format must be 'litige/1'" in m for m in messages)
    assert any("scenario id 'Bad_Id'" in m for m in messages)
    assert any("start names no node" in m for m in messages)
    assert any("unknown key 'colour'" in m for m in messages)
    assert any("speaker must be one of" in m for m in messages)
    assert any("next names no node: 'b'" in m for m in messages)
    assert any("unknown meter 'mood'" in m for m in messages)


@pytest.mark.parametrize("snippet, words", [
    ("time_limit: 10", "time_limit needs on_timeout"),
    ("on_timeout: a", "on_timeout needs a time_limit"),
    ("speaker: custmer", "did you mean 'customer'?"),
])
def test_node_rules(snippet, words):
    text = f"""format: litige/1
id: t
title: t
start: a
nodes:
  a:
    text: hi
    {snippet}
    choices: [{{text: x, next: e}}]
  e:
    text: bye
    ending: {{outcome: won, title: e}}
"""
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    assert any(words in p.message for p in info.value.errors), info.value


def test_guard_flag_and_meter_misuse_are_errors():
    text = """format: litige/1
id: t
title: t
meters: {trust: {start: 10}}
start: a
nodes:
  a:
    text: hi
    choices:
      - {text: x, next: e, set: [calm]}
      - {text: y, next: e, when: "trust and calm > 3"}
  e:
    text: bye
    ending: {outcome: won, title: e}
"""
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    msgs = " | ".join(p.message for p in info.value.errors)
    assert "meter 'trust' needs a comparison" in msgs
    assert "'calm', which is a flag, not a meter" in msgs
    cols = sorted(p.col for p in info.value.errors)
    assert cols == [35, 45]  # the guard's own columns, inside the quoted string


def test_shipped_scenarios_load():
    assert scenarios.shipped(), "no shipped scenario"
    for path in scenarios.shipped():
        s = load(path)
        assert s.id == path.stem


def test_markup_is_kept_as_plain_text():
    text = """format: litige/1
id: t
title: "[bold red]x[/]"
start: e
nodes:
  e:
    text: "[link=x]y[/link] [bold]"
    ending: {outcome: won, title: e}
"""
    s = load_text(text, "t.yaml")
    assert s.title.get() == "[bold red]x[/]"
    assert s.nodes["e"].text.get() == "[link=x]y[/link] [bold]"


# Escapes a double-quoted YAML string may hold, and raw characters YAML itself lets through:
# each is a character a terminal would interpret, or one that reorders what is shown.
@pytest.mark.parametrize("written, code, name", [
    ('"\\e[31mred"', "U+001B", "escape"),
    ('"\\e]0;pwned\\a"', "U+001B", "escape"),
    ('"\\x1b[2J"', "U+001B", "escape"),
    ('"a\\0b"', "U+0000", "null"),
    ('"a\\x7fb"', "U+007F", "delete"),
    ('"a\\x9bb"', "U+009B", "control sequence introducer"),
    ('"a\\u202Eb"', "U+202E", "right-to-left override"),
    ('"a\\u2066b"', "U+2066", "left-to-right isolate"),
    ('a\u202eb', "U+202E", "right-to-left override"),
    ('"a\\rb"', "U+000D", "carriage return"),
])
def test_control_characters_in_text_are_located_errors(written, code, name):
    text = f"""format: litige/1
id: t
title: t
start: e
nodes:
  e:
    text: {written}
    ending: {{outcome: won, title: e}}
"""
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    (err,) = info.value.errors
    assert (err.line, err.col) == (7, 11), str(err)
    assert err.message == f"text contains the control character {code} ({name}); remove it"


def test_tab_and_newline_escapes_are_allowed():
    text = 'format: litige/1\nid: t\ntitle: "a\\tb\\nc"\nstart: e\nnodes:\n  e:\n    text: x\n' \
           '    ending: {outcome: won, title: e}\n'
    assert load_text(text, "t.yaml").title.get() == "a\tb\nc"


def test_raw_control_byte_is_located_on_one_line():
    raw = "format: litige/1\nid: t\ntitle: ééé\x07\n".encode()
    with pytest.raises(ScenarioError) as info:
        load_text(raw, "t.yaml")
    (err,) = info.value.errors
    assert str(err) == "t.yaml:3:11: error: the file contains the control character U+0007 (bell); remove it"


SPEC_ENDING = """format: litige/1
id: my--story
title: t
start: a
nodes:
  a:
    text: hi
    choices:
      - {id: ask-, text: x, next: Fin_Fidele}
  Fin_Fidele:
    ending:
      outcome: won
      title: {fr: Cliente fidélisée, en: A loyal customer}
      text: La cliente repart contente.
"""


def test_spec_example_ending_with_its_text_inside_ending_loads():
    s = load_text(SPEC_ENDING, "t.yaml")
    end = s.nodes["Fin_Fidele"]
    assert end.text.get() == "La cliente repart contente."
    assert end.ending.text is None  # shown once, as the node's text
    assert s.id == "my--story" and s.nodes["a"].choices[0].id == "ask-"


def test_ending_with_both_texts_keeps_both():
    s = load_text(SPEC_ENDING.replace("    ending:\n", "    text: Merci.\n    ending:\n"), "t.yaml")
    end = s.nodes["Fin_Fidele"]
    assert end.text.get() == "Merci." and end.ending.text.get() == "La cliente repart contente."


def test_ending_without_any_text_is_an_error():
    with pytest.raises(ScenarioError) as info:
        load_text(SPEC_ENDING.replace("      text: La cliente repart contente.\n", ""), "t.yaml")
    assert [p.message for p in info.value.errors] == ["missing required key 'text' in node 'Fin_Fidele'"]


METERS = """format: litige/1
id: t
title: t
meters: {METER: {start: START}}
start: a
nodes:
  a:
    text: hi
    choices:
      - {text: x, next: e, effects: {METER: 5}, when: "METER >= 10"}
      - {text: y, next: e}
  e:
    text: bye
    ending: {outcome: won, title: e}
"""


@pytest.mark.parametrize("meter", ["trust_level", "Trust", "trust-2", "_x", "Confiance"])
def test_meter_ids_a_trainer_would_write_load(meter):
    s = load_text(METERS.replace("METER", meter).replace("START", "40"), "t.yaml")
    assert s.nodes["a"].choices[0].effects == {meter: 5}


@pytest.mark.parametrize("meter, start, message", [
    ("2trust", "40", "meter id '2trust' must be one word"),
    ("and", "40", "meter id 'and' must be one word"),
    ("trust", "101", "start must be 0..100, found 101"),
])
def test_invalid_declared_meter_gives_one_error_not_knock_ons(meter, start, message):
    with pytest.raises(ScenarioError) as info:
        load_text(METERS.replace("METER", meter).replace("START", start), "t.yaml")
    messages = [p.message for p in info.value.errors]
    assert message in messages[0], messages
    assert not any("unknown meter" in m or "declare it" in m for m in messages), messages
    # the guard naming it is reported only when it cannot be read at all (a number or a keyword)
    assert len(messages) == (1 if start == "101" else 2), messages


@pytest.mark.parametrize("nid", ["Accueil", "step_2", "2", "n-1"])
def test_node_ids_a_trainer_would_write_load(nid):
    s = load_text(SPEC_ENDING.replace("Fin_Fidele", nid), "t.yaml")
    assert nid in s.nodes


def test_node_id_with_a_space_or_dot_is_an_error():
    with pytest.raises(ScenarioError) as info:
        load_text(SPEC_ENDING.replace("Fin_Fidele", "fin.ok"), "t.yaml")
    assert any("node id 'fin.ok' must be one word" in p.message for p in info.value.errors)


SYNTAX = FIXTURES / "yaml-syntax"

# The YAML mistakes trainers make most, and the plain hint each must get after PyYAML's message
# (which stays, with the location, for whoever searches it).
SYNTAX_HINTS = {
    "tab-indent.yaml": (7, 1, "found character that cannot start any token",
                        "indented with a tab: indent with spaces only"),
    "colon-in-text.yaml": (7, 20, "mapping values are not allowed in this context",
                           'this text contains ": "', 'text: "Attention: le colis est arrivé ouvert."'),
    "bad-indent.yaml": (8, 4, "did not find expected key",
                        "check the indentation of line 8 against the line above"),
}


@pytest.mark.parametrize("name", sorted(SYNTAX_HINTS))
def test_yaml_syntax_error_keeps_location_and_message_and_adds_a_hint(name):
    line, col, pyyaml, *hints = SYNTAX_HINTS[name]
    proc = run_cli("check", str(SYNTAX / name), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"{SYNTAX / name}:{line}:{col}: error: YAML syntax error: {pyyaml}"), first
    assert ". Hint: " in first
    for words in hints:
        assert words in first, first


def test_every_yaml_syntax_fixture_is_listed():
    assert sorted(p.name for p in SYNTAX.glob("*.yaml")) == sorted(SYNTAX_HINTS)


def test_colon_hint_is_not_given_for_an_indentation_slip():
    """`key: value` then a line indented too far: the same PyYAML message, but the ': ' is not in
    a text, so the hint is about indentation, not quotes."""
    with pytest.raises(ScenarioError) as info:
        load_text("format: litige/1\nnodes:\n  a:\n    text: hi\n      speaker: you\n", "x.yaml")
    message = info.value.errors[0].message
    assert "mapping values are not allowed" in message
    assert "indentation of line 5" in message and "quotes" not in message


def test_unclosed_quote_hint_names_where_it_opened():
    with pytest.raises(ScenarioError) as info:
        load(BROKEN / "syntax-error.yaml")
    assert "a quote opened at line 7 is never closed" in info.value.errors[0].message


@pytest.mark.parametrize("text, line, col, words", [
    ("x: " + "[" * 500 + "]" * 500 + "\n", 1, 43, "nested too deeply (more than 40 levels)"),
    ('a: !!int "x"\n', 1, 4, "'x' is not a valid !!int value"),
    ('a: !!float "x"\n', 1, 4, "'x' is not a valid !!float value"),
    ("!foo id: t\n", 1, 1, "custom or unsupported YAML tag '!foo' on a key"),
    ("<<: {x: 1}\ntitle: 5\n", 1, 1, "YAML merge keys ('<<') are not allowed"),
    ('nodes: {a: {choices: [{when: "' + "(" * 300 + "a" + ")" * 300 + '"}]}}\n', 1, 231, "guard is too long"),
], ids=["deep", "int", "float", "key-tag", "merge", "guard"])
def test_yaml_that_used_to_crash_the_loader_gives_a_located_error(text, line, col, words):
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    located = [p for p in info.value.errors if words in p.message]
    assert located and (located[0].line, located[0].col) == (line, col), info.value


def test_a_source_keeps_its_year_and_url_and_the_debrief_cites_them(tmp_path):
    """`year` and `url` (compatible extensions of `source:`) are kept on the model, and the text
    debrief cites the story's source as Author, « Title » (Year) — “Title” in English."""
    text = (FIXTURES / "small-sweater.yaml").read_text(encoding="utf-8").replace(
        "  author: Gilbert Rozès\n", "  author: Gilbert Rozès\n  year: 2009\n  url: https://example.org/article\n")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    src = load(path).source
    assert (src.author, src.year, src.url) == ("Gilbert Rozès", 2009, "https://example.org/article")
    out = run_cli("play", str(path), "--choices", "2,1", "--lang", "en").stdout
    assert "Source: Gilbert Rozès, “Rentabilité pendant longtemps et Qualité de Service” (2009)" in out
