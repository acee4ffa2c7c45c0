"""simulator/game/library.py: the library's entries read from the files' heads are exactly what the full
load gives, a story is validated when opened, and an unreadable head falls back to a full load."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scenarios
from simulator.format.errors import ScenarioError
from simulator.format.loader import load
from simulator.game.library import Entry, Library, head
from simulator.game.library_cache import VERSION, LibraryCache
from tests.tui_helpers import make_app, screen_name

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


@pytest.mark.parametrize("path", [*scenarios.shipped(), *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_head_is_what_the_full_load_gives(path):
    entry = head(path)
    assert entry is not None, "every shipped story's library entry is read from its head"
    assert entry == Entry.of(load(path), path)


def test_nothing_is_validated_until_a_story_is_opened(monkeypatch):
    loaded: list[Path] = []
    import simulator.format.loader as loader

    real = loader.load
    monkeypatch.setattr(loader, "load", lambda path, known=None: loaded.append(Path(path)) or real(path, known))
    shelf = Library(scenarios.shipped())
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
        Library([bad])
    late = tmp_path / "late-title.yaml"  # the title after the nodes: not in the head, loaded in full
    late.write_text((FIXTURES / "loop-timer.yaml").read_text().replace("title: {fr: Boucle et minuteur, en: Loop and timer}\n", "")
                    + "title: {fr: Boucle et minuteur, en: Loop and timer}\n")
    assert head(late) is None
    shelf = Library([late])
    assert shelf.entry("loop-timer").title.get("en") == "Loop and timer"


def test_a_broken_body_is_reported_when_opened():
    shelf = Library([BROKEN / "missing-next.yaml"])
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


# -- the entries remembered between starts (simulator/game/library_cache.py) ----------------------------

def settled_copies(tmp_path: Path) -> list[Path]:
    """The shipped stories copied, their modification times set a minute back (settled)."""
    copies = []
    for path in scenarios.shipped():
        copy = tmp_path / "stories" / path.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(path, copy)
        old = copy.stat().st_mtime - 60
        os.utime(copy, (old, old))
        copies.append(copy)
    return copies


def no_head_read(monkeypatch) -> list[Path]:
    import simulator.game.library as shelf_module
    read: list[Path] = []
    real = shelf_module.head
    monkeypatch.setattr(shelf_module, "head", lambda path: read.append(path) or real(path))
    return read


def test_a_second_start_takes_the_entries_from_the_cache_and_they_are_the_same(tmp_path, monkeypatch):
    paths, cache = settled_copies(tmp_path), tmp_path / "cache" / "heads.json"
    first = Library(paths, heads=LibraryCache(cache)).entries()
    assert cache.exists() and first == Library(paths).entries()
    read = no_head_read(monkeypatch)
    again = Library(paths, heads=LibraryCache(cache)).entries()
    assert read == [] and again == first


def test_a_changed_file_is_read_again(tmp_path, monkeypatch):
    paths, cache = settled_copies(tmp_path), tmp_path / "heads.json"
    Library(paths, heads=LibraryCache(cache))
    changed = paths[0]
    text = changed.read_text(encoding="utf-8")
    title = Library([changed]).entries()[0].title.get("fr")
    changed.write_text(text.replace(title, title + " (revu)", 1), encoding="utf-8")
    read = no_head_read(monkeypatch)
    shelf = Library(paths, heads=LibraryCache(cache))
    assert read == [changed]
    assert shelf.entries()[0].title.get("fr") == title + " (revu)"
    # just written: not remembered yet (a second write in the same clock tick could go unseen)
    read.clear()
    Library(paths, heads=LibraryCache(cache))
    assert read == [changed]


def test_a_damaged_or_unwritable_cache_only_costs_a_read(tmp_path, monkeypatch):
    paths = settled_copies(tmp_path)
    expected = Library(paths).entries()
    cache = tmp_path / "heads.json"
    for damage in ("{not json", '{"version": %d, "files": []}' % VERSION, '{"version": 99, "files": {}}',  # noqa: UP031 (JSON: braces read better)
                   '{"version": %d, "files": {"%s": {"stat": 1, "entry": null}}}' % (VERSION, paths[0])):  # noqa: UP031
        cache.write_text(damage)
        assert Library(paths, heads=LibraryCache(cache)).entries() == expected
    cache.unlink()
    Library(paths, heads=LibraryCache(cache))
    known = json.loads(cache.read_text())["files"]
    known[os.path.abspath(paths[0])]["entry"] = {"id": 3}  # the file's stat as it is, a wrong entry: read again
    cache.write_text(json.dumps({"version": VERSION, "files": known}))
    assert Library(paths, heads=LibraryCache(cache)).entries() == expected
    blocked = tmp_path / "a-file" / "heads.json"  # its folder cannot be made: a file is there
    blocked.parent.write_text("")
    assert Library(paths, heads=LibraryCache(blocked)).entries() == expected


def test_the_game_shows_its_library_without_pyyaml_once_the_heads_are_remembered(tmp_path):
    """`litige` as built by the CLI, twice in fresh processes: the second builds its library
    from the cache and has not imported PyYAML when its first screen is composed."""
    probe = (
        "import sys\n"
        "from simulator.game.settings import Settings\n"
        "from simulator.results.store import Store\n"
        "from simulator.tui.start import build\n"
        "store = Store.open(sys.argv[1])\n"
        "app = build(Settings(lang='en'), store)\n"
        "print(len(app.scenarios.entries()), 'yaml' in sys.modules)\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", probe, str(tmp_path / "litige.db")], capture_output=True,
                           text=True, env=env, cwd=tmp_path, timeout=60) for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [[str(len(scenarios.shipped())), "True"],
                                                [str(len(scenarios.shipped())), "False"]], [r.stderr for r in runs]
