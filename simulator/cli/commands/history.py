"""`litige history`: the plays stored in the results database, the most recent first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("history", help="the stored plays, most recent first")
    from simulator.cli.commands.results_common import filter_options
    filter_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON array")
    common.db(p)
    common.lang(p)
    p.set_defaults(handler=cmd_history)


def cmd_history(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from dataclasses import asdict

    from simulator.results.reports import history_text, parse_since
    from simulator.results.store import Store

    since = parse_since(args.since)
    from simulator.cli.commands.results_common import check_scenario, rescore
    rescore(settings.db)
    with Store.open(settings.db, readonly=True) as store:
        check_scenario(store, args.scenario)
        rows = store.history(args.trainee, args.scenario, since=since)
        matched = store.matching_trainees(args.trainee) if args.trainee is not None else None
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        print(history_text(rows, settings.lang), end="")
    if matched is not None:
        # which stored names --trainee selected (a name's start, case and accents aside): on
        # stderr, so that the JSON array stays the whole of stdout
        import sys

        from simulator.results.reports import matched_line
        print(matched_line(args.trainee, matched, settings.lang), file=sys.stderr)
    from simulator.cli.commands.results_common import left_out
    return left_out(store)
