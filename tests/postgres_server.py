"""A real PostgreSQL server on loopback, from a temporary data directory, for the tests.

The server binaries come from PATH or Debian's ``/usr/lib/postgresql/*/bin`` (``.ci/run``
installs the ``postgresql`` package where they are missing). PostgreSQL refuses to run as
root, so as root the server runs as the ``postgres`` user. Authentication is ``trust`` on
127.0.0.1 only; the server stops when the test session ends.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

_NAMES = itertools.count(1)


def binaries() -> Path | None:
    """The directory of ``initdb`` and ``pg_ctl``, or ``None`` when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


class Server:
    """A running server; :meth:`database` makes a new empty database and returns its URL."""

    def __init__(self, bin_dir: Path) -> None:
        self._bin = bin_dir
        self._root = Path(tempfile.mkdtemp(prefix="llmdex-pg-"))
        self._data = self._root / "data"
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self._root, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._run("initdb", "-D", str(self._data), "--auth=trust", "-U", "postgres", "-E", "UTF8")
        options = f"-p {self.port} -k {self._root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self._data), "-o", options, "-l", str(self._root / "log"), "-w",
            "start",
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        """The URL of ``database`` on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """A new, empty database: its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(_NAMES)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its files."""
        self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._root, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as, str(self._bin / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
