"""xAPI 1.0.3 statements for stored plays (pure: no database, no network).

For each finished play: one `initialized` (the play starts), one `answered` per step (the choice
id as the response, the principles it applied or violated in result extensions), one `completed`
and one `passed` or `failed` (score scaled/raw/min/max, success, completion, duration). Verbs are
ADL's; activity ids are stable per scenario and per node; statement ids are uuid5 of the play id
and the statement's place in the play, so sending a statement again is idempotent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from scoring.version import FIRST_RULES, RULES
from simulator.lang.plaintext import shown

if TYPE_CHECKING:
    from simulator.format.model import Scenario
    from simulator.play.record import Step
    from simulator.results.store import StoredPlay

VERSION = "1.0.3"
BASE = "https://litige.example/xapi"
HOMEPAGE = "https://litige.example"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)  # statement ids stay the same whatever the base

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "initialized": {"id": ADL + "initialized", "display": {"en-US": "initialized", "fr-FR": "a commencé"}},
    "answered": {"id": ADL + "answered", "display": {"en-US": "answered", "fr-FR": "a répondu"}},
    "completed": {"id": ADL + "completed", "display": {"en-US": "completed", "fr-FR": "a terminé"}},
    "passed": {"id": ADL + "passed", "display": {"en-US": "passed", "fr-FR": "a réussi"}},
    "failed": {"id": ADL + "failed", "display": {"en-US": "failed", "fr-FR": "a échoué"}},
}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
LANG_TAGS = {"fr": "fr-FR", "en": "en-US"}


def check_base(base: str) -> str:
    """An activity base IRI as given by `--xapi-base` (no trailing slash), or ValueError."""
    parts = urlsplit(base.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{base!r} is not an http(s) address without query or fragment, "
                         "such as https://lms.example.com/litige")
    return base.strip().rstrip("/")


def homepage_of(base: str) -> str:
    """The accounts' home page: the base's scheme and host (https://litige.example for the default)."""
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def ext(name: str, base: str = BASE) -> str:
    return f"{base}/extensions/{name}"


def scenario_activity_id(scenario_id: str, base: str = BASE) -> str:
    return f"{base}/scenarios/{quote(scenario_id, safe='')}"


def node_activity_id(scenario_id: str, node_id: str, base: str = BASE) -> str:
    return f"{scenario_activity_id(scenario_id, base)}/nodes/{quote(node_id, safe='')}"


def statement_id(play_id: str, place: str) -> str:
    """Deterministic: the same play and place always give the same id."""
    return str(uuid.uuid5(NAMESPACE, f"{play_id}/{place}"))


def registration(play_id: str) -> str:
    """The play's registration (a UUID): the play id itself when it is one (the engine's uuid4 hex)."""
    try:
        return str(uuid.UUID(play_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, f"play/{play_id}"))


def duration(seconds: float) -> str:
    """ISO 8601 duration: 75.5 → 'PT1M15.5S'."""
    seconds = max(0.0, round(float(seconds), 2))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    if secs or out == "PT":
        out += f"{secs:.2f}".rstrip("0").rstrip(".") + "S"
    return out


def _moment(iso: str) -> datetime:
    try:
        m = datetime.fromisoformat(iso)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return m if m.tzinfo else m.replace(tzinfo=UTC)


def _stamp(m: datetime) -> str:
    return m.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def actor(trainee: str | None, homepage: str = HOMEPAGE, *, play_id: str | None = None) -> dict[str, Any]:
    """The trainee as an xAPI agent (an account under Litige's home page). A play without a name
    is its own agent, `anonymous-PLAY_ID`: an LMS must not merge strangers into one learner."""
    name = (trainee or "").strip()
    if not name:
        return {"objectType": "Agent", "name": "anonymous",
                "account": {"homePage": homepage, "name": f"anonymous-{play_id}" if play_id else "anonymous"}}
    # The account's name is the identity an LRS matches statements on: the exact name (JSON
    # escapes carry any character). The agent's `name` is only shown (an LRS's dashboard, a
    # report): it follows the rule for stored free text, so that an escape sequence or a bidi
    # override in a name cannot act where it is shown (plaintext.shown).
    return {"objectType": "Agent", "name": shown(name), "account": {"homePage": homepage, "name": name}}


def _lang_map(text: Any, fallback: str) -> dict[str, str]:
    """A Text as an xAPI language map (or the fallback, an id read from the database, in en-US)."""
    values = getattr(text, "values", None)
    if isinstance(values, Mapping) and values:
        return {LANG_TAGS.get(k) or k: v for k, v in values.items()}
    return {"en-US": shown(fallback)}  # an id from the database, shown: the rule for stored text


def min_score(scenario: Scenario | None, weights: Mapping[str, int] | None, raw: int) -> int:
    """The lowest raw score the first rules allowed: minus every principle one of its choices violates."""
    if scenario is None:
        return min(0, raw)
    violable = {p for n in scenario.nodes.values() for c in n.choices for p in c.violates}
    return min(raw, -sum((weights or {}).get(p, 1) for p in violable))


def statements(play: StoredPlay, scenario: Scenario | None = None, *, weights: Mapping[str, int] | None = None,
               base: str = BASE, homepage: str = HOMEPAGE) -> list[dict[str, Any]]:
    """The statements of one finished play, in the order they happened."""
    rec = play.record
    if not play.finished:
        raise ValueError(f"play {rec.play_id} is not finished")
    shared = _PlayStatements(play, scenario, base, homepage)
    start = _moment(rec.started_at)
    out = [shared.statement("initialized", "initialized", shared.scenario_object, shared.context(), start)]
    applied_at, violated_at = _principles_by_step(play.judgements)
    elapsed = 0.0
    for i, step in enumerate(rec.steps):
        elapsed += step.seconds
        out.append(shared.answered(i, step, applied_at.get(i, []), violated_at.get(i, []),
                                   start + timedelta(seconds=elapsed)))
    done = start + timedelta(seconds=elapsed) if play.finished_at is None else _moment(play.finished_at)
    score = _score(play, scenario, weights)
    total = duration(sum(s.seconds for s in rec.steps))
    verdicts = _verdicts(play, base)
    for place, verb in (("completed", "completed"), ("result", "passed" if play.passed else "failed")):
        result = {**({"score": score} if score else {}), "success": bool(play.passed), "completion": True,
                  "duration": total, "extensions": verdicts}
        out.append(shared.statement(place, verb, shared.scenario_object, shared.context(), done, result=result))
    return out


class _PlayStatements:
    """What every statement of one play shares: its actor, its registration, its language, the
    scenario as an activity; and how one statement is put together."""

    def __init__(self, play: StoredPlay, scenario: Scenario | None, base: str, homepage: str):
        rec = play.record
        self.rec, self.scenario, self.base = rec, scenario, base
        self.actor = actor(rec.trainee, homepage, play_id=rec.play_id)
        self.lang = LANG_TAGS.get(rec.lang, rec.lang)
        self.registration = registration(rec.play_id)
        self.scenario_id = scenario_activity_id(rec.scenario, base)
        definition: dict[str, Any] = {"type": SIMULATION,
                                      "name": _lang_map(scenario.title if scenario else None, rec.scenario)}
        if scenario is not None and scenario.summary is not None:
            definition["description"] = _lang_map(scenario.summary, rec.scenario)
        self.scenario_object = {"objectType": "Activity", "id": self.scenario_id, "definition": definition}

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"registration": self.registration, "language": self.lang, "platform": "Litige",
                "extensions": {ext("play-id", self.base): self.rec.play_id, **extra}}

    def statement(self, place: str, verb: str, obj: Mapping[str, Any], context: dict[str, Any], at: datetime,
                  result: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"id": statement_id(self.rec.play_id, place), "actor": self.actor, "verb": VERBS[verb],
                "object": obj, **({"result": result} if result is not None else {}), "context": context,
                "timestamp": _stamp(at)}

    def answered(self, i: int, step: Step, applied: list[str], violated: list[str], at: datetime) -> dict[str, Any]:
        """Step `i`: the node as a choice interaction, the choice id as the response, the
        principles it applied and violated (the scenario's, else the stored judgements')."""
        base, node = self.base, self.scenario.nodes.get(step.node) if self.scenario else None
        by_id = {c.id: c for c in node.choices} if node else {}
        chosen = by_id.get(step.chosen or "")
        definition: dict[str, Any] = {"type": INTERACTION, "interactionType": "choice",
                                      "name": _lang_map(node.text if node else None, step.node)}
        choices = [{"id": cid, "description": _lang_map(by_id[cid].text if cid in by_id else None, cid)}
                   for cid in step.offered]
        if choices:
            definition["choices"] = choices
        result: dict[str, Any] = {
            "response": step.chosen or "", "duration": duration(step.seconds),
            "extensions": {ext("applies", base): list(chosen.applies) if chosen else applied,
                           ext("violates", base): list(chosen.violates) if chosen else violated,
                           ext("timed-out", base): step.timed_out, ext("next-node", base): step.next},
        }
        obj = {"objectType": "Activity", "id": node_activity_id(self.rec.scenario, step.node, base),
               "definition": definition}
        context = {**self.context(**{ext("step", base): i}),
                   "contextActivities": {"parent": [{"objectType": "Activity", "id": self.scenario_id}]}}
        return self.statement(f"step/{i}", "answered", obj, context, at, result=result)


