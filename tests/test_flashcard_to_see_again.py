"""FlashcardSession.to_see_again, counted from the queue's tail, against the plain count
over every card still to come, through random reviews: ratings (Again queues a card
again), undos and suspensions here, and cards rated, suspended and brought back in another
window on the same file, with real stores. And Ctrl+Z after the other window took the card
just rated Again."""

import random
from datetime import UTC, datetime

import pytest

from quizapp.core.flashcard_session import FlashcardSession
from quizapp.core.model import Bank, Flashcard
from quizapp.core.store import Store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
CARDS = Bank(
    id="cards",
    title="Cards",
    questions=tuple(Flashcard(id=f"c{i}", prompt=f"Front {i}", back=f"Back {i}")
                    for i in range(6)),
)


def plain_to_see_again(session: FlashcardSession) -> int:
    """The reference: every card still to come that this review has rated."""
    if session.finished:
        return 0
    upcoming = session._queue[session._index:]  # noqa: SLF001 (the reference reads the queue)
    return sum(1 for card in upcoming if card.id in session._first)  # noqa: SLF001


def rate_elsewhere(other: Store, learner: int, question_id: str) -> None:
    session_id = other.start_session(learner, CARDS, "flashcards")
    question = next(q for q in CARDS.questions if q.id == question_id)
    other.record_answer(session_id, question, response="Good", correct=True, credit=1.0,
                        seconds=1.0, rating=3)


# Seeds 67 and 70 drew Ctrl+Z after the other window had taken the card just rated Again:
# it raised IndexError (see the last test).
@pytest.mark.parametrize("seed", [*range(10), 67, 70])
def test_to_see_again_is_the_rated_cards_still_to_come(tmp_path, seed):
    draw = random.Random(seed)
    store = Store.open(tmp_path)
    other = Store.open(tmp_path)  # another window on the same file
    learner = store.create_learner("Ada").id
    session = FlashcardSession(store, learner, CARDS, now=T0)
    seen_again = 0
    for _ in range(50):
        if session.finished:
            if not session.can_undo:
                break
            session.undo_last()
        else:
            move = draw.choice(["rate"] * 6 + ["again"] * 3 + [
                "undo", "suspend", "rated elsewhere", "suspended elsewhere",
                "brought back elsewhere", "skip", "drop", "leave out"])
            if move in ("rate", "again"):
                session.flip()
                session.rate(1 if move == "again" else draw.choice((1, 2, 3, 4)))
            elif move == "undo" and session.can_undo:
                session.undo_last()
            elif move == "suspend":
                session.suspend_current()
            elif move == "rated elsewhere":
                rate_elsewhere(other, learner, draw.choice(CARDS.questions).id)
            elif move == "suspended elsewhere":
                other.set_suspended(learner, CARDS.id, [draw.choice(CARDS.questions).id], True)
            elif move == "brought back elsewhere":
                suspended = sorted(other.suspended_questions(learner, CARDS.id))
                if suspended:
                    back = draw.choice(suspended)
                    other.set_suspended(learner, CARDS.id, [back], False)
                    session.brought_back([back])
            elif move == "skip":
                session.skip_cards_rated_elsewhere()
            elif move == "drop":
                session.drop_current_if_rated_elsewhere()
            elif move == "leave out":
                session.leave_out_suspended_elsewhere()
        assert session.to_see_again == plain_to_see_again(session)
        seen_again = max(seen_again, session.to_see_again)
    assert seen_again > 0  # Again did queue cards again in this draw
    other.close()
    store.close()


def test_no_undo_once_the_other_window_took_the_card_just_rated_again(tmp_path):
    """Again on c0 here; the other window rates c0 and c1; turning c1 here drops both
    (the copy of c0 would rate it twice). The last rating's copy is gone with its card, so
    there is nothing to take back: Ctrl+Z deleted past the queue's end, after the store
    had retracted the answer, and the screen said the rating stood."""
    store = Store.open(tmp_path)
    learner = store.create_learner("Ada").id
    session = FlashcardSession(store, learner, CARDS, now=T0)
    session.flip()
    session.rate(1)
    assert session.can_undo and session.to_see_again == 1
    other = Store.open(tmp_path)
    for question_id in ("c0", "c1"):
        rate_elsewhere(other, learner, question_id)
    other.close()
    assert session.drop_current_if_rated_elsewhere()
    assert not session.can_undo
    assert session.to_see_again == 0 and session.current.id == "c2"
    assert session.rated == 1  # the Again here stands, in the store too
    rows = list(store.export_rows(learner, CARDS.id))
    assert sorted((row.question_id, row.response) for row in rows) == [
        ("c0", "Again"), ("c0", "Good"), ("c1", "Good")]
    store.close()
