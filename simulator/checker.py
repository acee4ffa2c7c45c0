"""`litige check`: validate scenario files and report located errors and warnings.

Validity comes from the loader; the warnings here are about the scenario as a whole: nodes and
endings no play reaches, nodes with no way to an ending, choices whose guard never holds, plays
that guards leave stuck, a principle offered only once in a long scenario, a best play that
fails its own pass_score; and, by the scoring rules of 2026-12 (proven by `scoring.ranges`),
endings whose outcome contradicts the score of a play reaching them (`ending-score`), states
that leave only faults to choose from (`no-good-choice`), and best answers given away by their
length (`length-cue`) or their position (`position-cue`). Missing translations (`--lang`) are
warned about by the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from scoring.catalogue import Catalogue
from scoring.ranges import Analysis, analyse
from scoring.scorer import choice_value, weights_for
from simulator.analysis import can_end, has_cycle, reachable, shortest_steps
from simulator.errors import Problem
from simulator.guards import Not
from simulator.loader import parse
from simulator.model import Scenario
from simulator.yamldoc import read_file
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


# Problems a report lists per file; the rest are counted ("… and N more"): a file of 137,000
# unknown keys printed 12 MB.
REPORTED = 200


def reported(problems: Sequence[Problem]) -> tuple[Sequence[Problem], int]:
    """The problems of one file to list (the first REPORTED, in order) and how many more there are."""
    return problems[:REPORTED], max(0, len(problems) - REPORTED)


def report_lines(problems: Sequence[Problem], file: str | Path, lang: str) -> list[str]:
    """The lines that list one file's problems: the first REPORTED, then "… and N more"."""
    from simulator.i18n import fmt_number, t
    shown, more = reported(problems)
    lines = [str(p) for p in shown]
    if more:
        lines.append(t("check.more", lang, n=fmt_number(more, lang, 0), count=more, file=file))
    return lines


LONG_PLAY = 8  # decisions: a scenario is "long" when even its shortest play makes this many


def analysis_of(scenario: Scenario, catalogue: Catalogue) -> Analysis:
    """The score ranges of the scenario's endings; computed once and kept on the scenario."""
    cached = scenario.__dict__.get("_analysis")
    if cached is None:
        cached = scenario.__dict__["_analysis"] = analyse(scenario, weights_for(scenario, catalogue))
    return cached


def lint(scenario: Scenario, catalogue: Catalogue, *, budget: int = LINT_BUDGET) -> list[Problem]:
    """Warnings about a valid scenario as a whole (the table in docs/authoring.md, "litige check").

    Graph facts (ignoring guards) come first; then what guards change, from a complete search
    of the play states when it fits the budget, else from the interval boxes (a sound
    approximation: it may miss a guard that never holds, it never flags one that can)."""
    doc = scenario.doc
    file = str(scenario.path or "<text>")

    def warn(path: tuple, message: str, *, key: bool = True, col_offset: int = 0, code: str = "") -> Problem:
        if doc is None:
            return Problem(file, 1, 1, "warning", message, code)
        p = doc.problem(path, message, key=key, severity="warning", col_offset=col_offset)
        return Problem(p.file, p.line, p.col, p.severity, p.message, code)

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
    out.extend(_score_warnings(scenario, analysis_of(scenario, catalogue), warn))
    out.extend(_cue_warnings(scenario, weights_for(scenario, catalogue), seen, warn))
    return out


def _picks(play: tuple[str, ...]) -> str:
    return ",".join(play) if play else "(no decision)"


