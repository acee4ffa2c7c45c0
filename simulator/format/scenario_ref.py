"""A scenario named on the command line: a shipped scenario's id or the path of a YAML file.

In the core, below the command line: the commands, the game and the workshop's pages all take a
scenario so named, and used to import this from simulator.cli.main (an import back up to the CLI,
and a cycle: the CLI imports the commands).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import scenarios
from simulator.format.errors import LitigeError, UnknownScenario

if TYPE_CHECKING:
    from simulator.format.model import Scenario


def resolve(ref: str) -> Path:
    """A shipped scenario id or a path to a YAML file."""
    shipped = scenarios.find(ref) if "/" not in ref and not ref.endswith((".yaml", ".yml")) else None
    if shipped:
        return shipped
    path = Path(ref)
    if path.is_file():
        return path
    if path.exists():  # a FIFO, a device, a folder: what check says of it (read_file does not block)
        from simulator.format.yaml_reader import read_file
        problem = read_file(path)
        if not isinstance(problem, bytes):
            raise LitigeError(f"{ref}: {problem.message}")
    ids = [p.stem for p in scenarios.shipped()]
    from simulator.format.fields import hint
    raise UnknownScenario(f"unknown scenario {ref!r}{hint(ref, ids)}: give a shipped id "
                          f"({', '.join(ids) or 'none'}) or the path of a YAML file")


def load_scenario(ref: str) -> Scenario:
    """The scenario `ref` names (resolve), loaded and validated."""
    from simulator.format.loader import load
    return load(resolve(ref))
