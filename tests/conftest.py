"""Shared test helpers. The repository root goes first on sys.path so that a checkout (or a
git worktree) is tested as it stands, even when another copy of litige is installed."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# The game remembers its library's entries in the user's cache directory (simulator/game/library_cache.py):
# the tests' games, in this process and in the ones they start, use a cache of their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="litige-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None,
            cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m simulator.cli.main ARGS` as a user would, in a subprocess."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "simulator.cli.main", *args], capture_output=True, text=True,
                          env=full_env, input=input, cwd=cwd or ROOT, timeout=timeout)


def play_json(scenario: str, choices: str, *extra: str) -> dict:
    """`litige play SCENARIO --choices CHOICES --json`, parsed; fails the test on a non-zero exit."""
    proc = run_cli("play", scenario, "--choices", choices, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def needs(missing: str | None, env: str) -> pytest.MarkDecorator:
    """Mark tests that need a system tool (tmux, Graphviz, Chromium...). `missing` is None when
    the tool is there, else why it is not. Where it is missing, the tests are skipped with that
    reason, except when the environment variable `env` is set (.ci/run sets it after
    installing the tool): then they fail, so that CI cannot skip them unnoticed."""
    return pytest.mark.litige_needs(missing=missing, env=env)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "litige_needs(missing, env): a system tool the test needs (see needs())")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("litige_needs"):
        missing, env = mark.kwargs["missing"], mark.kwargs["env"]
        if missing:
            if os.environ.get(env):
                pytest.fail(f"{env} is set but {missing}", pytrace=False)
            pytest.skip(missing)


def assert_debrief_names_violated(scenario: str, choices: str, lang: str, *principles: str) -> None:
    """`litige play` prints a text debrief that names each principle as violated, in words:
    its catalogue name in `lang`, with the ✗ symbol and the translated verdict."""
    from scoring.catalogue import load_catalogue
    from simulator.lang.i18n import t
    proc = run_cli("play", scenario, "--choices", choices, "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    catalogue = load_catalogue()
    for pid in principles:
        name = catalogue[pid].name.get(lang)
        assert f"✗ {name} — {t('verdict.violated', lang)}" in proc.stdout, (pid, name)


@pytest.fixture
def cli():
    return run_cli
