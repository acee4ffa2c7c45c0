"""User-facing words of the program, in French and English. Scenario text carries its own.

The messages are written with ordinary spaces and straight apostrophes; `t` gives them their
typography (simulator.lang.typography: `Fin :` with a no-break space, « » with narrow ones, `’`).
Numbers shown to a reader go through `fmt_number` (`7,7` in French); machine formats (JSON, CSV,
xAPI, `FILE:LINE:COL:` messages) keep the decimal point."""

from __future__ import annotations

import re
from functools import cache
from collections.abc import Callable

from simulator.lang.typography import NNBSP, colon, fmt_number, fmt_percent, plural_forms, plural_one, quote, typeset

__all__ = ["LANGS", "MESSAGES", "colon", "env_lang", "fmt_number", "fmt_percent", "label", "plural_one", "quoted",
           "resolve_lang", "t"]

LANGS = ("fr", "en")


QUOTES = {"«": "»", '"': '"', "“": "”"}


def quoted(text: str, lang: str = "fr") -> str:
    """« text » in French, “text” in English, unless the text is a quotation already (a spoken
    answer in its own quotes)."""
    stripped = text.strip()
    if len(stripped) > 1 and QUOTES.get(stripped[0]) == stripped[-1]:
        return stripped
    return quote(text, lang)


def env_lang() -> str | None:
    """$LITIGE_LANG when it names a known language."""
    import os
    lang = os.environ.get("LITIGE_LANG")
    return lang if lang in LANGS else None


def resolve_lang(flag: str | None = None, saved: Callable[[], str | None] | None = None) -> str:
    """The language of the game and of every command, in one order of precedence: the --lang
    flag, else $LITIGE_LANG, else the choice saved in the game (`l`, a setting of the results
    database: `saved` reads it, and is called only when neither of the first two gave one), else
    French. Nothing else decides the language."""
    for lang in (flag, env_lang()):
        if lang in LANGS:
            return lang  # type: ignore[return-value]
    chosen = saved() if saved is not None else None
    return chosen if chosen in LANGS else "fr"  # type: ignore[return-value]


