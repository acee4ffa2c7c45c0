"""The HTML pages of `litige serve`, as plain strings: the game's page, and the small pages
it answers with when it starts no game.

Both languages on the refusal pages: the participant has not chosen one yet. Every page loads
only what this server serves: textual-serve's own template fetched a web font from a public
font service, so every participant's browser called out; here the same font comes from the
server's static files (textual-serve ships it), and the system's monospace stands in meanwhile.
"""

from __future__ import annotations

from html import escape

from simulator.lang.typography import typeset
from simulator.workshop.entry_rules import Admission

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


def refusal_page(decision: Admission, *, cap: int, code: str | None = None, wait: int = 0, path: str = "/") -> str:
    """The whole HTML page for a refused connection (wrong code, room full, too many attempts);
    `path`: the page it refuses (`/`, `/terminal`, `/plain`), where its form and links lead."""
    path = escape(path if path.startswith("/") else "/", quote=True)
    fr_title, en_title = escape(_words(decision, "fr_title")), escape(_words(decision, "en_title"))
    fr, en = (escape(_words(decision, k, cap=cap, wait=wait)) for k in ("fr", "en"))
    if decision is Admission.THROTTLED:
        action = f'<p><a href="{path}" style="color:#9cd">Réessayer plus tard / Try again later</a></p>'
    elif decision is Admission.BAD_CODE:
        action = (f'<form method="get" action="{path}"><label for="code">Code</label>'
                  '<input id="code" name="code" autocomplete="off" autofocus required> '
                  '<button type="submit">Rejoindre / Join</button></form>')
    else:
        retry = f"{path}?code={escape(code or '', quote=True)}"
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


# textual-serve's template (app_index.html, textual-serve 1.1), less its logo and its web font:
# the terminal's font, "Roboto Mono" (textual.js asks for it by that name), is the one in its
# static folder. The ids and classes are the ones textual.js looks for.
_GAME_STYLE = """
@font-face{font-family:"Roboto Mono";font-style:normal;font-weight:100 700;font-display:block;
src:url("{static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype")}
@font-face{font-family:"Roboto Mono";font-style:italic;font-weight:100 700;font-display:block;
src:url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype")}
body{background:#0c181f;margin:0}
.dialog-container{position:absolute;width:100vw;height:100vh;display:flex;align-items:center;
justify-content:center;z-index:10}
.shade{position:absolute;width:100%;height:100%;background:#0c181f}
.intro{width:640px;height:240px;font-size:16px;z-index:20;font-family:"Roboto Mono",monospace;
text-align:center;color:rgba(255,255,255,.95);background-color:#12232d;display:flex;
flex-direction:column;align-items:center;justify-content:center;margin:32px}
body.-first-byte .intro-dialog,body.-first-byte .intro-dialog .shade{opacity:0;display:none}
body .textual-terminal{opacity:0;transition:opacity .3s ease-out}
body.-first-byte .textual-terminal{opacity:1;transition:opacity .3s ease-out}
body button{padding:16px 32px;background-color:#5e0ba7;color:rgba(255,255,255,.95);border:none;
font-family:"Roboto Mono",monospace;margin:16px;display:block}
button:hover{background:#ac5af4;cursor:pointer}
.closed-dialog{opacity:0;display:none}
body.-closed .closed-dialog{opacity:1;display:flex}
#start{display:none}
#start.-delay{display:flex}
#plain-link{position:absolute;top:0;right:0;z-index:30;padding:4px 10px;background:#12232d;color:#9cd;
font:14px system-ui,sans-serif}
"""

_GAME_SCRIPT = """
function getStartUrl(){const url=new URL(window.location.href);const params=new URLSearchParams(url.search);
params.delete("delay");return url.pathname+"?"+params.toString();}
function refresh(){window.location.href=getStartUrl();}
"""


def game_page(*, title: str, static_url: str, websocket_url: str, font_size: int, plain_url: str | None = None) -> str:
    """The page a participant plays in: textual-serve's terminal (xterm.js), with every file it
    loads from `static_url` (this server's static folder, ending with a slash). `plain_url`: the
    accessible page, linked first thing in the page (a screen reader finds it before the canvas)."""
    static = escape(static_url, quote=True)
    style = _GAME_STYLE.replace("{static}", static)
    name = escape(title)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{name}</title>'
            f'<link rel="preload" href="{static}fonts/RobotoMono-VariableFont_wght.ttf" as="font" '
            f'type="font/ttf" crossorigin>'
            f'<link rel="stylesheet" href="{static}css/xterm.css">'
            f'<script src="{static}js/textual.js"></script>'
            f'<style>{style}</style><script>{_GAME_SCRIPT}</script></head>'
            f'<body>{_plain_link(plain_url)}<div class="dialog-container intro-dialog"><div class="shade"></div>'
            f'<div class="intro"><div>{name}</div>'
            f'<button type="button" onclick="refresh()" id="start">Commencer / Start</button></div></div>'
            f'<div class="dialog-container closed-dialog"><div class="shade"></div>'
            f'<div class="intro"><div class="message">Partie terminée / Session ended</div>'
            f'<button type="button" onclick="refresh()">Recommencer / Restart</button></div></div>'
            f'<div id="terminal" class="textual-terminal" data-session-websocket-url="{escape(websocket_url, quote=True)}" '
            f'data-font-size="{int(font_size)}"></div></body></html>')


def _plain_link(url: str | None) -> str:
    if not url:
        return ""
    return (f'<a id="plain-link" href="{escape(url, quote=True)}">Version accessible (lecteur d\'écran) / '
            f'<span lang="en">Accessible version (screen reader)</span></a>')
