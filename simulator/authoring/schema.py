"""The JSON Schema (draft 2020-12) of the scenario format `litige/1`, for editors.

With it, an editor that runs a YAML language server completes keys, shows what each means,
lists the principles of the catalogue, and flags most mistakes as the trainer types. It is
built from the loader's own constants and the principles catalogue, and shipped in the
package as `simulator/litige-1.schema.json` (a test keeps that file up to date).

Keywords are chosen so that tools still on draft-07 (the YAML language server of VS Code, for
one) read the schema the same way: `if`/`then` rather than `dependentRequired`, no keyword
beside a `$ref`. What a schema cannot say is left to `litige check`: that `next`, `start` and
`on_timeout` name nodes that exist, that effects and guards name declared meters and flags,
that a principle id is known when the scenario defines its own principles, and everything
about the YAML text itself (syntax, anchors and aliases, tags, duplicate keys, size).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from simulator.format.loader import FORMAT, TOP_REQUIRED
from simulator.format.node_reader import MAX_CHOICES
from simulator.format.model import OUTCOMES, SPEAKERS
from simulator.format.text import LANG as LANG_CODE

SCHEMA_FILE = "litige-1.schema.json"
SCHEMA_ID = "urn:litige:schema:litige-1"
SLUG = r"^[a-z0-9-]+$"
NAME = r"^(?!(?:and|or|not)$)[A-Za-z_][A-Za-z0-9_-]*$"
NODE_ID = r"^[A-Za-z0-9_-]+$"
LANG = LANG_CODE.pattern


def _guard_pattern() -> str:
    """The `when` mini-language as a regular expression: conditions (`meter OP integer` or a
    flag, each possibly after `not` and inside parentheses) joined by `and` / `or`. Whether
    parentheses balance is left to `litige check`."""
    name = r"[A-Za-z_][A-Za-z0-9_-]*"
    cond = rf"(?:\(\s*)*(?:not\s+(?:\(\s*)*)*{name}(?:\s*(?:<=|>=|==|!=|<|>)\s*[+-]?\d+)?(?:\s*\))*"
    return rf"^\s*{cond}(?:\s+(?:and|or)\s+{cond})*\s*$"


def build_schema(principle_ids: list[str] | None = None) -> dict[str, Any]:
    """The schema; `principle_ids` (default: the catalogue's) are offered for completion, and
    required when the scenario defines no principles of its own."""
    if principle_ids is None:
        from scoring.catalogue import load_catalogue
        principle_ids = [p.id for p in load_catalogue()]
    text = {
        "description": "Text: a string in the scenario's language, or a map {fr: …, en: …}. "
                       "Texte : une chaîne dans la langue du scénario, ou {fr: …, en: …}.",
        "anyOf": [
            {"type": "string", "pattern": r"\S"},
            {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANG},
             "additionalProperties": {"type": "string", "pattern": r"\S"}},
        ],
    }
    principle_list = {"type": "array", "items": {"$ref": "#/$defs/principleId"}}
    known_principle_list = {"type": "array", "items": {"enum": principle_ids}}
    choice = {
        "type": "object",
        "description": "One answer the trainee may give. Une réponse possible.",
        "required": ["text", "next"],
        "additionalProperties": False,
        "properties": {
            "id": {"description": "Optional id (slug); default: the choice's 1-based position.",
                   "anyOf": [{"type": "string", "pattern": SLUG}, {"type": "integer", "minimum": 0}]},
            "text": {"$ref": "#/$defs/text"},
            "next": {"type": "string", "pattern": NODE_ID, "description": "The node this answer leads to."},
            "applies": principle_list,
            "violates": principle_list,
            "effects": {"type": "object", "description": "Meter changes, e.g. {trust: +20}; meters stay within 0..100.",
                        "propertyNames": {"pattern": NAME},
                        "additionalProperties": {"type": "integer", "minimum": -100, "maximum": 100}},
            "set": {"type": "array", "items": {"type": "string", "pattern": NAME}, "description": "Flags to set."},
            "unset": {"type": "array", "items": {"type": "string", "pattern": NAME}, "description": "Flags to clear."},
            "when": {"type": "string", "pattern": _guard_pattern(),
                     "description": "Guard: offered only when it holds, e.g. \"trust >= 50 and listened\"."},
            "feedback": {"$ref": "#/$defs/text"},
        },
    }
    ending = {
        "type": "object",
        "required": ["outcome", "title"],
        "additionalProperties": False,
        "properties": {
            "outcome": {"enum": list(OUTCOMES), "description": "won | kept | lost"},
            "title": {"$ref": "#/$defs/text"},
            "text": {"$ref": "#/$defs/text"},
        },
    }
    node = {
        "type": "object",
        "description": "A moment of the dispute: text, and either choices or an ending (whose text may "
                       "stand for the node's).",
        "additionalProperties": False,
        "properties": {
            "speaker": {"enum": list(SPEAKERS), "description": "Who speaks (default: customer)."},
            "text": {"$ref": "#/$defs/text"},
            "choices": {"type": "array", "minItems": 1, "maxItems": MAX_CHOICES, "items": {"$ref": "#/$defs/choice"},
                        "description": f"1 to {MAX_CHOICES} answers (keys 1-{MAX_CHOICES} pick them)."},
            "ending": {"$ref": "#/$defs/ending"},
            "time_limit": {"type": "integer", "minimum": 1, "maximum": 3600,
                           "description": "Seconds; when they run out, on_timeout is taken."},
            "on_timeout": {"type": "string", "pattern": NODE_ID},
        },
        "oneOf": [{"required": ["choices"], "not": {"required": ["ending"]}},
                  {"required": ["ending"], "not": {"anyOf": [{"required": ["choices"]}, {"required": ["time_limit"]},
                                                             {"required": ["on_timeout"]}]}}],
        "allOf": [{"anyOf": [{"required": ["text"]},
                             {"required": ["ending"], "properties": {"ending": {"required": ["text"]}}}]},
                  {"if": {"required": ["time_limit"]}, "then": {"required": ["on_timeout"]}},
                  {"if": {"required": ["on_timeout"]}, "then": {"required": ["time_limit"]}}],
    }
    principle_def = {
        "type": "object",
        "required": ["id", "name"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": SLUG},
            "name": {"$ref": "#/$defs/text"},
            "weight": {"type": "integer", "minimum": 1, "maximum": 10},
            "description": {"$ref": "#/$defs/text"},
            "rationale": {"$ref": "#/$defs/text"},
            "sources": {"type": "array", "items": {
                "type": "object", "required": ["title"], "additionalProperties": False,
                "properties": {"story": {"type": "string", "pattern": SLUG}, "title": {"type": "string", "pattern": r"\S"},
                               "author": {"type": "string"}, "year": {"type": "integer", "minimum": 1800, "maximum": 2200},
                               "shows": {"$ref": "#/$defs/text"}}}},
            "frameworks": {"type": "array", "items": {"anyOf": [
                {"type": "string", "pattern": r"\S"},
                {"type": "object", "required": ["name", "sectors"], "additionalProperties": False,
                 "description": "A rule for some sectors only: shown for stories tagged with one of them.",
                 "properties": {"name": {"type": "string", "pattern": r"\S"},
                                "sectors": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": SLUG}}}}]}},
        },
    }
    properties: dict[str, Any] = {
        "format": {"const": FORMAT, "description": f"Always {FORMAT}."},
        "id": {"type": "string", "pattern": SLUG, "description": "Scenario id: lowercase letters, digits, hyphens."},
        "lang": {"type": "string", "pattern": LANG, "default": "fr", "description": "Language of plain strings."},
        "title": {"$ref": "#/$defs/text"},
        "summary": {"$ref": "#/$defs/text"},
        "role": {"$ref": "#/$defs/text"},
        "customer": {"description": "Who the customer is: a text, or a card with a name (the speaker's label) and a "
                                    "description.", "anyOf": [
            {"$ref": "#/$defs/text"},
            {"type": "object", "required": ["name"], "additionalProperties": False,
             "properties": {"name": {"$ref": "#/$defs/text"}, "description": {"$ref": "#/$defs/text"}}}]},
        "variants": {"type": "array", "minItems": 1, "description": "Hidden facts drawn at the start of each play.",
                     "items": {"type": "object", "required": ["id"], "additionalProperties": False, "properties": {
                         "id": {"type": "string", "pattern": SLUG},
                         "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000, "default": 1},
                         "set": {"type": "array", "items": {"type": "string", "pattern": NAME},
                                 "description": "Flags set at the start."},
                         "meters": {"type": "object", "propertyNames": {"pattern": NAME},
                                    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 100},
                                    "description": "Start values that differ from the meters' own."},
                         "reveal": {"$ref": "#/$defs/text"}}}},
        "source": {"description": "Where the story comes from.", "anyOf": [
            {"type": "string", "pattern": r"\S"},
            {"type": "object", "required": ["title"], "additionalProperties": False,
             "properties": {"title": {"type": "string", "pattern": r"\S"}, "author": {"type": "string"},
                            "year": {"type": "integer", "minimum": 1800, "maximum": 2200}, "url": {"type": "string"}}}]},
        "difficulty": {"type": "integer", "minimum": 1, "maximum": 3},
        "pass_score": {"type": "integer", "minimum": 0, "maximum": 100, "default": 70,
                       "description": "Scaled score (0..100) a play needs to pass, with an ending not 'lost'."},
        "meters": {"type": "object", "propertyNames": {"pattern": NAME}, "description": "Named gauges, 0..100.",
                   "additionalProperties": {"type": "object", "required": ["start"], "additionalProperties": False,
                                            "properties": {"start": {"type": "integer", "minimum": 0, "maximum": 100},
                                                           "label": {"$ref": "#/$defs/text"},
                                                           "moods": {"type": "object", "minProperties": 1,
                                                                     "propertyNames": {"pattern": "^(100|[1-9]?[0-9])$"},
                                                                     "additionalProperties": {"$ref": "#/$defs/text"},
                                                                     "description": "Words for the meter's bands, "
                                                                     "each from its number (0..100) to the next."}}}},
        "principles": {"type": "array", "items": {"$ref": "#/$defs/principleDefinition"},
                       "description": "Extra principles, defined as in the catalogue."},
        "tags": {"type": "array", "items": {"type": "string", "pattern": SLUG}},
        "start": {"type": "string", "pattern": NODE_ID, "description": "The first node."},
        "nodes": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": NODE_ID},
                  "additionalProperties": {"$ref": "#/$defs/node"}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Litige scenario (litige/1)",
        "description": "A branching customer dispute for the Litige training game. Generated by `litige schema`; "
                       "`litige check` also checks what a schema cannot (references between nodes, meters, flags).",
        "type": "object",
        "required": list(TOP_REQUIRED),
        "additionalProperties": False,
        "properties": properties,
        # A scenario without its own principles may only name the catalogue's.
        "if": {"not": {"required": ["principles"]}},
        "then": {"properties": {"nodes": {"additionalProperties": {"properties": {"choices": {"items": {
            "properties": {"applies": known_principle_list, "violates": known_principle_list}}}}}}}},
        "$defs": {
            "text": text,
            "principleId": {"type": "string", "pattern": SLUG,
                            "anyOf": [{"enum": principle_ids}, {"type": "string"}],
                            "description": "A principle id of the catalogue, or one defined under principles:."},
            "choice": choice,
            "ending": ending,
            "node": node,
            "principleDefinition": principle_def,
        },
    }


def schema_text(schema: dict[str, Any] | None = None) -> str:
    return json.dumps(schema if schema is not None else build_schema(), ensure_ascii=False, indent=2) + "\n"


def packaged_schema_path() -> Path:
    return Path(str(resources.files("simulator.authoring") / SCHEMA_FILE))


def packaged_schema() -> dict[str, Any]:
    return json.loads(packaged_schema_path().read_text(encoding="utf-8"))


if __name__ == "__main__":  # python -m simulator.authoring.schema: regenerate the packaged file
    packaged_schema_path().write_text(schema_text(), encoding="utf-8")
    print(packaged_schema_path())
