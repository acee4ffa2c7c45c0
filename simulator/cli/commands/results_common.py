"""Shared by history, report, export and push: filters, the scenarios behind stored plays, and
the plays that cannot be read."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.results.shipped import load_scenarios

if TYPE_CHECKING:
    from simulator.game.settings import Settings
    from simulator.results.store import Store

# The exit code of a reading command (history, report, export, room, push) that did its work
# but left out plays it could not read (rows damaged inside the database): each is named on
# stderr, every other play is shown, exported or sent. Not 0, so that a script (a nightly
# export) notices what is missing; not 1 or 2 (an invalid scenario, an error: nothing done).
EXIT_PARTIAL = 3


def left_out(store: Store) -> int:
    """Name on stderr, one line each, the plays `store` left out because they cannot be read
    (Store.damaged); the exit code: EXIT_PARTIAL if there were any, else 0."""
    import sys

    from simulator.lang.plaintext import visible
    for play_id, why in store.damaged.items():
        print(visible(f"litige: warning: {store.path}: play {play_id} cannot be read ({why}); left out"),
              file=sys.stderr)
    return EXIT_PARTIAL if store.damaged else 0


def filter_options(p: argparse.ArgumentParser, *, trainee: bool = True) -> None:
    p.add_argument("--scenario", metavar="ID", default=None, help="only this scenario's plays")
    p.add_argument("--since", metavar="DATE", default=None,
                   help="only plays started since: 2026-11-25, 2026-11-25T09:00 (local time) or today")
    if trainee:
        p.add_argument("--trainee", metavar="NAME", default=None, help="only this trainee's plays")


def xapi_base_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--xapi-base", metavar="IRI", default=None,
                   help="xAPI: the IRI under which activity ids and the trainees' accounts are made, e.g. "
                        "https://lms.example.com/litige (default: $LITIGE_XAPI_BASE, else https://litige.example/xapi)")


def xapi_base(settings: Settings) -> str:
    """The activity base IRI given by --xapi-base or $LITIGE_XAPI_BASE (Settings.xapi_base),
    checked, else the default."""
    from simulator.format.errors import LitigeError
    from simulator.results.xapi import BASE, check_base
    if not settings.xapi_base:
        return BASE
    try:
        return check_base(settings.xapi_base)
    except ValueError as exc:
        raise LitigeError(f"--xapi-base: {exc}") from None


def filters(args: argparse.Namespace) -> dict[str, str]:
    """The filters given, as words for the report's header."""
    return {k: v for k, v in (("scenario", args.scenario), ("since", args.since),
                              ("trainee", getattr(args, "trainee", None))) if v}


def rescore(db: str | None) -> None:
    """Before results are read: the plays of the database scored by the first rules are scored
    again by the current ones where their scenario still has their steps (simulator/results/rescore.py).
    A database that cannot be written, or does not exist, is left as it is: the reading command
    then shows those plays as scored by the first rules."""
    from simulator.format.errors import LitigeError
    from simulator.results.rescore import rescore_first_rules
    from simulator.results.store import Store
    try:
        # read-only first: a database with no such play is neither written nor migrated on disk
        with Store.open(db, readonly=True, must_exist=True) as store:
            if not store.has_first_rule_plays():
                return
        with Store.open(db, must_exist=True) as store:
            rescore_first_rules(store, load_scenarios)
    except LitigeError:
        return


def check_scenario(store: Store, scenario_id: str | None) -> None:
    """An unknown --scenario is one clear line (with a did-you-mean), not an empty report: the id
    must be a shipped scenario's or one that plays in this database were played on."""
    if not scenario_id:
        return
    import scenarios
    from simulator.format.errors import LitigeError
    from simulator.format.fields import hint
    if scenarios.find(scenario_id) is not None:
        return
    stored = store.scenario_ids()
    if scenario_id in stored:
        return
    known = sorted({p.stem for p in scenarios.shipped()} | set(stored))
    raise LitigeError(f"--scenario {scenario_id!r}: unknown scenario{hint(scenario_id, known)} "
                      f"(neither shipped nor played in {store.path})")
