"""The library's entries remembered between starts, so that the game shows its library without
loading PyYAML when no scenario file changed since the last start (importing it and reading the
five heads took 13 ms, some 4% of the time to the library's first frame).

One JSON file in the user's cache directory: for each scenario file (by absolute path), its size,
modification and change times and inode as `stat` gave them when its head was read
(simulator.game.library.head), with the entry read. An entry is used only while all four are the same;
a file written in the last two seconds is not remembered (a second write within the clock's
tick could leave them all unchanged). A cache file that is missing, unreadable, from another
version or not writable only costs the heads being read again: it is never an error.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from simulator.format.text import Source, Text
from simulator.game.library import Entry

VERSION = 3  # 2: the entries as dataclasses.asdict writes them; 3: their texts typeset (simulator.lang.typography)
KEPT = 256           # files remembered at most (the oldest read are forgotten first)
SETTLED_NS = 2 * 10**9  # a file modified more recently than this is read, not remembered


def default_path() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("litige", appauthor=False)) / "library-heads.json"


def _signature(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _entry_json(entry: Entry) -> dict[str, Any]:
    """The entry's fields as JSON, from the dataclasses themselves (but its path: the key)."""
    data = asdict(entry)
    del data["path"]
    return data


def _entry(data: dict[str, Any], path: Path) -> Entry:
    def text(d: dict[str, Any] | None) -> Text | None:
        return None if d is None else Text(**d)
    return Entry(**{**data, "path": path, "title": text(data["title"]), "summary": text(data["summary"]),
                    "source": None if data["source"] is None else Source(**data["source"])})


class LibraryCache:
    """Entries by file, read from and saved to one JSON file (see the module's docstring)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._files: dict[str, dict[str, Any]] = self._read()
        self._changed = False

    def _read(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            return {}
        files: dict[str, dict[str, Any]] = data["files"]  # JSON: checked to be a dict above
        return files

    def get(self, path: Path, st: os.stat_result) -> Entry | None:
        """The entry remembered for this file, if it has not changed since."""
        known = self._files.get(os.path.abspath(path))
        if known is None or known.get("stat") != _signature(st):
            return None
        try:
            return _entry(known["entry"], path)
        except (KeyError, TypeError, AttributeError, ValueError):
            return None  # written by hand or damaged: read the head again

    def put(self, path: Path, st: os.stat_result, entry: Entry) -> None:
        if time.time_ns() - st.st_mtime_ns < SETTLED_NS:
            return
        key = os.path.abspath(path)
        self._files.pop(key, None)
        self._files[key] = {"stat": _signature(st), "entry": _entry_json(entry)}
        while len(self._files) > KEPT:
            del self._files[next(iter(self._files))]
        self._changed = True

    def save(self) -> None:
        """Write the file if anything was added (atomically: a reader never sees half of it)."""
        if not self._changed or self.path is None:
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"version": VERSION, "files": self._files}, ensure_ascii=False),
                           encoding="utf-8")
            os.replace(tmp, self.path)
            self._changed = False
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
