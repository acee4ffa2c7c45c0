"""The trainers' tools: check, summary, map, JSON Schema, starter, live preview, Twine."""
