"""simulator/shelf.py: the library's entries read from the files' heads are exactly what the full
load gives, a story is validated when opened, and an unreadable head falls back to a full load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import scenarios
from simulator.errors import ScenarioError
from simulator.loader import load
from simulator.shelf import Entry, Shelf, head
from tests.tui_helpers import make_app, screen_name

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


@pytest.mark.parametrize("path", [*scenarios.shipped(), *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_head_is_what_the_full_load_gives(path):
    entry = head(path)
    assert entry is not None, "every shipped story's library entry is read from its head"
    assert entry == Entry.of(load(path), path)


def test_nothing_is_validated_until_a_story_is_opened(monkeypatch):
    loaded: list[Path] = []
    import simulator.loader as loader

    real = loader.load
    monkeypatch.setattr(loader, "load", lambda path, known=None: loaded.append(Path(path)) or real(path, known))
    shelf = Shelf(scenarios.shipped())
    assert loaded == [] and len(shelf) == len(scenarios.shipped())
    assert "shrunken-sweater" in shelf and "nope" not in shelf
    scenario = shelf["shrunken-sweater"]
    assert scenario.nodes and loaded == [scenarios.find("shrunken-sweater")]
    assert shelf["shrunken-sweater"] is scenario and len(loaded) == 1  # cached
    with pytest.raises(KeyError):
        shelf["nope"]


def test_an_unreadable_head_is_loaded_in_full_at_once(tmp_path):
    bad = tmp_path / "bad-head.yaml"
    bad.write_text("format: litige/1\nid: bad-head\ntitle: [unclosed\nstart: a\nnodes:\n  a: {text: Fin.}\n")
    with pytest.raises(ScenarioError, match=r"bad-head.yaml:\d+:\d+: error: YAML syntax error"):
        Shelf([bad])
    late = tmp_path / "late-title.yaml"  # the title after the nodes: not in the head, loaded in full
    late.write_text((FIXTURES / "loop-timer.yaml").read_text().replace("title: {fr: Boucle et minuteur, en: Loop and timer}\n", "")
                    + "title: {fr: Boucle et minuteur, en: Loop and timer}\n")
    assert head(late) is None
    shelf = Shelf([late])
    assert shelf.entry("loop-timer").title.get("en") == "Loop and timer"


def test_a_broken_body_is_reported_when_opened():
    shelf = Shelf([BROKEN / "missing-next.yaml"])
    assert [e.id for e in shelf.entries()] == ["missing-next"]
    with pytest.raises(ScenarioError, match="fni"):
        shelf["missing-next"]


async def test_the_game_says_so_in_one_line_and_stays_on_the_library(tmp_path):
    broken = tmp_path / "missing-next.yaml"
    shutil.copy(BROKEN / "missing-next.yaml", broken)
    app = make_app(tmp_path, [broken])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1 and "fni" in messages[0] and "\n" not in messages[0]
