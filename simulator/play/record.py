"""The play record: what happened in one play, step by step, with a JSON round trip."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Step:
    """One decision: at `node`, with `offered` choice ids, `chosen` (None when time ran out)."""

    node: str
    offered: tuple[str, ...]
    chosen: str | None
    next: str
    meters_before: Mapping[str, int]
    meters_after: Mapping[str, int]
    flags_before: tuple[str, ...] = ()
    flags_after: tuple[str, ...] = ()
    seconds: float = 0.0
    timed_out: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["offered"] = list(self.offered)
        d["meters_before"] = dict(self.meters_before)
        d["meters_after"] = dict(self.meters_after)
        d["flags_before"] = list(self.flags_before)
        d["flags_after"] = list(self.flags_after)
        return d

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Step:
        return Step(
            node=d["node"], offered=tuple(d["offered"]), chosen=d.get("chosen"), next=d["next"],
            meters_before=dict(d.get("meters_before", {})), meters_after=dict(d.get("meters_after", {})),
            flags_before=tuple(d.get("flags_before", ())), flags_after=tuple(d.get("flags_after", ())),
            seconds=float(d.get("seconds", 0.0)), timed_out=bool(d.get("timed_out", False)),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PlayRecord:
    """A whole play. Immutable: the engine makes a new record at each step."""

    scenario: str
    start: str
    steps: tuple[Step, ...] = ()
    lang: str = "fr"
    play_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: str = field(default_factory=_now)
    trainee: str | None = None
    variant: str | None = None  # the scenario's variant drawn for this play (its hidden facts)
    mode: str = "exam"  # "coach": each choice's feedback was shown right after it; "exam": in the debrief only

    @property
    def current(self) -> str:
        """The node the play stands at now."""
        return self.steps[-1].next if self.steps else self.start

    def with_step(self, step: Step) -> PlayRecord:
        return replace(self, steps=self.steps + (step,))

    def truncated(self, k: int) -> PlayRecord:
        return replace(self, steps=self.steps[:k])

    def to_dict(self) -> dict[str, Any]:
        return {
            "play_id": self.play_id, "scenario": self.scenario, "start": self.start, "lang": self.lang,
            "started_at": self.started_at, "trainee": self.trainee, "variant": self.variant,
            "mode": self.mode, "steps": [s.to_dict() for s in self.steps],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> PlayRecord:
        return PlayRecord(
            scenario=d["scenario"], start=d["start"], steps=tuple(Step.from_dict(s) for s in d.get("steps", ())),
            lang=d.get("lang", "fr"), play_id=d.get("play_id") or uuid.uuid4().hex,
            started_at=d.get("started_at") or _now(), trainee=d.get("trainee"), variant=d.get("variant"),
            mode=d.get("mode") or "exam",  # records from before coach mode were all played as exams
        )

    @staticmethod
    def from_json(text: str) -> PlayRecord:
        return PlayRecord.from_dict(json.loads(text))
