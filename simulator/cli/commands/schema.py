"""`litige schema`: the JSON Schema of `litige/1`, for editors with a YAML language server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of scenario files (for editors)")
    p.add_argument("--out", metavar="FILE", default=None, help="write it to FILE instead of printing it")
    p.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.authoring.schema import packaged_schema_path
    from simulator.format.errors import LitigeError

    text = packaged_schema_path().read_text(encoding="utf-8")
    if args.out is None:
        print(text, end="")
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LitigeError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    return 0
