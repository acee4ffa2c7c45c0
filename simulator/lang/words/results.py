"""The results' words: history, group report, export and push (simulator.results), and the
group's learning gain (scoring.gain). Part of the game's table."""

WORDS: dict[str, dict[str, str]] = {
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
}
