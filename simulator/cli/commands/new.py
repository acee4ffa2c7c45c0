"""`litige new ID`: write a commented starter scenario that passes `litige check --strict`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("new", help="write a commented starter scenario, ID.yaml (and the editor schema beside it)")
    p.add_argument("id", metavar="ID", help="the new scenario's id: lowercase letters, digits, hyphens")
    p.add_argument("--out", metavar="DIR", default=".", help="folder to write into (default: the current folder)")
    common.lang(p)
    p.set_defaults(handler=cmd_new)


def cmd_new(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.authoring.schema import packaged_schema_path
    from simulator.authoring.starter import SCHEMA_NAME, starter
    from simulator.format.errors import LitigeError

    try:
        text = starter(args.id, settings.lang)
    except ValueError as exc:
        raise LitigeError(str(exc)) from None
    folder = Path(args.out)
    target = folder / f"{args.id}.yaml"
    if target.exists():
        raise LitigeError(f"{target} already exists: choose another id or folder (nothing was written)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as f:
            f.write(text)
        schema = folder / SCHEMA_NAME  # the file the starter's first line points editors to
        if not schema.exists():
            schema.write_text(packaged_schema_path().read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        raise LitigeError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(target)
    return 0
