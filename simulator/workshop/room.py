"""What the room did: who is playing, who has finished, which door the room opened at each
node, the principles it missed most, and how the scores spread. Plain data and plain text.

`build_room` takes the plays (records plus, once finished, their results) and the scenarios;
`render_*` turn the Room into text lines with bars made of characters and always a number,
so that the meaning never rests on colour (NO_COLOR, projectors, screen readers).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from scoring.version import RULES
from simulator.format.model import Scenario
from simulator.lang.i18n import fmt_number, fmt_percent, t
from simulator.lang.typography import one_line
from simulator.play.record import PlayRecord
from simulator.results.choices import NodeLine, count_steps, node_lines
from simulator.results.reports.cells import arrival_numbers
from simulator.results.reports.figures import bucket_label, score_buckets


@dataclass(frozen=True)
class RoomPlay:
    """One play as the room sees it: the record so far and, once finished, its result."""

    record: PlayRecord
    finished_at: str | None = None
    outcome: str | None = None
    scaled: float | None = None
    passed: bool | None = None
    verdicts: Mapping[str, str] = field(default_factory=dict)  # principle id → verdict word
    rules: str | None = None  # the scoring rules its score was computed by

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class Seat:
    label: str
    play_id: str
    scenario: str
    steps: int
    node: str
    finished: bool
    outcome: str | None
    scaled: float | None
    passed: bool | None


@dataclass(frozen=True)
class PrincipleTally:
    principle: str
    name: str
    missed: int
    violated: int
    judged: int          # finished plays in which the principle came up

    @property
    def bad(self) -> int:
        return self.missed + self.violated


@dataclass(frozen=True)
class Room:
    scenario: str | None            # the scenario the tallies are about
    title: str
    seats: tuple[Seat, ...]         # every play in the window, every scenario
    nodes: tuple[NodeLine, ...]     # the choices made at each node (simulator/results/choices.py)
    principles: tuple[PrincipleTally, ...]   # most missed first
    scores: tuple[int, ...]         # finished plays per score bucket
    others: Mapping[str, int]       # plays of other scenarios, by id
    since: str | None = None        # the window's start (UTC ISO), None: every play in the database
    first: str | None = None        # when the earliest play counted started (UTC ISO)

    @property
    def playing(self) -> int:
        return sum(1 for s in self.seats if not s.finished)

    @property
    def finished(self) -> int:
        return sum(1 for s in self.seats if s.finished)

    def focus_finished(self) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.finished and s.scenario == self.scenario)

    @property
    def mean(self) -> float | None:
        done = [s.scaled for s in self.focus_finished() if s.scaled is not None]
        return round(sum(done) / len(done), 1) if done else None

    @property
    def pass_rate(self) -> float | None:
        done = [s for s in self.focus_finished() if s.passed is not None]  # a first-rules score is not counted
        return round(100 * sum(1 for s in done if s.passed) / len(done)) if done else None


def focus_scenario(plays: Sequence[RoomPlay], wanted: str | None) -> str | None:
    """The scenario to tally: the one asked for, else the one most played."""
    if wanted:
        return wanted
    counts = Counter(p.record.scenario for p in plays)
    return counts.most_common(1)[0][0] if counts else None


def labels(plays: Sequence[RoomPlay], anonymous: bool, lang: str) -> dict[str, str]:
    """play id → what the wall shows: the trainee's name, or 'Participant N' in order of arrival."""
    number = arrival_numbers((p.record.started_at, p.record.play_id) for p in plays)
    out: dict[str, str] = {}
    for p in plays:
        name = (p.record.trainee or "").strip()
        out[p.record.play_id] = t("room.anonymous", lang, n=number[p.record.play_id]) if anonymous or not name else name
    return out


def _short(text: str, width: int) -> str:
    """One line of prose, cut to `width` with an ellipsis."""
    return _clip(one_line(text), width)


def _clip(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def scored(play: RoomPlay) -> tuple[float | None, bool | None]:
    """A play's score and pass as the room shows them: none for a score by the first rules,
    which cannot be compared with the others (see simulator/results/rescore.py)."""
    return (play.scaled, play.passed) if play.rules == RULES else (None, None)


def build_room(plays: Iterable[RoomPlay], scenarios: Callable[[str], Scenario | None], *,
               scenario: str | None = None, anonymous: bool = False, lang: str = "fr",
               principle_name: Callable[[str], str] | None = None, since: str | None = None) -> Room:
    """Aggregate the plays. `scenarios(id)` gives a loaded scenario (None if unknown); `since`
    is only reported (the plays are already those of the window)."""
    plays = list(plays)
    focus = focus_scenario(plays, scenario)
    names = labels(plays, anonymous, lang)
    seats = tuple(sorted(
        (Seat(names[p.record.play_id], p.record.play_id, p.record.scenario, len(p.record.steps),
              p.record.current, p.finished, p.outcome, *scored(p)) for p in plays),
        key=lambda s: (s.finished, s.label.casefold())))
    mine = [p for p in plays if p.record.scenario == focus]
    others = Counter(p.record.scenario for p in plays if p.record.scenario != focus)
    sc = scenarios(focus) if focus else None
    title = sc.title.get(lang) if sc else (focus or "")

    # which door did the room open at each node (every step taken so far, finished or not)
    nodes = node_lines(count_steps(p.record for p in mine), lambda sid: sc, lang, t("room.timed_out", lang))

    # the principles the room missed most (finished plays: a verdict is final only at the end)
    missed: Counter[str] = Counter()
    violated: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    for p in mine:
        if not p.finished:
            continue
        for pid, verdict in p.verdicts.items():
            judged[pid] += 1
            if verdict == "missed":
                missed[pid] += 1
            elif verdict == "violated":
                violated[pid] += 1
    name = principle_name or (lambda pid: pid)
    principles = tuple(sorted(
        (PrincipleTally(pid, name(pid), missed[pid], violated[pid], judged[pid]) for pid in judged),
        key=lambda x: (-x.bad, -x.violated, x.principle)))

    scores = score_buckets(p.scaled for p in mine if p.finished and p.rules == RULES)
    first = min((p.record.started_at for p in plays), default=None)
    return Room(focus, title, seats, tuple(nodes), principles, scores, dict(others), since, first)


# -- text ------------------------------------------------------------------------------------

EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, most: int, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighths of a cell; empty for 0."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * value / most))
    full, rest = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[rest] if rest else "")


