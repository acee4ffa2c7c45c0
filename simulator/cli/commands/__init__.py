"""Subcommands contributed by feature modules.

Each module listed in MODULES defines `register(sub, common)`, where `sub` is argparse's
subparsers object and `common` a `Common` helper holding the shared options (language, database),
and gives each subparser a `handler(args, settings)`: the parsed command line and the Settings
that main() built once from it, the environment and the saved choices (simulator/game/settings.py).
Modules must import heavy things (Textual, sqlite work) inside their handlers, not at import,
so that every command starts fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

MODULES: tuple[str, ...] = (
    "simulator.cli.commands.serve",
    "simulator.cli.commands.room",
    "simulator.cli.commands.history",
    "simulator.cli.commands.progress",
    "simulator.cli.commands.report",
    "simulator.cli.commands.export",
    "simulator.cli.commands.push",
    "simulator.cli.commands.graph",
    "simulator.cli.commands.schema",
    "simulator.cli.commands.new",
    "simulator.cli.commands.preview",
    "simulator.cli.commands.twee",
)


class Common:
    """Shared options for subcommands contributed by feature modules."""

    def __init__(self, lang_option: Callable[[argparse.ArgumentParser], None]):
        self.lang = lang_option

    @staticmethod
    def db(p: argparse.ArgumentParser, *, top: bool = False) -> None:
        # A subcommand's --db has no default of its own: argparse would otherwise overwrite the
        # value of `litige --db X COMMAND` with it and silently use another database.
        p.add_argument("--db", metavar="PATH", default=None if top else argparse.SUPPRESS,
                       help="results database (default: $LITIGE_DB, else litige.db in the user data directory)")
