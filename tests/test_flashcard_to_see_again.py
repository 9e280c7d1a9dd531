"""FlashcardSession.to_see_again, counted from the queue's tail, against the plain count
over every card still to come, through random reviews: ratings (Again queues a card
again), undos and suspensions, with a real store."""

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


@pytest.mark.parametrize("seed", range(8))
def test_to_see_again_is_the_rated_cards_still_to_come(tmp_path, seed):
    draw = random.Random(seed)
    store = Store.open(tmp_path)
    session = FlashcardSession(store, store.create_learner("Ada").id, CARDS, now=T0)
    seen_again = 0
    for _ in range(60):
        if session.finished:
            if not session.can_undo:
                break
            session.undo_last()
        else:
            move = draw.random()
            if move < 0.12 and session.can_undo:
                session.undo_last()
            elif move < 0.18:
                session.suspend_current()
            else:
                session.flip()
                session.rate(draw.choice((1, 1, 2, 3, 4)))
        assert session.to_see_again == plain_to_see_again(session)
        seen_again = max(seen_again, session.to_see_again)
    assert seen_again > 0  # Again did queue cards again in this draw
    store.close()
