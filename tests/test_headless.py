"""The core stays usable headless: importing it must not import Textual."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

from conftest import ROOT

import scoring
import simulator


def core_modules() -> list[str]:
    mods = ["scenarios", "scoring", "simulator"]
    for pkg in (scoring, simulator):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name.startswith("simulator.tui") or info.name.endswith(".__main__"):
                continue  # the TUI draws; a __main__ runs the program when imported
            mods.append(info.name)
    return mods


def test_core_modules_do_not_import_textual():
    mods = core_modules()
    assert "simulator.play.engine" in mods and "scoring.scorer" in mods and "simulator.cli.main" in mods
    code = ("import importlib, json, sys\n"
            f"for m in {mods!r}: importlib.import_module(m)\n"
            "print(json.dumps(sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
