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
before the catalogue); French templates are typeset (simulator.typography: no-break spaces before
`: ; ! ?`, « », `’`) before the values go in. `{n|one|many}` picks a form by `i18n.plural_one`.
`FILE:LINE:COL:`, the words `error`/`warning` and the `[code]` stay as they are in both languages:
they are not part of a message (see `errors.Problem.render`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from simulator.typography import fmt_number, quote, typeset

LANGS = ("fr", "en")
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


class Q:
    """An identifier or value quoted in a message: repr() in English, « » in French."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def render(self, lang: str) -> str:
        if lang == "fr" and isinstance(self.value, str):
            return quote(self.value, "fr")
        return repr(self.value)


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


def _value(v: Any, lang: str) -> str:
    if isinstance(v, Msg):
        return render(v, lang)
    if isinstance(v, (Q, Num, QList, Joined)):
        return v.render(lang)
    return str(v)


@lru_cache(maxsize=None)
def template(key: str, lang: str) -> str:
    """The message `key` in `lang` before its values go in (French typeset)."""
    text = CHECK[key][lang]
    return typeset(text, "fr") if lang == "fr" else text


def _fill(key: str, lang: str, params: dict[str, Any]) -> str:
    from simulator.i18n import plural_one
    text = template(key, lang)
    if "|" in text:
        text = _PLURAL.sub(lambda m: m[2] if plural_one(float(params[m[1]]), lang) else m[3], text)
    return text.format(**{k: _value(v, lang) for k, v in params.items()}) if params else text.format()


def _rebuild(key: str, params: dict[str, Any]) -> Msg:
    return Msg(key, **params)


class Msg(str):
    """A keyed message: equal to its English text, renderable in any of LANGS."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Msg:
        self = super().__new__(cls, _fill(key, "en", params))
        self.key = key
        self.params = params
        return self

    def __reduce__(self):  # pickling keeps the key, not only the English text
        return (_rebuild, (self.key, self.params))


msg = Msg


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
        if names[0] != names[1]:
            out.append(key)
    return out


# Written with ordinary spaces and straight apostrophes in French (typeset by `template`);
# literal braces doubled ({{ }}), as str.format wants them.
CHECK: dict[str, dict[str, str]] = {
    # ---- hints and field names used inside other messages
    "hint.did_you_mean": {"en": " (did you mean {name}?)", "fr": " (vouliez-vous dire {name} ?)"},
    "hint.declare_meter": {"en": "; declare it under meters:", "fr": " ; déclarez-la sous meters:"},
    # ---- simulator/checker.py: lint warnings
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
    # ---- simulator/reach.py: states and boxes in words (inside the warnings above)
    "reach.always": {"en": "{meter} is always {value}", "fr": "{meter} vaut toujours {value}"},
    "reach.between": {"en": "{meter} stays between {lo} and {hi}", "fr": "{meter} reste entre {lo} et {hi}"},
    "reach.flag_never": {"en": "flag {flag} is never set", "fr": "le drapeau {flag} n'est jamais posé"},
    "reach.flag_always": {"en": "flag {flag} is always set", "fr": "le drapeau {flag} est toujours posé"},
    "reach.flags": {"en": "flags: {flags}", "fr": "drapeaux : {flags}"},
    "reach.no_flag": {"en": "no flag set", "fr": "aucun drapeau posé"},
    "reach.at_start": {"en": "at the start", "fr": "au départ"},
}
