"""What a computer says when the class server will not take its learners: a refused
password, a learner the school removed, an address that is not one, a server newer than
this quizapp; each named as what it is (never "offline"), and said once."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server import banks, sync  # noqa: E402
from quizapp.server.schema import SCHEMA_VERSION, role_names  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


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
        assert result.errors == ["Bob's password was refused: sign in again"]
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert out.startswith("synced 1 learner")
    assert err == "quizapp sync: Bob's password was refused: sign in again\n"


def test_a_learner_the_school_removed_is_refused_not_offline(school, tmp_path, capsys):
    lab = tmp_path / "lab"
    school.computer(lab, "Ann").close()
    learner_group = role_names(school.dbname)[0]
    with school.admin() as conn:  # the docs' recipe
        conn.execute(f'REVOKE "{learner_group}" FROM "{school.people["Ann"].role}"')
    code, out, err = _sync(capsys, lab)
    assert code == 1
    assert "offline" not in out + err and "cannot be reached" not in out + err
    assert err == "quizapp sync: the class server no longer lets Ann in: ask the teacher\n"


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
