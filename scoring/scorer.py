"""PlayRecord + Scenario → per-principle verdicts and the score, by the scoring rules of 2026-12.

The score says how well each decision was made, judged against the options offered there:
value(choice) = weights of the principles it applies − weights of those it violates; a time-out
is one more option, of value 0, where the node has a time limit. A decision's stake is the best
value offered minus the worst, its credit (value taken − worst) / stake. Only a node's first
visit is judged, and a decision whose options are all of one value is not. The score is
100 × Σ(stake × credit) / Σ(stake). The principles' verdicts count every visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scoring.catalogue import Catalogue, load_catalogue
from scoring.verdict import Verdict
from scoring.version import FIRST_RULES, RULES  # noqa: F401  (FIRST_RULES: for those who import it from here)
from simulator.format.model import Choice, Node, Scenario
from simulator.play.record import PlayRecord


@dataclass(frozen=True)
class Judgement:
    """How one principle fared in a play: at which steps it was an opportunity, applied, violated."""

    principle: str
    verdict: Verdict
    opportunities: tuple[int, ...] = ()  # step indexes
    applied: tuple[int, ...] = ()
    violated: tuple[int, ...] = ()

    @property
    def missed(self) -> tuple[int, ...]:
        return tuple(i for i in self.opportunities if i not in self.applied)


@dataclass(frozen=True)
class Decision:
    """One step as the score sees it: the value taken among the values offered.

    `judged` is False at a node already visited in this play, and where every option offered had
    the same value (`stake` 0); such a step counts neither for nor against the score."""

    index: int  # the step's index in the play
    node: str
    value: int  # of the choice taken (0 for a time-out)
    best: int  # the highest value offered (time-out included where there is one)
    worst: int
    best_choices: tuple[str, ...]  # ids of the offered choices of the highest value
    first_visit: bool

    @property
    def stake(self) -> int:
        return self.best - self.worst

    @property
    def judged(self) -> bool:
        return self.first_visit and self.stake > 0

    @property
    def credit(self) -> float | None:
        """(value − worst) / stake, 0..1; None when the step is not judged."""
        return (self.value - self.worst) / self.stake if self.judged else None

    @property
    def points(self) -> int:
        """stake × credit, an integer: value − worst (0 when not judged)."""
        return self.value - self.worst if self.judged else 0


@dataclass(frozen=True)
class Result:
    scenario: str
    ending: str
    outcome: str | None
    raw: int  # Σ stake × credit over judged decisions (xAPI result.score.raw)
    max: int  # Σ stake (xAPI result.score.max); 0 when no decision was judged
    scaled: float | None  # 100 × raw / max, one decimal; None when no decision was judged
    passed: bool
    judgements: Mapping[str, Judgement] = field(default_factory=dict)
    decisions: tuple[Decision, ...] = ()
    variant: str | None = None
    rules: str = RULES

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return {pid: j.verdict for pid, j in self.judgements.items()}


def weights_for(scenario: Scenario, catalogue: Catalogue) -> dict[str, int]:
    return {p.id: p.weight for p in catalogue.with_extra(scenario.principles)}


def choice_value(choice: Choice, weights: Mapping[str, int]) -> int:
    """Weights of the principles the choice applies minus those of the principles it violates."""
    return sum(weights.get(p, 1) for p in choice.applies) - sum(weights.get(p, 1) for p in choice.violates)


def option_values(node: Node, offered: Iterable[Choice], weights: Mapping[str, int]) -> list[int]:
    """The values of the options a decision offers: its offered choices, and a time-out (0)."""
    values = [choice_value(c, weights) for c in offered]
    if node.time_limit and node.on_timeout:
        values.append(0)
    return values


def scaled_of(raw: int, top: int) -> float | None:
    """The score: 100 × raw / max, rounded to one decimal; None when nothing was judged."""
    return round(100.0 * raw / top, 1) if top > 0 else None


def is_passed(scaled: float | None, outcome: str | None, pass_score: int) -> bool:
    """Passed: a score at or above the pass mark, and an ending that is not `lost`."""
    return outcome is not None and outcome != "lost" and scaled is not None and scaled >= pass_score


def decisions(scenario: Scenario, record: PlayRecord, weights: Mapping[str, int]) -> tuple[Decision, ...]:
    out: list[Decision] = []
    seen: set[str] = set()
    for i, step in enumerate(record.steps):
        node = scenario.nodes[step.node]
        by_id = {c.id: c for c in node.choices}
        values = option_values(node, (by_id[cid] for cid in step.offered), weights)
        value = choice_value(by_id[step.chosen], weights) if step.chosen else 0
        hi = max(values, default=value)
        best = tuple(cid for cid in step.offered if choice_value(by_id[cid], weights) == hi)
        out.append(Decision(i, step.node, value, hi, min(values, default=value), best, step.node not in seen))
        seen.add(step.node)
    return tuple(out)


def judge(scenario: Scenario, record: PlayRecord) -> dict[str, Judgement]:
    """Verdict per principle judged in this play, in the order the play met them."""
    opp: dict[str, list[int]] = {}
    app: dict[str, list[int]] = {}
    vio: dict[str, list[int]] = {}
    for i, step in enumerate(record.steps):
        node = scenario.nodes[step.node]
        by_id = {c.id: c for c in node.choices}
        for cid in step.offered:
            for p in by_id[cid].applies:
                if i not in opp.setdefault(p, []):
                    opp[p].append(i)
        chosen = by_id.get(step.chosen) if step.chosen else None
        if chosen:
            for p in chosen.applies:
                app.setdefault(p, []).append(i)
            for p in chosen.violates:
                vio.setdefault(p, []).append(i)
    out: dict[str, Judgement] = {}
    for p in dict.fromkeys([*opp, *vio]):
        o, a, v = tuple(opp.get(p, ())), tuple(app.get(p, ())), tuple(vio.get(p, ()))
        out[p] = Judgement(p, verdict_of(o, a, v), o, a, v)
    return out


def verdict_of(offered: tuple[int, ...], applied: tuple[int, ...], violated: tuple[int, ...]) -> Verdict:
    """Violated once is violated; applied at every step that offered it, mastered; at some, partial;
    never, missed."""
    if violated:
        return Verdict.VIOLATED
    if applied and len(set(applied)) == len(offered):
        return Verdict.MASTERED
    return Verdict.PARTIAL if applied else Verdict.MISSED


def total(judged: Sequence[Decision]) -> tuple[int, int]:
    """(raw, max) of a play's decisions."""
    return sum(d.points for d in judged), sum(d.stake for d in judged if d.judged)


def score(scenario: Scenario, record: PlayRecord, catalogue: Catalogue | None = None) -> Result:
    """Judge a play: verdicts, decisions, raw and max, scaled score and pass/fail."""
    catalogue = catalogue or load_catalogue()
    weights = weights_for(scenario, catalogue)
    steps = decisions(scenario, record, weights)
    raw, top = total(steps)
    end = scenario.nodes[record.current]
    outcome = end.ending.outcome if end.ending else None
    scaled = scaled_of(raw, top)
    return Result(scenario.id, end.id, outcome, raw, top, scaled, is_passed(scaled, outcome, scenario.pass_score),
                  judge(scenario, record), steps, record.variant)
