"""`litige push` against servers that misbehave on purpose (issue 17: High 1 and 2, Medium 12
and two low items), each a real HTTP server on loopback (http.server in a thread), each push
the CLI as a subprocess on a real SQLite store:
- a captive portal's HTML page answered 200, an LRS answering 409 to everything, a redirect of
  the POST to another port: nothing counts as delivered, the outbox keeps everything;
- a redirect is never followed: the credentials reach no other origin;
- a password written in the address is used, never printed;
- a server dripping its answer one byte a second is cut off at the whole-request deadline;
- what the server says is shown as one bounded line, without control or escape characters;
- a 400 for one statement of a batch: that statement is rejected and reported, the others are
  sent, and later pushes are not blocked by it."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import run_cli

from simulator.results.lrs import LRS, LRSError, masked, shown, split_credentials
from simulator.results.push import REJECTED_KEY
from simulator.results.store import Store

IDS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(1, 8)]
Handle = Callable[[BaseHTTPRequestHandler, str], None]


class Server:
    """A loopback HTTP server whose every request goes to `handle(request, method)`; each
    request is kept in `seen` as (method, path, Authorization header or None)."""

    def __init__(self, handle: Handle):
        self.seen: list[tuple[str, str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self, method: str) -> None:
                server.seen.append((method, self.path, self.headers.get("Authorization")))
                length = int(self.headers.get("Content-Length") or 0)
                self.body = self.rfile.read(length) if length else b""
                try:
                    handle(self, method)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self):  # noqa: N802
                self._any("POST")

            def do_PUT(self):  # noqa: N802
                self._any("PUT")

            def do_GET(self):  # noqa: N802
                self._any("GET")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    made: list[Server] = []

    def make(handle: Handle) -> Server:
        s = Server(handle)
        made.append(s)
        return s
    yield make
    for s in made:
        s.close()


def reply(req: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
    req.send_response(status)
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    if status != 204:
        req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    if status != 204:
        req.wfile.write(body)


@pytest.fixture
def db(tmp_path):
    """A real store whose outbox holds 7 statements of two plays."""
    path = tmp_path / "r.db"
    with Store.open(path) as s:
        s.enqueue("play-1", [{"id": i, "verb": {"id": "v"}} for i in IDS[:4]])
        s.enqueue("play-2", [{"id": i, "verb": {"id": "v"}} for i in IDS[4:]])
    return path


def counts(db) -> tuple[int, int]:
    with Store.open(db) as s:
        return s.outbox_counts()


def push(db, url: str, *extra: str, timeout: float = 60):
    return run_cli("push", "--db", str(db), "--lrs", url, "--user", "u", "--password", "p", *extra, timeout=timeout)


def one_line(proc) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# -- High 1: delivered only when verified -------------------------------------------------------

def test_a_captive_portal_answering_200_with_a_page_delivers_nothing(db, serve):
    page = b"<!doctype html><html><body><h1>Welcome to Hotel Wi-Fi</h1><form>Log in</form></body></html>"
    portal = serve(lambda req, m: reply(req, 200, page, {"Content-Type": "text/html"}))
    proc = push(db, portal.url, "--batch", "3")
    assert proc.returncode == 1
    line = one_line(proc)
    assert "answered HTTP 200 to a POST but not with the ids of the statements sent (text/html" in line
    assert "Welcome to Hotel Wi-Fi" in line and "nothing counted as delivered" in line
    assert counts(db) == (0, 7)  # everything still waiting
    assert proc.stdout.startswith("0 statement(s) sent")


def test_a_200_listing_ids_that_were_not_sent_delivers_nothing(db, serve):
    lrs = serve(lambda req, m: reply(req, 200, json.dumps(["someone-else"]).encode()))
    proc = push(db, lrs.url)
    assert proc.returncode == 1 and "not with the ids of the statements sent" in one_line(proc)
    assert counts(db) == (0, 7)


def test_an_lrs_answering_409_to_everything_gets_nothing_marked_already_there(db, serve):
    def conflict(req, method):
        reply(req, 409 if method != "GET" else 404, b'{"error": "conflict"}')
    lrs = serve(conflict)
    proc = push(db, lrs.url, "--batch", "4")
    assert proc.returncode == 1
    line = one_line(proc)
    assert "answered HTTP 409 (conflict) to the PUT of statement" in line and "does not hold it" in line
    assert counts(db) == (0, 7)
    methods = [m for m, _, _ in lrs.seen]
    assert methods == ["POST", "POST", "PUT", "GET"]  # halved down to one statement, then checked
    assert lrs.seen[-1][1] == f"/xAPI/statements?statementId={IDS[0]}"


def test_a_409_for_a_statement_the_lrs_holds_counts_it_already_there(db, serve):
    held = {IDS[0]: {"id": IDS[0], "verb": {"id": "v"}}}

    def lrs_holding(req, method):
        if method == "GET":
            sid = parse_qs(urlsplit(req.path).query)["statementId"][0]
            return reply(req, 200, json.dumps(held[sid]).encode()) if sid in held else reply(req, 404)
        sent = json.loads(req.body)
        batch = sent if isinstance(sent, list) else [sent]
        if any(s["id"] in held for s in batch):
            return reply(req, 409)
        held.update({s["id"]: s for s in batch})
        return reply(req, 200, json.dumps([s["id"] for s in batch]).encode()) if method == "POST" else reply(req, 204)
    lrs = serve(lrs_holding)
    proc = push(db, lrs.url)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "6 statement(s) sent in 5 batch(es), 1 already in the LRS; 0 waiting in the outbox"
    assert counts(db) == (7, 0)


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_is_never_followed_and_no_credentials_reach_another_origin(db, serve, code):
    """urllib turned a 301/302/303 to a POST into a GET without body, with the Authorization
    header, to wherever it pointed, and counted its 200 as delivery."""
    elsewhere = serve(lambda req, m: reply(req, 200, b"[]"))
    target = f"http://127.0.0.1:{elsewhere.port}/xAPI/statements"
    mover = serve(lambda req, m: reply(req, code, b"moved", {"Location": target}))
    proc = push(db, mover.url)
    assert proc.returncode == 1
    assert one_line(proc) == (f"litige: error: the LRS at {mover.url}statements answered HTTP {code} to a POST, "
                              f"a redirect to {target}: not followed (the credentials go only to the address "
                              "given); give the LRS's own address with --lrs")
    assert elsewhere.seen == []  # neither the POST (as a GET) nor the credentials went there
    assert [(m, auth) for m, _, auth in mover.seen] == [("POST", "Basic " + base64.b64encode(b"u:p").decode())]
    assert counts(db) == (0, 7)


def test_a_redirect_s_target_is_shown_with_its_password_masked_and_its_controls_escaped(db, serve):
    target = "http://mallory:hunter2@127.0.0.1:9/xAPI/statements\x1b[2J"
    mover = serve(lambda req, m: reply(req, 302, b"moved", {"Location": target}))
    line = one_line(push(db, mover.url))
    assert "a redirect to http://mallory:***@127.0.0.1:9/xAPI/statements\\u001b[2J: not followed" in line
    assert "hunter2" not in line and "\x1b" not in line


def test_the_check_after_a_409_does_not_follow_a_redirect_either(db, serve):
    elsewhere = serve(lambda req, m: reply(req, 200, json.dumps({"id": IDS[0]}).encode()))

    def conflicting(req, method):
        if method == "GET":
            return reply(req, 302, b"", {"Location": f"http://127.0.0.1:{elsewhere.port}/statements"})
        return reply(req, 409)
    lrs = serve(conflicting)
    proc = push(db, lrs.url, "--batch", "1")
    assert proc.returncode == 1 and "does not hold it (a GET of it answered HTTP 302)" in one_line(proc)
    assert elsewhere.seen == [] and counts(db) == (0, 7)


# -- High 2: credentials in the address ---------------------------------------------------------

def test_credentials_written_in_the_address_are_sent_as_basic_auth_and_never_printed(db, serve):
    def accepting(req, method):
        batch = json.loads(req.body)
        batch = batch if isinstance(batch, list) else [batch]
        return reply(req, 200, json.dumps([s["id"] for s in batch]).encode()) if method == "POST" else reply(req, 204)
    lrs = serve(accepting)
    url = lrs.url.replace("http://", "http://ana:s3cr%40t@")
    proc = run_cli("push", "--db", str(db), "--lrs", url)
    assert proc.returncode == 0, proc.stderr
    assert {auth for _, _, auth in lrs.seen} == {"Basic " + base64.b64encode(b"ana:s3cr@t").decode()}
    assert counts(db) == (7, 0)
    # --user / --password win over the address's
    with Store.open(db) as s:
        s.enqueue("play-3", [{"id": "00000000-0000-4000-8000-000000000099"}])
    proc = run_cli("push", "--db", str(db), "--lrs", url, "--user", "ben", "--password", "other")
    assert proc.returncode == 0 and lrs.seen[-1][2] == "Basic " + base64.b64encode(b"ben:other").decode()
    # and the address's win over the environment's
    with Store.open(db) as s:
        s.enqueue("play-4", [{"id": "00000000-0000-4000-8000-000000000098"}])
    proc = run_cli("push", "--db", str(db), env={"LITIGE_LRS": url, "LITIGE_LRS_USER": "env",
                                                 "LITIGE_LRS_PASSWORD": "env-secret"})
    assert proc.returncode == 0 and lrs.seen[-1][2] == "Basic " + base64.b64encode(b"ana:s3cr@t").decode()
    assert "s3cr" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("url, shown_as", [
    ("ftp://ana:s3cret@lrs.example/xAPI/", "--lrs 'ftp://ana:***@lrs.example/xAPI/': give an http:// or https://"),
    ("http://ana:s3cret@[::1", "--lrs 'http://ana:***@[::1' is not an address: Invalid IPv6 URL"),
])
def test_an_address_refused_is_echoed_with_its_password_masked(tmp_path, url, shown_as):
    proc = run_cli("push", "--lrs", url, "--db", str(tmp_path / "r.db"))
    assert proc.returncode == 2 and "s3cret" not in proc.stderr + proc.stdout
    assert shown_as in one_line(proc)


def test_an_unreachable_address_with_a_password_is_named_without_it(db):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_cli("push", "--db", str(db), "--lrs", f"http://ana:s3cret@127.0.0.1:{port}/xAPI/")
    assert proc.returncode == 1 and "s3cret" not in proc.stderr + proc.stdout
    assert f"cannot reach the LRS at http://127.0.0.1:{port}/xAPI/statements" in one_line(proc)


def test_split_credentials_and_masked():
    assert split_credentials("https://k%3Ay:p@ss@lrs.example:8443/x?y=1") == \
        ("https://lrs.example:8443/x?y=1", "k:y", "p@ss")
    assert split_credentials("https://key@lrs.example/") == ("https://lrs.example/", "key", None)
    assert split_credentials("https://lrs.example/a@b") == ("https://lrs.example/a@b", None, None)
    assert masked("https://k:p@ss@lrs.example/") == "https://k:***@lrs.example/"
    assert masked("https://key@lrs.example/") == "https://key@lrs.example/"
    assert masked("not an address") == "not an address"


# -- Medium 12: a whole-request deadline --------------------------------------------------------

def drip(head: bool) -> Handle:
    """Answer one byte a second, for 30 s: the status line and headers (`head`), or a body
    announced at 30 bytes after whole headers."""
    def handle(req, method):
        if head:
            data = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"x" * 30
        else:
            req.send_response(200)
            req.send_header("Content-Length", "30")
            req.end_headers()
            req.wfile.flush()
            data = b"[" + b" " * 28 + b"]"
        for i in range(len(data)):
            req.wfile.write(data[i:i + 1])
            req.wfile.flush()
            time.sleep(1)
    return handle


@pytest.mark.parametrize("head", [True, False], ids=["headers", "body"])
def test_a_server_dripping_its_answer_is_cut_off_at_the_deadline(db, serve, head):
    lrs = serve(drip(head))
    began = time.monotonic()
    proc = push(db, lrs.url, "--timeout", "2", timeout=40)
    took = time.monotonic() - began
    assert proc.returncode == 1
    assert one_line(proc).endswith(f"the LRS at {lrs.url}statements did not answer within 2 s "
                                   "(the whole request; --timeout to give it longer)")
    assert took < 10, took  # a per-read timeout would wait for the whole drip (30 s)
    assert counts(db) == (0, 7)


def test_the_deadline_covers_the_whole_request_not_each_read(serve):
    lrs = serve(drip(False))
    began = time.monotonic()
    with pytest.raises(LRSError, match="did not answer within 1.5 s"):
        LRS(lrs.url, timeout=1.5).post([{"id": IDS[0]}])
    assert time.monotonic() - began < 5


def test_a_timeout_that_is_not_a_duration_is_refused(db):
    for bad in ("0", "-1", "nan", "inf"):
        proc = run_cli("push", "--db", str(db), "--lrs", "http://127.0.0.1:9/", "--timeout", bad)
        assert proc.returncode == 2 and "--timeout is in seconds" in one_line(proc)


# -- Low: the server's words, shown safely --------------------------------------------------------

def test_what_the_lrs_says_is_one_bounded_line_without_control_characters(db, serve):
    body = ("\x1b]0;owned\x07\x1b[2J\u202egnirts\r\nline two\x9b31m" + "A" * 5000).encode()
    lrs = serve(lambda req, m: reply(req, 500, body, {"Content-Type": "text/plain"}))
    proc = push(db, lrs.url)
    assert proc.returncode == 1
    line = one_line(proc)
    for bad in ("\x1b", "\x07", "\u202e", "\r", "\x9b"):
        assert bad not in line
    assert "\\u001b]0;owned\\u0007\\u001b[2J\\u202egnirts line two\\u009b31mAAA" in line
    assert line.endswith("…") and len(line) < 300


def test_shown_keeps_short_text_and_bounds_long_text():
    assert shown("  a\n\tb  ") == "a b"
    assert shown("x" * 500, limit=10) == "x" * 9 + "…"


# -- Low: a 400 for one statement blocks nothing --------------------------------------------------

def rejecting(poison: set[str], got: list[tuple[str, list[str]]]) -> Handle:
    """An LRS that refuses (400, with a reason) any POST or PUT holding an id of `poison`."""
    def handle(req, method):
        data = json.loads(req.body)
        batch = data if method == "POST" else [data]
        got.append((method, [s["id"] for s in batch]))
        if any(s["id"] in poison for s in batch):
            return reply(req, 400, b'{"error": "result.score.scaled must be\\u001b[31m in [-1, 1]"}')
        return reply(req, 200, json.dumps([s["id"] for s in batch]).encode()) if method == "POST" else reply(req, 204)
    return handle


def test_a_400_for_one_statement_rejects_it_alone_reports_it_and_sends_the_rest(db, serve):
    poison = {IDS[2]}
    got: list[tuple[str, list[str]]] = []
    lrs = serve(rejecting(poison, got))
    proc = push(db, lrs.url, "--batch", "4")
    assert proc.returncode == 1
    assert proc.stdout.strip() == ("6 statement(s) sent in 6 batch(es), 1 rejected by the LRS; 1 waiting in the "
                                   "outbox (the rejected ones included: each push tries them again, after the others)")
    line = one_line(proc)
    assert line == (f"litige: error: the LRS at {lrs.url}statements rejected statement {IDS[2]} (play play-1; "
                    'HTTP 400: {"error": "result.score.scaled must be\\u001b[31m in [-1, 1]"}); kept in the outbox '
                    "and tried again at the next push; the others were sent")
    assert got == [("POST", IDS[0:4]), ("POST", IDS[0:2]), ("POST", IDS[2:4]), ("PUT", [IDS[2]]),
                   ("PUT", [IDS[3]]), ("POST", IDS[4:7])]
    with Store.open(db) as s:
        assert [i.statement_id for i in s.unsent()] == [IDS[2]]
        marks = json.loads(s.get_setting(REJECTED_KEY))
    assert list(marks) == [IDS[2]] and marks[IDS[2]]["play"] == "play-1"
    assert marks[IDS[2]]["reason"].startswith("HTTP 400: ")

    # a later push: the new statements first, then the rejected one again, alone; nothing blocked
    new = [f"00000000-0000-4000-8000-{i:012d}" for i in (20, 21, 22)]
    with Store.open(db) as s:
        s.enqueue("play-3", [{"id": i} for i in new])
    got.clear()
    again = push(db, lrs.url, "--batch", "4")
    assert again.returncode == 1 and f"rejected statement {IDS[2]}" in one_line(again)
    assert got == [("POST", new), ("PUT", [IDS[2]])]
    assert counts(db) == (9, 1)

    # the LRS accepts it now: delivered, and its mark is gone
    poison.clear()
    got.clear()
    fixed = push(db, lrs.url)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.strip() == "1 statement(s) sent in 1 batch(es); 0 waiting in the outbox"
    assert got == [("PUT", [IDS[2]])] and counts(db) == (10, 0)
    with Store.open(db) as s:
        assert json.loads(s.get_setting(REJECTED_KEY)) == {}


def test_many_rejected_statements_do_not_hold_back_a_full_batch_of_new_ones(db, serve):
    got: list[tuple[str, list[str]]] = []
    lrs = serve(rejecting(set(IDS), got))
    first = push(db, lrs.url, "--batch", "2")
    assert first.returncode == 1 and "rejected 7 statements, the first" in one_line(first)
    assert counts(db) == (0, 7)
    new = [f"s-{i}" for i in range(5)]
    with Store.open(db) as s:
        s.enqueue("play-3", [{"id": i} for i in new])
    got.clear()
    second = push(db, lrs.url, "--batch", "2")
    assert [ids for m, ids in got[:3]] == [new[0:2], new[2:4], new[4:5]]  # the new ones first, full batches
    assert counts(db) == (5, 7) and "5 statement(s) sent" in second.stdout


def test_a_statement_read_back_is_recognised_alone_or_in_a_statement_result():
    from simulator.results.lrs import Answer, holds
    sid = IDS[0]

    def got(status: int, body: object) -> Answer:
        return Answer("GET", status, json.dumps(body).encode())
    assert holds(got(200, {"id": sid.upper()}), sid)  # xAPI 1.0.3: the statement
    assert holds(got(200, {"statements": [{"id": sid}]}), sid)  # Ralph 5: a statement result
    assert not holds(got(200, {"statements": []}), sid)
    assert not holds(got(200, {"id": IDS[1]}), sid)
    assert not holds(got(404, {"id": sid}), sid)
    assert not holds(Answer("GET", 200, b"<html>welcome</html>"), sid)


# -- https: the deadline during the handshake, no redirect to http ---------------------------------

def test_a_server_dripping_the_tls_handshake_is_cut_off_at_the_deadline():
    import socket
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def drip_handshake():
        conn, _ = listener.accept()
        try:
            for _ in range(30):
                conn.send(b"\x16")  # the first byte of a TLS record, then nothing whole
                time.sleep(1)
        except OSError:
            pass
        finally:
            conn.close()
    threading.Thread(target=drip_handshake, daemon=True).start()
    began = time.monotonic()
    try:
        with pytest.raises(LRSError, match="did not answer within 1.5 s"):
            LRS(f"https://127.0.0.1:{listener.getsockname()[1]}/xAPI/", timeout=1.5).post([{"id": IDS[0]}])
    finally:
        listener.close()
    assert time.monotonic() - began < 5


def _self_signed(tmp_path):
    import shutil
    import subprocess
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate for a loopback https server")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return key, cert


def test_an_https_lrs_redirecting_to_http_sends_nothing_there(db, serve, tmp_path):
    import ssl
    key, cert = _self_signed(tmp_path)
    plain = serve(lambda req, m: reply(req, 200, b"[]"))
    secure = serve(lambda req, m: reply(req, 302, b"", {"Location": f"http://127.0.0.1:{plain.port}/xAPI/statements"}))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    secure.httpd.socket = context.wrap_socket(secure.httpd.socket, server_side=True)
    url = f"https://127.0.0.1:{secure.port}/xAPI/"
    proc = run_cli("push", "--db", str(db), "--lrs", url, "--user", "u", "--password", "p",
                   env={"SSL_CERT_FILE": str(cert)})  # the test's certificate trusted, as an LRS's would be
    assert proc.returncode == 1
    assert f"answered HTTP 302 to a POST, a redirect to http://127.0.0.1:{plain.port}/xAPI/statements: not followed" \
        in one_line(proc)
    assert [auth for _, _, auth in secure.seen] == ["Basic " + base64.b64encode(b"u:p").decode()]  # over TLS
    assert plain.seen == [] and counts(db) == (0, 7)
    untrusted = run_cli("push", "--db", str(db), "--lrs", url)  # without it: refused, one line
    assert untrusted.returncode == 1 and "CERTIFICATE_VERIFY_FAILED" in one_line(untrusted)


def test_a_rejected_statement_s_play_id_from_the_database_is_shown_as_text(tmp_path, serve):
    db = tmp_path / "r.db"
    with Store.open(db) as s:
        s.enqueue("play-\x1b]0;title\x07", [{"id": IDS[0]}])
    lrs = serve(rejecting({IDS[0]}, []))
    line = one_line(push(db, lrs.url))
    assert "(play play-\\u001b]0;title\\u0007; HTTP 400" in line and "\x1b" not in line


def test_the_help_states_the_deadline_the_code_uses():
    """The command module does not import simulator.results.lrs (45 ms) to build the parser, so its help
    writes the default out: this keeps the two the same."""
    from simulator.results.lrs import DEADLINE
    proc = run_cli("push", "--help")
    assert proc.returncode == 0 and f"(default: {DEADLINE:g})" in " ".join(proc.stdout.split())
