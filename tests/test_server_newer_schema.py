"""Every `quizapp server` command on a server whose schema is newer than this quizapp
knows: refused as `init` is, in the same words, before anything on the server changes
(a tester's add-learner, remove-learner and publish went ahead). Real CLI processes on a
real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("psycopg")

from quizapp.server import banks  # noqa: E402
from quizapp.server.schema import SCHEMA_VERSION  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402

NEWER = SCHEMA_VERSION + 1
REFUSAL = (f"quizapp: The class server's schema is version {NEWER}, newer than this quizapp"
           f" knows ({SCHEMA_VERSION}): update quizapp on this computer. Nothing was"
           " changed.\n")
BANK = ("title: Class\nid: class\nquestions:\n  - id: q1\n    type: true_false\n"
        "    prompt: Yes?\n    answer: true\n")


def _quizapp(*argv: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "quizapp", *argv], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def _everything(conn) -> dict[str, object]:
    """The server's state a command could change: every row of the schema's tables, the
    roles (their login and password), who is in which group role."""
    tables = [row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'quizapp'"
        " ORDER BY table_name").fetchall()]
    state: dict[str, object] = {
        table: conn.execute(f"SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '')"
                            f" FROM quizapp.{table} t").fetchone()[0]
        for table in tables
    }
    state["roles"] = conn.execute(
        "SELECT string_agg(rolname || rolcanlogin::text || coalesce(rolpassword, ''), '|'"
        " ORDER BY rolname) FROM pg_authid").fetchone()[0]
    state["members"] = conn.execute(
        "SELECT string_agg(roleid::text || ':' || member::text, '|' ORDER BY roleid, member)"
        " FROM pg_auth_members").fetchone()[0]
    return state


def _newer(school, *keys: str) -> None:
    with school.admin() as conn:
        for key in keys:
            conn.execute("UPDATE quizapp.meta SET value = %s WHERE key = %s", (str(NEWER), key))


@pytest.fixture
def school(pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    school.add("Tess", "teacher")
    bank = tmp_path / "class.yaml"
    bank.write_text(BANK, encoding="utf-8")
    with school.as_person("Tess") as conn:
        banks.publish(conn, bank, ["7B"])
    return school


def test_every_server_command_refuses_a_newer_schema_in_inits_words(school, tmp_path):
    _newer(school, "version", "steps")
    with school.admin() as conn:
        before = _everything(conn)
    admin = school.server.admin_url(school.dbname)
    tess = school.people["Tess"]
    other = tmp_path / "other.yaml"
    other.write_text(BANK.replace("id: class", "id: other"), encoding="utf-8")
    commands = [
        (("init", admin), None),
        (("add-class", admin, "8C"), None),
        (("add-learner", admin, "Bo", "--class", "7B"), None),
        (("add-teacher", admin, "Uma", "--class", "7B"), None),
        (("add-learner", admin, "Ann", "--reset-password"), None),
        (("remove-learner", admin, "Ann"), None),
        (("status", admin), None),
        (("publish", tess.url, str(other), "--class", "7B"), tess.password),
        (("unpublish", tess.url, "class", "--class", "7B"), tess.password),
        (("results", tess.url, "-o", str(tmp_path / "class.csv")), tess.password),
    ]
    for argv, password in commands:
        done = _quizapp("server", *argv, password=password)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", REFUSAL), argv
    assert not (tmp_path / "class.csv").exists()
    with school.admin() as conn:
        assert _everything(conn) == before


def test_steps_older_computers_may_ignore_let_teachers_on_but_not_the_owner(school,
                                                                          tmp_path):
    """A newer step of schema.COMPATIBLE_STEPS ('steps' newer, 'version' not): a
    teacher's computer goes on as its sync does; the owner's commands, which write what
    any step may have changed, refuse as init does."""
    _newer(school, "steps")
    admin = school.server.admin_url(school.dbname)
    done = _quizapp("server", "add-class", admin, "8C")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", REFUSAL)
    tess = school.people["Tess"]
    other = tmp_path / "other.yaml"
    other.write_text(BANK.replace("id: class", "id: other"), encoding="utf-8")
    done = _quizapp("server", "publish", tess.url, str(other), "--class", "7B",
                    password=tess.password)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("published ")
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.classes WHERE name = '8C'"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM quizapp.class_banks WHERE bank_id = 'other'"
                            ).fetchone()[0] == 1


def test_a_server_before_schema_5_is_not_newer_for_a_teacher(school, tmp_path):
    """Before schema 5 learners and teachers could not read quizapp.meta: that server is
    older, and the teacher's publish goes ahead (the check must not take the refused
    read for a newer server, nor break the command)."""
    with school.admin() as conn:
        conn.execute("REVOKE SELECT ON quizapp.meta FROM PUBLIC")
        for role in conn.execute("SELECT grantee FROM information_schema.role_table_grants"
                                 " WHERE table_schema = 'quizapp' AND table_name = 'meta'"
                                 " AND grantee <> current_user").fetchall():
            conn.execute(f'REVOKE SELECT ON quizapp.meta FROM "{role[0]}"')
    tess = school.people["Tess"]
    other = tmp_path / "other.yaml"
    other.write_text(BANK.replace("id: class", "id: other"), encoding="utf-8")
    done = _quizapp("server", "publish", tess.url, str(other), "--class", "7B",
                    password=tess.password)
    assert done.returncode == 0, done.stderr
