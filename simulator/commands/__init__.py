"""Subcommands contributed by feature modules.

Each module listed in MODULES defines `register(sub, common)`, where `sub` is argparse's
subparsers object and `common` a `Common` helper holding the shared options (language, database).
Modules must import heavy things (Textual, sqlite work) inside their handlers, not at import,
so that every command starts fast.
"""

from __future__ import annotations

MODULES: tuple[str, ...] = (
    "simulator.commands.serve",
    "simulator.commands.room",
    "simulator.commands.history",
    "simulator.commands.progress",
    "simulator.commands.report",
    "simulator.commands.export",
    "simulator.commands.push",
    "simulator.commands.graph",
    "simulator.commands.schema",
    "simulator.commands.new",
    "simulator.commands.preview",
    "simulator.commands.twee",
)
