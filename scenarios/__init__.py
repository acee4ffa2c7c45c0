"""The shipped scenarios, as package data: one `<id>.yaml` file per story."""

from __future__ import annotations

from pathlib import Path


def folder() -> Path:
    """The folder of the shipped files: this package's own (it is installed as plain files, so
    no importlib.resources, whose import alone costs the game's first frame ~10 ms)."""
    return Path(__file__).resolve().parent


def shipped() -> list[Path]:
    """Every shipped scenario file, sorted by id."""
    return sorted(folder().glob("*.yaml"))


def find(scenario_id: str) -> Path | None:
    """The shipped file of a scenario id, or None."""
    path = folder() / f"{scenario_id}.yaml"
    return path if path.is_file() else None
