"""Story variables in the scenario's terms: SugarCube's and Harlowe's settings (`$x to 5`,
`$x to $x + 2`, `$x += 2`, `$x to true`) and conditions (`$trust gte 50 and not $angry`) as the
guard language writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.format.guards import GuardSyntaxError
from simulator.format.guards import parse as parse_guard
from simulator.lang.messages_check import Q, msg


@dataclass(frozen=True)
class Setting:
    var: str
    kind: str  # "abs" (a number), "delta" (a signed change), "flag" (true / false)
    value: int | bool


_VAR = r"\$([A-Za-z_][A-Za-z0-9_]*)"
_ABS = re.compile(rf"^{_VAR}\s*(?:to|=)\s*([+-]?\d{{1,9}})$")
_FLAG = re.compile(rf"^{_VAR}\s*(?:to|=)\s*(true|false)$")
_DELTA = re.compile(rf"^{_VAR}\s*(?:to|=)\s*(?:\$(\w+)|it)\s*([+-])\s*(\d{{1,9}})$")
_INPLACE = re.compile(rf"^{_VAR}\s*([+-])=\s*(\d{{1,9}})$")


def settings(expr: str) -> tuple[list[Setting], list[str]]:
    """The simple assignments of a set (SugarCube or Harlowe), and the parts that are not simple."""
    found: list[Setting] = []
    bad: list[str] = []
    for part in re.split(r"[;,]", expr):
        part = part.strip()
        if not part:
            continue
        if m := _ABS.match(part):
            found.append(Setting(m.group(1), "abs", int(m.group(2))))
        elif m := _FLAG.match(part):
            found.append(Setting(m.group(1), "flag", m.group(2) == "true"))
        elif (m := _DELTA.match(part)) and m.group(2) in (None, m.group(1)):
            found.append(Setting(m.group(1), "delta", int(m.group(4)) * (1 if m.group(3) == "+" else -1)))
        elif m := _INPLACE.match(part):
            found.append(Setting(m.group(1), "delta", int(m.group(3)) * (1 if m.group(2) == "+" else -1)))
        else:
            bad.append(part)
    return found, bad


_COND = re.compile(r"\s*(?:(?P<var>\$[A-Za-z_][A-Za-z0-9_]*)|(?P<num>[+-]?\d{1,9})(?![\w.])"
                   r"|(?P<op>===|!==|==|!=|>=|<=|>|<|&&|\|\||!)|(?P<par>[()])|(?P<word>[A-Za-z_]\w*))")
_WORDS = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<", "eq": "==", "neq": "!=", "is": "==", "isnot": "!=",
          "and": "and", "or": "or", "not": "not", "true": "true", "false": "false"}
_OPS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}


def condition(text: str, names: dict[str, str]) -> str:
    """A SugarCube or Harlowe condition in the guard language; ValueError says why it cannot be."""
    tokens: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _COND.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(msg("twee.cond_not_simple", text=Q(text[pos:].strip()[:30])))
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind or 0)
        if kind == "var":
            tokens.append(names.get(value[1:], value[1:]))
        elif kind == "word":
            if value not in _WORDS:
                raise ValueError(msg("twee.cond_word", word=Q(value)))
            word = _WORDS[value]
            if word == "not" and tokens and tokens[-1] == "==":  # Harlowe's `is not`
                tokens[-1] = "!="
                continue
            tokens.append(word)
        elif kind == "op":
            tokens.append(_OPS.get(value, value))
        else:
            tokens.append(value)
    out: list[str] = []
    i = 0
    while i < len(tokens):  # NAME == true / NAME != false: the flag; == false / != true: not it
        if i + 2 < len(tokens) + 0 and tokens[i + 1] in ("==", "!=") and tokens[i + 2] in ("true", "false"):
            positive = (tokens[i + 1] == "==") == (tokens[i + 2] == "true")
            out.extend([tokens[i]] if positive else ["not", tokens[i]])
            i += 3
            continue
        if tokens[i] in ("true", "false"):
            raise ValueError(msg("twee.cond_alone", word=Q(tokens[i])))
        out.append(tokens[i])
        i += 1
    guard = " ".join(out).replace("( ", "(").replace(" )", ")")
    try:
        parse_guard(guard)
    except GuardSyntaxError as exc:
        raise ValueError(exc.message) from None
    return guard
