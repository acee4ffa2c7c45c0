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

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from scoring.catalogue import Catalogue
from scoring.ranges import Analysis, analyse, outcome_of
from scoring.scorer import choice_value, weights_for
from simulator.analysis.boxes import Box, describe_box, intervals, may_be_stuck, may_hold, state_bound
from simulator.analysis.guard_eval import meter_index
from simulator.analysis.paths import can_end, has_cycle, reachable, shortest_steps
from simulator.analysis.reachability import LINT_BUDGET, WITNESS_BUDGET, Exploration, describe_state, explore
from simulator.format import gc_pause
from simulator.format.errors import Problem
from simulator.format.guards import Not
from simulator.format.loader import parse
from simulator.format.model import Choice, Scenario
from simulator.format.yaml_reader import Path_, read_file
from simulator.lang.messages_check import Num, Q, QList, msg


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
    from simulator.lang.i18n import fmt_number, t
    shown, more = reported(problems)
    lines = [p.render(lang) for p in shown]
    if more:
        lines.append(t("check.more", lang, n=fmt_number(more, lang, 0), count=more, file=file))
    return lines


LONG_PLAY = 8  # decisions: a scenario is "long" when even its shortest play makes this many


class Warn(Protocol):
    """Makes a located warning of a message about the value at `path` (see `lint`)."""

    def __call__(self, path: Path_, message: str, *, key: bool = True, col_offset: int = 0,
                 code: str = "") -> Problem: ...


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

    def warn(path: Path_, message: str, *, key: bool = True, col_offset: int = 0, code: str = "") -> Problem:
        if doc is None:
            return Problem(file, 1, 1, "warning", message, code)
        p = doc.problem(path, message, key=key, severity="warning", col_offset=col_offset)
        return Problem(p.file, p.line, p.col, p.severity, p.message, code)

    out: list[Problem] = []
    seen = reachable(scenario)
    for nid, node in scenario.nodes.items():
        if nid not in seen:
            what = msg("lint.ending_unreached" if node.is_ending else "lint.node_unreached", node=Q(nid))
            out.append(warn(("nodes", nid), what))
    ends = can_end(scenario)
    for nid in scenario.nodes:
        if nid in seen and nid not in ends:
            out.append(warn(("nodes", nid), msg("lint.no_ending_from", node=Q(nid))))
    out.extend(_guard_warnings(scenario, seen, ends, warn, budget))
    out.extend(_principle_warnings(scenario, warn))
    out.extend(_score_warnings(scenario, analysis_of(scenario, catalogue), warn))
    out.extend(_cue_warnings(scenario, weights_for(scenario, catalogue), seen, warn))
    return out


def _picks(play: tuple[str, ...]) -> str:
    return ",".join(play) if play else msg("lint.no_decision")


def _score_warnings(scenario: Scenario, analysis: Analysis, warn: Warn) -> list[Problem]:
    """What the proven score ranges say: endings that contradict scores, plays that cannot pass,
    states that force a fault. Nothing is said of what the search could not prove."""
    if not analysis.proven:
        return []
    out: list[Problem] = []
    pass_score = scenario.pass_score
    ranges = analysis.endings()
    for nid, r in ranges.items():
        outcome = outcome_of(scenario, nid)
        if outcome == "won" and r.lo is not None and r.lo < pass_score:
            out.append(warn(("nodes", nid), msg("lint.won_below_pass", node=Q(nid), score=Num(r.lo), pass_score=pass_score,
                                                    play=r.play_args(low=True)), code="ending-score"))
        if outcome == "won" and r.unscored:
            out.append(warn(("nodes", nid), msg("lint.won_unscored", node=Q(nid)), code="ending-score"))
        if outcome == "lost" and r.hi is not None and r.hi >= pass_score:
            out.append(warn(("nodes", nid), msg("lint.lost_above_pass", node=Q(nid), score=Num(r.hi), pass_score=pass_score,
                                                    play=r.play_args(low=False)), code="ending-score"))
    best_passing = max((r.hi for nid, r in ranges.items() if r.hi is not None
                        and outcome_of(scenario, nid) != "lost"), default=None)
    if ranges and all(r.hi is None for r in ranges.values()):
        out.append(warn(("nodes",), msg("lint.no_score"), code="no-score"))
    elif best_passing is None:
        out.append(warn(("nodes",), msg("lint.all_lost")))
    elif best_passing < pass_score:
        out.append(warn(("pass_score",), msg("lint.best_below_pass", score=Num(best_passing), pass_score=pass_score)))
    return out + _forced_warnings(analysis, warn)


