"""bench/tui_bench.py runs end to end (one short round) and prints its five ratios (key → node in
exam and in coach mode, and the profile of a trainee with 500 plays against the library's first frame).

No timing is asserted here (speed is judged by the bench's ratios, not by tests): only that
every child process ran the game and its baseline and that the report is complete."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_tui_bench_reports_its_ratios_coach_mode_included(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "tui_bench.py"), "--repeat", "1", "--keys", "3"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]  # 1: a ratio over its target, still a full report
    lines = {m.group(1): float(m.group(2))
             for m in re.finditer(r"^\s+(first_frame|key_to_node|key_to_node_coach|peak_rss|profile)\s.*ratio ([0-9.]+)×", proc.stdout, re.M)}
    assert set(lines) == {"first_frame", "key_to_node", "key_to_node_coach", "peak_rss", "profile"}, proc.stdout
    assert all(r > 0 for r in lines.values())
