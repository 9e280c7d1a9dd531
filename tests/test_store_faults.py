"""Bad databases are moved aside untouched; old schemas migrate forward with their data."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import FOUR_TAGGED as BANK
from helpers import log_override
from store_samples import filled_database

from quizapp.core.migrations import (
    SCHEMA_V1,
    SCHEMA_V2_STEP,
    _migrate_1_to_2,
    _migrate_2_to_3,
    _migrate_3_to_4,
    _migrate_4_to_5,
    _migrate_5_to_6,
    _migrate_6_to_7,
    _migrate_7_to_8,
    _migrate_8_to_9,
    _migrate_9_to_10,
    _migrate_10_to_11,
    _migrate_11_to_12,
    _migrate_12_to_13,
    _migrate_13_to_14,
    _migrate_14_to_15,
    create_schema_v1,
)
from quizapp.core.store import APPLICATION_ID, DB_NAME, SCHEMA_VERSION, Store, StoreError
from quizapp.core.store.derived import _rebuild_attempt_stats, _rebuild_score_days


def bad_files(folder):
    return sorted(p for p in folder.iterdir() if ".bad" in p.name)


def assert_recovered(folder, original: bytes, words: str):
    store = Store.open(folder)
    try:
        assert store.recovery_message is not None
        assert words in store.recovery_message
        assert "moved aside" in store.recovery_message
        (moved,) = [p for p in bad_files(folder) if p.name.endswith(".bad")]
        assert moved.name.startswith(DB_NAME + ".")
        assert moved.read_bytes() == original  # untouched
        # ...and the fresh store works.
        learner = store.create_learner("Ann")
        sid = store.start_session(learner.id, BANK, "quiz")
        store.record_answer(sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=1)
        assert store.bank_summary(learner.id, BANK).answers == 1
    finally:
        store.close()
    again = Store.open(folder)
    assert again.recovery_message is None
    again.close()


def test_text_file_is_moved_aside(tmp_path):
    data = b"this is my shopping list\nmilk\n" * 50
    (tmp_path / DB_NAME).write_bytes(data)
    assert_recovered(tmp_path, data, "not a SQLite file")


def test_foreign_sqlite_database_is_moved_aside(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    data = (tmp_path / DB_NAME).read_bytes()
    assert_recovered(tmp_path, data, "another program")


def test_newer_version_is_refused_and_kept_as_it_is(tmp_path):
    # Set aside, a newer quizapp's file hid every answer in it behind an empty store
    # ("Your data was repaired"): it is refused instead, and left where it is.
    conn = sqlite3.connect(tmp_path / DB_NAME)
    create_schema_v1(conn)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    data = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(StoreError) as refused:
        Store.open(tmp_path)
    assert str(refused.value).startswith(
        "This results file was written by a newer version of quizapp "
        f"(schema {SCHEMA_VERSION + 1}); install that version to open it."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / DB_NAME).read_bytes() == data


def test_corrupt_header_is_moved_aside(tmp_path):
    data = bytearray(filled_database(tmp_path))
    data[16:24] = b"\xff" * 8  # page size and format bytes
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    assert_recovered(tmp_path, bytes(data), "damaged")


def test_corrupt_pages_are_moved_aside(tmp_path):
    data = bytearray(filled_database(tmp_path))
    page = 4096
    assert len(data) > 8 * page
    for n in range(2, len(data) // page, 2):  # garble every other page after the schema
        data[n * page : n * page + 200] = bytes(range(200))
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    assert_recovered(tmp_path, bytes(data), "damaged")


def test_truncated_database_is_moved_aside(tmp_path):
    data = filled_database(tmp_path)[:5000]
    (tmp_path / DB_NAME).write_bytes(data)
    assert_recovered(tmp_path, data, "damaged")


def test_empty_file_is_reported_not_taken_for_a_new_database(tmp_path):
    # A zero-byte results file means the answers in it are gone (a failed copy, a full
    # disk): the learner is told, instead of the app starting over as on a first day.
    (tmp_path / DB_NAME).write_bytes(b"")
    store = Store.open(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert "was empty (0 bytes)" in store.recovery_message
    store.close()
    assert [p.stat().st_size for p in bad_files(tmp_path)] == [0]


def test_a_wal_with_pages_goes_aside_with_the_file_and_the_shm_does_not_linger(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    (tmp_path / (DB_NAME + "-wal")).write_bytes(b"leftover")
    (tmp_path / (DB_NAME + "-shm")).write_bytes(b"\0" * 32768)
    store = Store.open(tmp_path)
    assert store.recovery_message
    store.close()
    moved, wal = bad_files(tmp_path)  # the -wal may hold answers: kept beside the file
    assert wal.name == moved.name + "-wal" and wal.read_bytes() == b"leftover"


def test_a_file_damaged_mid_way_is_set_aside_alone(tmp_path):
    """The tester's case: bytes flipped in the middle of a closed store. Reading it to judge
    it made a -shm and an empty -wal, which stayed beside the .bad (nothing of the
    learner's in them)."""
    data = bytearray(filled_database(tmp_path))
    middle = len(data) // 2
    data[middle : middle + 3000] = b"\xff" * 3000
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    assert not list(tmp_path.glob(DB_NAME + "-*"))  # closed: no journal beside it
    assert_recovered(tmp_path, bytes(data), "damaged")
    (moved,) = bad_files(tmp_path)
    assert moved.name.endswith(".bad")


def test_unwritable_data_folder_gives_a_readable_error(tmp_path):
    from quizapp.core.store import StoreError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="on the way to it, is a file, not a folder"):
        Store.open(blocker / "sub")


