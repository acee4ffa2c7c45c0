"""The workshop's door to the letter (simulator/workshop/entry_rules.py): the facilitator's messages,
the smallest code and cap that are allowed, the shared link, the client key of a scoped IPv6
address, and what the throttle forgets first when its memory is full (fake clock). Written to
kill the mutants bench/mutation.py found alive in the gate."""

from __future__ import annotations

import pytest

from simulator.workshop.entry_rules import (
    MIN_CODE,
    Gate,
    Throttle,
    client_key,
    join_url,
    normalise,
    valid_code,
    websocket_path,
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_typed_normalises_to_nothing():
    assert normalise(None) == "" and normalise("") == "" and normalise(" - ") == ""
    assert normalise("a" * 100) == "A" * 64


def test_the_shortest_code_allowed_and_the_messages_for_the_others():
    assert valid_code("A" * MIN_CODE) is None
    assert valid_code("ab-c 123") is None  # dashes and spaces do not count, case does not matter
    assert valid_code("A" * (MIN_CODE - 1)) == (
        "--code needs at least 6 letters or digits (dashes and spaces do not count); leave it out for a random one")
    for bad in ("ABC_DEF", "ABCDÉF", "ABC.DEF"):
        assert valid_code(bad) == "the join code may hold only letters and digits (A-Z, 0-9)"


def test_a_cap_of_one_is_allowed_and_zero_is_refused_with_a_message():
    assert Gate("K7PX2M", max_participants=1).max_participants == 1
    with pytest.raises(ValueError) as info:
        Gate("K7PX2M", max_participants=0)
    assert str(info.value) == "max_participants must be at least 1"


@pytest.mark.parametrize("base", ["http://10.0.0.5:8000", "http://10.0.0.5:8000/", "http://10.0.0.5:8000//"])
def test_the_link_to_share(base):
    assert join_url(base, "k7p-x2m") == "http://10.0.0.5:8000/?code=K7PX2M"
    assert join_url("http://10.0.0.5/roomX/", "K7PX2M") == "http://10.0.0.5/roomX/?code=K7PX2M"
    assert websocket_path(" k7p x2m ") == "/ws/K7PX2M"


@pytest.mark.parametrize("address, key", [
    ("fe80::1%eth0", "fe80::/64"),
    ("fe80::1%eth0%junk", "fe80::/64"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("192.0.2.7", "192.0.2.7"),
    ("not an address", "not an address"),
    ("", "?"),
    (None, "?"),
])
def test_client_keys(address, key):
    assert client_key(address) == key


def test_throttle_settings_are_checked_with_a_message():
    with pytest.raises(ValueError) as info:
        Throttle(limit=0)
    assert str(info.value) == "limit, window and cooldown must be positive"


def test_a_full_memory_of_cool_downs_forgets_the_oldest_first_and_only_as_many_as_needed():
    clock = Clock()
    t = Throttle(limit=1, window=30, cooldown=60, clock=clock, max_clients=2)
    for client in ("a", "b", "c"):
        assert t.wrong(client)  # limit 1: each starts a cool-down
        clock.now += 1
    assert t.wait("a") == 0.0            # forgotten: the oldest
    assert t.wait("b") == 58.0 and t.wait("c") == 59.0  # kept


def test_a_full_memory_forgets_expired_wrong_codes_before_recent_ones():
    clock = Clock()
    t = Throttle(limit=3, window=30, cooldown=5, clock=clock, max_clients=2)
    t.wrong("a")                          # t = 0 (will have expired)
    clock.now = 10
    t.wrong("b")                          # t = 10: exactly one window old at t = 40
    clock.now = 35
    t.wrong("a")                          # a's recent one
    clock.now = 40
    t.wrong("c")                          # three clients for two places: b (expired) goes, not a
    assert not t.wrong("a")               # a: 35, 40
    clock.now = 41
    assert t.wrong("a")                   # a: 35, 40, 41 → third within the window: cool-down
