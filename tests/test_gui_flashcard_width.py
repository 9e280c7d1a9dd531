"""The flashcard keeps its width as it turns and as "Undo rating" appears: the reading
column round the card widened with its row of buttons ("1 Again · 1 m" on the back, then
"Undo rating"), so the card changed width under the learner's eyes."""

from __future__ import annotations

import pytest
from bank_samples import CAPITALS
from gui_helpers import open_flashcard_screen
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.loader import load_bank


def laid_out() -> None:
    """Every layout asked for so far done (Qt lays out on a posted event)."""
    for _ in range(3):  # a layout may ask for the one above it
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


@pytest.mark.parametrize("width", [1000, 1280])
def test_the_card_keeps_its_width_as_it_turns_and_is_rated(qtbot, context, tmp_path, width):
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    screen = open_flashcard_screen(qtbot, context)
    screen.resize(width, 700)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    laid_out()
    front = screen.card.width()
    assert front > 0
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # turned: the ratings say when it comes back
    qtbot.waitUntil(lambda: screen.rating_buttons[3].text().startswith("3 Good · "))
    laid_out()
    assert screen.card.width() == front
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_1)  # Again: the review goes on, Undo shows
    qtbot.waitUntil(screen.undo_button.isVisible)
    laid_out()
    assert screen.card.width() == front
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.rating_buttons[3].text().startswith("3 Good · "))
    laid_out()
    assert screen.card.width() == front
