"""Each story passage read for the scenario: its visible text, its links with the conditions
around them (SugarCube's `<<if>>` / `<<elseif>>` / `<<else>>`, Harlowe's `(if:)[…]` chains), the
settings its code makes, and the `litige-…` comments an exported story carries."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from simulator.authoring.twine.convention import CHOICE_META, NODE_META, visible
from simulator.authoring.twine.notes import Notes
from simulator.authoring.twine.pieces import Chunk, Comment, HookEnd, Link, Macro, Piece, pieces
from simulator.authoring.twine.story import Note, Passage
from simulator.authoring.twine.variables import Setting, settings
from simulator.lang.messages_check import Q, msg

HTML_CODE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.S | re.I)

Cond = tuple[bool, str, int, int]  # (negated, condition text, line, col) of an if around a link
Chain = list[tuple[str, int, int]]  # the conditions of an if chain so far: an else negates them all


@dataclass
class LinkRead:
    link: Link
    line: int
    col: int
    conds: list[Cond]
    meta: dict[str, Any]
    sets: list[Setting] = field(default_factory=list)


@dataclass
class PassageRead:
    passage: Passage
    nid: str
    links: list[LinkRead] = field(default_factory=list)
    sets: list[tuple[Setting, int, int]] = field(default_factory=list)
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)  # the author's own comments, kept


@dataclass
class _Open:
    """A condition open around what follows: a SugarCube `<<if>>` (closed by `<</if>>`) or a
    Harlowe hook (closed by `]`; a hook that is no condition has no guard)."""

    kind: str  # "sugarcube" | "hook"
    guard: list[Cond]
    chain: Chain


def _meta(text: str, prefix: str) -> dict[str, Any] | None:
    body = text.strip()
    if not body.startswith(prefix):
        return None
    try:
        value = json.loads(body[len(prefix):])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def read_passage(p: Passage, nid: str, notes: Notes) -> PassageRead:
    """The passage read; what does not map is noted above node `nid` (at the top when "")."""
    return _Reader(p, nid, notes).run()


class _Reader:
    def __init__(self, p: Passage, nid: str, notes: Notes):
        self.r = PassageRead(p, nid)
        self.notes = notes
        self.stack: list[_Open] = []
        self.last_chain: Chain | None = None  # Harlowe: the hook chain just closed
        self.text: list[str] = []
        self.pending: dict[str, Any] = {}  # the litige-choice comment waiting for its link

    def warn(self, line: int, col: int, message: str, source: str) -> None:
        self.notes.warn(line, col, message, source, self.r.nid)

    def run(self) -> PassageRead:
        p = self.r.passage
        found: list[Note] = []
        parts = pieces(p.body, found, p)
        for n in found:
            self.warn(n.line, n.col, n.message, n.source)
        for piece in parts:
            self.piece(piece)
        if any(f.kind == "sugarcube" for f in self.stack):
            self.warn(p.line, 1, msg("twee.if_unclosed"), "")
        self.r.text = visible("".join(self.text))
        return self.r

    def piece(self, piece: Piece) -> None:
        if isinstance(piece, Comment):
            self.comment(piece)
        elif isinstance(piece, Chunk):
            self.chunk(piece)
        elif isinstance(piece, HookEnd):
            frame = self.stack.pop() if self.stack and self.stack[-1].kind == "hook" else None
            self.last_chain = frame.chain if frame else None
        else:
            line, col = self.r.passage.at(piece.pos)
            if isinstance(piece, Link):
                self.link(piece, line, col)
            else:
                chain, self.last_chain = self.last_chain, None
                self.macro(piece, chain, line, col)

    def comment(self, piece: Comment) -> None:
        node_meta = _meta(piece.text, NODE_META)
        choice_meta = _meta(piece.text, CHOICE_META)
        if node_meta is not None:
            self.r.meta = node_meta
        elif choice_meta is not None:
            self.pending = choice_meta
        elif piece.text.strip():
            self.r.comments.append(piece.text.strip())

    def chunk(self, piece: Chunk) -> None:
        for m in HTML_CODE.finditer(piece.text):
            line, col = self.r.passage.at(piece.pos + m.start())
            self.warn(line, col, msg("twee.html", element=m.group(1).lower()), m.group(0))
        self.text.append(HTML_CODE.sub("", piece.text))
        if piece.text.strip():
            self.pending = {}

    def link(self, piece: Link, line: int, col: int) -> None:
        self.text.append("\x00" + piece.text + "\x01")  # convention.visible reads it so
        conds = [cond for f in self.stack for cond in f.guard]
        lr = LinkRead(piece, line, col, conds, self.pending)
        self.pending = {}
        if piece.setter is not None:
            found, bad = settings(piece.setter)
            lr.sets = found
            for b in bad:
                self.warn(line, col, msg("twee.setter_bad", part=Q(b)), piece.setter)
        self.r.links.append(lr)

    def macro(self, m: Macro, chain: Chain | None, line: int, col: int) -> None:
        if m.name == "set":
            self.setting(m, line, col)
        elif not (self.sugarcube_if(m, line, col) if m.dialect == "sugarcube" else self.harlowe_if(m, chain, line, col)):
            where = f"<<{m.name}>>" if m.dialect == "sugarcube" else f"({m.name}:)"
            self.warn(line, col, msg("twee.macro", macro=where), m.raw)
            if m.hook:  # its hook's text is read (its links kept), not made conditional
                self.stack.append(_Open("hook", [], []))

    def setting(self, m: Macro, line: int, col: int) -> None:
        """A passage's code runs on entering it: its settings are the effects of the links into it."""
        found, bad = settings(m.args)
        if self.stack:
            self.warn(line, col, msg("twee.set_in_condition"), m.raw)
        else:
            self.r.sets.extend((s, line, col) for s in found)
        for b in bad:
            self.warn(line, col, msg("twee.set_bad", part=Q(b)), m.raw)
        if m.hook:
            self.stack.append(_Open("hook", [], []))

    def sugarcube_if(self, m: Macro, line: int, col: int) -> bool:
        """<<if>>, <<elseif>>, <<else>>, <</if>>: True when `m` is one of them, in its place."""
        top = self.stack[-1] if self.stack and self.stack[-1].kind == "sugarcube" else None
        if m.name == "if":
            self.stack.append(_Open("sugarcube", [(False, m.args, line, col)], [(m.args, line, col)]))
        elif m.name in ("elseif", "else") and top:
            prev = top.chain
            top.guard = [(True, c, ln, cl) for c, ln, cl in prev]
            if m.name == "elseif":
                top.guard.append((False, m.args, line, col))
                top.chain = prev + [(m.args, line, col)]
        elif m.name in ("/if", "endif") and top:
            self.stack.pop()
        else:
            return False
        return True

    def harlowe_if(self, m: Macro, chain: Chain | None, line: int, col: int) -> bool:
        """(if:)[…], (unless:)[…] and the (else-if:)[…] / (else:)[…] right after a closed hook:
        True when `m` is one of them, its hook opened."""
        if m.name in ("if", "unless") and m.hook:
            self.stack.append(_Open("hook", [(m.name == "unless", m.args, line, col)],
                                    [(m.args, line, col)] if m.name == "if" else []))
        elif m.name in ("else-if", "elseif", "else") and m.hook and chain:
            guard = [(True, c, ln, cl) for c, ln, cl in chain]
            new_chain = list(chain)
            if m.name != "else":
                guard.append((False, m.args, line, col))
                new_chain.append((m.args, line, col))
            self.stack.append(_Open("hook", guard, new_chain))
        else:
            return False
        return True
