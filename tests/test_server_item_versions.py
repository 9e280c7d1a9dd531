"""The class item analysis of a question changed after learners answered it counts the
answers to it as it is now, the others apart, as the local one does (the server blended
the versions: a right answer corrected after the class answered kept its old facility)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

psycopg = pytest.importorskip("psycopg")  # the test extra installs it; CI has it

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.server import banks, sync  # noqa: E402
from tests.server_helpers import T0, make_school  # noqa: E402


def _edition(folder: Path, q1_answer: str) -> Path:
    """The bank 'trade' of four questions; q1's right answer is the edition's."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trade.yaml"
    questions = "".join(
        f"  - id: q{i}\n    type: multiple_choice\n    prompt: Question {i}?\n"
        f'    choices: ["yes", "no"]\n    answer: "{q1_answer if i == 1 else "yes"}"\n'
        for i in range(4))
    path.write_text(f"title: Trade talks\nid: trade\nquestions:\n{questions}", encoding="utf-8")
    return path


# (learner, edition, [(question, correct)]): the class answers the first edition, whose
# q1 was keyed wrong ("yes"); most get q1 "wrong" there. The teacher corrects it to "no"
# and some answer again.
WORK = [
    ("Ann", 1, [("q0", True), ("q1", False), ("q2", True), ("q3", True)]),
    ("Bob", 1, [("q0", False), ("q1", True), ("q2", False), ("q3", False)]),
    ("Cy", 1, [("q0", True), ("q1", False), ("q2", True), ("q3", False)]),
    ("Dee", 1, [("q0", True), ("q1", False), ("q2", False), ("q3", True)]),
    ("Ann", 2, [("q1", True), ("q2", True)]),
    ("Bob", 2, [("q1", False), ("q0", True)]),
    ("Cy", 2, [("q1", True), ("q1", True)]),
]


def study(store, learner: str, bank, tries, start) -> None:
    """A finished quiz: tries [(question id, correct)] one minute apart, each recorded
    with its question as asked (so the computer keeps the question's version)."""
    lid = store.learner_by_name(learner).id
    sid = store.start_session(lid, bank, "quiz", now=start)
    questions = {q.id: q for q in bank.questions}
    for i, (qid, correct) in enumerate(tries):
        store.record_answer(
            sid, questions[qid], response="x", correct=correct, credit=float(correct),
            seconds=5.0, rating=3 if correct else 1, now=start + timedelta(minutes=i + 1))
    store.finish_session(sid, 0.5, now=start + timedelta(minutes=len(tries) + 1))


def _rounded(items):
    return [
        tuple(round(v, 12) if isinstance(v, float) else v for v in (
            i.question_id, i.learners, i.answers, i.facility, i.facility_overall,
            i.discrimination, i.earlier_answers))
        for i in items
    ]


def _school_and_editions(pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database, classes=("7B", "8C"))
    for name in ("Ann", "Bob", "Cy", "Dee"):
        school.add(name)
    school.add("Tess", "teacher")
    school.add("Raj", "teacher")
    school.add("Una", "teacher", classes=("8C",))
    first, second = _edition(tmp_path / "v1", "yes"), _edition(tmp_path / "v2", "no")
    return school, first, second


def _study(school, tmp_path, first: Path, second: Path, publish_second, first_by="Tess",
           publish=True):
    """Everyone's work on two lab computers and on one reference store; the first edition
    published by `first_by` (unless not `publish`), the second (publish_second()) after
    its answers were synced."""
    editions = {1: load_bank(first, use_cache=False).bank,
                2: load_bank(second, use_cache=False).bank}
    lab1 = school.computer(tmp_path / "lab1", "Ann", "Bob")
    lab2 = school.computer(tmp_path / "lab2", "Cy", "Dee")
    one = school.computer(tmp_path / "reference")
    for name in ("Ann", "Bob", "Cy", "Dee"):
        one.create_learner(name)
    if publish:
        with school.as_person(first_by) as conn:
            banks.publish(conn, first, ["7B"])
    for day, (name, edition, answers) in enumerate(WORK):
        if day == 4:
            for lab in (lab1, lab2):
                assert sync.sync(lab).errors == []
            publish_second()
        lab = lab1 if name in ("Ann", "Bob") else lab2
        for computer in (lab, one):
            study(computer, name, editions[edition], answers, T0 + timedelta(days=day))
    for lab in (lab1, lab2):
        assert sync.sync(lab).errors == []
    return lab1, one, editions[2]


