"""The customer in the game (format extensions of 2026-12): the card in the briefing and beside the
play, the customer's lines labelled with their name, the mood word beside a gauge and a line in the
transcript when a step changes the mood, and the debrief's reveal of the variant played.

On tests/fixtures/customer-card.yaml: trust starts at 30 (furious; 20 in faulty-batch), listening
(+15) makes it annoyed in washed-hot only, the options (+40) reassure."""

from __future__ import annotations

from conftest import FIXTURES, run_cli
from rich.text import Text
from tui_helpers import make_app, read_ending, screen_lines, text_of, to_play

from simulator.lang.i18n import colon, t
from simulator.tui.screens import BriefingScreen, DebriefScreen

CARD = FIXTURES / "customer-card.yaml"
LOOP = FIXTURES / "loop-timer.yaml"


def transcript(app) -> str:
    return "\n".join(strip.text for strip in app.screen.query_one("#history").lines)


def bold_spans(text: Text) -> list[str]:
    return [text.plain[s.start:s.end].strip() for s in text.spans if "bold" in str(s.style)]


def meter_line(app) -> str:
    return str(app.screen.query_one(".meter").render()).rstrip()


async def test_the_briefing_shows_the_card_name_in_bold_and_who_they_are_below(tmp_path):
    app = make_app(tmp_path, [CARD], lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        body = app.screen.query_one("#brief-text").content
        lines = body.plain.splitlines()
        at = lines.index(t("tui.customer", "en"))
        assert lines[at + 1:at + 3] == ["Mrs Duval", "A loyal customer; her jumper shrank in its first wash."]
        assert "Mrs Duval" in bold_spans(body)


async def test_a_plain_customer_text_still_shows_in_the_briefing(tmp_path):
    """A file's plain `customer:` text (the first format) is the card's description."""
    story = tmp_path / "plain.yaml"
    story.write_text(CARD.read_text(encoding="utf-8").replace(
        "customer:\n  name: {fr: Mme Duval, en: Mrs Duval}\n  description:", "customer:"), encoding="utf-8")
    app = make_app(tmp_path, [story], lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert app.screen.play.scenario.customer.name is None
        card = text_of(app, "#customer-card")
        assert card.startswith("A loyal customer")
        await pilot.press("1")
        await pilot.pause()
        assert f"{t('speaker.customer', 'en')}: This jumper shrank" in transcript(app)  # no name: the word


async def test_the_card_the_speaker_name_and_the_mood_on_the_play_screen(tmp_path):
    app = make_app(tmp_path, [CARD], lang="en", variant="washed-hot")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert app.screen.play.variant.id == "washed-hot"
        # the card, on the status row at 80 columns: the name first, cut rather than wrapped
        card = app.screen.query_one("#customer-card")
        assert str(card.render()).startswith("Mrs Duval — A loyal customer")
        assert card.outer_size.height == 1
        assert any(row.lstrip().startswith("Step 1") and "Mrs Duval" in row for row in screen_lines(app))
        # the customer's line is labelled with their name
        assert text_of(app, "#line").startswith("Mrs Duval: ")
        # the mood word beside the gauge, in words (never colour alone)
        assert meter_line(app).startswith("Trust  30/100") and meter_line(app).endswith(" furious")
        await pilot.press("1")  # listen: 30 → 45, furious → annoyed
        await pilot.pause()
        assert meter_line(app).endswith(" annoyed") and "▲15" in meter_line(app)
        said = transcript(app)
        assert "Mrs Duval: This jumper shrank in its first wash!" in said
        assert t("speaker.customer", "en") not in said
        assert said.splitlines()[-1].strip() == "(mood: annoyed)"
        await pilot.press("1")  # the options: 45 → 85, reassured
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)


async def test_no_mood_line_when_a_step_stays_in_the_same_band(tmp_path):
    app = make_app(tmp_path, [CARD], lang="en", variant="faulty-batch")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert meter_line(app).startswith("Trust  20/100") and meter_line(app).endswith(" furious")
        await pilot.press("1")  # listen: 20 → 35, still furious
        await pilot.pause()
        assert meter_line(app).endswith(" furious")
        assert "mood" not in transcript(app)


async def test_the_mood_in_french_has_its_typography(tmp_path):
    app = make_app(tmp_path, [CARD], lang="fr", variant="washed-hot")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert meter_line(app).endswith(" furieuse")
        assert text_of(app, "#line").startswith("Mme Duval" + colon("fr"))
        await pilot.press("1")
        await pilot.pause()
        assert meter_line(app).endswith(" agacée")
        assert transcript(app).splitlines()[-1].strip() == "(humeur\u00a0: agacée)"


async def test_the_debrief_tells_what_really_happened_in_the_variant_played(tmp_path):
    for variant, reveal, other in (("washed-hot", "She had washed it at 60 °C.", "The batch was faulty."),
                                   ("faulty-batch", "The batch was faulty.", "She had washed it at 60 °C.")):
        app = make_app(tmp_path / variant, [CARD], lang="en", variant=variant)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_play(pilot, app)
            await pilot.press("1", "1")
            await pilot.pause()
            await read_ending(pilot, app)
            assert isinstance(app.screen, DebriefScreen)
            assert app.screen.debrief.result.variant == variant
            outcome = text_of(app, "#outcome")
            assert f"{t('debrief.variant', 'en')}: {reveal}" in outcome and other not in outcome
            # the path names the customer too
            assert "Mrs Duval: This jumper shrank" in str(app.screen.query_one("#path").get_option_at_index(0).prompt)


async def test_a_variant_the_scenario_does_not_have_is_drawn_instead(tmp_path):
    app = make_app(tmp_path, [CARD], lang="en", variant="no-such-variant")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert app.screen.play.variant.id in ("washed-hot", "faulty-batch")


async def test_a_story_with_no_card_nor_moods_shows_neither(tmp_path):
    app = make_app(tmp_path, [LOOP], lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        assert not app.screen.query("#customer-card")
        assert text_of(app, "#line").startswith(t("speaker.customer", "en") + ": ")
        assert meter_line(app).endswith("░")  # the bar runs to the end: no mood column
        await pilot.press("1")  # listen: calm 20 → 50
        await pilot.pause()
        assert "mood" not in transcript(app)


async def test_a_play_with_no_decision_scored_has_a_debrief(tmp_path):
    """Result.scaled is None when no decision was judged (no choice differs in value)."""
    story = tmp_path / "unscored.yaml"
    story.write_text("""format: litige/1
id: unscored
title: {fr: Sans note, en: Unscored}
customer: {name: {fr: M. Roland, en: Mr Roland}}
start: hello
nodes:
  hello:
    text: {fr: Bonjour., en: Hello.}
    choices:
      - {id: a, text: {fr: Bonjour., en: Hello.}, next: end}
      - {id: b, text: {fr: Oui ?, en: Yes?}, next: end}
  end:
    text: {fr: Au revoir., en: Goodbye.}
    ending: {outcome: kept, title: {fr: Fin, en: The end}}
""", encoding="utf-8")
    app = make_app(tmp_path, [story], lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_play(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        await read_ending(pilot, app)
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.result.scaled is None
        assert f"Score: {t('debrief.no_score', 'en')}" in text_of(app, "#outcome")


def test_litige_play_labels_the_customer_lines_with_the_card_name():
    proc = run_cli("play", str(CARD), "--choices", "1,1", "--variant", "faulty-batch", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Mrs Duval: This jumper shrank in its first wash!" in proc.stdout
    assert "Mrs Duval: Thank you, that is perfect." in proc.stdout
    assert "The batch was faulty." in proc.stdout