def render_seats(room: Room, lang: str, width: int = 78) -> list[str]:
    lines = [t("room.who", lang, playing=room.playing, finished=room.finished)]
    if not room.seats:
        return lines + ["  " + t("room.nobody", lang)]
    name_w = min(24, max(len(s.label) for s in room.seats))
    for s in room.seats:
        if s.finished:
            verdict = t("debrief.passed" if s.passed else "debrief.failed", lang)
            outcome = t(f"outcome.{s.outcome}", lang) if s.outcome in ("won", "kept", "lost") else "-"
            score = fmt_number(s.scaled, lang) if s.scaled is not None else "-"
            state = f"✓ {t('room.done', lang)} — {score}/100, {verdict}, {outcome}"
        else:
            state = f"… {t('room.at_step', lang, n=s.steps + 1)}"
        other = "" if s.scenario == room.scenario else f" [{s.scenario}]"
        lines.append(_clip(f"  {_short(s.label, name_w):<{name_w}}  {state}{other}", width))
    return lines


def render_choices(room: Room, lang: str, width: int = 78) -> list[str]:
    lines = [t("room.choices", lang)]
    if not room.nodes:
        return lines + ["  " + t("room.no_steps", lang)]
    for node in room.nodes:
        lines.append(_clip(f"  {node.node} — {_short(node.text, width)}", width))
        most = max(c.count for c in node.choices)
        label_w = max(20, width - 38)
        for c in node.choices:
            pct = round(100 * c.count / node.total) if node.total else 0
            lines.append(f"    {_short(c.text, label_w):<{label_w}} {bar(c.count, most, 20):<20} {c.count:>3} "
                         f"({fmt_percent(pct, lang)})")
    return lines


def render_principles(room: Room, lang: str, width: int = 78, top: int = 8) -> list[str]:
    lines = [t("room.missed_most", lang)]
    shown = [p for p in room.principles if p.bad][:top]
    if not shown:
        return lines + ["  " + t("room.none_missed" if room.principles else "room.no_finished", lang)]
    most = max(p.bad for p in shown)
    for p in shown:
        detail = t("room.missed_detail", lang, missed=p.missed, violated=p.violated, judged=p.judged)
        lines.append(_clip(f"  {_short(p.name, 28):<28} {bar(p.bad, most, 16):<16} {p.bad:>3}  {detail}", width))
    return lines


def render_scores(room: Room, lang: str, width: int = 78) -> list[str]:
    mean = "-" if room.mean is None else fmt_number(room.mean, lang)
    rate = "-" if room.pass_rate is None else fmt_percent(room.pass_rate, lang)
    lines = [t("room.scores", lang, mean=mean, rate=rate)]
    if not any(room.scores):
        return lines + ["  " + t("room.no_finished", lang)]
    most = max(room.scores)
    for i, n in enumerate(room.scores):
        lines.append(f"  {bucket_label(i):>7} {bar(n, most, 30):<30} {n:>3}")
    return lines


def local_time(iso: str | None) -> str:
    """'2026-11-25T08:00:00+00:00' → '2026-11-25 09:00' in this machine's time zone (as --since is typed)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def render_scope(room: Room, lang: str, width: int = 78) -> list[str]:
    """Which plays the room counts: since when, and how many. Without --since it is every play
    the database holds, earlier workshops included, and the lines say so."""
    n = len(room.seats)
    if room.since:
        return [_clip(t("room.scope_since", lang, when=local_time(room.since), n=n), width)]
    if not n:
        return [_clip(t("room.scope_all_empty", lang), width)]
    return [_clip(t("room.scope_all", lang, n=n, when=local_time(room.first)), width),
            _clip(t("room.scope_hint", lang), width)]


def render_text(room: Room, lang: str = "fr", width: int = 78) -> str:
    """The whole room as text (the `litige room --once` output and the tests' view)."""
    head = [f"{t('room.title', lang)} — {room.title or t('room.no_plays', lang)}", *render_scope(room, lang, width)]
    if room.others:
        head.append(t("room.others", lang, others=", ".join(f"{k} ({v})" for k, v in sorted(room.others.items()))))
    parts = [head, render_seats(room, lang, width), render_choices(room, lang, width),
             render_principles(room, lang, width), render_scores(room, lang, width)]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"
