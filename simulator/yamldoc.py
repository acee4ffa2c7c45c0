"""Strict YAML reading with locations.

The file is composed once into PyYAML's node tree (libyaml's C parser when present), then
turned into plain Python values while recording where each value and each key stands, so
that every later check can point at `FILE:LINE:COL`. Anchors and aliases, custom tags,
duplicate keys, non-string keys and oversized files are refused here, with a location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.errors import Problem

MAX_BYTES = 1024 * 1024
Path_ = tuple[Any, ...]

try:  # libyaml's C parser: several times faster than the pure-Python one
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_KEY = "\x00key"  # path suffix under which a mapping key's own location is kept
_ALIAS_MSG = "YAML anchors and aliases are not allowed"


class Invalid:
    """Stands for a value already reported as a problem here, so later checks stay silent on it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = Invalid()


def _short(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


@dataclass
class Doc:
    """A loaded YAML document: its data and where each piece of it stands (1-based)."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    quoted: dict[Path_, bool] = field(default_factory=dict)

    def at(self, path: Path_) -> tuple[int, int]:
        """The location of the value at `path`, or of its nearest located parent."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (1, 1))

    def key_at(self, path: Path_) -> tuple[int, int]:
        """The location of the key that introduces the value at `path`."""
        return self.marks.get(tuple(path) + (_KEY,)) or self.at(path)

    def problem(self, path: Path_, message: str, *, key: bool = False, severity: str = "error",
                col_offset: int = 0) -> Problem:
        line, col = self.key_at(path) if key else self.at(path)
        return Problem(self.file, line, col + col_offset, severity, message)  # type: ignore[arg-type]


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()
        self.saw_alias = False
        self.quoted: dict[Path_, bool] = {}

    def fail(self, node: Node, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, "error", message))

    def value(self, node: Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # The same node reached twice: an alias. Its own mark is lost, so point at the anchor.
            self.saw_alias = True
            self.fail(node, _ALIAS_MSG)
            return INVALID
        self.seen.add(id(node))
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag or ""
        if isinstance(node, ScalarNode):
            if tag not in _SCALAR_TAGS:
                if tag == _STD + "timestamp":
                    return node.value
                self.fail(node, f"custom or unsupported YAML tag {_short(tag)!r}; write a plain value")
                return INVALID
            if tag == _STD + "str":
                if node.style in ("'", '"'):
                    self.quoted[path] = True
                return node.value
            return self.constructor.construct_object(node, deep=True)
        if isinstance(node, SequenceNode):
            if tag != _STD + "seq":
                self.fail(node, f"custom or unsupported YAML tag {_short(tag)!r} on a list")
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if tag != _STD + "map":
                self.fail(node, f"custom or unsupported YAML tag {_short(tag)!r} on a mapping")
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if knode.tag == _STD + "merge":
                    self.fail(knode, "YAML merge keys ('<<') are not allowed; write the keys out")
                    continue
                if not isinstance(knode, ScalarNode):
                    self.fail(knode, "a key must be a plain name, not a list or mapping")
                    continue
                key = knode.value if knode.tag == _STD + "str" else self.constructor.construct_object(knode)
                key = str(key) if isinstance(key, (int, float, bool)) else key
                if key is None:
                    key = "null"
                if key in out:
                    first = self.marks.get(path + (key, _KEY), (0, 0))
                    self.fail(knode, f"duplicate key {key!r} (first at line {first[0]})")
                    continue
                self.marks[path + (key, _KEY)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
                out[key] = self.value(vnode, path + (key,))
            return out
        self.fail(node, "unsupported YAML node")  # pragma: no cover
        return None


def _anchor_problems(text: str, file: str) -> list[Problem]:
    """Locate anchors and aliases with the event stream (only run when the text may have some)."""
    out: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        m = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            out.append(Problem(file, m.line + 1, m.column + 1, "error",
                               f"YAML alias '*{event.anchor}' is not allowed; write the value out in full"))
        elif getattr(event, "anchor", None):
            out.append(Problem(file, m.line + 1, m.column + 1, "error",
                               f"YAML anchor '&{event.anchor}' is not allowed; write the value out in full"))
    return out


def read(raw: bytes | str, file: str) -> tuple[Doc | None, list[Problem]]:
    """Read one YAML document strictly. Returns the document (None if unusable) and problems."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        return None, [Problem(file, 1, 1, "error",
                              f"file is {size / 1024 / 1024:.1f} MiB; scenario files are limited to 1 MiB")]
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return None, [Problem(file, line, col, "error", "file is not valid UTF-8 text")]
    else:
        text = raw
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "syntax error"
        ctx = exc.context_mark
        if exc.context and ctx is not None and (ctx.line, ctx.column) != (mark.line, mark.column):
            what += f" ({exc.context} started at line {ctx.line + 1}, column {ctx.column + 1})"
        return None, [Problem(file, line, col, "error", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, "error", f"YAML error: {exc}")]
    if root is None:
        return None, [Problem(file, 1, 1, "error", "file is empty")]
    reader = _Reader(file)
    data = reader.value(root, ())
    problems = reader.problems
    if reader.saw_alias or "&" in text:  # cheap pre-test; the event scan locates them exactly
        problems = [p for p in problems if not p.message.startswith(_ALIAS_MSG)]
        problems += _anchor_problems(text, file)
    return Doc(file, data, reader.marks, reader.quoted), problems