MESSAGES: dict[str, dict[str, str]] = {
    "verdict.mastered": {"fr": "maîtrisé", "en": "mastered"},
    "verdict.partial": {"fr": "partiel", "en": "partial"},
    "verdict.missed": {"fr": "manqué", "en": "missed"},
    "verdict.violated": {"fr": "enfreint", "en": "violated"},
    "outcome.won": {"fr": "gagné", "en": "won"},
    "outcome.kept": {"fr": "gardé", "en": "kept"},
    "outcome.lost": {"fr": "perdu", "en": "lost"},
    "speaker.customer": {"fr": "Client·e", "en": "Customer"},
    "speaker.narrator": {"fr": "Narration", "en": "Narrator"},
    "speaker.colleague": {"fr": "Collègue", "en": "Colleague"},
    "speaker.manager": {"fr": "Responsable", "en": "Manager"},
    "speaker.you": {"fr": "Vous", "en": "You"},
    "debrief.title": {"fr": "Débriefing", "en": "Debrief"},
    "debrief.ending": {"fr": "Fin", "en": "Ending"},
    "debrief.score": {"fr": "Score", "en": "Score"},
    "debrief.no_score": {"fr": "– (aucune décision notée)", "en": "– (no decision scored)"},
    "debrief.variant": {"fr": "Ce qui s’était vraiment passé", "en": "What had really happened"},
    "debrief.upper_bound": {"fr": "(maximum estimé, recherche incomplète)",
                            "en": "(estimated maximum, search incomplete)"},
    "debrief.passed": {"fr": "Réussi", "en": "Passed"},
    "debrief.failed": {"fr": "Non réussi", "en": "Not passed"},
    "debrief.principles": {"fr": "Principes", "en": "Principles"},
    "debrief.to_improve": {"fr": "À retravailler", "en": "To work on"},
    "debrief.where": {"fr": "Où", "en": "Where"},
    "debrief.step": {"fr": "étape", "en": "step"},
    "debrief.you_chose": {"fr": "Vous avez choisi", "en": "You chose"},
    "debrief.timed_out": {"fr": "(temps écoulé, aucune réponse)", "en": "(time ran out, no answer)"},
    "debrief.better": {"fr": "Meilleur choix", "en": "Better choice"},
    "debrief.why": {"fr": "Pourquoi", "en": "Why"},
    "debrief.source": {"fr": "Source", "en": "Source"},
    "debrief.frameworks": {"fr": "Référentiels", "en": "Frameworks"},
    "debrief.feedback": {"fr": "Retour", "en": "Feedback"},
    "debrief.no_better": {"fr": "aucun autre choix ne l'appliquait ici", "en": "no other choice applied it here"},
    "debrief.path": {"fr": "Parcours", "en": "Path"},
    "debrief.work_on": {"fr": "À travailler d'abord", "en": "To work on first"},
    "debrief.steps": {"fr": "Étape par étape", "en": "Step by step"},
    "debrief.why_ending": {"fr": "Pourquoi cette fin", "en": "Why this ending"},
    "debrief.model": {"fr": "La conversation modèle", "en": "The model conversation"},
    "debrief.model_intro": {"fr": "Une des meilleures façons de mener cette conversation ({score}/100, fin : {ending}).",
                            "en": "One of the best ways to hold this conversation ({score}/100, ending: {ending})."},
    "debrief.model_greedy": {"fr": "(la meilleure réponse à chaque étape : la recherche complète n'a pas abouti)",
                             "en": "(the best answer at each step: the full search did not finish)"},
    "debrief.model_none": {"fr": "Aucune conversation modèle n'a été trouvée.", "en": "No model conversation was found."},
    "debrief.Step": {"fr": "Étape", "en": "Step"},
    "debrief.as_above": {"fr": "la même étape et le même conseil que ci-dessus",
                         "en": "the same step and the same advice as above"},
    "debrief.instead": {"fr": "À faire plutôt", "en": "Instead"},
    "debrief.credit": {"fr": "Note", "en": "Credit"},
    "debrief.applied": {"fr": "Appliqué", "en": "Applied"},
    "debrief.violated": {"fr": "Enfreint", "en": "Violated"},
    "debrief.model_answer": {"fr": "Réponse modèle", "en": "Model answer"},
    "debrief.your_answer": {"fr": "Votre réponse", "en": "Your answer"},
    "debrief.same_as_yours": {"fr": "(votre réponse aussi)", "en": "(your answer too)"},
    "debrief.points": {"fr": "{points}/{stake} pts", "en": "{points}/{stake} pts"},
    "credit.best": {"fr": "meilleure réponse", "en": "best"},
    "credit.good": {"fr": "bonne", "en": "good"},
    "credit.weak": {"fr": "faible", "en": "weak"},
    "credit.fault": {"fr": "faute", "en": "fault"},
    "credit.unscored": {"fr": "non noté", "en": "not scored"},
    "transcript.title": {"fr": "Transcription", "en": "Transcript"},
    # workshop participant (litige --participant, run by litige serve)
    "participant.welcome": {"fr": "Bienvenue dans l'atelier Litige.", "en": "Welcome to the Litige workshop."},
    "participant.name": {"fr": "Votre prénom (ou un pseudonyme), puis Entrée :",
                         "en": "Your first name (or a nickname), then Enter:"},
    "participant.name_hint": {"fr": "prénom", "en": "first name"},
    "participant.name_needed": {"fr": "Il faut un nom pour commencer.", "en": "A name is needed to begin."},
    "participant.name_taken": {"fr": "Quelqu'un joue déjà sous ce nom : ajoutez une initiale (ex. « Marie D »).",
                               "en": "Someone is already playing under this name: add an initial (e.g. “Marie D”)."},
    # workshop room (litige room)
    "room.title": {"fr": "Salle", "en": "Room"},
    "room.no_plays": {"fr": "aucune partie pour l'instant", "en": "no plays yet"},
    "room.scope_since": {"fr": "Parties depuis le {when} : {n}", "en": "Plays since {when}: {n}"},
    "room.scope_all": {"fr": "Toutes les parties de la base : {n}, la première le {when}",
                       "en": "Every play in the database: {n}, the first on {when}"},
    "room.scope_hint": {"fr": "(ateliers précédents compris ; --since today : seulement celles du jour)",
                        "en": "(earlier workshops included; --since today counts only today's)"},
    "room.scope_all_empty": {"fr": "Toutes les parties de la base : aucune",
                             "en": "Every play in the database: none"},
    "room.others": {"fr": "Autres scénarios joués : {others}", "en": "Other scenarios played: {others}"},
    "room.anonymous": {"fr": "Participant·e {n}", "en": "Participant {n}"},
    "room.who": {"fr": "Participant·es — {playing} en cours, {finished} {finished|terminé·e|terminé·es}",
                 "en": "Participants — {playing} playing, {finished} finished"},
    "room.nobody": {"fr": "personne n'a encore commencé", "en": "nobody has started yet"},
    "room.done": {"fr": "terminé", "en": "finished"},
    "room.at_step": {"fr": "en cours, étape {n}", "en": "playing, step {n}"},
    "room.choices": {"fr": "Choix de la salle à chaque étape", "en": "The room's choices at each node"},
    "room.no_steps": {"fr": "aucun choix pour l'instant", "en": "no choice made yet"},
    "room.timed_out": {"fr": "(temps écoulé)", "en": "(time ran out)"},
    "room.missed_most": {"fr": "Principes les plus manqués (parties terminées)",
                         "en": "Principles the room missed most (finished plays)"},
    "room.missed_detail": {"fr": "{missed} manqué · {violated} enfreint / {judged}",
                           "en": "{missed} missed · {violated} violated / {judged}"},
    "room.none_missed": {"fr": "aucun principe manqué", "en": "no principle missed"},
    "room.no_finished": {"fr": "aucune partie terminée pour l'instant", "en": "no finished play yet"},
    "room.scores": {"fr": "Scores — moyenne {mean}, réussite {rate}", "en": "Scores — mean {mean}, pass rate {rate}"},
    "room.refreshed": {"fr": "mis à jour {time} ({ms} ms)", "en": "updated {time} ({ms} ms)"},
    # results store: history, report, export, push (issue 5)
    "results.no_plays": {"fr": "Aucune partie enregistrée.", "en": "No stored plays."},
    "results.col.started": {"fr": "début (UTC)", "en": "started (UTC)"},
    "results.col.trainee": {"fr": "apprenant·e", "en": "trainee"},
    "results.col.scenario": {"fr": "scénario", "en": "scenario"},
    "results.col.steps": {"fr": "étapes", "en": "steps"},
    "results.col.score": {"fr": "score", "en": "score"},
    "results.col.result": {"fr": "résultat", "en": "result"},
    "results.unfinished": {"fr": "en cours", "en": "under way"},
    "results.abandoned": {"fr": "abandonnée", "en": "abandoned"},
    "results.passed": {"fr": "réussi", "en": "passed"},
    "results.failed": {"fr": "non réussi", "en": "not passed"},
    "results.timeout": {"fr": "(temps écoulé, aucune réponse)", "en": "(time ran out, no answer)"},
    "results.report.title": {"fr": "Bilan du groupe", "en": "Group report"},
    "results.report.no_finished": {"fr": "Aucune partie terminée ({unfinished} en cours).",
                                   "en": "No finished play ({unfinished} under way)."},
    # {n|one|other}: the form for the count n (plural_one), so "1 apprenant·e", "2 apprenant·es"
    "results.report.summary": {"fr": "{plays} {plays|partie terminée|parties terminées}, "
                                     "{trainees} {trainees|apprenant·e|apprenant·es}, {unfinished} en cours",
                               "en": "{plays} finished {plays|play|plays}, {trainees} {trainees|trainee|trainees}, "
                                     "{unfinished} under way"},
    "results.filter.scenario": {"fr": "scénario", "en": "scenario"},
    "results.filter.since": {"fr": "depuis le", "en": "since"},
    "results.filter.since_today": {"fr": "depuis aujourd'hui", "en": "since today"},
    "results.filter.trainee": {"fr": "apprenant·e", "en": "trainee"},
    "results.matched": {"fr": "{n} {n|apprenant·e correspond|apprenant·es correspondent} à {query}{names}",
                        "en": "{n} {n|trainee matches|trainees match} {query}{names}"},
    "results.report.pass_rate": {"fr": "Taux de réussite", "en": "Pass rate"},
    "results.first_rules_mark": {
        "fr": "score calculé selon les premières règles (avant décembre 2026)\u00a0: pas comparable aux autres",
        "en": "score computed by the first rules (before December 2026): not comparable with the others"},
    "results.report.first_rules": {
        "fr": "{n} {n|partie notée|parties notées} selon les premières règles (avant décembre 2026), que {n|son|leur} "
              "scénario ne permet plus de noter à nouveau, {n|ne compte|ne comptent} ni dans le taux de réussite ni "
              "dans la moyenne.",
        "en": "{n} {n|play|plays} scored by the first rules (before December 2026), which {n|its|their} scenario can "
              "no longer score again, {n|counts|count} in neither the pass rate nor the mean."},
    "results.report.mean": {"fr": "Score moyen", "en": "Mean score"},
    "results.report.outcomes": {"fr": "Issues", "en": "Outcomes"},
    "results.report.modes": {"fr": "Modes : coach {coach}, examen {exam} (parties finies)",
                             "en": "Modes: coach {coach}, exam {exam} (finished plays)"},
    "results.report.principles": {"fr": "Principes : combien de fois manqués ou enfreints",
                                  "en": "Principles: how often missed or violated"},
    "results.report.principle": {"fr": "principe", "en": "principle"},
    "results.report.judged": {"fr": "en jeu", "en": "judged"},
    "results.report.chart": {"fr": "répartition", "en": "distribution"},
    "results.report.choices": {"fr": "Choix faits à chaque étape", "en": "Choices made at each node"},
    "results.report.choice": {"fr": "choix", "en": "choice"},
    "results.report.times": {"fr": "fois", "en": "times"},
    "results.report.plays": {"fr": "Parties", "en": "Plays"},
    "results.report.trainees": {"fr": "Apprenant·es", "en": "Trainees"},
    "results.report.scores": {"fr": "Répartition des scores (parties terminées)",
                              "en": "Score distribution (finished plays)"},
    "results.report.generated": {"fr": "produit le {at} (UTC)", "en": "generated {at} (UTC)"},
    # the group's learning gain (scoring/gain.py)
    "gain.title": {"fr": "Progression : première partie et meilleure partie suivante",
                   "en": "Learning gain: first play against best later play"},
    "gain.mode.coach": {"fr": "Mode coach ({n} {n|partie|parties})", "en": "Coach mode ({n} {n|play|plays})"},
    "gain.mode.exam": {"fr": "Mode examen ({n} {n|partie|parties})", "en": "Exam mode ({n} {n|play|plays})"},
    "gain.col.pairs": {"fr": "paires", "en": "pairs"},
    "gain.col.single": {"fr": "seul·es", "en": "single"},
    "gain.col.first": {"fr": "1re", "en": "first"},
    "gain.col.later": {"fr": "ensuite", "en": "later"},
    "gain.col.gain": {"fr": "gain", "en": "gain"},
    "gain.col.g": {"fr": "<g>", "en": "<g>"},
    "gain.col.mean_g": {"fr": "moy. g", "en": "mean g"},
    "gain.col.improved": {"fr": "mieux", "en": "improved"},
    "gain.col.same": {"fr": "pareil", "en": "same"},
    "gain.col.worse": {"fr": "moins bien", "en": "worse"},
    "gain.principles": {"fr": "Principes : part des apprenant·es qui ont progressé (la plus faible d'abord)",
                        "en": "Principles: share of trainees whose verdict improved (the lowest first)"},
    "gain.none": {"fr": "Aucune paire : il faut deux parties terminées d'un·e même apprenant·e.",
                  "en": "No pair: it takes two finished plays by the same trainee."},
    "gain.left_out": {"fr": "Non comptées : {first} {first|partie notée|parties notées} selon les premières règles, "
                            "{anon} {anon|partie|parties} sans nom.",
                      "en": "Left out: {first} {first|play|plays} scored by the first rules, {anon} {anon|play|plays} "
                            "without a name."},
    "gain.legend.pairs": {"fr": "Paire : la première partie d'un·e apprenant·e sur un scénario et sa meilleure partie "
                                "suivante, dans le même mode (coach et examen à part) ; seul·es : apprenant·es à une "
                                "seule partie, sans paire ; scores sur 100.",
                          "en": "Pair: a trainee's first play of a scenario and their best later play, in the same "
                                "mode (coach and exam apart); single: trainees with one play, no pair; scores out of "
                                "100."},
    "gain.legend.g": {"fr": "<g> : gain normalisé de Hake sur les moyennes du groupe, (ensuite\u00a0−\u00a01re)\u00a0/\u00a0(100\u00a0−\u00a01re) ; "
                            "moy. g : moyenne des g de chaque paire, sans celles dont la 1re partie a 100.",
                      "en": "<g>: Hake's normalised gain on the group's means, (later\u00a0−\u00a0first)\u00a0/\u00a0(100\u00a0−\u00a0first); "
                            "mean g: the mean of each pair's g, leaving out pairs whose first play scored 100."},
    "gain.legend.improved": {"fr": "Mieux : un meilleur verdict dans une partie suivante que dans la première où le "
                                   "principe était en jeu (même mode, tout scénario), dans l'ordre enfreint < manqué < "
                                   "partiel < maîtrisé ; la part est celle des paires, et pareil compte aussi qui "
                                   "l'avait maîtrisé dès sa première partie ; seul·es : jugé·es sur ce principe dans "
                                   "une seule partie.",
                             "en": "Improved: a better verdict in a later play than in the first where the principle "
                                   "came up (same mode, any scenario), in the order violated < missed < partial < "
                                   "mastered; the share is of the pairs, and same includes those who had mastered "
                                   "it in their first play; single: judged on it in one play only."},
    # authoring tools (graph, preview)
    "graph.end": {"fr": "FIN", "en": "END"},
    "graph.timeout": {"fr": "temps écoulé", "en": "time out"},
    "preview.loaded": {"fr": "Fichier chargé à {at}", "en": "File loaded at {at}"},
    "preview.kept": {"fr": "{kept} {kept|étape conservée|étapes conservées} sur {total}",
                     "en": "{kept} of {total} {total|step|steps} kept"},
    "preview.broken": {"fr": "Le fichier a des erreurs ({at})", "en": "The file has errors ({at})"},
    "preview.stale": {"fr": "vous jouez la dernière version valide", "en": "you are playing the last valid version"},
    "preview.errors": {"fr": "Erreurs (corrigez et enregistrez) :", "en": "Errors (fix them and save):"},
    "preview.warnings": {"fr": "Avertissements :", "en": "Warnings:"},
    "tui.k.preview_timeout": {"fr": "temps écoulé", "en": "time out"},
    "tui.k.preview_back": {"fr": "étape précédente", "en": "step back"},
    "tui.k.preview_reload": {"fr": "recharger", "en": "reload"},
    "preview.more": {"fr": "… et {n} {n|autre|autres} : litige check {file} les liste tous",
                     "en": "… and {n} more: litige check {file} lists them all"},
    # past simulator.authoring.checker.REPORTED problems in the file, check lists the first ones only
    "preview.more_capped": {"fr": "… et {n} {n|autre|autres} : litige check {file} liste les {reported} premiers "
                                  "problèmes du fichier",
                            "en": "… and {n} more: litige check {file} lists the first {reported} problems"},
    "preview.waiting": {"fr": "En attente d'un fichier valide…", "en": "Waiting for a valid file…"},
    "preview.finished": {"fr": "Fin. Retour arrière pour rejouer, q pour quitter.",
                         "en": "The end. Backspace to go back, q to quit."},
    "preview.let_time_run_out": {"fr": "laisser passer le temps ({seconds} s)", "en": "let the time run out ({seconds} s)"},
    "preview.stuck": {"fr": "Aucun choix proposé ici : la partie est bloquée.", "en": "No choice is offered here: the play is stuck."},
    # line mode (simulator/game/linemode.py): the play as plain lines, for screen readers
    "line.choices": {"fr": "{n|Une réponse possible|Réponses possibles} :", "en": "{n|One answer|Answers}:"},
    "line.prompt": {"fr": "Votre réponse (1 à {n}, r répéter, ? aide, q quitter) :",
                    "en": "Your answer (1 to {n}, r repeat, ? help, q quit):"},
    "line.prompt_none": {"fr": "Votre réponse (r répéter, ? aide, q quitter) :",
                         "en": "Your answer (r repeat, ? help, q quit):"},
    "line.prompt_one": {"fr": "Votre réponse (1, r répéter, ? aide, q quitter) :",
                        "en": "Your answer (1, r repeat, ? help, q quit):"},
    "line.keys": {"fr": "Tapez le numéro de votre réponse puis Entrée. r répète la dernière réplique et les "
                        "réponses, ? l'aide, q quitte.",
                  "en": "Type the number of your answer, then Enter. r repeats the last line and the answers, "
                        "? gives help, q quits."},
    "line.help": {"fr": "Aide : un numéro choisit cette réponse ; r répète la dernière réplique du client et les "
                        "réponses ; q quitte (la partie est gardée, vous la reprendrez en relançant le même "
                        "scénario) ; ? cette aide.",
                  "en": "Help: a number picks that answer; r repeats the customer's last line and the answers; "
                        "q quits (the play is kept: start the same scenario again to resume it); ? this help."},
    "line.not_a_choice": {"fr": "« {typed} » n'est pas une réponse : tapez un numéro de 1 à {n}, ou ? pour l'aide.",
                          "en": "“{typed}” is not an answer: type a number from 1 to {n}, or ? for help."},
    "line.quit_q": {"fr": "Quitter la partie ? Elle est enregistrée : vous pourrez la reprendre. Tapez o pour "
                          "quitter, autre chose pour continuer :",
                    "en": "Quit the play? It is saved: you can resume it later. Type y to quit, anything else "
                          "to keep playing:"},
    "line.quit_no": {"fr": "La partie continue.", "en": "The play goes on."},
    "line.quit_saved": {"fr": "Partie enregistrée : relancez le même scénario pour la reprendre.",
                        "en": "Play saved: start the same scenario again to resume it."},
    "line.quit_unsaved": {"fr": "Partie quittée.", "en": "Play quit."},
    "line.resumed": {"fr": "Reprise de votre partie interrompue, à l'étape {step}.",
                     "en": "Resuming your interrupted play, at step {step}."},
    "line.time_limit": {"fr": "Temps limité : vous avez {seconds} secondes pour répondre ; une réponse tapée "
                              "plus tard compte comme pas de réponse.",
                        "en": "Time limit: you have {seconds} seconds to answer; an answer typed later counts "
                              "as no answer."},
    "line.time_up": {"fr": "Temps écoulé ({seconds} secondes) : pas de réponse, le client reprend.",
                     "en": "Time is up ({seconds} seconds): no answer, the customer goes on."},
    "line.ended": {"fr": "La partie est finie.", "en": "The play is over."},
    "line.over": {"fr": "La partie est finie : plus rien à répondre.", "en": "The play is over: nothing more to answer."},
    "line.name": {"fr": "Votre nom (retenu pour la prochaine fois), puis Entrée :",
                  "en": "Your name (remembered next time), then Enter:"},
    "line.library": {"fr": "Scénarios :", "en": "Scenarios:"},
    "line.pick": {"fr": "Votre choix (1 à {n}, q quitter) :", "en": "Your choice (1 to {n}, q quit):"},
    "line.not_a_story": {"fr": "« {typed} » n'est pas un numéro de la liste : tapez un numéro de 1 à {n}.",
                         "en": "“{typed}” is not a number of the list: type a number from 1 to {n}."},
    "line.bye": {"fr": "Au revoir.", "en": "Goodbye."},
    "line.eof": {"fr": "Fin de l'entrée : la partie est enregistrée, relancez le même scénario pour la reprendre.",
                 "en": "End of input: the play is saved; start the same scenario again to resume it."},
    # the game (simulator/tui)
    "tui.library": {"fr": "Bibliothèque", "en": "Library"},
    "tui.trainee": {"fr": "Votre nom", "en": "Your name"},
    "tui.trainee_placeholder": {"fr": "Prénom Nom (retenu pour la prochaine fois)", "en": "First Last (remembered next time)"},
    # a name field refusing what was typed or pasted (simulator/lang/plaintext.name_refusal, MAX_NAME)
    "tui.name_refused": {"fr": "Un nom ne peut pas contenir {char} : tapez-le sans.",
                         "en": "A name cannot hold {char}: type it without."},
    "tui.name_too_long": {"fr": "Un nom compte au plus {n} caractères.", "en": "A name has at most {n} characters."},
    "tui.pick": {"fr": "Choisissez un scénario (↑↓ puis Entrée)", "en": "Pick a scenario (↑↓ then Enter)"},
    "tui.difficulty": {"fr": "Difficulté", "en": "Difficulty"},
    "tui.best": {"fr": "Meilleur score", "en": "Best score"},
    "tui.not_played": {"fr": "pas encore joué", "en": "not played yet"},
    "tui.role": {"fr": "Votre rôle", "en": "Your role"},
    "tui.customer": {"fr": "Le client", "en": "The customer"},
    "tui.situation": {"fr": "La situation", "en": "The situation"},
    "tui.stake": {"fr": "L'enjeu", "en": "What is at stake"},
    "tui.stake_text": {"fr": "Bien traiter ce client, quelle que soit l'issue : chaque réponse est jugée selon les "
                             "bonnes pratiques, parmi celles qui vous sont proposées. Réussite à {score}/100. Le score "
                             "n'est montré qu'à la fin.",
                       "en": "Treat this customer well, whatever the outcome: each answer is judged against good "
                             "practice, among those offered to you. Pass mark {score}/100. The score is shown only at "
                             "the end."},
    "tui.begin": {"fr": "Entrée pour commencer · Échap pour revenir", "en": "Enter to begin · Escape to go back"},
    "tui.step": {"fr": "Étape {n}", "en": "Step {n}"},
    # a step moved the customer into another mood band (a meter's `moods`): a neutral line in the transcript
    "tui.mood_changed": {"fr": "(humeur : {mood})", "en": "(mood: {mood})"},
    "tui.meter_mood_changed": {"fr": "({meter} : {mood})", "en": "({meter}: {mood})"},
    "tui.choose_hint_one": {"fr": "Votre réponse : touche 1, Entrée, ou clic", "en": "Your answer: key 1, Enter, or click"},
    "tui.choose_hint": {"fr": "Votre réponse : chiffre 1–{n}, ↑↓ + Entrée, ou clic", "en": "Your answer: digit 1–{n}, ↑↓ + Enter, or click"},
    "tui.countdown": {"fr": "⏱ {seconds} s pour répondre", "en": "⏱ {seconds} s to answer"},
    "tui.resumed_clock": {"fr": "Reprise là où vous en étiez : ⏱ {seconds} s restantes",
                          "en": "Resumed where you were: ⏱ {seconds} s left"},
    "tui.time_up": {"fr": "⏱ Temps écoulé", "en": "⏱ Time is up"},
    "tui.stuck": {"fr": "Aucun choix possible ici.", "en": "No choice is possible here."},
    "tui.result": {"fr": "Résultat", "en": "Result"},
    "tui.path_hint": {"fr": "Parcours : choisissez une étape pour « réessayer à partir d'ici »",
                      "en": "Path: pick a step to “try again from here”"},
    "tui.try_here": {"fr": "↺ réessayer d'ici", "en": "↺ try again from here"},
    "tui.exported": {"fr": "Débriefing exporté : {path}", "en": "Debrief exported: {path}"},
    "tui.export_failed": {"fr": "Export impossible : {error}", "en": "Export failed: {error}"},
    "tui.export_workshop": {"fr": "en atelier, les débriefings sont exportés par l'animateur·rice (litige export)",
                            "en": "in a workshop, debriefs are exported by the facilitator (litige export)"},
    "tui.help": {"fr": "Aide", "en": "Help"},
    "tui.help_close": {"fr": "Échap ou ? pour fermer", "en": "Escape or ? to close"},
    "tui.quit_q": {"fr": "Quitter la partie ? Elle est enregistrée : vous pourrez la reprendre.",
                   "en": "Quit the play? It is saved: you can resume it later."},
    "tui.yes": {"fr": "Quitter (o)", "en": "Quit (y)"},
    "tui.no": {"fr": "Continuer (n)", "en": "Keep playing (n)"},
    "tui.k.start": {"fr": "commencer", "en": "start"},
    "tui.k.lang": {"fr": "langue", "en": "language"},
    "tui.k.theme": {"fr": "thème clair/sombre", "en": "light/dark theme"},
    "tui.k.help": {"fr": "aide", "en": "help"},
    "tui.k.quit": {"fr": "quitter", "en": "quit"},
    "tui.k.resume": {"fr": "reprendre", "en": "resume"},
    "tui.k.discard": {"fr": "abandonner", "en": "discard"},
    "tui.k.back": {"fr": "retour", "en": "back"},
    "tui.k.choose": {"fr": "choisir", "en": "choose"},
    "tui.k.export": {"fr": "exporter", "en": "export"},
    "tui.k.map": {"fr": "carte", "en": "map"},
    "tui.k.export_map": {"fr": "exporter la carte (Mermaid)", "en": "export the map (Mermaid)"},
    "tui.map_title": {"fr": "Carte du scénario « {title} » — votre parcours en gras",
                      "en": "Map of “{title}” — your path in bold"},
    "tui.map_legend": {"fr": "● étape de votre parcours  ○ étape où vous n'êtes pas passé·e  ⇒ votre choix  "
                             "→ autre choix  + principe appliqué  − principe enfreint  [condition]",
                       "en": "● a step of your path  ○ a step you did not reach  ⇒ your choice  → another "
                             "choice  + principle applied  − principle violated  [condition]"},
    "tui.map_yours": {"fr": "votre choix", "en": "your choice"},
    "tui.map_exported": {"fr": "Carte exportée : {path}", "en": "Map exported: {path}"},
    "tui.k.replay": {"fr": "rejouer", "en": "replay"},
    "tui.k.library": {"fr": "bibliothèque", "en": "library"},
    "tui.k.room": {"fr": "salle : suivi de l'atelier en direct", "en": "room: the workshop, live"},
    "tui.k.name": {"fr": "nom", "en": "name"},
    "tui.k.palette": {"fr": "commandes", "en": "commands"},
    "tui.not_saved": {"fr": "Non enregistré : {error}", "en": "Not saved: {error}"},
    "tui.play_taken": {"fr": "Cette partie est déjà en cours ailleurs : elle n'a pas été reprise.",
                       "en": "This play is being played elsewhere: it was not resumed."},
    "tui.play_unreadable": {"fr": "La partie {play} ne peut pas être lue dans {file} (abîmée) : elle n'est pas proposée.",
                            "en": "Play {play} cannot be read in {file} (damaged): it is not offered."},
    "tui.k.history": {"fr": "historique", "en": "history"},
    "tui.k.timers": {"fr": "minuteurs oui/non", "en": "timers on/off"},
    "tui.timers_on": {"fr": "Minuteurs activés", "en": "Timers on"},
    "tui.lang_not_here": {"fr": "La langue se change depuis la bibliothèque, le briefing ou le débriefing, "
                          "pas pendant une partie.",
                          "en": "The language is changed from the library, the briefing or the debrief, "
                          "not during a play."},
    "tui.timers_off": {"fr": "Minuteurs désactivés (accessibilité)", "en": "Timers off (accessibility)"},
    "tui.everyone": {"fr": "toutes les personnes", "en": "everyone"},
    "tui.history_of": {"fr": "Historique — {who}", "en": "History — {who}"},
    "tui.when": {"fr": "Date (UTC)", "en": "Date (UTC)"},
    "tui.scenario": {"fr": "Scénario", "en": "Scenario"},
    "tui.abandoned": {"fr": "abandonnée", "en": "discarded"},
    "tui.unfinished": {"fr": "en cours ({n} {n|étape|étapes})", "en": "unfinished ({n} {n|step|steps})"},
    "tui.history_keys": {"fr": "Échap pour revenir", "en": "Escape to go back"},
    # the help screen: sections, keys that have words in them, and what each key does there
    "tui.hs.all": {"fr": "Partout", "en": "Everywhere"},
    "tui.hs.library": {"fr": "Bibliothèque", "en": "Library"},
    "tui.hs.briefing": {"fr": "Briefing", "en": "Briefing"},
    "tui.hs.play": {"fr": "Partie", "en": "Play"},
    "tui.hs.debrief": {"fr": "Débriefing", "en": "Debrief"},
    "tui.kk.enter": {"fr": "Entrée", "en": "Enter"},
    "tui.kk.escape": {"fr": "Échap", "en": "Escape"},
    "tui.kk.arrows": {"fr": "↑ ↓ Entrée / clic", "en": "↑ ↓ Enter / click"},
    "tui.kk.transcript": {"fr": "molette, Tab ↑ ↓", "en": "wheel, Tab ↑ ↓"},
    "tui.kk.path": {"fr": "Tab, ↑ ↓, Entrée", "en": "Tab, ↑ ↓, Enter"},
    "tui.kk.library": {"fr": "b / Échap", "en": "b / Escape"},
    "tui.h.quit": {"fr": "quitter (confirmation pendant une partie)", "en": "quit (asks first during a play)"},
    "tui.h.brief": {"fr": "ouvrir le briefing du scénario choisi", "en": "open the chosen scenario's briefing"},
    "tui.h.resume": {"fr": "reprendre la partie interrompue", "en": "resume the interrupted play"},
    "tui.h.discard": {"fr": "abandonner la partie interrompue", "en": "discard the interrupted play"},
    "tui.h.begin": {"fr": "commencer la partie", "en": "begin the play"},
    "tui.h.digits": {"fr": "choisir la réponse n", "en": "pick answer n"},
    "tui.h.arrows": {"fr": "parcourir, valider, cliquer", "en": "move, confirm, click"},
    "tui.h.transcript": {"fr": "relire la transcription (▲ ▼ : il y a plus haut ou plus bas)",
                         "en": "read back the transcript (▲ ▼: more above or below)"},
    "tui.h.tryhere": {"fr": "réessayer à partir d'une étape du parcours (une nouvelle partie)",
                      "en": "try again from a step of the path (a new play)"},
    "tui.h.map": {"fr": "carte du parcours (e l'exporte)", "en": "map of the path (e exports it)"},
    "tui.h.replay": {"fr": "rejouer depuis le début", "en": "play again from the start"},
    # the game's: coach mode, the ending's line, the model conversation, the map's ids, the help
    # the ending's own line, last of the play, then the debrief on Enter
    "tui.end": {"fr": "Fin", "en": "End"},
    "tui.see_debrief": {"fr": "Voir le débriefing", "en": "See the debrief"},
    "tui.ended_hint": {"fr": "La partie est finie : Entrée pour le débriefing",
                       "en": "The play is over: Enter for the debrief"},
    # the debrief's keys, in the case they are typed
    "tui.debrief_hint": {"fr": "Tab parcours · w modèle · m carte · e exporter · r rejouer · b bibliothèque",
                         "en": "Tab path · w model · m map · e export · r replay · b library"},
    # coach mode: the feedback of each choice right after it, before the customer answers
    "tui.coach": {"fr": "Coach", "en": "Coach"},
    "tui.k.coach": {"fr": "coach oui/non", "en": "coach on/off"},
    "tui.coach_on": {"fr": "Mode coach : le retour de chaque choix s'affiche aussitôt",
                     "en": "Coach mode: each choice's feedback is shown at once"},
    "tui.coach_off": {"fr": "Mode examen : les retours au débriefing seulement",
                      "en": "Exam mode: feedback in the debrief only"},
    "tui.mode.coach": {"fr": "mode coach", "en": "coach mode"},
    "tui.mode.exam": {"fr": "mode examen", "en": "exam mode"},
    "tui.mode.auto": {"fr": "mode coach à la première partie d'une histoire", "en": "coach mode on a story's first play"},
    "tui.kf.coach": {"fr": "coach", "en": "coach"},
    "tui.kf.model": {"fr": "modèle", "en": "model"},
    "tui.kf.to_list": {"fr": "nom fini : la liste", "en": "name done: the list"},
    "tui.resume_banner": {"fr": "Partie interrompue : {title}, étape {step}. r reprendre · x abandonner",
                          "en": "Interrupted play: {title}, step {step}. r resume · x discard"},
    "tui.kf.timers": {"fr": "minuteurs", "en": "timers"},
    "tui.h.coach": {"fr": "mode coach : le retour après chaque choix",
                    "en": "coach mode: feedback right after each choice"},
    # the model conversation (w on the debrief)
    "tui.k.model": {"fr": "conversation modèle", "en": "model conversation"},
    "tui.h.model": {"fr": "une partie modèle, pas à pas, et la vôtre",
                    "en": "a model play, step by step, beside yours"},
    # the map's node ids, labelled as ids (they are not translated)
    "tui.map_ids": {"fr": "#id : identifiant de l'étape dans le fichier du scénario (non traduit)",
                    "en": "#id: the step's identifier in the scenario file (not translated)"},
    # the help, when it does not fit: a sign that more follows
    "tui.help_more": {"fr": "▼ la suite plus bas : ↓ ou molette · Échap ou ? pour fermer",
                      "en": "▼ more below: ↓ or wheel · Escape or ? to close"},
    # a trainee's progress (issue 18): litige progress, the profile screen (p), the certificate
    "progress.title": {"fr": "Progression — {who}", "en": "Progress — {who}"},
    "progress.summary": {"fr": "Parties terminées : {plays} (du {first} au {last})",
                         "en": "Finished plays: {plays} ({first} to {last})"},
    "progress.no_plays": {"fr": "Aucune partie terminée pour l'instant : jouez un scénario pour commencer.",
                          "en": "No finished play yet: play a scenario to begin."},
    "progress.next": {"fr": "À pratiquer ensuite", "en": "Practise next"},
    "progress.why.violated": {"fr": "{principle} a été enfreint à votre dernière tentative ({date}) : reprenez {scenario} {where}.",
                              "en": "{principle} was violated in your last attempt ({date}): try {scenario} again {where}."},
    "progress.why.missed": {"fr": "{principle} a été manqué à votre dernière tentative ({date}) : reprenez {scenario} {where}.",
                            "en": "{principle} was missed in your last attempt ({date}): try {scenario} again {where}."},
    "progress.why.partial": {"fr": "{principle} n'a été appliqué qu'en partie le {date} : reprenez {scenario} {where}.",
                             "en": "{principle} was only partly applied on {date}: try {scenario} again {where}."},
    "progress.why.review": {"fr": "{principle} est à revoir depuis le {due} (maîtrisé le {date}) : rejouez {scenario} {where}.",
                            "en": "{principle} is due for review since {due} (mastered on {date}): play {scenario} again {where}."},
    "progress.why.ahead": {"fr": "Rien à revoir aujourd'hui ; {principle} revient le {due} : pour prendre de l'avance, "
                                 "rejouez {scenario} {where}.",
                           "en": "Nothing is due today; {principle} comes back on {due}: to get ahead, play {scenario} "
                                 "again {where}."},
    "progress.from_step": {"fr": "à partir de l'étape {n}", "en": "from step {n}"},
    "progress.from_start": {"fr": "depuis le début", "en": "from the start"},
    "progress.principles": {"fr": "Principes, le plus récent à droite", "en": "Principles, newest right"},
    "progress.col.verdicts": {"fr": "verdicts", "en": "verdicts"},
    "progress.col.due": {"fr": "à revoir", "en": "due"},
    "progress.col.scenarios": {"fr": "scénarios", "en": "scenarios"},
    "progress.col.plays": {"fr": "parties", "en": "plays"},
    "progress.col.best": {"fr": "meilleur", "en": "best"},
    "progress.col.last": {"fr": "dernier", "en": "last"},
    "progress.col.day": {"fr": "jour (UTC)", "en": "day (UTC)"},
    "progress.due_now": {"fr": "maintenant", "en": "now"},
    "progress.not_met": {"fr": "pas encore rencontré", "en": "not met yet"},
    "progress.not_met_count": {"fr": "{n} {n|principe pas encore rencontré|principes pas encore rencontrés} sur {total} "
                                      "(la liste : fenêtre plus large ou litige progress)",
                               "en": "{n} {n|principle|principles} of {total} not met yet (listed in a wider window or by "
                                     "litige progress)"},
    "progress.scenarios": {"fr": "Scénarios", "en": "Scenarios"},
    "progress.days": {"fr": "Parties par jour", "en": "Plays per day"},
    "progress.trainees": {"fr": "Apprenant·es de la base (litige progress --trainee NOM) :",
                          "en": "Trainees in the database (litige progress --trainee NAME):"},
    "progress.no_trainees": {"fr": "Aucun·e apprenant·e dans la base.", "en": "No trainee in the database."},
    "progress.no_name": {"fr": "Pas de nom : donnez le vôtre dans la bibliothèque (n) pour suivre votre progression.",
                         "en": "No name: give yours in the library (n) to follow your progress."},
    "tui.k.progress": {"fr": "progression", "en": "progress"},
    "tui.k.practise": {"fr": "pratiquer", "en": "practise"},
    "tui.h.progress": {"fr": "votre progression et quoi pratiquer ensuite", "en": "your progress and what to practise next"},
    "tui.progress_keys": {"fr": "Entrée : pratiquer la suggestion · Échap pour revenir",
                          "en": "Enter: practise the suggestion · Escape to go back"},
    "cert.title": {"fr": "Attestation d'entraînement", "en": "Training certificate"},
    "cert.intro": {"fr": "{trainee} s'est entraîné·e avec Litige, le simulateur de litiges clients : {plays} "
                         "{plays|partie terminée|parties terminées}, du {first} au {last}.",
                   "en": "{trainee} trained with Litige, the customer-dispute simulator: {plays} finished "
                         "{plays|play|plays}, from {first} to {last}."},
    "cert.passed": {"fr": "Scénarios réussis", "en": "Scenarios passed"},
    "cert.coach": {"fr": "(en mode coach)", "en": "(in coach mode)"},
    "cert.col.date": {"fr": "Date (UTC)", "en": "Date (UTC)"},
    "cert.col.score": {"fr": "Meilleur score", "en": "Best score"},
    "cert.none_passed": {"fr": "Aucun scénario réussi selon les règles de notation actuelles.",
                         "en": "No scenario passed under the current scoring rules."},
    "cert.mastered": {"fr": "Principes maîtrisés à la dernière tentative", "en": "Principles mastered at the latest attempt"},
    "cert.none_mastered": {"fr": "Aucun principe maîtrisé à sa dernière tentative.",
                           "en": "No principle mastered at its latest attempt."},
    "cert.mastered_detail": {"fr": "maîtrisé {n} fois sur {m}, la dernière le {date}",
                             "en": "mastered {n} of {m} {m|time|times}, last on {date}"},
    "cert.first_rules": {"fr": "Parties notées selon les premières règles (avant décembre 2026), non comptées ici : {n}.",
                         "en": "Plays scored by the first rules (before December 2026), not counted here: {n}."},
    "cert.basis": {"fr": "Établi à partir des parties enregistrées dans la base de résultats de Litige, le {at} (UTC).",
                   "en": "Drawn from the plays stored in the Litige results database, on {at} (UTC)."},
    "cert.no_plays": {"fr": "Aucune partie terminée enregistrée pour {trainee}.",
                      "en": "No finished play stored for {trainee}."},
}


