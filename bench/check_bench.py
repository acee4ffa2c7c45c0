"""`litige check` against bare libyaml parsing of the same files, and the best-score search
on growing scenarios. Run: python bench/check_bench.py [--files 1000] [--nodes 50]

Target (issue 2): check ≤ 1.5× bare parsing; best-score search about linear on acyclic graphs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import scenario_yaml  # noqa: E402

from scoring.catalogue import load_catalogue  # noqa: E402
from simulator.analysis import best_score  # noqa: E402
from simulator.checker import check_paths  # noqa: E402
from simulator import yamldoc  # noqa: E402
from simulator.loader import load_text  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--nodes", type=int, default=50)
    args = ap.parse_args()
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.files):
            (folder / f"s{i:04d}.yaml").write_text(scenario_yaml(f"s{i:04d}", args.nodes, seed=i), encoding="utf-8")
        files = sorted(folder.glob("*.yaml"))
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def bare() -> None:
            for f in files:
                yaml.load(f.read_bytes(), Loader=loader)

        def check() -> None:
            reports = check_paths([folder], catalogue)
            assert all(not r.errors for r in reports), reports[0].errors[:3]

        # Alternate the two so that a change of load on the machine hits both alike.
        t_bare = t_check = float("inf")
        for _ in range(3):
            t_bare, t_check = min(t_bare, timed(bare, 1)), min(t_check, timed(check, 1))
        print(f"check of {args.files} files × {args.nodes} nodes: bare libyaml {t_bare:.2f} s, "
              f"litige check {t_check:.2f} s, ratio {t_check / t_bare:.2f}× (target ≤ 1.5×)")

    weights = {p.id: p.weight for p in catalogue}
    # A 10,000-node scenario is ~10 MiB, past the 1 MiB limit for trainers' files: lift it here.
    yamldoc.MAX_BYTES = 1 << 30
    print("best-score search (exact unless noted):")
    for acyclic in (True, False):
        per_node = []
        for n in (100, 1_000, 10_000):
            s = load_text(scenario_yaml("big", n, seed=n, acyclic=acyclic), "big.yaml", catalogue.ids())
            t = timed(lambda: best_score(s, weights), repeat=3)
            b = best_score(s, weights)
            per_node.append(t / n)
            print(f"  {'acyclic' if acyclic else 'cyclic '} {n:>6} nodes: {t * 1000:8.1f} ms, best {b.raw}"
                  f"{'' if b.exact else ' (upper bound)'}, {b.states} states expanded")
        growth = per_node[-1] / per_node[0]
        print(f"  {'acyclic' if acyclic else 'cyclic'}: time per node at 10,000 vs 100 nodes: {growth:.2f}× "
              "(1.0 = linear)")


if __name__ == "__main__":
    main()
