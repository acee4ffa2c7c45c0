"""Strict YAML reading with locations.

The file is composed once into PyYAML's node tree (libyaml's C parser when present), then
turned into plain Python values while recording where each value and each key stands, so
that every later check can point at `FILE:LINE:COL`. Anchors and aliases, custom tags,
duplicate keys, non-string keys and oversized files are refused here, with a location.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.format import gc_pause
from simulator.format.errors import Problem, Severity
from simulator.format.yaml_hints import hint
from simulator.lang.messages_check import MAX_INT_CHARS, Lit, Q, V, msg
from simulator.lang.plaintext import CONTROL, char_name

MAX_BYTES = 1024 * 1024
Path_ = tuple[Any, ...]

try:  # libyaml's C parser: several times faster than the pure-Python one
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]  # the same loader, in Python

_STD = "tag:yaml.org,2002:"
_STR, _INT, _MAP, _SEQ, _MERGE = (_STD + t for t in ("str", "int", "map", "seq", "merge"))
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_KEY_TAGS = _SCALAR_TAGS | {_STD + "timestamp"}  # a date as a key stands for its text
_ALIAS_MSG = "YAML anchors and aliases are not allowed"
# A scenario needs a dozen levels at most (nodes → node → choices → choice → text → lang); far
# below Python's recursion limit, so that reading nests no deeper than it can handle.
MAX_DEPTH = 40
# MAX_INT_CHARS, the longest integer a scenario may write: simulator.lang.messages_check (which shows values).

def control_message(ch: str) -> str:
    return msg("yaml.control_text", char=char_name(ch))


class Invalid:
    """Stands for a value already reported as a problem here, so later checks stay silent on it."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = Invalid()


