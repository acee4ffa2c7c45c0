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
    "results.report.summary": {"fr": "{plays} parties terminées, {trainees} apprenant·es, {unfinished} en cours",
                               "en": "{plays} finished plays, {trainees} trainees, {unfinished} under way"},
    "results.report.pass_rate": {"fr": "Taux de réussite", "en": "Pass rate"},
    "results.report.mean": {"fr": "Score moyen", "en": "Mean score"},
    "results.report.outcomes": {"fr": "Issues", "en": "Outcomes"},
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
    "results.report.generated": {"fr": "produit le {at} (UTC)", "en": "generated {at} (UTC)"},
}


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The message `key` in `lang` (falling back to French), formatted with `values`."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["fr"]
    return text.format(**values) if values else text
