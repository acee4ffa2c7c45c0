"""Talking to a Learning Record Store (standard library urllib): POST of a batch, PUT of one
statement, GET of one statement, each with HTTP Basic auth and the 1.0.3 version header.

What this module guarantees, whatever the server does:
- no redirect is ever followed: the credentials go only to the origin named by the address
  (a redirect is an answer like any other, reported with where it pointed);
- each request ends by its deadline, whole (connection, headers and body), not per read: a
  server that sends one byte a second is cut off when the time is up;
- what is shown of an answer (its body, a redirect's target) is one bounded line with no
  control or escape character, and an address is shown with its password masked.
What an answer *means* for the statements (delivered, already there, rejected) is push's rule
(simulator/results/push.py); the helpers it needs to read an answer are here."""

from __future__ import annotations

import base64
import http.client
import json
import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from simulator.format.errors import LitigeError
from simulator.lang.plaintext import visible
from simulator.results.xapi import VERSION

DEADLINE = 60.0             # seconds a whole request may take, by default
BODY_LIMIT = 8 * 1024 * 1024  # bytes of an answer read at most (200 ids are ~8 KB)
SHOWN = 160                 # characters of an answer's body shown in a message
MASK = "***"


class LRSError(LitigeError):
    """The LRS could not be reached, did not answer in time, or answered too much (one line)."""


# -- addresses ---------------------------------------------------------------------------------

_ADDRESS = re.compile(r"(?s)(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<authority>[^/?#]*)(?P<rest>.*)")


def split_credentials(address: str) -> tuple[str, str | None, str | None]:
    """`address` without the `user:password@` written in it, and that user and password
    (percent-decoded; None where absent). The last `@` of the authority ends them, as for
    urllib.parse."""
    m = _ADDRESS.fullmatch(address)
    if not m or "@" not in m["authority"]:
        return address, None, None
    userinfo, _, host = m["authority"].rpartition("@")
    user, colon, password = userinfo.partition(":")
    return m["scheme"] + host + m["rest"], unquote(user), unquote(password) if colon else None


def masked(address: str) -> str:
    """`address` as it may be shown: a password written in it replaced by ***."""
    m = _ADDRESS.fullmatch(address)
    if not m or "@" not in m["authority"]:
        return address
    userinfo, _, host = m["authority"].rpartition("@")
    user, colon, _ = userinfo.partition(":")
    return f"{m['scheme']}{user}{':' + MASK if colon else ''}@{host}{m['rest']}"


def shown(text: str, limit: int = SHOWN) -> str:
    """Text from the server as one line that a terminal only displays: white space runs made one
    space, control and bidi characters written as \\uXXXX (plaintext.visible), at most `limit`
    characters (then …)."""
    line = visible(" ".join(text[:limit * 4].split()))
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


# -- one request, whole, by its deadline -------------------------------------------------------

