"""Suspending a card in the real flashcard screen: "@" or More > Suspend card keeps the
card shown out of study (the store has it first), the next card shows at once, Ctrl+Z
brings it back; More > Suspended cards… lists the bank's suspended cards and brings the
selected ones back."""

import pytest
from gui_helpers import (
    choose_from_more,
    open_flashcard_screen,
    open_suspended_cards,
    start_review,
    written,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


@pytest.fixture
def bank(capitals):
    """The three capitals flashcards (shared_fixtures)."""
    return capitals


def _with_the_first_card_suspended(qtbot, context, bank):
    """The flashcard screen of a review of `bank`, its first card suspended with the @ key."""
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    with qtbot.waitSignal(screen.card_suspended, timeout=10000):
        qtbot.keyClick(screen, "@")
    return screen


def _suspended(context, bank):
    return set(context.store.suspended_questions(context.learner_id, bank.id))


def test_the_at_key_suspends_the_card_shown_and_ctrl_z_brings_it_back(qtbot, context, bank):
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    assert screen.session.current.id == "fr"
    assert "3 new" in screen.counts.text()
    with qtbot.waitSignal(screen.card_suspended, timeout=10000) as suspended:
        qtbot.keyClick(screen, "@")
    assert suspended.args == ["fr"]
    assert _suspended(context, bank) == {"fr"}  # committed before the next card showed
    assert "Japan" in screen.front_view.toPlainText()
    assert "2 new" in screen.counts.text()
    assert screen.elsewhere_label.isVisible()
    assert "Suspended “Capital of France?”" in screen.elsewhere_label.text()  # no ** shown
    assert screen.undo_button.isVisible() and screen.undo_button.text() == "Undo suspend"
    with qtbot.waitSignal(screen.card_unsuspended, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _suspended(context, bank) == set()
    assert "France" in screen.front_view.toPlainText()
    assert not screen.elsewhere_label.isVisible()
    assert "3 new" in screen.counts.text()
    # The card's ratings are as they were: none was given.
    assert list(context.store.export_rows(context.learner_id)) == []


def test_more_suspend_card_moves_on_and_a_new_review_leaves_the_card_out(qtbot, context, bank):
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_3)  # fr Good
    assert screen.session.current.id == "jp"
    with qtbot.waitSignal(screen.card_suspended, timeout=10000):
        choose_from_more(qtbot, screen, screen.more.suspend_action)
    assert _suspended(context, bank) == {"jp"}
    assert "Italy" in screen.front_view.toPlainText()
    written(qtbot, context)
    screen.abandon_session()
    written(qtbot, context)
    start_review(qtbot, screen, bank)  # a new review: "it" is the one new card left
    assert [q.id for q in screen.session.new_cards] == ["it"]


def test_suspended_cards_dialog_lists_them_and_brings_the_selected_back(qtbot, context, bank):
    context.store.set_suspended(context.learner_id, bank.id, ["fr", "it"], True)
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    assert [q.id for q in screen.session.new_cards] == ["jp"]
    dialog = open_suspended_cards(qtbot, screen, listed=2)
    assert "2 cards of this bank suspended" in dialog.note.text()
    texts = [dialog.cards.item(n).text() for n in range(2)]
    assert any(t.startswith("Capital of Italy?") for t in texts)
    italy = next(n for n, t in enumerate(texts) if t.startswith("Capital of Italy?"))
    item = dialog.cards.item(italy)
    qtbot.mouseClick(dialog.cards.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.cards.visualItemRect(item).center())
    assert dialog.cards.selectedItems() == [item]
    with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000) as brought:
        qtbot.mouseClick(dialog.bring_back_button, Qt.MouseButton.LeftButton)
    assert brought.args == [["it"]]
    assert _suspended(context, bank) == {"fr"}
    qtbot.waitUntil(lambda: dialog.cards.count() == 1, timeout=10000)
    assert dialog.cards.item(0).text().startswith("Capital of France? — suspended")
    dialog.close()


