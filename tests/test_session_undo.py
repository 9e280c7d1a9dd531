"""Undo the last answer (Ctrl+Z): sessions over the real Store.

The retraction is stored first; the session goes back to the question; the statistics,
the FSRS card and the export are as if the answer had never been given (but the answer
stays in the log, marked retracted)."""

from __future__ import annotations

import pytest
from bank_samples import AUTO_TALKS as BANK
from helpers import Clock, log_override

from quizapp.core.session import FlashcardSession, QuizSession
from quizapp.core.store import StoreError


@pytest.fixture
def learner(store):
    return store.create_learner("Ada").id


def quiz(store, learner, ids, mode="quiz", clock=None):
    return QuizSession(
        store, learner, BANK, mode=mode, shuffle=False, question_ids=ids, clock=clock or Clock()
    )


def test_undo_while_the_feedback_shows_asks_the_question_again(store, learner):
    s = quiz(store, learner, ["mc", "tf"])
    shown = s.arrangement
    assert not s.can_undo
    s.submit(0)  # wrong
    assert s.can_undo and s.state == "answered"
    assert s.undo_last().id == "mc"
    assert (s.state, s.position, s.current.id) == ("asking", 1, "mc")
    assert s.arrangement == shown  # asked again in the order it was shown
    assert s.answers == [] and s.results[0].grade is None and s.mistakes == []
    assert not s.can_undo  # one answer back, not more
    # The store forgot it everywhere it counted...
    summary = store.bank_summary(learner, BANK)
    assert (summary.answers, summary.correct, summary.questions_seen) == (0, 0, 0)
    assert store.card_state(learner, BANK.id, "mc") is None
    assert store.answers_per_day(learner) == []
    # ...but the answer is still in the log, marked as taken back.
    (row,) = store.export_rows(learner)
    assert row.question_id == "mc" and not row.correct and row.retracted is not None
    # Answered again, right this time: the first attempt is the new one.
    s.submit(1)
    s.advance()
    s.submit(True)
    s.advance()
    assert s.finished and s.score == 1.0 and s.mistakes == []
    assert store.session(s.session_id).score == 1.0
    summary = store.bank_summary(learner, BANK)
    assert (summary.answers, summary.correct, summary.best_score) == (2, 2, 1.0)
    assert [r.retracted is not None for r in store.export_rows(learner)] == [True, False, False]


def test_undo_on_the_next_question_until_it_is_answered(store, learner):
    s = quiz(store, learner, ["mc", "tf", "sa"])
    s.submit(0)
    s.advance()
    assert s.current.id == "tf" and s.can_undo
    s.undo_last()
    assert (s.current.id, s.position, s.state) == ("mc", 1, "asking")
    s.submit(1)
    s.advance()
    s.submit(True)  # the next question is answered: only this one can be taken back now
    s.undo_last()
    assert (s.current.id, s.position) == ("tf", 2)
    assert [r.question.id for r in s.answers] == ["mc"]
    assert store.bank_summary(learner, BANK).answers == 1


def test_practice_drops_the_copy_queued_for_the_mistake(store, learner):
    s = quiz(store, learner, ["mc", "tf"], mode="practice")
    s.submit(0)  # wrong: mc is queued again at the end
    assert s.total == 3
    s.undo_last()
    assert s.total == 2 and s.current.id == "mc"
    s.submit(1)
    s.advance()
    s.submit(True)
    s.advance()
    assert s.finished and s.score == 1.0
    assert store.session(s.session_id).score == 1.0


def test_no_undo_in_an_exam_nor_after_the_end(store, learner):
    exam = quiz(store, learner, ["mc"], mode="exam")
    exam.submit(0)
    assert not exam.can_undo
    with pytest.raises(RuntimeError):
        exam.undo_last()
    s = quiz(store, learner, ["tf"])
    s.submit(False)
    s.advance()
    assert s.finished and not s.can_undo  # its score is stored: the attempt stands
    with pytest.raises(RuntimeError):
        s.undo_last()


