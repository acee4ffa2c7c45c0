"""French and English typography (simulator.lang.typography, issue 14 rule 6): the rules on examples,
idempotence and "only spaces, apostrophes and ellipses change" as properties, numbers as a
reader writes them, and every text a player reads — the program's own words in both languages
and every text of every shipped story and of the principles catalogue — checked for the faults
a French or an English reader would see."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import scenarios
import simulator.tui  # noqa: F401  (the game's package tells Rich and Textual not to break at a no-break space)
from simulator.format.text import Text, cite
from simulator.lang.i18n import LANGS, colon, fmt_number, fmt_percent, label, quoted, t, template
from simulator.lang.typography import NBSP, NNBSP, one_line, typeset
from simulator.lang.words import CHECK, MESSAGES, assemble

# -- the rules, on examples ----------------------------------------------------------------------

FRENCH = [
    ("Bonjour!", "Bonjour\u202f!"),
    ("Bonjour !", "Bonjour\u202f!"),
    ("Bonjour  !", "Bonjour\u202f!"),
    ("Bonjour\u00a0!", "Bonjour\u202f!"),
    ("Vraiment?! Non ; si.", "Vraiment\u202f?! Non\u202f; si."),
    ("Quoi ? !", "Quoi\u202f?\u202f!"),
    ("« Trop tard, Madame ! »", "«\u202fTrop tard, Madame\u202f!\u202f»"),
    ("«Trop tard»", "«\u202fTrop tard\u202f»"),
    ("Fin: gagné", "Fin\u00a0: gagné"),
    ("Score :", "Score\u00a0:"),
    ("Score :\nsuite", "Score\u00a0:\nsuite"),
    ("Rendez-vous à 14:30, score 5:2.", "Rendez-vous à 14:30, score 5:2."),
    ("Voir https://exemple.fr/page?id=3;x=1 : merci", "Voir https://exemple.fr/page?id=3;x=1\u00a0: merci"),
    ("Écrivez à sav@exemple.fr!", "Écrivez à sav@exemple.fr\u202f!"),
    ("Attendez... non.", "Attendez… non."),
    ("C'est l'heure d'aujourd'hui.", "C’est l’heure d’aujourd’hui."),
    ("'Bonjour'", "'Bonjour'"),  # not between letters: left as typed
    ("Lavé à 60 °C, payé 59 €, remisé de 10 %.", "Lavé à 60\u202f°C, payé 59\u202f€, remisé de 10\u202f%."),
    ("59€ et 10%", "59\u202f€ et 10\u202f%"),
    ("à 14 h, en 30 s, pendant 2 min", "à 14\u202fh, en 30\u202fs, pendant 2\u202fmin"),
    ("14h30", "14h30"),
    ("2 mois, 3 semaines, 1 s’il", "2 mois, 3 semaines, 1 s’il"),
    ("10 000 clients, 2024 150", "10\u202f000 clients, 2024 150"),
    ("Un doute (?) subsiste", "Un doute (?) subsiste"),
    ("!Début", "!Début"),
]


@pytest.mark.parametrize("raw, want", FRENCH)
def test_french(raw, want):
    assert typeset(raw, "fr") == want
    assert typeset(want, "fr") == want


ENGLISH = [
    ("Hello!", "Hello!"),
    ("Wait... don't go : please ?", "Wait… don’t go : please ?"),
    ("« quoted »", "« quoted »"),  # English has no guillemets to space: nothing but ' and ... changes
    ("It's 10 %", "It’s 10 %"),
]


@pytest.mark.parametrize("raw, want", ENGLISH)
def test_english(raw, want):
    assert typeset(raw, "en") == want


def test_other_languages_are_left_as_they_are():
    assert typeset("Hola! ¿Qué tal?... it's", "es") == "Hola! ¿Qué tal?... it's"


# -- properties ----------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("aéZ09 .:;!?«»'’…()%€°Chsm/@\n\t") + [NBSP, NNBSP])
TEXTS = st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=40),
                  st.lists(st.sampled_from(["https://x.fr/?a=b;c", "14:30", "Bonjour", " ", "!", "?", ":",
                                            "«", "»", "...", "l'", "10 000", "59", "€", "\n", "(", "a@b.fr"]),
                           max_size=12).map("".join))


def normalised(text: str) -> str:
    """The text without its spaces, with straight apostrophes and three dots: what typesetting
    must leave as it was."""
    return re.sub(f"[ \t{NBSP}{NNBSP}]", "", text).replace("’", "'").replace("…", "...")


@settings(max_examples=400)
@given(TEXTS, st.sampled_from(["fr", "en", "de"]))
@example("a ! ?", "fr")
@example("« »", "fr")
@example("a\t:", "fr")
@example("0::", "fr")
@example("a:!", "fr")
def test_typeset_is_idempotent(text, lang):
    once = typeset(text, lang)
    assert typeset(once, lang) == once


@settings(max_examples=400)
@given(TEXTS, st.sampled_from(["fr", "en", "de"]))
def test_typeset_changes_only_spaces_apostrophes_and_ellipses(text, lang):
    out = typeset(text, lang)
    assert normalised(out) == normalised(text)
    assert out.count("\n") == text.count("\n")


@settings(max_examples=200)
@given(TEXTS)
def test_english_and_other_languages_get_no_space(text):
    assert typeset(text, "en").replace("’", "'").replace("…", "...") == text.replace("’", "'").replace("…", "...")
    assert typeset(text, "de") == text


@settings(max_examples=200)
@given(TEXTS)
def test_french_output_passes_the_checks(text):
    """Whatever an author types, the typeset text has no space fault the corpus test looks for
    (outside addresses, and but for a mark at the start of a line, which has nothing to follow)."""
    out = typeset(text, "fr")
    assert [f for f in faults(out, "fr") if not f.startswith("start")] == []


# -- numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, digits, fr, en", [
    (7.7, 1, "7,7", "7.7"), (7.66, 1, "7,7", "7.7"), (100, 1, "100", "100"), (100.0, 1, "100", "100"),
    (78.5, 1, "78,5", "78.5"), (0, 1, "0", "0"), (-0.01, 1, "0", "0"), (-3.25, 2, "-3,25", "-3.25"),
    (12345.6, 1, "12\u202f345,6", "12,345.6"), (2026, 0, "2026", "2026"), (1 / 3, 2, "0,33", "0.33"),
])
def test_fmt_number(value, digits, fr, en):
    assert fmt_number(value, "fr", digits) == fr
    assert fmt_number(value, "en", digits) == en


@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), st.integers(0, 3))
def test_fmt_number_says_the_same_number_in_both_languages(value, digits):
    fr, en = fmt_number(value, "fr", digits), fmt_number(value, "en", digits)
    assert fr.replace(NNBSP, "").replace(",", ".") == en.replace(",", "")
    assert abs(float(en.replace(",", "")) - value) <= 0.5 * 10 ** -digits + 1e-9 * abs(value)
    assert "." not in fr and not en.endswith(".0") and not fr.endswith(",0")


def test_fmt_percent_and_labels():
    assert fmt_percent(42, "fr") == "42\u202f%" and fmt_percent(42, "en") == "42%"
    assert label("debrief.ending", "fr") == "Fin\u00a0: " and label("debrief.ending", "en") == "Ending: "
    assert label("debrief.score", "fr") + fmt_number(78.5, "fr") + "/100" == "Score\u00a0: 78,5/100"
    assert colon("fr") == "\u00a0: " and colon("en") == ": "


def test_quotes_and_citations():
    assert quoted("Bonjour", "fr") == "«\u202fBonjour\u202f»"
    assert quoted("Hello", "en") == "“Hello”"
    assert quoted("«\u202fDéjà cité\u202f»", "fr") == "«\u202fDéjà cité\u202f»"
    assert cite("Le client a-t-il raison?", "A. Auteur", 2020, "fr") == "A. Auteur, «\u202fLe client a-t-il raison\u202f?\u202f» (2020)"
    assert cite("Is the customer right?", None, None, "en") == "“Is the customer right?”"


def test_one_line_keeps_no_break_spaces():
    assert one_line(" Fin\u00a0:\n  gagné\u202f!\t") == "Fin\u00a0: gagné\u202f!"


def test_messages_are_typeset_once_and_values_are_not():
    """The message is typeset, not what is put in it (a file name, an error, a time)."""
    assert t("tui.exported", "fr", path="/tmp/a:b ; c.md") == "Débriefing exporté\u00a0: /tmp/a:b ; c.md"
    assert t("tui.countdown", "fr", seconds=30) == "⏱ 30\u202fs pour répondre"
    assert t("tui.countdown", "en", seconds=30) == "⏱ 30 s to answer"


def test_the_game_never_breaks_a_line_at_a_no_break_space():
    """Rich and Textual wrap at any white space, no-break spaces too; the game's package tells
    them not to (simulator.tui.nobreak), so a line never starts with ? or »."""
    from rich.console import Console
    from rich.text import Text as RichText
    from textual.content import Content
    line = typeset("« Bonjour madame ! Comment allez-vous ? Très bien, et vous ? »", "fr")
    for width in range(12, 40):
        rich = [str(x) for x in RichText(line).wrap(Console(width=width), width)]
        textual = [x.plain for x in Content(line).wrap(width)]
        for lines in (rich, textual):
            assert "".join(lines).replace(" ", "") == line.replace(" ", ""), (width, lines)
            assert not any(x.lstrip(" ").startswith(("?", "!", "»", NNBSP)) for x in lines), (width, lines)


# -- what a reader sees: faults ------------------------------------------------------------------

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
_SP = "[ \t\u00a0\u202f]*"
# (what is wrong, where the spaces are, the spaces wanted there)
FRENCH_SPACES = [
    ("before ; ! ? (wanted: a narrow no-break space)", re.compile(rf"(?<=[^\s(\[{{«])({_SP})[;!?]+"), {NNBSP}),
    ("before » (wanted: a narrow no-break space)", re.compile(rf"(?<=\S)({_SP})»"), {NNBSP}),
    ("after « (wanted: a narrow no-break space)", re.compile(rf"«({_SP})(?=\S)"), {NNBSP}),
    ("before : (wanted: a no-break space)", re.compile(rf"(?<=[^\s(\[{{«])({_SP}):(?=[^\S\u00a0\u202f]|$)"), {NBSP, NNBSP}),
]
COMMON_FAULTS = [
    ("three dots instead of …", re.compile(r"\.\.\.")),
    ("straight apostrophe between letters", re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")),
]


def faults(text: str, lang: str) -> list[str]:
    """What a reader of `lang` would find wrong in `text` (addresses left out), each as
    'rule: context'. In French: a missing space, or an ordinary one, before ; ! ? » and : or after
    «, and a line that starts with one of them; in English: « or »."""
    addresses = [m.span() for m in _URL.finditer(text)]
    out = []

    def fault(name: str, m: re.Match[str]) -> None:
        if any(a <= m.start() < b for a, b in addresses):
            return
        out.append(f"{name}: {text[max(0, m.start() - 25):m.end() + 10]!r}")
    if lang == "fr":
        for name, rule, wanted in FRENCH_SPACES:
            for m in rule.finditer(text):
                if m.group(1) not in wanted:
                    fault(f"{'no space' if not m.group(1) else 'wrong space'} {name}", m)
        for m in re.finditer(rf"(?m)^{_SP}[;!?:»]", text):
            fault("start of a line: ; ! ? : or » with nothing before it", m)
    elif lang == "en":
        for m in re.finditer("[«»]", text):
            fault("« or » in English (wanted: “ ”)", m)
    if lang in ("fr", "en"):
        for name, rule in COMMON_FAULTS:
            for m in rule.finditer(text):
                fault(name, m)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_ui_message_has_its_typography(lang):
    bad = {key: f for key in MESSAGES if (f := faults(_PLACEHOLDER.sub("x", template(key, lang)), lang))}
    assert not bad, "\n".join(f"{k}: {f}" for k, f in bad.items())


def test_no_english_message_is_a_french_fallback():
    """Each message has its English: a fallback would show French typography in English."""
    assert [k for k, v in MESSAGES.items() if not v.get("en")] == []


def test_a_key_defined_twice_is_refused():
    """The words are kept in one module per part of the program: two of them defining the same key
    would make one of the two texts silently unused; the tables are assembled only if no key is."""
    with pytest.raises(ValueError, match=r"defined twice: debrief\.title, room\.title$"):
        assemble({"debrief.title": {"fr": "a", "en": "a"}, "room.title": {"fr": "b", "en": "b"}},
                 {"room.title": {"fr": "c", "en": "c"}, "debrief.title": {"fr": "d", "en": "d"}})
    assert not MESSAGES.keys() & CHECK.keys()  # t() reads both tables


def texts(value: Any, where: str = "", seen: set[int] | None = None) -> Iterator[tuple[str, Text]]:
    """Every Text in a model object (dataclasses, tuples, lists, mappings), with where it is."""
    seen = set() if seen is None else seen
    if isinstance(value, Text):
        yield where, value
        return
    if id(value) in seen or isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "doc":  # the YAML document the scenario was read from
                yield from texts(getattr(value, f.name), f"{where}.{f.name}", seen)
    elif isinstance(value, dict) or hasattr(value, "items") and callable(value.items):
        for k, v in value.items():
            yield from texts(v, f"{where}[{k}]", seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, v in enumerate(value):
            yield from texts(v, f"{where}[{i}]", seen)


def text_faults(obj: Any, name: str) -> list[str]:
    found = []
    for where, text in texts(obj, name):
        for lang, value in text.values.items():
            found += [f"{where} ({lang}) {f}" for f in faults(value, lang)]
    return found


def shipped_ids() -> list[str]:
    return [p.stem for p in scenarios.shipped()]


@pytest.mark.parametrize("sid", shipped_ids())
def test_every_shipped_text_has_its_typography(sid):
    """Titles, summaries, role, customer, node and choice texts, feedback, endings, meter labels
    and moods, variants… every Text of the story, in French and English."""
    from scoring.catalogue import load_catalogue
    from simulator.format.loader import load
    scenario = load(scenarios.find(sid), load_catalogue().ids())
    found = list(texts(scenario, sid))
    assert len(found) > 20  # the walk does reach the story's texts
    bad = text_faults(scenario, sid)
    assert not bad, f"{len(bad)} typography faults:\n" + "\n".join(bad[:40])


def test_every_catalogue_text_has_its_typography():
    from scoring.catalogue import load_catalogue
    catalogue = load_catalogue()
    assert list(texts(catalogue, "catalogue"))
    bad = text_faults(catalogue, "catalogue")
    assert not bad, "\n".join(bad[:40])


def test_the_library_heads_read_texts_as_the_loader_does():
    """The library lists a story from its file's head, without the loader: same typography."""
    from scoring.catalogue import load_catalogue
    from simulator.format.loader import load
    from simulator.game.library import Entry, head
    known = load_catalogue().ids()
    for path in scenarios.shipped():
        entry = head(path)
        if entry is not None:
            assert entry == Entry.of(load(path, known), path)
