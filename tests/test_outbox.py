"""The outbox and `push` against a stand-in LRS on loopback (stdlib http.server in a thread,
answering what each test scripts), on a real SQLite store: what is marked sent, what stays.
The contract (simulator/results/push.py): a batch is POSTed, a single statement PUT; a statement is
delivered when a POST is answered 200 with its id listed, or a PUT 204; a 409 to a PUT counts
as "already in the LRS" only when a GET of the id gives the statement back; a POST refused for
one of its statements (400, 409, 413) is halved until that statement is alone; a statement
refused alone (400, 413) is rejected: kept, marked and reported, and the others are sent; any
other answer stops the push and keeps the rest for the next one."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator.results.lrs import LRS, LRSError
from simulator.results.push import push
from simulator.results.store import Store

Answer = Callable[[list[dict]], int]
OK = 0  # the success of the method: 200 with the batch's ids to a POST, 204 to a PUT


class StandIn:
    """A loopback xAPI endpoint: `answer(batch)` gives the status of each POST or PUT (a PUT's
    batch is its one statement; OK: the method's success). The ids of each POST or PUT are kept
    in `posts` (their methods in `methods`), every statement in `bodies`; what it answered 200 or
    204 to is stored in `held`, which a GET ?statementId= reads (404 for an id not held)."""

    def __init__(self, answer: Answer):
        self.answer = answer
        self.posts: list[list[str]] = []
        self.methods: list[str] = []
        self.bodies: list[dict] = []  # every statement posted or put, in order
        self.held: dict[str, dict] = {}
        self.gets: list[str] = []
        self.lists_new_only = False  # a 200 lists only the ids not held before
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: bytes | None) -> None:
                self.send_response(status)
                if body is not None:
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Content-Type", "application/json")
                self.end_headers()
                if body is not None:
                    self.wfile.write(body)

            def _store(self, method: str) -> None:
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                batch = data if method == "POST" else [data]
                stand_in.posts.append([s["id"] for s in batch])
                stand_in.methods.append(method)
                stand_in.bodies.extend(batch)
                status = stand_in.answer(batch)
                if isinstance(status, tuple):  # (status, body): what the test scripts, as it is
                    self.send_response(status[0])
                    self.send_header("Content-Length", str(len(status[1])))
                    self.end_headers()
                    self.wfile.write(status[1])
                    return
                if status == OK:
                    status = 200 if method == "POST" else 204
                new = [st["id"] for st in batch if not (stand_in.lists_new_only and st["id"] in stand_in.held)]
                if status in (200, 204):
                    for st in batch:
                        stand_in.held.setdefault(st["id"], st)
                if status == 204:
                    self._send(204, None)
                elif status == 200:
                    self._send(200, json.dumps(new).encode())
                else:
                    self._send(status, b'{"error": "no"}')

            def do_POST(self):  # noqa: N802
                self._store("POST")

            def do_PUT(self):  # noqa: N802
                self._store("PUT")

            def do_GET(self):  # noqa: N802
                sid = parse_qs(urlsplit(self.path).query).get("statementId", [""])[0]
                stand_in.gets.append(sid)
                if sid in stand_in.held:
                    self._send(200, json.dumps(stand_in.held[sid]).encode())
                else:
                    self._send(404, b'{"error": "not found"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def lrs(self) -> LRS:
        return LRS(self.url, user="u", password="p", timeout=10)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in():
    made: list[StandIn] = []

    def make(answer: Answer) -> StandIn:
        s = StandIn(answer)
        made.append(s)
        return s
    yield make
    for s in made:
        s.close()


IDS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(1, 8)]


@pytest.fixture
def store(tmp_path):
    """A real SQLite store whose outbox holds 7 statements of two plays, in this order."""
    with Store.open(tmp_path / "o.db") as s:
        s.enqueue("play-1", [{"id": i, "verb": {"id": "v"}} for i in IDS[:4]])
        s.enqueue("play-2", [{"id": i, "verb": {"id": "v"}} for i in IDS[4:]])
        yield s


def unsent_ids(store: Store) -> list[str]:
    return [i.statement_id for i in store.unsent()]


def answers(*statuses: int) -> Answer:
    """Answer the n-th POST or PUT with the n-th status (and OK after the list)."""
    it = iter(statuses)
    return lambda batch: next(it, OK)


def refusing(*ids: str, status: int = 409) -> Answer:
    """Answer `status` to a POST or PUT holding one of `ids`, OK to the others."""
    return lambda batch: status if any(st["id"] in ids for st in batch) else OK


def test_200_with_the_ids_marks_every_statement_sent_and_a_second_push_sends_nothing(store, stand_in):
    lrs = stand_in(answers())
    out = push(store, lrs.lrs(), batch=3)
    assert (out.sent, out.already, out.left, out.batches, out.error) == (7, 0, 0, 3, None)
    assert lrs.posts == [IDS[0:3], IDS[3:6], IDS[6:7]]
    assert lrs.methods == ["POST", "POST", "PUT"]  # a batch of one is PUT (?statementId=)
    assert store.outbox_counts() == (7, 0) and unsent_ids(store) == []
    again = push(store, lrs.lrs(), batch=3)
    assert (again.sent, again.left, again.batches, again.error) == (0, 0, 0, None)
    assert len(lrs.posts) == 3  # nothing posted the second time


def test_a_204_to_a_post_lists_no_id_so_each_statement_is_put_and_204_to_a_put_delivers(store, stand_in):
    lrs = stand_in(answers(204))
    out = push(store, lrs.lrs(), batch=4)
    assert (out.sent, out.left, out.error) == (7, 0, None)
    assert lrs.methods == ["POST", "PUT", "PUT", "PUT", "PUT", "POST"]
    assert lrs.posts[1:5] == [[i] for i in IDS[:4]]
    assert store.outbox_counts() == (7, 0)


def test_a_200_listing_only_some_ids_delivers_those_and_puts_the_others(store, stand_in):
    """An LRS may list only the statements it stored (Ralph leaves out those it held already)."""
    lrs = stand_in(answers())
    lrs.lists_new_only = True
    lrs.held[IDS[1]] = {"id": IDS[1], "verb": {"id": "v"}}
    out = push(store, lrs.lrs(), batch=7)
    assert (out.sent, out.left, out.error) == (7, 0, None)
    assert lrs.posts == [IDS, [IDS[1]]] and lrs.methods == ["POST", "PUT"]
    assert store.outbox_counts() == (7, 0)


def test_a_500_mid_way_keeps_that_batch_and_the_rest_unsent_for_the_next_push(store, stand_in):
    lrs = stand_in(answers(OK, 500))
    out = push(store, lrs.lrs(), batch=3)
    assert (out.sent, out.left, out.batches) == (3, 4, 2)  # batches: POSTs and PUTs answered
    assert out.error is not None and "HTTP 500" in out.error
    assert lrs.posts == [IDS[0:3], IDS[3:6]]  # stopped at the refusal: the last batch never posted
    assert unsent_ids(store) == IDS[3:]
    assert store.outbox_counts() == (3, 4)
    # the next push delivers the rest, in order, and nothing twice
    later = push(store, lrs.lrs(), batch=3)
    assert (later.sent, later.left, later.error) == (4, 0, None)
    assert lrs.posts[2:] == [IDS[3:6], IDS[6:7]]
    assert store.outbox_counts() == (7, 0)


def test_a_refused_first_batch_marks_nothing_and_names_the_credentials(store, stand_in):
    lrs = stand_in(answers(401))
    out = push(store, lrs.lrs(), batch=3)
    assert (out.sent, out.left, out.batches) == (0, 7, 1)
    assert "refused the credentials (HTTP 401)" in (out.error or "")
    assert store.outbox_counts() == (0, 7)


def test_an_lrs_that_cannot_be_reached_keeps_everything(store, stand_in):
    lrs = stand_in(answers())
    url = lrs.url
    lrs.close()
    out = push(store, LRS(url, timeout=5), batch=3)
    assert (out.sent, out.left, out.batches) == (0, 7, 0)
    assert "cannot reach the LRS" in (out.error or "")
    assert store.outbox_counts() == (0, 7)


def test_a_conflict_on_a_batch_halves_it_until_the_statement_is_alone_and_reads_it_back(store, stand_in):
    lrs = stand_in(refusing(IDS[1]))
    lrs.held[IDS[1]] = {"id": IDS[1], "verb": {"id": "other"}}  # the LRS holds that id already
    out = push(store, lrs.lrs(), batch=4)
    assert (out.sent, out.already, out.left, out.error) == (6, 1, 0, None)
    assert lrs.posts == [IDS[0:4], IDS[0:2], [IDS[0]], [IDS[1]], IDS[2:4], IDS[4:7]]
    assert lrs.methods == ["POST", "POST", "PUT", "PUT", "POST", "POST"]
    assert lrs.gets == [IDS[1]]  # the 409 checked: the LRS gives the statement back
    assert out.batches == 6
    assert store.outbox_counts() == (7, 0)


def test_a_failure_while_halving_keeps_that_statement_and_the_rest(store, stand_in):
    # batch of 4 → 409; its first half → 409; alone: 204, then 500
    lrs = stand_in(answers(409, 409, OK, 500))
    out = push(store, lrs.lrs(), batch=4)
    assert (out.sent, out.already) == (1, 0)
    assert "HTTP 500" in (out.error or "")
    assert lrs.posts == [IDS[0:4], IDS[0:2], [IDS[0]], [IDS[1]]]
    assert unsent_ids(store) == IDS[1:]
    assert out.left == 6 and store.outbox_counts() == (1, 6)


class CutOff(LRS):
    """The real client, on the stand-in, that loses the network after `calls` POSTs or PUTs."""

    def __init__(self, url: str, calls: int):
        super().__init__(url, timeout=10)
        object.__setattr__(self, "_left", [calls])
        object.__setattr__(self, "attempts", 0)

    def _count(self) -> None:
        object.__setattr__(self, "attempts", self.attempts + 1)  # type: ignore[attr-defined]
        left = self._left  # type: ignore[attr-defined]
        if left[0] == 0:
            raise LRSError("cannot reach the LRS: connection reset")
        left[0] -= 1

    def post(self, statements):
        self._count()
        return super().post(statements)

    def put(self, statement):
        self._count()
        return super().put(statement)


def test_losing_the_lrs_while_halving_keeps_what_was_not_delivered(store, stand_in):
    lrs = stand_in(answers(409, 409, OK))
    out = push(store, CutOff(lrs.url, calls=3), batch=4)
    assert out.sent == 1 and "connection reset" in (out.error or "")
    assert unsent_ids(store) == IDS[1:]
    assert store.outbox_counts() == (1, 6)


def test_a_conflict_on_a_single_statement_the_lrs_holds_counts_it_already_there_and_goes_on(store, stand_in):
    lrs = stand_in(refusing(IDS[0]))
    lrs.held[IDS[0]] = {"id": IDS[0]}
    out = push(store, lrs.lrs(), batch=1)
    assert (out.sent, out.already, out.left, out.error) == (6, 1, 0, None)
    assert lrs.posts == [[i] for i in IDS] and set(lrs.methods) == {"PUT"}
    assert store.outbox_counts() == (7, 0)


def test_a_conflict_for_a_statement_the_lrs_does_not_hold_stops_the_push_and_marks_nothing(store, stand_in):
    lrs = stand_in(refusing(IDS[0]))
    out = push(store, lrs.lrs(), batch=1)
    assert (out.sent, out.already, out.left) == (0, 0, 7)
    assert "HTTP 409 (conflict)" in out.error and "does not hold it" in out.error and "HTTP 404" in out.error
    assert lrs.gets == [IDS[0]] and lrs.posts == [[IDS[0]]]
    assert store.outbox_counts() == (0, 7)


def test_mark_sent_marks_only_the_ids_given_and_only_once(store):
    store.mark_sent([IDS[1], IDS[5]])
    assert unsent_ids(store) == [IDS[0], IDS[2], IDS[3], IDS[4], IDS[6]]
    store.mark_sent([IDS[1]])  # again: no change
    assert store.outbox_counts() == (2, 5)
    assert [i.statement_id for i in store.unsent(limit=2)] == [IDS[0], IDS[2]]
    assert store.unsent(limit=2)[0].statement == {"id": IDS[0], "verb": {"id": "v"}}


def test_enqueue_keeps_statements_already_queued(store):
    assert store.enqueue("play-3", [{"id": IDS[0], "verb": {"id": "other"}}, {"id": "new-one"}]) == 1
    assert store.unsent()[0].statement == {"id": IDS[0], "verb": {"id": "v"}}
    assert store.outbox_counts() == (0, 8)


# -- the statements queued from finished plays ----------------------------------------------------

import random  # noqa: E402

import scenarios  # noqa: E402
from scoring.catalogue import load_catalogue  # noqa: E402
from scoring.scorer import score, weights_for  # noqa: E402
from simulator.format.loader import load  # noqa: E402
from simulator.play.engine import Play  # noqa: E402
from simulator.results.push import queue  # noqa: E402
from simulator.results.xapi import homepage_of, statements  # noqa: E402

BASE = "https://lrs.example.org/litige/"


@pytest.fixture(scope="module")
def sweater():
    return load(scenarios.find("shrunken-sweater"))


@pytest.fixture
def played(tmp_path, sweater):
    """A real store with three finished plays of a shipped story and one unfinished."""
    with Store.open(tmp_path / "p.db") as s:
        for seed in (1, 2, 3, 4):
            rng = random.Random(seed)
            play = Play(sweater, trainee="Ana", lang="en", clock=lambda: 0.0)
            s.save_play(play.record)
            while not play.finished:
                play.choose(rng.randrange(len(play.offered())), seconds=2.0)
                s.save_play(play.record)
                if seed == 4:
                    break  # left unfinished
            if play.finished:
                s.finish_play(play.record, score(sweater, play.record))
        yield s


def expected_statements(store: Store, sweater, base: str) -> list[dict]:
    weights = weights_for(sweater, load_catalogue())
    out = []
    for p in store.plays(finished=True):
        out.extend(statements(p, sweater, weights=weights, base=base, homepage=homepage_of(base)))
    return out


def test_queue_puts_each_finished_play_s_statements_once_built_from_its_story(played, sweater):
    want = expected_statements(played, sweater, BASE)
    assert queue(played, base=BASE) == len(want) > 0
    assert [i.statement for i in played.unsent()] == want
    assert queue(played, base=BASE) == 0  # already queued
    assert want[0]["object"]["id"].startswith(BASE)
    assert want[0]["actor"]["account"]["homePage"] == homepage_of(BASE)


def test_push_queues_with_its_base_and_counts_what_it_queued(played, sweater, stand_in):
    lrs = stand_in(answers())
    want = expected_statements(played, sweater, BASE)
    out = push(played, lrs.lrs(), batch=500, base=BASE)
    assert (out.queued, out.sent, out.left, out.error) == (len(want), len(want), 0, None)
    assert lrs.posts == [[s["id"] for s in want]]
    assert lrs.bodies == want and all(b["object"]["id"].startswith(BASE) for b in lrs.bodies)


def test_push_sends_batches_of_200_by_default(tmp_path, stand_in):
    lrs = stand_in(answers())
    with Store.open(tmp_path / "many.db") as s:
        s.enqueue("p", [{"id": f"s-{i:04d}"} for i in range(401)])
        out = push(s, lrs.lrs())
    assert [len(p) for p in lrs.posts] == [200, 200, 1] and out.sent == 401


def test_a_play_scored_by_the_first_rules_is_queued_with_its_story_s_weights(played, sweater):
    import sqlite3
    first = played.plays(finished=True)[0].record.play_id
    with sqlite3.connect(played.path) as conn:
        conn.execute("UPDATE plays SET rules = '2026-11', scaled = 7.7 WHERE play_id = ?", (first,))
    want = expected_statements(played, sweater, BASE)
    mins = {s["result"]["score"]["min"] for s in want if s.get("result", {}).get("score")}
    assert min(mins) < -3  # the story's weights (no-blame and own-it weigh 2), not 1 each
    assert queue(played, base=BASE) == len(want)
    assert [i.statement for i in played.unsent()] == want


@pytest.mark.parametrize("stale", ["finished_again", "one_more_step"])
def test_a_play_that_changed_since_it_was_read_is_not_queued_from_the_old_copy(played, monkeypatch, stale):
    from dataclasses import replace
    plays = played.plays

    def old_copies(**kw):
        if stale == "finished_again":
            return [replace(p, finished_at="2000-01-01T00:00:00+00:00") for p in plays(**kw)]
        return [replace(p, record=p.record.truncated(len(p.record.steps) - 1)) for p in plays(**kw)]
    monkeypatch.setattr(played, "plays", old_copies)
    assert queue(played) == 0 and played.unsent() == []


def test_queue_reads_the_finished_plays_in_chunks_of_at_most_500_each_once(played, monkeypatch):
    ids = played.unqueued_plays() + [f"ghost-{i}" for i in range(1000)]
    monkeypatch.setattr(played, "unqueued_plays", lambda: ids)
    asked: list[list[str]] = []
    plays = played.plays

    def spy(**kw):
        asked.append(list(kw["play_ids"]))
        return plays(**kw)
    monkeypatch.setattr(played, "plays", spy)
    queue(played)
    assert [len(a) for a in asked] == [500, 500, 3]
    assert sum(asked, []) == ids


# -- halving, counted ---------------------------------------------------------------------------

def test_a_conflict_on_a_batch_of_two_puts_each(store, stand_in):
    lrs = stand_in(refusing(IDS[1]))
    lrs.held[IDS[1]] = {"id": IDS[1]}
    out = push(store, lrs.lrs(), batch=2)
    assert (out.sent, out.already, out.left, out.error) == (6, 1, 0, None)
    assert lrs.posts == [IDS[0:2], [IDS[0]], [IDS[1]], IDS[2:4], IDS[4:6], IDS[6:7]]


def test_every_statement_the_lrs_already_had_is_counted(store, stand_in):
    held = (IDS[0], IDS[2], IDS[3])
    lrs = stand_in(refusing(*held))
    lrs.held.update({i: {"id": i} for i in held})
    out = push(store, lrs.lrs(), batch=4)
    assert (out.sent, out.already, out.left) == (4, 3, 0)
    assert sorted(lrs.gets) == sorted(held)
    single = stand_in(refusing(IDS[0], IDS[2]))
    single.held.update({i: {"id": i} for i in (IDS[0], IDS[2])})
    with Store.open(store.path.parent / "single.db") as other:
        other.enqueue("p", [{"id": i} for i in IDS[:3]])
        out = push(other, single.lrs(), batch=1)
    assert (out.sent, out.already, out.left) == (1, 2, 0)


def test_errors_name_the_lrs_statements_url(store, stand_in):
    lrs = stand_in(answers(500))
    out = push(store, lrs.lrs(), batch=3)
    assert out.error.startswith(f"the LRS at {lrs.lrs().statements_url} answered HTTP 500 to a POST")
    again = stand_in(answers(409, 503))
    out = push(store, again.lrs(), batch=3)
    assert out.error.startswith(f"the LRS at {again.lrs().statements_url} answered HTTP 503 to a PUT")


def test_no_request_is_tried_after_the_network_is_lost_while_halving(store, stand_in):
    lrs = stand_in(answers(409, 409))
    cut = CutOff(lrs.url, calls=2)
    push(store, cut, batch=4)
    assert len(lrs.posts) == 2 and cut._left == [0]  # type: ignore[attr-defined]
    assert cut.attempts == 3  # type: ignore[attr-defined]


def test_the_push_summary_line():
    from simulator.results.push import PushOutcome, Rejected
    assert PushOutcome(3, 7, 0, 2, 2).summary() == "7 statement(s) sent in 2 batch(es); 2 waiting in the outbox"
    assert PushOutcome(0, 6, 1, 0, 8).summary() == (
        "6 statement(s) sent in 8 batch(es), 1 already in the LRS; 0 waiting in the outbox")
    one = PushOutcome(0, 6, 0, 1, 5, rejected=(Rejected("s-1", "p-1", "HTTP 400: bad"),), url="http://l/statements")
    assert one.summary() == ("6 statement(s) sent in 5 batch(es), 1 rejected by the LRS; 1 waiting in the outbox "
                             "(the rejected ones included: each push tries them again, after the others)")
    assert one.problem() == ("the LRS at http://l/statements rejected statement s-1 (play p-1; HTTP 400: bad); "
                             "kept in the outbox and tried again at the next push; the others were sent")
    assert PushOutcome(0, 0, 0, 1, 1, error="down", rejected=one.rejected).problem() == "down"


# -- rejected statements -------------------------------------------------------------------------

def test_a_statement_refused_alone_is_rejected_kept_marked_and_the_others_are_sent(store, stand_in):
    from simulator.results.push import REJECTED_KEY, Rejected
    lrs = stand_in(refusing(IDS[5], status=400))
    out = push(store, lrs.lrs(), batch=4)
    assert (out.sent, out.already, out.left, out.error) == (6, 0, 1, None)
    assert out.rejected == (Rejected(IDS[5], "play-2", 'HTTP 400: {"error": "no"}'),)
    assert lrs.posts == [IDS[0:4], IDS[4:7], [IDS[4]], IDS[5:7], [IDS[5]], [IDS[6]]]
    assert unsent_ids(store) == [IDS[5]]
    marks = json.loads(store.get_setting(REJECTED_KEY))
    assert list(marks) == [IDS[5]] and marks[IDS[5]]["reason"] == 'HTTP 400: {"error": "no"}'
    # 413 (too large) is a refusal of the statement too
    big = stand_in(refusing(IDS[5], status=413))
    again = push(store, big.lrs(), batch=4)
    assert [r.statement_id for r in again.rejected] == [IDS[5]] and again.rejected[0].reason.startswith("HTTP 413")
    # accepted at last: delivered, its mark gone
    fine = stand_in(answers())
    last = push(store, fine.lrs(), batch=4)
    assert (last.sent, last.left, last.rejected) == (1, 0, ())
    assert json.loads(store.get_setting(REJECTED_KEY)) == {}


def test_an_endpoint_refusing_every_statement_stops_after_ten_instead_of_marking_them_all(tmp_path, stand_in):
    from simulator.results.push import REFUSED_ALL, REJECTED_KEY
    lrs = stand_in(answers(*[400] * 1000))
    with Store.open(tmp_path / "all.db") as s:
        s.enqueue("p", [{"id": f"s-{i:03d}"} for i in range(64)])
        out = push(s, lrs.lrs(), batch=64)
        assert len(out.rejected) == REFUSED_ALL == 10 and out.sent == 0 and out.left == 64
        assert out.error == (f"the LRS at {lrs.lrs().statements_url} refused each of the first 10 statements sent "
                             'alone (the last: HTTP 400: {"error": "no"}) and accepted none: stopped there; is --lrs '
                             "its xAPI endpoint? The statements wait in the outbox")
        assert out.problem() == out.error
        assert len(json.loads(s.get_setting(REJECTED_KEY))) == 10
        assert len(lrs.posts) < 40  # not 2 requests per statement


def test_one_statement_accepted_means_the_refusals_are_the_statements_own(tmp_path, stand_in):
    lrs = stand_in(lambda batch: OK if batch[0]["id"] == "s-000" and len(batch) == 1 else 400)
    with Store.open(tmp_path / "some.db") as s:
        s.enqueue("p", [{"id": f"s-{i:03d}"} for i in range(16)])
        out = push(s, lrs.lrs(), batch=16)
    assert (out.sent, len(out.rejected), out.error) == (1, 15, None)


def test_a_200_that_is_not_a_list_of_the_ids_sent_delivers_nothing_and_stops(store, stand_in):
    for body, kind in ((b"<html><h1>Hotel Wi-Fi</h1></html>", "no content type: <html><h1>Hotel Wi-Fi</h1></html>"),
                       (b'["not-ours"]', 'no content type: ["not-ours"]')):
        lrs = stand_in(lambda batch, body=body: (200, body))
        out = push(store, lrs.lrs(), batch=3)
        assert (out.sent, out.left, out.batches) == (0, 7, 1)
        assert out.error == (f"the LRS at {lrs.lrs().statements_url} answered HTTP 200 to a POST but not with the "
                             f"ids of the statements sent ({kind}): nothing counted as delivered")
        assert store.outbox_counts() == (0, 7)


def test_the_409_check_and_the_refusals_say_exactly_what_happened(store, stand_in):
    lrs = stand_in(refusing(IDS[0]))
    out = push(store, lrs.lrs(), batch=1)
    assert out.error == (f"the LRS at {lrs.lrs().statements_url} answered HTTP 409 (conflict) to the PUT of statement "
                         f"{IDS[0]} but does not hold it (a GET of it answered HTTP 404): not counted as delivered")
    assert out.problem() == out.error and out.url == lrs.lrs().statements_url


def test_a_refusal_s_reason_is_its_body_decoded_whatever_it_holds_or_only_its_status(store, stand_in):
    lrs = stand_in(lambda batch: (400, b"bad \xff byte") if batch[0]["id"] == IDS[0] else
                   ((400, b"") if batch[0]["id"] == IDS[1] else OK))
    out = push(store, lrs.lrs(), batch=1)
    assert [(r.statement_id, r.reason) for r in out.rejected] == [(IDS[0], "HTTP 400: bad \ufffd byte"),
                                                                   (IDS[1], "HTTP 400")]
    assert out.problem() == (f"the LRS at {lrs.lrs().statements_url} rejected 2 statements, the first {IDS[0]} "
                             "(play play-1; HTTP 400: bad \ufffd byte); kept in the outbox and tried again at the "
                             "next push; the others were sent")
    from simulator.results.push import REJECTED_KEY
    marks = json.loads(store.get_setting(REJECTED_KEY))
    assert {k: (v["play"], v["reason"]) for k, v in marks.items()} == {IDS[0]: ("play-1", "HTTP 400: bad \ufffd byte"),
                                                                        IDS[1]: ("play-1", "HTTP 400")}


def test_statements_rejected_before_are_tried_again_after_the_others_in_batches_once_each(store, stand_in):
    first = stand_in(refusing(*IDS[:3], status=400))
    push(store, first.lrs(), batch=7)
    store.enqueue("play-3", [{"id": "new-1"}, {"id": "new-2"}])
    again = stand_in(refusing(IDS[1], status=400))
    out = push(store, again.lrs(), batch=2)
    assert again.posts == [["new-1", "new-2"], IDS[0:2], [IDS[0]], [IDS[1]], [IDS[2]]]
    assert (out.sent, [r.statement_id for r in out.rejected], out.left) == (4, [IDS[1]], 1)


def test_the_pages_read_no_more_than_the_batch_and_the_statements_to_pass_over(store, stand_in, monkeypatch):
    push(store, stand_in(refusing(IDS[0], IDS[1], status=400)).lrs(), batch=7)
    store.enqueue("play-3", [{"id": f"n-{i}"} for i in range(5)])
    asked: list[int | None] = []
    unsent = store.unsent

    def spy(limit=None):
        asked.append(limit)
        return unsent(limit=limit)
    monkeypatch.setattr(store, "unsent", spy)
    push(store, stand_in(answers()).lrs(), batch=2)
    assert asked[:4] == [4, 4, 4, 4] and asked[4:] == [None]  # 2 passed over + a batch of 2; then the rejected


def test_a_mark_for_a_statement_delivered_meanwhile_is_dropped_and_the_others_kept(store, stand_in):
    from simulator.results.push import REJECTED_KEY
    push(store, stand_in(refusing(IDS[0], IDS[1], status=400)).lrs(), batch=7)
    store.mark_sent([IDS[0]])  # delivered by some other push
    push(store, stand_in(refusing(IDS[1], status=400)).lrs(), batch=7)
    assert list(json.loads(store.get_setting(REJECTED_KEY))) == [IDS[1]]


def test_marks_that_are_not_a_mapping_are_read_as_none(store, stand_in):
    from simulator.results.push import REJECTED_KEY
    for damaged in ("[1, 2]", "{cut"):
        store.set_setting(REJECTED_KEY, damaged)
        out = push(store, stand_in(answers()).lrs(), batch=7)
        assert out.error is None


def test_the_stop_after_ten_refusals_counts_statements_already_there_as_accepted(tmp_path, stand_in):
    poison = [f"p-{i}" for i in range(10)]
    lrs = stand_in(lambda batch: 409 if batch[0]["id"] == "held" else (400 if batch[0]["id"] in poison else OK))
    lrs.held["held"] = {"id": "held"}
    with Store.open(tmp_path / "ten.db") as s:
        s.enqueue("p", [{"id": "ok"}, {"id": "held"}] + [{"id": i} for i in poison])
        out = push(s, lrs.lrs(), batch=1)
    assert (out.sent, out.already, len(out.rejected), out.error) == (1, 1, 10, None)
