"""The principles catalogue: `scoring/principles.yaml`, read strictly, as Principle records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from simulator.format.errors import ScenarioError
from simulator.format.fields import Fields
from simulator.format.model import Principle
from simulator.format.yaml_reader import read
from simulator.lang.messages_check import Q, msg

FORMAT = "litige-principles/1"


@dataclass(frozen=True)
class Catalogue:
    """Principles by id, in catalogue order."""

    principles: Mapping[str, Principle]

    def __getitem__(self, pid: str) -> Principle:
        return self.principles[pid]

    def __contains__(self, pid: object) -> bool:
        return pid in self.principles

    def __iter__(self) -> Iterator[Principle]:
        return iter(self.principles.values())

    def __len__(self) -> int:
        return len(self.principles)

    def ids(self) -> frozenset[str]:
        return frozenset(self.principles)

    def with_extra(self, extra: Iterable[Principle]) -> Catalogue:
        """This catalogue plus (or overridden by) a scenario's own principles."""
        extra = tuple(extra)
        if not extra:
            return self
        merged = dict(self.principles)
        merged.update((p.id, p) for p in extra)
        return Catalogue(merged)


def parse_catalogue(raw: bytes | str, file: str) -> Catalogue:
    doc, problems = read(raw, file)
    if doc is None:
        raise ScenarioError(problems)
    f = Fields(doc)
    f.problems.extend(problems)
    top = f.mapping(doc.data, (), "the catalogue")
    principles: dict[str, Principle] = {}
    if top is not None:
        f.keys(top, (), allowed=("format", "principles"), required=("format", "principles"), what="the catalogue")
        if "format" in top and top["format"] != FORMAT:
            f.error(("format",), msg("cat.format", expected=Q(FORMAT), found=Q(top['format'])))
        items = top.get("principles", [])
        if not isinstance(items, list):
            f.error(("principles",), msg("cat.principles_list"))
            items = []
        for i, item in enumerate(items):
            p = f.principle(item, ("principles", i))
            if p is None:
                continue
            if p.id in principles:
                f.error(("principles", i, "id"), msg("cat.twice", id=Q(p.id)))
            principles[p.id] = p
    errors = [p for p in f.problems if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    return Catalogue(principles)


def default_catalogue_path() -> Path:
    return Path(str(resources.files("scoring") / "principles.yaml"))


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Load a catalogue file; the shipped one by default."""
    p = Path(path) if path else default_catalogue_path()
    return parse_catalogue(p.read_bytes(), str(p))
