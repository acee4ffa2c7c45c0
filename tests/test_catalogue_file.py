"""Checks on the shipped principles catalogue file itself (scoring/principles.yaml).

Independent of the loader: reads the YAML with yaml.safe_load so the data file is
checked against the spec even before (or without) scoring.catalogue.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "scoring" / "principles.yaml"

# The spec's table order (../shared/spec/principles.md).
SPEC_IDS = [
    "listen", "empathize", "apologize", "own-it", "no-blame", "courtesy",
    "respond-fast", "follow-up", "offer-options", "spare-effort", "no-charge",
    "empower-front-line", "leaders-show-up", "complaint-is-a-gift",
    "check-authenticity", "be-human", "graceful-exit", "educate-kindly",
    "fair-remedy", "fix-the-cause",
]
STARRED = {"apologize", "own-it", "no-blame", "respond-fast", "spare-effort",
           "no-charge", "graceful-exit"}
STORIES = {"shrunken-sweater", "wrong-bed", "subcontractor-error", "arrogant-exit",
           "angry-comment"}
ENTRY_KEYS = {"id", "weight", "name", "description", "rationale", "sources", "frameworks"}
SOURCE_KEYS = {"story", "title", "author", "shows"}
TITLES = {
    "subcontractor-error": "Comment transformer vos litiges en clients fidèles ?",
    "wrong-bed": "Le litige client",
    "angry-comment": "Un client mécontent, que faire ? Saisissez votre chance !",
    "arrogant-exit": "Comment s'assurer qu'un client ne reviendra plus",
    "shrunken-sweater": "Rentabilité pendant longtemps et Qualité de Service",
}


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with CATALOGUE.open(encoding="utf-8") as fh:
        loaded = yaml.safe_load(fh)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def principles(data: dict[str, Any]) -> list[dict[str, Any]]:
    entries = data["principles"]
    assert isinstance(entries, list)
    return entries


def _check_text(value: Any, where: str) -> None:
    assert isinstance(value, dict), f"{where}: expected a {{fr, en}} map"
    assert set(value) == {"fr", "en"}, f"{where}: keys {sorted(value)}"
    for lang in ("fr", "en"):
        text = value[lang]
        assert isinstance(text, str) and text.strip(), f"{where}.{lang} is empty"


def test_format_tag(data: dict[str, Any]) -> None:
    assert data["format"] == "litige-principles/1"


def test_ids_are_the_spec_ids_in_table_order(principles: list[dict[str, Any]]) -> None:
    ids = [p["id"] for p in principles]
    assert len(ids) == 20
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert set(ids) == set(SPEC_IDS)
    assert ids == SPEC_IDS


def test_weights_two_exactly_for_starred(principles: list[dict[str, Any]]) -> None:
    for p in principles:
        expected = 2 if p["id"] in STARRED else 1
        assert p["weight"] == expected, p["id"]
        assert type(p["weight"]) is int, p["id"]


def test_every_entry_has_all_keys_and_both_languages(
    principles: list[dict[str, Any]],
) -> None:
    for p in principles:
        pid = p["id"]
        assert set(p) == ENTRY_KEYS, f"{pid}: keys {sorted(p)}"
        for key in ("name", "description", "rationale"):
            _check_text(p[key], f"{pid}.{key}")
        assert isinstance(p["frameworks"], list), pid
        for fw in p["frameworks"]:
            if isinstance(fw, dict):  # a sector's own rule: shown only for stories of that sector
                assert set(fw) == {"name", "sectors"} and fw["name"].strip() and fw["sectors"], pid
            else:
                assert isinstance(fw, str) and fw.strip(), pid
        assert isinstance(p["sources"], list) and p["sources"], f"{pid}: no source"


def test_sources_name_known_stories(principles: list[dict[str, Any]]) -> None:
    for p in principles:
        for i, src in enumerate(p["sources"]):
            where = f"{p['id']}.sources[{i}]"
            assert SOURCE_KEYS <= set(src) <= SOURCE_KEYS | {"year"}, where
            assert src["story"] in STORIES, where
            assert src["title"] == TITLES[src["story"]], where
            assert src["author"] is None or (
                isinstance(src["author"], str) and src["author"].strip()
            ), where
            if "year" in src:
                assert type(src["year"]) is int, where
            _check_text(src["shows"], f"{where}.shows")


def test_educate_kindly_has_no_framework(principles: list[dict[str, Any]]) -> None:
    by_id = {p["id"]: p for p in principles}
    assert by_id["educate-kindly"]["frameworks"] == []
    others = [p for p in principles if p["id"] != "educate-kindly"]
    assert all(p["frameworks"] for p in others)


def test_a_banking_rule_is_cited_only_for_banks_and_insurers() -> None:
    """ACPR 2022-R-01 governs French banks and insurers: not an internet provider or a carrier."""
    from scoring.catalogue import load_catalogue
    follow_up = load_catalogue()["follow-up"]
    acpr = [f for f in follow_up.frameworks if f.startswith("ACPR")]
    assert acpr and not set(acpr) & set(follow_up.frameworks_for(("retail", "delivery")))
    assert set(acpr) <= set(follow_up.frameworks_for(("bank",)))
    assert set(acpr) <= set(follow_up.frameworks_for(("insurance", "phone")))
