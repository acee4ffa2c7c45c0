"""PlayRecord + Scenario → per-principle verdicts and the score, per the spec's scoring rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

from scoring.catalogue import Catalogue, load_catalogue
from simulator.analysis import BestScore, best_score
from simulator.model import Scenario
from simulator.record import PlayRecord


class Verdict(str, Enum):
    MASTERED = "mastered"
    PARTIAL = "partial"
    MISSED = "missed"
    VIOLATED = "violated"

    def __str__(self) -> str:
        return self.value


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
class Result:
    scenario: str
    ending: str
    outcome: str | None
    raw: int
    best: int
    exact: bool
    scaled: float
    passed: bool
    judgements: Mapping[str, Judgement] = field(default_factory=dict)

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return {pid: j.verdict for pid, j in self.judgements.items()}


def weights_for(scenario: Scenario, catalogue: Catalogue) -> dict[str, int]:
    return {p.id: p.weight for p in catalogue.with_extra(scenario.principles)}


def best_for(scenario: Scenario, catalogue: Catalogue) -> BestScore:
    """The scenario's best score, computed once and kept on the (immutable) scenario."""
    weights = weights_for(scenario, catalogue)
    cache = scenario.__dict__.setdefault("_best_by_weights", {})
    key = frozenset(weights.items())
    if key not in cache:
        cache[key] = best_score(scenario, weights)
    return cache[key]


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
        if v:
            verdict = Verdict.VIOLATED
        elif a and len(set(a)) == len(o):
            verdict = Verdict.MASTERED
        elif a:
            verdict = Verdict.PARTIAL
        else:
            verdict = Verdict.MISSED
        out[p] = Judgement(p, verdict, o, a, v)
    return out


def scale(raw: int, best: int) -> float:
    if best <= 0:
        return 100.0 if raw >= best else 0.0
    return round(max(0.0, min(100.0, 100.0 * raw / best)), 1)


def score(scenario: Scenario, record: PlayRecord, catalogue: Catalogue | None = None,
          best: BestScore | None = None) -> Result:
    """Judge a play: verdicts, raw score, best achievable, scaled score and pass/fail."""
    catalogue = catalogue or load_catalogue()
    weights = weights_for(scenario, catalogue)
    best = best or best_for(scenario, catalogue)
    judgements = judge(scenario, record)
    applied = {p for p, j in judgements.items() if j.applied}
    violated = {p for p, j in judgements.items() if j.violated}
    raw = sum(weights.get(p, 1) for p in applied) - sum(weights.get(p, 1) for p in violated)
    end = scenario.nodes[record.current]
    outcome = end.ending.outcome if end.ending else None
    scaled = scale(raw, best.raw)
    passed = outcome is not None and outcome != "lost" and scaled >= scenario.pass_score
    return Result(scenario.id, end.id, outcome, raw, best.raw, best.exact, scaled, passed, judgements)
