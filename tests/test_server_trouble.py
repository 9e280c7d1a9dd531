"""What a computer says when the class server will not take its learners: a refused
password, a learner the school removed, an address that is not one, a server newer than
this quizapp; each named as what it is (never "offline"), and said once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server import banks, sync  # noqa: E402
from quizapp.server.schema import SCHEMA_VERSION, role_names  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

REFUSED = ("Bob's password was refused: sign in again with the password from the teacher"
           " (if the teacher removed Bob from the class server, they must add them again)")
ANN_NOT_LET_IN = ("the class server no longer lets Ann in: ask the teacher (the school removed"
                  " Ann, or took back their right to send answers; Ann's answers stay on this"
                  " computer)")


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    school.add("Bob")
    return school


def _sync(capsys, lab) -> tuple[int, str, str]:
    code = main(["sync", "--data-dir", str(lab)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_connection_lost_in_the_middle_of_a_pull_says_what_came(
        school, tmp_path, capsys, monkeypatch):
    # The server restarted while a new computer pulled Ann's history: the pieces it
    # imported stay, and the sync said "offline" as if nothing had come.
    from quizapp.server import pull as server_pull

    with school.computer(tmp_path / "lab", "Ann") as lab:
        study(lab, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1), ("q2", True, 3)], T0)
        assert sync.sync(lab).pushed == 3
    home = tmp_path / "home"
    school.computer(home, "Ann").close()
    fetch_piece = server_pull._fetch_piece

    def restart_after_one_answer(conn, table, columns, parts, after, origin, limit):
        if table == "answers" and after:
            with school.admin() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return fetch_piece(conn, table, columns, parts, after, origin, limit)

    monkeypatch.setattr(server_pull, "PULL_PIECE_ROWS", 1)
    monkeypatch.setattr(server_pull, "_fetch_piece", restart_after_one_answer)
    code, out, err = _sync(capsys, home)
    assert code == 3
    assert "(1 answer pulled before)" in out + err
    monkeypatch.undo()
    code, out, err = _sync(capsys, home)
    assert (code, out.strip()) == (0, "synced 1 learner: 0 answers pushed, 2 pulled")


def test_a_refused_password_names_the_learner(school, tmp_path, capsys):
    from psycopg import sql

    lab = tmp_path / "lab"
    with school.computer(lab, "Ann", "Bob") as store:
        study(store, "Bob", make_bank(), [("q0", True, 3)], T0)
    with school.admin() as conn:
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD 'changed'").format(
            sql.Identifier(school.people["Bob"].role)))
    with Store.open(lab) as store:
        result = sync.sync(store)
        assert not result.offline and result.learners == 1
        assert result.errors == [REFUSED]
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert out == "synced 1 learner: 0 answers pushed, 0 pulled; 1 problem\n"  # not problem(s)
    assert err == f"quizapp sync: {REFUSED}\n"


def test_a_teachers_refused_password_sends_them_to_the_school(school, tmp_path, capsys):
    """A tester's teacher was told to ask "the teacher" for a new password."""
    from psycopg import sql

    tess = school.add("Tess", "teacher")
    lab = tmp_path / "desk"
    school.computer(lab, "Tess").close()
    with school.admin() as conn:
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD 'changed'").format(
            sql.Identifier(tess.role)))
    code, _out, err = _sync(capsys, lab)
    assert code == 1
    assert err == ("quizapp sync: Tess's password was refused: sign in again with the"
                   " password from the school (if the school removed Tess from the class"
                   " server, they must add them again)\n")


def test_a_learner_the_school_removed_is_refused_not_offline(school, tmp_path, capsys):
    lab = tmp_path / "lab"
    school.computer(lab, "Ann").close()
    learner_group = role_names(school.dbname)[0]
    with school.admin() as conn:  # the docs' recipe
        conn.execute(f'REVOKE "{learner_group}" FROM "{school.people["Ann"].role}"')
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert "offline" not in out + err and "cannot be reached" not in out + err
    assert err == f"quizapp sync: {ANN_NOT_LET_IN}\n"


def test_offline_is_said_once(school, tmp_path, capsys, pg_server):
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        key = "server.url." + str(store.learner_by_name("Ann").id)
        store.set_setting(key, store.get_setting(key).replace(str(pg_server.port), "1"))
    code, out, err = _sync(capsys, lab)
    assert code == 3
    assert (out + err).count("cannot be reached") == 1


