"""A card with a short front and a long back, at large fonts: the back takes the room its
text needs (front and back got equal halves: the back showed two lines and a tiny scroll
bar) and PageDown / PageUp scroll it (its scroll bar was out of the keyboard's reach)."""

from __future__ import annotations

import pytest
from gui_helpers import open_flashcard_screen
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank

LONG = ("U.S. Trade Representative. In Washington he said the United States will open"
        " Japan's auto markets one way or another; he told the National Association of"
        " Manufacturers that the sanctions list stands unless the talks bring real"
        " access for American parts makers, and that the deadline will not move. ") * 4
BANK = f"""\
title: People
id: people
questions:
  - id: kantor
    type: flashcard
    front: Mickey Kantor
    back: "{LONG}"
"""


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(BANK, encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None, [p.format() for p in result.problems]
    return result.bank


def turned_card(qtbot, context, bank):
    screen = open_flashcard_screen(qtbot, context)
    font = screen.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # the tester's large text
    screen.setFont(font)
    screen.resize(800, 520)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Space)  # turn it over
    qtbot.waitUntil(screen.back_view.isVisible)
    return screen


def test_a_long_back_takes_the_room_a_short_front_leaves(qtbot, context, bank):
    screen = turned_card(qtbot, context, bank)
    front, back = screen.front_view, screen.back_view
    # the whole front still shows; the back has most of the card
    qtbot.waitUntil(lambda: back.height() > 2 * front.height())
    assert front.verticalScrollBar().maximum() == 0


def test_page_down_and_page_up_scroll_a_long_back(qtbot, context, bank):
    screen = turned_card(qtbot, context, bank)
    bar = screen.back_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # longer than the card, even so
    assert screen.focusWidget() is screen.rating_buttons[3]  # keys go where they rate
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_PageUp)
    assert bar.value() == 0
    assert screen.back_view.isVisible()  # no key of these turned or rated the card
