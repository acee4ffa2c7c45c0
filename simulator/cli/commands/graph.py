"""`litige graph SCENARIO`: the scenario as a map (Mermaid or Graphviz DOT), endings and principles shown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.cli.commands import Common
    from simulator.game.settings import Settings

FORMATS = ("mermaid", "dot")
# --out FILE: the format its suffix means; an image suffix is rendered by Graphviz's `dot`
SUFFIX_FORMATS = {".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid", ".dot": "dot", ".gv": "dot"}
IMAGE_SUFFIXES = (".svg", ".png", ".pdf")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: Common) -> None:
    p = sub.add_parser("graph", help="draw a scenario as a graph (Mermaid or Graphviz DOT)")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped id or a YAML file")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="mermaid (default) or dot; with --out, the file's suffix says it")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="write to FILE instead of printing: .mmd or .md (a ```mermaid block) for Mermaid, "
                        ".dot or .gv for DOT, .svg, .png or .pdf drawn by Graphviz's dot when it is installed")
    p.add_argument("--choices", default=None, metavar="2,1,t",
                   help="mark the path of this play (1-based picks, as for `litige play`)")
    p.add_argument("--variant", metavar="ID", default=None,
                   help="with --choices: the variant (hidden facts) that play is played in; drawn at random if not given")
    common.lang(p)
    p.set_defaults(handler=cmd_graph)


def cmd_graph(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.authoring.graph import build, dot, mermaid
    from simulator.format.errors import LitigeError
    from simulator.format.scenario_ref import load_scenario

    fmt, image = output_format(args.format, args.out)
    scenario = load_scenario(args.scenario)
    path: list[tuple[str, str | None]] = []
    if args.choices:
        from simulator.play.engine import play_script
        record = play_script(scenario, args.choices, lang=settings.lang, variant=args.variant).record
        path = [(s.node, None if s.timed_out else s.chosen) for s in record.steps]
    graph = build(scenario, settings.lang, path=path)
    text = mermaid(graph) if fmt == "mermaid" else dot(graph)
    if args.out is None:
        print(text, end="")
        return 0
    out = Path(args.out)
    if image:
        return render(text, out)
    if fmt == "mermaid" and out.suffix.lower() == ".md":
        text = f"```mermaid\n{text}```\n"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LitigeError(f"cannot write {out}: {exc.strerror or exc}") from None
    return 0


def output_format(asked: str | None, out: str | None) -> tuple[str, bool]:
    """The text format to build (mermaid or dot) and whether the file is an image to render.
    A suffix that names a format must agree with --format: nothing is written in the wrong one."""
    from simulator.format.errors import LitigeError

    if out is None:
        return asked or "mermaid", False
    suffix = Path(out).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        if asked == "mermaid":
            raise LitigeError(f"{out}: litige draws {suffix} images with Graphviz (DOT), not Mermaid: "
                              "use --format dot, or a .mmd or .md file for Mermaid")
        return "dot", True
    implied = SUFFIX_FORMATS.get(suffix)
    if implied and asked and asked != implied:
        raise LitigeError(f"{out}: a {suffix} file is {implied}, not {asked}: change the suffix or --format")
    return asked or implied or "mermaid", False


def render(dot_text: str, out: Path) -> int:
    """Draw the DOT text into `out` (.svg, .png, .pdf) with Graphviz's `dot`, or say why not."""
    import shutil
    import subprocess

    from simulator.format.errors import LitigeError

    exe = shutil.which("dot")
    if exe is None:
        raise LitigeError(f"cannot draw {out}: it needs Graphviz's `dot` program, which is not installed; "
                          f"write a .dot file and draw it elsewhere, or use a .md file (Mermaid)")
    try:
        proc = subprocess.run([exe, f"-T{out.suffix.lower()[1:]}", "-o", str(out)], input=dot_text,
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LitigeError(f"cannot draw {out}: dot failed: {exc}") from None
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[0]
        raise LitigeError(f"cannot draw {out}: dot: {why}")
    return 0
