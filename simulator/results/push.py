"""Queue the statements of finished plays in the store's outbox, then send the unsent ones.

A statement counts as delivered only when the LRS said so in xAPI 1.0.3's words, checked:
- a POST of a batch answered 200 with a JSON list of ids: the ids listed, each one we sent
  (an id we did not send, or a body that is not such a list, delivers nothing: a captive
  portal's page, a proxy's error); statements sent but not listed (an LRS lists only the ones
  it did not hold already), and every statement of a POST answered 204, go one by one;
- a PUT of one statement answered 204 (after a POST answered 204, which is not xAPI's answer, the
  first such statement is read back by a GET before anything counts: a proxy or portal that
  answers 204 to every request delivers nothing);
- a PUT answered 409 (conflict), when a GET of that id then gives the statement back: the LRS
  holds it already ("already in the LRS"); an LRS answering 409 without holding it stops the push.
A POST refused for one of its statements (400, 409, 413) is split in halves until that
statement is alone; a statement refused alone (400, 413) is *rejected*: kept in the outbox,
marked with the LRS's reason and reported, and the others are sent. Each later push sends the
others first and then tries the rejected ones again, so one statement never blocks the outbox.
Any other answer stops the push: what was delivered stays delivered, the rest waits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.results.lrs import LRS, Answer, LRSError, explain, holds, listed_ids, shown
from simulator.results.store import OutboxItem, Store, now_utc

if TYPE_CHECKING:
    from simulator.format.model import Scenario

SPLIT = (400, 409, 413)      # a POST refused for one of its statements: halve it to find which
REFUSED = (400, 413)         # one statement refused as such: rejected (kept, marked, reported)
REFUSED_ALL = 10             # statements refused alone, none accepted: the endpoint, not them; stop
REJECTED_KEY = "xapi.rejected"  # setting: {statement id: {"play", "reason", "at"}} of the rejected ones


@dataclass(frozen=True)
class Rejected:
    statement_id: str
    play_id: str
    reason: str              # "HTTP 400: …" as the LRS said it (one shown line)


@dataclass(frozen=True)
class PushOutcome:
    queued: int          # statements newly put in the outbox
    sent: int            # statements the LRS accepted in this push
    already: int         # statements the LRS already had (409, then read back)
    left: int            # statements still waiting in the outbox (the rejected ones included)
    batches: int         # POSTs and PUTs answered
    error: str | None = None
    rejected: tuple[Rejected, ...] = ()  # refused by the LRS in this push: kept, tried again next time
    url: str = ""

    def summary(self) -> str:
        text = f"{self.sent} statement(s) sent in {self.batches} batch(es)"
        if self.already:
            text += f", {self.already} already in the LRS"
        if self.rejected:
            text += f", {len(self.rejected)} rejected by the LRS"
        text += f"; {self.left} waiting in the outbox"
        if self.rejected:
            text += " (the rejected ones included: each push tries them again, after the others)"
        return text

    def problem(self) -> str | None:
        """The one line to report, if any: what stopped the push, else what the LRS rejected."""
        if self.error or not self.rejected:
            return self.error
        first = self.rejected[0]
        what = f"statement {first.statement_id}" if len(self.rejected) == 1 else \
            f"{len(self.rejected)} statements, the first {first.statement_id}"
        return (f"the LRS at {self.url} rejected {what} (play {first.play_id}; {first.reason}); "
                "kept in the outbox and tried again at the next push; the others were sent")


def queue(store: Store, *, base: str | None = None) -> int:
    """Put the statements of every finished play not queued yet into the outbox (activity ids
    under `base`, the default's when None; statements already queued keep theirs)."""
    from simulator.results.shipped import load_scenarios, weights_of
    from simulator.results.xapi import BASE, homepage_of, statements

    base = base or BASE

    ids = store.unqueued_plays()
    scenario_map: dict[str, Scenario | None] = {}
    weights: dict[str, dict[str, int]] = {}
    added = 0
    for start in range(0, len(ids), 500):  # a bounded number of whole plays in memory at once
        plays = store.plays(play_ids=ids[start:start + 500])
        missing = {p.record.scenario for p in plays} - set(scenario_map)
        if missing:
            found = load_scenarios(missing)
            scenario_map.update(found)
            weights.update(weights_of(found))
        for p in plays:
            sid = p.record.scenario
            added += store.enqueue(p.record.play_id, statements(p, scenario_map.get(sid), weights=weights.get(sid),
                                                                base=base, homepage=homepage_of(base)),
                                   finished_at=p.finished_at, steps=len(p.record.steps))
    return added


class _Stop(Exception):
    """An answer (or a failure) that ends the push: its one line."""


class Rejections:
    """The statements the LRS rejected, kept in the store's settings (no schema change): id →
    the play, the LRS's reason and when. They stay unsent in the outbox. Changes are written by
    save(), once per push (a mark lost to a crash only means the statement is tried earlier)."""

    def __init__(self, store: Store):
        self.store = store
        try:
            found = json.loads(store.get_setting(REJECTED_KEY) or "{}")
        except ValueError:
            found = {}
        self.marks: dict[str, dict[str, str]] = found if isinstance(found, dict) else {}
        self._changed = False

    def add(self, item: OutboxItem, reason: str) -> None:
        self.marks[item.statement_id] = {"play": item.play_id, "reason": reason, "at": now_utc()}
        self._changed = True

    def drop(self, statement_ids: Iterable[str]) -> None:
        for i in statement_ids:
            if self.marks.pop(i, None) is not None:
                self._changed = True

    def save(self) -> None:
        if self._changed:
            self.store.set_setting(REJECTED_KEY, json.dumps(self.marks))
            self._changed = False


class _Run:
    def __init__(self, store: Store, lrs: LRS):
        self.store, self.lrs = store, lrs
        self.url = lrs.statements_url
        self.rejections = Rejections(store)
        self.sent = self.already = self.batches = 0
        self.rejected: list[Rejected] = []
        self.read_back = False  # a POST was answered 204: the next PUT answered 204 is read back first

    def _ask(self, answer: Answer) -> Answer:
        self.batches += 1
        return answer

    def _delivered(self, items: Sequence[OutboxItem], *, already: bool = False) -> None:
        ids = [i.statement_id for i in items]
        self.store.mark_sent(ids)
        self.rejections.drop(ids)
        if already:
            self.already += len(ids)
        else:
            self.sent += len(ids)

    def deliver(self, items: Sequence[OutboxItem]) -> None:
        if len(items) == 1:
            return self._one(items[0])
        answer = self._ask(self.lrs.post([i.statement for i in items]))
        if answer.status in (200, 204):
            ids = listed_ids(answer) if answer.status == 200 else []
            self.read_back = self.read_back or answer.status == 204
            ours = {i.statement_id.lower() for i in items}
            if ids is None or not {i.lower() for i in ids} <= ours:
                raise _Stop(explain(answer, self.url))
            listed = {i.lower() for i in ids}
            self._delivered([i for i in items if i.statement_id.lower() in listed])
            for item in items:  # not listed: maybe held already (an LRS lists only what it stored)
                if item.statement_id.lower() not in listed:
                    self._one(item)
            return None
        if answer.status in SPLIT:
            half = len(items) // 2
            self.deliver(items[:half])
            self.deliver(items[half:])
            return None
        raise _Stop(explain(answer, self.url))

    def _one(self, item: OutboxItem) -> None:
        answer = self._ask(self.lrs.put(item.statement))
        if answer.status == 204:
            if self.read_back:  # not xAPI's answer to a POST: maybe whatever answers 204 to everything
                check = self.lrs.get(item.statement_id)
                if not holds(check, item.statement_id):
                    raise _Stop(f"the LRS at {self.url} answered HTTP 204 to a POST (xAPI 1.0.3 answers 200 with the "
                                f"ids) and to the PUT of statement {item.statement_id}, but a GET of it answered "
                                f"HTTP {check.status} without it: nothing counted as delivered; is --lrs an xAPI "
                                "endpoint?")
                self.read_back = False
            self._delivered([item])
        elif answer.status == 409:
            check = self.lrs.get(item.statement_id)
            if not holds(check, item.statement_id):
                raise _Stop(f"the LRS at {self.url} answered HTTP 409 (conflict) to the PUT of statement "
                            f"{item.statement_id} but does not hold it (a GET of it answered HTTP {check.status}): "
                            "not counted as delivered")
            self._delivered([item], already=True)
        elif answer.status in REFUSED:
            detail = shown(answer.body.decode("utf-8", "replace"))
            reason = f"HTTP {answer.status}" + (f": {detail}" if detail else "")
            self.rejections.add(item, reason)
            self.rejected.append(Rejected(item.statement_id, item.play_id, reason))
            if len(self.rejected) >= REFUSED_ALL and not self.sent + self.already:
                raise _Stop(f"the LRS at {self.url} refused each of the first {REFUSED_ALL} statements sent alone "
                            f"(the last: {reason}) and accepted none: stopped there; is --lrs its xAPI endpoint? "
                            "The statements wait in the outbox")
        else:
            raise _Stop(explain(answer, self.url))


def push(store: Store, lrs: LRS, *, batch: int = 200, base: str | None = None) -> PushOutcome:
    queued = queue(store, base=base)
    run = _Run(store, lrs)
    error = None
    earlier = set(run.rejections.marks)  # rejected by an earlier push: tried again after the others
    try:
        while True:
            skip = earlier | {r.statement_id for r in run.rejected}
            page = [i for i in store.unsent(limit=len(skip) + batch) if i.statement_id not in skip][:batch]
            if not page:
                break
            run.deliver(page)
        waiting = store.unsent()  # the rejected ones, now
        unsent = {w.statement_id for w in waiting}
        run.rejections.drop([i for i in earlier if i not in unsent])  # delivered by another push
        again = [i for i in waiting if i.statement_id in earlier]  # (the pages above left them alone)
        for start in range(0, len(again), batch):
            run.deliver(again[start:start + batch])
    except (_Stop, LRSError) as stop:
        error = str(stop)
    finally:
        run.rejections.save()
    _, left = store.outbox_counts()
    return PushOutcome(queued, run.sent, run.already, left, run.batches, error, tuple(run.rejected), run.url)
