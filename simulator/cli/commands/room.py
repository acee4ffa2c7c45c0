"""`litige room`: the facilitator's live screen of a workshop's plays."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("room", help="the facilitator's live view of a workshop: who plays, the room's choices, "
                                    "principles missed, scores")
    p.add_argument("--scenario", default=None, metavar="ID",
                   help="the scenario to tally (default: the one most played)")
    common.db(p)
    p.add_argument("--since", default=None, metavar="DATE",
                   help="only plays started since this date or time (today, or ISO: 2026-11-25, 2026-11-25T09:00); "
                        "default: every play in the database, earlier workshops included")
    p.add_argument("--anonymous", action="store_true", help="list participants as 'Participant N', not by name")
    p.add_argument("--interval", type=float, default=2.0, metavar="SECONDS", help="refresh period (default: 2)")
    p.add_argument("--once", action="store_true", help="print the room as text once and exit (no screen)")
    common.lang(p)
    p.set_defaults(handler=cmd_room)


def cmd_room(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.format.errors import LitigeError
    from simulator.results.reports import parse_since
    from simulator.workshop.room_source import StoreRoomSource

    if args.interval <= 0:
        raise LitigeError("--interval must be a positive number of seconds")
    since, lang = parse_since(args.since), settings.lang
    story = None  # a story file's scenario (`serve --scenario FILE`): its plays are stored under its id
    if args.scenario:
        import scenarios
        from simulator.format.scenario_ref import load_scenario, resolve
        if scenarios.find(args.scenario) != resolve(args.scenario):
            story = load_scenario(args.scenario)
            args.scenario = story.id
    from simulator.cli.commands.results_common import rescore
    rescore(settings.db)
    flag = getattr(args, "db", None)  # --db as given: a typo there must not show an empty room for ever
    if flag is not None and not Path(flag).expanduser().exists():  # ($LITIGE_DB's: the store says it)
        raise LitigeError(f"{flag}: no results database there yet (`litige serve --db {flag}` creates it)")
    source = StoreRoomSource.open(settings.db, since=since)
    if story is not None:
        source.know(story)
    try:
        if args.once:
            from simulator.workshop.room import build_room, render_text
            room = build_room(source.plays(), source.scenario, scenario=args.scenario, anonymous=args.anonymous,
                              lang=lang, principle_name=lambda pid: source.principle_name(pid, lang),
                              since=since)
            print(render_text(room, lang), end="")
        else:
            from simulator.tui.room import run
            crash = run(source, scenario=args.scenario, anonymous=args.anonymous, lang=lang,
                        interval=args.interval)
            if crash:
                return crash
    finally:
        source.close()
    from simulator.cli.commands.results_common import left_out
    return left_out(source.store)  # the plays the room could not read, named once the screen is gone
