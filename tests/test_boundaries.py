"""Each boundary the issue-15 audit could move without a test noticing, tested on both sides:
the guard operators at value − 1, value and value + 1 (parsed, and in a played scenario), the
1 MiB size limit at 1 MiB and 1 MiB + 1 byte, the throttle window's edge (fake clock), and the
workshop's `/status` that gives its counts only with the join code."""

from __future__ import annotations

import operator
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st
from workshop_helpers import free_port

from simulator.format import guards
from simulator.format.errors import ScenarioError
from simulator.format.loader import load_text
from simulator.format.yaml_reader import MAX_BYTES, read
from simulator.play.engine import Play
from simulator.workshop.entry_rules import Gate, Throttle
from simulator.workshop.server import WorkshopServer

PYTHON_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
              "==": operator.eq, "!=": operator.ne}
# What each operator says of a meter at value − 1, value, value + 1 (written out, not computed)
TRUTH = {
    "<": (True, False, False),
    "<=": (True, True, False),
    ">": (False, False, True),
    ">=": (False, True, True),
    "==": (False, True, False),
    "!=": (True, False, True),
}


# -- guard operators ----------------------------------------------------------------------

@pytest.mark.parametrize("op", sorted(TRUTH))
def test_each_guard_operator_at_value_minus_one_value_and_plus_one(op):
    g = guards.parse(f"trust {op} 50")
    got = tuple(g.evaluate({"trust": v}, set()) for v in (49, 50, 51))
    assert got == TRUTH[op]


@given(op=st.sampled_from(sorted(PYTHON_OPS)), meter=st.integers(-200, 200), value=st.integers(-200, 200))
def test_guard_comparisons_agree_with_python_operators(op, meter, value):
    g = guards.parse(f"m {op} {value}")
    assert g.evaluate({"m": meter}, frozenset()) is PYTHON_OPS[op](meter, value)
    # an absent meter reads as 0
    assert g.evaluate({}, frozenset()) is PYTHON_OPS[op](0, value)


def guarded_scenario(op: str, start: int):
    return load_text(f"""format: litige/1
id: op-{start}
title: Op
start: a
meters:
  trust: {{start: {start}}}
nodes:
  a:
    text: A
    choices:
      - {{id: guarded, text: g, when: "trust {op} 50", next: end}}
      - {{id: open, text: o, next: end}}
  end:
    text: E
    ending: {{outcome: won, title: E}}
""", "op.yaml")


@pytest.mark.parametrize("op", sorted(TRUTH))
def test_each_guard_operator_decides_what_a_play_offers(op):
    offered = tuple("guarded" in [c.id for c in Play(guarded_scenario(op, start), clock=lambda: 0.0).offered()]
                    for start in (49, 50, 51))
    assert offered == TRUTH[op]


def test_a_guard_after_an_effect_sees_the_meter_moved_to_its_bound():
    """A meter brought exactly to the bound by an effect: `<` no longer holds, `<=` still does."""
    s = load_text("""format: litige/1
id: moved
title: M
start: a
meters:
  trust: {start: 45}
nodes:
  a:
    text: A
    choices:
      - {text: up, effects: {trust: 5}, next: b}
  b:
    text: B
    choices:
      - {id: lt, text: lt, when: "trust < 50", next: end}
      - {id: le, text: le, when: "trust <= 50", next: end}
      - {id: gt, text: gt, when: "trust > 50", next: end}
      - {id: ge, text: ge, when: "trust >= 50", next: end}
      - {id: eq, text: eq, when: "trust == 50", next: end}
      - {id: ne, text: ne, when: "trust != 50", next: end}
  end:
    text: E
    ending: {outcome: won, title: E}
""", "moved.yaml")
    play = Play(s, clock=lambda: 0.0)
    play.choose(0)
    assert play.meters == {"trust": 50}
    assert [c.id for c in play.offered()] == ["le", "ge", "eq"]


# -- the 1 MiB size limit ------------------------------------------------------------------

SMALL = """format: litige/1
id: sized
title: S
start: a
nodes:
  a:
    text: A
    ending: {outcome: won, title: W}
"""


def padded(size: int) -> bytes:
    """A valid scenario of exactly `size` bytes (a YAML comment fills it)."""
    head = SMALL.encode()
    filler = size - len(head) - 2
    out = head + b"#" + b"x" * filler + b"\n"
    assert len(out) == size
    return out


def test_the_size_limit_is_one_mebibyte():
    assert MAX_BYTES == 1024 * 1024  # MiB, not MB


def test_a_file_of_exactly_one_mebibyte_loads():
    doc, problems = read(padded(1024 * 1024), "big.yaml")
    assert doc is not None and problems == []
    assert load_text(padded(1024 * 1024), "big.yaml").id == "sized"


