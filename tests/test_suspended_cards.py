"""Suspended cards (store schema 15): a learner keeps a card out of flashcards, practice
and the due counts (Anki's Suspend), and brings it back; a quiz or an exam still asks it.
A schema-14 store keeps every answer and card through the step, and a killed step leaves
it at 14, whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

import pytest
from store_samples import database_of_version

from quizapp.core.session import FlashcardSession, QuizSession
from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store
from quizapp.core.utc_text import from_utc_micros

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def bank(capitals):
    """The three capitals flashcards (shared_fixtures)."""
    return capitals


def _rate_all(store, learner, bank, when):
    """Rate every card of a new review Good at `when`."""
    session = FlashcardSession(store, learner, bank, now=when)
    while not session.finished:
        session.flip()
        session.rate(3)


def test_a_suspended_card_leaves_the_due_counts_and_flashcards_and_comes_back(tmp_path, bank):
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann").id
        _rate_all(store, ann, bank, T0)
        later = T0 + timedelta(days=400)  # every card due
        assert store.count_due(ann, bank.id, later) == 3
        assert store.suspended_questions(ann, bank.id) == {}
        assert store.set_suspended(ann, bank.id, ["jp"], True, now=T0) == 1
        assert store.set_suspended(ann, bank.id, ["jp"], True) == 0  # suspended already
        assert store.suspended_questions(ann, bank.id) == {"jp": T0}
        assert store.count_due(ann, bank.id, later) == 2
        assert store.due_question_ids(ann, bank, later) == [
            q for q in store.due_question_ids(ann, bank.id, later) if q != "jp"]
        assert "jp" not in store.due_question_ids(ann, bank.id, later)
        new, learning, due = store.study_counts(ann, bank, later, 20)
        assert (new, due) == (0, 2)
        assert store.bank_summary(ann, bank, later).due_count == 2
        assert sum(d.count for d in store.due_per_day(ann, bank, 30, later)) == 2
        jp_due = store.card_state(ann, bank.id, "jp").due
        others = [store.card_state(ann, bank.id, q).due for q in ("fr", "it")]
        assert store.next_due(ann, bank.id) == min(others)
        assert store.next_due(ann, bank, ["jp"]) is None
        assert store.next_due_after(ann, bank.id, T0) == min(others)
        review = FlashcardSession(store, ann, bank, now=later)
        assert sorted(q.id for q in review.due_cards) == ["fr", "it"]
        assert review.due_count == 2
        review.abandon()
        # Bob's cards are his own: Ann's suspension is not his.
        bob = store.create_learner("Bob").id
        assert store.next_due(bob, bank.id) is None  # no card at all: none due, no error
        assert store.next_due_after(bob, bank.id, T0) is None
        assert [q.id for q in FlashcardSession(store, bob, bank, now=T0).new_cards] == [
            "fr", "jp", "it"]
        # The card's schedule and reviews stayed as they were, through a rebuild too.
        store.rebuild_derived()
        assert store.card_state(ann, bank.id, "jp").due == jp_due
        assert store.suspended_questions(ann, bank.id) == {"jp": T0}
        assert store.set_suspended(ann, bank.id, ["jp"], False) == 1
        assert store.count_due(ann, bank.id, later) == 3
        assert store.suspended_questions(ann, bank.id) == {}


def test_a_new_card_can_be_suspended_and_is_not_counted_new(tmp_path, bank):
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann").id
        store.set_suspended(ann, bank.id, ["fr"], True)
        review = FlashcardSession(store, ann, bank, now=T0)
        assert [q.id for q in review.new_cards] == ["jp", "it"]
        assert store.study_counts(ann, bank, T0, 20)[0] == 2
        assert store.study_counts(ann, bank, T0, 1)[0] == 1


def test_practice_leaves_suspended_cards_out_and_a_quiz_asks_them(tmp_path, bank):
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann").id
        store.set_suspended(ann, bank.id, ["fr", "it"], True)
        practice = QuizSession(store, ann, bank, mode="practice", seed=1)
        assert [q.id for q in practice.questions] == ["jp"]
        quiz = QuizSession(store, ann, bank, mode="quiz", seed=1)
        assert sorted(q.id for q in quiz.questions) == ["fr", "it", "jp"]
        store.set_suspended(ann, bank.id, ["jp"], True)
        with pytest.raises(ValueError, match="Every question here is a card you suspended"):
            QuizSession(store, ann, bank, mode="practice")


def test_suspending_the_card_shown_moves_on_and_undo_brings_it_back(tmp_path, bank):
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann").id
        review = FlashcardSession(store, ann, bank, now=T0)
        review.flip()
        review.rate(1)  # fr Again: a copy at the back
        assert [q.id for q in review._queue] == ["fr", "jp", "it", "fr"]
        assert review.current.id == "jp"
        review.flip()
        review.rate(3)
        assert review.current.id == "it"
        # "it" suspended: the store first, then the next card (fr's copy) shows.
        assert review.suspend_current().id == "it"
        assert store.suspended_questions(ann, bank.id).keys() == {"it"}
        assert review.current.id == "fr" and not review.flipped
        assert review.can_undo and review.undoes_suspension
        assert review.new_count == 0  # fr and jp rated, it suspended
        review.undo_last()
        assert store.suspended_questions(ann, bank.id) == {}
        assert review.current.id == "it" and review.suspended == []
        # The rating before the suspension can be taken back again.
        assert review.can_undo and not review.undoes_suspension
        assert review.undo_last().id == "jp"
        assert review.current.id == "jp" and review.flipped
        review.rate(3)
        # Suspending a card with an Again copy to come takes the copy out too.
        review.flip()
        review.rate(3)  # it
        assert review.current.id == "fr"
        review.suspend_current()
        assert review.finished and review.outcome == "finished"
        assert not review.can_undo or not review.undoes_suspension
        assert store.suspended_questions(ann, bank.id).keys() == {"fr"}


def test_deleting_a_learner_deletes_their_suspensions(tmp_path, bank):
    with Store.open(tmp_path / "data") as store:
        ann = store.create_learner("Ann").id
        store.set_suspended(ann, bank.id, ["fr"], True)
        store.delete_learner(ann)
        assert store._read("SELECT count(*) FROM suspended_cards") == [(0,)]


# Cards as a schema-14 store holds them: learner, bank, question, due (microseconds).
V14_CARDS = ((1, "trade", "q0", 1_746_262_800_000_000), (2, "trade", "q1", 1_746_262_800_000_001))
ANSWERS = 6


def _v14_store_with_cards(path):
    """A schema-14 store made by the frozen steps, as quizapp 14 shipped them (store_samples),
    with two learners, a flashcard session of ANSWERS answers and a review each, and the
    cards V14_CARDS. Returns the answers' uuids, in log order."""
    conn = database_of_version(path, 14)
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', '2025-05-01T09:00:00+00:00')")
    conn.execute("INSERT INTO learners VALUES (2, 'Bob', '2025-05-01T09:00:00+00:00')")
    conn.execute("INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started,"
                 " finished, outcome, recall, uuid) VALUES (1, 1, 'trade', 'h', 'flashcards',"
                 " '2025-05-01T09:00:00+00:00', '2025-05-01T09:10:00+00:00', 'finished', 1.0,"
                 " '00000000-0000-4000-8000-000000000001')")
    uuids = [f"00000000-0000-4000-8000-1000000000{n:02d}" for n in range(ANSWERS)]
    for n, uuid in enumerate(uuids):
        conn.execute("INSERT INTO answers(uuid, session_id, question_id, response, correct,"
                     " credit, seconds, answered) VALUES (?, 1, ?, '\"Good\"', 1, 1.0, 2.0,"
                     " '2025-05-01T09:01:00+00:00')", (uuid, f"q{n % 2}"))
        conn.execute("INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id,"
                     " card_id, rating, reviewed, card) VALUES (?, 1, 'trade', ?, 7, 3,"
                     " '2025-05-01T09:01:00+00:00', '{}')", (uuid, f"q{n % 2}"))
    conn.executemany("INSERT INTO cards VALUES (?, ?, ?, 7, 2, NULL, 3.5, 5.25, ?,"
                     " '2025-05-01T09:00:00.000000+00:00', 2, 0)", V14_CARDS)
    conn.close()
    return uuids


