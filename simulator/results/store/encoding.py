"""Values as the database holds them in JSON columns (steps.data, the verdicts' step lists,
outbox.statement): written compact with sorted keys, read back strictly, so that a value changed
behind Litige's back is Unreadable (its play left out and noted), never a crash."""

from __future__ import annotations

import json
import math
from typing import Any

from scoring.verdict import Verdict
from simulator.play.record import Step

VERDICT_WORDS = frozenset(v.value for v in Verdict)


class Unreadable(Exception):
    """Why a play stored in the database cannot be read."""


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# exact types (`type(v) is`): JSON gives only these, and a bool is no number here

def _is_texts(v: Any) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _is_number(v: Any) -> bool:
    return type(v) is int or type(v) is float and math.isfinite(v)


def _is_meters(v: Any) -> bool:
    return type(v) is dict and all(_is_number(x) for x in v.values())


def load_json(text: Any, what: str) -> Any:
    """`text` read as JSON, or Unreadable saying that `what` is not text or not JSON."""
    if not isinstance(text, str):
        raise Unreadable(f"{what} is not text")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise Unreadable(f"{what} is not JSON") from None


def step(data: Any, idx: int) -> Step:
    """A stored step (steps.data), checked field by field: Step.from_dict trusts its input."""
    d = load_json(data, f"steps.data of step {idx + 1}")
    if type(d) is not dict:
        raise Unreadable(f"steps.data of step {idx + 1} is not a JSON object")
    get = d.get  # node, offered and next are required; the others have Step.from_dict's defaults
    chosen, seconds = get("chosen"), get("seconds", 0.0)
    if not (type(get("node")) is str and type(get("next")) is str and _is_texts(get("offered"))
            and (chosen is None or type(chosen) is str) and _is_number(seconds) and seconds >= 0
            and type(get("timed_out", False)) is bool
            and _is_meters(get("meters_before", {})) and _is_meters(get("meters_after", {}))
            and _is_texts(get("flags_before", [])) and _is_texts(get("flags_after", []))):
        raise Unreadable(f"steps.data of step {idx + 1} lacks a field or holds one of the wrong kind")
    return Step.from_dict(d)


def step_numbers(text: Any, column: str) -> tuple[int, ...]:
    """A verdict's list of step numbers (verdicts.opportunities, applied, violated)."""
    value = load_json(text, f"verdicts.{column}")
    if not isinstance(value, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in value):
        raise Unreadable(f"verdicts.{column} is not a list of step numbers")
    return tuple(value)