def test_a_retraction_the_store_refuses_changes_nothing(store, learner, monkeypatch):
    s = quiz(store, learner, ["mc", "tf"])
    s.submit(0)

    def full(*args, **kwargs):
        raise StoreError("The disk is full.")

    monkeypatch.setattr(store, "retract_answer", full)
    with pytest.raises(StoreError):
        s.undo_last()
    assert s.state == "answered" and len(s.answers) == 1 and s.can_undo
    assert store.bank_summary(learner, BANK).answers == 1


def test_the_card_goes_back_to_where_it_was(store, learner):
    clock = Clock()
    s = quiz(store, learner, ["mc", "tf"], mode="practice", clock=clock)
    clock.tick(5)
    s.submit(1)  # right
    before = store.card_state(learner, BANK.id, "mc")
    s.advance()
    clock.tick(5)
    s.submit(True)
    s.advance()  # mc again? no: both right, finished
    assert s.finished
    s2 = quiz(store, learner, ["mc"], clock=clock)
    s2.submit(0)  # a lapse
    lapsed = store.card_state(learner, BANK.id, "mc")
    assert (lapsed.reviews, lapsed.lapses) == (2, 1)
    s2.undo_last()
    after = store.card_state(learner, BANK.id, "mc")
    assert (after.reviews, after.lapses, after.state) == (1, 0, before.state)
    assert after.stability == pytest.approx(before.stability)
    assert after.difficulty == pytest.approx(before.difficulty)
    assert after.last_review == before.last_review


def test_flashcards_take_back_a_rating(store, learner):
    fc = FlashcardSession(store, learner, BANK, clock=Clock())
    assert [c.id for c in fc.new_cards] == ["card"]
    fc.flip()
    fc.rate(1)  # Again: the card comes back at the end
    assert fc.total == 2 and fc.can_undo
    assert fc.undo_last().id == "card"
    assert (fc.total, fc.position, fc.flipped, fc.answers, fc.recall) == (1, 1, True, [], None)
    assert store.card_state(learner, BANK.id, "card") is None
    fc.rate(3)
    assert fc.finished and fc.recall == 1.0 and fc.can_undo  # from the summary, as below
    assert store.session(fc.session_id).recall == 1.0
    assert store.card_state(learner, BANK.id, "card").reviews == 1
    assert [r.response for r in store.export_rows(learner) if r.retracted is None] == ["Good"]


def test_the_last_cards_rating_is_taken_back_from_the_finished_review(store, learner):
    fc = FlashcardSession(store, learner, BANK, clock=Clock())
    fc.flip()
    fc.rate(2)  # Hard, the last (only) card: the review is finished and recorded
    assert fc.finished and fc.outcome == "finished" and fc.can_undo
    assert store.session(fc.session_id).recall == 0.0
    assert fc.undo_last().id == "card"
    # the review is open again, the card back turned over, its rating taken back
    assert not fc.finished and fc.outcome is None and fc.current.id == "card" and fc.flipped
    assert store.session(fc.session_id).finished is None
    assert store.session(fc.session_id).recall is None
    assert store.card_state(learner, BANK.id, "card") is None
    fc.rate(4)  # finished again, with the new rating's recall
    assert fc.finished and fc.recall == 1.0
    assert store.session(fc.session_id).recall == 1.0
    assert store.session(fc.session_id).outcome == "finished"
    assert [r.response for r in store.export_rows(learner) if r.retracted is None] == ["Easy"]
    fc.abandon()  # leaving the summary: the last rating can no longer be taken back...
    assert not fc.can_undo and fc.outcome == "finished"  # ... and the review stays finished
    assert store.session(fc.session_id).outcome == "finished"


def test_an_abandoned_review_takes_nothing_back(store, learner):
    fc = FlashcardSession(store, learner, BANK, clock=Clock())
    fc.flip()
    fc.rate(1)  # Again: the card comes back
    fc.abandon()
    assert not fc.can_undo and store.session(fc.session_id).outcome == "abandoned"


