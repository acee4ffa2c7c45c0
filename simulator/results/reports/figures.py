"""The group's figures, computed once for every format: the store's aggregate with names and
texts put on it (`build_report`), and the spread of the scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.lang.i18n import t
from simulator.results.choices import NodeLine, node_lines

if TYPE_CHECKING:
    from scoring.catalogue import Catalogue
    from scoring.gain import Gain
    from simulator.format.model import Scenario
    from simulator.results.store import Aggregate

VERDICT_COLUMNS = ("missed", "violated", "partial", "mastered")  # the principle tables' columns, in order


@dataclass(frozen=True)
class PrincipleLine:
    id: str
    name: str
    judged: int                       # finished plays where the principle came up
    counts: Mapping[str, int]         # verdict → plays

    def share(self, verdict: str) -> float:
        return self.counts.get(verdict, 0) / self.judged if self.judged else 0.0


@dataclass(frozen=True)
class Report:
    """What `litige report` tells: the figures of `Store.aggregate`, with names and texts."""

    lang: str
    plays: int
    unfinished: int
    passed: int
    mean_scaled: float | None
    trainees: int
    scenarios: Mapping[str, str]      # id → title
    scenario_plays: Mapping[str, int]
    outcomes: Mapping[str, int]
    principles: tuple[PrincipleLine, ...]   # the most often missed or violated first
    nodes: tuple[NodeLine, ...]
    filters: Mapping[str, str] = field(default_factory=dict)
    first_rules: int = 0  # finished plays scored by the first rules: not in the pass rate nor the mean
    modes: Mapping[str, int] = field(default_factory=dict)  # "coach" / "exam" → finished plays
    gain: Gain | None = None          # the group's learning gain (scoring/gain.py)
    principle_names: Mapping[str, str] = field(default_factory=dict)  # id → name, for the gain's principles
    matched: tuple[str, ...] | None = None  # the names --trainee selected (None: no --trainee)

    @property
    def scored(self) -> int:
        """The finished plays whose score and pass count: those scored by the current rules."""
        return self.plays - self.first_rules

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.scored if self.scored else None

    def first_rules_note(self) -> str | None:
        """The line that says which plays the pass rate and the mean leave out, if any."""
        return t("results.report.first_rules", self.lang, n=self.first_rules) if self.first_rules else None


def build_report(agg: Aggregate, scenarios: Mapping[str, Scenario | None], catalogue: Catalogue | None,
                 lang: str, filters: Mapping[str, str] | None = None, *, gain: Gain | None = None,
                 matched: Sequence[str] | None = None) -> Report:
    """Put names on the store's figures: principle names from the catalogue (and the scenarios'
    own principles), node and choice texts from the scenarios that could be loaded."""
    names: dict[str, str] = {p.id: p.name.get(lang) for p in catalogue} if catalogue else {}
    for sc in scenarios.values():
        for p in sc.principles if sc else ():
            names.setdefault(p.id, p.name.get(lang))
    principles = [PrincipleLine(pid, names.get(pid, pid), sum(counts.values()), dict(counts))
                  for pid, counts in agg.principles.items()]
    principles.sort(key=lambda p: (-(p.share("missed") + p.share("violated")), -p.share("violated"), p.id))
    nodes = node_lines(agg.choices, scenarios.get, lang, t("results.timeout", lang))
    titles = {sid: (sc.title.get(lang) if sc else sid) for sid, sc in
              ((sid, scenarios.get(sid)) for sid in agg.scenarios)}
    return Report(lang=lang, plays=agg.plays, unfinished=agg.unfinished, passed=agg.passed,
                  mean_scaled=agg.mean_scaled, trainees=agg.trainees, scenarios=titles,
                  scenario_plays=dict(agg.scenarios), outcomes=dict(agg.outcomes), principles=tuple(principles),
                  nodes=nodes, filters=dict(filters or {}), first_rules=agg.first_rules,
                  modes=dict(agg.modes), gain=gain, principle_names=names,
                  matched=None if matched is None else tuple(matched))


SCORE_BUCKETS = 10  # 0-9, 10-19, … 90-100


def score_buckets(scores: Iterable[float | None]) -> tuple[int, ...]:
    """How many scaled scores fall in each tenth (100 goes with 90-99)."""
    counts = [0] * SCORE_BUCKETS
    for s in scores:
        if s is not None:
            counts[min(SCORE_BUCKETS - 1, max(0, int(s // 10)))] += 1
    return tuple(counts)


def bucket_label(i: int) -> str:
    return f"{10 * i}–{100 if i == SCORE_BUCKETS - 1 else 10 * i + 9}"
