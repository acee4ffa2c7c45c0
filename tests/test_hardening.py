"""Holes an adversarial probe found (issue 17), each with the input that used to give a traceback
or a wrong reading: one clear line and a non-zero exit instead."""

from __future__ import annotations

import pytest

from conftest import run_cli
from simulator.guards import GuardSyntaxError, parse


@pytest.mark.parametrize("digits", ["٥٠", "５０", "৫০"])
def test_a_guard_reads_ascii_digits_only(digits):
    """`trust >= ٥٠` used to read as 50 (Python's \\d and int() take every script's digits)."""
    with pytest.raises(GuardSyntaxError):
        parse(f"trust >= {digits}")
    assert parse("trust >= 50").evaluate({"trust": 50}, set())


def test_a_guard_number_too_long_is_a_located_error_not_a_traceback(tmp_path):
    """Past 4,300 digits Python's int() raises; past 9 a guard's number is an error in words."""
    big = "9" * 5000
    with pytest.raises(GuardSyntaxError, match="5000 digits"):
        parse(f"trust >= {big}")
    path = tmp_path / "g.yaml"
    path.write_text(
        "format: litige/1\nid: g\ntitle: G\nmeters: {trust: {start: 50}}\nstart: a\nnodes:\n  a:\n    text: Hi\n"
        "    choices:\n      - {text: Yes, next: e}\n"
        f"      - {{text: No, next: e, when: \"trust >= {big}\"}}\n"
        "  e:\n    text: End\n    ending: {outcome: kept, title: End}\n", encoding="utf-8")
    proc = run_cli("check", "-q", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:11:" in proc.stdout and "5000 digits" in proc.stdout


@pytest.mark.parametrize("since, tz", [("0001-01-01", "Asia/Tokyo"), ("9999-12-31T23:59", "America/New_York")])
def test_since_at_the_ends_of_the_calendar_is_one_line(tmp_path, since, tz):
    """`--since 0001-01-01` east of UTC, `9999-12-31T23:59` west of it: out of Python's dates once
    turned to UTC, which used to be a ValueError traceback."""
    from simulator.store import Store
    db = tmp_path / "r.db"
    Store.open(db).close()
    proc = run_cli("report", "--since", since, "--db", str(db), env={"TZ": tz})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"litige: error: --since {since!r} is out of the range of dates: write a date " \
                                  "between 1900 and 9000"


@pytest.mark.parametrize("url, why", [("http://[::1", "Invalid IPv6 URL"), ("http://", "no host")])
def test_push_to_an_address_that_does_not_parse_is_one_line(tmp_path, url, why):
    proc = run_cli("push", "--lrs", url, "--db", str(tmp_path / "r.db"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"litige: error: --lrs {url!r} is not an address: {why}"
