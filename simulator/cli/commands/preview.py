"""`litige preview FILE`: play a scenario file in the game, reloaded each time it is saved."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("preview", help="play a scenario file in the game; it reloads each time the file is saved")
    p.add_argument("file", metavar="FILE", help="the scenario's YAML file")
    common.lang(p)
    p.set_defaults(handler=cmd_preview)


def cmd_preview(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.format.errors import LitigeError

    path = Path(args.file)
    if not path.exists():
        raise LitigeError(f"no such file: {path}")
    if not path.is_file():  # a FIFO would block the reload, a device never end: refused at once
        from simulator.format.yaml_reader import read_file
        refused = read_file(path)
        why = refused.message if not isinstance(refused, bytes) else "not a regular file"
        raise LitigeError(f"{path}: {why}")
    from simulator.tui.preview import run
    return run(path, lang=settings.lang)
