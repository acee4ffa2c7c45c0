"""Twine: `litige import` reads a Twee 3 story as a scenario (story → pieces → passages →
scenario, in importer), `litige export-twee` writes a scenario as one (exporter); convention holds
what both agree on, so that a round trip keeps the scenario."""