def test_retract_answer_is_idempotent_and_names_unknown_answers(store, learner):
    s = quiz(store, learner, ["mc"])
    s.submit(1)
    uuid = s.last_record.uuid
    first = store.retract_answer(uuid)
    assert store.retract_answer(uuid) == first
    assert store.bank_summary(learner, BANK).answers == 0
    with pytest.raises(ValueError, match="no such answer"):
        store.retract_answer("not-an-answer")
    with pytest.raises(ValueError, match="taken back"):
        log_override(store, uuid, 3)
    store.rebuild_derived()
    assert store.bank_summary(learner, BANK).answers == 0
    assert store.card_state(learner, BANK.id, "mc") is None


def test_undoing_a_repeat_in_practice_keeps_the_first_attempt(store, learner):
    s = quiz(store, learner, ["mc"], mode="practice")
    s.submit(0)  # wrong: asked again at the end
    s.advance()
    assert (s.total, s.position) == (2, 2)
    s.submit(0)  # wrong again: a third copy
    assert s.total == 3 and s.results[0].attempts == 2
    s.undo_last()
    assert (s.total, s.position, s.state) == (2, 2, "asking")
    first = s.results[0]
    assert (first.attempts, first.correct) == (1, False)  # the first try still counts
    s.submit(1)
    s.advance()
    assert s.finished and s.score == 0.0 and s.mistakes == ["mc"]
    stat = store.question_stats(learner, BANK)[0]
    assert (stat.answers, stat.correct, stat.first_correct, stat.last_correct) == (2, 1, 0, 1)


def _finished_review(store, learner):
    fc = FlashcardSession(store, learner, BANK, clock=Clock())
    fc.flip()
    fc.rate(3)
    assert fc.finished and fc.can_undo
    return fc


def test_the_review_is_reopened_only_with_its_rating_taken_back(store, learner, monkeypatch):
    """One transaction: when the retraction fails, the review stays finished, its
    rating and recall as they were (no review left open with its rating standing)."""
    from quizapp.core.store import answers as answers_module

    fc = _finished_review(store, learner)

    def broken(c, answer_uuid, when):
        raise StoreError("the disk failed")

    monkeypatch.setattr(answers_module, "retract_within", broken)
    with pytest.raises(StoreError):
        fc.undo_last()
    info = store.session(fc.session_id)
    assert (info.outcome, info.recall) == ("finished", 1.0) and info.finished is not None
    assert [r.response for r in store.export_rows(learner) if r.retracted is None] == ["Good"]


@pytest.mark.parametrize("sent_while_open", [False, True])
def test_a_review_whose_end_the_class_server_has_keeps_its_last_rating(
        store, learner, sent_while_open):
    """The class server keeps the first end it gets: once it has the review's end, the
    summary's undo is refused and nothing changes. A review it got while still open has
    not had its end sent: its last rating can still be taken back."""
    import json

    fc = _finished_review(store, learner)
    store.set_setting(f"sync.{learner}.sessions", str(fc.session_id))
    store.set_setting(f"sync.{learner}.open", json.dumps([fc.session_id] if sent_while_open
                                                          else []))
    if sent_while_open:
        assert fc.undo_last().id == "card"
        assert store.session(fc.session_id).finished is None
        return
    with pytest.raises(ValueError, match="already sent to the class server"):
        fc.undo_last()
    info = store.session(fc.session_id)
    assert (info.outcome, info.recall) == ("finished", 1.0)
    assert [r.response for r in store.export_rows(learner) if r.retracted is None] == ["Good"]


def test_a_review_is_not_reopened_while_its_work_is_being_sent(store, learner):
    """A push under way holds the store's push lock from reading the unpushed rows to
    marking them pushed (server/sync.py): the summary's undo is refused meanwhile rather
    than racing it (found in review), and works once the push is done."""
    fc = _finished_review(store, learner)
    with store.push_lock:
        with pytest.raises(ValueError, match="being sent to the class server"):
            fc.undo_last()
        assert store.session(fc.session_id).outcome == "finished"
    assert fc.undo_last().id == "card"
    assert store.session(fc.session_id).finished is None


