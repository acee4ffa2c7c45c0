"""The authoring tools' words: the map of a scenario (simulator.authoring.graph) and the live
preview (simulator.tui.preview). Part of the game's table."""

WORDS: dict[str, dict[str, str]] = {
    "graph.end": {"fr": "FIN", "en": "END"},
    "graph.timeout": {"fr": "temps écoulé", "en": "time out"},
    "preview.loaded": {"fr": "Fichier chargé à {at}", "en": "File loaded at {at}"},
    "preview.kept": {"fr": "{kept} {kept|étape conservée|étapes conservées} sur {total}",
                     "en": "{kept} of {total} {total|step|steps} kept"},
    "preview.broken": {"fr": "Le fichier a des erreurs ({at})", "en": "The file has errors ({at})"},
    "preview.stale": {"fr": "vous jouez la dernière version valide", "en": "you are playing the last valid version"},
    "preview.errors": {"fr": "Erreurs (corrigez et enregistrez) :", "en": "Errors (fix them and save):"},
    "preview.warnings": {"fr": "Avertissements :", "en": "Warnings:"},
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
}
