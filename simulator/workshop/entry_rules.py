"""Who may start a game process: the join code, the participant cap, and the throttle on
wrong codes, as plain decisions.

The web server asks `Throttle.wait(client)` then `Gate.admit(code, live)` before it starts
anything, and tells the throttle of each wrong code; nothing here does I/O.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, urlencode

# No 0/O, 1/I/L: a code read aloud or copied from a projector survives.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MIN_CODE = 6     # a facilitator's --code: 31**6 codes, at 5 guesses a minute, is out of reach
MAX_CODE = 64
# Wrong codes from one client address: this many within WRONG_WINDOW seconds, and that address is
# refused everything (even the right code, which would otherwise tell a guess apart) for COOL_DOWN.
MAX_WRONG = 5
WRONG_WINDOW = 60.0
COOL_DOWN = 60.0
MAX_CLIENTS = 4096  # addresses remembered at most (a flood of addresses cannot fill the memory)


class Admission(str, Enum):
    ADMIT = "admit"
    BAD_CODE = "bad_code"   # missing or wrong join code
    FULL = "full"           # as many game processes as the cap allows are running
    THROTTLED = "throttled" # too many wrong codes from this address lately: wait

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
    if len(n) < MIN_CODE:
        return (f"--code needs at least {MIN_CODE} letters or digits (dashes and spaces do not count); "
                "leave it out for a random one")
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


# The terminal a participant's game may draw (the browser asks for its window's size, at the
# start and on each resize): at most what a screen shows, and at least what the game can use.
# A browser asking for 20000 x 20000 cells would make its game stream gigabytes.
MAX_COLS, MAX_ROWS = 300, 100
MIN_COLS, MIN_ROWS = 20, 6
DEFAULT_COLS, DEFAULT_ROWS = 80, 24
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")  # a size as text: ASCII digits, one sign at most


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The size a game gets for the one a browser asked: clamped, and the default for a value
    that is not a whole number (text, a fraction, nothing)."""
    def whole(value: object, default: int) -> int:
        if isinstance(value, bool):
            return default
        if isinstance(value, int):
            return value
        if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):  # one sign at most, as int() takes
            return int(value)
        return default
    return (min(MAX_COLS, max(MIN_COLS, whole(width, DEFAULT_COLS))),
            min(MAX_ROWS, max(MIN_ROWS, whole(height, DEFAULT_ROWS))))


def join_url(base: str, code: str) -> str:
    """The link to share: the server's address with the code in the query string."""
    return f"{base.rstrip('/')}/?{urlencode({'code': normalise(code)})}"


def websocket_path(code: str) -> str:
    """The game's websocket path for this code (the browser appends ?width=…&height=…)."""
    return f"/ws/{quote(normalise(code))}"


def client_key(address: str | None) -> str:
    """Whom the throttle counts: an IPv4 address, or an IPv6 /64 (one machine's usual share)."""
    try:
        ip = ipaddress.ip_address((address or "").split("%", 1)[0])
    except ValueError:
        return address or "?"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


class Throttle:
    """Wrong join codes per client: after `limit` of them within `window` seconds, that client
    must wait `cooldown` seconds. The server owns one; the clock is given (tests use a fake)."""

    def __init__(self, limit: int = MAX_WRONG, window: float = WRONG_WINDOW, cooldown: float = COOL_DOWN,
                 clock: Callable[[], float] = time.monotonic, max_clients: int = MAX_CLIENTS):
        if limit < 1 or window <= 0 or cooldown <= 0:
            raise ValueError("limit, window and cooldown must be positive")
        self.limit, self.window, self.cooldown = limit, window, cooldown
        self.clock = clock
        self.max_clients = max_clients
        self._wrong: dict[str, deque[float]] = {}
        self._until: dict[str, float] = {}

    def wait(self, client: str) -> float:
        """Seconds this client must still wait (0: it may try a code)."""
        until = self._until.get(client)
        if until is None:
            return 0.0
        left = until - self.clock()
        if left <= 0:
            del self._until[client]
            return 0.0
        return left

    def wrong(self, client: str) -> bool:
        """Count a wrong code from this client; True when it starts the client's cool-down."""
        now = self.clock()
        times = self._wrong.setdefault(client, deque())
        times.append(now)
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.limit:
            del self._wrong[client]
            self._until[client] = now + self.cooldown
            self._forget(now)
            return True
        self._forget(now)
        return False

    def _forget(self, now: float) -> None:
        """Keep the memory bounded: drop what no longer counts, then the oldest clients."""
        if len(self._wrong) + len(self._until) <= self.max_clients:
            return
        self._until = {c: t for c, t in self._until.items() if t > now}
        self._wrong = {c: ts for c, ts in self._wrong.items() if ts and ts[-1] > now - self.window}
        while len(self._wrong) + len(self._until) > self.max_clients:
            victim = self._wrong if self._wrong else self._until
            del victim[next(iter(victim))]
