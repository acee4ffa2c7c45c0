"""`litige preview`: the play carries over to the new version of the file when it is saved,
as far as its steps still hold; errors are shown in the app, located; fixing them reloads.
The reload is triggered the way the app's own timer does it (`poll_file`), no sleeping."""

from __future__ import annotations

import os

from conftest import run_cli

from simulator.authoring.preview import carry_over
from simulator.authoring.starter import starter
from simulator.format.loader import load_text
from simulator.tui.preview import PreviewApp


def save(path, text):
    """Write the file as an editor would, and make sure its stamp moves even within one tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    if st.st_mtime_ns == before:
        os.utime(path, ns=(st.st_atime_ns, before + 1_000_000))


def story(app) -> str:
    return str(app.query_one("#story").render())


def panel(app, name) -> str:
    return str(app.query_one(f"#{name}").render())


async def test_preview_reloads_on_save_keeping_the_path(tmp_path):
    path = tmp_path / "parcel.yaml"
    text = starter("parcel", "en")
    save(path, text)
    app = PreviewApp(path, lang="en", poll=None)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "My parcel arrived completely crushed" in story(app)
        await pilot.press("2")  # sorry, and a question → contents
        assert app.play.node.id == "contents"
        assert not app.poll_file()  # nothing changed yet

        # the author rewrites the current node's line and saves: same place, new words
        save(path, text.replace("A tea set, a present for my sister.", "A crystal vase, a wedding present."))
        assert app.poll_file()
        await pilot.pause()
        assert app.play.node.id == "contents" and len(app.play.record.steps) == 1
        assert "A crystal vase, a wedding present." in story(app)
        assert "1 of 1 step kept" in panel(app, "status")

        # a mistake: the error is shown, located, and the last good version stays playable
        broken = text.replace("invites the whole story.\n        next: contents", "invites the whole story.\n        next: contnts")
        save(path, broken)
        assert app.poll_file()
        await pilot.pause()
        errors = panel(app, "errors")
        assert f"{path}:" in errors and "next names no node: 'contnts' (did you mean 'contents'?)" in errors
        line = next(i for i, l in enumerate(broken.splitlines(), 1) if "next: contnts" in l)
        assert f"{path}:{line}:15: error:" in errors
        assert app.query_one("#errors").has_class("shown")
        assert app.play.node.id == "contents"

        # fixed: the errors go, the play goes on from where it was
        save(path, text)
        assert app.poll_file()
        await pilot.pause()
        assert not app.query_one("#errors").has_class("shown")
        await pilot.press("3")
        assert app.play.finished and "A loyal customer" in story(app)

        # the node the play went through is removed: the path is cut back to what still exists
        save(path, text.replace("invites the whole story.\n        next: contents", "invites the whole story.\n        next: annoyed"))
        assert app.poll_file()
        await pilot.pause()
        assert app.play.node.id == "welcome" and app.play.record.steps == ()
        assert "0 of 2 steps kept" in panel(app, "status")


async def test_preview_of_a_broken_file_waits_for_a_fix(tmp_path):
    path = tmp_path / "s.yaml"
    save(path, "format: litige/1\nid: s\ntitle: x\nstart: a\nnodes:\n  a: {text: hi}\n")
    app = PreviewApp(path, lang="en", poll=None)  # check's messages in the game's language: English here
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.play is None
        assert f"{path}:6:6: error: node 'a' needs either choices or an ending" in panel(app, "errors")
        save(path, starter("s", "fr"))
        assert app.poll_file()
        await pilot.pause()
        assert app.play is not None and "Mon colis est arrivé" in story(app)
        await pilot.press("t")  # the time limit runs out
        assert app.play.node.id == "silence"
        await pilot.press("backspace")
        assert app.play.node.id == "accueil"


async def test_preview_timer_polls_the_file(tmp_path):
    path = tmp_path / "s.yaml"
    save(path, starter("s", "en"))
    app = PreviewApp(path, lang="en", poll=0.05)
    async with app.run_test() as pilot:
        reloads = app.reloads
        save(path, starter("s", "en").replace("My parcel arrived", "My box arrived"))
        for _ in range(200):  # Textual's own timer does the reload; we only let it run
            await pilot.pause(0.05)
            if app.reloads > reloads:
                break
        assert "My box arrived" in story(app)


def test_carry_over_stops_where_the_story_changed():
    text = starter("p", "en")
    first = load_text(text, "p.yaml")
    play, kept = carry_over(first, ())
    play.choose(1)  # sorry → contents
    play.choose(2)  # the full remedy → the loyal ending
    assert play.finished
    # the answer taken first now leads elsewhere: nothing carries over
    second = load_text(text.replace("invites the whole story.\n        next: contents", "invites the whole story.\n        next: annoyed"), "p.yaml")
    again, kept = carry_over(second, play.record.steps)
    assert kept == 0 and again.node.id == "welcome"
    # a choice inserted before the chosen one changes its default id (its position): known only
    # by that id, the step no longer holds...
    third = load_text(text.replace("    choices:               # 1 to 9 answers, in the order shown\n",
                                   "    choices:               # 1 to 9 answers, in the order shown\n"
                                   "      - text: Hello?\n        next: silence\n", 1), "p.yaml")
    again, kept = carry_over(third, play.record.steps)
    assert kept == 0
    # ...but with the version it was played on, the choice is found by its text: both steps hold
    again, kept = carry_over(third, play.record.steps, previous=first)
    assert kept == 2 and again.finished
    assert [s.chosen for s in again.record.steps] == ["3", "3"]
    assert again.record.steps[0].node == "welcome" and again.record.steps[0].next == "contents"


def test_carry_over_edited_answer_keeps_its_place_by_position():
    text = starter("p", "en")
    first = load_text(text, "p.yaml")
    play, _ = carry_over(first, ())
    play.choose(1)
    edited = load_text(text.replace("I'm so sorry. What was inside?", "So sorry! What was in it?"), "p.yaml")
    assert edited.nodes["welcome"].choices[1].text.get() != first.nodes["welcome"].choices[1].text.get()
    again, kept = carry_over(edited, play.record.steps, previous=first)
    assert kept == 1 and again.node.id == "contents"


def test_carry_over_explicit_id_is_matched_by_id_not_by_text():
    head = "format: litige/1\nid: e\ntitle: E\nstart: a\nnodes:\n  a:\n    text: Hi\n    choices:\n"
    tail = ("  b:\n    text: B\n    ending: {outcome: won, title: B}\n"
            "  c:\n    text: C\n    ending: {outcome: lost, title: C}\n")
    first = load_text(head + "      - {id: sorry, text: Sorry, next: b}\n      - {text: Rather not, next: c}\n" + tail, "e.yaml")
    play, _ = carry_over(first, ())
    play.choose(0)
    # an answer added above, and the explicit-id answer reworded: still the same answer
    second = load_text(head + "      - {text: Hello, next: c}\n      - {id: sorry, text: So sorry, next: b}\n"
                       "      - {text: Rather not, next: c}\n" + tail, "e.yaml")
    again, kept = carry_over(second, play.record.steps, previous=first)
    assert kept == 1 and again.record.steps[0].chosen == "sorry" and again.finished
    # another answer takes over the old text but not the id: the id wins, so the step is lost
    third = load_text(head + "      - {id: other, text: Sorry, next: b}\n      - {text: Rather not, next: c}\n" + tail, "e.yaml")
    again, kept = carry_over(third, play.record.steps, previous=first)
    assert kept == 0


async def test_preview_keeps_the_path_when_an_answer_is_added_above(tmp_path):
    path = tmp_path / "parcel.yaml"
    text = starter("parcel", "en")
    save(path, text)
    app = PreviewApp(path, lang="en", poll=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "3")
        assert app.play.finished
        save(path, text.replace("    choices:               # 1 to 9 answers, in the order shown\n",
                                "    choices:               # 1 to 9 answers, in the order shown\n"
                                "      - text: Hello?\n        next: silence\n", 1))
        assert app.poll_file()
        await pilot.pause()
        assert "2 of 2 steps kept" in panel(app, "status")
        assert app.play.finished and "A loyal customer" in story(app)


def test_cli_preview_missing_file():
    proc = run_cli("preview", "no-such-file.yaml")
    assert proc.returncode == 2 and proc.stderr.strip() == "litige: error: no such file: no-such-file.yaml"


async def test_preview_shows_check_warnings_located(tmp_path):
    path = tmp_path / "s.yaml"
    text = starter("s", "en")
    save(path, text.replace("        when: \"trust >= 50 and heard\"", "        when: \"trust >= 99 and heard\""))
    app = PreviewApp(path, lang="en", poll=None)
    async with app.run_test(size=(100, 30)):
        shown = panel(app, "errors")
        assert shown.startswith("Warnings:")
        assert f"{path}:" in shown and "never holds in any play" in shown
        assert app.play is not None  # warnings do not stop the play


async def test_preview_lists_many_problems_and_says_how_many_more(tmp_path):
    """16 errors: the box shows the first ones and says how many more, and it scrolls."""
    from simulator.tui.preview import MAX_PROBLEMS

    path = tmp_path / "s.yaml"
    nodes = "".join(f"  n{i}:\n    text: hi\n    choices:\n      - {{text: go, next: nowhere{i}}}\n" for i in range(16))
    save(path, f"format: litige/1\nid: s\ntitle: x\nstart: n0\nnodes:\n{nodes}")
    app = PreviewApp(path, lang="en", poll=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = panel(app, "errors")
        assert shown.count(": error: ") == MAX_PROBLEMS < 16
        assert f"… and {16 - MAX_PROBLEMS} more: litige check {path} lists them all" in shown
        box = app.query_one("#errors-box")
        assert box.has_class("shown") and box.max_scroll_y > 0  # long lines wrap: the box scrolls
        box.scroll_end(animate=False)
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y > 0


async def test_preview_in_french_has_a_french_footer_and_checks_the_translation(tmp_path):
    path = tmp_path / "s.yaml"
    save(path, starter("s", "fr"))
    app = PreviewApp(path, lang="fr", poll=None)
    async with app.run_test(size=(100, 30)):
        descriptions = {ab.binding.description for ab in app.active_bindings.values() if ab.binding.show}
        assert {"temps écoulé", "étape précédente", "recharger", "quitter"} <= descriptions
        assert not app.query_one("#errors-box").has_class("shown")  # French file, French preview
    app = PreviewApp(path, lang="en", poll=None)
    async with app.run_test(size=(100, 30)):
        descriptions = {ab.binding.description for ab in app.active_bindings.values() if ab.binding.show}
        assert {"time out", "step back", "reload", "quit"} <= descriptions
        shown = panel(app, "errors")
        assert shown.startswith("Warnings:") and "has no 'en' translation" in shown