def _forced_warnings(analysis: Analysis, warn: Warn) -> list[Problem]:
    """The first state found at each node where every choice offered violates a principle."""
    out: list[Problem] = []
    seen: set[str] = set()
    for f in analysis.forced:
        if f.node in seen:
            continue
        seen.add(f.node)
        variant = f" --variant {f.variant}" if f.variant else ""
        out.append(warn(("nodes", f.node), msg("lint.no_good_choice", node=Q(f.node), state=f.state, picks=_picks(f.play),
                                                   variant=variant), code="no-good-choice"))
    return out


_Graded = list[tuple[list[int], list[Choice]]]  # per node: (indexes of the best choices, the choices)


def _cue_warnings(scenario: Scenario, weights: dict[str, int], seen: set[str], warn: Warn) -> list[Problem]:
    """Best answers given away by their length or their position, over the nodes whose choices
    differ in value (guards ignored: every choice as written)."""
    graded: _Graded = []
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
    return _length_cues(scenario, graded, warn) + _position_cues(graded, warn)


def _length_cues(scenario: Scenario, graded: _Graded, warn: Warn) -> list[Problem]:
    """Per language, whether the best answer is the one longest answer at most graded nodes."""
    out: list[Problem] = []
    langs = dict.fromkeys([scenario.lang] + sorted({lang for _, cs in graded for c in cs for lang in c.text.values}))
    for lang in langs:
        hits = 0
        for best, choices in graded:
            lengths = [len(c.text.get(lang)) for c in choices]
            longest = max(lengths)
            if lengths.count(longest) == 1 and lengths.index(longest) in best:
                hits += 1
        if hits > len(graded) / 2:
            out.append(warn(("nodes",), msg("lint.length_cue", hits=hits, graded=len(graded), lang=Q(lang)),
                            code="length-cue"))
    return out


def _position_cues(graded: _Graded, warn: Warn) -> list[Problem]:
    """Positions that hold a best answer at most graded nodes."""
    positions: dict[int, int] = {}
    for best, _ in graded:
        for i in best:
            positions[i] = positions.get(i, 0) + 1
    return [warn(("nodes",), msg("lint.position_cue", n=i + 1, hits=hits, graded=len(graded)), code="position-cue")
            for i, hits in sorted(positions.items()) if hits > len(graded) / 2]


def _guard_warnings(scenario: Scenario, seen: set[str], ends: set[str], warn: Warn, budget: int) -> list[Problem]:
    """Choices whose guard never holds, nodes and endings guards cut off, plays guards leave stuck."""
    if not any(c.when is not None for n in scenario.nodes.values() for c in n.choices):
        return []  # without guards, plays go wherever the graph goes: nothing more to say
    boxes = intervals(scenario)
    index = meter_index(scenario)
    found = _search(scenario, boxes, index, budget)
    reached: AbstractSet[str]
    offered: AbstractSet[tuple[str, int]]
    if found.complete:
        reached, offered = found.reached, found.offered
    else:
        reached = set(boxes)
        offered = {(nid, c.index) for nid in boxes for c in scenario.nodes[nid].choices
                   if c.when is None or may_hold(boxes[nid], c.when, index)}
    out: list[Problem] = []
    for nid, node in scenario.nodes.items():
        if nid in seen and nid not in reached:
            out.append(warn(("nodes", nid), msg("lint.ending_cut_by_guards" if node.is_ending
                                                else "lint.node_cut_by_guards", node=Q(nid))))
    for nid, node in scenario.nodes.items():
        if nid not in reached:
            continue
        out.extend(_guard_problem(scenario, nid, c, "lint.guard_never", boxes.get(nid), warn)
                   for c in node.choices if c.when is not None and (nid, c.index) not in offered)
    for nid, node in scenario.nodes.items():
        # A guard whose negation holds nowhere in the node's box holds in every play that gets
        # there (the box contains every reachable state): it filters nothing, probably a slip.
        if nid not in reached or nid not in boxes:
            continue
        out.extend(_guard_problem(scenario, nid, c, "lint.guard_always", boxes[nid], warn)
                   for c in node.choices if c.when is not None and not may_hold(boxes[nid], Not(c.when), index))
    return out + _stuck_warnings(scenario, found, ends, warn)


