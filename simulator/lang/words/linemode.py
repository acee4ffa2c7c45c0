"""Line mode's words (simulator.game.linemode): the play as plain lines, for screen readers.
Part of the game's table."""

WORDS: dict[str, dict[str, str]] = {
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
}
