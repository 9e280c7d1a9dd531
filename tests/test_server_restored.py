"""A class server restored from an older dump, as docs/classroom.md says (pg_dump -Fc,
pg_restore into a new database): every computer notices that it is not the server its
marks were kept with, pushes everything again and pulls everything again, so no computer
stays behind (the restored server hands out seq and transaction ids again from lower
values)."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _dump(school, path: str) -> None:
    server = school.server
    server._run("pg_dump", "-Fc", "-h", str(server.socket_dir), "-p", str(server.port),
                "-f", path, school.dbname)


def _restore_in_place(school, path: str) -> None:
    """Restore into an empty database, then give it the school's name (the computers'
    address stays the same)."""
    import psycopg

    server, name = school.server, school.dbname
    with psycopg.connect(server.admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}_restored"')
    server._run("pg_restore", "-h", str(server.socket_dir), "-p", str(server.port),
                "-d", f"{name}_restored", path)
    with psycopg.connect(server.admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'ALTER DATABASE "{name}_restored" RENAME TO "{name}"')


def _uuids(store) -> set[str]:
    return {r[0] for r in store._read("SELECT uuid FROM answers")}


def _on_server(school) -> set[str]:
    with school.admin() as conn:
        return {str(r[0]) for r in conn.execute("SELECT uuid FROM quizapp.answers")}


def test_after_a_restore_from_an_older_dump_no_computer_stays_behind(school, tmp_path):
    lab1 = school.computer(tmp_path / "lab1", "Ann")
    lab2 = school.computer(tmp_path / "lab2", "Ann")
    study(lab1, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    assert sync.sync(lab1).pushed == 2
    assert sync.sync(lab2).pulled == 2
    dump = str(school.server.socket_dir / f"{school.dbname}.dump")
    _dump(school, dump)
    # After the night's dump: lab1 sends one more answer and lab2 takes it.
    study(lab1, "Ann", BANK, [("q2", True, 3)], T0 + timedelta(hours=1))
    assert sync.sync(lab1).pushed == 1
    assert sync.sync(lab2).pulled == 1
    _restore_in_place(school, dump)  # the server lost that answer
    assert len(_on_server(school)) == 2
    # On the restored server, lab2 answers again: its rows get the seq the lost ones had.
    study(lab2, "Ann", BANK, [("q3", False, 1), ("q4", True, 3)], T0 + timedelta(hours=2))
    first = sync.sync(lab2)
    assert first.errors == []
    second = sync.sync(lab1)
    assert second.errors == []
    assert second.pulled == 2  # lab2's two new answers
    sync.sync(lab2)
    assert _uuids(lab1) == _uuids(lab2) == _on_server(school)
    assert len(_on_server(school)) == 5  # the lost answer is back, nothing doubled
    assert lab1._read("SELECT count(*) FROM reviews")[0][0] == 5
    assert sync.sync(lab1).pulled == sync.sync(lab2).pulled == 0
    lab1.close()
    lab2.close()


def test_resend_also_pulls_everything_again(school, tmp_path, capsys):
    """`quizapp sync --resend` clears the pull's marks too: marks above what a server
    restored in place hands out (nothing tells the computer) no longer hide its rows."""
    import json

    from quizapp.core.store import Store

    lab1 = school.computer(tmp_path / "lab1", "Ann")
    lab2 = school.computer(tmp_path / "lab2", "Ann")
    study(lab1, "Ann", BANK, [("q0", True, 3)], T0)
    sync.sync(lab1)
    assert sync.sync(lab2).pulled == 1
    lid = lab2.learner_by_name("Ann").id
    high = 10**12  # marks kept with the server before it was restored
    lab2.set_setting(f"sync.{lid}.pulled", json.dumps(
        {"sessions": high, "session_ends": high, "answers": high, "reviews": high,
         "snapshot": f"{high}:{high}:"}))
    lab2.close()
    study(lab1, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1))
    sync.sync(lab1)
    assert main(["sync", "--resend", "--data-dir", str(tmp_path / "lab2")]) == 0
    assert "1 answer the server already had, 1 pulled" in capsys.readouterr().out
    with Store.open(tmp_path / "lab2") as store:
        assert _uuids(store) == _uuids(lab1)
    lab1.close()
