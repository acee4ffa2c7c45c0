"""Snapshots of the game's screens at 80×24 and 120×40, on the stable loop-timer fixture (the only
scenario given, so story changes do not move them). Regenerate: pytest --snapshot-update."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import make_app

SIZES = [(80, 24), (120, 40)]
KEYS = {
    "library": [],
    "briefing": ["enter"],
    "play": ["enter", "enter", "1"],  # one step in: the transcript, a moved meter, the countdown
    "debrief": ["enter", "enter", "2", "2", "enter"],  # rude, nothing: a violated and missed principles
    "help": ["question_mark"],
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(KEYS))
def test_screen_snapshot(snap_compare, tmp_path, screen, size):
    app = make_app(tmp_path, lang="en")
    app.animation_level = "none"  # a meter's slide ends at once: the picture is of where it stops
    assert snap_compare(app, press=KEYS[screen], terminal_size=size)


# The customer card, the moods and a variant's reveal, in French, on tests/fixtures/customer-card.yaml
CARD = Path(__file__).resolve().parent / "fixtures" / "customer-card.yaml"
CARD_KEYS = {
    "briefing": ["enter"],  # the card: the name in bold, who she is below
    "play": ["enter", "enter", "1"],  # the card on the status row, the mood word and its line in the transcript
    "debrief": ["enter", "enter", "1", "1", "enter"],  # what really happened (washed-hot)
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(CARD_KEYS))
def test_customer_card_snapshot(snap_compare, tmp_path, screen, size):
    app = make_app(tmp_path, [CARD], lang="fr", variant="washed-hot")
    app.animation_level = "none"
    assert snap_compare(app, press=CARD_KEYS[screen], terminal_size=size)


# Issue 16, in French and English: coach mode's feedback after a choice, the ending's own line last
# in the play, the debrief drawn from the debrief model, the model conversation (w).
ISSUE16_KEYS = {
    "play-coach": ["enter", "enter", "1", "2"],  # listen, rude: each feedback after its answer
    "ending": ["enter", "enter", "2", "2"],  # the ending's line, Enter for the debrief
    "debrief": ["enter", "enter", "2", "2", "enter"],
    "model": ["enter", "enter", "2", "2", "enter", "w"],
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("screen", list(ISSUE16_KEYS))
def test_issue16_snapshot(snap_compare, tmp_path, screen, lang, size):
    app = make_app(tmp_path, lang=lang, settings={"trainee": "", "coach": "1" if screen == "play-coach" else "0"})
    app.animation_level = "none"
    assert snap_compare(app, press=ISSUE16_KEYS[screen], terminal_size=size)