def test_an_address_that_is_not_valid_says_so(school, tmp_path, capsys, monkeypatch):
    ann = school.people["Ann"]
    monkeypatch.setattr("sys.stdin", io.StringIO(ann.password + "\n"))
    code = main(["server", "sign-in", ann.url + "?sslmode=bogus", "--learner", "Ann",
                 "--password-stdin", "--data-dir", str(tmp_path / "lab")])
    err = capsys.readouterr().err
    assert code == 1
    assert 'This address is not valid: invalid sslmode value: "bogus"' in err
    assert "cannot be reached" not in err


def test_an_address_asking_for_tls_a_server_does_not_offer_is_not_offline(
        school, tmp_path, capsys, monkeypatch):
    """sslmode=require against a server without TLS: it was reached, so it is a setup
    problem (exit 1, said as such), not 'offline' (exit 3)."""
    ann = school.people["Ann"]
    monkeypatch.setattr("sys.stdin", io.StringIO(ann.password + "\n"))
    code = main(["server", "sign-in", ann.url + "?sslmode=require", "--learner", "Ann",
                 "--password-stdin", "--data-dir", str(tmp_path / "lab")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "does not offer the encrypted connection" in err
    assert "cannot be reached" not in err


def test_a_server_newer_than_this_quizapp_gets_nothing_written(school, tmp_path, capsys):
    school.add("Tess", "teacher")
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        study(store, "Ann", make_bank(), [("q0", True, 3)], T0)
    bank = tmp_path / "class.yaml"
    bank.write_text("title: Class\nid: class\nquestions:\n  - id: q1\n    type: true_false\n"
                    "    prompt: Yes?\n    answer: true\n", encoding="utf-8")
    with school.as_person("Tess") as conn:
        banks.publish(conn, bank, ["7B"])
    with school.admin() as conn:
        conn.execute("UPDATE quizapp.meta SET value = %s WHERE key = 'version'",
                     (str(SCHEMA_VERSION + 1),))
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert out == ("the class server was set up by a newer quizapp; update this computer's"
                   " quizapp (nothing was sent or received meanwhile)\n")
    assert err == ""
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 0
    assert not (lab / "class-banks").exists()
    with Store.open(lab) as store:
        assert store.unpushed_count(store.learner_by_name("Ann").id) == 1


def _waiting(lab) -> int:
    with Store.open(lab) as store:
        return store.unpushed_count(store.learner_by_name("Ann").id)


def test_a_full_disk_on_the_server_is_the_servers_problem_not_offline(school, tmp_path,
                                                                       capsys):
    """PostgreSQL's "could not extend file" (SQLSTATE 53100, disk_full), raised by the
    real server as the push's INSERT meets it."""
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann", "Bob") as store:
        study(store, "Ann", make_bank(), [("q0", True, 3)], T0)
    with school.admin() as conn:
        conn.execute(
            "CREATE FUNCTION public.disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " RAISE EXCEPTION 'could not extend file \"base/16384/16421\": No space left"
            " on device' USING ERRCODE = 'disk_full', HINT = 'Check free disk space.';"
            " END $$")
        conn.execute("CREATE TRIGGER disk_full BEFORE INSERT ON quizapp.answers"
                     " FOR EACH STATEMENT EXECUTE FUNCTION public.disk_full()")
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert "offline" not in out + err and "cannot be reached" not in out + err
    assert (out + err).count("disk is full") == 1  # once, not per learner
    assert ("quizapp sync: The class server's disk is full (could not extend file"
            ' "base/16384/16421": No space left on device): the teacher must free space on'
            " the server. Nothing was lost") in err
    assert _waiting(lab) == 1


def test_a_server_out_of_connections_says_to_try_later(school, tmp_path, capsys):
    """A connection limit reached (here the database's, as max_connections would be):
    the server is full of connections, not away, and not the learner's fault."""
    lab = tmp_path / "lab"
    school.computer(lab, "Ann").close()
    with school.admin() as conn:
        conn.execute(f'ALTER DATABASE "{school.dbname}" CONNECTION LIMIT 0')
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert "cannot be reached" not in out + err and "FATAL" not in out + err
    assert err == ("quizapp sync: The class server has all the connections it allows in use"
                   " just now (too many computers at once): try again in a few minutes. The"
                   " answers stay on this computer meanwhile.\n")


def test_a_learner_whose_role_was_dropped_is_told_the_teacher_must_add_them_again(
        school, tmp_path, capsys):
    from psycopg import sql

    lab = tmp_path / "lab"
    school.computer(lab, "Ann", "Bob").close()
    with school.admin() as conn:
        conn.execute(sql.SQL("DROP ROLE {}").format(
            sql.Identifier(school.people["Bob"].role)))
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert err == f"quizapp sync: {REFUSED}\n"
    assert "must add them again" in err


def test_insert_taken_back_from_learners_says_ask_the_teacher(school, tmp_path, capsys):
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        study(store, "Ann", make_bank(), [("q0", True, 3)], T0)
    learner_group = role_names(school.dbname)[0]
    with school.admin() as conn:
        conn.execute(f'REVOKE INSERT ON quizapp.answers FROM "{learner_group}"')
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert err == f"quizapp sync: {ANN_NOT_LET_IN}\n"
    assert _waiting(lab) == 1


def test_remove_learner_keeps_their_rows_and_their_computer_says_so(school, tmp_path,
                                                                     capsys):
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann", "Bob") as store:
        study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", True, 3)], T0)
    assert _sync(capsys, lab)[0] == 0
    with Store.open(lab) as store:
        study(store, "Ann", make_bank(), [("q2", True, 3)], T0 + timedelta(hours=1))
    admin_url = school.server.admin_url(school.dbname)
    assert main(["server", "remove-learner", admin_url, "ann"]) == 0
    ann = school.people["Ann"]
    assert capsys.readouterr().out == (
        f"ann ({ann.role}) can no longer sign in or send answers; their 2 answers stay on"
        " the server. Their computers say so at their next sync, and keep their answers.\n")
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert out.startswith("synced 1 learner")  # Bob
    assert err == f"quizapp sync: {ANN_NOT_LET_IN}\n"
    assert _waiting(lab) == 1
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers WHERE learner = %s",
                            (ann.role,)).fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM quizapp.enrolments WHERE learner = %s",
                            (ann.role,)).fetchone()[0] == 0
    assert main(["server", "remove-learner", admin_url, "Nobody"]) == 1
    assert "No learner called Nobody" in capsys.readouterr().err


