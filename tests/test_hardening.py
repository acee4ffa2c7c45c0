"""Holes an adversarial probe found (issue 17), each with the input that used to give a traceback
or a wrong reading: one clear line and a non-zero exit instead."""

from __future__ import annotations

import pytest
from conftest import run_cli

from simulator.format.guards import GuardSyntaxError, parse


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
    proc = run_cli("check", "-q", str(path), env={"LITIGE_LANG": "en"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{path}:11:" in proc.stdout and "5000 digits" in proc.stdout


@pytest.mark.parametrize("since, tz", [("0001-01-01", "Asia/Tokyo"), ("9999-12-31T23:59", "America/New_York")])
def test_since_at_the_ends_of_the_calendar_is_one_line(tmp_path, since, tz):
    """`--since 0001-01-01` east of UTC, `9999-12-31T23:59` west of it: out of Python's dates once
    turned to UTC, which used to be a ValueError traceback."""
    from simulator.results.store import Store
    db = tmp_path / "r.db"
    Store.open(db).close()
    proc = run_cli("report", "--since", since, "--db", str(db), env={"TZ": tz})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"litige: error: --since {since!r} is out of the range of dates: write a date " \
                                  "between 1900 and 9000"


@pytest.mark.parametrize("url, why", [
    ("http://[::1", "Invalid IPv6 URL"), ("http://", "no host"),
    # these were taken and then failed as "cannot reach the LRS" (exit 1), or, with a query or a
    # fragment, had /statements appended after it (POSTed to the address's path without it)
    ("http://127.0.0.1:99999/", "Port out of range 0-65535"),
    ("http://127.0.0.1:abc/", "Port could not be cast to integer value as 'abc'"),
    ("http://127.0.0.1:1/xAPI/#top", "a fragment (#…) has no place in it: give the xAPI endpoint itself"),
    ("http://127.0.0.1:1/xAPI?tenant=a", "a query (?…) has no place in it: give the xAPI endpoint itself"),
])
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
    proc = run_cli("check", "-q", str(path), env={"LITIGE_LANG": "en"})
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


# -- issue 17 verified (an attacker's second pass): holes the first fixes left -------------------

def test_preview_past_the_problems_check_lists_does_not_promise_them_all(tmp_path):
    """Past checker.REPORTED problems, `litige check` lists the first 200 and counts the rest: the
    preview said "… and N more: litige check FILE lists them all"."""
    import asyncio

    from simulator.authoring.checker import REPORTED
    from simulator.tui.preview import MAX_PROBLEMS, PreviewApp

    path = tmp_path / "s.yaml"
    count = REPORTED + 50
    nodes = "".join(f"  n{i}:\n    text: hi\n    choices:\n      - {{text: go, next: nowhere{i}}}\n"
                    for i in range(count))
    path.write_text(f"format: litige/1\nid: s\ntitle: x\nstart: n0\nnodes:\n{nodes}", encoding="utf-8")

    async def shown() -> str:
        app = PreviewApp(path, lang="en", poll=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return str(app.query_one("#errors").render())

    text = asyncio.run(shown())
    assert "lists them all" not in text
    assert f"… and {count - MAX_PROBLEMS} more: litige check {path} lists the first {REPORTED} problems" in text
    check = run_cli("check", "-q", str(path), env={"LITIGE_LANG": "en"})
    assert check.stdout.count(": error: ") == REPORTED  # what the preview now says check does


def stored_names(tmp_path, *names: str) -> str:
    from conftest import FIXTURES
    db = str(tmp_path / "r.db")
    for name in names:
        proc = run_cli("play", str(FIXTURES / "small-sweater.yaml"), "--choices", "2,1", "--db", db,
                       f"--trainee={name}")
        assert proc.returncode == 0, proc.stderr
    return db


def test_a_trainee_named_exactly_is_theirs_when_others_differ_by_case(tmp_path):
    """Trainees "Ana" and "ana" are two people in the store, but --trainee matched both for either
    name (equal but for case), so neither could ever have a profile or a certificate."""
    db = stored_names(tmp_path, "Ana", "ana", "Ana Dupont")
    for given in ("Ana", "ana"):
        proc = run_cli("progress", "--trainee", given, "--lang", "en", "--db", db)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines()[0] == f"Progress — {given}"
        cert = run_cli("export", "--format", "certificate", "--trainee", given, "--lang", "en", "--db", db)
        assert cert.returncode == 0, cert.stderr
        assert f'<p class="who">{given}</p>' in cert.stdout
    proc = run_cli("progress", "--trainee", "ANA", "--db", db)  # no one of that exact name: still two
    assert proc.returncode == 2 and "2 trainees match (Ana, ana)" in proc.stderr


def test_a_name_with_a_line_break_stays_on_its_line_in_progress(tmp_path):
    """A name stored with a line break (`play --trainee` takes any) forged a trainee's line in
    `litige progress`'s list and split its heading and error line: `shown`, the rule for a field."""
    db = stored_names(tmp_path, "Mallory\n  Eve", "Mallory\tBob")
    listing = run_cli("progress", "--lang", "en", "--db", db)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.splitlines()[1:] == ["  Mallory Bob", "  Mallory Eve"]
    one = run_cli("progress", "--trainee", "mallory e", "--lang", "en", "--db", db)
    assert one.returncode == 0, one.stderr
    assert one.stdout.splitlines()[0] == "Progress — Mallory Eve"
    both = run_cli("progress", "--trainee", "mall", "--db", db)
    assert both.returncode == 2 and len(both.stderr.splitlines()) == 1
    assert "(Mallory Bob, Mallory Eve)" in both.stderr


ROOM_CRASH = """
import sys
from simulator.tui.room import RoomScreen

def broken(self):
    raise ZeroDivisionError("the room broke")

RoomScreen.action_refresh_room = broken
from simulator.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_room_s_live_screen_crashing_exits_non_zero_with_one_line(tmp_path):
    """`litige room` (live) printed Textual's traceback and exited 0 after a crash, as the game
    once did: one line naming the log, exit 1."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    from simulator.results.store import Store
    Store.open(tmp_path / "r.db").close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "XDG_STATE_HOME": str(tmp_path / "state"),
           "TMPDIR": str(tmp_path), "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    proc = subprocess.run([sys.executable, "-c", ROOM_CRASH, "room", "--db", str(tmp_path / "r.db")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "ZeroDivisionError: the room broke" in lines[0]
    log = lines[0].rsplit(" ", 1)[-1]
    assert log.startswith(str(tmp_path / "state")) and "ZeroDivisionError" in open(log, encoding="utf-8").read()
@pytest.mark.parametrize("command", [("play", "--choices", "1"), ("graph",)])
@pytest.mark.parametrize("kind, made", [("a named pipe (FIFO)", "fifo"), ("a folder", "dir")])
def test_play_and_graph_say_what_a_path_that_is_no_file_is(tmp_path, command, kind, made):
    """`play FIFO` and `graph FIFO` said "unknown scenario 'f': give a shipped id … or the path of a
    YAML file" about a path that exists: what check and preview say instead, without opening it."""
    import os
    path = tmp_path / "story.yaml"
    os.mkfifo(path) if made == "fifo" else path.mkdir()
    name, *rest = command
    proc = run_cli(name, str(path), *rest, timeout=30, env={"LITIGE_LANG": "en"})  # the messages in English
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"litige: error: {path}: cannot read file: it is {kind}, not a scenario file"




@pytest.mark.parametrize("value", ["--5", "+-5", "-+80"])
def test_a_terminal_size_with_two_signs_is_the_default_not_a_crash(value):
    """`?width=--5` passed the check (both signs stripped, then "5" is digits) and int() raised."""
    from simulator.workshop.entry_rules import DEFAULT_COLS, DEFAULT_ROWS, terminal_size
    assert terminal_size(value, value) == (DEFAULT_COLS, DEFAULT_ROWS)
    assert terminal_size("-5", "+30") == terminal_size(-5, 30)


@pytest.mark.timeout(120)
async def test_a_malformed_size_neither_crashes_the_door_nor_keeps_a_seat(tmp_path):
    """A participant with the code asking `?width=--5` got a 500 after the server had counted the
    seat, and the seat was never freed (no game, /status live 1): `max` such requests filled the
    room for good. The same size in a resize message ended the participant's session."""
    import asyncio
    import json
    import os
    import sys
    from pathlib import Path

    import aiohttp
    from aiohttp import web
    from workshop_helpers import children, free_port, screen_text, wait_for

    from simulator.workshop.entry_rules import Gate
    from simulator.workshop.server import WorkshopServer

    sized = Path(__file__).parent / "fixtures" / "workshop" / "sized_app.py"
    server = WorkshopServer(f"exec {sys.executable} {sized}", Gate("K7PX2M", max_participants=1),
                            port=free_port(), announce=False)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", server.port).start()

    async def until(ws, text: str) -> str:
        seen = ""
        async with asyncio.timeout(30):
            while text not in seen:
                msg = await ws.receive()
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen += screen_text(msg.data)
                elif msg.type != aiohttp.WSMsgType.TEXT:
                    break
        return seen

    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/K7PX2M?width=--5&height=-%2B5")
            assert "size 80x24" in await until(ws, "size 80x24")  # the default size
            await ws.send_str(json.dumps(["resize", {"width": "--7", "height": 30}]))  # ignored
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            assert "size 100x30" in await until(ws, "size 100x30")  # the session lived on
            await ws.close()
            assert await asyncio.to_thread(wait_for, lambda: server.counters.live == 0, 30), server.counters
    finally:
        await runner.cleanup()
    assert await asyncio.to_thread(wait_for, lambda: not children(os.getpid(), str(sized)), 30)


@pytest.mark.parametrize("damage, why", [
    ("UPDATE plays SET finished_at = 'not a date' WHERE play_id = :pid", "plays.finished_at is not a date and time"),
    ("UPDATE plays SET finished_at = 12345 WHERE play_id = :pid", "plays.finished_at is not a date and time"),
    ("UPDATE trainees SET name = x'ff00' WHERE name = 'Ann'", None),
])
def test_progress_and_the_certificate_leave_a_damaged_row_out(tmp_path, damage, why):
    """Rows damaged inside a valid database (issue 17, Medium 10), in the columns the profile reads
    and the others did not: a finished_at that is no moment, a trainee's name stored as a blob,
    gave tracebacks in `progress` and the certificate (and in any --trainee match)."""
    import sqlite3
    db = stored_names(tmp_path, "Ann", "Ann", "Bob")
    con = sqlite3.connect(db)
    pid = con.execute("SELECT p.play_id FROM plays p JOIN trainees t ON t.id = p.trainee_id WHERE t.name = 'Ann' "
                      "ORDER BY p.started_at LIMIT 1").fetchone()[0]
    con.execute(damage, {"pid": pid})
    con.commit()
    con.close()
    for command in (("progress", "--trainee", "ann"), ("export", "--format", "certificate", "--trainee", "ann"),
                    ("history", "--trainee", "bob")):
        proc = run_cli(*command, "--lang", "en", "--db", db)
        assert "Traceback" not in proc.stderr, (command, proc.stderr)
        if why is None and command[-1] == "ann":  # the blob is no one's name any more: Ann is gone
            assert proc.returncode == 2 and "no trainee of this name" in proc.stderr, proc.stderr
            continue
        if why and command[-1] == "ann":  # exit 3: the output holds every play but the one named
            assert proc.returncode == 3, (command, proc.stderr)
            assert proc.stderr.strip().splitlines()[-1] == \
                f"litige: warning: {db}: play {pid} cannot be read ({why}); left out", proc.stderr
            assert ("Finished plays: 1 " if command[0] == "progress" else "simulator: 1 finished play") in proc.stdout
        else:
            assert proc.returncode == 0, (command, proc.stderr)


def many_flags(flags_per_choice: int) -> str:
    """4 looping nodes whose 8 choices each set many flags of their own (issue 17, High 4's shape)."""
    lines = ["format: litige/1", "id: big", "title: Big", "start: n0", "nodes:"]
    for n in range(4):
        lines += [f"  n{n}:", "    text: Hi", "    choices:"]
        for c in range(8):
            flags = ", ".join(f"f{n}_{c}_{k}" for k in range(flags_per_choice))
            lines.append(f"      - {{text: c{c}, next: {f'n{(n + c) % 4}' if c < 7 else 'e'}, set: [{flags}]}}")
    lines += ["  e:", "    text: End", "    ending: {outcome: kept, title: End}"]
    return "\n".join(lines) + "\n"


def test_check_of_a_small_file_with_many_flags_stays_small(tmp_path):
    """A 9.7 KB valid file (30 flags set by each of 32 choices) still ran out of memory under a
    4 GB limit after the first fix (a MemoryError traceback after 34 s): the summary's play-length
    search kept 50,000 states, each with its own set of up to 960 flags. The search is now bounded by
    the flags and meters it holds, and the summary says the lengths are not known."""
    import resource
    import subprocess
    import sys

    from conftest import ROOT
    path = tmp_path / "big.yaml"
    path.write_text(many_flags(30), encoding="utf-8")
    assert path.stat().st_size < 10_000

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB, where 4 GB was not enough

    proc = subprocess.run([sys.executable, "-m", "simulator.cli.main", "check", str(path)], capture_output=True, text=True,
                          cwd=ROOT, preexec_fn=limit, timeout=170, env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1",
                                                                         "PATH": "/usr/bin:/bin", "LITIGE_LANG": "en"})
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-500:]
    assert proc.returncode == 0, proc.stderr
    assert "longest unknown (search incomplete" in proc.stdout


def test_check_of_a_file_whose_flags_allow_a_number_of_states_past_python_s_digits(tmp_path):
    """32 choices setting 1,500 flags each (a 500 KB file): the summary printed the play states the
    intervals allow with every digit, and 2^48,000 has more than the 4,300 digits Python will
    write (a ValueError traceback). Past 10^12 it gives the order of magnitude."""
    path = tmp_path / "big.yaml"
    path.write_text(many_flags(1500), encoding="utf-8")
    assert path.stat().st_size <= 1024 * 1024
    proc = run_cli("check", str(path), timeout=170, env={"LITIGE_LANG": "en"})
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr[-400:]
    import re
    assert re.search(r"scores not proven: the meters and flags allow more than 10\^1444\d play states, too many",
                     proc.stdout), proc.stdout


def test_the_summary_writes_a_huge_count_of_states_as_its_order_of_magnitude():
    from simulator.authoring.summary import states_text
    assert states_text(10**12) == "some 1,000,000,000,000"
    assert states_text(10**13) == "more than 10^12" == states_text(10**12 + 1)
    assert states_text(10**13 + 1) == "more than 10^13"
    assert states_text(2**96_000) == "more than 10^28898"
    assert states_text(10**28899) == "more than 10^28898"


def unknown_meters_yaml(meters: int, refs: int) -> str:
    declared = ", ".join(f"meter{i}: {{start: 1}}" for i in range(meters))
    out = ["format: litige/1", "id: m", "title: M", f"meters: {{{declared}}}", "start: n0", "nodes:"]
    for i in range(refs):
        out += [f"  n{i}:", "    text: hi", "    choices:",
                f"      - {{text: go, next: e, effects: {{metre{i}x: 1}}, when: \"metr{i}y > 1\"}}"]
    out += ["  e:", "    text: End", "    ending: {outcome: kept, title: End}"]
    return "\n".join(out) + "\n"


def test_hints_over_the_meters_index_them_once_per_file(monkeypatch):
    """Medium 5, another shape: 1,000 meters and 1,000 choices naming an unknown meter took 9 s,
    5,000 of each more than 5 minutes: the meters reach the hint as a dict, so each hint built the
    letter-pair index of every meter again. The index is built once per file now; the
    suggestions are still difflib's over all of them."""
    import difflib

    from simulator.format import fields
    from simulator.format.loader import parse
    calls = 0
    real = fields._pairs

    def counted(word):
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(fields, "_pairs", counted)
    n = 600
    _, problems = parse(unknown_meters_yaml(n, n), "m.yaml", frozenset())
    assert len(problems) == 2 * n
    assert calls < 5 * n  # a name's pairs once, each word's once (it was n × n: 360,600)
    names = [f"meter{i}" for i in range(n)]
    for word in ("metre5x", "metr12y", "meter", "meter599", "metter42"):
        best = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.6)
        assert fields.hint(word, dict.fromkeys(names)) == fields.hint(word, frozenset(names))
        assert bool(fields.hint(word, frozenset(names))) == bool(best), word
        if best:
            assert repr(best[0])[1:-1] in str(fields.hint(word, frozenset(names))), (word, best)


