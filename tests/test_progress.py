"""A trainee's progress (issue 18, items 1 and 2): the profile's rows from a real store filled with
engine-played plays over several fake days, the spaced schedule, and the suggestion changing as
the verdicts change (simulator/results/progress.py, simulator/results/progress_render.py)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import FIXTURES

import simulator.results.store.moments as store_clock
from scoring.catalogue import load_catalogue
from scoring.scorer import score
from simulator.format.loader import load
from simulator.lang.typography import NBSP, NNBSP
from simulator.play.engine import Play, play_script
from simulator.results.progress import INTERVALS, Attempt, from_store, profile, schedule
from simulator.results.progress_render import explain, profile_dict, profile_text
from simulator.results.store import Store

LOOP = load(FIXTURES / "loop-timer.yaml")
SWEATER = load(FIXTURES / "small-sweater.yaml")
IDS = [p.id for p in load_catalogue()]
D0 = date(2026, 12, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def finish(store: Store, monkeypatch, scenario, script: str, n: int, *, trainee: str = "Ana",
           hour: int = 10, mode: str = "exam") -> str:
    """Play `script` with the engine and store it finished on fake day n (the store's clock)."""
    monkeypatch.setattr(store_clock, "now_utc", lambda: f"{day(n).isoformat()}T{hour:02d}:00:00+00:00")
    play = play_script(scenario, script, lang="en", play_id=uuid.uuid4().hex)
    record = replace(play.record, trainee=trainee, mode=mode, started_at=f"{day(n).isoformat()}T{hour - 1:02d}:50:00+00:00")
    store.finish_play(record, score(scenario, record))
    return record.play_id


def prof(store: Store, today: int, trainee: str = "Ana", **kw):
    return from_store(store, trainee, IDS, day(today), **kw)


# -- the schedule --------------------------------------------------------------------------------

def attempt(verdict: str, n: int) -> Attempt:
    return Attempt(play_id=f"p{n}", scenario="s", at=f"{day(n)}T10:00:00+00:00", day=day(n), verdict=verdict)


def test_mastered_on_different_days_is_due_later_each_time():
    seen = []
    for k in range(1, 7):
        s = schedule([attempt("mastered", n) for n in range(k)])
        seen.append((s.streak, s.interval, s.due))
    assert [i for _, i, _ in seen] == [1, 3, 7, 14, 30, 30] == [*INTERVALS, 30]
    assert seen[1] == (2, 3, day(1) + timedelta(days=3))


def test_mastered_twice_the_same_day_counts_once():
    same_day = schedule([attempt("mastered", 0), attempt("mastered", 0)])
    assert (same_day.streak, same_day.interval, same_day.due) == (1, 1, day(1))


def test_missed_or_violated_is_due_at_once_partial_the_next_day_and_the_streak_starts_again():
    for verdict, wait in (("missed", 0), ("violated", 0), ("partial", 1)):
        s = schedule([attempt("mastered", 0), attempt("mastered", 1), attempt(verdict, 5)])
        assert (s.streak, s.due) == (0, day(5 + wait)), verdict
    again = schedule([attempt("mastered", 0), attempt("missed", 1), attempt("mastered", 2)])
    assert (again.streak, again.interval) == (1, 1)
    assert schedule([]) is None


# -- the profile from a real store ---------------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "p.db") as s:
        yield s


def test_profile_rows_over_several_days(store, monkeypatch):
    finish(store, monkeypatch, LOOP, "2,2", 0)            # listen missed, options missed, courtesy violated: 0
    finish(store, monkeypatch, LOOP, "2,1", 1)            # listen partial, options mastered, courtesy violated: 50
    finish(store, monkeypatch, LOOP, "1,3,1", 2)          # 100, through the node where courtesy was violated
    finish(store, monkeypatch, LOOP, "1,3,2", 2, hour=15)  # options missed: 50
    finish(store, monkeypatch, SWEATER, "1,1,1", 2, hour=16)
    finish(store, monkeypatch, LOOP, "1,3,1", 1, trainee="Ben")  # someone else's
    monkeypatch.setattr(store_clock, "now_utc", lambda: f"{day(3)}T09:00:00+00:00")
    under_way = Play(LOOP, lang="en", trainee="Ana", clock=lambda: 0.0)
    under_way.choose(0)
    store.save_play(under_way.record)  # neither under way nor abandoned plays count
    p = prof(store, 3)
    assert p.plays == 5
    assert p.days == ((day(0), 1), (day(1), 1), (day(2), 3))
    row = p.row("offer-options")
    assert row.symbols.startswith("○✓✓○")
    assert [a.day for a in row.attempts[:4]] == [day(0), day(1), day(2), day(2)]
    assert row.schedule.due == day(2)  # missed on day 2: due at once
    courtesy = p.row("courtesy")
    # violated twice, then avoided where it had been violated (no choice applies it: no stored
    # verdict), then violated in the sweater story
    assert courtesy.symbols == "✗✗✓✓✗"
    assert [a.inferred for a in courtesy.attempts] == [False, False, True, True, False]
    assert courtesy.scenarios == ("loop-timer", SWEATER.id)
    assert courtesy.schedule.streak == 0 and courtesy.schedule.due == day(2)
    assert p.row("listen").scenarios[0] == "loop-timer"
    assert not p.row("no-charge").attempts or SWEATER.id in p.row("no-charge").scenarios
    assert [r.principle for r in p.principles[:len(IDS)]] == IDS  # the catalogue's order, met or not
    loop = next(s for s in p.scenarios if s.scenario == "loop-timer")
    assert (loop.plays, loop.best, loop.last, loop.last_day) == (4, 100.0, 50.0, day(2))
    assert loop.best_pass is not None and (loop.best_pass.day, loop.best_pass.scaled) == (day(2), 100.0)
    assert {s.scenario for s in p.scenarios} == {"loop-timer", SWEATER.id}


def test_the_suggestion_changes_as_the_verdicts_change(store, monkeypatch):
    assert prof(store, 0).suggestion is None
    first = finish(store, monkeypatch, LOOP, "2,2", 0)
    s = prof(store, 0).suggestion
    # violated beats missed: courtesy, where the curt answer was given (step 1, the first)
    assert (s.principle, s.verdict, s.scenario, s.play_id, s.step, s.due_now) == (
        "courtesy", "violated", "loop-timer", first, 0, True)

    good = finish(store, monkeypatch, LOOP, "1,3,1", 1)  # courtesy kept, options and remedy mastered, listen partial
    s = prof(store, 1).suggestion
    # nothing missed or violated any more; listen only partly applied: due the next day, before the others
    assert (s.principle, s.verdict, s.due, s.due_now) == ("listen", "partial", day(2), False)
    s = prof(store, 2).suggestion  # the fake clock moves on: it is due now
    assert (s.principle, s.due_now, s.play_id, s.step) == ("listen", True, good, 1)  # missed at step 2

    late = finish(store, monkeypatch, LOOP, "1,3,2", 2)  # options missed now
    s = prof(store, 2).suggestion
    assert (s.principle, s.verdict, s.play_id, s.step) == ("offer-options", "missed", late, 2)
    finish(store, monkeypatch, LOOP, "2,1", 3)  # options mastered again, courtesy violated again
    assert prof(store, 3).suggestion.principle == "courtesy"


def test_a_suggestion_names_only_a_scenario_that_can_be_played(store, monkeypatch):
    finish(store, monkeypatch, SWEATER, "1,1,1", 0)
    finish(store, monkeypatch, LOOP, "2,2", 0, hour=11)
    for sid in ("loop-timer", SWEATER.id):
        only = prof(store, 0, available={sid}).suggestion
        assert only is not None and only.scenario == sid and only.due_now
    assert prof(store, 0, available=set()).suggestion is None


def test_explanation_in_one_line_with_each_languages_typography(store, monkeypatch):
    finish(store, monkeypatch, LOOP, "2,2", 0)
    p = prof(store, 0)
    names = {"courtesy": "Rester calme et courtois"}
    fr = explain(p, "fr", names, {"loop-timer": "Boucle et minuteur"})
    assert "\n" not in fr
    assert f"«{NNBSP}Rester calme et courtois{NNBSP}»" in fr and f"«{NNBSP}Boucle et minuteur{NNBSP}»" in fr
    assert f"{NBSP}:" in fr and "depuis le début" in fr and "2026-12-01" in fr
    en = explain(p, "en", {"courtesy": "Stay calm"}, {"loop-timer": "Loop"})
    assert en == "“Stay calm” was violated in your last attempt (2026-12-01): try “Loop” again from the start."


def test_text_and_json_of_a_profile(store, monkeypatch):
    finish(store, monkeypatch, LOOP, "2,2", 0)
    finish(store, monkeypatch, LOOP, "1,3,1", 1)
    p = prof(store, 1)
    text = profile_text(p, "en", {}, {})
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert "courtesy" in text and "✗✓" in text and "○ missed" in text
    data = profile_dict(p, "en", {}, {})
    assert data["suggestion"]["principle"] == "listen" and data["suggestion"]["step"] == 2  # 1-based
    assert [d["plays"] for d in data["days"]] == [1, 1]
    courtesy = next(r for r in data["principles"] if r["principle"] == "courtesy")
    assert [v["verdict"] for v in courtesy["verdicts"]] == ["violated", "mastered"]
    assert courtesy["verdicts"][1]["inferred"] is True


def test_profile_without_plays():
    p = profile("Zoé", [], IDS, D0)
    assert p.plays == 0 and p.suggestion is None and not p.met
    assert "No finished play yet" in profile_text(p, "en", {}, {})


def test_a_play_that_cannot_be_read_is_left_out_and_noted(tmp_path, monkeypatch):
    import sqlite3
    db = tmp_path / "d.db"
    with Store.open(db) as s:
        kept = finish(s, monkeypatch, LOOP, "1,3,1", 0)
        broken = finish(s, monkeypatch, LOOP, "2,2", 1)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE plays SET verdict_keys = 'courtesy' WHERE play_id = ?", (broken,))
        conn.execute("UPDATE verdicts SET opportunities = '[1,' WHERE play_id = ?", (kept,))
    conn.close()
    with Store.open(db, readonly=True) as s:
        p = prof(s, 1)
        assert p.plays == 1 and [a.play_id for a in p.row("listen").attempts] == [kept]
        assert broken in s.damaged
        assert s.judgement(kept, "listen") is None and kept in s.damaged  # its steps unreadable: step 1
        assert (p.suggestion.principle, p.suggestion.step) == ("listen", 0)  # from the start, not a traceback


def test_certificate_counts_agree_with_their_number(store, monkeypatch):
    from simulator.results.progress_render import certificate_html
    finish(store, monkeypatch, LOOP, "1,3,1", 0)
    one = prof(store, 0)
    page = certificate_html(one, "fr", {}, {}, generated_at="2026-12-01T12:00:00+00:00")
    assert "1 partie terminée," in page and "maîtrisé 1 fois sur 1" in page
    assert "1 finished play," in certificate_html(one, "en", {}, {}, generated_at="2026-12-01T12:00:00+00:00")
    finish(store, monkeypatch, LOOP, "1,3,1", 1)
    two = certificate_html(prof(store, 1), "en", {}, {}, generated_at="2026-12-02T12:00:00+00:00")
    assert "2 finished plays," in two and "mastered 2 of 2 times" in two