def test_counts_have_a_thousands_separator():
    assert sync.SyncResult(pushed=100000, pulled=1500, learners=1).summary() == (
        "synced 1 learner: 100,000 answers pushed, 1,500 pulled")


def test_a_connection_lost_after_the_push_still_counts_the_answers_sent(
        school, tmp_path, capsys, monkeypatch):
    # The server drops the connection between the push (committed) and the pull: the
    # answers are on the server, and the sync says so instead of "0 pushed".
    lab = tmp_path / "lab"
    with school.computer(lab, "Ann") as store:
        study(store, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
    pushed_then_dropped = sync.push

    def push_then_lose_the_connection(store, learner_id, conn):
        sent = pushed_then_dropped(store, learner_id, conn)
        with school.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return sent

    monkeypatch.setattr(sync, "push", push_then_lose_the_connection)
    code, out, err = _sync(capsys, lab)
    assert code == 3
    assert "(2 answers pushed before)" in out + err
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers WHERE learner = %s",
                            (school.people["Ann"].role,)).fetchone()[0] == 2
    monkeypatch.undo()
    with Store.open(lab) as store:
        again = sync.sync(store)
    assert (again.offline, again.errors, again.pushed) == (False, [], 0)


def test_a_server_restarted_since_the_last_sync_is_not_offline(school, tmp_path, pg_server):
    """The app keeps its connection between syncs: after the school's server restarted
    (the app left open overnight, a tester restarted it), the next sync said "offline since
    …" though the server was back; only the one after reconnected."""
    connections: dict = {}
    with school.computer(tmp_path / "lab", "Ann") as store:
        assert sync.sync(store, connections).errors == []
        pg_server.stop("fast")
        pg_server.start()
        study(store, "Ann", make_bank(), [("q0", True, 3)], T0)
        result = sync.sync(store, connections)
        assert (result.offline, result.errors, result.pushed) == (False, [], 1)
        sync.close_all(connections)
