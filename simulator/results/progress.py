"""A trainee's progress (issue 18): per principle, its verdicts over time and a spaced schedule;
per scenario, the best and last score; the attempts per day; and what to practise next.

Pure: it reads ProgressPlay values (Store.progress_plays hands them out) and a date given by the
caller's clock; no database, no Textual, no clock of its own.

The schedule, per principle, from its verdicts oldest first:
- mastered: the streak grows by one on a day it has not been mastered on yet (mastered twice the
  same day counts once); it is due again INTERVALS[streak − 1] days later (1, 3, 7, 14, then 30);
- partial: the streak starts again; due the next day;
- missed or violated: the streak starts again; due the same day (now).
The suggestion takes the principle most in need: among those due, the worst last verdict
(violated, missed, partial, mastered), then the longest overdue, then catalogue order; when
none is due, the one due soonest. Its scenario and step come from the trainee's latest play
where the principle was at stake: the first step it was violated or missed there (a mastered
one: its first opportunity), the step a new play "tries again from".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from scoring.verdict import NEED, SYMBOLS, Avoidance
from scoring.version import RULES

if TYPE_CHECKING:
    from simulator.results.store import ProgressPlay, Store

INTERVALS = (1, 3, 7, 14, 30)  # days until a principle mastered 1, 2, 3, 4, 5+ days in a row is due again


def day_of(moment: str) -> date:
    """The UTC day of an ISO 8601 moment (a naive one taken as UTC)."""
    when = datetime.fromisoformat(moment)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).date()


class Attempt(NamedTuple):
    """One verdict of one principle in one finished play (a tuple: a profile makes thousands)."""

    play_id: str
    scenario: str
    at: str  # the play's finished_at (UTC, ISO 8601)
    day: date
    verdict: str
    mode: str = "exam"
    current_rules: bool = True  # scored by the current rules (not the first ones, not comparable)
    inferred: bool = False  # no stored verdict: the play went through a step where the principle had been
    # violated before, and did not violate it there (see profile); never claimed on a certificate
    at_step: int = 0  # an inferred attempt's step (a stored verdict's comes from its judgement: see suggest)

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.verdict, "?")


@dataclass(frozen=True)
class Schedule:
    """Where a principle stands in the spaced schedule after its last attempt."""

    streak: int  # days in a row (distinct days) it was mastered, up to its last attempt
    due: date
    interval: int  # days from its last attempt to `due`


@dataclass(frozen=True)
class PrincipleRow:
    principle: str
    attempts: tuple[Attempt, ...]  # oldest first (newest right)
    schedule: Schedule | None  # None: never met

    @property
    def symbols(self) -> str:
        return "".join(a.symbol for a in self.attempts)

    @property
    def last(self) -> str | None:
        return self.attempts[-1].verdict if self.attempts else None

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The scenarios where it came up, in the order it first did."""
        return tuple(dict.fromkeys(a.scenario for a in self.attempts))


@dataclass(frozen=True)
class Pass:
    """A finished play scored by the current rules that passed."""

    play_id: str
    day: date
    scaled: float
    mode: str = "exam"  # a pass in coach mode (feedback after each choice) is said to be one


@dataclass(frozen=True)
class ScenarioRow:
    scenario: str
    plays: int  # finished plays
    best: float | None  # over the plays scored by the current rules
    last: float | None  # the last finished play's score
    last_current: bool  # the last play is scored by the current rules (else marked *)
    last_day: date
    best_pass: Pass | None  # its best passed play, in exam mode if any (the earliest of equal scores); None if never passed


@dataclass(frozen=True)
class Suggestion:
    principle: str
    scenario: str
    play_id: str  # the play to try again from
    step: int  # 0-based: the new play stands just before this step
    verdict: str  # the principle's last verdict
    due: date
    due_now: bool  # due today or overdue (else: nothing due, this one comes back first)
    streak: int


@dataclass(frozen=True)
class Profile:
    trainee: str
    today: date
    plays: int  # finished plays
    principles: tuple[PrincipleRow, ...]  # the catalogue's order, then principles of scenarios' own
    scenarios: tuple[ScenarioRow, ...]  # by scenario id
    days: tuple[tuple[date, int], ...]  # finished plays per day, oldest first
    suggestion: Suggestion | None

    def row(self, principle: str) -> PrincipleRow:
        return next(r for r in self.principles if r.principle == principle)

    @property
    def met(self) -> tuple[PrincipleRow, ...]:
        return tuple(r for r in self.principles if r.attempts)


def schedule(attempts: Sequence[Attempt]) -> Schedule | None:
    """The spaced schedule after these attempts (oldest first); None for none."""
    if not attempts:
        return None
    streak = 0
    streak_day: date | None = None
    due = attempts[0].day
    interval = 0
    for a in attempts:
        if a.verdict == "mastered":
            if streak_day != a.day:
                streak += 1
                streak_day = a.day
            interval = INTERVALS[min(streak, len(INTERVALS)) - 1]
        else:
            streak, streak_day = 0, None
            interval = 1 if a.verdict == "partial" else 0
        due = a.day + timedelta(days=interval)
    return Schedule(streak=streak, due=due, interval=interval)


def _step(judgement: Mapping[str, Sequence[int]] | None, verdict: str) -> int:
    """The step to try the principle again from in that play."""
    if not judgement:
        return 0
    opportunities = tuple(judgement.get("opportunities", ()))
    applied = set(judgement.get("applied", ()))
    if verdict != "mastered":
        wrong = [*judgement.get("violated", ()), *(i for i in opportunities if i not in applied)]
        if wrong:
            return min(wrong)
    return min(opportunities) if opportunities else 0


