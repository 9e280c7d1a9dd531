"""A card suspended on the learner's other computer, pulled by the class sync while a
review is open here (review23c): it leaves the review without a key landing on the card
after it, also when the pull comes while a rating is written, and the keys go on acting on
the card shown."""

from __future__ import annotations

import threading

from gui_helpers import open_flashcard_screen, start_review
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.gui.changes import Changes


def _pulled(context, bank, question_id: str) -> None:
    """The suspension of `question_id` as the class sync brings it: in the store, then
    announced as pulled rows."""
    context.store.set_suspended(context.learner_id, bank.id, [question_id], True)
    context.events.announce(Changes.synced(context.learner_id, frozenset({bank.id})))


def _writer_held(context) -> threading.Event:
    """The writer thread busy with another write until the event is set."""
    gate = threading.Event()
    context.operations.write(lambda _store: gate.wait(10), lambda _done: None,
                             changes=Changes())
    return gate


def _back_shown(qtbot, context, bank):
    """A review of `bank` with its first card turned (Space): the screen and its session."""
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.session.flipped)
    return screen, screen.session


def test_a_rating_key_while_the_shown_card_leaves_rates_no_card(qtbot, context, capitals):
    screen, session = _back_shown(qtbot, context, capitals)
    shown = session.current.id
    gate = _writer_held(context)
    _pulled(context, capitals, shown)
    qtbot.keyClick(screen, Qt.Key.Key_3)  # the learner rates what they see, as it leaves
    gate.set()
    qtbot.waitUntil(lambda: not screen.busy and session.current.id != shown)
    assert list(context.store.export_rows(context.learner_id)) == []  # no card rated unseen


def test_a_pull_during_a_rating_is_looked_at_after_it(qtbot, context, capitals):
    screen, session = _back_shown(qtbot, context, capitals)
    gate = _writer_held(context)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.busy  # the rating waits for the writer
    following = session._queue[session._index + 1].id  # the card after the one rated
    _pulled(context, capitals, following)
    gate.set()
    qtbot.waitUntil(lambda: not screen.busy and session.current is not None
                    and following not in {q.id for q in session._queue[session._index:]})
    assert session.current.id != following


def test_the_next_cards_keys_after_the_shown_card_left(qtbot, context, capitals):
    screen, session = _back_shown(qtbot, context, capitals)
    shown = session.current.id
    _pulled(context, capitals, shown)
    qtbot.waitUntil(lambda: session.current.id != shown)
    # the next card's front: Space or Enter turns it (before: the focus was on Leave)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.flip_button)


def test_a_sync_that_fails_after_pulling_still_lets_the_pulled_suspension_leave(
        qtbot, context, capitals, monkeypatch):
    """A sync that fails part way (the network lost after a pull was committed): what it
    wrote is not known, so it is announced as everything, pulled rows among it."""
    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import sync

    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, capitals)
    shown = screen.session.current.id

    def pulled_then_lost(store, *args, **kwargs):
        store.set_suspended(context.learner_id, capitals.id, [shown], True)
        raise OSError("the network went away")

    monkeypatch.setattr(sync, "sync", pulled_then_lost)
    monkeypatch.setattr(ClassSync, "enabled", lambda self: True)  # signed in to a class
    class_sync = ClassSync(context.store)
    class_sync.changes_announced.connect(context.events.announce)
    try:
        with qtbot.waitSignal(class_sync.sync_finished, timeout=20000):
            class_sync.sync_soon()
        qtbot.waitUntil(lambda: screen.session.current.id != shown)
    finally:
        class_sync.stop()
