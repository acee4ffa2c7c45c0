"""Issue 18 reviewed (progress that shows learning): regression tests for what the review found,
each failing on the code before its fix."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from test_progress import day, finish
from tui_helpers import make_app, screen_text

from simulator.format.loader import load
from simulator.tui.screens.profile import ProfileScreen

OWN = FIXTURES / "own-principles.yaml"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_profile_screen_names_a_scenarios_own_principles(tmp_path, monkeypatch, size):
    """A shipped scenario may bring principles of its own (angry-comment's keep-it-private): the
    screen showed their ids ("keep-promise") where `litige progress` shows their names."""
    app = make_app(tmp_path, [OWN], settings={"trainee": "Ana", "coach": "0"})
    finish(app.store, monkeypatch, load(OWN), "3,2", 0, trainee="Ana")  # guess, rash: both violated
    app.today = lambda: day(0)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        text = " ".join(screen_text(app).split())
        assert "Check the stock before promising" in text and "Promise only what you" in text
        assert "check-stock" not in text and "keep-promise" not in text
        assert "“Check the stock before promising” was violated" in text  # the suggestion, by name too


@pytest.mark.parametrize("lang, says, not_said", [
    ("en", ("the share is of the pairs", "same includes those who had mastered it in their first play",
            "single: judged on it in one play only"), "same counts who was mastered"),
    ("fr", ("la part est celle des paires", "pareil compte aussi qui l’avait maîtrisé dès sa première partie",
            "seul·es : jugé·es sur ce principe dans une seule partie"), "pareil compte qui était déjà"),
])
def test_the_gain_legend_says_what_the_principle_columns_count(lang, says, not_said):
    """The legend said "same counts who was mastered already" (a person is not mastered) and told
    "single" only as "trainees with one play", while in the principle table a trainee with three
    plays is single on a principle that came up in one of them."""
    from simulator.lang.i18n import t
    from simulator.lang.typography import NBSP, NNBSP
    legend = t("gain.legend.improved", lang).replace(NNBSP, " ").replace(NBSP, " ")
    for text in says:
        assert text in legend, legend
    assert not_said not in legend


@pytest.fixture
def ana_and_ana(tmp_path, monkeypatch):
    """Two people the store tells apart, "Ana" (one play) and "ana" (two plays)."""
    from test_progress import LOOP

    from simulator.results.store import Store
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        finish(store, monkeypatch, LOOP, "1,3,1", 0, trainee="Ana")
        finish(store, monkeypatch, LOOP, "2,2", 1, trainee="ana")
        finish(store, monkeypatch, LOOP, "2,2", 2, trainee="ana")
    monkeypatch.undo()
    return path


def test_a_profile_and_a_certificate_are_of_one_person_only(ana_and_ana, tmp_path):
    """--trainee Ana picks "Ana" (named exactly) beside "ana", but the profile then read the plays
    of every name --trainee "Ana" matches, ana's too: 3 finished plays, her violations, on Ana's
    certificate."""
    import json

    from conftest import run_cli
    proc = run_cli("progress", "--db", str(ana_and_ana), "--trainee", "Ana", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["trainee"], data["plays"]) == ("Ana", 1)
    other = json.loads(run_cli("progress", "--db", str(ana_and_ana), "--trainee", "ana", "--json").stdout)
    assert (other["trainee"], other["plays"]) == ("ana", 2)
    out = tmp_path / "c.html"
    cert = run_cli("export", "--db", str(ana_and_ana), "--format", "certificate", "--trainee", "Ana",
                   "--lang", "en", "--out", str(out))
    assert cert.returncode == 0, cert.stderr
    assert "1 finished play," in out.read_text()


async def test_the_profile_screen_is_of_the_games_trainee_alone(tmp_path, monkeypatch):
    from test_progress import LOOP
    app = make_app(tmp_path, settings={"trainee": "Ana", "coach": "0"})
    finish(app.store, monkeypatch, LOOP, "1,3,1", 0, trainee="Ana")
    finish(app.store, monkeypatch, LOOP, "2,2", 1, trainee="ana")
    app.today = lambda: day(1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.profile.plays == 1


def test_a_certificate_says_when_a_pass_was_in_coach_mode(tmp_path, monkeypatch):
    """Coach mode gives each choice's feedback right after it: a pass there is not an exam's, yet
    the certificate listed it as a pass like any other (the mode the store holds, dropped). An
    exam pass is now preferred, and a pass in coach mode alone is said to be one."""
    from conftest import run_cli
    from test_progress import LOOP

    from simulator.results.store import Store
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        finish(store, monkeypatch, LOOP, "1,3,1", 0, trainee="Ana", mode="coach")  # 100, passed, coached
        finish(store, monkeypatch, LOOP, "1,3,1", 2, trainee="Ana")                 # 100, passed, exam
        finish(store, monkeypatch, LOOP, "1,3,1", 1, trainee="Ben", mode="coach")
    monkeypatch.undo()
    pages = {}
    for who in ("Ana", "Ben"):
        out = tmp_path / f"{who}.html"
        proc = run_cli("export", "--db", str(path), "--format", "certificate", "--trainee", who, "--lang", "en",
                       "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        pages[who] = out.read_text()
    assert f"<td>{day(2).isoformat()}</td>" in pages["Ana"] and "coach" not in pages["Ana"]
    assert "loop-timer (in coach mode)</td>" in pages["Ben"]  # a fixture, not shipped: its id for a title
    fr = tmp_path / "fr.html"
    run_cli("export", "--db", str(path), "--format", "certificate", "--trainee", "Ben", "--lang", "fr", "--out", str(fr))
    assert "(en mode coach)" in fr.read_text()