def test_an_again_taken_back_after_another_window_rated_a_card_of_the_review(
    store, learner, tmp_path
):
    """Again queues a copy of the card at the end; another window then rates the next
    card, which this review drops (skip_cards_rated_elsewhere); taking the Again back
    removes that copy, not another card, and the dropped card stays dropped."""
    from bank_samples import CAPITALS

    from quizapp.core.loader import load_bank
    from quizapp.core.store import Store

    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    here = FlashcardSession(store, learner, bank, clock=Clock())
    order = [q.id for q in here._queue]
    assert len(order) == 3
    here.flip()
    here.rate(1)  # Again: a copy of order[0] at the end
    assert [q.id for q in here._queue] == order + [order[0]]
    assert here.skip_cards_rated_elsewhere() == 0  # nobody else wrote
    other_store = Store.open(store._db.path.parent)
    try:
        there = FlashcardSession(other_store, learner, bank, clock=Clock())
        there._index = [q.id for q in there._queue].index(order[1])
        there.flip()
        there.rate(3)
    finally:
        other_store.close()
    assert here.skip_cards_rated_elsewhere() == 1
    assert [q.id for q in here._queue] == [order[0], order[2], order[0]]
    assert here.current.id == order[2] and here.new_count == 1
    assert here.undo_last().id == order[0]
    assert [q.id for q in here._queue] == [order[0], order[2]]
    assert here.current.id == order[0] and here.flipped
    here.rate(3)
    here.flip()
    here.rate(3)
    assert here.finished and [r.question.id for r in here.results] == [order[0], order[2]]


def test_a_card_rated_again_here_then_rated_in_another_window_is_not_rated_twice(
    store, learner, tmp_path
):
    """Again here queues a copy of the card; the other window then rates that card: the
    copy still to come is dropped (it rated the card twice, before it was due, in a
    tester's two windows), while a card rated only here keeps its Again copy."""
    from bank_samples import CAPITALS

    from quizapp.core.loader import load_bank
    from quizapp.core.store import Store

    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    here = FlashcardSession(store, learner, bank, clock=Clock())
    order = [q.id for q in here._queue]
    here.flip()
    here.rate(1)  # Again: a copy of order[0] at the end
    here.flip()
    here.rate(1)  # Again: a copy of order[1] too
    assert [q.id for q in here._queue] == order + [order[0], order[1]]
    other_store = Store.open(store._db.path.parent)
    try:
        question = next(q for q in bank.questions if q.id == order[0])
        session_id = other_store.start_session(learner, bank, "flashcards")
        other_store.record_answer(session_id, question, response="Good", correct=True,
                                  credit=1.0, seconds=2.0, rating=3)
    finally:
        other_store.close()
    assert here.skip_cards_rated_elsewhere() == 1
    assert [q.id for q in here._queue] == order + [order[1]]


def test_a_card_suspended_in_another_window_leaves_this_review(store, learner, tmp_path):
    """review22b: a card suspended in a second window was still shown here and could be
    rated, though a suspended card stays out of flashcards."""
    from bank_samples import CAPITALS

    from quizapp.core.loader import load_bank
    from quizapp.core.store import Store

    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    here = FlashcardSession(store, learner, bank, clock=Clock())
    order = [q.id for q in here._queue]
    other_store = Store.open(store._db.path.parent)
    try:
        other_store.set_suspended(learner, bank.id, [order[2]], True)
    finally:
        other_store.close()
    here.flip()
    here.rate(3)
    assert here.skip_cards_rated_elsewhere() == 1
    assert [q.id for q in here._queue] == order[:2]
    here.flip()
    here.rate(3)
    assert here.finished
    assert [r.question.id for r in here.results] == order[:2]
