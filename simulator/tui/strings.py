"""The game's own messages added with coach mode, the ending's line and the model conversation,
merged into simulator.i18n.MESSAGES when the game's package is imported (t() finds them there)."""

from __future__ import annotations

from simulator.i18n import MESSAGES

TUI_MESSAGES: dict[str, dict[str, str]] = {
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
}


def install() -> None:
    """Add the game's messages to the program's (a key of the program's own is never replaced)."""
    for key, entry in TUI_MESSAGES.items():
        MESSAGES.setdefault(key, entry)
