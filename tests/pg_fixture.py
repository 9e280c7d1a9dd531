"""A real PostgreSQL for the class server tests: one server for the whole run.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
(Debian's package creates it) in a temporary data folder; as anyone else it runs as
that user. It listens on a unix socket in that folder (the admin, trusted) and on a free
localhost port where learners and teachers sign in with passwords (scram-sha-256), as
on a school's server. Each test gets its own database (`pg_database`).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    bin_dir: Path
    data: Path
    socket_dir: Path
    port: int
    run_as: str | None  # the unprivileged user when the tests run as root

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=True)

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
            "-o", f"-k {self.socket_dir} -p {self.port} -h 127.0.0.1", "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def admin_url(self, dbname: str = "postgres") -> str:
        user = self.run_as or os.environ.get("USER") or "postgres"
        return f"host={self.socket_dir} port={self.port} dbname={dbname} user={user}"

    def url(self, dbname: str, user: str | None = None) -> str:
        """What a school computer uses: TCP to localhost (passwords from a passfile)."""
        who = f"{user}@" if user else ""
        return f"postgresql://{who}127.0.0.1:{self.port}/{dbname}"


@pytest.fixture(scope="session")
def pg_server():
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (see .ci/run)")
    run_as = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="quizapp-pg-"))
    data = base / "data"
    data.mkdir()
    if run_as:
        shutil.chown(base, run_as)
        shutil.chown(data, run_as)
    server = PgServer(bin_dir, data, base, _free_port(), run_as)
    server._run("initdb", "-D", str(data), "-A", "trust", "-U", run_as or os.environ.get("USER", "postgres"), "--no-sync")
    with open(data / "pg_hba.conf", "w") as hba:
        hba.write("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
    with open(data / "postgresql.conf", "a") as conf:
        # A test server: no fsync (the tests kill the server, never the machine, so what
        # was committed is still in the OS's cache), but synchronous_commit stays on: with
        # it off a commit returns before its WAL is written, and a test that stops the
        # server at once would lose pushes the computer already counted as sent (as a
        # school's server would). Enough connections for 50 computers at once.
        conf.write("fsync = off\nfull_page_writes = off\n")
        conf.write("max_connections = 120\nshared_buffers = 64MB\n")
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop("immediate")
        finally:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_database(pg_server):
    """A fresh, empty database on the run's server; its name."""
    import psycopg

    name = "school_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


@pytest.fixture
def icu_database(pg_server):
    """A fresh database whose default collation is ICU's English, not C (as a distribution
    or a DBA may make a school's): there '.' sorts before '+'."""
    import psycopg

    name = "school_icu_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu"
                     " ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
    return name
