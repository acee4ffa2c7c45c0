"""A real LRS for the tests: Ralph (PyPI `ralph-malph`) on loopback with its file-system backend.

Ralph pins its own web stack, so it lives in its own virtual environment (.ci/run makes one) and
runs as a subprocess; set LITIGE_RALPH to its `ralph` executable (else `ralph` on PATH is used).
Its `fs` backend accepts only one POST per data directory, so each `start()` gets a fresh one.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "litige-ci", "not-a-secret-ci-password"
HOMEPAGE = "https://litige.example"


def ralph_executable() -> str | None:
    exe = os.environ.get("LITIGE_RALPH")
    if exe:
        return exe if Path(exe).is_file() else None
    return shutil.which("ralph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RalphServer:
    port: int
    root: Path
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def get(self, path: str, auth: bool = True) -> tuple[int, dict]:
        headers = {"X-Experience-API-Version": "1.0.3"}
        if auth:
            headers["Authorization"] = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            return exc.code, {}

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, following its `more` links."""
        out: list[dict] = []
        path: str | None = "/xAPI/statements?limit=100"
        while path:
            status, page = self.get(path)
            assert status == 200, (status, page)
            out.extend(page["statements"])
            path = page.get("more") or None
            assert len(out) < 100_000
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)


class Ralph:
    """Starts Ralph servers (each on a free port with its own data directory); stops them all."""

    def __init__(self, exe: str, workdir: Path):
        self.exe = exe
        self.workdir = workdir
        self.auth = workdir / "auth.json"
        self.servers: list[RalphServer] = []
        self._env = {**os.environ, "RALPH_RUNSERVER_BACKEND": "fs", "RALPH_AUTH_FILE": str(self.auth),
                     "RALPH_APP_DIR": str(workdir / "app")}
        subprocess.run([exe, "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-A", USER, HOMEPAGE, "-w"],
                       env={**self._env, "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir / "auth-data")},
                       check=True, capture_output=True, timeout=300)

    def start(self) -> RalphServer:
        n = len(self.servers)
        root = self.workdir / f"lrs-{n}"
        (root / "data").mkdir(parents=True)
        port = free_port()
        env = {**self._env, "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(root / "data")}
        log = (root / "ralph.log").open("wb")
        proc = subprocess.Popen([self.exe, "runserver", "-b", "fs", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        server = RalphServer(port, root, proc)
        self.servers.append(server)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"Ralph exited with {proc.returncode}: {(root / 'ralph.log').read_text()[-2000:]}")
            try:
                if server.get("/__heartbeat__", auth=False)[0] == 200:
                    return server
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        server.stop()
        raise RuntimeError(f"Ralph did not answer on port {port} within 180 s")

    def stop_all(self) -> None:
        for s in self.servers:
            s.stop()
