"""Where the results database lives when nobody names one: litige.db in the user's data folder.
A database named by --db or $LITIGE_DB is the settings' to find (simulator/game/settings.py)."""

from __future__ import annotations

from pathlib import Path


def default_db_path() -> Path:
    """litige.db in the user's data directory."""
    from platformdirs import user_data_dir
    return Path(user_data_dir("litige", appauthor=False)) / "litige.db"
