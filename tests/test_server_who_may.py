"""Who may do what on the class server, said plainly (an outside tester's class on
PostgreSQL 15): the owner's commands run by a learner or a teacher, publishing over
another teacher's version or going back to an older one, withdrawing a bank, and the
teacher's export of the class's answers from the server."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.cli import main  # noqa: E402
from quizapp.core.library import load_library  # noqa: E402
from quizapp.server import admin, banks, sync  # noqa: E402
from quizapp.server.connection import ServerOffline, SignInRefused, connect  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "question_banks" / "tour.yaml"


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database, classes=("7B", "7C"))
    school.add("Bo Chen", classes=("7B",))
    school.add("Cy Diaz", classes=("7C",))
    school.add("Tess Wong", "teacher", classes=("7B",))
    school.add("Una Park", "teacher", classes=("7B",))
    school.add("Raj Patel", "teacher", classes=("7C",))
    return school


def _as(school, name: str, monkeypatch) -> str:
    """The person's address, their password in PGPASSWORD (as the tester's scripts)."""
    person = school.people[name]
    monkeypatch.setenv("PGPASSWORD", person.password)
    return person.url


def _bank(folder: Path, edition: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trade.yaml"
    path.write_text(
        f"title: Trade talks ({edition})\nid: trade\nquestions:\n"
        "  - id: q0\n    type: multiple_choice\n    prompt: Which year?\n"
        '    choices: ["1995", "1985"]\n    answer: "1995"\n'
        "  - id: q1\n    type: multiple_choice\n    prompt: Which country?\n"
        '    choices: ["Japan", "Korea"]\n    answer: "Japan"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("who, argv, what", [
    ("Bo Chen", ["add-class", "{url}", "8A"], "add classes"),
    ("Bo Chen", ["add-learner", "{url}", "Dee", "--class", "7B"], "add learners"),
    ("Tess Wong", ["add-learner", "{url}", "Dee", "--class", "7B"], "add learners"),
    ("Tess Wong", ["add-teacher", "{url}", "Dee", "--class", "7B"], "add teachers"),
    ("Tess Wong", ["remove-learner", "{url}", "Bo Chen"], "remove learners"),
    ("Bo Chen", ["remove-learner", "{url}", "Cy Diaz"], "remove learners"),
    ("Tess Wong", ["add-learner", "{url}", "Bo Chen", "--class", "7B", "--reset-password"],
     "add learners"),
])
def test_an_owners_command_run_by_someone_else_says_who_may(school, capsys, monkeypatch,
                                                            who, argv, what):
    url = _as(school, who, monkeypatch)
    assert main(["server", *(a.format(url=url) for a in argv)]) == 1
    err = capsys.readouterr().err
    assert f"Only the school's server owner can {what}" in err
    assert "unexpected problem" not in err and "permission denied" not in err
    # A learner who may not see the others is not told that they are not there.
    assert "No learner called" not in err
    assert school.people[who].role in err  # who they are signed in as
    with school.admin() as conn:  # and nothing was done
        assert conn.execute("SELECT count(*) FROM quizapp.classes").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM quizapp.people").fetchone()[0] == 5
        assert conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                            (school.people["Bo Chen"].role,)).fetchone()[0]


def test_a_learner_cannot_publish_and_is_told_who_can(school, tmp_path, capsys, monkeypatch):
    url = _as(school, "Bo Chen", monkeypatch)
    bank = _bank(tmp_path / "bo", "mine")
    assert main(["server", "publish", url, str(bank), "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "Only a teacher of the class (or the school's server owner) can publish" in err
    assert "unexpected problem" not in err and "permission denied" not in err
    assert main(["server", "unpublish", url, "trade", "--class", "7B"]) == 1
    assert "can withdraw banks" in capsys.readouterr().err


def test_only_the_classs_teachers_may_publish_to_it(school, tmp_path, capsys, monkeypatch):
    url = _as(school, "Raj Patel", monkeypatch)
    bank = _bank(tmp_path / "raj", "Raj's")
    assert main(["server", "publish", url, str(bank), "--class", "7B", "--force"]) == 1
    err = capsys.readouterr().err
    assert "You do not teach '7B'" in err and "Traceback" not in err
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.class_banks").fetchone()[0] == 0


def test_publishing_over_another_teachers_or_a_newer_version_needs_force(
        school, tmp_path, capsys, monkeypatch):
    """Una republished v1 over Tess's v3 with no warning: now she is told whose version
    is there and since when, and nothing changes without --force."""
    v1 = _bank(tmp_path / "v1", "v1").read_bytes()
    path = tmp_path / "desk" / "trade.yaml"
    path.parent.mkdir()
    tess = _as(school, "Tess Wong", monkeypatch)
    path.write_bytes(v1)
    assert main(["server", "publish", tess, str(path), "--class", "7B"]) == 0
    # Tess's own new editions go through without a question.
    path.write_text(path.read_text().replace("(v1)", "(v3)"))
    assert main(["server", "publish", tess, str(path), "--class", "7B"]) == 0
    v3 = path.read_bytes()
    capsys.readouterr()

    una = _as(school, "Una Park", monkeypatch)
    path.write_bytes(v1)
    assert main(["server", "publish", una, str(path), "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "takes the class back to the older version" in err
    assert "Tess Wong published version" in err and "--force" in err
    with school.admin() as conn:
        assert conn.execute("SELECT b.yaml FROM quizapp.class_banks cb JOIN quizapp.banks b"
                            " USING (content_hash)").fetchone()[0].encode() == v3

    # A different version of Una's own over Tess's: warned too.
    path.write_text(v3.decode().replace("(v3)", "(Una's)"))
    assert main(["server", "publish", una, str(path), "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "7B has another version of this bank: Tess Wong published" in err
    # Tess going back to her own v1 is warned as going back.
    tess = _as(school, "Tess Wong", monkeypatch)
    path.write_bytes(v1)
    assert main(["server", "publish", tess, str(path), "--class", "7B"]) == 1
    assert "older version" in capsys.readouterr().err
    # --force publishes it, and the record says who.
    una = _as(school, "Una Park", monkeypatch)
    assert main(["server", "publish", una, str(path), "--class", "7B", "--force"]) == 0
    with school.admin() as conn:
        assert conn.execute("SELECT published_by FROM quizapp.class_banks").fetchone()[0] \
            == school.people["Una Park"].role


def test_a_withdrawn_bank_leaves_the_class_computers_and_the_answers_stay(
        school, tmp_path, capsys, monkeypatch):
    path = _bank(tmp_path / "desk", "v1")
    tess = _as(school, "Tess Wong", monkeypatch)
    assert main(["server", "publish", tess, str(path), "--class", "7B"]) == 0
    monkeypatch.delenv("PGPASSWORD")  # libpq would take it over the computer's own
    lab = tmp_path / "lab"
    with school.computer(lab, "Bo Chen") as store:
        assert banks.pull_all(store).changed == 1
        folder = lab / "class-banks" / "7B" / "trade"
        assert (folder / "trade.yaml").exists()
        from quizapp.core.loader import load_bank

        bank = load_bank(folder / "trade.yaml", use_cache=False).bank
        study(store, "Bo Chen", bank, [("q0", True, 3), ("q1", False, 1)], T0)
        assert sync.sync(store).errors == []

    # Raj teaches 7C, not 7B: he may not withdraw it.
    raj = _as(school, "Raj Patel", monkeypatch)
    assert main(["server", "unpublish", raj, "trade", "--class", "7B"]) == 1
    assert "You do not teach '7B'" in capsys.readouterr().err
    tess = _as(school, "Tess Wong", monkeypatch)
    assert main(["server", "unpublish", tess, str(path), "--class", "7B"]) == 0
    assert "withdrew" in capsys.readouterr().out
    assert main(["server", "unpublish", tess, "trade", "--class", "7B"]) == 1
    assert "not published to 7B" in capsys.readouterr().err

    monkeypatch.delenv("PGPASSWORD")
    assert main(["sync", "--data-dir", str(lab)]) == 0
    assert "withdrawn by the teacher" in capsys.readouterr().out
    assert not folder.exists()
    assert load_library([lab / "class-banks" / "7B"], use_cache=False) == []
    with school.computer(lab) as store:
        bo = store.learner_by_name("Bo Chen").id
        assert store._read("SELECT count(*) FROM answers")[0][0] == 2
        assert store.get_setting(f"server.role.{bo}")
    # The server keeps every answer too.
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 2


def test_a_bank_of_a_class_not_reached_stays(school, tmp_path):
    """A computer where a learner of 7C could not be reached keeps 7C's banks: only the
    classes seen lose what was withdrawn."""
    lab = tmp_path / "lab"
    kept = lab / "class-banks" / "7C" / "other" / "other.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(_bank(tmp_path / "x", "x").read_bytes())
    with school.computer(lab, "Bo Chen", "Cy Diaz") as store:
        with school.admin() as conn:  # Cy's password here no longer works: not reached
            admin.add_person(conn, "Cy Diaz", "learner", [], school.server.url(school.dbname),
                             reset_password=True)
        assert banks.pull_all(store).removed == 0
    assert kept.exists()


def test_the_teacher_exports_the_classs_answers_from_the_server(
        school, tmp_path, capsys, monkeypatch):
    path = _bank(tmp_path / "desk", "v1")
    from quizapp.core.loader import load_bank

    bank = load_bank(path, use_cache=False).bank
    bo = school.computer(tmp_path / "bo", "Bo Chen")
    study(bo, "Bo Chen", bank, [("q0", True, 3), ("q1", False, 1), ("q1", True, 3)], T0)
    taken_back = bo._read("SELECT uuid FROM answers WHERE correct = 0")[0][0]
    bo.retract_answer(taken_back, now=T0 + timedelta(hours=1))
    assert sync.sync(bo).errors == []
    cy = school.computer(tmp_path / "cy", "Cy Diaz")
    study(cy, "Cy Diaz", bank, [("q0", False, 1)], T0)
    assert sync.sync(cy).errors == []
    bo.close()
    cy.close()

    # On Tess's computer, `quizapp results` has only what was given there: it says where
    # the class's answers are.
    monkeypatch.delenv("PGPASSWORD", raising=False)
    school.computer(tmp_path / "desk", "Tess Wong").close()
    assert main(["results", "--data-dir", str(tmp_path / "desk")]) == 0
    said = capsys.readouterr()
    assert said.out.count("\n") == 1 and "quizapp server results '" in said.err

    tess = _as(school, "Tess Wong", monkeypatch)
    out = tmp_path / "class.csv"
    assert main(["server", "results", tess, "-o", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    from quizapp.core.store import EXPORT_FIELDS

    assert tuple(rows[0]) == EXPORT_FIELDS
    # Tess teaches 7B: Bo's three answers, the one taken back marked so; not Cy's.
    assert [(r["learner"], r["question_id"], r["correct"], bool(r["retracted"]))
            for r in rows] == [("Bo Chen", "q0", "true", False), ("Bo Chen", "q1", "false", True),
                               ("Bo Chen", "q1", "true", False)]
    assert {r["session_outcome"] for r in rows} == {"finished"}
    assert main(["server", "results", tess, "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err

    owner = school.server.admin_url(school.dbname)
    monkeypatch.delenv("PGPASSWORD")
    assert main(["server", "results", owner, "--class", "7C", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["learner"], r["question_id"], r["correct"]) for r in records] == [
        ("Cy Diaz", "q0", False)]
    assert main(["server", "results", owner, "--bank", "nothing"]) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [list(EXPORT_FIELDS)]
    tess = _as(school, "Tess Wong", monkeypatch)
    assert main(["server", "results", tess, "--class", "7C"]) == 1
    assert "you teach no class '7C'" in capsys.readouterr().err

    # status: the answers that stand, and those taken back, apart.
    monkeypatch.delenv("PGPASSWORD")
    assert main(["server", "status", owner]) == 0
    status = capsys.readouterr().out
    assert "answers=3 " in status and "taken_back=1" in status


def test_libpq_words_never_reach_the_teacher(school, tmp_path, capsys, monkeypatch, pg_server):
    bank = _bank(tmp_path / "desk", "v1")
    url = school.people["Tess Wong"].url
    monkeypatch.setenv("PGPASSWORD", "wrong")
    assert main(["server", "publish", url, str(bank), "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "FATAL" not in err and "connection failed" not in err
    assert "refused the password for " + school.people["Tess Wong"].role in err
    with pytest.raises(SignInRefused) as refused:
        connect(url, password="wrong")
    assert "type the password from the teacher again" in str(refused.value)

    # A connection the server closes mid-way: not "consuming input failed … This probably
    # means the server terminated abnormally".
    with connect(school.server.admin_url(school.dbname), autocommit=True) as victim:
        pid = victim.info.backend_pid
        with school.admin() as killer:
            killer.execute("SELECT pg_terminate_backend(%s)", (pid,))
        import psycopg

        with pytest.raises(psycopg.OperationalError) as lost:
            victim.execute("SELECT 1")
    from quizapp.server.connection import offline_error

    problem = offline_error(lost.value)
    assert isinstance(problem, ServerOffline)
    assert "\n" not in str(problem) and "This probably means" not in str(problem)
    assert "consuming input" not in str(problem)

    monkeypatch.delenv("PGPASSWORD")
    nowhere = url.replace(str(pg_server.port), "1")
    assert main(["server", "status", nowhere]) == 3
    err = capsys.readouterr().err
    assert "cannot be reached: nothing answers at that address" in err
    assert "Connection refused" not in err and "\tIs the server" not in err


def test_a_server_of_schema_6_migrates_forward_keeping_its_published_banks(
        pg_server, pg_database, tmp_path, monkeypatch):
    from quizapp.server import admin, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 6)
        school = make_school(pg_server, pg_database, classes=("7B",))
        school.add("Tess Wong", "teacher")
        school.add("Bo Chen")
        with school.as_person("Tess Wong") as conn:
            first = banks.publish(conn, _bank(tmp_path / "v1", "v1"), ["7B"])
    with school.admin() as conn:
        assert admin.init(conn) == (6, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT content_hash, published_by FROM quizapp.class_banks"
                            ).fetchall() == [(first, None)]
        assert conn.execute("SELECT content_hash FROM quizapp.class_bank_history"
                            ).fetchall() == [(first,)]
    # Whose version it was is not known: Tess's next edition is not held back.
    with school.as_person("Tess Wong") as conn:
        banks.publish(conn, _bank(tmp_path / "v2", "v2"), ["7B"])
        assert banks.unpublish(conn, "trade", ["7B"]) == ["7B"]
    lab = tmp_path / "lab"
    with school.computer(lab, "Bo Chen") as store:
        assert sync.sync(store).errors == []


def test_a_teacher_does_not_read_a_learners_rows_in_another_classs_banks(
        pg_server, pg_database, tmp_path, monkeypatch, capsys):
    """Bo is in 7B (Tess) and 7C (Raj): Raj read Bo's answers in 7B's bank too. Now each
    reads Bo's rows in their class's banks and in banks no class was given, not the other
    class's; a server of schema 7 migrates forward to it, keeping every row."""
    from quizapp.core.loader import load_bank
    from quizapp.gui.teacher_screen import load_teacher
    from quizapp.server import admin, overview, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 7)
        school = make_school(pg_server, pg_database, classes=("7B", "7C"))
    school.add("Bo Chen", classes=("7B", "7C"))
    school.add("Tess Wong", "teacher", classes=("7B",))
    school.add("Raj Patel", "teacher", classes=("7C",))
    school.add("Kim Lo", "teacher", classes=("7B", "7C"))
    seven, cee, own = (_bank(tmp_path / name, name) for name in ("seven", "cee", "own"))
    for path, bank_id in ((seven, "seven"), (cee, "cee"), (own, "own")):
        path.write_text(path.read_text().replace("id: trade", f"id: {bank_id}"))
    with school.as_person("Tess Wong") as conn:
        banks.publish(conn, seven, ["7B"])
    with school.as_person("Raj Patel") as conn:
        banks.publish(conn, cee, ["7C"])
    with school.computer(tmp_path / "bo", "Bo Chen") as bo:
        for i, path in enumerate((seven, cee, own)):
            study(bo, "Bo Chen", load_bank(path, use_cache=False).bank,
                  [("q0", True, 3), ("q1", False, 1)], T0 + timedelta(days=i))
        assert sync.sync(bo).errors == []

    def seen(name: str) -> dict[str, set[str]]:
        with school.as_person(name) as conn:
            # Schema 11's tries per bank version, once the server has them.
            versions = conn.execute("SELECT to_regclass('quizapp.learner_question_versions')"
                                    " IS NOT NULL").fetchone()[0]
            return {
                "summaries": {r.bank_id for r in overview.learner_bank_rows(conn)},
                **{table: {r[0] for r in conn.execute(f"SELECT bank_id FROM quizapp.{table}")}
                   for table in ("answers", "sessions", "session_ends", "reviews",
                                 "learner_questions",
                                 *(("learner_question_versions",) if versions else ()))},
            }

    everything = {"seven", "cee", "own"}
    # Schema 7: every teacher of Bo reads all of Bo's banks.
    assert all(banks_seen == everything for banks_seen in seen("Raj Patel").values())
    with school.admin() as conn:
        before = conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0]
        assert admin.init(conn) == (7, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == before == 6
    assert "learner_question_versions" in seen("Tess Wong")
    assert all(b == {"seven", "own"} for b in seen("Tess Wong").values())
    assert all(b == {"cee", "own"} for b in seen("Raj Patel").values())
    assert all(b == everything for b in seen("Kim Lo").values())
    # Withdrawn, a bank stays another class's: Raj still does not read Bo's answers in it.
    with school.as_person("Tess Wong") as conn:
        banks.unpublish(conn, "seven", ["7B"])
    assert all(b == {"cee", "own"} for b in seen("Raj Patel").values())
    # The overview on Raj's computer, and his export.
    with school.computer(tmp_path / "raj", "Raj Patel") as desk:
        data = load_teacher(desk, None)
        assert data.source == "server" and set(data.bank_ids) == {"cee", "own"}
    monkeypatch.setenv("PGPASSWORD", school.people["Raj Patel"].password)
    assert main(["server", "results", school.people["Raj Patel"].url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["bank_id"] for r in rows} == {"cee", "own"} and len(rows) == 4


def test_a_learner_asking_for_the_classs_answers_is_told_it_is_for_teachers(
        school, capsys, monkeypatch):
    """Bo ran `server results --class 7B` on an up-to-date server and was told to have the
    server upgraded ("this server does not let teachers read who is in a class yet"): the
    class list is a teacher's, and he is a learner."""
    url = _as(school, "Bo Chen", monkeypatch)
    assert main(["server", "results", url, "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "Only a teacher of the class (or the school's server owner)" in err
    assert "Bo Chen" in err or school.people["Bo Chen"].role in err
    assert "a learner" in err
    assert "init" not in err and "upgrade" not in err


def test_a_teacher_withdrawing_from_a_server_of_schema_6_is_told_to_have_it_upgraded(
        pg_server, pg_database, tmp_path, capsys, monkeypatch):
    """Before step 7 teachers could not delete a class's banks: Tess, who teaches 7B, was
    told the command "is for the school's server owner, or a class's teacher"."""
    from quizapp.server import schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 6)
        school = make_school(pg_server, pg_database, classes=("7B",))
        school.add("Tess Wong", "teacher")
    tess = _as(school, "Tess Wong", monkeypatch)
    assert main(["server", "publish", tess, str(_bank(tmp_path / "v1", "v1")),
                 "--class", "7B"]) == 0
    capsys.readouterr()
    assert main(["server", "unpublish", tess, "trade", "--class", "7B"]) == 1
    err = capsys.readouterr().err
    assert "quizapp server init" in err and "owner" in err
    assert "a class's teacher" not in err and "permission denied" not in err
    with school.admin() as conn:  # still published
        assert conn.execute("SELECT count(*) FROM quizapp.class_banks").fetchone()[0] == 1


def test_status_of_a_server_behind_this_quizapp_says_why_it_exits_1(
        pg_server, pg_database, capsys, monkeypatch):
    """`server status` of a server at schema 6 exited 1 saying nothing but the numbers
    (schema=6 newest=16): the owner did not know it was asked to run init."""
    from quizapp.server import schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 6)
        make_school(pg_server, pg_database, classes=("7B",))
    assert main(["server", "status", pg_server.admin_url(pg_database)]) == 1
    captured = capsys.readouterr()
    assert f"schema=6 newest={schema.SCHEMA_VERSION}" in captured.out
    assert "quizapp server init" in captured.err and "older" in captured.err


def test_status_of_a_database_never_set_up_says_to_run_init(pg_server, pg_database, capsys):
    """It said the schema (0) was 'older than this quizapp's' and to bring it forward
    'keeping every row': the IT person's first check, on an empty database."""
    assert main(["server", "status", pg_server.admin_url(pg_database)]) == 1
    err = capsys.readouterr().err
    assert "no quizapp schema yet" in err and "quizapp server init" in err
    assert "older" not in err and "Traceback" not in err
