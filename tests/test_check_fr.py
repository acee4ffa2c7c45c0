"""`litige check` speaks French (issue 21, item 1): every message of the loader, the checker, the
lint and scoring warnings, the guards' parser and the YAML hints comes from one keyed catalogue
(simulator/lang/words/, said by simulator/lang/messages_check.py) in French and English; the English output stays byte-identical to
what check printed before the catalogue (tests/golden/check_en.json, captured before the change);
`FILE:LINE:COL:`, `error`/`warning` and `[code]` are the same in both languages."""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import re

import pytest
from conftest import ROOT, run_cli

from simulator.lang import messages_check
from simulator.lang.messages_check import Joined, Msg, Q, missing_translations, msg, render
from simulator.lang.words import CHECK

GOLDEN = json.loads((ROOT / "tests/golden/check_en.json").read_text(encoding="utf-8"))
FIXTURES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests/fixtures").rglob("*.yaml")
                  if "axe-core" not in p.parts)
SHIPPED = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.yaml"))


def check(*args: str, lang: str, monkeypatch) -> tuple[int, str, str]:
    """`litige check ARGS` in this process (the CLI's main, as a user calls it), LITIGE_LANG=lang."""
    from simulator.cli.main import main
    monkeypatch.setenv("LITIGE_LANG", lang)
    monkeypatch.setenv("LITIGE_DB", str(ROOT / "no-such-folder" / "x.db"))
    monkeypatch.chdir(ROOT)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["check", *args])
    return rc, out.getvalue(), err.getvalue()


# -- the catalogue ---------------------------------------------------------------------------

def test_every_message_has_both_languages_with_the_same_parameters():
    assert missing_translations() == []


def test_a_message_lacking_a_translation_is_caught(monkeypatch):
    monkeypatch.setitem(CHECK, "test.only_english", {"en": "only {x}"})
    monkeypatch.setitem(CHECK, "test.other_params", {"en": "a {x}", "fr": "un {y}"})
    assert missing_translations() == ["test.only_english", "test.other_params"]


def test_a_message_is_its_english_text_and_renders_in_french():
    m = msg("lint.node_unreached", node=Q("orphan"))
    assert m == "node 'orphan' is never reached: no choice or timeout leads to it"
    assert render(m, "en") == m
    assert render(m, "fr") == "le nœud «\u202forphan\u202f» n’est jamais atteint\u00a0: aucun choix ni délai écoulé n’y mène"
    assert pickle.loads(pickle.dumps(m)).key == "lint.node_unreached"  # the key survives a pickle
    assert render(pickle.loads(pickle.dumps(m)), "fr") == render(m, "fr")
    joined = Joined([msg("reach.no_flag"), "trust=5"], "; ")
    assert joined == "no flag set; trust=5" and joined.render("fr") == "aucun drapeau posé\u202f; trust=5"


def test_plurals_and_numbers_follow_the_language():
    assert render(msg("lint.loop", count=1, nodes=messages_check.QList(["a"])), "fr").startswith(
        "des parties peuvent tourner sans fin, sans fin de scénario accessible, par le nœud «\u202fa\u202f»")
    assert msg("lint.loop", count=2, nodes=messages_check.QList(["a", "b"])).startswith(
        "plays can loop for ever with no ending reachable through nodes 'a', 'b'")
    m = msg("lint.best_below_pass", score=messages_check.Num(62.5), pass_score=70)
    assert "62.5" in m and "62,5" in render(m, "fr")


def test_french_messages_have_french_typography():
    """Every French template, typeset: no ordinary space before ; ! ? » or after «, and none of the
    straight apostrophes the catalogue is written with."""
    for key in CHECK:
        text = messages_check.template(key, "fr")
        assert not re.search(r" [;!?»]|« ", text), (key, text)
        assert not re.search(r"[^\W\d_]'[^\W\d_]", text), (key, text)


# -- every path that makes a message uses a key ----------------------------------------------

