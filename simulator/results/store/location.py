"""Where the results database lives: a path given, else $LITIGE_DB, else the user's data folder.
The only place the store reads the environment."""

from __future__ import annotations

import os
from pathlib import Path


def named_db_path() -> Path | None:
    """The database $LITIGE_DB names, if it is set (and not empty)."""
    env = os.environ.get("LITIGE_DB")
    return Path(env).expanduser() if env else None


def default_db_path() -> Path:
    """$LITIGE_DB if set, else litige.db in the user's data directory."""
    named = named_db_path()
    if named is not None:
        return named
    from platformdirs import user_data_dir
    return Path(user_data_dir("litige", appauthor=False)) / "litige.db"
