"""`litige push`: send the xAPI statements of finished plays to an LRS, in batches, from the
outbox. A failed push keeps them there; a later one delivers each exactly once."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("push", help="send finished plays to an LRS as xAPI statements")
    p.add_argument("--lrs", metavar="URL", default=None,
                   help="the LRS's xAPI endpoint, e.g. https://lrs.example/xAPI/; a user:password@ written in it "
                        "is sent as HTTP Basic credentials, and the address shown with the password masked "
                        "(default: $LITIGE_LRS)")
    p.add_argument("--user", default=None,
                   help="HTTP Basic user (default: the address's, else $LITIGE_LRS_USER)")
    p.add_argument("--password", default=None,
                   help="HTTP Basic password (default: the address's, else $LITIGE_LRS_PASSWORD)")
    p.add_argument("--batch", type=int, default=200, metavar="N", help="statements per request (default: 200)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="the most one request to the LRS may take, whole: connection, answer and all "
                        "(default: 60)")
    from simulator.cli.commands.results_common import xapi_base_option
    xapi_base_option(p)
    common.db(p)
    p.set_defaults(handler=cmd_push)


def cmd_push(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from simulator.cli.commands.results_common import xapi_base
    from simulator.format.errors import LitigeError
    from simulator.lang.plaintext import visible
    from simulator.results.lrs import DEADLINE, LRS, masked, split_credentials
    from simulator.results.push import push
    from simulator.results.store import Store

    access = settings.lrs  # the address and credentials, each from its option or the environment
    if access is None or not access.address:
        raise LitigeError("push needs the LRS address: --lrs URL (or $LITIGE_LRS)")
    address = access.address
    url, _, _ = split_credentials(address)  # the credentials written in it: access.user, access.password
    shown = masked(address)  # the address as it may be printed: never its password
    if not url.startswith(("http://", "https://")):
        raise LitigeError(f"--lrs {shown!r}: give an http:// or https:// address")
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(url)
        if not parts.hostname:
            raise ValueError("no host")
        parts.port  # noqa: B018 (raises on a port out of range or not a number)
        if parts.query or parts.fragment:  # /statements is appended to the address: it would follow them
            raise ValueError(f"a {'query (?…)' if parts.query else 'fragment (#…)'} has no place in it: "
                             "give the xAPI endpoint itself")
    except ValueError as exc:  # `http://[::1` (an IPv6 address left open), `http://`, `http://h:99999/`
        raise LitigeError(f"--lrs {shown!r} is not an address: {exc}") from None
    if args.batch < 1:
        raise LitigeError("--batch must be at least 1")
    timeout = DEADLINE if args.timeout is None else args.timeout
    if not 0 < timeout < 86_400:
        raise LitigeError("--timeout is in seconds, more than 0 and less than a day")
    base = xapi_base(settings)
    lrs = LRS(url, access.user, access.password, timeout=timeout)
    from simulator.cli.commands.results_common import rescore
    rescore(settings.db)
    with Store.open(settings.db, must_exist=True) as store:
        outcome = push(store, lrs, batch=args.batch, base=base)
    print(outcome.summary())
    from simulator.cli.commands.results_common import left_out
    partial = left_out(store)  # plays that cannot be read: named and not sent; the others are sent
    problem = outcome.problem()
    if problem:  # ids and play ids come from the database: shown as text, whatever it holds
        print(f"litige: error: {visible(problem)}", file=sys.stderr)
        return 1
    return partial
