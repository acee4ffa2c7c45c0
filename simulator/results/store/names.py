"""Trainees' names as `--trainee` compares them: case, accents and spacing aside."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """A trainee's name as `--trainee` compares it: case folded, accents dropped (Chloé = chloe),
    spaces collapsed, in Unicode's composed form (NFC), so that a name typed on another keyboard
    or system is the same name."""
    decomposed = unicodedata.normalize("NFD", " ".join(name.split()))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).casefold()


def match_names(query: str, names: Iterable[str]) -> list[str]:
    """The names `--trainee QUERY` selects, compared by name_key: the name equal to the query if
    there is one (so that "Ana" can still mean Ana alone beside "Ana Dupont"), else every name
    that starts with it ("ana" → "Ana Dupont", "Ana Martin")."""
    key = name_key(query)
    keyed = [(name_key(n), n) for n in names]
    exact = [n for k, n in keyed if k == key]
    return exact or [n for k, n in keyed if key and k.startswith(key)]