def _search(scenario: Scenario, boxes: Mapping[str, Box], index: Mapping[str, int], budget: int) -> Exploration:
    """The search of the play states the guard warnings rest on: a complete one when it fits the
    budget, else one for witnesses where the boxes say a play may be stuck, else none."""
    suspects = frozenset(nid for nid, box in boxes.items() if may_be_stuck(scenario.nodes[nid], box, index))
    if state_bound(boxes) <= budget or has_cycle(scenario):
        # small enough to search completely (or guards may trap plays in a loop, which only a
        # complete search can tell): the exact states, within the budget
        return explore(scenario, budget, keep_graph=True)
    if suspects:
        # too many states to walk them all: look for a play stuck where the boxes say one may be
        return explore(scenario, min(budget, WITNESS_BUDGET), suspects=suspects)
    return Exploration(False, 0, frozenset(), frozenset(), frozenset())  # the boxes alone answer


def _guard_problem(scenario: Scenario, nid: str, c: Choice, key: str, box: Box | None, warn: Warn) -> Problem:
    """A choice's guard that never (or always) holds, with what the node's box says of what it reads."""
    assert c.when is not None
    path = ("nodes", nid, "choices", c.index, "when")
    why = describe_box(box, c.when, scenario) if box is not None else ""
    quoted = scenario.doc is not None and scenario.doc.is_quoted(path)
    return warn(path, msg(key, choice=Q(c.id), node=Q(nid), guard=Q(c.when_source),
                          why=msg("lint.why", why=why) if why else ""),
                key=False, col_offset=1 if quoted else 0)


def _stuck_warnings(scenario: Scenario, found: Exploration, ends: set[str], warn: Warn) -> list[Problem]:
    """Plays the guards leave with nothing offered, and loops they never let a play out of."""
    out: list[Problem] = []
    for nid, state in found.dead_ends.items():
        if nid in ends:  # graph-stuck nodes were reported above
            out.append(warn(("nodes", nid), msg("lint.stuck", node=Q(nid), state=describe_state(state, scenario))))
    order = {nid: i for i, nid in enumerate(scenario.nodes)}
    for loop in found.loops:
        loop = tuple(sorted(loop, key=order.__getitem__))
        out.append(warn(("nodes", loop[0]), msg("lint.loop", count=len(loop), nodes=QList(loop))))
    return out


def _principle_warnings(scenario: Scenario, warn: Warn) -> list[Problem]:
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
                            msg("lint.principle_once", principle=Q(p), node=Q(nid), shortest=shortest)))
    return out


def check_file(path: Path, catalogue: Catalogue, *, lang: str | None = None) -> FileReport:
    raw = read_file(path)
    if isinstance(raw, Problem):
        return FileReport(path, None, [raw])
    scenario, problems = parse(raw, str(path), catalogue.ids(), check_lang=lang)
    report = FileReport(path, scenario, list(problems))
    if scenario is not None:
        object.__setattr__(scenario, "path", path)
        with gc_pause.paused():  # the analyses build acyclic data only: see simulator.format.gc_pause
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
    with gc_pause.paused():
        reports = [check_file(p, catalogue, lang=lang) for p in scenario_files(paths)]
    by_id: dict[str, Path] = {}
    for r in reports:
        if r.scenario is None:
            continue
        first = by_id.setdefault(r.scenario.id, r.path)
        if first != r.path:
            line, col = r.id_at
            r.problems.append(Problem(str(r.path), line, col, "error",
                                      msg("check.duplicate_id", id=Q(r.scenario.id), first=first)))
    return reports