@pytest.mark.parametrize("path", FIXTURES + SHIPPED)
def test_every_problem_of_every_fixture_is_a_keyed_message(path):
    from scoring.catalogue import load_catalogue
    from simulator.authoring.checker import check_file
    for lang in (None, "en"):
        report = check_file(ROOT / path, load_catalogue(), lang=lang)
        plain = [p for p in report.problems if not isinstance(p.message, Msg)]
        assert plain == [], plain


# -- the output ------------------------------------------------------------------------------

def test_english_output_is_byte_identical_to_the_golden_one(monkeypatch):
    """tests/golden/check_en.json was captured (plain, and --lang en --stats, for every fixture
    and shipped scenario) with the code as it was before the catalogue."""
    assert len(GOLDEN) == 2 * len(FIXTURES + SHIPPED)
    differ = []
    for name, (rc, out, err) in GOLDEN.items():
        got = check(*name.split(), lang="en", monkeypatch=monkeypatch)
        if got != (rc, out, err):
            differ.append(name)
    assert differ == []


# Words a French message must not hold once quoted values (« … », '…', `…`), YAML keys (`next`,
# `principles:`) and commands (litige play --choices …) are set aside.
ENGLISH = re.compile(r"\b(the|is|are|was|never|must|found|which|should|cannot|does|has|have|reached|unknown|"
                     r"missing|guard|meter|empty|between|always|every|only|of|in|at|to|with|by|be|an|any|"
                     r"this|that|it|its|there|line|flag|flags|nothing|choice|node|decision|decisions|"
                     r"principle|principles|applied|violated|shortest|longest|summary|best|checked|"
                     r"error|errors|warnings|file|none|unknown|variant|range)\b", re.IGNORECASE)
LOCATED = re.compile(r"^(?P<where>.+?:\d+:\d+: (?:error|warning): )(?P<message>.*?)(?P<code> \[[a-z-]+\])?$")


def _french_words(line: str) -> str:
    line = re.sub(r"«[^»]*»|'[^']*'|`[^`]*`|\"[^\"]*\"", " ", line)
    line = re.sub(r"litige play [^)]*|--choices \S+|--variant \S+", " ", line)
    line = re.sub(r"tests/\S+|scenarios/\S+", " ", line)
    line = re.sub(r"\b\w+(?:-\w+)+\b", " ", line)  # ids (own-it, fair-remedy)
    return re.sub(r"\b\w+:(?=\s|$)", " ", line)  # YAML keys named as such (principles:, set:)


@pytest.mark.parametrize("path", FIXTURES + SHIPPED)
def test_french_output_has_no_english_and_the_same_locations_and_codes(path, monkeypatch):
    for extra in ((), ("--lang", "en", "--stats")):
        rc_en, out_en, err_en = check(*extra, path, lang="en", monkeypatch=monkeypatch)
        rc_fr, out_fr, err_fr = check(*extra, path, lang="fr", monkeypatch=monkeypatch)
        assert rc_fr == rc_en
        en_lines, fr_lines = out_en.splitlines(), out_fr.splitlines()
        assert len(fr_lines) == len(en_lines)
        for en, fr in zip(en_lines, fr_lines):
            m_en, m_fr = LOCATED.match(en), LOCATED.match(fr)
            assert bool(m_en) == bool(m_fr), (en, fr)
            if m_en and m_fr:
                assert (m_fr["where"], m_fr["code"]) == (m_en["where"], m_en["code"])
                assert m_fr["message"] != m_en["message"], fr  # really translated
                words = _french_words(m_fr["message"])
            else:
                words = _french_words(fr)
            assert not ENGLISH.search(words), (fr, ENGLISH.search(words))
            assert not re.search(r"\w [;!?]", fr), fr  # French spaces before ; ! ? are no-break ones
        assert not ENGLISH.search(_french_words(err_fr)), err_fr


# -- choosing the language -------------------------------------------------------------------

ORPHAN = """format: litige/1
id: w
title: t
start: a
nodes:
  a:
    text: hi
    choices:
      - {text: x, next: e, applies: [listen], feedback: ok}
  orphan:
    text: nobody comes here
    choices: [{text: x, next: e}]
  e:
    text: bye
    ending: {outcome: won, title: e}
"""


