"""`litige check`: validate scenario files and report located errors and warnings.

Validity comes from the loader; the warnings here are about the scenario as a whole: nodes and
endings no play reaches, nodes with no way to an ending, choices whose guard never holds, plays
that guards leave stuck, a principle offered only once in a long scenario, a best play that
fails its own pass_score. Missing translations (`--lang`) are warned about by the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from scoring.catalogue import Catalogue
from scoring.scorer import best_for, scale
from simulator.analysis import can_end, has_cycle, reachable, shortest_steps
from simulator.errors import Problem
from simulator.guards import Not
from simulator.loader import parse
from simulator.model import Scenario
from simulator import collector
from simulator.reach import (LINT_BUDGET, WITNESS_BUDGET, Exploration, describe_box, describe_state, explore,
                             intervals, may_be_stuck, may_hold, meter_index, state_bound)


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


LONG_PLAY = 8  # decisions: a scenario is "long" when even its shortest play makes this many


def lint(scenario: Scenario, catalogue: Catalogue, *, budget: int = LINT_BUDGET) -> list[Problem]:
    """Warnings about a valid scenario as a whole (the table in docs/authoring.md, "litige check").

    Graph facts (ignoring guards) come first; then what guards change, from a complete search
    of the play states when it fits the budget, else from the interval boxes (a sound
    approximation: it may miss a guard that never holds, it never flags one that can)."""
    doc = scenario.doc
    file = str(scenario.path or "<text>")

    def warn(path: tuple, message: str, *, key: bool = True, col_offset: int = 0) -> Problem:
        if doc is None:
            return Problem(file, 1, 1, "warning", message)
        return doc.problem(path, message, key=key, severity="warning", col_offset=col_offset)

    out: list[Problem] = []
    seen = reachable(scenario)
    for nid, node in scenario.nodes.items():
        if nid not in seen:
            what = (f"ending {nid!r} is never reached: no play ends there, no choice or timeout leads to it"
                    if node.is_ending else f"node {nid!r} is never reached: no choice or timeout leads to it")
            out.append(warn(("nodes", nid), what))
    ends = can_end(scenario)
    for nid in scenario.nodes:
        if nid in seen and nid not in ends:
            out.append(warn(("nodes", nid), f"no ending can be reached from node {nid!r}: a play would be stuck"))
    out.extend(_guard_warnings(scenario, seen, ends, warn, budget))
    out.extend(_principle_warnings(scenario, warn))
    best = best_for(scenario, catalogue)
    if best.raw <= 0:  # true even of an upper bound
        out.append(warn(("nodes",), "no play can score above zero: give some choices principles they apply"))
    elif not best.exact:
        # The search stopped at its budget: its best is an upper bound and the plays it did not
        # reach may pass, so whether one can pass is unknown, not a fact to warn about (the
        # summary says so).
        pass
    elif best.not_lost is None:
        out.append(warn(("nodes",), "every play that can be found ends 'lost': no play can pass"))
    else:
        top = scale(best.not_lost, best.raw)
        if top < scenario.pass_score:
            out.append(warn(("pass_score",), f"the best play that does not end 'lost' scores {top:g}, "
                            f"below pass_score {scenario.pass_score}: no play can pass"))
    return out


def _guard_warnings(scenario: Scenario, seen: set[str], ends: set[str], warn, budget: int) -> list[Problem]:
    """Choices whose guard never holds, nodes and endings guards cut off, plays guards leave stuck."""
    if not any(c.when is not None for n in scenario.nodes.values() for c in n.choices):
        return []  # without guards, plays go wherever the graph goes: nothing more to say
    boxes = intervals(scenario)
    index = meter_index(scenario)
    suspects = frozenset(nid for nid, box in boxes.items() if may_be_stuck(scenario.nodes[nid], box, index))
    if state_bound(boxes) <= budget or has_cycle(scenario):
        # small enough to search completely (or guards may trap plays in a loop, which only a
        # complete search can tell): the exact states, within the budget
        found = explore(scenario, budget, keep_graph=True)
    elif suspects:
        # too many states to walk them all: look for a play stuck where the boxes say one may be
        found = explore(scenario, min(budget, WITNESS_BUDGET), suspects=suspects)
    else:  # the boxes alone answer
        found = Exploration(False, 0, frozenset(), frozenset(), frozenset())
    if found.complete:
        reached, offered = found.reached, found.offered
    else:
        reached = set(boxes)
        offered = {(nid, c.index) for nid in boxes for c in scenario.nodes[nid].choices
                   if c.when is None or may_hold(boxes[nid], c.when, index)}
    out: list[Problem] = []
    for nid, node in scenario.nodes.items():
        if nid in seen and nid not in reached:
            out.append(warn(("nodes", nid), (f"ending {nid!r} is never reached: no play ends there, the guards "
                                             "of the choices leading to it never hold"
                                             if node.is_ending else f"node {nid!r} is never reached: the guards "
                                             "of the choices leading to it never hold")))
    for nid, node in scenario.nodes.items():
        if nid not in reached:
            continue
        for c in node.choices:
            if c.when is None or (nid, c.index) in offered:
                continue
            path = ("nodes", nid, "choices", c.index, "when")
            why = describe_box(boxes[nid], c.when, scenario) if nid in boxes else ""
            quoted = scenario.doc is not None and scenario.doc.is_quoted(path)
            out.append(warn(path, f"the guard of choice {c.id!r} of node {nid!r} never holds in any play, so it "
                            f"is never offered: {c.when_source!r}" + (f" ({why})" if why else ""),
                            key=False, col_offset=1 if quoted else 0))
    for nid, node in scenario.nodes.items():
        # A guard whose negation holds nowhere in the node's box holds in every play that gets
        # there (the box contains every reachable state): it filters nothing, probably a slip.
        if nid not in reached or nid not in boxes:
            continue
        for c in node.choices:
            if c.when is None or may_hold(boxes[nid], Not(c.when), index):
                continue
            path = ("nodes", nid, "choices", c.index, "when")
            why = describe_box(boxes[nid], c.when, scenario)
            quoted = scenario.doc is not None and scenario.doc.is_quoted(path)
            out.append(warn(path, f"the guard of choice {c.id!r} of node {nid!r} holds in every play, so it "
                            f"changes nothing: {c.when_source!r}" + (f" ({why})" if why else ""),
                            key=False, col_offset=1 if quoted else 0))
    for nid, state in found.dead_ends.items():
        if nid in ends:  # graph-stuck nodes were reported above
            out.append(warn(("nodes", nid), f"a play can be stuck at node {nid!r}: no choice is offered there "
                            f"with {describe_state(state, scenario)} (add a choice without a guard, or a time limit)"))
    order = {nid: i for i, nid in enumerate(scenario.nodes)}
    for loop in found.loops:
        loop = tuple(sorted(loop, key=order.__getitem__))
        out.append(warn(("nodes", loop[0]), f"plays can loop for ever with no ending reachable through node"
                        f"{'s' if len(loop) > 1 else ''} {', '.join(repr(n) for n in loop)}: the guards never "
                        "let them out"))
    return out


def _principle_warnings(scenario: Scenario, warn) -> list[Problem]:
    """A principle only one node offers, in a scenario where every play is long."""
    shortest = shortest_steps(scenario)
    if shortest is None or shortest < LONG_PLAY:
        return []
    seen = reachable(scenario)
    where: dict[str, list[tuple[str, int]]] = {}
    for nid, node in scenario.nodes.items():
        if nid not in seen:
            continue
        for c in node.choices:
            for p in c.applies:
                spots = where.setdefault(p, [])
                if not spots or spots[-1][0] != nid:
                    spots.append((nid, c.index))
    out: list[Problem] = []
    for p, spots in where.items():
        if len(spots) == 1:
            nid, ci = spots[0]
            out.append(warn(("nodes", nid, "choices", ci, "applies"),
                            f"principle {p!r} is offered at one node only ({nid!r}), in a long scenario (every "
                            f"play makes at least {shortest} decisions): one answer decides its verdict; offer it "
                            "at another node too"))
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
        with collector.paused():  # the analyses build acyclic data only: see simulator.collector
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
    # Paused for the whole library, not file by file: each resume would start a collection
    # that walks every report kept so far, which makes a large library's check quadratic.
    with collector.paused():
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
