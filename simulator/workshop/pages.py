"""The small HTML pages `litige serve` answers with when it starts no game: plain strings.

Both languages on every page: the participant has not chosen one yet.
"""

from __future__ import annotations

from html import escape

from simulator.typography import typeset
from simulator.workshop.gate import Admission

_STYLE = """
body{background:#0c181f;color:#f2f2f2;font:18px/1.5 system-ui,sans-serif;display:flex;
min-height:100vh;margin:0;align-items:center;justify-content:center}
main{background:#12232d;padding:2em 2.5em;max-width:34em;border-radius:6px}
h1{font-size:1.4em;margin-top:0} p.en{color:#c8d3da}
input,button{font:inherit;padding:.3em .6em} label{display:block;margin:.8em 0 .3em}
"""

_TEXT = {
    Admission.BAD_CODE: {
        "status": 403,
        "fr_title": "Code d'accès manquant ou incorrect",
        "en_title": "Missing or wrong join code",
        "fr": "Aucune partie n'a été lancée. Saisissez le code donné par l'animateur·rice.",
        "en": "No game was started. Type the code your facilitator gave you.",
    },
    Admission.FULL: {
        "status": 503,
        "fr_title": "La salle est pleine",
        "en_title": "The room is full",
        "fr": "Toutes les places de l'atelier sont prises ({cap} participant·es). Aucune partie "
              "n'a été lancée. Réessayez quand une place se libère, ou prévenez l'animateur·rice.",
        "en": "Every seat in this workshop is taken ({cap} participants). No game was started. "
              "Try again when someone leaves, or tell your facilitator.",
    },
    Admission.THROTTLED: {
        "status": 429,
        "fr_title": "Trop de tentatives",
        "en_title": "Too many attempts",
        "fr": "Trop de codes incorrects depuis cet appareil. Aucune partie n'a été lancée. Attendez "
              "{wait} s, puis saisissez le code donné par l'animateur·rice.",
        "en": "Too many wrong codes from this device. No game was started. Wait {wait} s, then type "
              "the code your facilitator gave you.",
    },
}


def refusal_status(decision: Admission) -> int:
    return int(_TEXT[decision]["status"])


def _words(decision: Admission, key: str, *, cap: int = 0, wait: int = 0) -> str:
    """One of the page's texts, its numbers put in, with the typography of its language."""
    return typeset(str(_TEXT[decision][key]).format(cap=cap, wait=wait), key[:2])


def refusal_page(decision: Admission, *, cap: int, code: str | None = None, wait: int = 0) -> str:
    """The whole HTML page for a refused connection (wrong code, room full, too many attempts)."""
    fr_title, en_title = escape(_words(decision, "fr_title")), escape(_words(decision, "en_title"))
    fr, en = (escape(_words(decision, k, cap=cap, wait=wait)) for k in ("fr", "en"))
    if decision is Admission.THROTTLED:
        action = '<p><a href="/" style="color:#9cd">Réessayer plus tard / Try again later</a></p>'
    elif decision is Admission.BAD_CODE:
        action = ('<form method="get" action="/"><label for="code">Code</label>'
                  '<input id="code" name="code" autocomplete="off" autofocus required> '
                  '<button type="submit">Rejoindre / Join</button></form>')
    else:
        retry = f"/?code={escape(code or '', quote=True)}"
        action = f'<p><a href="{retry}" style="color:#9cd">Réessayer / Try again</a></p>'
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>Litige — {fr_title}</title><style>{_STYLE}</style></head>'
            f'<body><main id="refused" data-reason="{decision.value}">'
            f'<h1>{fr_title}<br><span lang="en">{en_title}</span></h1>'
            f'<p>{fr}</p><p class="en" lang="en">{en}</p>{action}</main></body></html>')


def refusal_text(decision: Admission, *, cap: int, wait: int = 0) -> str:
    """The refusal as plain text lines, French then English."""
    lines = [_words(decision, "fr_title"), _words(decision, "fr", cap=cap, wait=wait), "",
             _words(decision, "en_title"), _words(decision, "en", cap=cap, wait=wait)]
    return "\r\n".join(lines) + "\r\n"


def refusal_terminal(decision: Admission, *, cap: int, wait: int = 0) -> str:
    """The same refusal written into the browser's terminal (a websocket that starts nothing)."""
    return "\x1b[2J\x1b[H" + refusal_text(decision, cap=cap, wait=wait)