def test_the_language_is_chosen_like_every_command_s_and_lang_still_checks_a_translation(tmp_path):
    """The CLI as a subprocess: French by default (no flag, no LITIGE_LANG, no saved choice),
    LITIGE_LANG, the global --lang before the command, and check's --messages, which wins; check's
    own --lang still asks for the warnings about a missing translation."""
    f = tmp_path / "w.yaml"
    f.write_text(ORPHAN, encoding="utf-8")
    nodb = {"LITIGE_LANG": "", "LITIGE_DB": str(tmp_path / "none.db")}
    en_line = f"{f}:10:3: warning: node 'orphan' is never reached: no choice or timeout leads to it"
    fr_line = (f"{f}:10:3: warning: le nœud «\u202forphan\u202f» n’est jamais atteint\u00a0: aucun choix ni délai "
               "écoulé n’y mène")
    default = run_cli("check", str(f), env=nodb)
    assert fr_line in default.stdout.splitlines() and default.returncode == 0
    assert default.stderr.strip() == "1 fichier vérifié\u00a0: 0 erreur, 3 avertissements"
    assert en_line in run_cli("check", str(f), env={**nodb, "LITIGE_LANG": "en"}).stdout.splitlines()
    assert en_line in run_cli("--lang", "en", "check", str(f), env=nodb).stdout.splitlines()
    assert fr_line in run_cli("check", "--messages", "fr", str(f), env={**nodb, "LITIGE_LANG": "en"}).stdout
    both = run_cli("check", "--lang", "en", "--messages", "fr", str(f), env=nodb)
    assert f"{f}:3:8: warning: le titre n’a pas de traduction en «\u202fen\u202f»\u202f; le texte en «\u202ffr\u202f» " \
           "sera affiché" in both.stdout.splitlines()
    strict = run_cli("check", "--strict", str(f), env=nodb)
    assert strict.returncode == 1 and f"{f}:10:3: error: le nœud «\u202forphan\u202f»" in strict.stdout
    missing = run_cli("check", str(tmp_path / "nope"), env=nodb)
    assert missing.stderr.splitlines() == [f"{tmp_path / 'nope'}: error: aucun fichier ni dossier de ce nom"]


def test_json_messages_are_in_the_chosen_language_with_the_same_codes(tmp_path):
    path = "tests/fixtures/scoring/position-cue.yaml"
    en = json.loads(run_cli("check", "--json", path, env={"LITIGE_LANG": "en"}).stdout)["files"][0]["problems"]
    fr = json.loads(run_cli("check", "--json", path, env={"LITIGE_LANG": "fr"}).stdout)["files"][0]["problems"]
    assert [(p["line"], p["col"], p["severity"], p["code"]) for p in fr] == \
        [(p["line"], p["col"], p["severity"], p["code"]) for p in en]
    assert any(p["code"] == "position-cue" and p["message"].startswith("le choix 1 (dans l’ordre écrit)") for p in fr)


# -- the trainer's guide in French -----------------------------------------------------------

GUIDE_EN, GUIDE_FR = ROOT / "docs/authoring.md", ROOT / "docs/fr/authoring.md"


def _fenced(text: str) -> tuple[str, list[str]]:
    """The text outside fenced blocks, and the blocks (a fence is a line that starts with ```; a
    ``` further in a line, as in a shell comment, is not one)."""
    outside: list[str] = []
    blocks: list[str] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("```"):
            if current is None:
                current = [line[3:]]
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is None:
            outside.append(line)
        else:
            current.append(line)
    return "\n".join(outside), blocks


def _outside_code(text: str) -> str:
    return _fenced(text)[0]