def _score_warnings(scenario: Scenario, analysis: Analysis, warn) -> list[Problem]:
    """What the proven score ranges say: endings that contradict scores, plays that cannot pass,
    states that force a fault. Nothing is said of what the search could not prove."""
    if not analysis.proven:
        return []
    out: list[Problem] = []
    pass_score = scenario.pass_score
    ranges = analysis.endings()
    for nid, r in ranges.items():
        outcome = scenario.nodes[nid].ending.outcome  # type: ignore[union-attr]
        if outcome == "won" and r.lo is not None and r.lo < pass_score:
            out.append(warn(("nodes", nid), f"ending {nid!r} is won, but a play reaches it scoring {r.lo:g}, below "
                            f"pass_score {pass_score} (litige play {r.play_args(low=True)}): make the way to it ask for "
                            "the choices the principles reward (a guard on a meter or flag that good choices move), "
                            "or make the ending `kept`", code="ending-score"))
        if outcome == "won" and r.unscored:
            out.append(warn(("nodes", nid), f"ending {nid!r} is won, but a play reaches it without any judged decision "
                            "(no score): give the choices on the way to it different values", code="ending-score"))
        if outcome == "lost" and r.hi is not None and r.hi >= pass_score:
            out.append(warn(("nodes", nid), f"ending {nid!r} is lost, but a play reaches it scoring {r.hi:g}, at or "
                            f"above pass_score {pass_score} (litige play {r.play_args(low=False)}): a trainee who chose well "
                            "should not lose the customer; route good plays elsewhere, or name the principle the "
                            "losing choice breaks", code="ending-score"))
    best_passing = max((r.hi for nid, r in ranges.items() if r.hi is not None
                        and scenario.nodes[nid].ending.outcome != "lost"), default=None)  # type: ignore[union-attr]
    if ranges and all(r.hi is None for r in ranges.values()):
        out.append(warn(("nodes",), "no play can score: no decision of any play is judged, since the choices "
                        "offered at each node are all worth the same; give some choices principles they apply or "
                        "violate", code="no-score"))
    elif best_passing is None:
        out.append(warn(("nodes",), "every play that can be found ends 'lost': no play can pass"))
    elif best_passing < pass_score:
        out.append(warn(("pass_score",), f"the best play that does not end 'lost' scores {best_passing:g}, "
                        f"below pass_score {pass_score}: no play can pass"))
    seen: set[str] = set()
    for f in analysis.forced:
        if f.node in seen:
            continue
        seen.add(f.node)
        variant = f" --variant {f.variant}" if f.variant else ""
        out.append(warn(("nodes", f.node), f"at node {f.node!r} every choice offered violates a principle when "
                        f"{f.state} (reached by litige play --choices {_picks(f.play)}{variant}, then stopping "
                        "there): the trainee is forced into a fault; offer a choice that breaks nothing",
                        code="no-good-choice"))
    return out


def _cue_warnings(scenario: Scenario, weights: dict[str, int], seen: set[str], warn) -> list[Problem]:
    """Best answers given away by their length or their position, over the nodes whose choices
    differ in value (guards ignored: every choice as written)."""
    graded: list[tuple[list[int], list]] = []  # (indexes of the best choices, choices)
    for nid, node in scenario.nodes.items():
        if nid not in seen or len(node.choices) < 2:
            continue
        values = [choice_value(c, weights) for c in node.choices]
        if len(set(values)) < 2:
            continue
        top = max(values)
        graded.append(([i for i, v in enumerate(values) if v == top], list(node.choices)))
    if not graded:
        return []
    half = len(graded) / 2
    out: list[Problem] = []
    langs = dict.fromkeys([scenario.lang] + sorted({lang for _, cs in graded for c in cs for lang in c.text.values}))
    for lang in langs:
        hits = 0
        for best, choices in graded:
            lengths = [len(c.text.get(lang)) for c in choices]
            longest = max(lengths)
            if lengths.count(longest) == 1 and lengths.index(longest) in best:
                hits += 1
        if hits > half:
            out.append(warn(("nodes",), f"the longest answer is a best one in {hits} of the {len(graded)} nodes whose "
                            f"choices differ in value (text in {lang!r}): a trainee can win by picking the longest "
                            "text; make some good answers short and some weak ones long", code="length-cue"))
    positions: dict[int, int] = {}
    for best, _ in graded:
        for i in best:
            positions[i] = positions.get(i, 0) + 1
    for i, hits in sorted(positions.items()):
        if hits > half:
            out.append(warn(("nodes",), f"choice {i + 1} (as written) is a best answer in {hits} of the {len(graded)} "
                            f"nodes whose choices differ in value: a trainee can win by always picking it; move "
                            "the best answers around", code="position-cue"))
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
    raw = read_file(path)
    if isinstance(raw, Problem):
        return FileReport(path, None, [raw])
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