class _Deadline:
    """Ends a request when its time is up: every connection it opened is shut down (through a
    duplicate of its socket, which stays valid while TLS wraps the original), so a read that
    is waiting returns at once."""

    def __init__(self, seconds: float):
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for s in self._socks:
                s.close()
            self._socks.clear()

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._socks.append(sock.dup())
            if self.expired:
                _shut(self._socks[-1])
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for s in self._socks:
                _shut(s)

    def connection(self, base: type[http.client.HTTPConnection]) -> Callable[..., http.client.HTTPConnection]:
        deadline = self

        def make(*args: Any, **kwargs: Any) -> http.client.HTTPConnection:
            conn = base(*args, **kwargs)
            opened = conn._create_connection  # type: ignore[attr-defined]
            conn._create_connection = lambda *a, **k: deadline.watch(opened(*a, **k))  # type: ignore[attr-defined]
            return conn
        return make


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers, never followed (urllib would turn a POST into a GET without body
    and take the Authorization header to any host)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(deadline.connection(http.client.HTTPConnection), req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(deadline.connection(http.client.HTTPSConnection), req,
                                context=self._context)  # type: ignore[attr-defined]

    return urllib.request.build_opener(_NoRedirect, Plain, Secure)


@dataclass(frozen=True)
class Answer:
    method: str
    status: int
    body: bytes
    content_type: str = ""
    location: str | None = None   # a redirect's target, as sent

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None


@dataclass(frozen=True)
class LRS:
    url: str                     # the xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/ (no credentials in it)
    user: str | None = None
    password: str | None = None
    timeout: float = DEADLINE    # seconds a whole request may take

    @property
    def statements_url(self) -> str:
        url = self.url.rstrip("/")
        return url if url.endswith("/statements") else url + "/statements"

    def _headers(self, body: bool) -> dict[str, str]:
        h = {"X-Experience-API-Version": VERSION, "Accept": "application/json"}
        if body:
            h["Content-Type"] = "application/json; charset=utf-8"
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            h["Authorization"] = f"Basic {token}"
        return h

    def request(self, method: str, url: str, body: Any = None) -> Answer:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers(data is not None))
        with _Deadline(self.timeout) as deadline:
            try:
                try:
                    # the sockets' own timeout a little later: the deadline's watchdog speaks first
                    resp = _opener(deadline).open(req, timeout=self.timeout + 1)
                except urllib.error.HTTPError as exc:  # 3xx, 4xx, 5xx: an answer all the same
                    resp = exc
                with resp:
                    status, headers = resp.status, resp.headers
                    content = resp.read(BODY_LIMIT + 1)
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
                if deadline.expired or isinstance(getattr(exc, "reason", exc), TimeoutError):
                    raise self._late() from None
                reason = str(getattr(exc, "reason", None) or exc) or type(exc).__name__
                raise LRSError(f"cannot reach the LRS at {self.statements_url}: {shown(reason)}") from None
            if deadline.expired:  # the body may have been cut short
                raise self._late()
        if len(content) > BODY_LIMIT:
            raise LRSError(f"the LRS at {self.statements_url} answered more than {BODY_LIMIT // 1024 // 1024} MiB "
                           f"(HTTP {status}): not an xAPI answer")
        return Answer(method, int(status or 0), content, headers.get("Content-Type", "") if headers else "",
                      headers.get("Location") if headers else None)

    def _late(self) -> LRSError:
        return LRSError(f"the LRS at {self.statements_url} did not answer within {self.timeout:g} s "
                        "(the whole request; --timeout to give it longer)")

    def post(self, statements: Sequence[Mapping[str, Any]]) -> Answer:
        return self.request("POST", self.statements_url, list(statements))

    def put(self, statement: Mapping[str, Any]) -> Answer:
        return self.request("PUT", self._one(str(statement["id"])), statement)

    def get(self, statement_id: str) -> Answer:
        return self.request("GET", self._one(statement_id))

    def _one(self, statement_id: str) -> str:
        return f"{self.statements_url}?statementId={quote(statement_id, safe='')}"


# -- reading answers ---------------------------------------------------------------------------

def listed_ids(answer: Answer) -> list[str] | None:
    """The statement ids a 200 answer to a POST lists (its body: a JSON list of strings), or
    None when the body is anything else (an HTML page, an object, nothing)."""
    ids = answer.json() if answer.status == 200 else None
    if isinstance(ids, list) and all(isinstance(i, str) for i in ids):
        return ids
    return None


def holds(answer: Answer, statement_id: str) -> bool:
    """Whether the answer to a GET of `statement_id` gives that statement back: 200 with the
    statement (xAPI 1.0.3), or with a statement result listing it (what Ralph 5 answers); ids
    are UUIDs, compared without case."""
    found = answer.json() if answer.status == 200 else None
    if isinstance(found, dict) and isinstance(found.get("statements"), list):
        candidates = found["statements"]
    else:
        candidates = [found]
    return any(isinstance(s, dict) and str(s.get("id", "")).lower() == statement_id.lower() for s in candidates)


def explain(answer: Answer, url: str) -> str:
    """One line for an answer that delivered nothing."""
    head = f"the LRS at {url} answered HTTP {answer.status} to a {answer.method}"
    if answer.status in (401, 403):
        return f"the LRS at {url} refused the credentials (HTTP {answer.status}): give --user and --password"
    if 300 <= answer.status < 400:
        where = shown(masked(answer.location or "nowhere said"))
        return f"{head}, a redirect to {where}: not followed (the credentials go only to the address given); " \
               "give the LRS's own address with --lrs"
    detail = shown(answer.body.decode("utf-8", "replace"))
    if answer.status == 200 and answer.method == "POST":
        kind = shown(answer.content_type, 60) or "no content type"
        return f"{head} but not with the ids of the statements sent ({kind}" + \
               (f": {detail}" if detail else "") + "): nothing counted as delivered"
    if answer.status == 200 and answer.method == "PUT":
        return f"{head}, not 204 as xAPI 1.0.3 asks: not counted as delivered"
    return head + (f": {detail}" if detail else "")
