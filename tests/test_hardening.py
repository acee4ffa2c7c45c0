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


def test_the_markdown_export_shows_names_as_text_never_as_markup(tmp_path):
    """Trainee names went raw into the Markdown page: `<script>`, `<img onerror>`, a tracking image
    and `<!--` became live wherever the page is rendered (the HTML export escaped them already)."""
    from conftest import FIXTURES
    db = str(tmp_path / "r.db")
    names = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "![t](http://track.example/p.png)",
             "<!-- hide", "*Ana* _Bo_ `x` [link](http://x) a|b"]
    for name in names:
        proc = run_cli("play", str(FIXTURES / "small-sweater.yaml"), "--choices", "2,1", "--db", db, f"--trainee={name}")
        assert proc.returncode == 0, proc.stderr
    md = run_cli("export", "--format", "md", "--db", db)
    assert md.returncode == 0, md.stderr
    import re
    for live in ("<script", "<img", "<!--", "![t]", "*Ana*", "_Bo_", "`x`", "a|b"):
        assert live not in md.stdout, live
    assert not re.search(r"(?<!\\)\]\(http", md.stdout)  # no link or image: `\](http` only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md.stdout and r"\*Ana\*" in md.stdout


def test_next_yes_says_what_yaml_made_of_it(tmp_path):
    """`next: yes` used to say "names no node: True (did you mean 'True'?)"."""
    path = tmp_path / "yes.yaml"
    path.write_text("format: litige/1\nid: y\ntitle: Y\nstart: a\nnodes:\n  a:\n    text: Hi\n    choices:\n"
                    "      - {text: Go, next: yes}\n      - {text: Stop, next: e}\n"
                    "  e:\n    text: End\n    ending: {outcome: kept, title: End}\n", encoding="utf-8")
    proc = run_cli("check", "-q", str(path))
    assert proc.returncode == 1 and "True" not in proc.stdout
    assert (f"{path}:9:26: error: next must name a node, found true: YAML reads yes, no, on, off, true and false "
            'as true or false; to name a node so, quote it (next: "yes")') in proc.stdout.splitlines()


def test_a_play_stuck_by_its_guards_says_so_not_pick_1_to_0(tmp_path):
    path = tmp_path / "stuck.yaml"
    path.write_text("format: litige/1\nid: s\ntitle: S\nmeters: {m: {start: 10}}\nstart: a\nnodes:\n  a:\n"
                    "    text: Hi\n    choices:\n      - {text: Go, next: b}\n  b:\n    text: Then?\n    choices:\n"
                    "      - {text: Only if, next: e, when: \"m > 50\"}\n"
                    "  e:\n    text: End\n    ending: {outcome: kept, title: End}\n", encoding="utf-8")
    proc = run_cli("play", str(path), "--choices", "1,1")
    assert proc.returncode == 2 and "pick 1 to 0" not in proc.stderr
    assert proc.stderr.strip() == ("litige: error: step 2: the scenario offers no choice at node 'b' in this play: the "
                                   "guards of all its choices are false here (litige check shows the plays stuck like this)")