# ---------------------------------------------------------------- migrations


def make_v1_database(path):
    """A version-1 database as quizapp 1 wrote it (frozen SQL in migrations.SCHEMA_V1)."""
    conn = sqlite3.connect(path, isolation_level=None)
    create_schema_v1(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    t0 = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', ?)", (t0.isoformat(),))
    conn.execute("INSERT INTO learners VALUES (2, 'Bob', ?)", (t0.isoformat(),))
    conn.execute("INSERT INTO settings VALUES ('last_learner', '2')")
    answers = []
    for s in range(1, 5):
        learner = 1 + s % 2
        started = t0 + timedelta(days=s)
        conn.execute(
            "INSERT INTO sessions VALUES (?, ?, 'trade', 'hash', 'quiz', ?, ?, ?)",
            (
                s,
                learner,
                started.isoformat(timespec="microseconds"),
                (started + timedelta(minutes=5)).isoformat(timespec="microseconds"),
                s / 5,
            ),
        )
        for i in range(4):
            answered = (started + timedelta(minutes=i)).isoformat(timespec="microseconds")
            answers.append(
                (
                    f"00000000-0000-4000-8000-{s:06d}{i:06d}",
                    s,
                    f"q{i}",
                    '"a"',
                    (s + i) % 2,
                    float((s + i) % 2),
                    1.25 * (i + 1),
                    answered,
                )
            )
    conn.executemany(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit, seconds,"
        " answered) VALUES (?,?,?,?,?,?,?,?)",
        answers,
    )
    conn.close()
    return answers


def test_every_earlier_version_has_a_migration_test():
    # A new schema version must come with a frozen builder of the one before it.
    assert set(EARLIER_VERSIONS) == set(range(1, SCHEMA_VERSION))


def test_schema_v1_is_frozen():
    # Editing the shipped schema breaks every user's migration path; add a step instead.
    assert len(SCHEMA_V1) == 11
    assert "CREATE TABLE answers" in SCHEMA_V1[4]


def frozen_step(path, migrate, version: int) -> sqlite3.Connection:
    """Apply one frozen migration step to the database at path, as the store did when it
    was the newest (in one transaction, then user_version); the connection, for checks."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn)
    conn.execute(f"PRAGMA user_version={version}")
    conn.execute("COMMIT")
    return conn


def make_v2_database(path):
    """Version 2: version 1 plus the frozen v2 step (derived tables, backfilled)."""
    answers = make_v1_database(path)
    conn = frozen_step(path, _migrate_1_to_2, 2)  # the frozen SCHEMA_V2_STEP, backfilled from the log
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
    assert set(SCHEMA_V2_STEP[1].split()[2:3]) <= tables  # question_stats_by_bank
    conn.close()
    return answers


def make_v3_database(path):
    """Version 3: version 2 plus the frozen v3 step (item analysis index)."""
    answers = make_v2_database(path)
    conn = frozen_step(path, _migrate_2_to_3, 3)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='index'")}
    assert {"reviews_by_answer", "question_stats_by_question"} <= indexes
    conn.close()
    return answers


def make_v4_database(path):
    """Version 4: version 3 plus the frozen v4 step (no reviews_by_answer, sessions index)."""
    answers = make_v3_database(path)
    conn = frozen_step(path, _migrate_3_to_4, 4)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
    assert "sessions_by_learner_bank_scores" in tables and "score_days" not in tables
    conn.close()
    return answers


def make_v5_database(path):
    """Version 5: version 4 plus the frozen v5 step (score_days, backfilled)."""
    answers = make_v4_database(path)
    conn = frozen_step(path, _migrate_4_to_5, 5)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    assert conn.execute("SELECT count(*) FROM score_days").fetchone()[0] == 4
    assert "outcome" not in columns
    assert "shown" not in {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    conn.close()
    return answers


def make_v6_database(path):
    """Version 6: version 5 plus the frozen v6 step (session outcomes, reclassified)."""
    answers = make_v5_database(path)
    conn = frozen_step(path, _migrate_5_to_6, 6)
    assert "outcome" in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    assert "shown" not in {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    conn.close()
    return answers


def make_v7_database(path):
    """Version 7: version 6 plus the frozen v7 step (answers.shown): no retractions."""
    answers = make_v6_database(path)
    conn = frozen_step(path, _migrate_6_to_7, 7)
    assert "shown" in {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "retractions" not in tables
    assert "uuid" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()
    return answers


def make_v8_database(path):
    """Version 8: version 7 plus the frozen v8 step (retractions), sessions without uuid."""
    answers = make_v7_database(path)
    conn = frozen_step(path, _migrate_7_to_8, 8)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "retractions" in tables
    assert "uuid" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()
    return answers


def make_v9_database(path):
    """Version 9: version 8 plus the frozen v9 step (sessions.uuid): the statistics count
    every answer, with no mark."""
    answers = make_v8_database(path)
    conn = frozen_step(path, _migrate_8_to_9, 9)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "stats_mark" not in tables
    conn.close()
    return answers


def make_v10_database(path):
    """Version 10: version 9 plus the frozen v10 step (stats_mark): a review of mistakes
    still stored with a score (none in it: see the version-11 test)."""
    answers = make_v9_database(path)
    conn = frozen_step(path, _migrate_9_to_10, 10)
    assert "score_v10" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()
    return answers


def make_v11_database(path):
    """Version 11: version 10 plus the frozen v11 step (a review of mistakes no attempt);
    its answers have no question version yet."""
    answers = make_v10_database(path)
    conn = frozen_step(path, _migrate_10_to_11, 11)
    assert "version" not in {r[1] for r in conn.execute("PRAGMA table_info(answers)")}
    conn.close()
    return answers


def make_v12_database(path):
    """Version 12: version 11 plus the frozen v12 step (each answer's question version);
    its reviews have no recorded fuzz draw yet (tests/test_review_draws.py adds some)."""
    answers = make_v11_database(path)
    conn = frozen_step(path, _migrate_11_to_12, 12)
    assert "draw" not in {r[1] for r in conn.execute("PRAGMA table_info(reviews)")}
    conn.close()
    return answers


def make_v13_database(path):
    """Version 13: version 12 plus the frozen v13 step (reviews.draw); its cards are a
    WITHOUT ROWID table (tests/test_card_rowids.py adds some)."""
    answers = make_v12_database(path)
    conn = frozen_step(path, _migrate_12_to_13, 13)
    assert conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'cards'").fetchone()[
        0].endswith("WITHOUT ROWID")
    conn.close()
    return answers


def make_v14_database(path):
    """Version 14: version 13 plus the frozen v14 step (cards a rowid table, due dates
    integers); no suspended card yet (tests/test_suspended_cards.py adds cards)."""
    answers = make_v13_database(path)
    conn = frozen_step(path, _migrate_13_to_14, 14)
    assert "suspended_cards" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
    conn.close()
    return answers


def make_v15_database(path):
    """Version 15: version 14 plus the frozen v15 step (suspended_cards), with two cards
    of the first learner suspended; no suspension_log yet."""
    answers = make_v14_database(path)
    conn = frozen_step(path, _migrate_14_to_15, 15)
    learner = conn.execute("SELECT min(id) FROM learners").fetchone()[0]
    conn.executemany("INSERT INTO suspended_cards VALUES (?, 'trade', ?, ?)",
                     [(learner, "q1", "2026-01-05T10:00:00.000000+00:00"),
                      (learner, "q2", "2026-01-06T11:00:00.000000+00:00")])
    assert "suspension_log" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
    conn.close()
    return answers


def test_version_16_logs_every_card_suspended_and_keeps_it_suspended(tmp_path):
    make_v15_database(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        learner = store._read("SELECT min(id) FROM learners")[0][0]
        assert store.suspended_questions(learner, "trade") == {
            "q1": datetime(2026, 1, 5, 10, tzinfo=UTC), "q2": datetime(2026, 1, 6, 11, tzinfo=UTC)}
        logged = store._read("SELECT learner_id, bank_id, question_id, suspended, changed, uuid"
                             " FROM suspension_log ORDER BY id")
    assert [row[:5] for row in logged] == [
        (learner, "trade", "q1", 1, "2026-01-05T10:00:00.000000+00:00"),
        (learner, "trade", "q2", 1, "2026-01-06T11:00:00.000000+00:00")]
    assert all(str(uuid.UUID(row[5])) == row[5] for row in logged)


def test_version_12_takes_earlier_answers_to_be_to_the_questions_first_loaded(tmp_path):
    # The answers of a version-11 store have no question version. Those of a bank are
    # taken to be to its questions as this quizapp first loads them; a key corrected
    # afterwards then counts them apart from the answers to the corrected question.
    from dataclasses import replace

    make_v11_database(tmp_path / DB_NAME)
    corrected = replace(BANK, questions=tuple(
        replace(q, correct=1) if q.id == "q1" else q for q in BANK.questions))
    with Store.open(tmp_path) as store:
        assert store._read("SELECT bank_id FROM versions_pending") == [("trade",)]
        before = {i.question_id: i for i in store.item_analysis(BANK)}
        assert (before["q1"].learners, before["q1"].answers) == (2, 4)
        assert before["q1"].earlier_answers == 0
        assert store._read("SELECT count(*) FROM legacy_versions") == [(4,)]
        assert store._read("SELECT * FROM versions_pending") == []
        session = store.start_session(1, corrected, "quiz")
        store.record_answer(session, corrected.question("q1"), response="b", correct=True,
                            credit=1.0, seconds=2)
        after = {i.question_id: i for i in store.item_analysis(corrected)}
        assert (after["q1"].learners, after["q1"].answers, after["q1"].facility) == (1, 1, 1.0)
        assert after["q1"].earlier_answers == 4
        assert after["q0"] == before["q0"]  # not changed: every answer, as before
    with Store.open(tmp_path) as store:  # kept: the next start reads the same
        assert store.item_analysis(corrected) == list(after.values())


def test_version_12_cannot_tell_an_edit_made_before_the_upgrade(tmp_path):
    # What the bank was before this quizapp first loaded it is not known: its earlier
    # answers count with the questions as they are then (as every version before 12 did).
    from dataclasses import replace

    make_v11_database(tmp_path / DB_NAME)
    corrected = replace(BANK, questions=tuple(
        replace(q, correct=1) if q.id == "q1" else q for q in BANK.questions))
    with Store.open(tmp_path) as store:
        q1 = {i.question_id: i for i in store.item_analysis(corrected)}["q1"]
        assert (q1.learners, q1.answers, q1.earlier_answers) == (2, 4, 0)


def test_version_11_keeps_a_review_of_mistakes_out_of_the_attempts(tmp_path):
    # Up to version 10 a finished review of mistakes was stored with a score, and counted
    # in Best, Last and the score chart. Version 11 moves that score aside (kept) and
    # counts again without it.
    make_v10_database(tmp_path / DB_NAME)
    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    quiz_score = conn.execute(
        "SELECT score FROM sessions WHERE learner_id = 2 ORDER BY finished DESC"
    ).fetchone()[0]
    finished = datetime(2025, 6, 1, 9, 0, tzinfo=UTC).isoformat(timespec="microseconds")
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score, outcome, uuid) VALUES (9, 2, 'trade', 'hash', 'review', ?, ?, 1.0,"
        " 'finished', 'f0000000-0000-4000-8000-000000000009')",
        (finished, finished),
    )
    conn.execute("BEGIN IMMEDIATE")
    _rebuild_attempt_stats(conn)  # as version 10's finish_session had counted it
    _rebuild_score_days(conn)
    conn.execute("COMMIT")
    assert conn.execute("SELECT best_score, last_score, sessions FROM bank_stats"
                        " WHERE learner_id = 2").fetchone() == (1.0, 1.0, 3)
    conn.close()
    with Store.open(tmp_path) as store:
        summary = store.bank_summary(2, BANK)
        assert (summary.attempts, summary.best_score) == (2, pytest.approx(quiz_score))
        assert summary.last_score == pytest.approx(quiz_score)
        points = store.score_over_time(2, BANK, None)
        assert [p.mode for p in points] == ["quiz", "quiz"]
        assert store._read("SELECT score, score_v10, outcome FROM sessions WHERE id = 9") == [
            (None, 1.0, "finished")]  # its score kept, not dropped
        teacher = {(r.learner_id, r.bank_id): r for r in store.learner_bank_table()}
        assert teacher[(2, "trade")].best_score == pytest.approx(quiz_score)


def test_version_10_marks_every_answer_of_version_9_as_counted(tmp_path):
    answers = make_v9_database(tmp_path / DB_NAME)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    counted = conn.execute("SELECT sum(answers) FROM bank_stats").fetchone()[0]
    conn.close()
    assert counted == len(answers)
    with Store.open(tmp_path) as store:
        assert store._read("SELECT answer_id FROM stats_mark") == [(len(answers),)]
        # Nothing to catch up: the numbers are those version 9 kept.
        assert sum(store.bank_summary(n, BANK).answers for n in (1, 2)) == len(answers)
        assert store._read("SELECT sum(answers) FROM bank_stats") == [(len(answers),)]


def test_version_9_gives_every_earlier_session_a_distinct_uuid(tmp_path):
    import uuid

    make_v8_database(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        ids = [r[0] for r in store._read("SELECT uuid FROM sessions ORDER BY id")]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)


EARLIER_VERSIONS = {
    1: make_v1_database,
    2: make_v2_database,
    3: make_v3_database,
    4: make_v4_database,
    5: make_v5_database,
    6: make_v6_database,
    7: make_v7_database,
    8: make_v8_database,
    9: make_v9_database,
    10: make_v10_database,
    11: make_v11_database,
    12: make_v12_database,
    13: make_v13_database,
    14: make_v14_database,
    15: make_v15_database,
}


@pytest.mark.parametrize("from_version", sorted(EARLIER_VERSIONS))
def test_every_earlier_version_migrates_with_its_data(tmp_path, from_version, monkeypatch):
    import quizapp.core.store as store_module

    answers = EARLIER_VERSIONS[from_version](tmp_path / DB_NAME)
    store = Store.open(tmp_path)
    try:
        assert store.recovery_message is None
        assert store.schema_version == SCHEMA_VERSION
        assert [x.name for x in store.learners()] == ["Ann", "Bob"]
        assert store.last_learner().name == "Bob"
        exported = list(store.export_rows())
        assert [r.uuid for r in exported] == [a[0] for a in answers]
        assert [(r.question_id, r.correct, r.seconds) for r in exported] == [
            (a[2], bool(a[4]), a[6]) for a in answers
        ]
        # The derived tables were backfilled from the log.
        for learner in (1, 2):
            mine = [a for a in answers if 1 + a[1] % 2 == learner]
            s = store.bank_summary(learner, BANK)
            assert s.answers == len(mine) and s.correct == sum(a[4] for a in mine)
            assert s.attempts == 2
            assert s.best_score == max(a[1] / 5 for a in mine)
        # score_days was backfilled: with a cap of one point, the two finished sessions of
        # each learner come as day (or week) averages that still count both.
        monkeypatch.setattr(store_module, "SCORE_POINTS", 1)
        for learner in (1, 2):
            points = store.score_over_time(learner, BANK, None)
            assert sum(p.sessions for p in points) == 2
            assert sum(p.score * p.sessions for p in points) == pytest.approx(
                sum(s / 5 for s in range(1, 5) if 1 + s % 2 == learner)
            )
        before = (
            [store.bank_summary(n, BANK) for n in (1, 2)],
            store.item_analysis(BANK),
            [store.score_over_time(n, BANK, None) for n in (1, 2)],
        )
        store.rebuild_derived()
        assert (
            [store.bank_summary(n, BANK) for n in (1, 2)],
            store.item_analysis(BANK),
            [store.score_over_time(n, BANK, None) for n in (1, 2)],
        ) == before
        # New answers go on top of the migrated ones.
        sid = store.start_session(1, BANK, "quiz")
        rec = store.record_answer(
            sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=1
        )
        assert store.bank_summary(1, BANK).answers == 9
        # The learner's override still finds the answer's review (without reviews_by_answer).
        log_override(store, rec.uuid, 1)
        assert store.card_state(1, "trade", "q0").lapses == 0
        assert store.card_state(1, "trade", "q0").due < rec.due
        # Taking the new answer back leaves the migrated numbers as they were.
        store.retract_answer(rec.uuid)
        assert store.bank_summary(1, BANK) == before[0][0]
        assert store.item_analysis(BANK) == before[1]
        assert [r.retracted is not None for r in store.export_rows()] == [False] * len(answers) + [True]
    finally:
        store.close()
    assert bad_files(tmp_path) == []


def test_damage_found_later_is_reported_and_moved_aside_at_next_start(tmp_path, monkeypatch):
    import quizapp.core.store as store_module
    from quizapp.core.store import StoreError

    data = bytearray(filled_database(tmp_path))
    page = 4096
    for n in range(len(data) // page // 2, len(data) // page):  # garble later data pages
        data[n * page : n * page + 100] = bytes(100)
    (tmp_path / DB_NAME).write_bytes(bytes(data))
    # Pretend it is a big file: no full check at open.
    monkeypatch.setattr(store_module, "FULL_CHECK_MAX_BYTES", 1000)
    store = Store.open(tmp_path)
    assert store.recovery_message is None
    with pytest.raises(StoreError, match="damaged.*Restart quizapp"):
        for learner in store.learners():
            list(store.export_rows(learner.id))
            store.bank_summary(learner.id, "trade")
            store.answers_per_day(learner.id)
        store.rebuild_derived()
    store.close()
    assert (tmp_path / (DB_NAME + ".check")).exists()
    again = Store.open(tmp_path)
    assert again.recovery_message and "damaged" in again.recovery_message
    assert not (tmp_path / (DB_NAME + ".check")).exists()
    again.close()


def test_answer_for_a_deleted_learner_is_a_readable_error(tmp_path):
    store = Store.open(tmp_path)
    learner = store.create_learner("Ann")
    sid = store.start_session(learner.id, BANK, "quiz")
    other = Store.open(tmp_path)  # a second window deletes the learner
    other.delete_learner(learner.id)
    other.close()
    with pytest.raises(ValueError, match="its learner was deleted"):
        store.record_answer(sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=1)
    store.close()


def test_a_locked_database_is_never_moved_aside(tmp_path, monkeypatch):
    import quizapp.core.store as store_module
    from quizapp.core.store import StoreError

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    make_v1_database(tmp_path / DB_NAME)  # rollback-journal mode, as another tool might leave it
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # nobody may even read
    try:
        with pytest.raises(StoreError, match="cannot be opened right now"):
            Store.open(tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert bad_files(tmp_path) == []
    store = Store.open(tmp_path)  # once free, it opens and migrates
    assert store.recovery_message is None and len(store.learners()) == 2
    store.close()


def test_opening_does_not_wait_for_another_windows_write(tmp_path, monkeypatch):
    import quizapp.core.store as store_module

    Store.open(tmp_path).close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO settings VALUES ('x', 'y')")
    try:
        store = Store.open(tmp_path)
        assert store.recovery_message is None and store.learners() == []
        store.close()
    finally:
        holder.execute("COMMIT")
        holder.close()
