"""Who may start a game process: the join code and the participant cap, as plain decisions.

The web server asks `Gate.admit(code, live)` before it starts anything; nothing here does I/O.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, urlencode

# No 0/O, 1/I/L: a code read aloud or copied from a projector survives.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CODE = 64


class Admission(str, Enum):
    ADMIT = "admit"
    BAD_CODE = "bad_code"   # missing or wrong join code
    FULL = "full"           # as many game processes as the cap allows are running

    def __str__(self) -> str:
        return self.value


def new_code(length: int = CODE_LENGTH) -> str:
    """A random join code, e.g. 'K7PX2M'."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str | None) -> str:
    """What a participant typed, as compared: case, spaces and dashes do not matter."""
    return "".join((code or "").split()).replace("-", "").upper()[:MAX_CODE]


def valid_code(code: str) -> str | None:
    """Why a facilitator's `--code` is unusable, or None."""
    n = normalise(code)
    if len(n) < 4:
        return "the join code needs at least 4 letters or digits"
    if not n.isalnum() or not n.isascii():
        return "the join code may hold only letters and digits (A-Z, 0-9)"
    return None


@dataclass(frozen=True)
class Gate:
    code: str
    max_participants: int = 40

    def __post_init__(self) -> None:
        if self.max_participants < 1:
            raise ValueError("max_participants must be at least 1")

    def code_ok(self, given: str | None) -> bool:
        # constant-time comparison: the code is the room's only lock
        return hmac.compare_digest(normalise(given).encode(), normalise(self.code).encode())

    def admit(self, given: str | None, live: int) -> Admission:
        """May a connection holding `given` start a game process while `live` are running?"""
        if not self.code_ok(given):
            return Admission.BAD_CODE
        if live >= self.max_participants:
            return Admission.FULL
        return Admission.ADMIT


def join_url(base: str, code: str) -> str:
    """The link to share: the server's address with the code in the query string."""
    return f"{base.rstrip('/')}/?{urlencode({'code': normalise(code)})}"


def websocket_path(code: str) -> str:
    """The game's websocket path for this code (the browser appends ?width=…&height=…)."""
    return f"/ws/{quote(normalise(code))}"
