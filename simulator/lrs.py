"""Sending xAPI statements to a Learning Record Store (standard library urllib: one POST of a
JSON array per batch, HTTP Basic auth, the 1.0.3 version header)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from simulator.errors import LitigeError
from simulator.xapi import VERSION


class LRSError(LitigeError):
    """The LRS could not be reached or refused the statements (one line)."""


@dataclass(frozen=True)
class LRS:
    url: str                     # the xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    @property
    def statements_url(self) -> str:
        url = self.url.rstrip("/")
        return url if url.endswith("/statements") else url + "/statements"

    def _headers(self) -> dict[str, str]:
        h = {"X-Experience-API-Version": VERSION, "Content-Type": "application/json; charset=utf-8",
             "Accept": "application/json"}
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            h["Authorization"] = f"Basic {token}"
        return h

    def request(self, method: str, url: str, body: Any = None) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers())
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (the user's LRS URL)
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LRSError(f"cannot reach the LRS at {self.statements_url}: {reason}") from None

    def post(self, statements: Sequence[Mapping[str, Any]]) -> tuple[int, bytes]:
        return self.request("POST", self.statements_url, list(statements))


def explain(status: int, body: bytes, url: str) -> str:
    detail = body.decode("utf-8", "replace").strip().replace("\n", " ")[:200]
    if status in (401, 403):
        return f"the LRS at {url} refused the credentials (HTTP {status}): give --user and --password"
    return f"the LRS at {url} answered HTTP {status}" + (f": {detail}" if detail else "")
