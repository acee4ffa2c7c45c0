"""Shared test helpers. The repository root goes first on sys.path so that a checkout (or a
git worktree) is tested as it stands, even when another copy of litige is installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None,
            cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m simulator.cli ARGS` as a user would, in a subprocess."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "simulator.cli", *args], capture_output=True, text=True,
                          env=full_env, input=input, cwd=cwd or ROOT, timeout=timeout)


def play_json(scenario: str, choices: str, *extra: str) -> dict:
    """`litige play SCENARIO --choices CHOICES --json`, parsed; fails the test on a non-zero exit."""
    proc = run_cli("play", scenario, "--choices", choices, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def cli():
    return run_cli
