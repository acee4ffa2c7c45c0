"""The messages of `litige check` (loader, checker, lint and scoring warnings, guards, YAML hints),
in French and English: one keyed catalogue, and the one way to put a message in a language.

A message is made once, where the problem is found, as `msg(key, **params)`: a `Msg`, which *is*
its English text (a `str`, so `Problem.message`, equality, sorting and every existing caller see
the English words they always saw) and also keeps its key and parameters, so that `render(message,
lang)` can say it in French. Parameters are named, never glued: a value that is itself a message
(a hint, a field's name) is a `Msg` and is rendered in the same language; an identifier quoted in
the message is `Q(value)` (`'orphan'` in English, as `repr` wrote it, « orphan » in French); a
score is `Num(value)` (`62.5` / `62,5`); a list of quoted names is `QList(values)`; parts joined
by a separator are `Joined(parts, sep)`. Anything else is put in verbatim (file names, abridged
YAML values, PyYAML's own reason).

English templates are used as written (the output stays byte-identical to what check printed
before the catalogue); French templates are typeset (simulator.lang.typography: no-break spaces before
`: ; ! ?`, « », `’`) before the values go in. `{n|one|many}` picks a form by `i18n.plural_one`.
`FILE:LINE:COL:`, the words `error`/`warning` and the `[code]` stay as they are in both languages:
they are not part of a message (see `errors.Problem.render`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from collections.abc import Iterable

from simulator.lang.typography import fmt_number, plural_forms, quote, typeset

LANGS = ("fr", "en")


# A scenario's numbers are small (meters 0 to 100, a year, seconds); an integer written longer
# than this is refused before it is built: PyYAML builds `1:2:3…` (base 60) and `0x…` without
# Python's 4,300-digit limit, in time that grows with the square of their length, and such a
# number could not be shown in a message (str() refuses it past 4,300 digits).
MAX_INT_CHARS = 40


def abridged(value: Any, limit: int = MAX_INT_CHARS) -> str:
    """repr(value) for a message, cut when long (`'ababababababababab'… (5000 characters)`), so
    that a problem stays one readable line. Never raises (past 4,300 digits an int has no repr)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit // 2]!r}… ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit // 2]}… ({len(text)} characters)"


class Q:
    """An identifier or value quoted in a message: repr() in English, « » in French."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def render(self, lang: str) -> str:
        if lang == "fr" and isinstance(self.value, str):
            return quote(self.value, "fr")
        return repr(self.value)


class V:
    """A value found in the file, cut when long (yamldoc.abridged): its repr in English (as before),
    a text in « » in French."""

    __slots__ = ("value", "limit")

    def __init__(self, value: Any, limit: int | None = None):
        self.value, self.limit = value, limit

    def render(self, lang: str) -> str:
        limit = self.limit or MAX_INT_CHARS
        if lang == "fr" and isinstance(self.value, str) and len(self.value) <= limit:
            return quote(self.value, "fr")
        if lang == "fr" and isinstance(self.value, str):
            return quote(self.value[:limit // 2], "fr") + f"… ({fmt_number(len(self.value), 'fr', 0)} caractères)"
        text = abridged(self.value, limit)
        if lang == "fr" and text.startswith("a number of about "):  # an int too long to write out
            return "un nombre d’environ " + text.removeprefix("a number of about ").replace(" digits", " chiffres")
        if lang == "fr" and text.endswith(" characters)"):
            return text.removesuffix(" characters)") + " caractères)"
        return text


class Num:
    """A number said to a reader: `{:g}` in English (as before), a decimal comma in French."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def render(self, lang: str) -> str:
        return fmt_number(self.value, "fr", 3) if lang == "fr" else f"{self.value:g}"

    def __float__(self) -> float:
        return float(self.value)


class QList:
    """Quoted names separated by commas."""

    __slots__ = ("values",)

    def __init__(self, values: Iterable[Any]):
        self.values = tuple(values)

    def render(self, lang: str) -> str:
        return ", ".join(Q(v).render(lang) for v in self.values)


class Joined(str):
    """Parts (messages or plain text) joined by `sep` (`"; "` gets its French space): equal to the
    English text, like a Msg."""

    parts: tuple
    sep: str

    def __new__(cls, parts: Iterable[Any], sep: str) -> Joined:
        parts = tuple(parts)
        self = super().__new__(cls, sep.join(_value(p, "en") for p in parts))
        self.parts, self.sep = parts, sep
        return self

    def __reduce__(self):
        return (Joined, (self.parts, self.sep))

    def render(self, lang: str) -> str:
        if lang == "en":
            return str.__str__(self)
        sep = self.sep.replace(";", "\u202f;") if lang == "fr" else self.sep
        return sep.join(_value(p, lang) for p in self.parts)


class Lit:
    """Literal text per language, put in as it is (a YAML example such as `key: value` must not
    get French typography's space before its colon)."""

    __slots__ = ("en", "fr")

    def __init__(self, en: str, fr: str | None = None):
        self.en, self.fr = en, en if fr is None else fr

    def render(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def _value(v: Any, lang: str) -> str:
    if isinstance(v, Msg):
        return render(v, lang)
    if isinstance(v, (Q, V, Num, QList, Joined, Lit)):
        return v.render(lang)
    return str(v)


@cache
def template(key: str, lang: str) -> str:
    """The message `key` in `lang` before its values go in (French typeset)."""
    text = CHECK[key][lang]
    return typeset(text, "fr") if lang == "fr" else text


def _fill(key: str, lang: str, params: dict[str, Any]) -> str:
    text = template(key, lang)
    if "|" in text:
        text = plural_forms(text, lang, params)
    return text.format(**{k: _value(v, lang) for k, v in params.items()}) if params else text.format()


def _rebuild(key: str, params: dict[str, Any]) -> Msg:
    return Msg(key, **params)


class Msg(str):
    """A keyed message: equal to its English text, renderable in any of LANGS."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, _fill(key, "en", params))
        self.key = key
        self.params = params
        return self

    def __reduce__(self):  # pickling keeps the key, not only the English text
        return (_rebuild, (self.key, self.params))


msg = Msg


def what(name: str) -> str:
    """A field's name as a message (`"choice text"` → what.choice_text); a name made elsewhere (a
    Msg) as it is. A name the catalogue lacks stays plain English (the leak test catches it)."""
    if isinstance(name, Msg) or not name:
        return name
    key = "what." + name.replace(" ", "_")
    return Msg(key) if key in CHECK else name


def say(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang` at once (for text printed, not kept): render(msg(key, …), lang)."""
    return _fill(key, lang, params)


def render(message: str, lang: str) -> str:
    """`message` in `lang`: a Msg in that language; a plain string (made before the catalogue,
    or by another part of the program) as it is."""
    if isinstance(message, Joined):
        return message.render(lang)
    if not isinstance(message, Msg) or lang == "en":
        return str.__str__(message)
    return _fill(message.key, lang, message.params)


def missing_translations() -> list[str]:
    """Keys lacking a language, or whose languages do not use the same parameters."""
    out = []
    for key, forms in CHECK.items():
        if any(not forms.get(lang) for lang in LANGS):
            out.append(key)
            continue
        names = [set(re.findall(r"\{(\w+)[}|]", forms[lang])) for lang in LANGS]
        if names[0] != names[1] and key not in ONE_SIDED:
            out.append(key)
    return out


