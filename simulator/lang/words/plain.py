"""The words of the workshop's accessible page (`litige serve --plain`, simulator/workshop/plain_page.py).
Part of the game's table."""

WORDS: dict[str, dict[str, str]] = {
    "plain.title": {"fr": "Litige — version accessible", "en": "Litige — accessible version"},
    "plain.skip": {"fr": "Aller à votre réponse", "en": "Skip to your answer"},
    "plain.keys": {"fr": "Touches : un chiffre choisit cette réponse, r répète la dernière réplique et les réponses, "
                   "? l'aide, q quitte (avec confirmation) ; Tab passe d'une réponse à l'autre, Entrée ou Espace "
                   "choisit celle qui a le focus.",
             "en": "Keys: a digit picks that answer, r repeats the last line and the answers, ? help, q quits "
                   "(with confirmation); Tab moves between the answers, Enter or Space picks the focused one."},
    "plain.help": {"fr": "Aide : un chiffre choisit cette réponse ; r répète la dernière réplique du client et les "
                   "réponses ; q quitte (la partie est gardée, vous la reprendrez en revenant avec le même nom) ; "
                   "? cette aide. Tab passe d'une réponse à l'autre, Entrée ou Espace choisit celle qui a le focus.",
             "en": "Help: a digit picks that answer; r repeats the customer's last line and the answers; q quits "
                   "(the play is kept: come back under the same name to resume it); ? this help. Tab moves "
                   "between the answers, Enter or Space picks the focused one."},
    "plain.terminal": {"fr": "Version terminal (visuelle)", "en": "Terminal version (visual)"},
    "plain.conversation": {"fr": "Conversation", "en": "Conversation"},
    "plain.briefing": {"fr": "{title} — briefing", "en": "{title} — briefing"},
    "plain.answer": {"fr": "Votre réponse", "en": "Your answer"},
    "plain.send": {"fr": "Envoyer", "en": "Send"},
    "plain.connecting": {"fr": "Connexion…", "en": "Connecting…"},
    "plain.lost": {"fr": "Connexion perdue : nouvel essai…", "en": "Connection lost: trying again…"},
    "plain.gone": {"fr": "Connexion perdue. Rechargez la page pour reprendre votre partie.",
             "en": "Connection lost. Reload the page to resume your play."},
    "plain.over": {"fr": "La partie est finie.", "en": "The play is over."},
    "plain.again": {"fr": "Nouvelle partie", "en": "New play"},
    "plain.debrief_below": {"fr": "Le débriefing est ci-dessous, sous son titre.",
                      "en": "The debrief is below, under its heading."},
    "plain.expired": {"fr": "Votre place a été libérée. Votre partie est enregistrée : « Nouvelle partie » la reprend "
                      "sous le même nom.",
                "en": "Your seat was freed. Your play is saved: “New play” resumes it under the same name."},
    "plain.moved": {"fr": "Cette partie s'est ouverte dans un autre onglet.", "en": "This play was opened in another tab."},
}
