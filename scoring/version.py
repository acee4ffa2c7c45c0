"""Which scoring rules a score was computed by: stored with every finished play, so that scores
computed by different rules are never mixed silently (see simulator/results/rescore.py).

A module of its own, with no imports, so that the store can name the rules without loading the
scorer (and, with it, the catalogue's YAML reader) when the game starts.
"""

RULES = "2026-12"  # each decision judged against the options offered (scenario-format.md, "Scoring")
FIRST_RULES = "2026-11"  # the first version's "distinct principles" sum, clamped to 0..100