# Messages whose languages use different parameters of the same call (each is always given).
ONE_SIDED = frozenset({"what.entry"})

# Written with ordinary spaces and straight apostrophes in French (typeset by `template`);
# literal braces doubled ({{ }}), as str.format wants them.
CHECK: dict[str, dict[str, str]] = {
    # ---- hints and field names used inside other messages
    "hint.did_you_mean": {"en": " (did you mean {name}?)", "fr": " (vouliez-vous dire {name} ?)"},
    "hint.declare_meter": {"en": "; declare it under {section}", "fr": "\u202f; déclarez-la sous {section}"},
    # ---- simulator/authoring/checker.py: lint warnings
    "lint.ending_unreached": {"en": "ending {node} is never reached: no play ends there, no choice or timeout leads to it",
                              "fr": "la fin {node} n'est jamais atteinte : aucune partie ne s'y termine, aucun choix "
                                    "ni délai écoulé n'y mène"},
    "lint.node_unreached": {"en": "node {node} is never reached: no choice or timeout leads to it",
                            "fr": "le nœud {node} n'est jamais atteint : aucun choix ni délai écoulé n'y mène"},
    "lint.no_ending_from": {"en": "no ending can be reached from node {node}: a play would be stuck",
                            "fr": "aucune fin n'est accessible depuis le nœud {node} : une partie y resterait bloquée"},
    "lint.won_below_pass": {
        "en": "ending {node} is won, but a play reaches it scoring {score}, below pass_score {pass_score} (litige play "
              "{play}): make the way to it ask for the choices the principles reward (a guard on a meter or flag that "
              "good choices move), or make the ending `kept`",
        "fr": "la fin {node} est gagnée (won), mais une partie l'atteint avec un score de {score}, sous pass_score "
              "{pass_score} (litige play {play}) : faites que le chemin qui y mène demande les choix que les principes "
              "récompensent (une condition sur une jauge ou un drapeau que les bons choix font bouger), ou faites de "
              "cette fin une fin `kept`"},
    "lint.won_unscored": {
        "en": "ending {node} is won, but a play reaches it without any judged decision (no score): give the choices "
              "on the way to it different values",
        "fr": "la fin {node} est gagnée (won), mais une partie l'atteint sans aucune décision jugée (pas de score) : "
              "donnez des valeurs différentes aux choix qui y mènent"},
    "lint.lost_above_pass": {
        "en": "ending {node} is lost, but a play reaches it scoring {score}, at or above pass_score {pass_score} "
              "(litige play {play}): a trainee who chose well should not lose the customer; route good plays "
              "elsewhere, or name the principle the losing choice breaks",
        "fr": "la fin {node} est perdue (lost), mais une partie l'atteint avec un score de {score}, égal ou supérieur "
              "à pass_score {pass_score} (litige play {play}) : qui a bien choisi ne devrait pas perdre le client ; "
              "menez les bonnes parties ailleurs, ou nommez le principe que le choix perdant enfreint"},
    "lint.no_score": {
        "en": "no play can score: no decision of any play is judged, since the choices offered at each node are all "
              "worth the same; give some choices principles they apply or violate",
        "fr": "aucune partie ne peut être notée : aucune décision n'est jugée, car les choix proposés à chaque nœud "
              "valent tous la même chose ; donnez à certains choix des principes qu'ils appliquent ou enfreignent"},
    "lint.all_lost": {"en": "every play that can be found ends 'lost': no play can pass",
                      "fr": "toutes les parties trouvées se terminent en « lost » : aucune partie ne peut réussir"},
    "lint.best_below_pass": {
        "en": "the best play that does not end 'lost' scores {score}, below pass_score {pass_score}: no play can pass",
        "fr": "la meilleure partie qui ne finit pas en « lost » obtient {score}, sous pass_score {pass_score} : "
              "aucune partie ne peut réussir"},
    "lint.no_decision": {"en": "(no decision)", "fr": "(aucune décision)"},
    "lint.no_good_choice": {
        "en": "at node {node} every choice offered violates a principle when {state} (reached by litige play "
              "--choices {picks}{variant}, then stopping there): the trainee is forced into a fault; offer a choice "
              "that breaks nothing",
        "fr": "au nœud {node}, chaque choix proposé enfreint un principe quand {state} (atteint par litige play "
              "--choices {picks}{variant}, en s'arrêtant là) : l'apprenant·e est forcé·e à la faute ; proposez un "
              "choix qui n'enfreint rien"},
    "lint.length_cue": {
        "en": "the longest answer is a best one in {hits} of the {graded} nodes whose choices differ in value (text "
              "in {lang}): a trainee can win by picking the longest text; make some good answers short and some weak "
              "ones long",
        "fr": "la réponse la plus longue est une des meilleures dans {hits} des {graded} nœuds dont les choix n'ont "
              "pas tous la même valeur (texte en {lang}) : on peut gagner en prenant toujours le texte le plus long ; "
              "raccourcissez de bonnes réponses et allongez-en de faibles"},
    "lint.position_cue": {
        "en": "choice {n} (as written) is a best answer in {hits} of the {graded} nodes whose choices differ in value: "
              "a trainee can win by always picking it; move the best answers around",
        "fr": "le choix {n} (dans l'ordre écrit) est une des meilleures réponses dans {hits} des {graded} nœuds dont "
              "les choix n'ont pas tous la même valeur : on peut gagner en le prenant toujours ; changez les "
              "meilleures réponses de place"},
    "lint.ending_cut_by_guards": {
        "en": "ending {node} is never reached: no play ends there, the guards of the choices leading to it never hold",
        "fr": "la fin {node} n'est jamais atteinte : aucune partie ne s'y termine, les conditions des choix qui y "
              "mènent ne sont jamais remplies"},
    "lint.node_cut_by_guards": {
        "en": "node {node} is never reached: the guards of the choices leading to it never hold",
        "fr": "le nœud {node} n'est jamais atteint : les conditions des choix qui y mènent ne sont jamais remplies"},
    "lint.guard_never": {
        "en": "the guard of choice {choice} of node {node} never holds in any play, so it is never offered: {guard}{why}",
        "fr": "la condition du choix {choice} du nœud {node} n'est remplie dans aucune partie, il n'est donc jamais "
              "proposé : {guard}{why}"},
    "lint.guard_always": {
        "en": "the guard of choice {choice} of node {node} holds in every play, so it changes nothing: {guard}{why}",
        "fr": "la condition du choix {choice} du nœud {node} est remplie dans toutes les parties, elle ne change donc "
              "rien : {guard}{why}"},
    "lint.why": {"en": " ({why})", "fr": " ({why})"},
    "lint.stuck": {
        "en": "a play can be stuck at node {node}: no choice is offered there with {state} (add a choice without a "
              "guard, or a time limit)",
        "fr": "une partie peut rester bloquée au nœud {node} : aucun choix n'y est proposé avec {state} (ajoutez un "
              "choix sans condition, ou un temps limite)"},
    "lint.loop": {
        "en": "plays can loop for ever with no ending reachable through {count|node|nodes} {nodes}: the guards never "
              "let them out",
        "fr": "des parties peuvent tourner sans fin, sans fin de scénario accessible, par {count|le nœud|les nœuds} "
              "{nodes} : les conditions ne les laissent jamais sortir"},
    "lint.principle_once": {
        "en": "principle {principle} is offered at one node only ({node}), in a long scenario (every play makes at "
              "least {shortest} decisions): one answer decides its verdict; offer it at another node too",
        "fr": "le principe {principle} n'est proposé qu'à un seul nœud ({node}), dans un long scénario (chaque "
              "partie compte au moins {shortest} décisions) : une seule réponse décide de son verdict ; proposez-le "
              "aussi à un autre nœud"},
    "check.duplicate_id": {"en": "scenario id {id} is already used by {first}",
                           "fr": "l'identifiant de scénario {id} est déjà utilisé par {first}"},
    # ---- names of fields, put into the messages below as {what} (English as the loader wrote them)
    "what.a_scenario_file": {"en": "a scenario file", "fr": "un fichier de scénario"},
    "what.the_scenario": {"en": "the scenario", "fr": "le scénario"},
    "what.the_catalogue": {"en": "the catalogue", "fr": "le catalogue"},
    "what.scenario_id": {"en": "scenario id", "fr": "l'identifiant de scénario"},
    "what.title": {"en": "title", "fr": "le titre"},
    "what.summary": {"en": "summary", "fr": "le résumé"},
    "what.role": {"en": "role", "fr": "le rôle"},
    "what.difficulty": {"en": "difficulty", "fr": "la difficulté"},
    "what.pass_score": {"en": "pass_score", "fr": "pass_score"},
    "what.tags": {"en": "tags", "fr": "tags"},
    "what.nodes": {"en": "nodes", "fr": "nodes (les nœuds)"},
    "what.source": {"en": "source", "fr": "la source"},
    "what.source_title": {"en": "source title", "fr": "le titre de la source"},
    "what.author": {"en": "author", "fr": "l'auteur"},
    "what.year": {"en": "year", "fr": "l'année"},
    "what.url": {"en": "url", "fr": "l'adresse (url)"},
    "what.meters": {"en": "meters", "fr": "meters (les jauges)"},
    "what.start": {"en": "start", "fr": "la valeur de départ (start)"},
    "what.meter_label": {"en": "meter label", "fr": "le nom de la jauge"},
    "what.moods": {"en": "moods", "fr": "moods (les humeurs)"},
    "what.mood": {"en": "mood", "fr": "l'humeur"},
    "what.customer": {"en": "customer", "fr": "le client"},
    "what.customer_name": {"en": "customer name", "fr": "le nom du client"},
    "what.customer_description": {"en": "customer description", "fr": "la description du client"},
    "what.variant_id": {"en": "variant id", "fr": "l'identifiant de variante"},
    "what.set": {"en": "set", "fr": "set (les drapeaux posés)"},
    "what.unset": {"en": "unset", "fr": "unset (les drapeaux retirés)"},
    "what.reveal": {"en": "reveal", "fr": "la révélation (reveal)"},
    "what.text": {"en": "text", "fr": "le texte"},
    "what.choice_id": {"en": "choice id", "fr": "l'identifiant de choix"},
    "what.choice_text": {"en": "choice text", "fr": "le texte du choix"},
    "what.effects": {"en": "effects", "fr": "effects (les effets)"},
    "what.feedback": {"en": "feedback", "fr": "le retour (feedback)"},
    "what.applies": {"en": "applies", "fr": "applies"},
    "what.violates": {"en": "violates", "fr": "violates"},
    "what.ending": {"en": "ending", "fr": "la fin (ending)"},
    "what.an_ending": {"en": "an ending", "fr": "une fin"},
    "what.ending_title": {"en": "ending title", "fr": "le titre de la fin"},
    "what.ending_text": {"en": "ending text", "fr": "le texte de la fin"},
    "what.time_limit": {"en": "time_limit", "fr": "time_limit (le temps limite)"},
    "what.weight": {"en": "weight", "fr": "le poids (weight)"},
    "what.a_principle": {"en": "a principle", "fr": "un principe"},
    "what.principle_id": {"en": "principle id", "fr": "l'identifiant de principe"},
    "what.principle_name": {"en": "principle name", "fr": "le nom du principe"},
    "what.description": {"en": "description", "fr": "la description"},
    "what.rationale": {"en": "rationale", "fr": "la justification (rationale)"},
    "what.a_source": {"en": "a source", "fr": "une source"},
    "what.story_id": {"en": "story id", "fr": "l'identifiant d'histoire"},
    "what.what_the_story_shows": {"en": "what the story shows", "fr": "ce que montre l'histoire"},
    "what.framework": {"en": "framework", "fr": "le cadre (framework)"},
    "what.framework_name": {"en": "framework name", "fr": "le nom du cadre"},
    "what.sectors": {"en": "sectors", "fr": "sectors (les secteurs)"},
    "what.principles": {"en": "principles", "fr": "principles"},
    "what.meter": {"en": "meter {meter}", "fr": "la jauge {meter}"},
    "what.variant": {"en": "variant {n}", "fr": "la variante {n}"},
    "what.node": {"en": "node {node}", "fr": "le nœud {node}"},
    "what.choice": {"en": "choice {n} of node {node}", "fr": "le choix {n} du nœud {node}"},
    "what.effect_on": {"en": "effect on {meter}", "fr": "l'effet sur {meter}"},
    "what.entry": {"en": "{name} entry", "fr": "une entrée de {list}"},  # name: the list's name less its s
    # ---- simulator/format/fields.py: typed readers
    "fields.unknown_key": {"en": "unknown key {key}{where}{hint}", "fr": "clé inconnue {key}{where}{hint}"},
    "fields.missing_key": {"en": "missing required key {key}{where}", "fr": "clé obligatoire absente {key}{where}"},
    "fields.in": {"en": " in {what}", "fr": " dans {what}"},
    "fields.not_mapping": {"en": "{what} must be a mapping ({example} lines), found {found}",
                           "fr": "{what} doit être un dictionnaire (des lignes {example}), trouvé : {found}"},
    "fields.empty": {"en": "{what} is empty", "fr": "{what} est vide"},
    "fields.not_lang": {"en": "{lang} is not a language code (such as fr or en)",
                        "fr": "{lang} n'est pas un code de langue (comme fr ou en)"},
    "fields.lang_empty": {"en": "{what} in {lang} must be a non-empty string",
                          "fr": "{what} en {lang} doit être un texte non vide"},
    "fields.no_scenario_lang": {"en": "{what} has no text in the scenario's language {lang}",
                                "fr": "{what} n'a pas de texte dans la langue du scénario, {lang}"},
    "fields.not_text": {"en": "{what} must be a string or a map of languages to strings, found {found}",
                        "fr": "{what} doit être un texte ou un dictionnaire des langues vers leurs textes, trouvé : {found}"},
    "fields.no_translation": {"en": "{what} has no {check} translation; {lang} will be shown",
                              "fr": "{what} n'a pas de traduction en {check} ; le texte en {lang} sera affiché"},
    "fields.not_string": {"en": "{what} must be a non-empty string, found {found}",
                          "fr": "{what} doit être un texte non vide, trouvé : {found}"},
    "fields.not_slug": {"en": "{what} {value} must be a slug: lowercase letters, digits and hyphens",
                        "fr": "{what} {value} doit être un identifiant court : lettres minuscules, chiffres et "
                              "traits d'union"},
    "fields.bad_node_id": {"en": "node id {value} must be one word of letters, digits, - or _",
                           "fr": "l'identifiant de nœud {value} doit être un seul mot de lettres, chiffres, - ou _"},
    "fields.bad_meter_id": {"en": "meter id {value} must be one word of letters, digits, - or _ that starts with a "
                                  "letter or _ (and is not and, or, not), so that guards can name it",
                            "fr": "l'identifiant de jauge {value} doit être un seul mot de lettres, chiffres, - ou _ "
                                  "qui commence par une lettre ou _ (et n'est pas and, or, not), pour que les "
                                  "conditions puissent le nommer"},
    "fields.not_integer": {"en": "{what} must be a whole number, found {found}",
                           "fr": "{what} doit être un nombre entier, trouvé : {found}"},
    "fields.out_of_range": {"en": "{what} must be {lo}..{hi}, found {found}",
                            "fr": "{what} doit être entre {lo} et {hi}, trouvé : {found}"},
    "fields.below": {"en": "{what} must be at least {lo}, found {found}",
                     "fr": "{what} doit valoir au moins {lo}, trouvé : {found}"},
    "fields.not_list": {"en": "{what} must be a list such as [a, b], found {found}",
                        "fr": "{what} doit être une liste comme [a, b], trouvé : {found}"},
    "fields.bad_flag": {"en": "flag name {value} must be a word of letters, digits, _ or -",
                        "fr": "le nom de drapeau {value} doit être un mot de lettres, chiffres, _ ou -"},
    "fields.sources_list": {"en": "sources must be a list", "fr": "sources doit être une liste"},
    "fields.frameworks_list": {"en": "frameworks must be a list of names", "fr": "frameworks doit être une liste de noms"},
    "fields.a_mapping": {"en": "a mapping", "fr": "un dictionnaire"},
    "fields.a_list": {"en": "a list", "fr": "une liste"},
    "fields.nothing": {"en": "nothing", "fr": "rien"},
    # ---- simulator/format/loader.py: the scenario's own rules
    "load.format": {"en": "format must be {expected}, found {found}", "fr": "format doit valoir {expected}, trouvé : {found}"},
    "load.lang": {"en": "lang must be a language code such as fr or en, found {found}",
                  "fr": "lang doit être un code de langue comme fr ou en, trouvé : {found}"},
    "load.no_nodes": {"en": "a scenario needs at least one node", "fr": "un scénario a besoin d'au moins un nœud"},
    "load.moods_empty": {"en": "moods is empty: give words for the meter's bands, such as {example}",
                         "fr": "moods est vide : donnez un mot pour chaque tranche de la jauge, comme {example}"},
    "load.mood_key": {"en": "a mood's key is the number where its band starts, 0 to 100; found {found}",
                      "fr": "la clé d'une humeur est le nombre où commence sa tranche, de 0 à 100 ; trouvé : {found}"},
    "load.moods_start": {"en": "moods must start at 0 (the lowest band starts at {lowest}): every value of the meter "
                               "needs a word",
                         "fr": "moods doit commencer à 0 (la tranche la plus basse commence à {lowest}) : chaque "
                               "valeur de la jauge a besoin d'un mot"},
    "load.variants": {"en": "variants must be a non-empty list of variants, each with an id",
                      "fr": "variants doit être une liste non vide de variantes, chacune avec un id"},
    "load.variant_twice": {"en": "variant id {id} is used twice", "fr": "l'identifiant de variante {id} est utilisé deux fois"},
    "load.weight": {"en": "weight must be a number above 0 (a relative chance, such as 1 or 2), found {found}",
                    "fr": "weight doit être un nombre supérieur à 0 (une chance relative, comme 1 ou 2), trouvé : {found}"},
    "load.variant_meter": {"en": "variant sets an unknown meter {meter}{hint}",
                           "fr": "la variante règle une jauge inconnue {meter}{hint}"},
    "load.principles": {"en": "principles must be a list of principle definitions",
                        "fr": "principles doit être une liste de définitions de principes"},
    "load.speaker": {"en": "speaker must be one of {speakers}, found {found}{hint}",
                     "fr": "speaker doit être l'un de {speakers}, trouvé : {found}{hint}"},
    "load.choices_and_ending": {"en": "node {node} has both choices and an ending; give it one or the other",
                                "fr": "le nœud {node} a à la fois des choix et une fin ; donnez-lui l'un ou l'autre"},
    "load.choices_or_ending": {"en": "node {node} needs either choices or an ending",
                               "fr": "le nœud {node} a besoin de choix ou d'une fin"},
    "load.choices_empty": {"en": "choices must be a non-empty list", "fr": "choices doit être une liste non vide"},
    "load.too_many_choices": {"en": "node {node} has {n} choices; at most {max} (keys 1-9 pick them)",
                              "fr": "le nœud {node} a {n} choix ; {max} au plus (les touches 1 à 9 les choisissent)"},
    "load.choice_twice": {"en": "choice id {id} is used twice in node {node}",
                          "fr": "l'identifiant de choix {id} est utilisé deux fois dans le nœud {node}"},
    "load.time_limit_alone": {"en": "time_limit needs on_timeout: the node to go to when time runs out",
                              "fr": "time_limit demande on_timeout : le nœud où aller quand le temps est écoulé"},
    "load.on_timeout_alone": {"en": "on_timeout needs a time_limit (seconds)",
                              "fr": "on_timeout demande un time_limit (en secondes)"},
    "load.ending_time_limit": {"en": "ending node {node} cannot have a time limit",
                               "fr": "le nœud de fin {node} ne peut pas avoir de temps limite"},
    "load.apply_and_violate": {"en": "a choice cannot both apply and violate {principles}",
                               "fr": "un choix ne peut pas à la fois appliquer et enfreindre {principles}"},
    "load.effect_meter": {"en": "effects name an unknown meter {meter}{hint}{declare}",
                          "fr": "effects nomme une jauge inconnue {meter}{hint}{declare}"},
    "load.no_feedback": {"en": "choice {choice} of node {node} applies or violates a principle but gives no feedback "
                               "to explain why",
                         "fr": "le choix {choice} du nœud {node} applique ou enfreint un principe mais ne donne aucun "
                               "retour (feedback) pour expliquer pourquoi"},
    "load.unknown_principle": {"en": "unknown principle {principle}{hint}; use an id of the catalogue or define it "
                                     "under {section}",
                               "fr": "principe inconnu {principle}{hint} ; utilisez un id du catalogue ou "
                                     "définissez-le sous {section}"},
    "load.when_not_text": {"en": "when must be a guard written as text, such as \"trust >= 50 and listened\"",
                           "fr": "when doit être une condition écrite en texte, comme « trust >= 50 and listened »"},
    "load.bad_guard": {"en": "bad guard {guard}: {reason}", "fr": "condition incorrecte {guard} : {reason}"},
    "load.guard_flag_compared": {"en": "guard compares {name}, which is a flag, not a meter",
                                 "fr": "la condition compare {name}, qui est un drapeau, pas une jauge"},
    "load.guard_unknown_meter": {"en": "guard names an unknown meter {name}{hint}",
                                 "fr": "la condition nomme une jauge inconnue {name}{hint}"},
    "load.guard_bare_meter": {"en": "meter {name} needs a comparison in a guard, such as {example} >= 50",
                              "fr": "la jauge {name} demande une comparaison dans une condition, comme {example} >= 50"},
    "load.guard_unknown_flag": {"en": "guard names an unknown flag {name}{hint}; flags come from a choice's {section}",
                                "fr": "la condition nomme un drapeau inconnu {name}{hint} ; les drapeaux viennent du "
                                      "{section} d'un choix"},
    "load.outcome": {"en": "outcome must be one of won, kept, lost, found {found}{hint}",
                     "fr": "outcome doit valoir won, kept ou lost, trouvé : {found}{hint}"},
    "load.ref_bool": {"en": "{key} must name a node, found {found}: YAML reads yes, no, on, off, true and false as true "
                            "or false; to name a node so, quote it ({example})",
                      "fr": "{key} doit nommer un nœud, trouvé : {found} ; YAML lit yes, no, on, off, true et false "
                            "comme vrai ou faux ; pour nommer un nœud ainsi, mettez-le entre guillemets "
                            "({example})"},
    "load.ref_none": {"en": "{key} names no node: {found}{hint}", "fr": "{key} ne nomme aucun nœud : {found}{hint}"},
    # ---- simulator/format/guards.py: the `when` mini-language
    "guard.char": {"en": "unexpected character {char} in guard", "fr": "caractère inattendu {char} dans la condition"},
    "guard.too_long": {"en": "guard is too long (more than {max} words and symbols); split it with a flag set by an "
                             "earlier choice",
                       "fr": "condition trop longue (plus de {max} mots et symboles) ; découpez-la avec un drapeau "
                             "posé par un choix précédent"},
    "guard.too_deep": {"en": "guard nested too deeply (more than {max} levels of parentheses and 'not')",
                       "fr": "condition trop imbriquée (plus de {max} niveaux de parenthèses et de « not »)"},
    "guard.expected": {"en": "expected {what}, found {found}", "fr": "attendu : {what}, trouvé : {found}"},
    "guard.end": {"en": "end of guard", "fr": "la fin de la condition"},
    "guard.rpar": {"en": "')'", "fr": "« ) »"},
    "guard.int_after": {"en": "an integer after {op}", "fr": "un nombre entier après {op}"},
    "guard.empty": {"en": "empty guard", "fr": "condition vide"},
    "guard.unexpected": {"en": "unexpected {token}; join conditions with 'and' or 'or'",
                         "fr": "{token} inattendu ; reliez les conditions par « and » ou « or »"},
    "guard.digits": {"en": "the number after {op} has {n} digits: a meter goes from 0 to 100",
                     "fr": "le nombre après {op} a {n} chiffres : une jauge va de 0 à 100"},
    "guard.primary": {"en": "expected a meter comparison, a flag, 'not' or '(', found {found}",
                      "fr": "attendu : une comparaison de jauge, un drapeau, « not » ou « ( », trouvé : {found}"},
    # ---- simulator/format/yamldoc.py: reading the file and its YAML
    "yaml.control_text": {"en": "text contains the control character {char}; remove it",
                          "fr": "le texte contient le caractère de contrôle {char} ; retirez-le"},
    "yaml.control_file": {"en": "the file contains the control character {char}; remove it",
                          "fr": "le fichier contient le caractère de contrôle {char} ; retirez-le"},
    "yaml.number_too_long": {"en": "number too long ({chars} characters): a scenario's numbers are written with at "
                                   "most {max} (such as 3, 70 or -20)",
                             "fr": "nombre trop long ({chars} caractères) : les nombres d'un scénario s'écrivent avec "
                                   "{max} caractères au plus (comme 3, 70 ou -20)"},
    "yaml.bad_int": {"en": "{value} is not a valid !!int value; write a plain value",
                     "fr": "{value} n'est pas une valeur !!int valable ; écrivez une valeur simple"},
    "yaml.bad_value": {"en": "{value} is not a valid {tag} value; write a plain value",
                       "fr": "{value} n'est pas une valeur {tag} valable ; écrivez une valeur simple"},
    "yaml.custom_tag": {"en": "custom or unsupported YAML tag {tag}; write a plain value",
                        "fr": "étiquette YAML personnalisée ou non prise en charge {tag} ; écrivez une valeur simple"},
    "yaml.too_deep": {"en": "nested too deeply (more than {max} levels); a scenario needs far fewer",
                      "fr": "imbrication trop profonde (plus de {max} niveaux) ; un scénario en demande bien moins"},
    "yaml.tag_mapping": {"en": "custom or unsupported YAML tag {tag} on a mapping",
                         "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur un dictionnaire"},
    "yaml.key_not_plain": {"en": "a key must be a plain name, not a list or mapping",
                           "fr": "une clé doit être un nom simple, pas une liste ni un dictionnaire"},
    "yaml.tag_key": {"en": "custom or unsupported YAML tag {tag} on a key; write a plain name",
                     "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur une clé ; écrivez un nom simple"},
    "yaml.duplicate_key": {"en": "duplicate key {key} (first at line {line})",
                           "fr": "clé en double {key} (la première à la ligne {line})"},
    "yaml.tag_list": {"en": "custom or unsupported YAML tag {tag} on a list",
                      "fr": "étiquette YAML personnalisée ou non prise en charge {tag} sur une liste"},
    "yaml.alias": {"en": "YAML alias {name} is not allowed; write the value out in full",
                   "fr": "l'alias YAML {name} n'est pas permis ; écrivez la valeur en entier"},
    "yaml.anchor": {"en": "YAML anchor {name} is not allowed; write the value out in full",
                    "fr": "l'ancre YAML {name} n'est pas permise ; écrivez la valeur en entier"},
    "yaml.error": {"en": "YAML error: {reason}", "fr": "erreur YAML ({reason})"},
    "yaml.size": {"en": "file is {size} MiB; scenario files are limited to 1 MiB",
                  "fr": "le fichier fait {size} Mio ; un fichier de scénario est limité à 1 Mio"},
    "yaml.size_more": {"en": "file is more than {size} MiB; scenario files are limited to 1 MiB",
                       "fr": "le fichier fait plus de {size} Mio ; un fichier de scénario est limité à 1 Mio"},
    "yaml.cannot_read": {"en": "cannot read file: {reason}", "fr": "fichier illisible ({reason})"},
    "yaml.not_regular": {"en": "cannot read file: it is {kind}, not a scenario file",
                         "fr": "fichier illisible : c'est {kind}, pas un fichier de scénario"},
    "yaml.kind.folder": {"en": "a folder", "fr": "un dossier"},
    "yaml.kind.fifo": {"en": "a named pipe (FIFO)", "fr": "un tube nommé (FIFO)"},
    "yaml.kind.char": {"en": "a character device", "fr": "un périphérique en mode caractère"},
    "yaml.kind.block": {"en": "a block device", "fr": "un périphérique en mode bloc"},
    "yaml.kind.socket": {"en": "a socket", "fr": "une socket"},
    "yaml.kind.other": {"en": "not a regular file", "fr": "autre chose qu'un fichier ordinaire"},
    "yaml.not_utf8": {"en": "file is not valid UTF-8 text", "fr": "le fichier n'est pas un texte UTF-8 valable"},
    "yaml.empty": {"en": "file is empty", "fr": "le fichier est vide"},
    # PyYAML's own reason ({problem}, {context}) is English: French quotes it as the parser's words
    "yaml.syntax": {"en": "YAML syntax error: {problem}{context}{hint}",
                    "fr": "erreur de syntaxe YAML (« {problem} »{context}){hint}"},
    "yaml.syntax_context": {"en": " ({context} started at line {line}, column {col})",
                            "fr": ", « {context} » ouvert à la ligne {line}, colonne {col}"},
    "yaml.syntax_hint": {"en": ". Hint: {hint}", "fr": ". Conseil : {hint}"},
    "yaml.syntax_unknown": {"en": "syntax error", "fr": "erreur de syntaxe"},
    "yaml.merge": {"en": "YAML merge keys ({key}) are not allowed; write the keys out",
                   "fr": "les clés de fusion YAML ({key}) ne sont pas permises ; écrivez les clés en entier"},
    "yaml.unsupported_node": {"en": "unsupported YAML node", "fr": "élément YAML non pris en charge"},
    # ---- simulator/format/yamlhints.py: plain-words hints for YAML syntax errors
    "yhint.tab": {"en": "line {line} is indented with a tab: indent with spaces only (editors can be set to insert "
                        "spaces when Tab is pressed)",
                  "fr": "la ligne {line} est indentée avec une tabulation : indentez avec des espaces seulement (un "
                        "éditeur peut insérer des espaces à l'appui sur Tab)"},
    "yhint.colon_in_text": {"en": "this text contains \": \", which YAML reads as a new key: put the whole text in "
                                  "double quotes{fix}",
                            "fr": "ce texte contient « : », que YAML lit comme une nouvelle clé : mettez tout le texte "
                                  "entre guillemets droits doubles{fix}"},
    "yhint.fix": {"en": " ({example})", "fr": " ({example})"},
    "yhint.key_indent": {"en": "check the indentation of line {line} against the line above: a key must start in the "
                               "same column as the other keys of its block",
                         "fr": "vérifiez l'indentation de la ligne {line} par rapport à la ligne du dessus : une clé "
                               "doit commencer dans la même colonne que les autres clés de son bloc"},
    "yhint.quote_open": {"en": "a quote opened{where} is never closed: end the text with the same quote mark",
                         "fr": "un guillemet ouvert{where} n'est jamais fermé : terminez le texte par le même "
                               "guillemet"},
    "yhint.at_line": {"en": " at line {line}", "fr": " à la ligne {line}"},
    "yhint.quote_then_more": {"en": "a text that starts with a quote ends at the next same quote mark, and more "
                                    "follows it on this line: put the quotes around the whole text (and write a "
                                    "{dq} inside a double-quoted text as {escaped})",
                              "fr": "un texte qui commence par un guillemet s'arrête au guillemet identique suivant, "
                                    "et la ligne continue après : mettez les guillemets autour de tout le texte (et "
                                    "écrivez un {dq} à l'intérieur d'un texte entre guillemets doubles sous la forme "
                                    "{escaped})"},
    "yhint.block_indent": {"en": "check the indentation of line {line} against the line above: lines of the same "
                                 "block start in the same column (with spaces), and the items of a list each start "
                                 "with {dash}",
                           "fr": "vérifiez l'indentation de la ligne {line} par rapport à la ligne du dessus : les "
                                 "lignes d'un même bloc commencent dans la même colonne (avec des espaces), et les "
                                 "éléments d'une liste commencent chacun par {dash}"},
    "yhint.no_colon": {"en": "a key on line {line} or just above has no {colon} after it, or a text runs onto a new "
                             "line: write {example}, and quote a text that spans lines",
                       "fr": "une clé de la ligne {line} ou juste au-dessus n'est pas suivie de {colon}, ou un texte "
                             "continue sur une nouvelle ligne : écrivez {example}, et mettez entre guillemets un texte "
                             "sur plusieurs lignes"},
    "yhint.bad_start": {"en": "a text cannot start with {char} in YAML: put the whole text in double quotes",
                        "fr": "en YAML, un texte ne peut pas commencer par {char} : mettez tout le texte entre "
                              "guillemets droits doubles"},
    # ---- simulator/authoring/summary.py: the summary check prints after each valid file
    "sum.heading": {"en": "{file}: summary of {id}", "fr": "{file} : résumé de {id}"},
    "sum.some_states": {"en": "some {n}", "fr": "quelque {n}"},
    "sum.more_states": {"en": "more than 10^{power}", "fr": "plus de 10^{power}"},
    "sum.too_many": {"en": "scores not proven: the meters and flags allow {states} play states, too many to search "
                           "(the warnings that need it are not given); move meters by fewer different amounts, or "
                           "read fewer of them in guards",
                     "fr": "scores non prouvés : les jauges et les drapeaux permettent {states} états de partie, trop "
                           "pour les parcourir (les avertissements qui en ont besoin ne sont pas donnés) ; faites "
                           "bouger les jauges de moins de valeurs différentes, ou lisez-en moins dans les conditions"},
    "sum.budget": {"en": "scores not proven: the search of play states stopped at its budget (the warnings that need "
                         "it are not given)",
                   "fr": "scores non prouvés : la recherche des états de partie s'est arrêtée à sa limite (les "
                         "avertissements qui en ont besoin ne sont pas donnés)"},
    "sum.no_score": {"en": "no play has a judged decision: no score",
                     "fr": "aucune partie n'a de décision jugée : pas de score"},
    "sum.best_not_lost": {"en": "best not lost {score}", "fr": "meilleur score hors « lost » {score}"},
    "sum.all_lost": {"en": "no play avoids 'lost'", "fr": "aucune partie n'évite « lost »"},
    "sum.scores": {"en": "scores {worst} to {best}, {not_lost}", "fr": "scores de {worst} à {best}, {not_lost}"},
    "sum.no_limit": {"en": "no limit (a loop can go on)", "fr": "sans limite (une boucle peut durer)"},
    "sum.unknown": {"en": "unknown", "fr": "inconnue"},
    "sum.decisions": {"en": "{n} {n|decision|decisions}", "fr": "{n} {n|décision|décisions}"},
    "sum.plays": {"en": "shortest {shortest}, longest {longest}{incomplete}",
                  "fr": "la plus courte {shortest}, la plus longue {longest}{incomplete}"},
    "sum.incomplete": {"en": " (search incomplete: the shortest ignores guards)",
                       "fr": " (recherche incomplète : la plus courte ne tient pas compte des conditions)"},
    "sum.nodes": {"en": "  nodes {nodes} ({choice_nodes} with choices), endings {ends}",
                  "fr": "  nœuds {nodes} ({choice_nodes} avec des choix), fins {ends}"},
    "sum.none": {"en": "none", "fr": "aucune"},
    "sum.per_ending": {"en": "  score range per ending (lowest – highest, with a play of each):",
                       "fr": "  scores par fin (le plus bas – le plus haut, avec une partie pour chacun) :"},
    "sum.range_line": {"en": "    {ending} ({outcome}): {range}", "fr": "    {ending} ({outcome}) : {range}"},
    "sum.variant": {"en": "  variant {id}:", "fr": "  variante {id} :"},
    "sum.best_play": {"en": "  best play: --choices {play}", "fr": "  meilleure partie : --choices {play}"},
    "sum.plays_line": {"en": "  plays {plays}", "fr": "  parties : {plays}"},
    "sum.applied": {"en": "  principles applied {n}: {ids}", "fr": "  principes appliqués {n} : {ids}"},
    "sum.violated": {"en": "  principles violated {n}: {ids}", "fr": "  principes enfreints {n} : {ids}"},
    "sum.range_none": {"en": "no judged decision (no score)", "fr": "aucune décision jugée (pas de score)"},
    "sum.also_unscored": {"en": "; also reached with no judged decision",
                          "fr": "\u202f; aussi atteinte sans décision jugée"},
    # ---- simulator/cli/main.py: check's own lines
    "check.no_such_path": {"en": "no such file or folder", "fr": "aucun fichier ni dossier de ce nom"},
    "check.empty_folder": {"en": "no scenario file (.yaml or .yml) in this folder",
                           "fr": "aucun fichier de scénario (.yaml ou .yml) dans ce dossier"},
    "check.count": {"en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
                    "fr": "{files} {files|fichier vérifié|fichiers vérifiés} : {errors} {errors|erreur|erreurs}, "
                          "{warnings} {warnings|avertissement|avertissements}"},
    # ---- scoring/catalogue.py: the principles catalogue file
    "cat.format": {"en": "format must be {expected}, found {found}", "fr": "format doit valoir {expected}, trouvé : {found}"},
    "cat.principles_list": {"en": "principles must be a list", "fr": "principles doit être une liste"},
    "cat.twice": {"en": "principle {id} is defined twice", "fr": "le principe {id} est défini deux fois"},
    # past simulator.authoring.checker.REPORTED problems in a file; {n} formatted, {count} the number
    "check.more": {"en": "… and {n} more {count|problem|problems} in {file}",
                   "fr": "… et {n} {count|autre problème|autres problèmes} dans {file}"},
    # ---- simulator/analysis/reach.py: states and boxes in words (inside the warnings above)
    "reach.always": {"en": "{meter} is always {value}", "fr": "{meter} vaut toujours {value}"},
    "reach.between": {"en": "{meter} stays between {lo} and {hi}", "fr": "{meter} reste entre {lo} et {hi}"},
    "reach.flag_never": {"en": "flag {flag} is never set", "fr": "le drapeau {flag} n'est jamais posé"},
    "reach.flag_always": {"en": "flag {flag} is always set", "fr": "le drapeau {flag} est toujours posé"},
    "reach.flags": {"en": "flags: {flags}", "fr": "drapeaux : {flags}"},
    "reach.no_flag": {"en": "no flag set", "fr": "aucun drapeau posé"},
    "reach.at_start": {"en": "at the start", "fr": "au départ"},
    # ---- litige import / export-twee (simulator/authoring/twee.py, twee_import.py, commands/twee.py)
    # reading the Twee file (twee.py)
    "twee.tags_unclosed": {"en": "tag block not closed with ']': tags ignored",
                           "fr": "bloc d'étiquettes non fermé par « ] » : étiquettes ignorées"},
    "twee.metadata_not_object": {"en": "passage metadata is not a JSON object: ignored",
                                 "fr": "les métadonnées du passage ne sont pas un objet JSON : ignorées"},
    "twee.after_name": {"en": "unexpected text after the passage name: ignored",
                        "fr": "texte inattendu après le nom du passage : ignoré"},
    "twee.no_name": {"en": "passage without a name: skipped", "fr": "passage sans nom : ignoré"},
    "twee.preamble": {"en": "text before the first passage header ({header}) is not part of any passage: ignored",
                      "fr": "le texte avant le premier en-tête de passage ({header}) n'appartient à aucun passage : "
                            "ignoré"},
    "twee.comment_unclosed": {"en": "comment not closed with {end}: the rest of the passage is taken as a comment",
                              "fr": "commentaire non fermé par {end} : la suite du passage est prise comme un "
                                    "commentaire"},
    "twee.link_unclosed": {"en": "link not closed with {end}: kept as text",
                           "fr": "lien non fermé par {end} : gardé comme texte"},
    "twee.macro_unclosed": {"en": "macro not closed with {end}: kept as text",
                            "fr": "macro non fermée par {end} : gardée comme texte"},
    "twee.hooks_unclosed": {"en": "{n} hook(s) not closed with {end}",
                            "fr": "{n} {n|bloc (hook) non fermé|blocs (hooks) non fermés} par {end}"},
    # the story as a scenario (twee_import.py)
    "twee.no_passage": {"en": "no passage: a Twee file is made of passages, each starting with a line {header}",
                        "fr": "aucun passage : un fichier Twee est fait de passages, qui commencent chacun par une "
                              "ligne {header}"},
    "twee.no_story": {"en": "no story passage: only special passages (StoryTitle, StoryData, scripts…)",
                      "fr": "aucun passage d'histoire : seulement des passages spéciaux (StoryTitle, StoryData, "
                            "scripts…)"},
    "twee.control": {"en": "the story contains the control character {char}; remove it",
                     "fr": "l'histoire contient le caractère de contrôle {char} ; supprimez-le"},
    "twee.twice": {"en": "passage {name} is defined twice (first at line {first}): this one is ignored",
                   "fr": "le passage {name} est défini deux fois (d'abord à la ligne {first}) : celui-ci est ignoré"},
    "twee.special_tag": {"en": "a {tag} passage has no place in a scenario: not imported",
                         "fr": "un passage « {tag} » n'a pas sa place dans un scénario : non importé"},
    "twee.special_name": {"en": "the special passage {name} has no place in a scenario: not imported",
                          "fr": "le passage spécial {name} n'a pas sa place dans un scénario : non importé"},
    "twee.start_unknown": {"en": "StoryData's start {name} is not a story passage",
                           "fr": "le départ {name} que donne StoryData n'est pas un passage de l'histoire"},
    "twee.no_start": {"en": "no start passage named (StoryData's start, or {default}): the first passage, {name}, "
                            "is the start",
                      "fr": "aucun passage de départ nommé (start de StoryData, ou {default}) : le premier passage, "
                            "{name}, est le départ"},
    "twee.json_bad": {"en": "{name} is not JSON ({reason}): ignored",
                      "fr": "{name} n'est pas du JSON valide ({reason}) : ignoré"},
    "twee.json_not_object": {"en": "{name} is not a JSON object: ignored",
                             "fr": "{name} n'est pas un objet JSON : ignoré"},
    "twee.data_not_mapping": {"en": "the {tag} passage is not a YAML mapping: ignored",
                              "fr": "le passage {tag} n'est pas une table YAML (des clés et leurs valeurs) : ignoré"},
    "twee.data_key": {"en": "the {tag} passage's key {key} is not a scenario key: ignored",
                      "fr": "la clé {key} du passage {tag} n'est pas une clé de scénario : ignorée"},
    "twee.html": {"en": "an HTML <{element}> element has no equivalent in a scenario: not imported",
                  "fr": "un élément HTML <{element}> n'a pas d'équivalent dans un scénario : non importé"},
    "twee.setter_bad": {"en": "the link's setter {part} is not a simple setting ($x to N, $x to $x + N, $x to true): "
                              "not imported",
                        "fr": "l'affectation {part} du lien n'est pas une affectation simple (`$x to N`, "
                              "`$x to $x + N`, `$x to true`) : non importée"},
    "twee.set_bad": {"en": "{part} is not a simple setting ($x to N, $x to $x + N, $x to true): not imported",
                     "fr": "{part} n'est pas une affectation simple (`$x to N`, `$x to $x + N`, `$x to true`) : "
                           "non importée"},
    "twee.if_unclosed": {"en": "<<if>> not closed with <</if>> in this passage",
                         "fr": "<<if>> non fermé par <</if>> dans ce passage"},
    "twee.set_in_condition": {"en": "a setting inside a condition cannot be an effect (effects are not conditional): "
                                    "not imported",
                              "fr": "une affectation à l'intérieur d'une condition ne peut pas être un effet (les "
                                    "effets ne sont pas conditionnels) : non importée"},
    "twee.macro": {"en": "the macro {macro} has no equivalent in a scenario: not imported",
                   "fr": "la macro {macro} n'a pas d'équivalent dans un scénario : non importée"},
    "twee.init_link": {"en": "a link in {name} has no place in a scenario: not imported",
                       "fr": "un lien dans {name} n'a pas sa place dans un scénario : non importé"},
    "twee.both_kinds": {"en": "${var} is set both to a number and to true/false: taken as a meter, its true/false "
                              "settings not imported",
                        "fr": "${var} reçoit à la fois un nombre et true/false : prise comme une jauge, ses "
                              "affectations à true/false ne sont pas importées"},
    "twee.start_clamped": {"en": "${var} starts at {value}: meters go from 0 to 100, so it starts at {clamped}",
                           "fr": "${var} commence à {value} : les jauges vont de 0 à 100, elle commence donc à "
                                 "{clamped}"},
    "twee.flag_at_start": {"en": "${var} is true from the start: flags start unset in a scenario; set it with a "
                                 "choice or a variant",
                           "fr": "${var} est vrai dès le départ : dans un scénario, les drapeaux commencent non "
                                 "posés ; posez-le par un choix ou une variante"},
    "twee.start_loops": {"en": "the start passage sets values and links lead back to it: its values are the meters' "
                               "start values, not effects of those links",
                         "fr": "le passage de départ donne des valeurs et des liens y ramènent : ses valeurs sont "
                               "les valeurs de départ des jauges, pas des effets de ces liens"},
    "twee.abs_effect": {"en": "${var} is set to {value}: an effect is a change (${var} to ${var} + N); only the start "
                              "passage and StoryInit give values: not imported",
                        "fr": "${var} reçoit la valeur {value} : un effet est un changement (`${var} to ${var} + N`) "
                              "; seuls le passage de départ et StoryInit donnent des valeurs : non importé"},
    "twee.time_limit_gone": {"en": "the time limit's passage {name} is no longer in the story: the time limit is not "
                                   "imported",
                             "fr": "le passage du délai, {name}, n'est plus dans l'histoire : le délai n'est pas "
                                   "importé"},
    "twee.tag_meaningless": {"en": "tag {tag} means nothing in a scenario: not imported",
                             "fr": "l'étiquette {tag} ne veut rien dire dans un scénario : non importée"},
    "twee.ending_links": {"en": "passage tagged {outcome} is an ending: its {n} link(s) not imported",
                          "fr": "le passage étiqueté {outcome} est une fin : {n} {n|lien non importé|liens non "
                                "importés}"},
    "twee.ending_default": {"en": "a passage without links is an ending; without a won, kept or lost tag its "
                                  "outcome is 'kept'",
                            "fr": "un passage sans liens est une fin ; sans étiquette won, kept ou lost, son issue "
                                  "est « kept »"},
    "twee.too_many": {"en": "a node offers at most {max} choices: this link is not imported",
                      "fr": "un nœud propose au plus {max} choix : ce lien n'est pas importé"},
    "twee.link_empty": {"en": "an empty link: this link is not imported", "fr": "un lien vide : ce lien n'est pas importé"},
    "twee.link_nowhere": {"en": "no story passage is named {target}: this link is not imported",
                          "fr": "aucun passage de l'histoire ne s'appelle {target} : ce lien n'est pas importé"},
    "twee.bad_principle": {"en": "tag {tag}: {id} is not a principle of the catalogue: not imported",
                           "fr": "étiquette {tag} : {id} n'est pas un principe du catalogue : non importée"},
    "twee.cond_bad": {"en": "condition {cond} cannot be a guard ({reason}): the links inside it are offered without it",
                      "fr": "la condition {cond} ne peut pas devenir un `when` ({reason}) : les liens qu'elle "
                            "contient sont proposés sans condition"},
    "twee.cond_not_simple": {"en": "{text} is not a simple comparison", "fr": "{text} n'est pas une comparaison simple"},
    "twee.cond_word": {"en": "{word} is not a comparison the guard language has",
                       "fr": "{word} n'est pas une comparaison du langage des conditions"},
    "twee.cond_alone": {"en": "{word} alone is not a guard", "fr": "{word} seul n'est pas une condition"},
    "twee.cond_meter": {"en": "${meter} is compared with a number but no passage sets it to one",
                        "fr": "${meter} est comparée à un nombre, mais aucun passage ne lui en donne un"},
    "twee.cond_flag": {"en": "${flag} is never set to true or false",
                       "fr": "${flag} ne reçoit jamais true ni false"},
    # the comments written into the scenario made (in the messages' language, as the warnings they repeat)
    "twee.header": {"en": "Imported from {file} by `litige import`: check it with `litige check`, then add\n"
                          "principles (applies / violates) and feedback to the choices.",
                    "fr": "Importé de {file} par `litige import` : vérifiez-le avec `litige check`, puis ajoutez\n"
                          "aux choix des principes (applies / violates) et des retours (feedback)."},
    "twee.kept_comment": {"en": "comment kept from the story: {text}",
                          "fr": "commentaire gardé de l'histoire : {text}"},
    # the commands (commands/twee.py)
    "twee.not_utf8": {"en": "not UTF-8 text (Twee files are UTF-8)",
                      "fr": "ce n'est pas du texte UTF-8 (les fichiers Twee sont en UTF-8)"},
    "twee.too_large": {"en": "{file}: the story is larger than {mib} MiB",
                       "fr": "{file} : l'histoire dépasse {mib}\u202fMio"},
    "twee.cannot_write": {"en": "cannot write {file}: {reason}", "fr": "impossible d'écrire {file} : {reason}"},
    "twee.made_errors": {"en": "the scenario made has {n} error(s), the first at line {line}: {message}; "
                               "`litige check` lists them",
                         "fr": "le scénario produit a {n} {n|erreur|erreurs} ; la première, ligne {line} : "
                               "{message} ; `litige check` les liste"},
}