Judge = Callable[[str, str], "Mapping[str, Sequence[int]] | None"]  # (play id, principle) → its judgement


def profile(trainee: str, plays: Iterable[ProgressPlay], catalogue_ids: Sequence[str], today: date, *,
            available: Collection[str] | None = None, judgement: Judge | None = None) -> Profile:
    """The trainee's profile from their stored plays (any order). `catalogue_ids`: the
    catalogue's principles in its order (each gets a row, met or not); `available`: the scenarios
    a suggestion may name (those the game can start), all when None; `judgement` reads the steps
    a stored verdict was judged at (Store.judgement), for the one play the suggestion starts from
    (without it, a stored verdict's step is the first)."""
    done = sorted((p for p in plays if p.finished_at), key=lambda p: (p.finished_at, p.play_id))
    by_principle: dict[str, list[Attempt]] = {pid: [] for pid in catalogue_ids}
    by_scenario: dict[str, list[tuple[ProgressPlay, date]]] = {}
    per_day: Counter[date] = Counter()
    # A principle violated, then kept at the same node, counts as mastered there (scoring.verdict.
    # Avoidance): without this, a principle that only a choice can violate could never move on in
    # its schedule, and the suggestion would name it for ever.
    avoidance = Avoidance()
    for play in done:
        at = play.finished_at
        day = day_of(at)
        sid = play.scenario
        per_day[day] += 1
        by_scenario.setdefault(sid, []).append((play, day))
        current = play.rules == RULES
        for pid, step in avoidance.kept(sid, play.nodes, play.verdicts):
            by_principle.setdefault(pid, []).append(Attempt(
                play.play_id, sid, at, day, "mastered", play.mode, current, True, step))
        for pid, verdict in play.verdicts.items():
            by_principle.setdefault(pid, []).append(Attempt(play.play_id, sid, at, day, verdict, play.mode, current))
        avoidance.note(sid, play.nodes, play.violated)
    rows = tuple(PrincipleRow(pid, tuple(a), schedule(a)) for pid, a in by_principle.items())
    scenarios = tuple(_scenario_row(sid, by_scenario[sid]) for sid in sorted(by_scenario))
    return Profile(trainee=trainee, today=today, plays=len(done), principles=rows, scenarios=scenarios,
                   days=tuple(sorted(per_day.items())), suggestion=suggest(rows, today, available, judgement))


def _scenario_row(sid: str, plays: Sequence[tuple[ProgressPlay, date]]) -> ScenarioRow:
    scored = [(p, d) for p, d in plays if p.rules == RULES and p.scaled is not None]
    passes = [Pass(p.play_id, d, float(p.scaled), p.mode) for p, d in scored if p.passed]  # type: ignore[arg-type]
    best_pass = max(passes, key=lambda x: (x.mode != "coach", x.scaled, -x.day.toordinal()), default=None)
    last, last_day = plays[-1]
    return ScenarioRow(scenario=sid, plays=len(plays),
                       best=max((float(p.scaled) for p, _ in scored), default=None),  # type: ignore[arg-type]
                       last=None if last.scaled is None else float(last.scaled), last_current=last.rules == RULES,
                       last_day=last_day, best_pass=best_pass)


def suggest(rows: Sequence[PrincipleRow], today: date, available: Collection[str] | None = None,
            judgement: Judge | None = None) -> Suggestion | None:
    """The one thing to practise next (see the module's docstring); None when no principle was
    met in a scenario that is available."""
    candidates: list[tuple[tuple[int, int, int, int], PrincipleRow, Attempt]] = []
    for order, row in enumerate(rows):
        if row.schedule is None:
            continue
        source = _source(row, available)
        if source is None:
            continue
        due = row.schedule.due
        if due <= today:
            key = (0, NEED.get(row.last or "", 3), due.toordinal(), order)
        else:
            key = (1, due.toordinal(), NEED.get(row.last or "", 3), order)
        candidates.append((key, row, source))
    if not candidates:
        return None
    _, row, source = min(candidates, key=lambda c: c[0])
    assert row.schedule is not None
    if source.inferred:
        step = source.at_step
    else:
        step = _step(judgement(source.play_id, row.principle) if judgement else None, source.verdict)
    return Suggestion(principle=row.principle, scenario=source.scenario, play_id=source.play_id, step=step,
                      verdict=row.last or "", due=row.schedule.due, due_now=row.schedule.due <= today,
                      streak=row.schedule.streak)


def _source(row: PrincipleRow, available: Collection[str] | None) -> Attempt | None:
    """The attempt a suggestion for this principle starts from: the latest one whose verdict is
    its last verdict (a mistake is practised where it was made), in an available scenario."""
    usable = [a for a in row.attempts if available is None or a.scenario in available]
    if not usable:
        return None
    same = [a for a in usable if a.verdict == row.last]
    return (same or usable)[-1]


def from_store(store: Store, trainee: str, catalogue_ids: Sequence[str], today: date, *,
               available: Collection[str] | None = None) -> Profile:
    """The profile of `trainee` (their exact stored name) from an open Store."""
    return profile(trainee, store.progress_plays(trainee), catalogue_ids, today, available=available,
                   judgement=store.judgement)
