"""The accessible page of `litige serve` (issue 19): a small HTML page of our own, not a canvas.

What a screen reader needs, and why it is so:
- Real text in the document, in the room's language (`<html lang>`): every line of the play is
  appended as a paragraph to one ARIA live region (`role="log"`, `aria-live="polite"`, additions
  only), so a reader speaks the new lines once, when it is done speaking, and the whole
  conversation stays there to be read again (headings: the story's briefing, the conversation,
  the debrief).
- The answers are an ordered list of real `<button>`s, each with its number in its text, under a
  heading of their own; the prompt describes the list. No colour carries meaning, nothing is
  drawn, no file is asked of any other server.
- Keyboard first: a digit picks that answer, `r` repeats, `?` helps, `q` quits (line mode asks for
  confirmation, answered in the text field), Enter or Space on the focused button, Tab between
  them; a skip link goes straight to the answers. In the text field (the name, a confirmation)
  keys are text.
- Focus: after an answer given on this page, focus goes to the first new answer (or the text
  field, or the debrief's heading when the debrief comes), so that the next answer is one key
  away (`r` gives the same answers: the buttons stay, and so does the focus on the one it was
  on); the new lines are meanwhile announced by the live region. Focus is moved only in reply
  to the trainee's own key or click, and only if it is still where that key or click left it:
  a reader who went back up the conversation to read it again (or anywhere else) is left there
  when the reply arrives, and nothing the server sends on its own (a reconnection) moves it.
- A reload, or a lost connection, comes back to the same seat (its play token is in the URL's
  `play=`), and the page is rebuilt from the server's transcript.
"""

from __future__ import annotations

import json
from html import escape

from simulator.lang.typography import typeset
from simulator.lang.words import MESSAGES


def word(key: str, lang: str, **values: str) -> str:
    """One of the page's own texts (simulator/lang/words/plain.py), in the room's language, typeset
    for it with the values put in (a story's title is typeset as the page shows it)."""
    text = MESSAGES[f"plain.{key}"]
    written = text.get(lang, text["fr"])
    return typeset(written.format(**values) if values else written, lang)


_STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#111;font:1.125rem/1.55 system-ui,sans-serif}
.skip{position:absolute;left:.5rem;top:-4rem;background:#fff;color:#00e;padding:.4rem .8rem;border:2px solid #111}
.skip:focus{top:.5rem}
header,main{max-width:48rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.5rem;margin:1.2rem 0 .4rem}
h2{font-size:1.25rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #555}
h3{font-size:1.1rem;margin:1rem 0 .3rem}
#log p{margin:.35rem 0}
#log p.notice,#status{font-style:italic}
#debrief p{margin:.15rem 0;white-space:pre-wrap}
ol#choices{padding-left:0;list-style:none}
ol#choices li{margin:.4rem 0}
button,input{font:inherit;color:#111;background:#fff;border:2px solid #111;border-radius:4px;padding:.45rem .8rem}
ol#choices button{width:100%;text-align:left}
button:hover{background:#eee}
:focus-visible{outline:3px solid #111;outline-offset:3px}
label{display:block;margin:.4rem 0 .2rem}
a{color:#00e}
[hidden]{display:none!important}
"""

# The page's script: events in (JSON over the websocket), answers out. See the module's
# docstring for the focus rule. No library, no other server.
_SCRIPT = r"""
(() => {
const W = JSON.parse(document.getElementById("words").textContent);
const log = document.getElementById("log");
const debrief = document.getElementById("debrief");
const choices = document.getElementById("choices");
const prompt = document.getElementById("prompt");
const form = document.getElementById("typed");
const input = document.getElementById("typed-input");
const label = document.getElementById("typed-label");
const status = document.getElementById("status");
const answerHeading = document.getElementById("h-answer");
const again = document.getElementById("again");
let socket = null, tries = 0, over = false;
let choicesPrompt = null;   // the prompt that came with the answers shown
let shownItems = [];        // those answers
let waiting = null;         // where focus was when the trainee answered (null: no answer pending)
const params = new URLSearchParams(location.search);

function para(text, cls) {
  const p = document.createElement("p");
  p.textContent = text;
  if (cls) p.className = cls;
  return p;
}
function heading(level, text, id) {
  const h = document.createElement("h" + level);
  h.textContent = text;
  if (id) { h.id = id; h.tabIndex = -1; }
  return h;
}
function showChoices(items) {
  const same = !choices.hidden && items.length === shownItems.length && items.every((x, i) => x === shownItems[i]);
  shownItems = items;
  if (same) return;   // the same answers (r): the buttons, and the one with the focus, stay
  choices.replaceChildren(...items.map((text, i) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = (i + 1) + ". " + text;
    b.dataset.answer = String(i + 1);
    b.addEventListener("click", () => send(b.dataset.answer));
    li.appendChild(b);
    return li;
  }));
  choices.hidden = items.length === 0;
}
function showDebrief(event) {
  debrief.replaceChildren();
  const parts = event.items && event.items.length ? event.items : [event.text];
  parts.forEach((part, i) => {
    const lines = part.split("\n");
    debrief.appendChild(heading(i === 0 ? 2 : 3, lines.shift(), i === 0 ? "h-debrief" : null));
    for (const line of lines) if (line.trim()) debrief.appendChild(para(line));
  });
  debrief.hidden = false;
}
// One turn's events, in order. Returns what focus should go to, if anything.
function apply(events) {
  let target = null, asked = null, gotChoices = false;
  for (const e of events) {
    if (e.kind === "heading") log.appendChild(heading(2, e.text));
    else if (e.kind === "line") log.appendChild(para(e.text));
    else if (e.kind === "notice") log.appendChild(para(e.text, "notice"));
    else if (e.kind === "choices") { showChoices(e.items || []); gotChoices = true; asked = null; }
    else if (e.kind === "prompt") asked = e.text;
    else if (e.kind === "debrief") {
      showChoices([]);   // the play is over: its answers go (the library may follow)
      choicesPrompt = null;
      showDebrief(e);
      log.appendChild(para(W.debriefBelow, "notice"));
      target = "debrief";
    }
  }
  if (gotChoices) {
    choicesPrompt = asked;
    prompt.textContent = asked || "";
    form.hidden = true;
  } else if (asked !== null && asked === choicesPrompt) {  // the answers' own prompt: the answers again
    if (choices.hidden) showChoices(shownItems);
    prompt.textContent = asked;
    form.hidden = true;
  } else if (asked !== null) {  // a question of its own: the name, a confirmation
    prompt.textContent = "";
    label.textContent = asked;
    const kept = shownItems;
    showChoices([]);
    shownItems = kept;          // a confirmation answered "no" brings them back
    form.hidden = false;
    input.value = "";
  }
  if (target === "debrief") return document.getElementById("h-debrief");
  if (!form.hidden) return input;
  return choices.querySelector("button");
}
function focusIfStill(element, where) {
  // the trainee's own answer came back: focus the next thing to answer, unless they went elsewhere
  const active = document.activeElement;
  if (element && choices.contains(element) && active && active.isConnected && choices.contains(active)) {
    return;   // already on one of these answers (r gave the same ones)
  }
  const stayed = active === where || active === document.body || active === null || !active.isConnected
    || answerHeading.parentElement.contains(active);
  if (element && stayed) element.focus();
}
function end(text) {
  over = true;
  showChoices([]); form.hidden = true; prompt.textContent = "";
  status.textContent = text;
  again.hidden = false;
}
function send(text) {
  if (over || !socket || socket.readyState !== WebSocket.OPEN || waiting !== null) return;
  waiting = document.activeElement;
  socket.send(JSON.stringify({answer: text}));
}
function connect() {
  const url = new URL(W.websocket);
  if (params.get("play")) url.searchParams.set("play", params.get("play"));
  socket = new WebSocket(url);
  socket.addEventListener("open", () => { tries = 0; status.textContent = ""; });
  socket.addEventListener("message", (m) => {
    const data = JSON.parse(m.data);
    if (data.type === "hello" || data.type === "resume") {
      if (data.play && params.get("play") !== data.play) {
        params.set("play", data.play);
        history.replaceState(null, "", location.pathname + "?" + params.toString());
      }
      const first = !log.hasChildNodes();
      log.replaceChildren(); debrief.replaceChildren(); debrief.hidden = true;
      choicesPrompt = null;
      const target = apply(data.events || []);
      if (first && target && target !== document.getElementById("h-debrief")) target.focus();
      document.body.dataset.ready = "1";
    } else if (data.type === "events") {
      const where = waiting;
      const target = apply(data.events || []);
      waiting = null;
      focusIfStill(target, where);
      document.body.dataset.turns = String(Number(document.body.dataset.turns || 0) + 1);
    } else if (data.type === "over") {
      end(W.over);
    } else if (data.type === "moved") {
      end(W.moved);
    } else if (data.type === "expired") {
      end(W.expired);
    } else if (data.type === "refused") {
      end(data.text);
    }
  });
  socket.addEventListener("close", () => {
    waiting = null;
    if (over) return;
    if (tries >= 5) { status.textContent = W.gone; return; }
    status.textContent = W.lost;
    tries += 1;
    setTimeout(connect, 500 * tries);
  });
}
form.addEventListener("submit", (e) => {
  e.preventDefault();
  if (input.value.trim() === "" && label.textContent === "") return;
  send(input.value);
});
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
  const t = e.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
  if (/^[0-9]$/.test(e.key)) {
    const b = choices.querySelector(`button[data-answer="${e.key}"]`);
    if (b) { e.preventDefault(); b.focus(); send(e.key); }
  } else if (e.key === "r" || e.key === "?" || e.key === "q") {
    if (!form.hidden) return;
    e.preventDefault();
    send(e.key);
  }
});
connect();
})();
"""


def plain_page(*, lang: str, websocket_url: str, terminal_url: str | None = None) -> str:
    """The whole accessible page; `websocket_url` without the play token (the page adds it)."""
    lang = lang if lang in ("fr", "en") else "fr"
    words = {"websocket": websocket_url, "over": word("over", lang), "moved": word("moved", lang),
             "expired": word("expired", lang),
             "lost": word("lost", lang), "gone": word("gone", lang), "debriefBelow": word("debrief_below", lang)}
    data = json.dumps(words, ensure_ascii=True).replace("</", "<\\/")
    terminal = (f'<p><a href="{escape(terminal_url, quote=True)}">{escape(word("terminal", lang))}</a></p>'
                if terminal_url else "")
    again_url = escape(terminal_url.replace("/terminal?", "/plain?", 1) if terminal_url else "/plain", quote=True)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(word("title", lang))}</title><style>{_STYLE}</style></head>'
            f'<body><a class="skip" href="#h-answer">{escape(word("skip", lang))}</a>'
            f'<header><h1>{escape(word("title", lang))}</h1>'
            f'<p id="keys">{escape(word("keys", lang))}</p>{terminal}</header>'
            f'<main>'
            f'<div id="log" role="log" aria-live="polite" aria-relevant="additions" '
            f'aria-label="{escape(word("conversation", lang), quote=True)}"></div>'
            f'<section id="debrief" aria-labelledby="h-debrief" hidden></section>'
            f'<section id="answer" aria-labelledby="h-answer">'
            f'<h2 id="h-answer" tabindex="-1">{escape(word("answer", lang))}</h2>'
            f'<p id="prompt"></p>'
            f'<ol id="choices" aria-labelledby="h-answer" aria-describedby="prompt" hidden></ol>'
            f'<form id="typed" hidden><label id="typed-label" for="typed-input"></label>'
            f'<input id="typed-input" name="answer" autocomplete="off" maxlength="200"> '
            f'<button type="submit">{escape(word("send", lang))}</button></form>'
            f'<p id="status" role="status">{escape(word("connecting", lang))}</p>'
            f'<p><a id="again" href="{again_url}" hidden>{escape(word("again", lang))}</a></p>'
            f'</section></main>'
            f'<script type="application/json" id="words">{data}</script>'
            f'<script>{_SCRIPT}</script></body></html>')
