"""The server and its games as /proc shows them, for bench/serve_bench.py: each process's CPU,
RSS and PSS, the machine's busy time, and the Sampler that keeps their peaks over a run."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ProcStat:
    pid: int
    ppid: int
    start: int      # start time in clock ticks since boot (a pid reused is another process)
    cpu: float      # user + system seconds
    rss: int        # bytes
    children_cpu: float  # user + system seconds of its children that have ended (and been waited for)


def proc_stat(pid: int) -> ProcStat | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) ": field 3 onwards
    if fields[0] == "Z":
        return None
    return ProcStat(pid=pid, ppid=int(fields[1]), start=int(fields[19]),
                    cpu=(int(fields[11]) + int(fields[12])) / TICK, rss=int(fields[21]) * PAGE,
                    children_cpu=(int(fields[13]) + int(fields[14])) / TICK)


def reaped_cpu(pid: int) -> float:
    """CPU seconds of `pid`'s children that have ended and been waited for (0 if it is gone)."""
    st = proc_stat(pid)
    return st.children_cpu if st is not None else 0.0


def children_of(pid: int) -> list[ProcStat]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = proc_stat(int(entry))
            if st is not None and st.ppid == pid:
                found.append(st)
    return found


def pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages split between the processes sharing them)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = parts[3] + (parts[4] if len(parts) > 4 else 0)
    return (sum(parts[:8]) - idle) / TICK


class Sampler:
    """The server and its games, read from /proc every `period` seconds: peaks of RSS, the last
    CPU figure of every game seen (a game that quit keeps its last one), PSS now and then."""

    def __init__(self, server_pid: int, period: float = 1.0):
        self.server_pid, self.period = server_pid, period
        self.games: dict[tuple[int, int], float] = {}    # (pid, start) → CPU seconds, last seen
        self.game_pids: set[tuple[int, int]] = set()
        self.server_cpu = 0.0
        self.server_rss_peak = self.games_rss_peak = self.games_pss_peak = self.server_pss_peak = 0
        self.games_peak = 0
        self.samples = 0

    def sample(self, with_pss: bool = False) -> None:
        server = proc_stat(self.server_pid)
        if server is not None:
            self.server_cpu = server.cpu
            self.server_rss_peak = max(self.server_rss_peak, server.rss)
        games = children_of(self.server_pid)
        for g in games:
            self.games[(g.pid, g.start)] = g.cpu
            self.game_pids.add((g.pid, g.start))
        self.games_peak = max(self.games_peak, len(games))
        self.games_rss_peak = max(self.games_rss_peak, sum(g.rss for g in games))
        if with_pss:
            self.games_pss_peak = max(self.games_pss_peak, sum(pss(g.pid) for g in games))
            self.server_pss_peak = max(self.server_pss_peak, pss(self.server_pid))
        self.samples += 1

    @property
    def games_cpu(self) -> float:
        return sum(self.games.values())

    async def run(self) -> None:
        while True:
            self.sample(with_pss=self.samples % 5 == 0)
            await asyncio.sleep(self.period)


async def wait_gone(pids: set[tuple[int, int]], timeout: float) -> set[tuple[int, int]]:
    """The (pid, start) of `pids` still running once they are all gone or `timeout` seconds have passed."""
    end = time.monotonic() + timeout
    while True:
        left = {(p, s) for p, s in pids if (st := proc_stat(p)) is not None and st.start == s}
        if not left or time.monotonic() >= end:
            return left
        await asyncio.sleep(0.2)
