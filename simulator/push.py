"""Queue the statements of finished plays in the store's outbox, then send the unsent ones."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.lrs import LRS, LRSError, explain
from simulator.store import Store


@dataclass(frozen=True)
class PushOutcome:
    queued: int          # statements newly put in the outbox
    sent: int            # statements the LRS accepted in this push
    already: int         # statements the LRS already had (409 on redelivery)
    left: int            # statements still waiting in the outbox
    batches: int
    error: str | None = None

    def summary(self) -> str:
        text = f"{self.sent} statement(s) sent in {self.batches} batch(es)"
        if self.already:
            text += f", {self.already} already in the LRS"
        return text + f"; {self.left} waiting in the outbox"


def queue(store: Store, *, base: str | None = None) -> int:
    """Put the statements of every finished play not queued yet into the outbox (activity ids
    under `base`, the default's when None; statements already queued keep theirs)."""
    from simulator.commands.results_common import load_scenarios, weights_of
    from simulator.xapi import BASE, homepage_of, statements

    base = base or BASE

    ids = store.unqueued_plays()
    scenario_map: dict = {}
    weights: dict = {}
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


def push(store: Store, lrs: LRS, *, batch: int = 200, base: str | None = None) -> PushOutcome:
    queued = queue(store, base=base)
    sent = already = batches = 0
    error = None
    while True:
        items = store.unsent(limit=batch)
        if not items:
            break
        try:
            status, body = lrs.post([i.statement for i in items])
        except LRSError as exc:
            error = str(exc)
            break
        batches += 1
        if status in (200, 204):
            store.mark_sent(i.statement_id for i in items)
            sent += len(items)
            continue
        if status == 409 and len(items) > 1:
            # some were delivered before (e.g. a push cut off after the LRS stored them): one by one
            for item in items:
                try:
                    one, one_body = lrs.post([item.statement])
                except LRSError as exc:
                    error = str(exc)
                    break
                batches += 1
                if one in (200, 204):
                    sent += 1
                elif one == 409:
                    already += 1
                else:
                    error = explain(one, one_body, lrs.statements_url)
                    break
                store.mark_sent([item.statement_id])
            if error:
                break
            continue
        if status == 409:
            store.mark_sent([items[0].statement_id])
            already += 1
            continue
        error = explain(status, body, lrs.statements_url)
        break
    _, left = store.outbox_counts()
    return PushOutcome(queued, sent, already, left, batches, error)
