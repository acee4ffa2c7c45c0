"""`litige check` against bare libyaml parsing of the same files; the per-ending score analysis
(scoring.ranges.analyse) on those files and on growing scenarios; and a generated file whose
choices set and unset many flags in loops, the kind that once took minutes and gigabytes: its
time and peak RSS. Run: python bench/check_bench.py [--files 1000] [--nodes 50]

Targets (issues 2 and 13): check ≤ 1.5× bare parsing on 1,000 files; the analysis bounded in
states and seconds whatever the file (past its budget it says "not proven").
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PRINCIPLES, scenario_yaml  # noqa: E402

from scoring.catalogue import load_catalogue  # noqa: E402
from scoring.ranges import SECONDS_BUDGET, STATE_BUDGET, analyse  # noqa: E402
from scoring.scorer import weights_for  # noqa: E402
from simulator.authoring.checker import check_paths  # noqa: E402
from simulator.format import yaml_reader  # noqa: E402
from simulator.format.loader import load_text  # noqa: E402


def flag_loops_yaml(sid: str = "flag-loops", n_nodes: int = 20, seed: int = 0) -> str:
    """A scenario whose every choice sets one flag and unsets another (3·n distinct flags), with
    `next` anywhere among the nodes: loops everywhere, and 2^(3n) flag sets a search could meet.
    20 nodes make a ~14 KB file."""
    rnd = random.Random(seed)
    out = ["format: litige/1", f"id: {sid}", "title: {fr: Drapeaux en boucle, en: Flags in loops}", "pass_score: 50",
           "meters:", "  trust: {start: 50, label: {fr: Confiance, en: Trust}}", "start: n0", "nodes:"]
    for i in range(n_nodes):
        out += [f"  n{i}:", f"    text: {{fr: \"Le client insiste ({i}).\", en: \"The customer insists ({i}).\"}}",
                "    choices:"]
        for b in range(3):
            nxt = "fin" if (b == 2 and i % 4 == 3) else f"n{rnd.randrange(n_nodes)}"
            out += [f"      - text: {{fr: \"Réponse {b + 1} ({i})\", en: \"Answer {b + 1} ({i})\"}}",
                    f"        {'violates' if b == 1 else 'applies'}: [{rnd.choice(PRINCIPLES)}]",
                    "        feedback: {fr: Pourquoi., en: Why.}",
                    f"        effects: {{trust: {rnd.choice((-10, 5, 10))}}}",
                    f"        set: [f{i}-{b}]", f"        unset: [f{(i + 5) % n_nodes}-{(b + 1) % 3}]",
                    f"        next: {nxt}"]
            if b == 0 and i % 3 == 0:
                out.append(f"        when: \"not f{(i + 1) % n_nodes}-0\"")
    out += ["  fin:", "    text: {fr: Fin., en: The end.}", "    ending: {outcome: won, title: {fr: Fin, en: End}}"]
    return "\n".join(out) + "\n"


CLOCK = time.perf_counter  # --cpu: time.process_time (steadier on a machine shared with other work)


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = CLOCK()
        fn()
        runs.append(CLOCK() - t0)
    return min(runs)


# A child process measures one run from a fresh interpreter: its wall time and its peak RSS.
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
what, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if what == "analyse":
    from scoring.catalogue import load_catalogue
    from scoring.ranges import analyse
    from scoring.scorer import weights_for
    from simulator.format.loader import load
    c = load_catalogue()
    s = load(path, c.ids())
    t1 = time.perf_counter()
    a = analyse(s, weights_for(s, c))
    out = {{"proven": a.proven, "states": a.states, "seconds": time.perf_counter() - t1}}
else:
    import io, contextlib
    from simulator.cli.main import main
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        try:
            rc = main(["check", path])
        except SystemExit as exc:
            rc = exc.code
    out = {{"rc": rc, "not_proven": "not proven" in buf.getvalue(), "seconds": time.perf_counter() - t0}}
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a big parent would report the parent's
with open("/proc/self/status") as f:
    hwm = [line for line in f if line.startswith("VmHWM:")]
out["rss_mb"] = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(what: str, path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), what, str(path)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--nodes", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing (the best is kept)")
    ap.add_argument("--cpu", action="store_true", help="time in CPU seconds of this process, not wall-clock seconds")
    ap.add_argument("--skip-growth", action="store_true", help="skip the analysis of 100 to 10,000-node scenarios")
    args = ap.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
        print("times in CPU seconds")
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

        def check_without_ranges() -> None:  # the same check with the per-ending analysis stubbed out
            import simulator.authoring.checker as checker
            from scoring.ranges import Analysis
            real = checker.analyse
            checker.analyse = lambda *a, **k: Analysis(False, 0)
            try:
                check()
            finally:
                checker.analyse = real

        # Alternate the two so that a change of load on the machine hits both alike.
        t_bare = t_check = float("inf")
        for _ in range(args.repeat):
            t_bare, t_check = min(t_bare, timed(bare, 1)), min(t_check, timed(check, 1))
        print(f"check of {args.files} files × {args.nodes} nodes: bare libyaml {t_bare:.2f} s, "
              f"litige check {t_check:.2f} s, ratio {t_check / t_bare:.2f}× (target ≤ 1.5×)")
        t_rest = timed(check_without_ranges, args.repeat)
        print(f"  the same check without the per-ending analysis: {t_rest:.2f} s, ratio {t_rest / t_bare:.2f}×")
        import simulator.format.fields as fields
        typeset = fields.typeset
        fields.typeset = lambda text, *a, **k: text  # the texts as written, not typeset
        try:
            t_plain = timed(check_without_ranges, args.repeat)
        finally:
            fields.typeset = typeset
        print(f"  ...and without typesetting the texts (simulator.lang.typography): {t_plain:.2f} s, "
              f"ratio {t_plain / t_bare:.2f}×")

        # The per-ending analysis of the same files, alone (check runs it once per file).
        scens = [load_text(f.read_bytes(), f.name, catalogue.ids()) for f in files]
        weights = [weights_for(s, catalogue) for s in scens]
        results = []

        def analyse_all() -> None:
            results.clear()
            results.extend(analyse(s, w) for s, w in zip(scens, weights))
        t_an = timed(analyse_all, args.repeat)
        proven = sum(a.proven for a in results)
        states = sum(a.states for a in results)
        endings = sum(len(a.endings()) for a in results)
        print(f"  per-ending analysis of those files alone: {t_an:.2f} s ({t_an / t_check:.0%} of check, "
              f"{t_an / len(scens) * 1000:.2f} ms a file), {proven}/{len(scens)} proven, {states} states, "
              f"{endings} ending ranges")

    # A 10,000-node scenario is ~10 MiB, past the 1 MiB limit for trainers' files: lift it here.
    yaml_reader.MAX_BYTES = 1 << 30
    if not args.skip_growth:
        print(f"per-ending analysis on growing scenarios (budget {STATE_BUDGET} states, {SECONDS_BUDGET:g} s):")
        for acyclic in (True, False):
            for n in (100, 1_000, 10_000):
                s = load_text(scenario_yaml("big", n, seed=n, acyclic=acyclic), "big.yaml", catalogue.ids())
                w = weights_for(s, catalogue)
                a = analyse(s, w)
                t = timed(lambda: analyse(s, w), repeat=1 if n >= 10_000 else 3)  # noqa: B023 (timed here)
                ranges = ", ".join(f"{e} {r.lo:g}–{r.hi:g}" if r.lo is not None else f"{e} –"
                                   for e, r in sorted(a.endings().items()))
                print(f"  {'acyclic' if acyclic else 'cyclic '} {n:>6} nodes: {t * 1000:8.1f} ms, {a.states} states, "
                      f"{'proven' if a.proven else 'NOT PROVEN (budget)'}; {ranges}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flag-loops.yaml"
        text = flag_loops_yaml()
        path.write_text(text, encoding="utf-8")
        a = child("analyse", path)
        c = child("check", path)
        print(f"flag-heavy looping file ({len(text.encode()) / 1024:.1f} KB, 20 nodes, 60 flags set and unset in "
              f"loops): analyse {a['seconds']:.2f} s, {a['states']} states, "
              f"{'proven' if a['proven'] else 'not proven'}, peak RSS {a['rss_mb']:.0f} MB; "
              f"litige check {c['seconds']:.2f} s (exit {c['rc']}, says 'not proven': {c['not_proven']}), "
              f"peak RSS {c['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
