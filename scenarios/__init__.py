"""The shipped scenarios, as package data: one `<id>.yaml` file per story."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def folder() -> Path:
    return Path(str(resources.files(__name__)))


def shipped() -> list[Path]:
    """Every shipped scenario file, sorted by id."""
    return sorted(folder().glob("*.yaml"))


def find(scenario_id: str) -> Path | None:
    """The shipped file of a scenario id, or None."""
    path = folder() / f"{scenario_id}.yaml"
    return path if path.is_file() else None