# A unit after a placeholder (`{seconds} s`): kept with the number the placeholder becomes.
_PLACEHOLDER_UNIT = re.compile(r"(?<=\})[ \u00a0](?=(?:s|ms|min|h|%)(?!\w))")



def _written(key: str, lang: str) -> str:
    """The language the message `key` is written in for `lang`: its own, else French."""
    return lang if MESSAGES[key].get(lang) else "fr"


def template(key: str, lang: str) -> str:
    """The message `key` in `lang` (falling back to French) before its values are put in, with
    the typography of the language it is written in."""
    written = _written(key, lang)
    return _typeset_message(MESSAGES[key][written], written)


@cache
def _typeset_message(text: str, lang: str) -> str:
    """Typeset once per text (cached by the text itself: a message added or changed later is
    typeset anew)."""
    text = typeset(text, lang)
    return _PLACEHOLDER_UNIT.sub(NNBSP, text) if lang == "fr" else text


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The message `key` in `lang` (falling back to French), formatted with `values`. The
    values are put in as they are (file names, error messages): only the message is typeset.
    `litige check`'s messages (loader, checker, lint, guards, YAML hints) are in their own catalogue,
    simulator.lang.messages_check.CHECK, whose English is never typeset (check's English output is
    kept byte for byte): `t` finds them there too."""
    if key not in MESSAGES:
        from simulator.lang.messages_check import CHECK, say
        if key in CHECK:
            return say(key, lang, **values)
    text = template(key, lang)
    if "|" in text:
        written = _written(key, lang)
        text = plural_forms(text, written, values)
    return text.format(**values) if values else text


def label(key: str, lang: str = "fr") -> str:
    """The message `key` as a label: `Fin :` (a no-break space before the colon) or `Ending: `."""
    return t(key, lang) + colon(lang)
