"""What one class's teacher or learner can read of another class on the server (schema
10), found by an outside tester on a real PostgreSQL: Tess (7B) read Bo's retractions in
7C's bank, and any learner could list any class's roster through the functions the
policies call."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.server import admin, banks, schema, sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


def _bank(folder: Path, bank_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{bank_id}.yaml"
    path.write_text(
        f"title: {bank_id}\nid: {bank_id}\nquestions:\n"
        "  - id: q0\n    type: multiple_choice\n    prompt: Which year?\n"
        '    choices: ["1995", "1985"]\n    answer: "1995"\n'
        "  - id: q1\n    type: multiple_choice\n    prompt: Which country?\n"
        '    choices: ["Japan", "Korea"]\n    answer: "Japan"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def classes(pg_server, pg_database, tmp_path, monkeypatch):
    """A server of schema 9: Bo in 7B (Tess) and 7C (Raj), Cy in 7C, Kim teaching both;
    7B given `seven`, 7C `cee`; Bo answered two questions in each and in `own` (a bank
    no class was given) and took the first answer of each bank back."""
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 9)
        school = make_school(pg_server, pg_database, classes=("7B", "7C"))
    school.add("Bo Chen", classes=("7B", "7C"))
    school.add("Cy Diaz", classes=("7C",))
    school.add("Tess Wong", "teacher", classes=("7B",))
    school.add("Raj Patel", "teacher", classes=("7C",))
    school.add("Kim Lo", "teacher", classes=("7B", "7C"))
    paths = {bank_id: _bank(tmp_path / bank_id, bank_id) for bank_id in ("seven", "cee", "own")}
    with school.as_person("Tess Wong") as conn:
        banks.publish(conn, paths["seven"], ["7B"])
    with school.as_person("Raj Patel") as conn:
        banks.publish(conn, paths["cee"], ["7C"])
    with school.computer(tmp_path / "bo", "Bo Chen") as bo:
        for i, bank_id in enumerate(("seven", "cee", "own")):
            sid = study(bo, "Bo Chen", load_bank(paths[bank_id], use_cache=False).bank,
                        [("q0", False, 1), ("q1", True, 3)], T0 + timedelta(days=i))
            first = bo._read("SELECT uuid FROM answers WHERE session_id = ? ORDER BY id"
                             " LIMIT 1", (sid,))[0][0]
            bo.retract_answer(first, now=T0 + timedelta(days=i, hours=1))
        assert sync.sync(bo).errors == []
    return school


def _retracted_banks(school, name: str) -> set[str]:
    """The banks of the retractions `name` reads (through the answers the owner reads)."""
    with school.as_person(name) as conn:
        uuids = [r[0] for r in conn.execute("SELECT answer_uuid FROM quizapp.retractions")]
    with school.admin() as conn:
        return {r[0] for r in conn.execute(
            "SELECT bank_id FROM quizapp.answers WHERE uuid = ANY(%s)", (uuids,))}


def test_a_teacher_reads_no_retraction_in_another_classs_bank(
        classes, capsys, monkeypatch):
    assert _retracted_banks(classes, "Tess Wong") == {"seven", "cee", "own"}  # schema 9
    with classes.admin() as conn:
        assert admin.init(conn) == (9, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 3
    assert _retracted_banks(classes, "Tess Wong") == {"seven", "own"}
    assert _retracted_banks(classes, "Raj Patel") == {"cee", "own"}
    assert _retracted_banks(classes, "Kim Lo") == {"seven", "cee", "own"}
    with classes.as_person("Bo Chen") as conn:  # the learner still reads all of his own
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 3
    # Tess's export marks the answer taken back in her banks, and has nothing of 7C's.
    monkeypatch.setenv("PGPASSWORD", classes.people["Tess Wong"].password)
    assert main(["server", "results", classes.people["Tess Wong"].url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted((r["bank_id"], r["question_id"], bool(r["retracted"])) for r in rows) == [
        ("own", "q0", True), ("own", "q1", False), ("seven", "q0", True), ("seven", "q1", False)]


def test_nobody_asks_the_servers_functions_about_someone_else(classes):
    """The functions the policies call answer for the person signed in (and the owner)."""
    with classes.admin() as conn:
        admin.init(conn)
    role = {name: person.role for name, person in classes.people.items()}
    bo, cy, raj, tess = role["Bo Chen"], role["Cy Diaz"], role["Raj Patel"], role["Tess Wong"]
    asks = {
        "taught_learners": "SELECT array_agg(x ORDER BY x) FROM quizapp.taught_learners(%s) x",
        "taught_classes": "SELECT array_agg(x) FROM quizapp.taught_classes(%s) x",
        "my_classes": "SELECT array_agg(x ORDER BY x) FROM quizapp.my_classes(%s) x",
        "fellow_teachers": "SELECT array_agg(x) FROM quizapp.fellow_teachers(%s) x",
        "other_classes_banks": "SELECT array_agg(o.bank_id) FROM quizapp.other_classes_banks(%s) o",
        "is_enrolled": "SELECT quizapp.is_enrolled(%s)",
    }

    def ask(who: str | None, function: str, about: str):
        with classes.as_person(who) if who else classes.admin() as conn:
            return conn.execute(asks[function], (about,)).fetchone()[0]

    # Someone else's answers: none, for a learner of the class or of another, or a teacher.
    for who, function, about in [
        ("Cy Diaz", "taught_learners", tess), ("Bo Chen", "taught_learners", raj),
        ("Raj Patel", "taught_learners", tess), ("Cy Diaz", "taught_classes", tess),
        ("Cy Diaz", "my_classes", bo), ("Tess Wong", "my_classes", cy),
        ("Cy Diaz", "fellow_teachers", tess), ("Cy Diaz", "other_classes_banks", tess),
    ]:
        assert ask(who, function, about) is None, (who, function)
    assert ask("Cy Diaz", "is_enrolled", bo) is False
    # One's own, as the policies ask, and the owner's about anyone: as before.
    assert ask("Raj Patel", "taught_learners", raj) == sorted([bo, cy])
    assert ask("Bo Chen", "my_classes", bo) == [1, 2]
    assert ask("Tess Wong", "other_classes_banks", tess) == ["cee"]
    assert ask("Bo Chen", "is_enrolled", bo) is True
    assert ask(None, "taught_learners", tess) == [bo]
    assert ask(None, "my_classes", cy) == [2]
