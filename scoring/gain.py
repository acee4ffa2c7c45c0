"""Learning gain of a group (issue 18): does a group do better the second time?

Pure: attempts in, figures out (no database, no Textual). `litige report` shows them.

The rules, written once here and told in the report's legend:
- an *attempt* is a finished play of a named trainee, scored by the current rules: plays scored
  by the first rules (marked `*` in the history) are left out, and so are plays without a name
  (they cannot be paired with anything); both are counted;
- plays in coach mode and in exam mode are counted apart: a trainee's coach plays are paired
  with their coach plays, their exam plays with their exam plays;
- per scenario (and mode), each trainee's *first* attempt (the earliest) is paired with their
  *best later* attempt (the highest score among the others); a trainee with a single attempt
  makes no pair and is counted as such;
- the group's figures are the mean first score, the mean best-later score, the mean gain
  (their difference) and Hake's normalised gain on the class means,
  <g> = (mean later − mean first) / (100 − mean first) (none when the mean first is 100);
  beside it, the mean of the individual g = (later − first) / (100 − first), over the pairs
  whose first score is under 100 (the others are left out and counted);
- per principle (and mode), each trainee's verdict on the principle in the first play where it
  came up is compared with the best verdict of their later plays where it came up (any
  scenario), on the order violated < missed < partial < mastered: *improved* means a higher
  place in that order; a trainee whose first verdict was already `mastered` cannot improve and
  is counted apart (at the ceiling).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.verdict import NEED, Avoidance

MODES = ("coach", "exam")
CEILING = 100.0


@dataclass(frozen=True, slots=True)  # slots: some 10,000 of them are made for a report
class Attempt:
    """One finished play, as the gain needs it."""

    trainee: str | None
    scenario: str
    mode: str                       # "coach" or "exam"
    started_at: str                 # ISO UTC text: attempts are ordered by it (then play_id)
    scaled: float | None            # 0..100
    verdicts: Mapping[str, str] = field(default_factory=dict)  # principle → verdict word
    current_rules: bool = True      # False: scored by the first rules, left out
    play_id: str = ""
    nodes: tuple[str, ...] = ()     # the node of each step: with `violated`, for Avoidance
    violated: Mapping[str, Sequence[int]] = field(default_factory=dict)  # principle → steps violating it


@dataclass(frozen=True)
class ScenarioGain:
    scenario: str
    paired: int                     # trainees with a first and a later attempt
    single: int                     # trainees with one attempt only: no pair
    mean_first: float | None
    mean_later: float | None        # mean of the best later scores
    mean_individual_g: float | None  # mean of (later − first) / (100 − first) over first < 100
    individual_n: int               # pairs in that mean
    at_ceiling: int                 # pairs whose first score was 100: no individual g

    @property
    def mean_gain(self) -> float | None:
        if self.mean_first is None or self.mean_later is None:
            return None
        return self.mean_later - self.mean_first

    @property
    def hake_g(self) -> float | None:
        """Hake's <g> on the class means."""
        return normalised_gain(self.mean_first, self.mean_later)


@dataclass(frozen=True)
class PrincipleGain:
    principle: str
    paired: int                     # trainees judged on it in two plays or more
    improved: int
    same: int
    worse: int
    at_ceiling: int                 # among `same`: first verdict already mastered
    single: int                     # trainees judged on it once: no pair

    @property
    def share_improved(self) -> float | None:
        return self.improved / self.paired if self.paired else None


@dataclass(frozen=True)
class ModeGain:
    mode: str
    attempts: int                   # attempts counted in this mode
    scenarios: tuple[ScenarioGain, ...]
    principles: tuple[PrincipleGain, ...]


@dataclass(frozen=True)
class Gain:
    modes: tuple[ModeGain, ...]     # coach then exam, only those with attempts
    first_rules: int = 0            # finished plays left out: scored by the first rules
    anonymous: int = 0              # finished plays left out: no trainee's name

    def mode(self, name: str) -> ModeGain | None:
        return next((m for m in self.modes if m.mode == name), None)

    @property
    def empty(self) -> bool:
        return not self.modes


