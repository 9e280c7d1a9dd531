"""Store schema 14: cards a rowid table written by its rowid, the due date an integer
(microseconds since 1970 UTC). A store of version 13 keeps every card and due date, and
what the app reads of them (due counts, due order, next due) is what it read before."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from bank_samples import FOUR_TAGGED as BANK
from store_samples import database_of_version

from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store
from quizapp.core.utc_text import from_utc_micros, utc_micros

# Cards as quizapp 13 stored them (WITHOUT ROWID, the due date ISO text): learner, bank,
# question, due; the rest of each row is the same made-up FSRS state.
V13_CARDS = (
    (1, "trade", "q0", "2025-05-03T09:00:00.000000+00:00"),
    (1, "trade", "q1", "2025-05-03T09:00:00.000001+00:00"),
    (1, "trade", "q2", "2031-12-31T23:59:59.999999+00:00"),
    (2, "trade", "q0", "2025-05-02T10:30:15.250000+00:00"),
    (2, "other", "q0", "1999-01-01T00:00:00.000000+00:00"),
)


def _make_v13_database_with_cards(path) -> None:
    """A schema-13 store (the frozen steps, as shipped) holding V13_CARDS."""
    conn = database_of_version(path, 13)
    assert conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'cards'").fetchone()[
        0].endswith("WITHOUT ROWID")
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', '2025-05-01T09:00:00+00:00')")
    conn.execute("INSERT INTO learners VALUES (2, 'Bob', '2025-05-01T09:00:00+00:00')")
    conn.executemany(
        "INSERT INTO cards VALUES (?, ?, ?, 7, 2, NULL, 3.5, 5.25, ?,"
        " '2025-05-01T09:00:00.000000+00:00', 2, 0)", V13_CARDS)
    conn.close()


def test_a_store_of_version_13_keeps_every_card_and_due_date_to_the_microsecond(tmp_path):
    _make_v13_database_with_cards(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        for learner, bank, qid, due_text in V13_CARDS:
            card = store.card_state(learner, bank, qid)
            assert card is not None
            assert card.due == datetime.fromisoformat(due_text)
            assert (card.stability, card.difficulty, card.reviews) == (3.5, 5.25, 2)
        ((kind,),) = store._read("SELECT type FROM pragma_table_info('cards') WHERE name = 'due'")
        assert kind == "INTEGER"
        assert store._read("SELECT typeof(due) FROM cards GROUP BY 1") == [("integer",)]
        # The same moments compare as they did as text, one microsecond apart included.
        at = datetime(2025, 5, 3, 9, 0, tzinfo=UTC)
        assert store.due_question_ids(1, "trade", at) == ["q0"]
        assert store.due_question_ids(1, "trade", at + timedelta(microseconds=1)) == ["q0", "q1"]
        assert store.count_due(2, "trade", at) == 1
        assert store.count_due(2, "other", at) == 1
        assert store.next_due(1, "trade") == datetime.fromisoformat(V13_CARDS[0][3])
    # No text key left: the table has rowids, and its one unique key is the card's.
    conn = sqlite3.connect(tmp_path / DB_NAME)
    ((sql,),) = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'cards'").fetchall()
    assert "WITHOUT ROWID" not in sql
    assert conn.execute("SELECT count(*) FROM cards WHERE rowid > 0").fetchone() == (5,)
    indexes = {r[1]: r[2] for r in conn.execute("PRAGMA index_list(cards)")}
    assert indexes["cards_by_due"] == 0 and list(indexes.values()).count(1) == 1
    assert not conn.execute(
        "SELECT name FROM sqlite_schema WHERE name LIKE 'cards_v%'").fetchall()
    conn.close()


def test_an_answer_writes_the_card_it_was_planned_from_and_no_other(tmp_path):
    """A flashcard shown, then taken back in another window (its row deleted, its rowid
    free), then another card answered there (which may take that rowid): the answer to the
    card shown plans again and stores its own card, leaving the other as it was."""
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Store.open(tmp_path) as store, Store.open(tmp_path) as other:
        learner = store.create_learner("Ann").id
        sid = store.start_session(learner, BANK, "flashcards", now=t0)
        q0, q1 = BANK.questions[0], BANK.questions[1]
        first = store.record_answer(sid, q0, response="Good", correct=True, credit=1.0,
                                    seconds=3.0, rating=3, now=t0)
        shown = t0 + timedelta(minutes=20)
        plan = store.plan_review(learner, BANK.id, q0.id, shown)
        other.retract_answer(first.uuid, now=shown)
        sid_other = other.start_session(learner, BANK, "flashcards", now=shown)
        other.record_answer(sid_other, q1, response="Good", correct=True, credit=1.0,
                            seconds=3.0, rating=3, now=shown)
        q1_card = store.card_state(learner, BANK.id, q1.id)
        record = store.record_answer(sid, q0, response="Easy", correct=True, credit=1.0,
                                     seconds=3.0, rating=4, now=shown + timedelta(seconds=5),
                                     plan=plan)
        assert store.card_state(learner, BANK.id, q1.id) == q1_card
        q0_card = store.card_state(learner, BANK.id, q0.id)
        assert q0_card is not None and q0_card.due == record.due
        # The plan was for a card reviewed once; the card as it is was new: reviewed once.
        assert q0_card.reviews == 1


def test_due_dates_are_stored_exactly_both_ways():
    for when in (
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 11, 30, 4, 1, 2, 345_678, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 11, 30, 5, 1, 2, 345_678, tzinfo=UTC).astimezone(
            __import__("datetime").timezone(timedelta(hours=1))),
    ):
        micros = utc_micros(when)
        assert micros == (when - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)
        assert from_utc_micros(micros) == when
        assert from_utc_micros(micros).tzinfo is UTC
    assert utc_micros(datetime(2026, 1, 1)) == utc_micros(datetime(2026, 1, 1, tzinfo=UTC))