def _headings(text: str) -> list[tuple[int, str]]:
    return [(len(m[1]), m[2].strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", _outside_code(text), re.M)]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept),
    spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")


def _code_blocks(text: str) -> list[str]:
    """The fenced blocks, their comments set aside (a comment is prose, translated)."""
    return [re.sub(r"(?m)[ \t]+#\s.*$", "", block) for block in _fenced(text)[1]]


def test_the_french_guide_has_the_english_one_s_structure_and_code():
    en, fr = GUIDE_EN.read_text(encoding="utf-8"), GUIDE_FR.read_text(encoding="utf-8")
    assert [level for level, _ in _headings(fr)] == [level for level, _ in _headings(en)]
    assert _code_blocks(fr) == _code_blocks(en)
    worked = [b for b in _fenced(en)[1] if "id: double-booking" in b]
    assert len(worked) == 1 and worked[0] in _fenced(fr)[1]  # the worked scenario itself, byte for byte
    for text in (en, fr):
        anchors = {_slug(h) for _, h in _headings(text)}
        links = re.findall(r"\]\(#([^)]+)\)", text)
        assert links and set(links) <= anchors, set(links) - anchors
    assert [h for _, h in _headings(fr)] != [h for _, h in _headings(en)]  # translated, not copied


def test_the_french_guide_is_french_and_typeset():
    fr = _outside_code(GUIDE_FR.read_text(encoding="utf-8"))
    prose = re.sub(r"`[^`\n]*`|\]\([^)]*\)|^\|.*\|$", " ", fr, flags=re.M)
    assert not re.search(r"\S [;!?»]|« ", prose), re.search(r".{30}\S [;!?»].{10}|« .{10}", prose)
    assert not re.search(r"[^\W\d_]'[^\W\d_]", prose)
    words = re.findall(r"[^\W\d_]+", prose.lower())
    english = sum(w in {"the", "and", "of", "is", "to", "with", "when"} for w in words)
    assert english < len(words) / 200, english


async def test_the_preview_shows_check_s_messages_in_the_game_s_language(tmp_path):
    """The game's preview (a Pilot test) lists the file's problems as check does, in its language."""
    from simulator.tui.preview import PreviewApp
    path = tmp_path / "s.yaml"
    path.write_text("format: litige/1\nid: s\ntitle: x\nstart: a\nnodes:\n  a: {text: hi}\n", encoding="utf-8")
    for lang, message in (("fr", "error: le nœud «\u202fa\u202f» a besoin de choix ou d’une fin"),
                          ("en", "error: node 'a' needs either choices or an ending")):
        app = PreviewApp(path, lang=lang, poll=None)
        async with app.run_test(size=(120, 30)):
            shown = str(app.query_one("#errors").render())
            assert f"{path}:6:6: {message}" in shown, shown


def test_every_message_renders_in_both_languages():
    """Each key, with a value for each of its parameters, formats in both languages (no stray
    brace, no parameter one language lacks)."""
    for key, forms in CHECK.items():
        names = set(re.findall(r"\{(\w+)[}|]", forms["en"] + forms["fr"]))
        m = msg(key, **{name: 2 for name in names})
        assert render(m, "en") == m
        assert render(m, "fr") and "{" not in render(m, "fr").replace("{0", "").replace("{{", ""), key


CHECK_MODULES = ["simulator/format/loader.py", "simulator/format/node_reader.py", "simulator/format/fields.py",
                 "simulator/format/guards.py", "simulator/format/yaml_reader.py", "simulator/format/yaml_hints.py",
                 "simulator/authoring/checker.py", "scoring/catalogue.py", "simulator/analysis/reachability.py",
                 "simulator/analysis/boxes.py", "simulator/analysis/guard_eval.py", "scoring/ranges.py"]


def test_no_message_is_written_as_a_plain_string_where_check_makes_one():
    """Every call that records a problem (`error`, `warn`, `fail`, `Problem(…)`, `GuardSyntaxError(…)`)
    in the modules check runs gets its message from the catalogue, never a literal or an f-string:
    a message made so would stay English in French output."""
    import ast
    offenders = []
    for name in CHECK_MODULES:
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func in ("error", "warn", "fail") and len(node.args) >= 2:
                message = node.args[1]
            elif func == "Problem" and len(node.args) >= 5:
                message = node.args[4]
            elif func == "GuardSyntaxError" and node.args:
                message = node.args[0]
            else:
                continue
            parts = [message.body, message.orelse] if isinstance(message, ast.IfExp) else [message]
            for part in parts:
                if isinstance(part, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                    offenders.append(f"{name}:{node.lineno}")
    assert offenders == []
