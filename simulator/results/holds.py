"""Holds on plays and names, so that two live game processes never play the same play.

A hold is an OS advisory lock (POSIX `flock`, non-blocking and exclusive; `msvcrt.locking` on
Windows) on a small file in a folder beside the results database (`<db>.seats/KEY.lock`). The
OS drops it when the holding process ends, however it ends (a closed browser tab, SIGKILL), so
a stale hold never outlives its process and a dead seat's play can be taken again at once.

Locks belong to an open file description: two holds on one key taken through two separate
opens conflict even inside one process (two apps in one test process behave like two seats).

Only the store uses this module (it owns the database and its side files). A lock file is
removed by its holder when it lets go, while still holding it; a taker checks, once it holds the
lock, that the file it locked is still the one at that path (else it was removed meanwhile and
the taker tries again), so removing files never lets two holders in.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    try:
        import msvcrt
    except ImportError:
        msvcrt = None  # type: ignore[assignment]


def seats_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".seats")


def key_file(folder: Path, key: str) -> Path:
    """A file name for any key (names hold any character): readable prefix + digest."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in key)[:40]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return folder / f"{safe}-{digest}.lock"


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:  # pragma: no cover - Windows
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    return True  # pragma: no cover - no locking at all on this platform: every hold succeeds


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:  # pragma: no cover - Windows
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


class Holds:
    """The holds one store has taken: key → open file descriptor (held until released or exit)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._held: dict[str, int] = {}

    def holds(self, key: str) -> bool:
        return key in self._held

    def take(self, key: str) -> bool:
        """Hold `key`; False if another process (or another open store) holds it. Raises OSError
        when the folder cannot be made or written."""
        if key in self._held:
            return True
        self.folder.mkdir(parents=True, exist_ok=True)
        path = key_file(self.folder, key)
        busy = 0
        for _ in range(8):  # a holder may remove the file between our open and our lock
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                busy += 1
                if busy >= 3:
                    return False
                time.sleep(0.005)  # maybe only another store's free() looking, for an instant
                continue
            if _same_file(fd, path):
                self._held[key] = fd
                return True
            _unlock(fd)
            os.close(fd)
        return False

    def free(self, key: str) -> bool:
        """Nobody holds `key` (this store holding it counts as not free); takes nothing."""
        if key in self._held:
            return False
        path = key_file(self.folder, key)
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return True
        except OSError:
            return True  # cannot look (read-only media): nobody can be playing there either
        try:
            if not _try_lock(fd):
                return False
            _unlock(fd)
            return True
        finally:
            os.close(fd)

    def release(self, key: str) -> None:
        fd = self._held.pop(key, None)
        if fd is None:
            return
        try:
            try:
                os.unlink(key_file(self.folder, key))  # while still holding it (see the module's note)
            except OSError:
                pass
            _unlock(fd)
        finally:
            os.close(fd)

    def release_all(self) -> None:
        for key in list(self._held):
            self.release(key)
