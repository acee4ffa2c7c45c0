"""The join-code gate as plain decisions (no server)."""

from __future__ import annotations

import pytest

from simulator.workshop.entry_rules import (
    ALPHABET,
    MAX_WRONG,
    Admission,
    Gate,
    Throttle,
    client_key,
    join_url,
    new_code,
    normalise,
    valid_code,
    websocket_path,
)
from simulator.workshop.pages import refusal_page, refusal_status, refusal_terminal


def test_codes_are_random_and_readable():
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(len(c) == 6 and set(c) <= set(ALPHABET) for c in codes)
    assert not set("0O1IL") & set(ALPHABET)


@pytest.mark.parametrize("given", ["K7PX2M", "k7px2m", " k7p-x2m ", "K7P X2M"])
def test_code_typed_loosely_is_admitted(given):
    assert Gate("K7PX2M").admit(given, 0) is Admission.ADMIT


@pytest.mark.parametrize("given", [None, "", "K7PX2", "K7PX2MM", "X7PX2M", "K7PX2M?width=80"])
def test_missing_or_wrong_code_is_refused_even_with_seats(given):
    assert Gate("K7PX2M").admit(given, 0) is Admission.BAD_CODE


def test_cap_counts_live_processes():
    gate = Gate("ABCD", max_participants=3)
    assert [gate.admit("abcd", n) for n in range(5)] == [Admission.ADMIT] * 3 + [Admission.FULL] * 2
    # a wrong code is told so, not that the room is full
    assert gate.admit("nope", 3) is Admission.BAD_CODE


def test_cap_must_be_positive():
    with pytest.raises(ValueError):
        Gate("ABCD", max_participants=0)


def test_facilitator_codes_are_checked():
    assert valid_code("ab") and "at least 6" in valid_code("ab")
    assert "at least 6" in (valid_code("ABCD") or "") and "at least 6" in (valid_code("ab-c12") or "")
    assert valid_code("abcde$") is not None and "letters and digits" in (valid_code("abcdef$") or "")
    assert valid_code("été123") is not None
    assert valid_code("atelier-2026") is None
    assert normalise("atelier-2026") == "ATELIER2026"


def test_link_and_websocket_carry_the_code():
    assert join_url("http://127.0.0.1:8000", "k7px2m") == "http://127.0.0.1:8000/?code=K7PX2M"
    assert websocket_path("k7-px2m") == "/ws/K7PX2M"


def test_refusal_pages_say_why_in_both_languages_without_colour():
    page = refusal_page(Admission.FULL, cap=30, code="ABCD")
    assert refusal_status(Admission.FULL) == 503
    assert "La salle est pleine" in page and "The room is full" in page and "30" in page
    page = refusal_page(Admission.BAD_CODE, cap=30, code="<script>")
    assert refusal_status(Admission.BAD_CODE) == 403
    assert "incorrect" in page and "wrong join code" in page and 'name="code"' in page
    assert "<script>" not in page
    assert "The room is full" in refusal_terminal(Admission.FULL, cap=2)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_after_max_wrong_codes_then_a_cool_down():
    clock = Clock()
    throttle = Throttle(limit=5, window=60, cooldown=60, clock=clock)
    assert [throttle.wrong("10.0.0.7") for _ in range(5)] == [False] * 4 + [True]
    assert throttle.wait("10.0.0.7") == 60 and throttle.wait("10.0.0.8") == 0   # other machines play on
    clock.now += 45
    assert throttle.wait("10.0.0.7") == 15
    clock.now += 15
    assert throttle.wait("10.0.0.7") == 0                                      # the cool-down is over
    assert throttle.wrong("10.0.0.7") is False                                 # and counting restarts


def test_throttle_counts_only_recent_wrong_codes():
    clock = Clock()
    throttle = Throttle(limit=5, window=60, cooldown=60, clock=clock)
    for _ in range(20):               # a typo every 20 s: never 5 within a minute
        assert throttle.wrong("10.0.0.7") is False
        clock.now += 20
    assert throttle.wait("10.0.0.7") == 0
    assert MAX_WRONG == 5


def test_throttle_memory_is_bounded():
    throttle = Throttle(limit=5, window=60, cooldown=60, clock=Clock(), max_clients=50)
    for n in range(500):
        throttle.wrong(f"10.0.{n // 250}.{n % 250}")
    assert len(throttle._wrong) + len(throttle._until) <= 50


def test_client_key_groups_an_ipv6_machine_and_unwraps_ipv4():
    assert client_key("192.0.2.5") == "192.0.2.5"
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_key("::ffff:192.0.2.5") == "192.0.2.5"
    assert client_key(None) == "?"


def test_throttled_page_says_how_long_to_wait_in_both_languages():
    page = refusal_page(Admission.THROTTLED, cap=30, wait=42)
    assert refusal_status(Admission.THROTTLED) == 429
    assert "Attendez 42\u202fs" in page and "Wait 42 s" in page and "Too many attempts" in page  # 42 and s kept together


def test_terminal_sizes_are_clamped_to_what_a_screen_shows():
    from simulator.workshop.entry_rules import terminal_size
    assert terminal_size("120", "40") == (120, 40) and terminal_size(120, 40) == (120, 40)
    assert terminal_size("20000", "20000") == (300, 100) and terminal_size(10**12, 10**12) == (300, 100)
    assert terminal_size("1", "-3") == (20, 6) and terminal_size(0, 0) == (20, 6)
    for junk in (None, "", "wide", "12.5", 12.5, True, "٥٠", "9" * 5000, [80], {"w": 1}):
        assert terminal_size(junk, junk) == (80, 24), junk     # not a whole number: the default
