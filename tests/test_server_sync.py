"""The class server on a real PostgreSQL: merging computers, row-level security."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

psycopg = pytest.importorskip("psycopg")  # the test extra installs it; CI has it

from bank_samples import make_bank  # noqa: E402
from helpers import log_override  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()
CARD_COLUMNS = (
    "SELECT bank_id, question_id, state, step, stability, difficulty, due, last_review,"
    " reviews, lapses FROM cards ORDER BY bank_id, question_id"
)

QUESTION_STATS = (
    "SELECT bank_id, question_id, answers, correct, credit_ppm, ms, first_correct,"
    " last_correct, last_answered, last_wrong FROM question_stats ORDER BY 1, 2"
)
DAY_STATS = "SELECT bank_id, day, answers, correct, ms FROM day_stats ORDER BY 1, 2"


def counted(store, sql):
    """The rows of a statistics table as a query reads them: caught up with the answers."""
    store._stats.fresh()
    return store._read(sql)


def _cards(store):
    return store._read(CARD_COLUMNS)


def _export(store):
    """Every answer as the results export has it, without the local session number."""
    rows = [r[:3] + r[4:] for r in store.export_records()]
    return sorted(rows)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    school.add("Bob")
    return school


def test_two_computers_used_offline_merge_like_one_computer(school, tmp_path):
    lab1 = school.computer(tmp_path / "lab1", "Ann")
    lab2 = school.computer(tmp_path / "lab2", "Ann")
    one = school.computer(tmp_path / "reference")  # not signed in: everything on one computer
    one.create_learner("Ann")
    # Ann studies on lab1 on Monday and Wednesday, on lab2 on Tuesday and Thursday, offline.
    days = [
        (lab1, [("q0", True, 3), ("q1", False, 1), ("q2", True, 4)]),
        (lab2, [("q0", False, 1), ("q1", True, 3)]),
        (lab1, [("q0", True, 3), ("q1", True, 2), ("q3", True, 3)]),
        (lab2, [("q0", True, 4), ("q2", False, 1), ("q1", True, 3)]),
    ]
    for day, (computer, answers) in enumerate(days):
        # Each answer's fuzz draw is recorded with it: the reference draws what Ann drew.
        draws = [random.Random(day).random() for _ in answers]
        computer._answers.draws, one._answers.draws = iter(draws).__next__, iter(draws).__next__
        study(computer, "Ann", BANK, answers, T0 + timedelta(days=day), score=day / 4)
        study(one, "Ann", BANK, answers, T0 + timedelta(days=day), score=day / 4)

    first = sync.sync(lab1)
    assert first.errors == []
    assert (first.pushed, first.pulled, first.offline) == (6, 0, False)
    second = sync.sync(lab2)
    assert (second.pushed, second.pulled) == (5, 6)
    third = sync.sync(lab1)
    assert (third.pushed, third.pulled) == (0, 5)

    assert _cards(lab1) == _cards(one)
    assert _cards(lab2) == _cards(one)
    # The statistics too: each question's first and last try are the learner's, whatever
    # order the answers reached each computer in.
    for sql in (QUESTION_STATS, DAY_STATS):
        assert counted(lab1, sql) == counted(lab2, sql) == counted(one, sql)
    assert _export(lab1) == _export(lab2)
    assert sorted(r[1:] for r in _export(lab1)) == sorted(r[1:] for r in _export(one))
    ann1, ann_one = lab1.learner_by_name("Ann").id, one.learner_by_name("Ann").id
    assert lab1.bank_summary(ann1, BANK) == one.bank_summary(ann_one, BANK)
    # Nothing is left to push, and a second sync moves nothing.
    assert sync.waiting(lab1) == sync.waiting(lab2) == 0
    again = sync.sync(lab2)
    assert (again.pushed, again.pulled) == (0, 0)
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 11
        assert conn.execute("SELECT count(*) FROM quizapp.sessions").fetchone()[0] == 4


def test_a_learner_signs_in_on_a_new_computer_and_finds_their_history(school, tmp_path):
    home = school.computer(tmp_path / "lab1", "Ann")
    study(home, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    sync.sync(home)
    fresh = school.computer(tmp_path / "lab9", "Ann")  # sign-in creates the local learner
    result = sync.sync(fresh)
    assert result.pulled == 2
    ann = fresh.learner_by_name("Ann").id
    assert fresh.bank_summary(ann, BANK).answers == 2
    assert _cards(fresh) == _cards(home)


def test_row_level_security(school, tmp_path):
    school.add("Tess", "teacher", classes=("7B",))
    school.add("Uma", "teacher", classes=())
    lab = school.computer(tmp_path / "lab", "Ann", "Bob")
    study(lab, "Ann", BANK, [("q0", True, 3)], T0)
    study(lab, "Bob", BANK, [("q1", False, 1)], T0)
    assert sync.sync(lab).pushed == 2
    bob_role = school.people["Bob"].role

    with school.as_person("Ann") as ann:
        learners = {r[0] for r in ann.execute("SELECT learner FROM quizapp.answers")}
        assert learners == {school.people["Ann"].role}
        for sql in (
            "UPDATE quizapp.answers SET correct = true",
            "DELETE FROM quizapp.answers",
            "DELETE FROM quizapp.sessions",
            "UPDATE quizapp.learner_banks SET best_score = 1",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ann.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ann.execute(
                "INSERT INTO quizapp.sessions(uuid, learner, bank_id, content_hash, mode,"
                " started) VALUES (gen_random_uuid(), %s, 'trade', '', 'quiz', '2026')",
                (bob_role,),
            )
        assert ann.execute("SELECT count(*) FROM quizapp.learner_banks").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ann.execute("SELECT * FROM quizapp.enrolments")

    with school.as_person("Tess") as tess:  # teaches 7B: sees both
        assert tess.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 2
        assert tess.execute("SELECT count(*) FROM quizapp.learner_banks").fetchone()[0] == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            tess.execute("DELETE FROM quizapp.answers")
    with school.as_person("Uma") as uma:  # teaches no class of theirs: sees nothing
        assert uma.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 0
        assert uma.execute("SELECT count(*) FROM quizapp.learner_banks").fetchone()[0] == 0
        assert uma.execute("SELECT count(*) FROM quizapp.people").fetchone()[0] == 1


def test_a_wrong_password_is_a_clear_message(school, tmp_path):
    from quizapp.core.store import Store
    from quizapp.server.connection import ServerError

    store = Store.open(tmp_path / "lab")
    ann = school.people["Ann"]
    with pytest.raises(ServerError) as refused:
        sync.sign_in(store, ann.url, "Ann", "not-the-password")
    # As the sync says it: the password refused, and what to do; not libpq's own words.
    assert str(refused.value) == (
        f"The password for {ann.role} was refused: check the address and type the password"
        " from the teacher again (if the teacher gave a new one, only that one works).")
    with pytest.raises(ServerError, match="not a server address"):
        sync.sign_in(store, "postgresql://ann@[bad", "Ann", "x")
    with pytest.raises(ServerError, match="must name the person"):
        sync.sign_in(store, school.server.url(school.dbname), "Ann", "x")
    assert sync.signed_in(store) == []


def test_a_teacher_signed_in_sees_the_whole_class_in_the_overview(school, tmp_path):
    from quizapp.gui.teacher_screen import load_teacher

    school.add("Tess", "teacher", classes=("7B",))
    lab1 = school.computer(tmp_path / "lab1", "Ann")
    lab2 = school.computer(tmp_path / "lab2", "Bob")
    study(lab1, "Ann", BANK, [("q0", True, 3)], T0, score=1.0)
    study(lab2, "Bob", BANK, [("q1", False, 1), ("q2", True, 3)], T0, score=0.5)
    sync.sync(lab1)
    sync.sync(lab2)
    desk = school.computer(tmp_path / "teacher", "Tess")
    data = load_teacher(desk, None)
    got = [(r.learner, r.bank_id, r.attempts, r.best_score, r.answers) for r in data.rows]
    assert got == [("Ann", "trade", 1, 1.0, 1), ("Bob", "trade", 1, 0.5, 2)]
    # A computer where only learners signed in shows its own store, as before.
    assert [r.learner for r in load_teacher(lab1, None).rows] == ["Ann"]


def test_a_deleted_learner_takes_their_sign_in_along(school, tmp_path):
    lab = school.computer(tmp_path / "lab", "Ann")
    ann = lab.learner_by_name("Ann").id
    assert sync.signed_in(lab) == [(ann, school.people["Ann"].role)]
    lab.delete_learner(ann)
    newcomer = lab.create_learner("Zed")
    assert newcomer.id == ann  # SQLite gave the id again
    assert sync.signed_in(lab) == []
    assert lab._read("SELECT key FROM settings WHERE key LIKE 'server.%'"
                     " OR key LIKE 'sync.%'") == []


def _rounded(items):
    """Item statistics to 12 digits: the store sums in SQL, the reference in Python."""
    return [
        tuple(round(v, 12) if isinstance(v, float) else v for v in (
            i.question_id, i.learners, i.answers, i.facility, i.facility_overall,
            i.discrimination))
        for i in items
    ]


def _three_learners_on_two_computers(school, tmp_path):
    """Ann, Bob and Cy on two lab computers, and the same answers on one reference store."""
    school.add("Cy")
    lab1 = school.computer(tmp_path / "lab1", "Ann", "Bob")
    lab2 = school.computer(tmp_path / "lab2", "Ann", "Cy")
    one = school.computer(tmp_path / "reference")
    for name in ("Ann", "Bob", "Cy"):
        one.create_learner(name)
    work = [
        (lab1, "Ann", [("q0", True, 3), ("q1", True, 3), ("q2", False, 1)], 0),
        (lab2, "Ann", [("q0", False, 1), ("q3", True, 3)], 1),
        (lab1, "Bob", [("q0", False, 1), ("q1", False, 1), ("q2", True, 3), ("q3", False, 1)], 0),
        (lab2, "Cy", [("q0", True, 3), ("q1", True, 3), ("q2", True, 4), ("q3", True, 3)], 2),
    ]
    for computer, name, answers, day in work:
        study(computer, name, BANK, answers, T0 + timedelta(days=day))
        study(one, name, BANK, answers, T0 + timedelta(days=day))
    # lab2 syncs before lab1: Ann's later answers reach the server first.
    for computer in (lab2, lab1, lab2):
        assert sync.sync(computer).errors == []
    return lab1, lab2, one


def test_item_analysis_from_the_server_equals_one_store_with_everything(school, tmp_path):
    from quizapp.gui.teacher_screen import load_teacher

    school.add("Tess", "teacher", classes=("7B",))
    _lab1, _lab2, one = _three_learners_on_two_computers(school, tmp_path)
    desk = school.computer(tmp_path / "teacher", "Tess")
    data = load_teacher(desk, "trade", {"trade": BANK})
    assert _rounded(data.items) == _rounded(one.item_analysis(BANK))
    assert any(item.discrimination is not None for item in data.items)
    assert [(r.learner, r.answers) for r in data.rows] == [
        (r.learner, r.answers) for r in one.learner_bank_table()
    ]


def test_server_schema_migrates_forward_with_its_data(pg_server, pg_database, tmp_path):
    from quizapp.server import schema
    from quizapp.server.admin import init
    from tests.server_helpers import School

    school = School(pg_server, pg_database)
    with school.admin() as conn:  # a version-1 server, as the first release made it
        with conn.transaction():
            for sql in schema.STEPS[1](pg_database):
                conn.execute(sql)
            conn.execute("INSERT INTO quizapp.meta VALUES ('version', '1')")
        conn.execute("INSERT INTO quizapp.classes(name) VALUES ('7B')")
    school.add("Ann")
    school.add("Bob")
    school.add("Tess", "teacher")
    lab1, _lab2, one = _three_learners_on_two_computers(school, tmp_path)
    # A retraction made while the server has no table for it waits on the computer.
    bob = lab1.learner_by_name("Bob").id
    taken_back = lab1._read(
        "SELECT a.uuid FROM answers a JOIN sessions s ON s.id = a.session_id"
        " WHERE s.learner_id = ? ORDER BY a.id DESC LIMIT 1", (bob,))[0][0]
    lab1.retract_answer(taken_back)
    assert sync.sync(lab1).errors == []
    with school.admin() as conn:
        assert schema.version(conn) == 1
        assert init(conn) == (1, schema.SCHEMA_VERSION)
        assert init(conn) == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)
    from quizapp.server import overview

    with school.as_person("Tess") as conn:
        items = overview.item_stats(conn, "trade", [q.id for q in BANK.questions])
    assert _rounded(items) == _rounded(one.item_analysis(BANK))
    assert sync.sync(lab1).errors == []
    with school.as_person("Tess") as conn:
        assert conn.execute("SELECT answer_uuid::text FROM quizapp.retractions").fetchall() == [
            (taken_back,)
        ]
        bob_answers = conn.execute(
            "SELECT s.answers FROM quizapp.learner_banks s JOIN quizapp.people p"
            " ON p.role = s.learner WHERE p.display_name = 'Bob'").fetchone()[0]
    assert bob_answers == 3


def test_batches_and_an_override_between_them_reach_the_server_once(school, tmp_path):
    lab = school.computer(tmp_path / "lab", "Ann")
    ann = lab.learner_by_name("Ann").id
    study(lab, "Ann", BANK, [(f"q{i % 6}", True, 3) for i in range(10)], T0)
    first = lab._read("SELECT uuid FROM answers ORDER BY id LIMIT 1")[0][0]
    log_override(lab, first, 1)  # an override logged before the answers below
    study(lab, "Ann", BANK, [(f"q{i % 6}", False, 1) for i in range(10)], T0.replace(day=5))
    with school.as_person("Ann") as conn:
        pushed = sync.push(lab, ann, conn, limit=7)
    assert (pushed.sent, pushed.taken) == (20, 20)
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 20
        reviews = conn.execute(
            "SELECT n, rating, overrides FROM quizapp.reviews WHERE answer_uuid = %s"
            " ORDER BY n", (first,)).fetchall()
        assert reviews == [(0, 3, None), (1, 1, 0)]
        assert conn.execute("SELECT count(*) FROM quizapp.reviews").fetchone()[0] == 21
    # And a computer pulling it all replays the override: the same card.
    other = school.computer(tmp_path / "lab2", "Ann")
    assert sync.sync(other).pulled == 20
    assert _cards(other) == _cards(lab)


def test_an_answer_taken_back_on_another_computer_leaves_every_count(school, tmp_path):
    from quizapp.gui.teacher_screen import load_teacher

    school.add("Tess", "teacher", classes=("7B",))
    lab_a = school.computer(tmp_path / "a", "Ann")
    study(lab_a, "Ann", BANK, [("q0", True, 3), ("q1", True, 3), ("q1", False, 1)], T0,
          score=0.5)
    assert sync.sync(lab_a).errors == []
    lab_b = school.computer(tmp_path / "b", "Ann")
    assert sync.sync(lab_b).pulled == 3
    # On B, Ann takes back her last answer (the wrong q1), made on A.
    wrong = lab_b._read("SELECT uuid FROM answers WHERE correct = 0")[0][0]
    lab_b.retract_answer(wrong, now=T0 + timedelta(hours=1))
    assert sync.sync(lab_b).errors == []
    assert sync.sync(lab_a).errors == []

    desk = school.computer(tmp_path / "teacher", "Tess")
    data = load_teacher(desk, "trade", {"trade": BANK})
    assert [(r.learner, r.answers) for r in data.rows] == [("Ann", 2)]
    q1 = next(i for i in data.items if i.question_id == "q1")
    assert (q1.answers, q1.facility_overall) == (1, 1.0)
    # A applied the retraction: its statistics and card are B's, the answer not counted.
    ann_a = lab_a.learner_by_name("Ann").id
    assert [r.answers for r in lab_a.learner_bank_table()] == [2]
    assert counted(lab_a, QUESTION_STATS) == counted(lab_b, QUESTION_STATS)
    assert counted(lab_a, DAY_STATS) == counted(lab_b, DAY_STATS)
    assert _cards(lab_a) == _cards(lab_b)
    taken_back = "SELECT answer_uuid, retracted FROM retractions"
    assert lab_a._read(taken_back) == lab_b._read(taken_back)
    assert [r[0] for r in lab_a._read(taken_back)] == [wrong]
    # A rebuild from the logs gives the same numbers.
    lab_a.rebuild_derived()
    assert counted(lab_a, QUESTION_STATS) == counted(lab_b, QUESTION_STATS)

    # Syncing again, or pushing the retraction twice, changes nothing.
    with school.admin() as conn:
        before = conn.execute(
            "SELECT (SELECT count(*) FROM quizapp.retractions),"
            " (SELECT array_agg(s ORDER BY s.bank_id)::text FROM quizapp.learner_banks s),"
            " (SELECT array_agg(q ORDER BY q.question_id)::text"
            "  FROM quizapp.learner_questions q)").fetchone()
    assert before[0] == 1
    for lab in (lab_a, lab_b):
        assert sync.sync(lab).errors == []
        lab.forget_pushed(lab.learner_by_name("Ann").id)  # everything sent once more
        assert sync.sync(lab).errors == []
    assert sync.sync(lab_a).pulled == 0
    with school.admin() as conn:
        after = conn.execute(
            "SELECT (SELECT count(*) FROM quizapp.retractions),"
            " (SELECT array_agg(s ORDER BY s.bank_id)::text FROM quizapp.learner_banks s),"
            " (SELECT array_agg(q ORDER BY q.question_id)::text"
            "  FROM quizapp.learner_questions q)").fetchone()
    assert after == before
    assert counted(lab_a, QUESTION_STATS) == counted(lab_b, QUESTION_STATS)
    assert ann_a == lab_a.learner_by_name("Ann").id


def test_row_level_security_of_retractions(school, tmp_path):
    school.add("Tess", "teacher", classes=("7B",))
    with school.admin() as conn:
        from quizapp.server.admin import add_class

        add_class(conn, "8A")
    school.add("Olga", "teacher", classes=("8A",))
    lab = school.computer(tmp_path / "lab", "Ann")
    study(lab, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    first, second = (r[0] for r in lab._read("SELECT uuid FROM answers ORDER BY id"))
    lab.retract_answer(second)
    assert sync.sync(lab).errors == []
    with school.as_person("Bob") as conn:
        # Bob cannot take back Ann's answer, nor read her retractions.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO quizapp.retractions(answer_uuid, retracted) VALUES (%s, 'x')",
                (first,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO quizapp.retractions(answer_uuid, learner, retracted)"
                " VALUES (%s, 'ann', 'x')", (first,),
            )
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 0
    with school.as_person("Ann") as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 1
        for sql in ("UPDATE quizapp.retractions SET retracted = 'x'",
                    "DELETE FROM quizapp.retractions"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        # Not an answer the server has: refused too.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO quizapp.retractions(answer_uuid, retracted)"
                " VALUES (gen_random_uuid(), 'x')"
            )
    with school.as_person("Tess") as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 1
    with school.as_person("Olga") as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.retractions").fetchone()[0] == 0


def test_pulling_answers_in_keeps_another_learners_answers_not_yet_counted(school, tmp_path):
    # The pull recounts the learner it brings answers for and moves the statistics' mark
    # past everything: the other learners' answers recorded since the last read must have
    # been counted first.
    lab_a = school.computer(tmp_path / "a", "Ann")
    study(lab_a, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0)
    assert sync.sync(lab_a).errors == []
    lab_b = school.computer(tmp_path / "b", "Ann")
    guest = lab_b.create_learner("Guest").id
    study(lab_b, "Guest", BANK, [("q0", True, 3), ("q2", True, 3), ("q2", False, 1)], T0)
    assert sync.sync(lab_b).pulled == 2
    ann = lab_b.learner_by_name("Ann").id
    assert lab_b.bank_summary(ann, BANK).answers == 2
    guest_numbers = (lab_b.bank_summary(guest, BANK), lab_b.question_stats(guest, BANK))
    assert guest_numbers[0].answers == 3
    lab_b.rebuild_derived(cards=False)
    assert (lab_b.bank_summary(guest, BANK), lab_b.question_stats(guest, BANK)) == guest_numbers


def test_a_review_of_mistakes_scored_by_an_older_computer_is_no_attempt_here(school, tmp_path):
    # Schema 11: a review of mistakes is not an attempt. A computer with an older quizapp
    # still ends one with a score (as finish_session with a score writes it); pulled here it
    # must not set Best and Last, and its score is kept aside as the migration keeps it.
    older = school.computer(tmp_path / "lab1", "Ann")
    study(older, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0, score=0.5)
    review = study(older, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1),
                   mode="review", score=1.0)
    review_uuid = older._read("SELECT uuid FROM sessions WHERE id = ?", (review,))[0][0]
    sync.sync(older)
    here = school.computer(tmp_path / "lab2", "Ann")
    sync.sync(here)
    ann = here.learner_by_name("Ann").id
    summary = here.bank_summary(ann, BANK)
    assert (summary.attempts, summary.best_score, summary.last_score) == (1, 0.5, 0.5)
    assert here._read("SELECT mode, score, score_v10 FROM sessions WHERE uuid = ?",
                      (review_uuid,)) == [("review", None, 1.0)]
    # The server's counts, which the teacher's overview shows, agree (server schema 9).
    with school.admin() as conn:
        assert conn.execute(
            "SELECT attempts, best_score, last_score FROM quizapp.learner_banks"
        ).fetchall() == [(1, 0.5, 0.5)]


def test_server_schema_9_recounts_reviews_of_mistakes_pushed_with_a_score(
    pg_server, pg_database, tmp_path
):
    from quizapp.server import schema
    from quizapp.server.admin import init
    from tests.server_helpers import School

    school = School(pg_server, pg_database)
    with school.admin() as conn:  # a server of schema 8, which counted every scored end
        for step in range(1, 9):
            with conn.transaction():
                for sql in schema.STEPS[step](pg_database):
                    conn.execute(sql)
        conn.execute("INSERT INTO quizapp.meta VALUES ('version', '5'), ('steps', '8')")
        conn.execute("INSERT INTO quizapp.classes(name) VALUES ('7B')")
    school.add("Ann")
    older = school.computer(tmp_path / "lab1", "Ann")
    study(older, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0, score=0.5)
    study(older, "Ann", BANK, [("q1", True, 3)], T0 + timedelta(hours=1), mode="review",
          score=1.0)
    assert sync.sync(older).errors == []
    with school.admin() as conn:
        counted_before = "SELECT attempts, best_score, last_score FROM quizapp.learner_banks"
        assert conn.execute(counted_before).fetchall() == [(2, 1.0, 1.0)]
        assert init(conn) == (8, schema.SCHEMA_VERSION)
        assert conn.execute(counted_before).fetchall() == [(1, 0.5, 0.5)]
        # The end keeps its score: it is the learner's record as pushed.
        assert conn.execute(
            "SELECT count(*) FROM quizapp.session_ends WHERE score = 1.0").fetchone()[0] == 1
