"""`litige check`: validate scenario files and report located errors and warnings.

Validity comes from the loader; the warnings here are about the scenario as a whole (nodes no
play reaches, nodes with no way to an ending, a best play that fails its own pass_score).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from scoring.catalogue import Catalogue
from scoring.scorer import best_for, scale
from simulator.analysis import can_end, reachable
from simulator.errors import Problem
from simulator.loader import parse
from simulator.model import Scenario
from simulator.yamldoc import collector_paused


@dataclass
class FileReport:
    path: Path
    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)
    id_at: tuple[int, int] = (1, 1)  # where the scenario's id stands, for duplicate-id messages

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and every .yaml/.yml file under folders, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            out.append(p)
    return out


def lint(scenario: Scenario, catalogue: Catalogue) -> list[Problem]:
    """Warnings about a valid scenario as a whole."""
    doc = scenario.doc
    file = str(scenario.path or "<text>")

    def warn(path: tuple, message: str) -> Problem:
        if doc is None:
            return Problem(file, 1, 1, "warning", message)
        return doc.problem(path, message, key=True, severity="warning")

    out: list[Problem] = []
    seen = reachable(scenario)
    for nid in scenario.nodes:
        if nid not in seen:
            out.append(warn(("nodes", nid), f"node {nid!r} is never reached: no choice or timeout leads to it"))
    ends = can_end(scenario)
    for nid in scenario.nodes:
        if nid in seen and nid not in ends:
            out.append(warn(("nodes", nid), f"no ending can be reached from node {nid!r}: a play would be stuck"))
    best = best_for(scenario, catalogue)
    if best.raw <= 0:
        out.append(warn(("nodes",), "no play can score above zero: give some choices principles they apply"))
    elif best.not_lost is None:
        out.append(warn(("nodes",), "every play that can be found ends 'lost': no play can pass"))
    else:
        top = scale(best.not_lost, best.raw)
        if top < scenario.pass_score:
            out.append(warn(("pass_score",), f"the best play that does not end 'lost' scores {top:g}, "
                            f"below pass_score {scenario.pass_score}: no play can pass"))
    return out


def check_file(path: Path, catalogue: Catalogue, *, lang: str | None = None) -> FileReport:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return FileReport(path, None, [Problem(str(path), 1, 1, "error", f"cannot read file: {exc.strerror or exc}")])
    scenario, problems = parse(raw, str(path), catalogue.ids(), check_lang=lang)
    report = FileReport(path, scenario, list(problems))
    if scenario is not None:
        object.__setattr__(scenario, "path", path)
        with collector_paused():  # the analyses build acyclic data only: see collector_paused
            report.problems.extend(lint(scenario, catalogue))
        report.problems.sort()
        if scenario.doc is not None:
            report.id_at = scenario.doc.at(("id",))
        # The YAML node tree kept for locating messages is large and a library check keeps
        # hundreds of reports: each lets go of it once its file is linted (derived facts
        # cached on the scenario, such as its best score, are kept).
        object.__setattr__(scenario, "doc", None)
    return report


def check_paths(paths: Iterable[str | Path], catalogue: Catalogue, *, lang: str | None = None) -> list[FileReport]:
    reports = [check_file(p, catalogue, lang=lang) for p in scenario_files(paths)]
    by_id: dict[str, Path] = {}
    for r in reports:
        if r.scenario is None:
            continue
        first = by_id.setdefault(r.scenario.id, r.path)
        if first != r.path:
            line, col = r.id_at
            r.problems.append(Problem(str(r.path), line, col, "error",
                                      f"scenario id {r.scenario.id!r} is already used by {first}"))
    return reports
