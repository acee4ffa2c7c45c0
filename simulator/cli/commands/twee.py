"""`litige import STORY.twee` and `litige export-twee SCENARIO`: stories to and from Twine (Twee 3)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    from simulator.lang.i18n import LANGS
    p = sub.add_parser("import", help="make a scenario of a Twine story (a Twee 3 file: SugarCube, Harlowe "
                       "or plain links)")
    p.add_argument("story", metavar="STORY.twee", help="the Twee 3 file")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write the scenario to FILE (default: print it); what does not map is said as "
                        "warnings STORY.twee:LINE:COL on stderr and kept as comments in it")
    p.add_argument("--story-lang", choices=LANGS, default=None,
                   help="the language the story is written in (default: fr; a story written by export-twee "
                        "says its own)")
    _messages_option(p)
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("export-twee", help="write a scenario as a Twee 3 story (SugarCube), for Twine's map; "
                       "`litige import` reads it back")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped id or a YAML file")
    p.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of printing")
    _messages_option(p)
    p.set_defaults(handler=cmd_export)


def _messages_option(p: argparse.ArgumentParser) -> None:
    from simulator.lang.i18n import LANGS
    p.add_argument("--messages", choices=LANGS, default=None,
                   help="language of the warnings and errors, and of the comments import writes (default: as "
                        "every command: litige --lang L, LITIGE_LANG, the saved choice, else fr)")


def _lang(args: argparse.Namespace, settings: Settings) -> str:
    """The messages' language: --messages, else the one every command uses (Settings.lang)."""
    return getattr(args, "messages", None) or settings.lang


def _write(text: str, out: str | None, lang: str) -> None:
    from simulator.format.errors import LitigeError
    from simulator.lang.messages_check import say
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LitigeError(say("twee.cannot_write", lang, file=out, reason=exc.strerror or exc)) from None


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.authoring.twine.importer import TweeError, import_twee
    from simulator.format.errors import LitigeError
    from simulator.format.yaml_reader import MAX_BYTES, read_file
    from simulator.lang.messages_check import msg, render, say
    from simulator.lang.typography import colon

    lang = _lang(args, settings)
    raw = read_file(args.story)
    if not isinstance(raw, bytes):
        raise LitigeError(f"{args.story}{colon(lang)}{render(raw.message, lang)}")
    if len(raw) > MAX_BYTES:
        raise LitigeError(say("twee.too_large", lang, file=args.story, mib=MAX_BYTES // 1024 // 1024))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        print(f"{args.story}:{line}:1: error: {say('twee.not_utf8', lang)}", file=sys.stderr)
        return 1
    try:
        result = import_twee(text, args.story, args.story_lang, lang)
    except TweeError as exc:
        where = f"{args.story}:{exc.line}:{exc.col}" if exc.line else args.story
        print(f"{where}: error: {render(exc.message, lang)}", file=sys.stderr)
        return 1
    for n in result.notes:
        print(f"{args.story}:{n.line}:{n.col}: warning: {render(n.message, lang)}", file=sys.stderr)
    _write(result.yaml, args.out, lang)
    # What a Twine story makes always loads (tests/test_twee.py's random stories); what an exported
    # story's litige-data passage or litige comments hold, edited by hand, may not: say so.
    from simulator.format.loader import parse
    _, problems = parse(result.yaml, args.out or "<stdout>")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        first = errors[0]
        made = msg("twee.made_errors", n=len(errors), line=first.line, message=first.message)
        print(f"litige: error: {render(made, lang)}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.authoring.checker import report_lines
    from simulator.authoring.twine.exporter import export_twee
    from simulator.format.errors import ScenarioError
    from simulator.format.scenario_ref import load_scenario, resolve
    from simulator.format.yaml_reader import read

    lang = _lang(args, settings)
    try:
        load_scenario(args.scenario)  # a scenario with errors is said so, as everywhere
    except ScenarioError as exc:  # said here for --messages (cli._run would say it in --lang's language)
        for line in report_lines(exc.problems, exc.problems[0].file if exc.problems else "", lang):
            print(line, file=sys.stderr)
        return 1
    path = resolve(args.scenario)
    doc, _ = read(path.read_bytes(), str(path))
    assert doc is not None  # it just loaded
    _write(export_twee(doc.data), args.out, lang)
    return 0
