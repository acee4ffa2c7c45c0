"""bench/serve_bench.py: a tiny room end to end (2 participants for a few seconds through a real
`litige serve`), and its lost-step count on a real SQLite file.

No speed is asserted (the bench's figures are read in bench/serve-notes.md): only that the room
ran, the report is whole, every step sent is on disk, and nothing was left running."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "serve_bench.py"


def bench_module():
    spec = importlib.util.spec_from_file_location("serve_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["serve_bench"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_two_participants_play_through_a_real_server_and_no_step_is_lost(tmp_path):
    out = tmp_path / "report.json"
    proc = subprocess.run([sys.executable, str(BENCH), "-n", "2", "--duration", "6", "--think", "0.5", "1",
                           "--json", str(out)], capture_output=True, text=True, cwd=tmp_path, timeout=90)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    r = json.loads(out.read_text())
    assert not r["errors"] and not r["mismatched"]
    assert r["steps_sent"] >= 2 and r["steps_stored"] == r["steps_sent"]
    assert r["lost_steps"] == 0 and r["extra_steps"] == 0
    for name in ("latency", "latency_step_drawn"):
        lat = r[name]
        assert lat["count"] == r["steps_sent"]
        assert 0 < lat["p50_ms"] <= lat["p95_ms"] <= lat["max_ms"]
    assert r["startup"]["count"] == 2
    assert r["games"]["count_peak"] == 2 and r["games"]["rss_mb_peak"] > 0 and r["games"]["cpu_s"] > 0
    assert r["server"]["rss_mb_peak"] > 0 and r["server"]["cpu_s"] > 0
    assert r["live_before_close"] == 2 and r["live_after_close"] == 0 and r["games_left"] == 0
    assert "key → screen update" in proc.stdout and "lost 0" in proc.stdout


def test_a_step_missing_on_disk_is_counted_lost(tmp_path):
    """The count reads the step rows on disk: one row taken out of a stored play is one step lost."""
    import sqlite3

    import scenarios
    from simulator.format.loader import load
    from simulator.results.store import Store
    from simulator.workshop.simulate import finished_play, steps

    sb = bench_module()
    db = tmp_path / "room.db"
    scenario = load(scenarios.find("shrunken-sweater"))
    with Store.open(db) as store:
        done = finished_play(scenario, seed=3, trainee="Bench 01", on_step=store.save_play)
        *_, going = steps(scenario, seed=5, trainee="Bench 01", stop_after=1)
        store.save_play(going)
        store.save_play(finished_play(scenario, seed=4, trainee="Bench 02"))
    stored = sb.stored_plays(db)
    assert [n for n, _ in stored["Bench 01"]] == [len(done.steps), 1]
    first, second = sb.Seat(1, "Bench 01"), sb.Seat(2, "Bench 02")
    first.play_steps, first.sent_steps = [len(done.steps), 1], len(done.steps) + 1
    second.play_steps = [stored["Bench 02"][0][0]]
    second.sent_steps = second.play_steps[0]
    assert sb.tally([first, second], stored)["lost_steps"] == 0

    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM steps WHERE play_id = ? AND idx = 0", (done.play_id,))
    conn.close()
    counted = sb.tally([first, second], sb.stored_plays(db))
    assert counted["lost_steps"] == 1 and counted["extra_steps"] == 0
    assert list(counted["mismatched"]) == ["Bench 01"]