def _class_items(school, tmp_path, bank):
    from quizapp.gui.teacher_screen import load_teacher

    with school.computer(tmp_path / "desk", "Tess") as desk:
        data = load_teacher(desk, "trade", {"trade": bank})
    assert data.source == "server"
    return data


def test_the_class_item_analysis_counts_the_current_version(pg_server, pg_database, tmp_path):
    school, first, second = _school_and_editions(pg_server, pg_database, tmp_path)

    def publish_second():
        # Tess corrects her colleague Raj's bank: the first text is no longer the class's
        # nor hers, yet the class's history tells her computer its versions.
        with school.as_person("Tess") as conn:
            banks.publish(conn, second, ["7B"], force=True)

    lab1, one, bank = _study(school, tmp_path, first, second, publish_second, first_by="Raj")
    data = _class_items(school, tmp_path, bank)
    reference = one.item_analysis(bank)
    assert _rounded(data.items) == _rounded(reference)
    q1 = next(i for i in data.items if i.question_id == "q1")
    # The corrected q1: Ann, Bob and Cy answered it again, 4 answers; Dee's and the
    # first round's 4 answers to the first edition are counted apart.
    assert (q1.learners, q1.answers, q1.earlier_answers) == (3, 4, 4)
    assert q1.facility == pytest.approx(2 / 3)
    note = next(row[-1].text for row in data.item_rows.rows if row[0].export == "q1")
    assert "4 answers to an earlier version not counted" in note
    # The other questions did not change: every answer counts, nothing apart.
    assert all(i.earlier_answers == 0 for i in data.items if i.question_id != "q1")
    # The class's earlier text is read by its teachers only, not by 8C's.
    with school.as_person("Una") as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.banks").fetchone()[0] == 0

    # Bob takes back his wrong answer to the corrected q1: the server counts it out of
    # the current version, as the computer does.
    for store in (lab1, one):
        bob = store.learner_by_name("Bob").id
        wrong = store._read(
            "SELECT a.uuid FROM answers a JOIN sessions s ON s.id = a.session_id"
            " WHERE s.learner_id = ? AND a.question_id = 'q1' ORDER BY a.id DESC LIMIT 1",
            (bob,))[0][0]
        store.retract_answer(wrong, now=T0 + timedelta(days=30))
    assert sync.sync(lab1).errors == []
    data = _class_items(school, tmp_path / "again", bank)
    assert _rounded(data.items) == _rounded(one.item_analysis(bank))
    q1 = next(i for i in data.items if i.question_id == "q1")
    assert (q1.learners, q1.answers, q1.earlier_answers) == (2, 3, 4)


def test_a_server_of_schema_10_counts_its_answers_per_version_once_upgraded(
        pg_server, pg_database, tmp_path, monkeypatch):
    from quizapp.server import admin, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 10)
        school, first, second = _school_and_editions(pg_server, pg_database, tmp_path)

        def publish_second():
            with school.as_person("Tess") as conn:
                banks.publish(conn, second, ["7B"])

        _lab1, one, bank = _study(school, tmp_path, first, second, publish_second)
        blended = _class_items(school, tmp_path, bank)
        assert all(i.earlier_answers == 0 for i in blended.items)  # nothing tells them apart
    with school.admin() as conn:
        assert admin.init(conn) == (10, schema.SCHEMA_VERSION)
    data = _class_items(school, tmp_path / "upgraded", bank)
    assert _rounded(data.items) == _rounded(one.item_analysis(bank))
    assert next(i for i in data.items if i.question_id == "q1").earlier_answers == 4


