"""A participant's game process ends when its `litige serve` dies, however it dies.

textual-serve's children outlive a server killed with SIGKILL (or crashed): re-parented, they
would hold the shared database open for nobody. Two ties, both checked against the server's pid
that `litige serve` writes into each child's environment:
- on Linux, the kernel sends the child SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG),
  which the game handles as a normal quit (every step is already saved); the kernel means the
  parent *thread*, and textual-serve starts the games from the server's main (event loop) thread;
- everywhere, the game looks at its parent pid now and then: a changed one means the server is
  gone, and the game quits the same way.
Nothing here imports Textual.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Mapping

SERVER_PID_ENV = "LITIGE_SERVER_PID"
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def server_pid(environ: Mapping[str, str] = os.environ) -> int | None:
    """The pid of the `litige serve` that started this participant, if it said so."""
    try:
        pid = int(environ.get(SERVER_PID_ENV, ""))
    except ValueError:
        return None
    return pid if pid > 1 else None


def orphaned(parent: int) -> bool:
    """Has the server that started this process gone away (this process was re-parented)?"""
    return os.getppid() != parent


def tie_to_parent(parent: int) -> bool:
    """Ask the kernel for SIGTERM when the parent dies (Linux only; elsewhere, a no-op).

    Returns False when the parent is already gone: it may have died before the request was
    made, and then no signal would ever come, so the caller must quit by itself.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no libc prctl: the polling in the game still ends the process
    return not orphaned(parent)