def normalised_gain(first: float | None, later: float | None) -> float | None:
    """(later − first) / (100 − first); None when first is 100 (nothing left to gain) or unknown."""
    if first is None or later is None or first >= CEILING:
        return None
    return (later - first) / (CEILING - first)


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def compute_gain(attempts: Iterable[Attempt]) -> Gain:
    """The group's learning gain over these attempts (see the module's rules)."""
    first_rules = anonymous = 0
    kept: dict[str, list[Attempt]] = defaultdict(list)
    for a in attempts:
        if not a.current_rules:
            first_rules += 1
        elif not a.trainee:
            anonymous += 1
        else:
            kept[a.mode].append(a)
    modes = []
    for mode in sorted(kept, key=lambda m: (MODES.index(m) if m in MODES else len(MODES), m)):
        plays = sorted(kept[mode], key=lambda a: (a.started_at, a.play_id))
        modes.append(ModeGain(mode, len(plays), _scenario_gains(plays), _principle_gains(plays)))
    return Gain(tuple(modes), first_rules=first_rules, anonymous=anonymous)


def _scenario_gains(plays: Sequence[Attempt]) -> tuple[ScenarioGain, ...]:
    """`plays` in order of time, one mode."""
    by: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for a in plays:
        if a.scaled is not None:
            by[a.scenario][a.trainee or ""].append(float(a.scaled))
    out = []
    for sid in sorted(by):
        firsts: list[float] = []
        laters: list[float] = []
        gs: list[float] = []
        single = ceiling = 0
        for scores in by[sid].values():
            if len(scores) < 2:
                single += 1
                continue
            first, later = scores[0], max(scores[1:])
            firsts.append(first)
            laters.append(later)
            g = normalised_gain(first, later)
            if g is None:
                ceiling += 1
            else:
                gs.append(g)
        out.append(ScenarioGain(sid, len(firsts), single, _mean(firsts), _mean(laters), _mean(gs), len(gs), ceiling))
    return tuple(out)


def _principle_gains(plays: Sequence[Attempt]) -> tuple[PrincipleGain, ...]:
    """`plays` in order of time, one mode. Per trainee, each principle's first rank and best
    later rank, in flat dicts: some 60,000 verdicts for a report over 10,000 plays."""
    by_trainee: dict[str, list[Attempt]] = defaultdict(list)
    for a in plays:
        by_trainee[a.trainee or ""].append(a)
    counts: dict[str, list[int]] = {}  # principle → [improved, same, worse, at ceiling, single]
    top = NEED["mastered"]
    for attempts in by_trainee.values():
        first: dict[str, int] = {}
        best: dict[str, int] = {}
        avoidance = Avoidance()  # a principle violated, then kept at the same node, was mastered there
        for a in attempts:
            verdicts = a.verdicts
            kept = avoidance.kept(a.scenario, a.nodes, verdicts) if a.nodes else ()
            if kept:
                verdicts = {**verdicts, **{pid: "mastered" for pid, _ in kept}}
            if a.violated:
                avoidance.note(a.scenario, a.nodes, a.violated)
            for pid, verdict in verdicts.items():
                rank = NEED.get(verdict)
                if rank is None:
                    continue
                if pid not in first:
                    first[pid] = rank
                elif rank > best.get(pid, -1):
                    best[pid] = rank
        for pid, f in first.items():
            c = counts.setdefault(pid, [0, 0, 0, 0, 0])
            b = best.get(pid)
            if b is None:
                c[4] += 1
            elif b > f:
                c[0] += 1
            elif b < f:
                c[2] += 1
            else:
                c[1] += 1
                c[3] += f == top
    return tuple(PrincipleGain(pid, c[0] + c[1] + c[2], c[0], c[1], c[2], c[3], c[4])
                 for pid, c in sorted(counts.items()))


def gain_dict(gain: Gain, names: Mapping[str, str] | None = None, digits: int = 4) -> dict[str, Any]:
    """The figures for JSON (`litige report --json`): numbers rounded to `digits`."""
    def r(x: float | None) -> float | None:
        return None if x is None else round(x, digits)
    names = names or {}
    return {
        "left_out": {"first_rules": gain.first_rules, "anonymous": gain.anonymous},
        "modes": {m.mode: {
            "attempts": m.attempts,
            "scenarios": {s.scenario: {"paired": s.paired, "single": s.single, "mean_first": r(s.mean_first),
                                       "mean_best_later": r(s.mean_later), "mean_gain": r(s.mean_gain),
                                       "hake_g": r(s.hake_g), "mean_individual_g": r(s.mean_individual_g),
                                       "individual_g_pairs": s.individual_n, "first_at_100": s.at_ceiling}
                          for s in m.scenarios},
            "principles": {p.principle: {"name": names.get(p.principle, p.principle), "paired": p.paired,
                                         "improved": p.improved, "same": p.same, "worse": p.worse,
                                         "first_mastered": p.at_ceiling, "single": p.single,
                                         "improved_share": r(p.share_improved)}
                           for p in m.principles}} for m in gain.modes},
    }
