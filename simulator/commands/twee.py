"""`litige import STORY.twee` and `litige export-twee SCENARIO`: stories to and from Twine (Twee 3)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, common) -> None:
    from simulator.i18n import LANGS
    p = sub.add_parser("import", help="make a scenario of a Twine story (a Twee 3 file: SugarCube, Harlowe "
                       "or plain links)")
    p.add_argument("story", metavar="STORY.twee", help="the Twee 3 file")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write the scenario to FILE (default: print it); what does not map is said as "
                        "warnings STORY.twee:LINE:COL on stderr and kept as comments in it")
    p.add_argument("--story-lang", choices=LANGS, default=None,
                   help="the language the story is written in (default: fr; a story written by export-twee "
                        "says its own)")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("export-twee", help="write a scenario as a Twee 3 story (SugarCube), for Twine's map; "
                       "`litige import` reads it back")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped id or a YAML file")
    p.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of printing")
    p.set_defaults(handler=cmd_export)


def _write(text: str, out: str | None) -> None:
    from simulator.errors import LitigeError
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LitigeError(f"cannot write {out}: {exc.strerror or exc}") from None


def cmd_import(args: argparse.Namespace) -> int:
    from simulator.errors import LitigeError
    from simulator.twee_import import TweeError, import_twee
    from simulator.yamldoc import MAX_BYTES, read_file

    raw = read_file(args.story)
    if not isinstance(raw, bytes):
        raise LitigeError(f"{args.story}: {raw.message}")
    if len(raw) > MAX_BYTES:
        raise LitigeError(f"{args.story}: the story is larger than {MAX_BYTES // 1024 // 1024} MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        print(f"{args.story}:{line}:1: error: not UTF-8 text (Twee files are UTF-8)", file=sys.stderr)
        return 1
    try:
        result = import_twee(text, args.story, args.story_lang)
    except TweeError as exc:
        where = f"{args.story}:{exc.line}:{exc.col}" if exc.line else args.story
        print(f"{where}: error: {exc.message}", file=sys.stderr)
        return 1
    for n in result.notes:
        print(f"{args.story}:{n.line}:{n.col}: warning: {n.message}", file=sys.stderr)
    _write(result.yaml, args.out)
    # What a Twine story makes always loads (tests/test_twee.py's random stories); what an exported
    # story's litige-data passage or litige comments hold, edited by hand, may not: say so.
    from simulator.loader import parse
    _, problems = parse(result.yaml, args.out or "<stdout>")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        first = errors[0]
        print(f"litige: error: the scenario made has {len(errors)} error(s), the first at line {first.line}: "
              f"{first.message}; `litige check` lists them", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from simulator.scenario_ref import load_scenario, resolve
    from simulator.twee_export import export_twee
    from simulator.yamldoc import read

    load_scenario(args.scenario)  # a scenario with errors is said so, as everywhere
    path = resolve(args.scenario)
    doc, _ = read(path.read_bytes(), str(path))
    assert doc is not None  # it just loaded
    _write(export_twee(doc.data), args.out)
    return 0
