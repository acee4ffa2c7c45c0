"""User-facing words of the program, in French and English. Scenario text carries its own."""

from __future__ import annotations

LANGS = ("fr", "en")

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
    "transcript.title": {"fr": "Transcription", "en": "Transcript"},
    # workshop room (litige room)
    "room.title": {"fr": "Salle", "en": "Room"},
    "room.no_plays": {"fr": "aucune partie pour l'instant", "en": "no plays yet"},
    "room.others": {"fr": "Autres scénarios joués : {others}", "en": "Other scenarios played: {others}"},
    "room.anonymous": {"fr": "Participant·e {n}", "en": "Participant {n}"},
    "room.who": {"fr": "Participant·es — {playing} en cours, {finished} terminé·es",
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
}


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The message `key` in `lang` (falling back to French), formatted with `values`."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["fr"]
    return text.format(**values) if values else text
