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


HEADS = [*scenarios.shipped(), *sorted(FIXTURES.glob("**/*.yaml"))]


@pytest.mark.parametrize("path", HEADS, ids=lambda p: p.name)
def test_the_quick_reader_reads_heads_as_pyyaml_does(path):
    """Where the quick reader answers it gives what PyYAML gives; it answers for every shipped story."""
    import yaml
    from simulator.shelf import _NODES, _WANTED, _quick
    text = path.read_text(encoding="utf-8")
    cut = _NODES.search(text)
    text = text[: cut.start()] if cut else text
    quick = _quick(text)
    if path.parent == scenarios.folder():
        assert quick is not None
    if quick is not None:
        full = yaml.load(text, Loader=yaml.SafeLoader)
        assert quick == {k: v for k, v in full.items() if k in _WANTED}


@pytest.mark.parametrize("head_text", [
    "id: x\ntitle: {fr: \"a, b\", en: c}\n",       # quotes in a flow mapping
    "id: x\ntitle: a\n  continued\n",              # a plain scalar over two lines
    "id: x\ntitle: a # comment\n",                  # a trailing comment
    "id: x\ntitle: &t a\n",                         # an anchor
    "id: x\nsummary: >+\n  kept\n\n",                # keep chomping
    "id: x\nsummary: >\n  a\n    more indented\n",   # folding of more indented lines
    "id: x\ndifficulty: 0x2\n",                      # a typed scalar
    "id: x\ntitle:\n  fr: \"it's \\\"quoted\\\"\"\n",   # escapes
])
def test_the_quick_reader_leaves_the_unusual_to_pyyaml(head_text):
    from simulator.shelf import _quick
    assert _quick(head_text) is None


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
