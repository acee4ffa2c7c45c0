"""`litige push` against a real LRS (Ralph on loopback, file-system backend): statements read
back through its xAPI API; LRS down → nothing lost; later pushes deliver each statement once."""

from __future__ import annotations

import os
import random
import socket

import pytest
from conftest import run_cli
from ralph import PASSWORD, USER, Ralph, free_port, ralph_executable

import scenarios
from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play
from simulator.results.store import Store


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    exe = ralph_executable()
    if exe is None:
        if os.environ.get("LITIGE_REQUIRE_LRS"):
            pytest.fail("LITIGE_REQUIRE_LRS is set but Ralph is missing: LITIGE_RALPH should name its `ralph`")
        pytest.skip("the Ralph LRS is not installed here: .ci/run installs it in its own venv "
                    "(or set LITIGE_RALPH to a `ralph` executable)")
    lrs = Ralph(exe, tmp_path_factory.mktemp("ralph"))
    try:
        yield lrs
    finally:
        lrs.stop_all()


@pytest.fixture(scope="module")
def sweater():
    return load(scenarios.find("shrunken-sweater"))


def fill(db, scenario, seeds, trainees=("Ana", "Ben", "Chloé")) -> list[str]:
    """Finished plays saved step by step; returns their ids."""
    ids = []
    with Store.open(db) as store:
        for seed in seeds:
            rng = random.Random(seed)
            play = Play(scenario, trainee=trainees[seed % len(trainees)], lang="en", clock=lambda: 0.0)
            while not play.finished:
                play.choose(rng.randrange(len(play.offered())), seconds=round(rng.uniform(2, 15), 1))
                store.save_play(play.record)
            store.finish_play(play.record, score(scenario, play.record))
            ids.append(play.record.play_id)
    return ids


def push(db, url, *extra):
    return run_cli("push", "--db", str(db), "--lrs", url, "--user", USER, "--password", PASSWORD, *extra)


def expected_count(db) -> int:
    with Store.open(db) as store:
        plays = store.plays(finished=True)
    return sum(len(p.record.steps) + 3 for p in plays)  # initialized, one answered per step, completed, passed/failed


def closed_port() -> int:
    port = free_port()
    with socket.socket() as s:  # nothing listens there now
        assert s.connect_ex(("127.0.0.1", port)) != 0
    return port