def test_a_store_of_version_14_keeps_every_answer_and_card(tmp_path):
    answers = _v14_store_with_cards(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION == 16
        assert [r.uuid for r in store.export_rows()] == answers
        assert store._read("SELECT answer_uuid FROM reviews ORDER BY id") == [
            (u,) for u in answers]
        for learner, bank_id, qid, due in V14_CARDS:
            card = store.card_state(learner, bank_id, qid)
            assert card is not None and card.stability == 3.5
            assert card.due == from_utc_micros(due)
            assert store.count_due(learner, bank_id, card.due) == 1
        assert store.suspended_questions(1, "trade") == {}
        store.set_suspended(1, "trade", ["q0"], True)
        assert store.count_due(1, "trade", datetime(2030, 1, 1, tzinfo=UTC)) == 0


_KILLED_IN_THE_STEP = """
import os, signal, sys
from quizapp.core import migrations
from quizapp.core.store import Store

step = migrations.MIGRATIONS[14]

def killed(conn):
    step(conn)
    os.kill(os.getpid(), signal.SIGKILL)  # before the step's COMMIT

migrations.MIGRATIONS[14] = killed
Store.open(sys.argv[1])
"""


def test_a_step_to_15_killed_before_its_commit_leaves_the_store_at_14_whole(tmp_path):
    answers = _v14_store_with_cards(tmp_path / DB_NAME)
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED_IN_THE_STEP),
                            str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone() == (14,)
    assert conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'suspended_cards'"
                        ).fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM cards").fetchone() == (len(V14_CARDS),)
    conn.close()
    with Store.open(tmp_path) as store:  # the next start makes the step
        assert store.schema_version == SCHEMA_VERSION and store.recovery_message is None
        assert len(list(store.export_rows())) == len(answers)
        assert store.suspended_questions(1, "trade") == {}


