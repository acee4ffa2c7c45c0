"""`litige report`: the group's figures — plays, pass rate, mean score, how often each principle
was missed or violated, the distribution of choices at each node, and the group's learning gain
(first play against best later play, scoring/gain.py)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.cli.commands.results_common import filter_options

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings
    from simulator.results.reports import Report
    from simulator.results.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("report", help="aggregate results: pass rate, principles missed or violated, choices per node")
    filter_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    common.db(p)
    common.lang(p)
    p.set_defaults(handler=cmd_report)


def build(args: argparse.Namespace, settings: Settings, store: Store | None = None) -> Report:
    """The Report for these arguments, from `store` (`litige export` passes the one it has
    open, whose --scenario it checked), else from the database the arguments name."""
    from scoring.catalogue import load_catalogue
    from simulator.cli.commands.results_common import check_scenario, filters
    from simulator.results.reports import build_report, parse_since
    from simulator.results.shipped import load_scenarios
    from simulator.results.store import Store

    if store is None:
        from simulator.cli.commands.results_common import rescore
        rescore(settings.db)
        with Store.open(settings.db, readonly=True) as store:
            check_scenario(store, args.scenario)
            return build(args, settings, store)
    from scoring.gain import compute_gain
    since, trainee = parse_since(args.since), getattr(args, "trainee", None)
    agg = store.aggregate(scenario=args.scenario, since=since, trainee=trainee)
    gain = compute_gain(store.attempts(scenario=args.scenario, since=since, trainee=trainee))
    matched = store.matching_trainees(trainee) if trainee is not None else None
    return build_report(agg, load_scenarios(agg.scenarios), load_catalogue(), settings.lang, filters(args),
                        gain=gain, matched=matched)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from simulator.cli.commands.results_common import check_scenario, left_out, rescore
    from simulator.results.reports import report_dict, report_text
    from simulator.results.store import Store
    rescore(settings.db)
    with Store.open(settings.db, readonly=True) as store:
        check_scenario(store, args.scenario)
        report = build(args, settings, store)
    if args.json:
        print(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
    else:
        print(report_text(report), end="")
    return left_out(store)