def test_push_while_the_lrs_is_down_keeps_everything_then_delivers_each_statement_once(tmp_path, ralph, sweater):
    db = tmp_path / "r.db"
    play_ids = fill(db, sweater, range(12))
    with Store.open(db) as store:  # a play under way is not sent
        open_play = Play(sweater, trainee="Dan")
        open_play.choose(0)
        store.save_play(open_play.record)
    total = expected_count(db)

    down = push(db, f"http://127.0.0.1:{closed_port()}/xAPI/")
    assert down.returncode == 1 and "cannot reach the LRS" in down.stderr
    assert len(down.stderr.strip().splitlines()) == 1 and "Traceback" not in down.stderr
    with Store.open(db) as store:
        assert store.outbox_counts() == (0, total)  # everything kept, nothing marked sent

    server = ralph.start()
    status, _ = server.get("/whoami", auth=False)
    assert status == 401  # a real LRS with real authentication
    wrong = run_cli("push", "--db", str(db), "--lrs", server.url, "--user", USER, "--password", "wrong")
    assert wrong.returncode == 1 and "refused the credentials" in wrong.stderr
    with Store.open(db) as store:
        assert store.outbox_counts() == (0, total)

    up = push(db, server.url, "--batch", "1000")
    assert up.returncode == 0, up.stderr
    assert f"{total} statement(s) sent in 1 batch(es); 0 waiting" in up.stdout

    stored = server.statements()
    ids = [s["id"] for s in stored]
    assert len(ids) == total and len(set(ids)) == total  # every statement, each once
    with Store.open(db) as store:
        assert store.outbox_counts() == (total, 0)
        outbox_ids = {i.statement_id for i in store.unsent()} | set()
        plays = {p.record.play_id: p for p in store.plays(finished=True)}
    assert not outbox_ids

    verbs = {}
    for s in stored:
        verbs.setdefault(s["verb"]["id"].rsplit("/", 1)[1], []).append(s)
    assert len(verbs["initialized"]) == len(verbs["completed"]) == len(play_ids)
    assert len(verbs.get("passed", [])) + len(verbs.get("failed", [])) == len(play_ids)
    assert {s["context"]["extensions"]["https://litige.example/xapi/extensions/play-id"]
            for s in verbs["completed"]} == set(play_ids)  # not the play under way

    # an answered statement as the LRS gives it back: the choice, its principles, its node and scenario
    answered = verbs["answered"]
    assert len(answered) == sum(len(p.record.steps) for p in plays.values())
    a = next(s for s in answered if s["result"]["extensions"]["https://litige.example/xapi/extensions/violates"])
    pid = a["context"]["extensions"]["https://litige.example/xapi/extensions/play-id"]
    step = plays[pid].record.steps[a["context"]["extensions"]["https://litige.example/xapi/extensions/step"]]
    choice = {c.id: c for c in sweater.nodes[step.node].choices}[step.chosen]
    assert a["result"]["response"] == step.chosen
    assert a["result"]["extensions"]["https://litige.example/xapi/extensions/violates"] == list(choice.violates)
    assert a["object"]["id"] == f"https://litige.example/xapi/scenarios/shrunken-sweater/nodes/{step.node}"
    assert a["object"]["definition"]["interactionType"] == "choice"
    assert a["context"]["contextActivities"]["parent"][0]["id"] == \
        "https://litige.example/xapi/scenarios/shrunken-sweater"
    assert a["actor"]["account"] == {"homePage": "https://litige.example", "name": plays[pid].record.trainee}

    # a completion: the score as the store has it
    for c in verbs["completed"]:
        p = plays[c["context"]["extensions"]["https://litige.example/xapi/extensions/play-id"]]
        sc = c["result"]["score"]
        assert sc["raw"] == p.raw and sc["max"] == max(p.best, p.raw) and sc["min"] <= sc["raw"]
        assert sc["scaled"] == pytest.approx(p.scaled / 100)
        assert c["result"]["success"] is p.passed and c["result"]["completion"] is True
        assert c["result"]["duration"].startswith("PT")

    # nothing left: a further push sends nothing and the LRS still holds each statement once
    again = push(db, server.url)
    assert again.returncode == 0 and again.stdout.startswith("0 statement(s) sent")
    assert len(server.statements()) == total

    # plays finished later go in a later push; the earlier statements are not sent again
    # (Ralph's fs backend takes one POST per directory, hence a fresh LRS for it)
    new_ids = fill(db, sweater, range(100, 104))
    later = ralph.start()
    third = push(db, later.url)
    assert third.returncode == 0, third.stderr
    again_stored = later.statements()
    assert {s["context"]["extensions"]["https://litige.example/xapi/extensions/play-id"]
            for s in again_stored} == set(new_ids)
    assert len(again_stored) == expected_count(db) - total


def test_a_push_cut_off_between_batches_keeps_the_rest_for_the_next_push(tmp_path, ralph, sweater):
    """The first batch is accepted, the second answered with an error (Ralph's fs backend refuses
    a second POST to its directory: HTTP 500): what was accepted is not sent again, the rest is."""
    db = tmp_path / "r.db"
    fill(db, sweater, range(200, 210))
    total = expected_count(db)
    first = ralph.start()
    cut = push(db, first.url, "--batch", "7")
    assert cut.returncode == 1 and "HTTP 500" in cut.stderr and "Traceback" not in cut.stderr
    assert "7 statement(s) sent in 2 batch(es)" in cut.stdout
    got_first = [s["id"] for s in first.statements()]
    assert len(got_first) == 7
    with Store.open(db) as store:
        assert store.outbox_counts() == (7, total - 7)

    second = ralph.start()
    rest = push(db, second.url, "--batch", str(total))
    assert rest.returncode == 0, rest.stderr
    got_second = [s["id"] for s in second.statements()]
    assert len(got_second) == total - 7 and not set(got_first) & set(got_second)  # each statement once
    with Store.open(db) as store:
        assert store.outbox_counts() == (total, 0)