def test_settling_pushed_times_that_did_not_change_writes_nothing(tmp_path):
    # The usual push: the server's time of each action is the one it was given. Settling
    # wrote every pushed card again (10,000 suspensions: the write lock held ~0.3 s).
    from quizapp.core.store.suspensions import settle_pushed_within

    with Store.open(tmp_path) as store:
        learner = store.create_learner("Ann").id
        store.set_suspended(learner, "b", ["q0", "q1", "q2"], True)
        store.set_suspended(learner, "b", ["q1"], False)
        times = dict(store._db.read("SELECT uuid, changed FROM suspension_log"))
        with store._db.write() as c:
            before = c.total_changes
            settle_pushed_within(c, learner, times)
            assert c.total_changes == before
        assert set(store.suspended_questions(learner, "b")) == {"q0", "q2"}


def _sixty_new_cards():
    from quizapp.core.model import Bank, Flashcard

    return Bank(id="b60", title="Sixty", content_hash="h60", questions=tuple(
        Flashcard(id=f"c{i:02d}", prompt=f"Front {i}?", back=f"Back {i}") for i in range(60)))


def _finish(review: FlashcardSession) -> None:
    while not review.finished:
        review.flip()
        review.rate(3)


@pytest.mark.parametrize(("card", "offered"), [("c55", 0), ("c05", 1)])
def test_review_it_now_counts_only_the_cards_brought_back_the_next_review_takes(
        tmp_path, card, offered):
    # 60 new cards, 20 a review. Brought back during the first review: c55 is 35 new
    # cards on, so the next review does not take it and none is offered (it promised
    # one); c05 comes before every new card left, so the next review takes it.
    bank = _sixty_new_cards()
    with Store.open(tmp_path) as store:
        learner = store.create_learner("Ann").id
        store.set_suspended(learner, bank.id, [card], True)
        review = FlashcardSession(store, learner, bank)
        _finish(review)
        store.set_suspended(learner, bank.id, [card], False)
        review.brought_back({card})
        assert review.new_cards_brought_back() == offered
        next_review = FlashcardSession(store, learner, bank)
        assert (card in {q.id for q in next_review.new_cards}) == bool(offered)
