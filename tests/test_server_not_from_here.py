"""A computer the server's rules (pg_hba.conf) do not let in, from where it connects or
unencrypted (docs/classroom.md lists only the school's network and only `hostssl`), is
told so, exit 1: not "offline: The class server cannot be reached" (exit 3), which the
network coming back would never change. A PostgreSQL of this module's own, whose
pg_hba.conf has only `hostssl` lines and no TLS: every TCP sign-in meets "no pg_hba.conf
entry … no encryption", as a computer with `sslmode=disable` in its address does at
school."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server import admin, sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402
from quizapp.server.roles import role_key  # noqa: E402
from quizapp.server.sync import URL_KEY  # noqa: E402
from tests.pg_fixture import PgServer, _bin_dir, _free_port  # noqa: E402


@pytest.fixture(scope="module")
def tls_only_server():
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (see .ci/run)")
    run_as = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="quizapp-pg-hostssl-"))
    data = base / "data"
    data.mkdir()
    if run_as:
        shutil.chown(base, run_as)
        shutil.chown(data, run_as)
    server = PgServer(bin_dir, data, base, _free_port(), run_as)
    server._run("initdb", "-D", str(data), "-A", "trust", "-U",
                run_as or os.environ.get("USER", "postgres"), "--no-sync")
    with open(data / "pg_hba.conf", "w") as hba:
        hba.write("local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n")
    with open(data / "postgresql.conf", "a") as conf:
        conf.write("fsync = off\nssl = off\n")
    server.start()
    try:
        with connect(server.admin_url(), autocommit=True) as conn:
            conn.execute('CREATE DATABASE "school"')
        with connect(server.admin_url("school"), autocommit=True) as conn:
            admin.init(conn)
            admin.add_class(conn, "7B")
            ann = admin.add_person(conn, "Ann", "learner", ["7B"], server.url("school"))
        yield server, ann
    finally:
        try:
            server.stop("immediate")
        finally:
            shutil.rmtree(base, ignore_errors=True)


def test_sign_in_says_the_rules_do_not_let_this_computer_in(tls_only_server, tmp_path,
                                                             capsys, monkeypatch):
    server, ann = tls_only_server
    monkeypatch.setattr("sys.stdin", io.StringIO(ann.password + "\n"))
    code = main(["server", "sign-in", ann.url, "--learner", "Ann", "--data-dir",
                 str(tmp_path / "lab"), "--password-stdin"])
    err = capsys.readouterr().err
    assert code == 1, err  # not 3 (offline)
    assert (f"The class server's rules do not let {ann.role} in from 127.0.0.1 (this"
            " computer, as the server sees it), unencrypted: the school lets in only its"
            " own network, over TLS (pg_hba.conf). Use the address as the school gave it (not"
            " sslmode=disable)") in err
    assert "cannot be reached" not in err and "pg_hba.conf entry" not in err


def test_quizapp_sync_names_the_learner_not_offline(tls_only_server, tmp_path, capsys):
    server, ann = tls_only_server
    with Store.open(tmp_path / "lab") as store:
        learner = store.create_learner("Ann")
        store.set_setting(role_key(learner.id), ann.role)
        store.set_setting(f"{URL_KEY}.{learner.id}", ann.url)
        result = sync.sync(store)
    assert not result.offline
    assert result.short_errors == ["the class server does not let Ann in from this network"]
    code = main(["sync", "--data-dir", str(tmp_path / "lab")])
    captured = capsys.readouterr()
    assert code == 1
    assert "Ann: The class server's rules do not let" in captured.err
    assert "offline" not in captured.out + captured.err
