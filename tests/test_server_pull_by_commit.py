"""Pulls are safe by commit: a learner's answers pushed by one computer reach every other
computer of theirs, whatever order the pushes commit in (two of the learner's computers
pushing at the same moment), on a real PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import pull as server_pull  # noqa: E402
from quizapp.server import sync  # noqa: E402
from quizapp.server.connection import SERVER_LOCKED, connect  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()
# B's bank: another bank than A's, so B's push locks no summary row A's open push holds
# (the server's summaries of one learner and bank serialise their pushes).
OTHER_BANK = make_bank(bank_id="tariffs")


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _answers(store) -> set[str]:
    return {r[0] for r in store._read("SELECT uuid FROM answers")}


def _push_held_open(store, learner: str):
    """Push the learner's rows as a computer whose push has inserted them but not
    committed yet (its transaction still open): the open connection."""
    lid = store.learner_by_name(learner).id
    conn = connect(sync._url(store, lid), sync.passfile(store), autocommit=False)
    batch = store.unpushed(lid, sync.BATCH_ANSWERS)
    sync._prepare(conn)
    sync.push_batch(conn, batch, sync._origin(store))
    return conn, batch


@pytest.mark.parametrize("pulled_before", [False, True])
def test_a_push_committing_late_still_reaches_every_computer(school, tmp_path, pulled_before):
    lab_a = school.computer(tmp_path / "a", "Ann")
    lab_b = school.computer(tmp_path / "b", "Ann")
    lab_e = school.computer(tmp_path / "e", "Ann")
    if pulled_before:
        assert sync.sync(lab_e).errors == []  # E has pulled (nothing) before the race
    study(lab_a, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    study(lab_b, "Ann", OTHER_BANK, [("q2", True, 3)], T0 + timedelta(hours=1))
    # A's push inserts first (lower seq) but commits last; B's commits meanwhile and E
    # pulls between the two commits.
    conn, batch = _push_held_open(lab_a, "Ann")
    try:
        assert sync.sync(lab_b).pushed == 1
        assert sync.sync(lab_e).pulled == 1
        conn.commit()
    finally:
        conn.close()
    lab_a.mark_pushed(lab_a.learner_by_name("Ann").id, batch)
    second = sync.sync(lab_e)
    assert second.errors == []
    assert second.pulled == 2  # A's two answers, which committed after E's first pull
    assert _answers(lab_e) == _answers(lab_a) | _answers(lab_b)
    assert sync.sync(lab_e).pulled == 0  # and nothing twice
    assert lab_e._read("SELECT count(*) FROM answers")[0][0] == 3
    assert lab_e._read("SELECT count(*) FROM reviews")[0][0] == 3
    assert lab_e._read("SELECT count(*) FROM sessions")[0][0] == 2
    # A gets B's answer too.
    assert sync.sync(lab_a).pulled == 1
    for store in (lab_a, lab_b, lab_e):
        store.close()


def test_a_computer_that_pulled_by_seq_before_the_server_step_misses_nothing(
        school, tmp_path):
    """A computer whose marks were kept by seq (before its server took schema 6) keeps
    them: the rows past them come, and those pushed since come once."""
    lab_a = school.computer(tmp_path / "a", "Ann")
    lab_e = school.computer(tmp_path / "e", "Ann")
    study(lab_a, "Ann", BANK, [("q0", True, 3)], T0)
    sync.sync(lab_a)
    assert sync.sync(lab_e).pulled == 1
    lid = lab_e.learner_by_name("Ann").id
    key = f"sync.{lid}.pulled"
    import json

    marks = json.loads(lab_e.get_setting(key))
    del marks["snapshot"]  # as an earlier quizapp kept them
    lab_e.set_setting(key, json.dumps(marks))
    study(lab_a, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1))
    sync.sync(lab_a)
    assert sync.sync(lab_e).pulled == 1
    assert _answers(lab_e) == _answers(lab_a)
    assert "snapshot" in json.loads(lab_e.get_setting(key))
    lab_a.close()
    lab_e.close()


def test_an_older_computer_keeps_syncing_with_a_server_of_schema_6(
        school, tmp_path, monkeypatch):
    """Schema 6 only adds a column with a default: a computer of schema 5 (which compares
    the server's 'version' with 5 and pulls by seq) is not told to update, its pushes get
    their transaction id, and an updated computer pulls them by commit."""
    from quizapp.server import schema

    with school.admin() as conn:
        assert schema.version(conn) == schema.SCHEMA_VERSION == 16
        assert conn.execute(
            "SELECT value FROM quizapp.meta WHERE key = 'version'").fetchone()[0] == "5"
    old = school.computer(tmp_path / "old", "Ann")
    new = school.computer(tmp_path / "new", "Ann")
    study(old, "Ann", BANK, [("q0", True, 3)], T0)
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 5)
        older.setattr(server_pull, "_pulls_by_commit", lambda conn: False)
        result = sync.sync(old)
        assert (result.too_new, result.errors, result.pushed) == (False, [], 1)
    with school.admin() as conn:
        assert conn.execute(
            "SELECT count(*) FROM quizapp.answers WHERE txid IS NOT NULL").fetchone()[0] == 1
    assert sync.sync(new).pulled == 1
    study(new, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1))
    sync.sync(new)
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 5)
        older.setattr(server_pull, "_pulls_by_commit", lambda conn: False)
        assert sync.sync(old).pulled == 1
    old.close()
    new.close()


def test_rows_restored_with_txids_beyond_this_servers_are_not_pulled_again(school, tmp_path,
                                                                         monkeypatch):
    # A dump restored into a cluster whose transaction counter is behind the old one's
    # (a new cluster, a major upgrade by dump) keeps the rows' txids, beyond any this
    # server has given: once pulled, they must not be read again at every sync.
    lab_a = school.computer(tmp_path / "a", "Ann")
    lab_e = school.computer(tmp_path / "e", "Ann")
    study(lab_a, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    assert sync.sync(lab_a).pushed == 2
    with school.admin() as admin:
        for table in ("sessions", "session_ends", "answers", "reviews", "retractions"):
            admin.execute(f"UPDATE quizapp.{table} SET txid ="
                          " (pg_current_xact_id()::text::bigint + 1000000)::text::xid8")
    assert sync.sync(lab_e).pulled == 2
    read: list[int] = []
    fetch_piece = server_pull._fetch_piece
    monkeypatch.setattr(server_pull, "_fetch_piece", lambda *args: (
        rows := fetch_piece(*args), read.append(len(rows)))[0])
    assert sync.sync(lab_e).pulled == 0
    assert read and sum(read) == 0  # nothing read again
    study(lab_a, "Ann", BANK, [("q2", True, 3)], T0 + timedelta(hours=1))
    assert sync.sync(lab_a).pushed == 1
    assert sync.sync(lab_e).pulled == 1  # what is pushed since still comes
    for store in (lab_a, lab_e):
        store.close()


def test_a_push_waiting_on_another_computers_open_push_gives_up_and_says_so(
        school, tmp_path, monkeypatch):
    # Both computers push the same bank: B waits on the summary row A's open push holds
    # (a laptop put to sleep mid-push holds it for hours): B gives up after the timeout,
    # says why, keeps its answers, and sends them once A's push has ended.
    monkeypatch.setattr(sync, "LOCK_TIMEOUT_MS", 300)
    lab_a = school.computer(tmp_path / "a", "Ann")
    lab_b = school.computer(tmp_path / "b", "Ann")
    study(lab_a, "Ann", BANK, [("q0", True, 3)], T0)
    study(lab_b, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1))
    conn, batch = _push_held_open(lab_a, "Ann")
    try:
        stuck = sync.sync(lab_b)
        assert stuck.pushed == 0
        assert any("Another computer of this learner is sending" in e for e in stuck.errors)
        assert stuck.short_errors == ["another computer of Ann is sending the same answers:"
                                      " tried again at the next sync"]  # the status bar's
        conn.commit()
    finally:
        conn.close()
    lab_a.mark_pushed(lab_a.learner_by_name("Ann").id, batch)
    again = sync.sync(lab_b)
    assert (again.errors, again.pushed, again.pulled) == ([], 1, 1)
    for store in (lab_a, lab_b):
        store.close()


def test_a_push_waiting_on_a_table_another_program_holds_does_not_blame_another_computer(
        school, tmp_path, monkeypatch):
    # The school's administrator holds the answers table (maintenance: VACUUM FULL,
    # REINDEX, LOCK TABLE in psql): the push gives up after the timeout, as for another
    # computer's open push, but says what it met, not "another computer of this learner".
    monkeypatch.setattr(sync, "LOCK_TIMEOUT_MS", 300)
    lab = school.computer(tmp_path / "a", "Ann")
    study(lab, "Ann", BANK, [("q0", True, 3)], T0)
    with school.admin() as admin:
        with admin.transaction():
            admin.execute("LOCK TABLE quizapp.answers IN ACCESS EXCLUSIVE MODE")
            stuck = sync.sync(lab)
    assert stuck.pushed == 0 and not stuck.offline
    assert stuck.errors == [SERVER_LOCKED]
    assert stuck.short_errors == ["The class server is busy with other work"]
    again = sync.sync(lab)
    assert (again.errors, again.pushed) == ([], 1)
    lab.close()
