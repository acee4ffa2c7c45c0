"""The `when` mini-language: `meter OP integer`, flag names, not, and, or, parentheses.

Parsed by a small recursive-descent parser into an immutable tree; never `eval`.
Grammar (lowest precedence first):
    expr    := and ("or" and)*
    and     := unary ("and" unary)*
    unary   := "not" unary | primary
    primary := "(" expr ")" | NAME OP INT | NAME
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from simulator.lang.messages_check import Q, msg

OPS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
KEYWORDS = frozenset({"and", "or", "not"})
# Bounds that keep parsing and evaluating far from Python's recursion limit; a real guard
# ("trust >= 50 and (listened or not angry)") uses a handful of each.
MAX_TOKENS = 200  # names, numbers, operators and parentheses
MAX_DEPTH = 20  # parentheses and `not` inside one another
MAX_DIGITS = 9  # a number in a guard (meters go from 0 to 100; Python refuses int() past 4,300 digits)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>[+-]?[0-9]+)|(?P<op><=|>=|==|!=|<|>)|(?P<lpar>\()|(?P<rpar>\))"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))"
)


class GuardSyntaxError(ValueError):
    """A guard that does not parse; `pos` is the 0-based offset in the guard text."""

    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.message = message
        self.pos = pos


@dataclass(frozen=True)
class Compare:
    meter: str
    op: str
    value: int
    pos: int = 0

    def evaluate(self, meters: Mapping[str, int], flags: frozenset[str] | set[str]) -> bool:
        return OPS[self.op](meters.get(self.meter, 0), self.value)


@dataclass(frozen=True)
class Flag:
    name: str
    pos: int = 0

    def evaluate(self, meters: Mapping[str, int], flags: frozenset[str] | set[str]) -> bool:
        return self.name in flags


@dataclass(frozen=True)
class Not:
    operand: Guard

    def evaluate(self, meters: Mapping[str, int], flags: frozenset[str] | set[str]) -> bool:
        return not self.operand.evaluate(meters, flags)


@dataclass(frozen=True)
class And:
    left: Guard
    right: Guard

    def evaluate(self, meters: Mapping[str, int], flags: frozenset[str] | set[str]) -> bool:
        return self.left.evaluate(meters, flags) and self.right.evaluate(meters, flags)


@dataclass(frozen=True)
class Or:
    left: Guard
    right: Guard

    def evaluate(self, meters: Mapping[str, int], flags: frozenset[str] | set[str]) -> bool:
        return self.left.evaluate(meters, flags) or self.right.evaluate(meters, flags)


Guard = Compare | Flag | Not | And | Or


def leaves(guard: Guard) -> list[Compare | Flag]:
    """The comparisons and flag names a guard mentions, in order."""
    if isinstance(guard, (Compare, Flag)):
        return [guard]
    if isinstance(guard, Not):
        return leaves(guard.operand)
    return leaves(guard.left) + leaves(guard.right)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise GuardSyntaxError(msg("guard.char", char=Q(text[start])), start)
        kind = m.lastgroup or ""
        value = m.group(kind)
        start = m.start(kind)
        if kind == "name" and value in KEYWORDS:
            kind = value
        if len(tokens) >= MAX_TOKENS:
            raise GuardSyntaxError(msg("guard.too_long", max=MAX_TOKENS), start)
        tokens.append((kind, value, start))
        pos = m.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0

    def deeper(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise GuardSyntaxError(msg("guard.too_deep", max=MAX_DEPTH), pos)

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str, what: str) -> tuple[str, str, int]:
        tok = self.peek()
        if tok[0] != kind:
            found = msg("guard.end") if tok[0] == "end" else Q(tok[1])
            raise GuardSyntaxError(msg("guard.expected", what=what, found=found), tok[2])
        return self.take()

    def parse(self) -> Guard:
        if self.peek()[0] == "end":
            raise GuardSyntaxError(msg("guard.empty"), 0)
        node = self.expr()
        tok = self.peek()
        if tok[0] != "end":
            raise GuardSyntaxError(msg("guard.unexpected", token=Q(tok[1])), tok[2])
        return node

    def expr(self) -> Guard:
        node = self.conj()
        while self.peek()[0] == "or":
            self.take()
            node = Or(node, self.conj())
        return node

    def conj(self) -> Guard:
        node = self.unary()
        while self.peek()[0] == "and":
            self.take()
            node = And(node, self.unary())
        return node

    def unary(self) -> Guard:
        if self.peek()[0] == "not":
            self.deeper(self.take()[2])
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Guard:
        kind, value, pos = self.peek()
        if kind == "lpar":
            self.deeper(self.take()[2])
            node = self.expr()
            self.expect("rpar", msg("guard.rpar"))
            self.depth -= 1
            return node
        if kind == "name":
            self.take()
            if self.peek()[0] == "op":
                _, op, _ = self.take()
                _, num, num_pos = self.expect("num", msg("guard.int_after", op=Q(op)))
                if len(num.lstrip("+-")) > MAX_DIGITS:
                    raise GuardSyntaxError(msg("guard.digits", op=Q(op), n=len(num.lstrip("+-"))), num_pos)
                return Compare(value, op, int(num), pos)
            return Flag(value, pos)
        found = msg("guard.end") if kind == "end" else Q(value)
        raise GuardSyntaxError(msg("guard.primary", found=found), pos)


def parse(text: str) -> Guard:
    """Parse a guard; raise GuardSyntaxError with the offset of the problem."""
    return _Parser(text).parse()
