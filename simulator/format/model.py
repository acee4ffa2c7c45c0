"""The validated scenario model: frozen records built by the loader, read by everything else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from simulator.format.guards import Guard

# Text and Source are part of the model, in a module of their own so that the game's library can
# show titles without importing the rest.
from simulator.format.text import Source, Text, cite  # noqa: F401
from simulator.format.yaml_reader import Doc

Outcome = Literal["won", "kept", "lost"]
OUTCOMES: tuple[str, ...] = ("won", "kept", "lost")
Speaker = Literal["customer", "narrator", "colleague", "manager", "you"]
SPEAKERS: tuple[str, ...] = ("customer", "narrator", "colleague", "manager", "you")


@dataclass(frozen=True)
class Meter:
    """A named gauge, 0..100. `moods` are words for its bands, (threshold, word) by rising
    threshold: a band runs from its threshold to the next one."""

    id: str
    start: int
    label: Text
    moods: tuple[tuple[int, Text], ...] = ()

    def mood(self, value: int) -> Text | None:
        """The word for the band the value falls in; None when the meter has no word there."""
        word = None
        for threshold, text in self.moods:
            if value < threshold:
                break
            word = text
        return word


@dataclass(frozen=True)
class Customer:
    """Who the customer is, shown as a card: a name (the speaker's label in the dialogue) and a
    line or two about them. A file's plain `customer:` text is a description without a name."""

    name: Text | None = None
    description: Text | None = None


@dataclass(frozen=True)
class Variant:
    """Hidden facts drawn at the start of a play: flags set and start values of meters."""

    id: str
    weight: float = 1.0
    set: tuple[str, ...] = ()
    meters: Mapping[str, int] = field(default_factory=dict)
    reveal: Text | None = None


@dataclass(frozen=True)
class Choice:
    """One answer the trainee may give at a node. `index` is its 0-based declared position."""

    id: str
    index: int
    text: Text
    next: str
    applies: tuple[str, ...] = ()
    violates: tuple[str, ...] = ()
    effects: Mapping[str, int] = field(default_factory=dict)
    set: tuple[str, ...] = ()
    unset: tuple[str, ...] = ()
    when: Guard | None = None
    when_source: str | None = None
    feedback: Text | None = None


@dataclass(frozen=True)
class Ending:
    outcome: Outcome
    title: Text
    text: Text | None = None


@dataclass(frozen=True)
class Node:
    id: str
    speaker: Speaker
    text: Text
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    time_limit: int | None = None
    on_timeout: str | None = None

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class PrincipleSource:
    """Where a principle comes from: a story, its article, and what the story shows."""

    story: str | None
    title: str
    author: str | None = None
    year: int | None = None
    shows: Text | None = None

    def citation(self, lang: str = "fr") -> str:
        return cite(self.title, self.author, self.year, lang)


@dataclass(frozen=True)
class Principle:
    """A good-practice principle, from the catalogue or defined by a scenario."""

    id: str
    name: Text
    weight: int = 1
    description: Text | None = None
    rationale: Text | None = None
    sources: tuple[PrincipleSource, ...] = ()
    frameworks: tuple[str, ...] = ()
    # framework → the sectors (scenario tags) it governs; a framework not named here applies everywhere
    framework_sectors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def frameworks_for(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        """The frameworks that apply to a story with these tags: a sector's own rule (a banking
        regulation, say) only where the story is tagged with that sector."""
        return tuple(f for f in self.frameworks
                     if f not in self.framework_sectors or set(self.framework_sectors[f]) & set(tags))


@dataclass(frozen=True, eq=False)
class Scenario:
    """A whole validated scenario. Compared by identity; derived facts are cached on it."""

    id: str
    lang: str
    title: Text
    start: str
    nodes: Mapping[str, Node]
    summary: Text | None = None
    role: Text | None = None
    customer: Customer | None = None
    source: Source | None = None
    difficulty: int | None = None
    pass_score: int = 70
    meters: Mapping[str, Meter] = field(default_factory=dict)
    principles: tuple[Principle, ...] = ()
    tags: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    path: Path | None = None
    doc: Doc | None = field(default=None, repr=False)  # where each piece stood in the file

    @cached_property
    def flags(self) -> frozenset[str]:
        """Every flag a choice sets or unsets: the flags guards may name."""
        return frozenset(
            f for n in self.nodes.values() for c in n.choices for f in (*c.set, *c.unset)
        ) | frozenset(f for v in self.variants for f in v.set)

    def variant(self, variant_id: str | None) -> Variant | None:
        """The variant with this id (None for None); KeyError when the scenario has none such."""
        if variant_id is None:
            return None
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise KeyError(variant_id)

    def start_meters(self, variant: Variant | None = None) -> dict[str, int]:
        """The meters at the start of a play (of this variant, whose start values come first)."""
        own = variant.meters if variant is not None else {}
        return {m.id: own.get(m.id, m.start) for m in self.meters.values()}

    def start_flags(self, variant: Variant | None = None) -> frozenset[str]:
        return frozenset(variant.set) if variant is not None else frozenset()

