"""`litige graph SCENARIO`: the scenario as a map (Mermaid or Graphviz DOT), endings and principles shown."""

from __future__ import annotations

import argparse
from pathlib import Path

FORMATS = ("mermaid", "dot")


def register(sub: argparse._SubParsersAction, common) -> None:
    p = sub.add_parser("graph", help="draw a scenario as a graph (Mermaid or Graphviz DOT)")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped id or a YAML file")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="mermaid (default) or dot; with --out FILE.dot or .gv, dot")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write to FILE instead of printing (a .md file gets a ```mermaid block)")
    p.add_argument("--choices", default=None, metavar="2,1,t",
                   help="mark the path of this play (1-based picks, as for `litige play`)")
    common.lang(p)
    p.set_defaults(handler=cmd_graph)


def cmd_graph(args: argparse.Namespace) -> int:
    from simulator.cli import load_scenario
    from simulator.errors import LitigeError
    from simulator.graph import build, dot, mermaid

    scenario = load_scenario(args.scenario)
    fmt = args.format
    if fmt is None:
        fmt = "dot" if args.out and Path(args.out).suffix in (".dot", ".gv") else "mermaid"
    path: list[tuple[str, str | None]] = []
    if args.choices:
        from simulator.engine import play_script
        record = play_script(scenario, args.choices, lang=args.lang).record
        path = [(s.node, None if s.timed_out else s.chosen) for s in record.steps]
    graph = build(scenario, args.lang, path=path)
    text = mermaid(graph) if fmt == "mermaid" else dot(graph)
    if args.out is None:
        print(text, end="")
        return 0
    out = Path(args.out)
    if fmt == "mermaid" and out.suffix == ".md":
        text = f"```mermaid\n{text}```\n"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LitigeError(f"cannot write {out}: {exc.strerror or exc}") from None
    return 0