def test_push_to_a_server_answering_204_to_everything_delivers_nothing(tmp_path):
    """High 1, another shape: a proxy or portal answering "204 No Content" to every request
    emptied the outbox: a POST answered 204 (xAPI answers 200 with the ids) sent the statements
    one by one, and each PUT answered 204 counted as delivered. Once a POST has been answered
    204, the first statement PUT is read back before anything counts."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    methods: list[str] = []

    class AlwaysNoContent(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self):
            methods.append(self.command)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(204)
            self.end_headers()

        do_POST = do_PUT = do_GET = answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), AlwaysNoContent)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        db = stored_names(tmp_path, "Ann", "Bob")
        url = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
        proc = run_cli("push", "--lrs", url, "--db", db)
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    waiting = int(proc.stdout.split("; ")[1].split()[0])
    assert proc.stdout.startswith("0 statement(s) sent") and waiting > 0, proc.stdout
    assert proc.stderr.strip().splitlines() == [
        f"litige: error: the LRS at {url}statements answered HTTP 204 to a POST (xAPI 1.0.3 answers 200 with the ids) "
        f"and to the PUT of statement {proc.stderr.split('statement ')[1].split(',')[0]}, but a GET of it answered "
        "HTTP 204 without it: nothing counted as delivered; is --lrs an xAPI endpoint?"]
    assert methods == ["POST", "PUT", "GET"]


def test_the_room_of_a_story_file_shows_its_plays(tmp_path):
    """Medium 11's other side: `serve --scenario FILE` stores the plays under the file's id, but
    `room --scenario FILE` filtered by the path itself, so the facilitator saw an empty room
    titled with the path, and the plays under "other scenarios played"."""
    from conftest import FIXTURES
    story = tmp_path / "my-sweater.yaml"
    story.write_text((FIXTURES / "small-sweater.yaml").read_text(encoding="utf-8")
                     .replace("id: shrunken-sweater", "id: my-sweater"), encoding="utf-8")
    db, path = str(tmp_path / "r.db"), str(story)
    played = run_cli("play", path, "--choices", "2,1", "--db", db, "--trainee", "Ann")
    assert played.returncode == 0, played.stderr
    by_path = run_cli("room", "--once", "--scenario", path, "--lang", "en", "--db", db)
    assert by_path.returncode == 0, by_path.stderr
    assert path not in by_path.stdout and "Other scenarios" not in by_path.stdout
    from simulator.format.loader import load
    assert by_path.stdout.startswith(f"Room — {load(story).title.get('en')}\n")
    assert "Ann" in by_path.stdout and "1 finished" in by_path.stdout


def test_line_mode_on_a_node_its_guards_leave_without_a_choice_offers_no_number(tmp_path):
    """Line mode said "No choice is possible here", then asked for "1 to 0"."""
    from simulator.format.loader import load
    from simulator.game.linemode import LineSession
    path = tmp_path / "stuck.yaml"
    path.write_text("format: litige/1\nid: s\ntitle: S\nmeters: {m: {start: 10}}\nstart: a\nnodes:\n  a:\n"
                    "    text: Hi\n    choices:\n      - {text: Go, next: b}\n  b:\n    text: Then?\n    choices:\n"
                    "      - {text: Only if, next: e, when: \"m > 50\"}\n"
                    "  e:\n    text: End\n    ending: {outcome: kept, title: End}\n", encoding="utf-8")
    for lang, stuck, prompt in (("en", "No choice is possible here.", "Your answer (r repeat, ? help, q quit):"),
                                ("fr", "Aucun choix possible ici.", "Votre réponse (r répéter,\u202f? aide, q quitter)")):
        session = LineSession(load(path), lang)
        session.start()
        events = session.answer("1")
        texts = [e.text for e in events]
        assert stuck in texts and texts[-1].startswith(prompt), texts
        assert not any("0" in e.text for e in events if e.kind == "prompt")


def test_hints_against_a_few_hundred_names_compare_only_the_nearest(monkeypatch):
    """Medium 5, a third shape: 200 meters and thousands of choices naming unknown ones took
    half a minute, each hint running difflib over all 200 (under the old threshold). difflib now
    sees a few dozen names per hint, and suggests what it did over all of them."""
    import difflib

    from simulator.format.loader import parse
    real = difflib.get_close_matches
    seen: list[int] = []

    def counted(word, possibilities, *args, **kwargs):
        possibilities = list(possibilities)
        seen.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    _, problems = parse(unknown_meters_yaml(200, 300), "m.yaml", frozenset())
    assert len(problems) == 600 and len(seen) >= 600
    assert sum(seen) <= 60 * len(seen), max(seen)  # was 200 per hint
    names = sorted(f"meter{i}" for i in range(200))
    for p in problems[:50]:
        word = p.message.split("'")[1]
        best = real(word, names, n=1, cutoff=0.6)
        assert (f"did you mean '{best[0]}'" in p.message) if best else ("did you mean" not in p.message), p.message