def _short(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


class _Loader(_Base):
    """libyaml's loader with a faster tag resolver: a plain scalar whose first character starts
    no implicit type (most prose) is a string without trying every pattern."""

    _MAYBE_TYPED = frozenset(_Base.yaml_implicit_resolvers)

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and (not implicit[0] or (value and value[0] not in self._MAYBE_TYPED)):
            return _STR
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # untyped in PyYAML's stubs
        return tag


def _too_long(node: ScalarNode) -> bool:
    """An integer written with more than MAX_INT_CHARS characters."""
    return node.tag == _INT and len(node.value) > MAX_INT_CHARS


def too_long_message(chars: int) -> str:
    return msg("yaml.number_too_long", chars=chars, max=MAX_INT_CHARS)


def _key_text(knode: ScalarNode, constructor: SafeConstructor) -> str:
    """The dictionary key a scalar key node stands for (booleans and numbers as text). Never
    raises: a key whose tag is custom, a merge or a value its tag refuses stands for its own
    text (the reader reports it)."""
    text: str = knode.value
    if knode.tag == _STR or knode.tag not in _SCALAR_TAGS or _too_long(knode):
        return text
    try:
        key = constructor.construct_object(knode)
    except (yaml.YAMLError, ValueError, KeyError, IndexError, TypeError):
        return text
    if key is None:
        return "null"
    return str(key) if isinstance(key, (int, float, bool)) else text


def _key_index(node: MappingNode, constructor: SafeConstructor) -> dict[str, tuple[ScalarNode, Node]]:
    """A mapping node's (key node, value node) by the key's text, the first one for a key written
    twice (the reader reports the others); keys that are not scalars are left out."""
    out: dict[str, tuple[ScalarNode, Node]] = {}
    for knode, vnode in node.value:
        if knode.__class__ is ScalarNode:
            out.setdefault(_key_text(knode, constructor), (knode, vnode))
    return out


@dataclass
class Doc:
    """A loaded YAML document: its data, and its node tree to say where each piece stands.

    Locations are looked up only when a message needs one, by following the same path
    through the node tree, so reading a valid file records nothing it will not use. Each
    mapping a lookup goes through is indexed by key the first time (once), so that a file
    with thousands of problems is located in time proportional to their number."""

    file: str
    data: Any
    root: Node | None = None
    _index: dict[int, dict[str, tuple[ScalarNode, Node]]] = field(default_factory=dict, repr=False, compare=False)

    def _entries(self, node: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
        """The mapping's (key node, value node) by key text: the first of a key written twice."""
        entries = self._index.get(id(node))
        if entries is None:
            entries = self._index[id(node)] = _key_index(node, SafeConstructor())
        return entries

    def _walk(self, path: Path_) -> tuple[list[Node], ScalarNode | None]:
        """The nodes along `path` as far as it goes, and the key node of the last step."""
        nodes: list[Node] = [self.root] if self.root is not None else []
        key_node: ScalarNode | None = None
        for step in path:
            node = nodes[-1] if nodes else None
            key_node = None
            if isinstance(node, MappingNode):
                found = self._entries(node).get(step) if isinstance(step, str) else None
                if found is None:
                    break
                key_node = found[0]
                nodes.append(found[1])
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nodes.append(node.value[step])
            else:
                break
        else:
            return nodes, key_node
        return nodes, None

    def _found(self, path: Path_) -> Node | None:
        nodes, _ = self._walk(path)
        return nodes[-1] if nodes and len(nodes) == len(path) + 1 else None

    @staticmethod
    def _mark(node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def at(self, path: Path_) -> tuple[int, int]:
        """The location of the value at `path`, or of its nearest located parent."""
        nodes, _ = self._walk(tuple(path))
        return self._mark(nodes[-1]) if nodes else (1, 1)

    def key_at(self, path: Path_) -> tuple[int, int]:
        """The location of the key that introduces the value at `path`."""
        nodes, key_node = self._walk(tuple(path))
        if key_node is not None:
            return self._mark(key_node)
        return self._mark(nodes[-1]) if nodes else (1, 1)

    def is_quoted(self, path: Path_) -> bool:
        """Whether the string at `path` was written in quotes (its text starts one column later)."""
        node = self._found(tuple(path))
        return isinstance(node, ScalarNode) and node.style in ("'", '"')

    def problem(self, path: Path_, message: str, *, key: bool = False, severity: Severity = "error",
                col_offset: int = 0) -> Problem:
        line, col = self.key_at(path) if key else self.at(path)
        return Problem(self.file, line, col + col_offset, severity, message)


class _Reader:
    """Turns the node tree into plain values, refusing what the format does not allow."""

    def __init__(self, file: str, may_alias: bool):
        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] | None = set() if may_alias else None
        self.constructor = SafeConstructor()

    def fail(self, node: Node, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, "error", message))

    def text(self, node: Node, value: str) -> str | Invalid:
        bad = CONTROL.search(value)
        if bad is None:
            return value
        self.fail(node, control_message(bad.group()))
        return INVALID

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return self.text(node, node.value) if CONTROL.search(node.value) else node.value
        if tag == _INT and node.value.isascii() and node.value.isdigit() and len(node.value) <= MAX_INT_CHARS:
            return int(node.value)
        if _too_long(node):
            self.fail(node, too_long_message(len(node.value)))
            return INVALID
        if tag == _INT and not node.value.isascii():  # `!!int ٥٠`: int() would read any script's digits
            self.fail(node, msg("yaml.bad_int", value=V(node.value)))
            return INVALID
        if tag in _SCALAR_TAGS:
            try:
                return self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, KeyError, IndexError, TypeError):
                self.fail(node, msg("yaml.bad_value", value=V(node.value), tag=_short(tag)))
                return INVALID
        if tag == _STD + "timestamp":
            return self.text(node, node.value)
        self.fail(node, msg("yaml.custom_tag", tag=Q(_short(tag))))
        return INVALID

    def value(self, node: Node, depth: int = 0) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                # The same node reached twice: an alias. Its own mark is lost: the event scan
                # in read() locates it.
                self.fail(node, _ALIAS_MSG)
                return INVALID
            self.seen.add(id(node))
        if type(node) is ScalarNode:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            self.fail(node, msg("yaml.too_deep", max=MAX_DEPTH))
            return INVALID
        if type(node) is MappingNode:
            if node.tag != _MAP:
                self.fail(node, msg("yaml.tag_mapping", tag=Q(_short(node.tag))))
            out: dict[str, Any] = {}
            firsts: dict[str, tuple[ScalarNode, Node]] | None = None  # built at the first duplicate
            value = self.value
            for knode, vnode in node.value:
                if knode.__class__ is not ScalarNode:
                    self.fail(knode, msg("yaml.key_not_plain"))
                    continue
                if knode.tag == _MERGE:
                    self.fail(knode, msg("yaml.merge", key=Q("<<")))
                    continue
                if knode.tag != _STR and knode.tag not in _KEY_TAGS:
                    self.fail(knode, msg("yaml.tag_key", tag=Q(_short(knode.tag))))
                    continue
                key = _key_text(knode, self.constructor)
                if CONTROL.search(key):
                    self.text(knode, key)
                    continue
                if key in out:
                    if firsts is None:
                        firsts = _key_index(node, self.constructor)
                    first = firsts[key][0]
                    self.fail(knode, msg("yaml.duplicate_key", key=Q(key), line=first.start_mark.line + 1))
                    continue
                out[key] = value(vnode, depth + 1)
            return out
        if type(node) is SequenceNode:
            if node.tag != _SEQ:
                self.fail(node, msg("yaml.tag_list", tag=Q(_short(node.tag))))
            return [self.value(item, depth + 1) for item in node.value]
        self.fail(node, msg("yaml.unsupported_node"))  # pragma: no cover
        return None


