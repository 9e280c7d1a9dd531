"""Two windows, one learner: the card on screen here is rated in the other window (another
quizapp on the same results file) before it is turned or rated here. The review notices,
says so, and moves on instead of storing a second rating."""

from __future__ import annotations

import threading

import pytest
from bank_samples import CAPITALS as BANK
from gui_helpers import open_flashcard_screen as _screen
from PySide6.QtCore import Qt

from quizapp.core.flashcard_session import FlashcardSession
from quizapp.core.loader import load_bank
from quizapp.core.store import Store


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "capitals.yaml"
    path.write_text(BANK, encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    return result.bank


def _start(qtbot, screen, bank):
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)


def _rate_in_other_window(context, bank, question_id: str) -> None:
    other_window = Store.open(context.store._db.path.parent)
    try:
        other = FlashcardSession(other_window, context.learner_id, bank)
        while other.current.id != question_id:
            other._index += 1
        other.flip()
        other.rate(3)
    finally:
        other_window.close()


def _reviews(context) -> dict[str, int]:
    return dict(context.store._db.read(
        "SELECT question_id, count(*) FROM reviews GROUP BY question_id"))


def test_turning_a_card_rated_elsewhere_since_it_showed_moves_on(qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    shown, following = screen.session.current.id, screen.session._queue[1].id
    _rate_in_other_window(context, bank, shown)  # while its front shows here
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # turn it: it was rated meanwhile
    # Another window wrote to the file: the check (which may finish the review, a write)
    # runs on the writer thread.
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    assert screen.session.current.id == following and not screen.session.flipped
    assert screen.elsewhere_label.isVisible()
    assert "rated in your other quizapp window" in screen.elsewhere_label.text()
    assert _reviews(context) == {shown: 1}
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the next card turns as usual
    assert screen.session.flipped and not screen.elsewhere_label.isVisible()


def test_rating_a_card_rated_elsewhere_since_it_showed_stores_no_second_rating(
        qtbot, context, bank):
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    shown, following = screen.session.current.id, screen.session._queue[1].id
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # turned here first
    assert screen.session.flipped
    _rate_in_other_window(context, bank, shown)  # then rated there
    rated = []
    screen.card_rated.connect(rated.append)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    assert rated == [] and screen.session.answers == []
    assert screen.session.current.id == following
    assert screen.elsewhere_label.isVisible()
    assert _reviews(context) == {shown: 1}  # the other window's rating only
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    assert _reviews(context) == {shown: 1, following: 1}
    assert not screen.elsewhere_label.isVisible()


def test_a_card_rated_here_earlier_is_not_taken_for_one_rated_elsewhere(context, bank):
    store, learner = context.store, context.learner_id
    session = FlashcardSession(store, learner, bank)
    first = session.current.id
    session.flip()
    session.rate(1)  # Again: it comes back at the end of this review
    while session.current.id != first:
        session.flip()
        session.rate(3)
    other_window = Store.open(store._db.path.parent)
    try:  # the file changed (data_version), not this card
        other_window.create_learner("Bo")
    finally:
        other_window.close()
    assert store.data_version() != session._shown_version
    assert not session.drop_current_if_rated_elsewhere()
    assert session.current.id == first
    session.flip()
    session.rate(3)
    assert session.finished


def test_turning_the_last_card_rated_elsewhere_ends_the_review_on_the_writer_thread(
        qtbot, context, bank, monkeypatch):
    """Dropping the last card finishes the review, a store write: it runs on the writer
    thread, announced as the learner's session change, and the summary shows after it."""
    import threading

    from quizapp.gui.changes import Changes

    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    while screen.session.position < screen.session.total:  # rate all but the last here
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        with qtbot.waitSignal(screen.card_rated, timeout=10000):
            qtbot.keyClick(screen, Qt.Key.Key_3)
    last = screen.session.current.id
    _rate_in_other_window(context, bank, last)
    finishes = []
    finish = context.store.finish_session
    monkeypatch.setattr(context.store, "finish_session", lambda *a, **k: (
        finishes.append(threading.current_thread() is threading.main_thread()),
        finish(*a, **k))[1])
    announced = []
    context.events.store_changed.connect(announced.append)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    assert screen.session.finished and screen.pages.currentIndex() == 1  # the summary
    assert screen.elsewhere_label.isVisible()
    assert finishes == [False]  # once, on the writer thread
    assert announced == [Changes.session(context.learner_id, bank.id)]
    assert _reviews(context)[last] == 1


def test_turning_a_card_never_waits_for_the_store_on_the_gui_thread(qtbot, context, bank):
    # Another thread holds the store's connection (an answer being saved, the statistics
    # catching up, a class sync): Space turns the card without the GUI thread waiting for
    # it (it read data_version through that lock, and the window froze meanwhile).
    screen = _screen(qtbot, context)
    _start(qtbot, screen, bank)
    held, release, released = threading.Event(), threading.Event(), threading.Event()

    def hold_the_store():
        with context.store._db.lock:
            held.set()
            release.wait(5)
            released.set()

    holder = threading.Thread(target=hold_the_store)
    holder.start()
    try:
        assert held.wait(5)
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        assert not released.is_set()  # the key was handled while the store was held
    finally:
        release.set()
        holder.join(5)
    qtbot.waitUntil(lambda: not screen.busy and screen.session.flipped, timeout=10000)
    assert screen.elsewhere_label.isHidden()
