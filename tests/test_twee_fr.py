"""`litige import` and `litige export-twee` speak French (issue 21, the last gap): their warnings,
errors and the comments import writes come from check's keyed catalogue (simulator/lang/messages_check.py,
the `twee.` block), in the language every command uses (--lang, LITIGE_LANG, the saved choice, else
French; `--messages` wins, as for check). English stays byte-identical to what the commands said
before (tests/golden/twee_en.json, captured first, with the input of each case); `FILE:LINE:COL:`
and `warning`/`error` are the same in both languages."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from simulator.authoring.twine.importer import TweeError, import_twee
from simulator.lang.messages_check import Msg, missing_translations, msg, render, template
from simulator.lang.words import CHECK

GOLDEN = json.loads((ROOT / "tests/golden/twee_en.json").read_text(encoding="utf-8"))
KEYS = sorted(k for k in CHECK if k.startswith("twee."))
FIXTURE_CASES = [name for name in GOLDEN if name.startswith("import tests/")]
# A French message must hold none of these once quoted values, code and paths are set aside
# (the word-list idea of tests/test_check_fr.py, with the importer's words).
ENGLISH = re.compile(r"\b(the|is|are|not|no|never|must|cannot|does|has|have|of|in|at|to|with|by|be|an|any|this|"
                     r"that|it|its|there|line|link|links|tag|tags|ignored|imported|kept as|skipped|"
                     r"closed|setting|meter|meters|flag|flags|choice|choices|node|guard|story|file|"
                     r"error|errors|warning|only|scenario|equivalent|ending|start|text|comment)\b",
                     re.IGNORECASE)
LOCATED = re.compile(r"^(?P<where>.+?:\d+:\d+: (?:error|warning): |litige: error: )(?P<message>.*)$")


def _prose(message: str) -> str:
    """A message without what is not prose: quoted values, code, macros, $variables, ids."""
    text = re.sub(r"«[^»]*»|'[^']*'|`[^`]*`|\"[^\"]*\"|<<[^>]*>>|<[a-z]+>|\([a-z-]+:\)|\$\w+", " ", message)
    text = re.sub(r"\b(?:StoryData|StoryInit|StoryTitle|Twee|JSON|YAML|HTML|UTF-8|won|kept|lost|start|true|false|"
                  r"applies|violates|feedback|hooks?|scripts)\b", " ", text)
    text = re.sub(r"\(Expecting[^)]*\)\)?|No such file or directory", " ", text)  # Python's / the OS's reason
    text = re.sub(r"\S+\.(?:twee|yaml)\b|\b\w+(?:-\w+)+\b", " ", text)
    return text


def _run_case(case: dict, lang: str | None, tmp_path: Path, *extra: str):
    """Run a golden case again: its files written to a fresh folder (or the fixtures), its command."""
    cwd = ROOT
    if not case["args"][1].startswith("tests/"):
        cwd = tmp_path
        for name, text in case["files"].items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name in case.get("latin1", ()):
                path.write_bytes(text.encode("latin-1"))
            else:
                path.write_text(text, encoding="utf-8")
    env = {"LITIGE_DB": str(tmp_path / "none" / "x.db"), "LITIGE_LANG": lang or ""}
    proc = run_cli(*case["args"], *extra, env=env, cwd=cwd)
    written = {name: (cwd / name).read_text(encoding="utf-8") for name in case.get("written", {})}
    return proc, written


# -- English: byte for byte what the commands said before the catalogue ------------------------

@pytest.mark.parametrize("name", list(GOLDEN))
def test_english_output_is_byte_identical_to_the_golden_one(name, tmp_path):
    case = GOLDEN[name]
    proc, written = _run_case(case, "en", tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (case["rc"], case["stdout"], case["stderr"])
    assert written == case.get("written", {})


# -- French: the same places, French words, French typography ----------------------------------

def _same_places_in_french(case: dict, tmp_path: Path, *extra: str) -> tuple[str, str]:
    proc, written = _run_case(case, "fr", tmp_path, *extra)
    assert proc.returncode == case["rc"], proc.stderr
    en_lines, fr_lines = case["stderr"].splitlines(), proc.stderr.splitlines()
    assert len(fr_lines) == len(en_lines), proc.stderr
    for en, fr in zip(en_lines, fr_lines):
        m_en, m_fr = LOCATED.match(en), LOCATED.match(fr)
        assert m_en and m_fr, (en, fr)
        assert m_fr["where"] == m_en["where"]  # FILE:LINE:COL: warning: unchanged
        assert m_fr["message"] != m_en["message"], fr  # really translated
        _assert_french(m_fr["message"])
    # the scenario written is the same but for its comments, which are French
    en_yaml, fr_yaml = case["stdout"] + "".join(case.get("written", {}).values()), \
        proc.stdout + "".join(written.values())
    assert _uncommented(fr_yaml) == _uncommented(en_yaml)
    for en, fr in zip(_comments(en_yaml), _comments(fr_yaml)):
        m_en, m_fr = LOCATED.match(en), LOCATED.match(fr)
        if m_en and m_fr:
            assert m_fr["where"] == m_en["where"]
            _assert_french(m_fr["message"])
        elif not en.startswith("  "):  # a line of the story's own text, quoted under its warning, stays
            kept = "commentaire gardé de l’histoire\u00a0: "  # then the author's own words, as written
            _assert_french(fr.split(kept)[0] + kept if kept in fr else fr)
    return proc.stderr, fr_yaml


def _assert_french(message: str) -> None:
    prose = _prose(message)
    assert not ENGLISH.search(prose), (message, ENGLISH.search(prose))
    assert not re.search(r"\w [;!?:»]|« ", message), message  # no-break spaces before ; ! ? : and inside « »
    assert not re.search(r"[^\W\d_]'[^\W\d_]", message), message  # ’, not '
    assert not re.search(r"\S: ", re.sub(r"«[^»]*»|`[^`]*`|\([^)]*\)", "", message)), message  # nor before :


def _uncommented(yaml_text: str) -> list[str]:
    return [line for line in yaml_text.splitlines() if not line.lstrip().startswith("#")]


def _comments(yaml_text: str) -> list[str]:
    return [line.lstrip()[2:] for line in yaml_text.splitlines() if line.lstrip().startswith("# ")]


@pytest.mark.parametrize("name", list(GOLDEN))
def test_french_output_has_the_same_places_and_no_english(name, tmp_path):
    case = GOLDEN[name]
    if name.startswith("export-"):  # check's messages (tested by test_check_fr) and the commands' own
        proc, _ = _run_case(case, "fr", tmp_path)
        assert proc.returncode == case["rc"] and proc.stderr.count("\n") == 1
        if name != "export-unknown":  # scenario_ref's message, not one of these commands' (see the report)
            assert proc.stderr != case["stderr"]
        return
    _same_places_in_french(case, tmp_path)


def test_each_fixture_s_warnings_in_french_at_the_same_lines(tmp_path):
    """The three stories written for the tests: each warning at its line and column, in French."""
    stderr, yaml_text = _same_places_in_french(GOLDEN["import tests/fixtures/twee/sugarcube.twee"], tmp_path)
    story = "tests/fixtures/twee/sugarcube.twee"
    assert stderr.splitlines()[0] == (f"{story}:16:1: warning: un passage «\u202fscript\u202f» n’a pas sa place "
                                      "dans un scénario\u00a0: non importé")
    assert f"{story}:36:1: warning: la condition «\u202f$nom is \"Mme B\"\u202f» ne peut pas devenir un `when` " \
           "(«\u202f\"Mme B\"\u202f» n’est pas une comparaison simple)\u00a0: les liens qu’elle contient sont " \
           "proposés sans condition" in stderr.splitlines()
    assert yaml_text.startswith(f"# Importé de {story} par `litige import`\u00a0: vérifiez-le avec `litige check`")
    harlowe, _ = _same_places_in_french(GOLDEN["import tests/fixtures/twee/harlowe.twee"], tmp_path)
    assert "tests/fixtures/twee/harlowe.twee:20:17: warning: la macro (goto:) n’a pas d’équivalent dans un " \
           "scénario\u00a0: non importée" in harlowe.splitlines()
    plain, _ = _same_places_in_french(GOLDEN["import tests/fixtures/twee/plain.twee"], tmp_path)
    assert plain.splitlines()[0] == ("tests/fixtures/twee/plain.twee:1:1: warning: le texte avant le premier en-tête "
                                     "de passage («\u202f:: Name\u202f») n’appartient à aucun passage\u00a0: ignoré")


# -- the API and the catalogue ------------------------------------------------------------------

def test_every_note_is_a_keyed_message_equal_to_its_english_text():
    for name in ("sugarcube", "harlowe", "plain"):
        path = ROOT / "tests/fixtures/twee" / f"{name}.twee"
        notes = import_twee(path.read_text(encoding="utf-8"), str(path)).notes
        assert notes and all(isinstance(n.message, Msg) and n.message.key.startswith("twee.") for n in notes)
    kitchen = import_twee(GOLDEN["kitchen"]["files"]["k.twee"], "k.twee").notes
    assert len({n.message.key for n in kitchen}) >= 29  # the story made to raise nearly every warning
    with pytest.raises(TweeError) as info:
        import_twee("just words\n", "e.twee")
    assert isinstance(info.value.message, Msg)


def test_the_import_keys_have_both_languages_with_the_same_parameters_and_render():
    assert len(KEYS) >= 50 and missing_translations() == []  # the catalogue's own test walks these too
    for key in KEYS:
        names = set(re.findall(r"\{(\w+)[}|]", CHECK[key]["en"] + CHECK[key]["fr"]))
        m = msg(key, **{name: 2 for name in names})
        assert render(m, "en") == m and "{" not in render(m, "fr"), key
        assert not re.search(r" [;!?»]|« ", template(key, "fr")), key


IMPORT_MODULES = [*sorted(str(p.relative_to(ROOT)) for p in (ROOT / "simulator/authoring/twine").glob("*.py")),
                  "simulator/cli/commands/twee.py"]


def test_no_message_is_written_as_a_plain_string():
    """Every warning, note, error and reason these modules make comes from the catalogue: a call of
    warn / Note / TweeError / LitigeError / ValueError / note given a literal or an f-string (other
    than the located prefix, `f"{where}: error: {…}"`) would stay English in French output."""
    offenders = []
    for name in IMPORT_MODULES:
        for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = {"warn": 2, "Note": 2, "note": 1, "TweeError": 0, "LitigeError": 0, "ValueError": 0}.get(func)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) or (isinstance(arg, ast.JoinedStr) and any(
                    isinstance(v, ast.Constant) and re.search(r"[a-z]{3}", v.value) for v in arg.values)):
                offenders.append(f"{name}:{node.lineno}")
        text = (ROOT / name).read_text(encoding="utf-8")
        for m in re.finditer(r"print\(f\"([^\"]*)\"", text):  # printed lines: only the located prefix
            assert not re.search(r"[a-z]{4,} [a-z]{3,}", re.sub(r"\{[^}]*\}", "", m[1])), (name, m[1])
    assert offenders == []


# -- choosing the language: the CLI as a subprocess -----------------------------------------------

def test_the_language_is_chosen_like_every_command_s(tmp_path):
    story = "tests/fixtures/twee/plain.twee"
    nodb = {"LITIGE_LANG": "", "LITIGE_DB": str(tmp_path / "none.db")}
    en = "tests/fixtures/twee/plain.twee:27:1: warning: passage 'Start' is defined twice (first at line 6): " \
         "this one is ignored"
    fr = "tests/fixtures/twee/plain.twee:27:1: warning: le passage «\u202fStart\u202f» est défini deux fois " \
         "(d’abord à la ligne 6)\u00a0: celui-ci est ignoré"
    assert fr in run_cli("import", story, env=nodb).stderr.splitlines()  # French by default
    assert fr in run_cli("import", story, env={**nodb, "LITIGE_LANG": "fr"}).stderr.splitlines()
    assert en in run_cli("import", story, env={**nodb, "LITIGE_LANG": "en"}).stderr.splitlines()
    assert en in run_cli("--lang", "en", "import", story, env=nodb).stderr.splitlines()
    assert fr in run_cli("import", story, "--messages", "fr", env={**nodb, "LITIGE_LANG": "en"}).stderr.splitlines()
    # --story-lang is the story's language, not the messages': the scenario says lang: en, the warnings French
    both = run_cli("import", story, "--story-lang", "en", env={**nodb, "LITIGE_LANG": "fr"})
    assert fr in both.stderr.splitlines() and "\nlang: en\n" in both.stdout and "# Importé de" in both.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [litige/1\n", encoding="utf-8")
    out = run_cli("export-twee", str(bad), "--messages", "fr", env={**nodb, "LITIGE_LANG": "en"})
    assert out.returncode == 1 and out.stderr.startswith(f"{bad}:2:1: error: erreur de syntaxe YAML")
