"""The `litige` command line: list, check, play (and, with no command, the game itself).

argparse (standard library) rather than click: no extra dependency, and the core commands
start fast because nothing heavy (Textual) is imported unless the TUI is asked for.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import scenarios
from simulator.cli import commands
from simulator.format import gc_pause
from simulator.format.errors import LitigeError, ScenarioError
from simulator.format.scenario_ref import load_scenario
from simulator.game.settings import Settings
from simulator.lang.i18n import LANGS, t
from simulator.lang.typography import colon

# -- commands ------------------------------------------------------------------------------
# Each handler takes the command line and the Settings main() built from it (simulator/game/settings.py).

def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from scoring.catalogue import load_catalogue
    from simulator.format.loader import load
    rows = []
    known = load_catalogue().ids()  # once, not once per file
    for path in scenarios.shipped():
        try:
            s = load(path, known)
        except ScenarioError as exc:
            rows.append((path.stem, f"(invalid: {len(exc.errors)} errors)", "-"))
            continue
        rows.append((s.id, s.title.get(settings.lang), str(s.difficulty or "-")))
    width = max((len(r[0]) for r in rows), default=2)
    print(f"{'id':<{width}}  {'diff.':<5}  title")
    for sid, title, diff in rows:
        print(f"{sid:<{width}}  {diff:<5}  {title}")
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from scoring.catalogue import load_catalogue
    from simulator.authoring.checker import check_paths
    from simulator.authoring.summary import summarize
    catalogue = load_catalogue()
    # The messages' language: --messages, else the language of every command (Settings.lang:
    # `litige --lang en check`, $LITIGE_LANG, the saved choice, French). check's own --lang keeps
    # its meaning: also check that translation of the scenario's texts.
    lang = getattr(args, "messages", None) or settings.lang
    from simulator.lang.messages_check import Q, render, say
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"{p}: error: {say('check.no_such_path', lang)}", file=sys.stderr)
    from simulator.authoring.checker import report_lines, reported, scenario_files
    empty = [p for p in args.paths if Path(p).is_dir() and not scenario_files([p])]
    for p in empty:
        print(f"{p}: error: {say('check.empty_folder', lang)}", file=sys.stderr)
    missing += empty
    reports = check_paths([p for p in args.paths if Path(p).exists()], catalogue, lang=args.check_lang)
    errors = warnings = 0
    files = []
    for r in reports:
        problems = [p.as_error() if args.strict and p.severity == "warning" else p for p in r.problems]
        n_err = sum(1 for p in problems if p.severity == "error")
        errors += n_err
        warnings += len(problems) - n_err
        summary = summarize(r.scenario, catalogue) if r.scenario is not None and not r.errors else None
        if args.json:
            listed, more = reported(problems)  # the first REPORTED problems; `more` counts the rest
            files.append({"file": str(r.path), "scenario": r.scenario.id if r.scenario else None,
                          "errors": n_err, "warnings": len(problems) - n_err,
                          "problems": [{"file": p.file, "line": p.line, "col": p.col, "severity": p.severity,
                                        "message": render(p.message, lang), "code": p.code or None} for p in listed],
                          "more": more, "summary": summary.to_dict() if summary else None})
            continue
        for line in report_lines(problems, r.path, lang):
            print(line)
        if summary is not None and r.scenario is not None and not args.quiet:
            print(say("sum.heading", lang, file=r.path, id=Q(r.scenario.id)))
            print("\n".join(summary.lines(stats=args.stats, lang=lang)))
    if args.json:
        print(json.dumps({"files": files, "errors": errors, "warnings": warnings, "strict": args.strict,
                          "missing": missing}, ensure_ascii=False, indent=2))
    elif not args.quiet and (reports or not missing):
        print(say("check.count", lang, files=len(reports), errors=errors, warnings=warnings), file=sys.stderr)
    return 1 if errors or missing else 0


def cmd_play(args: argparse.Namespace, settings: Settings) -> int:
    if args.choices is None:  # interactive: line mode, plain lines on stdout/stdin (issue 19)
        if args.json:
            raise LitigeError("--json needs --choices: line mode is played interactively")
        from simulator.cli.linemode import run_play
        return run_play(args, settings, load_scenario(args.scenario))
    from scoring.debrief import build
    from scoring.debrief_render import render_json, render_text
    from simulator.play.engine import play_script
    lang = settings.lang
    scenario = load_scenario(args.scenario)
    play = play_script(scenario, args.choices, lang=lang, variant=args.variant)
    debrief = build(scenario, play.record, lang=lang)
    r = debrief.result
    if settings.db or args.trainee:
        # a database named (--db or $LITIGE_DB) or a trainee given: keep the play, so that
        # `litige history`, `report`, `export` see it
        from dataclasses import replace

        from simulator.results.store import Store
        with Store.open(settings.db) as store:
            store.finish_play(replace(play.record, trainee=args.trainee), r)
    if args.json:
        out = {
            "scenario": scenario.id,
            "play_id": play.record.play_id,
            "lang": lang,
            "ending": {"node": r.ending, "outcome": r.outcome},
            "variant": r.variant,
            "score": {"raw": r.raw, "max": r.max, "min": 0, "scaled": r.scaled, "rules": r.rules},
            "passed": r.passed,
            "decisions": [{"step": d.index, "node": d.node, "value": d.value, "best": d.best, "worst": d.worst,
                           "judged": d.judged, "credit": d.credit} for d in r.decisions],
            "principles": {pid: v.value for pid, v in r.verdicts.items()},
            "steps": [s.to_dict() for s in play.record.steps],
            "meters": play.meters,
            "debrief": render_json(debrief),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"== {scenario.title.get(lang)} ==")
    if scenario.role:
        print(scenario.role.get(lang))
    print()
    for step in debrief.steps:  # the transcript, from the debrief's own steps
        print(f"{step.speaker}{colon(lang)}{step.said}")
        print(f"  → {t('debrief.timed_out', lang) if step.answer is None else step.answer.text}")
    end = scenario.nodes[play.record.current]
    from scoring.debrief import speaker_label
    print(f"{speaker_label(scenario, end.speaker, lang)}{colon(lang)}{end.text.get(lang)}")
    print()
    print(render_text(debrief), end="")
    return 0


def cmd_tui(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "plain", False):  # the game as plain lines (issue 19): no Textual at all
        from simulator.cli.linemode import run_plain
        return run_plain(settings)
    # Importing Textual and building the first screen make some 80,000 objects and free almost
    # none: the collector, run every 700 new objects, would only walk them again and again. The
    # game turns it back on soon after its first frame (LitigeApp.on_ready).
    gc_pause.pause_start()
    try:
        from simulator.tui.start import run
    except ImportError as exc:  # Textual missing or broken: say so (this printed the help, exit 0)
        print(f"litige: error: the game's terminal interface does not load ({exc}); reinstall litige "
              "(pip install --force-reinstall litige)", file=sys.stderr)
        return 1
    return run(settings)


# -- parser --------------------------------------------------------------------------------

def add_game_options(parser: argparse.ArgumentParser) -> None:
    """The options of `litige` itself (the game), before any command."""
    parser.set_defaults(handler=cmd_tui)
    commands.Common.db(parser, top=True)
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language (default: $LITIGE_LANG, else the game's saved choice, else fr)")
    parser.add_argument("--no-timers", action="store_true", help="turn node time limits off (accessibility)")
    parser.add_argument("--plain", action="store_true",
                        help="line mode: the game as plain lines of text (screen readers, braille displays): "
                             "the library as a numbered list, then the play; no colour, no cursor movement")
    parser.add_argument("--timers", action="store_true",
                        help="with --plain: time limits on (off by default in line mode; said in words, and an "
                             "answer typed after the time ran out counts as no answer)")
    # workshop (litige serve): each browser runs `litige --participant [--scenario ID]`
    parser.add_argument("--participant", action="store_true",
                        help="workshop participant: the game asks for the trainee's name first")
    parser.add_argument("--coach", action="store_true",
                        help="with --participant: coach mode, each choice's feedback right after it (default: "
                             "exam; outside workshops the game's own setting decides)")
    parser.add_argument("--scenario", dest="start_scenario", metavar="ID", default=None,
                        help="with --participant: the scenario to play (default: the trainee chooses)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="litige", description="Litige — a training game for the people "
                                     "who face unhappy customers. With no command, starts the game.")
    add_game_options(parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    def lang_option(p: argparse.ArgumentParser) -> None:
        # No default of its own (like --db): `litige --lang en COMMAND` keeps the top-level value;
        # main() puts in the default when neither gave one.
        p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                       help="language (default: $LITIGE_LANG, else the game's saved choice, else fr)")

    p = sub.add_parser("list", help="the shipped scenarios")
    lang_option(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("check", help="validate scenario files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--lang", dest="check_lang", choices=LANGS, help="also check this translation")
    p.add_argument("--messages", choices=LANGS, default=None,
                   help="language of the messages (default: as every command: litige --lang L check, "
                        "$LITIGE_LANG, the game's saved choice, else fr)")
    p.add_argument("-q", "--quiet", action="store_true", help="only the problems: no per-file summary, no count line")
    p.add_argument("--json", action="store_true", help="print one JSON object: problems and summary per file")
    p.add_argument("--stats", action="store_true",
                   help="with each summary, the score range of the plays reaching each ending (and per variant)")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("play", help="play a scenario in line mode (plain lines, for screen readers), or headless "
                       "with scripted --choices, and print the debrief")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped id or a YAML file")
    p.add_argument("--choices", default=None, help="1-based picks among the choices offered, e.g. 2,1,3; "
                   "'t' lets a time limit run out (without it: played interactively, in line mode)")
    p.add_argument("--timers", action="store_true",
                   help="line mode: time limits on (off by default; said in words, and an answer typed after "
                        "the time ran out counts as no answer)")
    lang_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--variant", metavar="ID", default=None,
                   help="the scenario's variant to play (its hidden facts); drawn at random when not given")
    commands.Common.db(p)
    p.add_argument("--trainee", metavar="NAME", default=None,
                   help="store the play under this name (the play is stored when --db, $LITIGE_DB or --trainee is given)")
    p.set_defaults(handler=cmd_play)

    common = commands.Common(lang_option)
    for name in commands.MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


EXIT_USAGE = 2
# Commands whose output is text for a terminal: what they print goes through
# `plaintext.visible`, so that a control character from anywhere (a trainee's name in the
# database, a file name) shows as an escape instead of acting on the terminal. `room` too: its
# --once text is printed, and its live screen is Textual's, which writes to the terminal itself
# (sys.__stderr__), not through sys.stdout. Not the game, the other workshop commands nor the
# exports, which write their own formats.
TEXT_COMMANDS = frozenset({"list", "check", "play", "history", "report", "graph", "progress", "room"})


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as build_parser() reads it. `litige` with only the game's own options
    (the usual case, and the one whose start a player waits for) is read by a parser of those
    options alone: the full parser, with its fourteen subparsers and the command modules it
    imports, takes 7 ms. Anything else (a command, help, an abbreviation, an error) goes to the
    full parser, so messages and help are its own."""
    quick = argparse.ArgumentParser(prog="litige", add_help=False, allow_abbrev=False, exit_on_error=False)
    add_game_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        rest = ["(an error: the full parser says it)"]
    if rest:
        return build_parser().parse_args(argv)
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings.resolve(args, os.environ)  # once: every command and the game are given it
    if getattr(args, "command", None) in TEXT_COMMANDS:
        from simulator.lang.plaintext import VisibleStream
        out, err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
        try:
            return _run(args, settings)
        finally:
            sys.stdout, sys.stderr = out, err
    return _run(args, settings)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        code: int = args.handler(args, settings)
        return code
    except ScenarioError as exc:
        from simulator.authoring.checker import report_lines
        file = exc.problems[0].file if exc.problems else ""
        for line in report_lines(exc.problems, file, settings.lang):
            print(line, file=sys.stderr)
        return 1
    except LitigeError as exc:
        print(f"litige: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
