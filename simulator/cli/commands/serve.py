"""`litige serve`: the game for a room of trainees, in their browsers (textual-serve)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings
    from simulator.workshop.plain_play import PlainPlay


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("serve", help="serve the game to a workshop's browsers (one process per participant)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for the room's network)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    common.db(p)
    p.add_argument("--code", default=None, help="join code participants must give (default: a random one)")
    p.add_argument("--max-participants", type=int, default=40, metavar="N",
                   help="most game processes at once; the next one is told the room is full (default: 40)")
    p.add_argument("--scenario", default=None, metavar="ID|FILE",
                   help="the scenario everyone plays: a shipped id or a YAML file, checked now (default: they choose)")
    p.add_argument("--coach", action="store_true",
                   help="coach mode: each choice's feedback shown right after it (default: off, as an exam)")
    p.add_argument("--plain", action="store_true",
                   help="the join link opens the accessible page (line mode as HTML text, for screen readers and "
                        "keyboards); the terminal page stays at /terminal (default: the terminal page, which links "
                        "to the accessible one at /plain)")
    common.lang(p)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.format.errors import LitigeError
    from simulator.workshop.entry_rules import Gate, new_code, valid_code

    if args.code is not None and (why := valid_code(args.code)):
        raise LitigeError(why)
    if args.max_participants < 1:
        raise LitigeError("--max-participants must be at least 1")
    if not 0 < args.port < 65536:
        raise LitigeError(f"--port {args.port} is not a port number (1-65535)")
    scenario = served_scenario(args.scenario) if args.scenario else None
    from simulator.results.store import Store, default_db_path
    db = str(Path(settings.db or default_db_path()).expanduser().resolve())  # one database for all, named explicitly
    Store.open(db).close()                    # a bad path fails here, not in each browser

    from simulator.workshop.game_command import child_command
    from simulator.workshop.server import WorkshopServer
    gate = Gate(code=args.code or new_code(), max_participants=args.max_participants)
    lang = settings.lang
    command = child_command(db=db, lang=lang, scenario=scenario,
                            no_timers=settings.no_timers, coach=bool(getattr(args, "coach", False)))

    def plain_seat() -> PlainPlay:  # the accessible page's sessions, in this process (workshop/plain.py)
        from simulator.workshop.plain_play import PlainPlay
        return PlainPlay(lang=lang, db=db, scenario=scenario, coach=bool(getattr(args, "coach", False)))
    server = WorkshopServer(command, gate, host=args.host, port=args.port, db=db, plain=plain_seat,
                            plain_first=bool(getattr(args, "plain", False)), lang=lang)
    try:
        server.serve()
    except OSError as exc:
        raise LitigeError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0


def served_scenario(ref: str) -> str:
    """What each participant's game is told to play: a shipped id as it is, or a story file's
    absolute path once it loads (its problems are the loader's located lines, printed now and
    not in every browser; an unknown id or a missing file is one line)."""
    import scenarios
    from simulator.format.errors import LitigeError
    from simulator.format.loader import load
    from simulator.format.scenario_ref import resolve
    path = resolve(ref)
    if scenarios.find(ref) == path:
        return ref
    scenario = load(path)
    shipped = scenarios.find(scenario.id)
    if shipped is not None:
        if shipped.resolve() == path.resolve():
            return scenario.id
        raise LitigeError(f"{path}: its id {scenario.id!r} is a shipped story's: give the file an id of its own")
    return str(path.resolve())
