"""The join-code gate as plain decisions (no server)."""

from __future__ import annotations

import pytest

from simulator.workshop.gate import (ALPHABET, Admission, Gate, join_url, new_code, normalise, valid_code,
                                     websocket_path)
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
    assert valid_code("ab") and "at least 4" in valid_code("ab")
    assert valid_code("abc$") is not None
    assert valid_code("été12") is not None
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