def test_one_byte_more_than_one_mebibyte_is_refused_with_a_location():
    raw = padded(1024 * 1024 + 1)
    doc, problems = read(raw, "big.yaml")
    assert doc is None and len(problems) == 1
    assert (problems[0].line, problems[0].col) == (1, 1) and "limited to 1 MiB" in problems[0].message
    with pytest.raises(ScenarioError):
        load_text(raw, "big.yaml")


def test_the_size_limit_counts_utf8_bytes_of_text():
    """A text given as str is measured in UTF-8 bytes: a two-byte character makes a text of
    1 MiB − 1 characters exactly 1 MiB (accepted), a second one puts it over."""
    at = padded(1024 * 1024 - 1).decode().replace("x", "é", 1)
    assert len(at.encode()) == 1024 * 1024
    assert read(at, "t.yaml")[0] is not None
    over = at.replace("x", "é", 1)
    assert read(over, "t.yaml")[0] is None


# -- the throttle's window and cool-down (fake clock) ----------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_wrong_code_exactly_one_window_old_no_longer_counts():
    clock = Clock()
    t = Throttle(limit=3, window=60.0, cooldown=30.0, clock=clock)
    assert not t.wrong("a")          # t = 0
    clock.now += 1
    assert not t.wrong("a")          # t = 1
    clock.now = 1000.0 + 60.0         # the first is exactly one window old: it has expired
    assert not t.wrong("a")
    assert t.wait("a") == 0.0


def test_a_wrong_code_just_inside_the_window_still_counts():
    clock = Clock()
    t = Throttle(limit=3, window=60.0, cooldown=30.0, clock=clock)
    assert not t.wrong("a")
    clock.now += 1
    assert not t.wrong("a")
    clock.now = 1000.0 + 59.5         # the first is still inside the window
    assert t.wrong("a")               # third within the window: cool-down starts
    assert t.wait("a") == 30.0


def test_the_limit_th_wrong_code_starts_the_cool_down_not_the_one_before():
    clock = Clock()
    t = Throttle(limit=3, window=60.0, cooldown=30.0, clock=clock)
    assert [t.wrong("a"), t.wrong("a")] == [False, False]
    assert t.wait("a") == 0.0
    assert t.wrong("a") is True
    assert t.wait("b") == 0.0  # another client is not held back


def test_the_cool_down_ends_exactly_at_its_end():
    clock = Clock()
    t = Throttle(limit=1, window=60.0, cooldown=30.0, clock=clock)
    assert t.wrong("a")
    clock.now += 29.5
    assert t.wait("a") == 0.5
    clock.now = 1000.0 + 30.0
    assert t.wait("a") == 0.0
    # the client may try again; with limit 1 its next wrong code starts a new cool-down
    assert t.wrong("a") and t.wait("a") == 30.0


def test_the_throttle_refuses_nonsense_settings():
    for bad in ({"limit": 0}, {"window": 0}, {"cooldown": 0}):
        with pytest.raises(ValueError):
            Throttle(**bad)
    Throttle(limit=1, window=0.001, cooldown=0.001)  # the smallest positive settings are fine


# -- /status needs the join code -------------------------------------------------------------

TINY = Path(__file__).parent / "fixtures" / "workshop" / "tiny_app.py"
CODE = "K7PX2M"


@pytest.fixture
async def door():
    server = WorkshopServer(f"exec {sys.executable} {TINY}", Gate(CODE, max_participants=3),
                            port=free_port(), announce=False)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", server.port).start()
    async with aiohttp.ClientSession() as session:
        yield server, session, f"http://127.0.0.1:{server.port}"
    await runner.cleanup()


COUNTS = {"live", "max", "started", "refused_code", "refused_full", "refused_throttled"}


@pytest.mark.parametrize("query", ["", "?code=", "?code=WRONG1", f"?code={CODE}X", f"?code={CODE[:-1]}"])
async def test_status_without_the_right_code_is_403_and_gives_no_counts(door, query):
    server, session, http = door
    async with session.get(f"{http}/status{query}") as resp:
        body = await resp.json()
        assert resp.status == 403
    assert body == {"error": "bad_code"}
    assert not COUNTS & set(body)


async def test_status_with_the_code_gives_the_counts(door):
    server, session, http = door
    async with session.get(f"{http}/status?code=WRONG1") as resp:
        assert resp.status == 403
    async with session.get(f"{http}/status?code={CODE.lower()}") as resp:
        assert resp.status == 200
        body = await resp.json()
    # /status refusals count against the throttle, not in refused_code (games refused)
    assert body == {"live": 0, "max": 3, "started": 0, "refused_code": 0, "refused_full": 0, "refused_throttled": 0,
                    "stalled": 0, "plain": 0}  # games ended for a browser that took no output; seats on the accessible page