def test_a_conflict_on_one_statement_does_not_hold_back_the_others(tmp_path, sweater):
    """HTTP 409 (an id the LRS already holds with other content) is a branch Ralph's fs backend
    cannot produce, so a small stand-in LRS (stdlib http.server, xAPI's conflict rule: POST
    answers 409 for a batch holding such an id, PUT for that statement; GET reads it back) plays
    it. The batch is halved until the statement is alone; its 409 is checked by a GET."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    held: dict[str, dict] = {}
    requests: list[tuple[str, int]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: bytes | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def _write(self, method: str) -> None:
            data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            batch = data if method == "POST" else [data]
            requests.append((method, len(batch)))
            if any(s["id"] in held and held[s["id"]] != s for s in batch):
                return self._answer(409)
            for s in batch:
                held.setdefault(s["id"], s)
            if method == "PUT":
                return self._answer(204)
            return self._answer(200, json.dumps([s["id"] for s in batch]).encode())

        def do_POST(self):  # noqa: N802
            self._write("POST")

        def do_PUT(self):  # noqa: N802
            self._write("PUT")

        def do_GET(self):  # noqa: N802
            sid = parse_qs(urlsplit(self.path).query)["statementId"][0]
            requests.append(("GET", 1))
            self._answer(200, json.dumps(held[sid]).encode()) if sid in held else self._answer(404)

        def log_message(self, *args):
            pass

    db = tmp_path / "r.db"
    fill(db, sweater, range(300, 303))
    total = expected_count(db)
    with Store.open(db) as store:
        from simulator.results.push import queue
        queue(store)
        first = store.unsent(limit=1)[0]
    held[first.statement_id] = {"id": first.statement_id, "other": "content"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = push(db, f"http://127.0.0.1:{server.server_address[1]}/xAPI/")
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr
    assert f"{total - 1} statement(s) sent" in proc.stdout and "1 already in the LRS" in proc.stdout
    # the batch, then its first half, and so on down to the statement alone (PUT, then GET); the
    # second half of each step goes whole
    posts = [n for m, n in requests if m == "POST"]
    assert posts[0] == total and posts[1] == total // 2 and requests[-1] != ("GET", 1)
    methods = [m for m, _ in requests]
    assert methods.count("GET") == 1 and methods.count("PUT") in (1, 2)  # its neighbour alone too, from a pair
    assert len(requests) < 2 * total.bit_length() + 2  # not one request per statement
    assert len(held) == total and held[first.statement_id] == {"id": first.statement_id, "other": "content"}
    with Store.open(db) as store:
        assert store.outbox_counts() == (total, 0)


def test_one_statement_is_put_and_a_statement_the_lrs_holds_is_read_back_not_assumed(tmp_path, ralph, sweater):
    """A real LRS's answers to PUT: 204 for a statement it stores, 204 again for the same
    statement sent once more (nothing written), 409 for other content under that id, which push
    counts as already there only after reading the statement back with a GET."""
    import json
    import shutil
    import sqlite3

    db = tmp_path / "r.db"
    fill(db, sweater, [400])
    with Store.open(db) as store:
        from simulator.results.push import queue
        queue(store)
        items = store.unsent()
        store.mark_sent(i.statement_id for i in items[1:])  # one statement left to send
    kept = items[0]
    same, other = tmp_path / "same.db", tmp_path / "other.db"
    shutil.copy(db, same)
    shutil.copy(db, other)
    changed = {**kept.statement, "timestamp": "2001-01-01T00:00:00+00:00"}
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE outbox SET statement = ? WHERE statement_id = ?", (json.dumps(changed), kept.statement_id))

    server = ralph.start()
    first = push(db, server.url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1 statement(s) sent in 1 batch(es); 0 waiting in the outbox"
    assert [s["id"] for s in server.statements()] == [kept.statement_id]

    again = push(same, server.url)  # the same statement: the LRS answers 204 and writes nothing
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "1 statement(s) sent in 1 batch(es); 0 waiting in the outbox"

    conflict = push(other, server.url)  # other content under its id: 409, then read back
    assert conflict.returncode == 0, conflict.stderr
    assert conflict.stdout.strip() == \
        "0 statement(s) sent in 1 batch(es), 1 already in the LRS; 0 waiting in the outbox"
    assert [s["id"] for s in server.statements()] == [kept.statement_id]