def _versions(store) -> dict[str, str | None]:
    return dict(store._read("SELECT uuid, version FROM answers"))


def test_a_learners_answers_pulled_on_another_computer_keep_their_question_version(
        pg_server, pg_database, tmp_path):
    # Ann and Bob studied both editions on lab 1; their history comes to a computer at
    # home, where each answer must count as the version it was given to (it came without
    # any: all of them counted as q1 as it is now there, the first edition's too).
    school, first, second = _school_and_editions(pg_server, pg_database, tmp_path)

    def publish_second():
        with school.as_person("Tess") as conn:
            banks.publish(conn, second, ["7B"])

    lab1, _one, bank = _study(school, tmp_path, first, second, publish_second)
    home = school.computer(tmp_path / "home", "Ann", "Bob")
    assert sync.sync(home).pulled == 12
    here = _versions(lab1)
    assert sum(v is not None for v in here.values()) == 12
    assert _versions(home) == here
    assert _rounded(home.item_analysis(bank)) == _rounded(lab1.item_analysis(bank))
    q1 = next(i for i in home.item_analysis(bank) if i.question_id == "q1")
    assert q1.earlier_answers == 2  # Ann's and Bob's first-edition tries


def test_answers_in_a_bank_the_server_never_had_do_not_count_as_its_current_version(
        pg_server, pg_database, tmp_path, monkeypatch):
    # The class studies a bank of its own, never published (copied from the teacher's
    # first edition, then the corrected one): the server has neither text, yet each
    # answer says which version of its question it was given to.
    from quizapp.server import item_versions

    # This computer has read no text yet (the earlier tests' servers had these ones).
    monkeypatch.setattr(item_versions, "_TEXT_VERSIONS", {})
    school, first, second = _school_and_editions(pg_server, pg_database, tmp_path)
    _lab1, one, bank = _study(school, tmp_path, first, second, lambda: None, publish=False)
    data = _class_items(school, tmp_path, bank)
    assert _rounded(data.items) == _rounded(one.item_analysis(bank))
    assert next(i for i in data.items if i.question_id == "q1").earlier_answers == 4


def test_computers_and_servers_of_the_previous_schema_keep_syncing(
        pg_server, pg_database, tmp_path, monkeypatch):
    # A computer of the previous quizapp sends no version (its answers count by their
    # bank text, as before), and is not told to update; an updated computer keeps
    # working with a server not updated yet, and sends the versions once it is.
    from quizapp.server import admin, logs, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 12)
        school, first, second = _school_and_editions(pg_server, pg_database, tmp_path)
        lab1, _one, bank = _study(school, tmp_path, first, second, lambda: None)
    with school.admin() as conn:
        assert admin.init(conn) == (12, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT count(*), count(version) FROM quizapp.answers"
                            ).fetchone() == (22, 0)
    old = school.computer(tmp_path / "old", "Dee")
    with monkeypatch.context() as older:
        older.setattr(logs, "_answer_versions", lambda conn: False)
        study(old, "Dee", bank, [("q1", True)], T0 + timedelta(days=20))
        result = sync.sync(old)
        assert (result.errors, result.too_new, result.pushed, result.pulled) == ([], False, 1, 4)
    new = school.computer(tmp_path / "new", "Ann")
    study(new, "Ann", bank, [("q1", True)], T0 + timedelta(days=21))
    assert sync.sync(new).pushed == 1
    with school.admin() as conn:
        assert conn.execute("SELECT count(*), count(version) FROM quizapp.answers"
                            ).fetchone() == (24, 1)
    for store in (lab1, old, new):
        store.close()