def _principles_by_step(judgements: Mapping[str, Mapping[str, Sequence[int]]]
                        ) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Step index → the principles the stored judgements say it applied, and violated."""
    applied_at: dict[int, list[str]] = {}
    violated_at: dict[int, list[str]] = {}
    for pid, j in judgements.items():
        for i in j.get("applied", ()):
            applied_at.setdefault(i, []).append(pid)
        for i in j.get("violated", ()):
            violated_at.setdefault(i, []).append(pid)
    return applied_at, violated_at


def _score(play: StoredPlay, scenario: Scenario | None, weights: Mapping[str, int] | None) -> dict[str, Any] | None:
    """The play's score as xAPI writes it (scaled 0 to 1, raw, min, max), None when it has none."""
    if play.rules == RULES:  # raw = Σ stake × credit, max = Σ stake, min 0, scaled = raw / max
        return ({"scaled": round(float(play.scaled) / 100, 4), "raw": play.raw, "min": 0, "max": play.best}
                if play.scaled is not None and play.best else None)
    # a play scored by the first rules and not scored again: its figures as they were, marked so
    raw, best = int(play.raw or 0), int(play.best or 0)
    return {"scaled": round(max(0.0, min(100.0, float(play.scaled or 0))) / 100, 4), "raw": raw,
            "min": min_score(scenario, weights, raw), "max": max(best, raw)}


def _verdicts(play: StoredPlay, base: str) -> dict[str, Any]:
    """The closing statements' result extensions: verdicts, ending, outcome, scoring rules, variant."""
    out = {ext("verdicts", base): dict(play.verdicts), ext("ending", base): play.ending,
           ext("outcome", base): play.outcome, ext("scoring-rules", base): play.rules or FIRST_RULES}
    if play.record.variant:
        out[ext("variant", base)] = play.record.variant
    return out


def all_statements(plays: Sequence[StoredPlay], scenarios: Mapping[str, Scenario | None],
                   weights_of: Mapping[str, Mapping[str, int]] | None = None, **kw: Any) -> list[dict[str, Any]]:
    """Statements of every finished play among `plays`."""
    out: list[dict[str, Any]] = []
    for p in plays:
        if p.finished:
            sid = p.record.scenario
            out.extend(statements(p, scenarios.get(sid), weights=(weights_of or {}).get(sid), **kw))
    return out