def test_leaving_after_a_suspension_says_it_stays_not_that_nothing_is_recorded(
        qtbot, context, bank):
    screen = _with_the_first_card_suspended(qtbot, context, bank)
    seen = []

    def read_and_stay():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())
        qtbot.mouseClick(box.findChild(QPushButton, "stay"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, read_and_stay)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    assert seen == ["You have not rated any card yet: the cards stay due. The card you "
                    "suspended stays suspended."]
    assert screen.session is not None and not screen.session.finished


def test_the_dialog_with_one_suspended_card_says_it(qtbot, context, bank):
    context.store.set_suspended(context.learner_id, bank.id, ["jp"], True)
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    dialog = open_suspended_cards(qtbot, screen, listed=1)
    assert dialog.note.text().startswith("1 card of this bank suspended: it stays out of")
    with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000):
        qtbot.keyClick(dialog.cards, Qt.Key.Key_Return)  # Enter on the list: Bring back
    assert _suspended(context, bank) == set()
    dialog.close()


def test_the_card_just_suspended_brought_back_in_the_dialog_rejoins_the_review(
        qtbot, context, bank):
    """review22b: the note, Undo suspend and the Leave question still said it was suspended."""
    screen = _with_the_first_card_suspended(qtbot, context, bank)  # France
    assert "Japan" in screen.front_view.toPlainText()
    dialog = open_suspended_cards(qtbot, screen, listed=1)
    with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000):
        qtbot.keyClick(dialog.cards, Qt.Key.Key_Return)
    dialog.close()
    qtbot.waitUntil(lambda: "France" in screen.front_view.toPlainText(), timeout=10000)
    assert not screen.elsewhere_label.isVisible()
    assert screen.session.suspended == []
    assert screen.undo_button.text() != "Undo suspend"
    assert "3 new" in screen.counts.text()



def _rate_good(qtbot, screen):
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_3)


def test_a_new_card_brought_back_at_the_end_of_a_review_can_be_reviewed_now(qtbot, context, bank):
    """polish23: the summary offered nothing for the new card just brought back."""
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    _rate_good(qtbot, screen)  # France
    _rate_good(qtbot, screen)  # Japan
    with qtbot.waitSignal(screen.card_suspended, timeout=10000):
        qtbot.keyClick(screen, "@")  # Italy, the last card: the summary shows
    assert screen.session.finished and not screen.again_button.isVisible()
    dialog = open_suspended_cards(qtbot, screen, listed=1)
    with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000):
        qtbot.keyClick(dialog.cards, Qt.Key.Key_Return)
    dialog.close()
    qtbot.waitUntil(screen.again_button.isVisible, timeout=10000)
    assert "The new card you brought back waits: review it now." in screen.done_label.text()
    assert not screen.elsewhere_label.isVisible()  # it said the card stayed suspended
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        qtbot.mouseClick(screen.again_button, Qt.MouseButton.LeftButton)
    assert [q.id for q in screen.session.new_cards] == ["it"]
    assert "Italy" in screen.front_view.toPlainText()


def test_a_new_card_suspended_before_and_brought_back_during_a_review_waits_at_its_end(
        qtbot, context, bank):
    context.store.set_suspended(context.learner_id, bank.id, ["it"], True)
    screen = open_flashcard_screen(qtbot, context)
    start_review(qtbot, screen, bank)
    dialog = open_suspended_cards(qtbot, screen, listed=1)
    with qtbot.waitSignal(dialog.cards_unsuspended, timeout=10000):
        qtbot.keyClick(dialog.cards, Qt.Key.Key_Return)
    dialog.close()
    screen.activateWindow()  # offscreen, no window manager hands it back after the dialog
    qtbot.waitUntil(screen.isActiveWindow)
    # Space turns the card, as before the dialog (it pressed More, still focused: its menu)
    _rate_good(qtbot, screen)  # France
    _rate_good(qtbot, screen)  # Japan: the review's last card
    qtbot.waitUntil(screen.again_button.isVisible, timeout=10000)
    assert "The new card you brought back waits" in screen.done_label.text()