def _anchor_problems(text: str, file: str) -> list[Problem]:
    """Locate anchors and aliases with the event stream (only run when the text may have some)."""
    out: list[Problem] = []
    for event in yaml.parse(text, Loader=_Loader):
        m = event.start_mark
        if not isinstance(event, NodeEvent) or m is None:  # the parser marks every event
            continue
        if isinstance(event, AliasEvent):
            out.append(Problem(file, m.line + 1, m.column + 1, "error",
                               msg("yaml.alias", name=Q(f"*{event.anchor}"))))
        elif event.anchor:
            out.append(Problem(file, m.line + 1, m.column + 1, "error",
                               msg("yaml.anchor", name=Q(f"&{event.anchor}"))))
    return out


def _reader_problem(text: str, file: str, exc: yaml.reader.ReaderError) -> Problem:
    """Where the character the YAML reader refused stands. Its `position` counts characters
    with the pure-Python reader and bytes with libyaml's, so find the character itself: the
    reader stops at the first one."""
    ch = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)[:1]
    at = text.find(ch) if ch else -1
    if at < 0:
        at = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(file, line, col, "error", msg("yaml.control_file", char=char_name(ch))
                   if ch else msg("yaml.error", reason=exc.reason))


def _syntax_problem(text: str, file: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error where PyYAML found it, with where its construct began and a hint."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)  # 0-based, as PyYAML counts
    ctx = exc.context_mark
    context = (msg("yaml.syntax_context", context=exc.context, line=ctx.line + 1, col=ctx.column + 1)
               if exc.context and ctx is not None and (ctx.line, ctx.column) != (line, col) else "")
    advice = hint(text, exc.problem or "", line, col, exc.context, ctx.line if ctx is not None else None)
    return Problem(file, line + 1, col + 1, "error", msg(
        "yaml.syntax", problem=exc.problem or msg("yaml.syntax_unknown"), context=context,
        hint=msg("yaml.syntax_hint", hint=advice) if advice else ""))


def _size_problem(file: str, size: int, *, at_least: bool = False) -> Problem:
    mib = Lit(f"{size / 1024 / 1024:.1f}", f"{size / 1024 / 1024:.1f}".replace(".", ","))
    return Problem(file, 1, 1, "error", msg("yaml.size_more" if at_least else "yaml.size", size=mib))


_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "char"), (stat.S_ISBLK, "block"),
          (stat.S_ISSOCK, "socket"))  # keys of messages_check: yaml.kind.*


def read_file(path: str | os.PathLike[str]) -> bytes | Problem:
    """The bytes of a scenario file, or the problem that keeps it from being one, found before
    reading: a FIFO (opened without waiting for a writer), a device such as /dev/zero, a folder,
    a file over MAX_BYTES (by its size, so a 1 GiB file is never read into memory). At most
    MAX_BYTES + 1 bytes are read, should the file grow meanwhile."""
    file = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return Problem(file, 1, 1, "error", msg("yaml.cannot_read", reason=exc.strerror or exc))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "other")
            return Problem(file, 1, 1, "error", msg("yaml.not_regular", kind=msg(f"yaml.kind.{kind}")))
        if st.st_size > MAX_BYTES:
            return _size_problem(file, st.st_size)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return Problem(file, 1, 1, "error", msg("yaml.cannot_read", reason=exc.strerror or exc))
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return _size_problem(file, MAX_BYTES, at_least=True) if len(raw) > MAX_BYTES else raw


def read(raw: bytes | str, file: str) -> tuple[Doc | None, list[Problem]]:
    """Read one YAML document strictly. Returns the document (None if unusable) and problems."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        return None, [_size_problem(file, size)]
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return None, [Problem(file, line, col, "error", msg("yaml.not_utf8"))]
    else:
        text = raw
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        with gc_pause.paused():
            root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a raw control byte)
        return None, [_reader_problem(text, file, exc)]
    except RecursionError:  # only the pure-Python composer recurses: libyaml's does not
        return None, [Problem(file, 1, 1, "error", msg("yaml.too_deep", max=MAX_DEPTH))]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(text, file, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, "error", msg("yaml.error", reason=exc))]
    if root is None:
        return None, [Problem(file, 1, 1, "error", msg("yaml.empty"))]
    may_alias = "*" in text or "&" in text  # cheap pre-test; the event scan locates them exactly
    reader = _Reader(file, may_alias)
    with gc_pause.paused():
        data = reader.value(root)
    problems = reader.problems
    if may_alias:
        problems = [p for p in problems if not p.message.startswith(_ALIAS_MSG)]
        problems += _anchor_problems(text, file)
    return Doc(file, data, root), problems
