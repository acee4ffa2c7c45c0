"""Ids made of a story's names: a node id for each passage name, the scenario's id (a slug) from
its title or file name."""

from __future__ import annotations

import re
import unicodedata

NODE_ID_BAD = re.compile(r"[^A-Za-z0-9_-]+")
SLUG_BAD = re.compile(r"[^a-z0-9-]+")


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def node_ids(names: list[str]) -> dict[str, str]:
    """Node ids for passage names: a name that is already a valid id keeps it; others lose their
    accents and have each run of other characters made one '-'; a clash takes '-2', '-3'…
    (names already valid first, then the others in file order: the same file gives the same ids)."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if re.fullmatch(r"[A-Za-z0-9_-]+", name) and name not in used:
            ids[name] = name
            used.add(name)
    for name in names:
        if name in ids:
            continue
        base = NODE_ID_BAD.sub("-", _ascii(name)).strip("-")[:60].strip("-") or "passage"
        nid, k = base, 2
        while nid in used:
            nid, k = f"{base}-{k}", k + 1
        ids[name] = nid
        used.add(nid)
    return ids


def slug(text: str) -> str:
    return SLUG_BAD.sub("-", _ascii(text).lower()).strip("-")[:60].strip("-")
