"""Keys do what the focus shows: Enter (and on the flashcard screen Space) on a focused,
outlined button presses that button, on the quiz, exam, flashcard and library screens and
the window's other screens (learners, progress, teacher); the screen's main action (submit, turn the card, start a quiz) only when the focus is on
the answer or the list. On the progress page every Tab stop is outlined and scrolled into
view, and PageUp/PageDown scroll the page. Real keys, pressed on the focused widget."""

from __future__ import annotations

from gui_helpers import (
    focused,
    learner_ids,
    make_context,
    make_screen,
    open_flashcard_screen,
    press,
    settle,
    settled,
    shown_library_window,
    store_with_history,
)
from helpers import library_rows
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

from quizapp.core.model import Bank, TrueFalse
from quizapp.core.session import QuizSession
from quizapp.gui.flashcard_screen import FlashcardScreen
from quizapp.gui.leave_dialog import title_bar_width
from quizapp.gui.progress_screen import ProgressScreen
from quizapp.gui.theme import LIGHT, stylesheet_for

TAB, BACKTAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return

BANK = Bank(id="focus", title="Focus", questions=(
    TrueFalse(id="tf", prompt="The talks were held in Geneva.", answer=True),
    TrueFalse(id="tf2", prompt="Mickey Kantor led the U.S. side.", answer=True),
))


def quiz_screen(qtbot, store, learner, mode: str = "quiz"):
    session = QuizSession(store, learner.id, BANK, mode=mode, shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen, session


def tab_to(qtbot, screen, target, key=TAB, most: int = 25) -> None:
    """Press Tab (or Shift+Tab) on the focused widget until `target` has the focus."""
    for _ in range(most):
        if focused(screen) is target:
            return
        qtbot.keyClick(focused(screen), key)
    assert focused(screen) is target, f"{target.text()!r} never got the focus"


def click_in_next_dialog(button_name: str) -> list[str]:
    """When the next modal dialog shows, note its name and click its button `button_name`.
    The names of the dialogs seen go into the returned list (empty: none showed)."""
    seen: list[str] = []
    tries = [0]

    def click() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            tries[0] += 1
            if tries[0] < 40:  # two seconds
                QTimer.singleShot(50, click)
            return
        seen.append(box.objectName())
        button = box.findChild(QPushButton, button_name)
        assert button is not None, f"no {button_name!r} in {box.objectName()}"
        button.click()

    QTimer.singleShot(0, click)
    return seen


def activate(qtbot, screen) -> None:
    """The window active again, as the window manager makes it once a dialog closes (the
    offscreen platform does not): keys reach the focus, shortcuts fire."""
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)


def recorded(store, learner) -> list:
    return [(r.question_id, r.response) for r in store.export_rows(learner.id)
            if r.retracted is None]


# --------------------------------------------------------------------------- quiz


def test_enter_on_the_focused_leave_button_asks_to_leave_instead_of_submitting(
        qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner)
    left = []
    screen.session_left.connect(lambda: left.append(True))
    tab_to(qtbot, screen, screen.leave_button, BACKTAB)
    seen = click_in_next_dialog("stay")
    press(qtbot, screen, ENTER)
    qtbot.waitUntil(lambda: seen != [], timeout=3000)
    assert seen == ["leave_confirmation"]
    # not "No answer yet… press Enter again to skip", and nothing recorded
    assert not screen.hint_label.isVisible()
    assert session.answers == [] and recorded(store, learner) == []

    # Stay puts the focus back on the answer; at Leave again, Enter and Leave leave,
    # with no blank answer recorded (it was scored Wrong).
    activate(qtbot, screen)
    tab_to(qtbot, screen, screen.leave_button, BACKTAB)
    seen = click_in_next_dialog("leave")
    press(qtbot, screen, ENTER)
    qtbot.waitUntil(lambda: left == [True], timeout=3000)
    assert seen == ["leave_confirmation"]
    assert recorded(store, learner) == []


def test_enter_on_the_answer_still_submits_and_on_undo_takes_it_back(qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner)
    press(qtbot, screen, "1")  # True
    with qtbot.waitSignal(screen.answer_submitted):
        press(qtbot, screen, ENTER)  # the focus is on the answer: Enter submits
    assert recorded(store, learner) == [("tf", True)]
    assert focused(screen) is screen.submit_button  # "Next"
    tab_to(qtbot, screen, screen.undo_button)
    with qtbot.waitSignal(screen.answer_retracted):
        press(qtbot, screen, ENTER)  # not "Next": the outlined "Undo answer"
    settle(qtbot, screen)
    assert recorded(store, learner) == [] and session.current.id == "tf"
    assert session.state == "asking"


# --------------------------------------------------------------------------- exam


def test_enter_on_hand_in_asks_to_hand_in_and_submits_nothing(qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner, "exam")
    tab_to(qtbot, screen, screen.exam_panel.hand_in_button)
    seen = click_in_next_dialog("go_back")
    press(qtbot, screen, ENTER)
    qtbot.waitUntil(lambda: seen != [], timeout=3000)
    assert seen == ["hand_in_confirmation"]
    assert not screen.hint_label.isVisible()  # no "No answer yet…"
    assert session.answers == [] and recorded(store, learner) == []
    assert session.state == "asking" and session.current.id == "tf"


def test_enter_on_flag_flags_the_question_and_submits_nothing(qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner, "exam")
    tab_to(qtbot, screen, screen.exam_panel.flag_button)
    press(qtbot, screen, ENTER)
    assert screen.exam_panel.flag_button.isChecked()
    assert session.flagged == frozenset({"tf"})
    assert not screen.hint_label.isVisible()
    assert session.answers == [] and recorded(store, learner) == []


# --------------------------------------------------------------------------- flashcards


def flashcard_screen(qtbot, context, bank) -> FlashcardScreen:
    screen = open_flashcard_screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    return screen


def test_enter_or_space_on_the_focused_leave_button_asks_to_leave(qtbot, context, capitals):
    screen = flashcard_screen(qtbot, context, capitals)
    assert focused(screen) is screen.flip_button
    for key in (ENTER, Qt.Key.Key_Space):
        tab_to(qtbot, screen, screen.leave_button)
        seen = click_in_next_dialog("stay")
        qtbot.keyClick(focused(screen), key)
        qtbot.waitUntil(lambda s=seen: s != [], timeout=3000)
        assert seen == ["leave_confirmation"]
        assert not screen.session.flipped  # the card did not turn
        activate(qtbot, screen)
        assert focused(screen) is screen.flip_button  # Stay: back to the card
    # On the button that says so, Enter still turns the card; "3 Good" gets the focus.
    qtbot.keyClick(focused(screen), ENTER)
    assert screen.session.flipped and focused(screen) is screen.rating_buttons[3]
    qtbot.keyClick(focused(screen), Qt.Key.Key_Space)  # on a rating Space turns it back
    assert not screen.session.flipped
    assert list(context.store.export_rows(context.learner_id)) == []


def test_enter_on_the_summarys_undo_takes_the_last_rating_back(qtbot, context, capitals):
    screen = flashcard_screen(qtbot, context, capitals)
    while not screen.session.finished:
        qtbot.keyClick(focused(screen), Qt.Key.Key_Space)
        with qtbot.waitSignal(screen.card_rated, timeout=10000):
            qtbot.keyClick(focused(screen), ENTER)  # "3 Good", focused
    settled(qtbot, screen)
    assert focused(screen) is screen.done_button
    finished = []
    screen.session_finished.connect(finished.append)
    tab_to(qtbot, screen, screen.done_undo_button, BACKTAB)
    with qtbot.waitSignal(screen.rating_retracted, timeout=10000):
        qtbot.keyClick(focused(screen), ENTER)
    assert finished == [] and not screen.session.finished
    rows = [r for r in context.store.export_rows(context.learner_id) if r.retracted is None]
    assert len(rows) == 2


# --------------------------------------------------------------------------- library


def test_enter_on_a_focused_library_button_presses_it(qtbot, open_library_window, tmp_path):
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["U.S.-Japan auto trade talks (1995)"])
    screen.tree.setFocus()
    tab_to(qtbot, screen, screen.flash_button)
    flashcards = win.screen_named("flashcards")
    with qtbot.waitSignal(flashcards.review_started, timeout=10000):
        qtbot.keyClick(focused(screen), ENTER)
    assert win.current_screen_name() == "flashcards"
    assert flashcards.session is not None


# --------------------------------------------------------------------------- progress


def progress_screen(qtbot, tmp_path, banks):
    """The progress screen of a learner with a history, in the light theme, 1000x640 (the
    page scrolls), shown and active."""
    store = store_with_history(tmp_path / "history", banks)
    context = make_context(store, banks)
    context.learner_id = learner_ids(store)["Ben"]
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    screen.setStyleSheet(stylesheet_for(LIGHT, screen.font().pointSizeF()))
    screen.resize(1000, 640)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen, store


def page_of(screen) -> QScrollArea:
    page = screen.pages.currentWidget()
    assert isinstance(page, QScrollArea)
    return page


def in_view(page: QScrollArea, widget) -> bool:
    """Whether the whole of `widget`, inside the page, shows in the page's view."""
    top = widget.mapTo(page.viewport(), QPoint(0, 0)).y()
    return 0 <= top and top + widget.height() <= page.viewport().height()


def ring_pixels(widget) -> int:
    """How many pixels of the widget, as drawn now, have the focus ring's colour."""
    image = widget.grab().toImage()
    ring = QColor(LIGHT.focus).rgb()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixel(x, y) == ring)


def test_every_tab_stop_of_the_progress_page_is_outlined_and_in_view(qtbot, tmp_path, banks):
    screen, store = progress_screen(qtbot, tmp_path, banks)
    page = page_of(screen)
    screen.bank_combo.setFocus()
    stops = []
    for _ in range(20):  # Tab round the screen, back to where it began
        qtbot.keyClick(focused(screen), TAB)
        widget = focused(screen)
        if widget is screen.bank_combo:
            break
        stops.append(widget)
        assert widget is not page, "the page itself took the focus, with no outline"
        if page.isAncestorOf(widget):  # scrolled into view, whole
            qtbot.waitUntil(lambda w=widget: in_view(page, w), timeout=3000)
        assert ring_pixels(widget) > widget.width() + widget.height(), widget.accessibleName()
    assert focused(screen) is screen.bank_combo, f"Tab stayed in {stops[-1].accessibleName()!r}"
    assert stops == [screen.refresh_button, screen.score_chart, screen.tag_chart,
                     screen.activity_chart, screen.due_chart, screen.practice_button,
                     screen.weak_table]
    # Shift+Tab round the other way ends on the table, at the foot of the page: in view.
    page.verticalScrollBar().setValue(0)
    qtbot.keyClick(focused(screen), BACKTAB)
    assert focused(screen) is screen.weak_table
    qtbot.waitUntil(lambda: in_view(page, screen.weak_table), timeout=3000)
    store.close()


def test_page_down_and_page_up_scroll_the_progress_page(qtbot, tmp_path, banks):
    screen, store = progress_screen(qtbot, tmp_path, banks)
    bar = page_of(screen).verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    for start in (screen.refresh_button, screen.score_chart, screen.bank_combo):
        start.setFocus()
        bar.setValue(0)
        chosen = screen.bank_combo.currentIndex()
        qtbot.keyClick(focused(screen), Qt.Key.Key_PageDown)
        assert bar.value() > 0, start.accessibleName()
        assert screen.bank_combo.currentIndex() == chosen  # the page, not the bank
        qtbot.keyClick(focused(screen), Qt.Key.Key_PageUp)
        assert bar.value() == 0, start.accessibleName()
    store.close()


# --------------------------------------------------------------------------- leaving


def leave_question(qtbot, screen, key_target) -> tuple[str, str, int, int]:
    """Esc, and the Leave question as it shows: (title, what it says, its width, the
    width a title bar needs for its title); Stay is chosen."""
    seen: list[tuple[str, str, int, int]] = []

    def read_and_stay() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, read_and_stay)
            return
        seen.append((box.windowTitle(), box.informativeText(), box.width(),
                     title_bar_width(box)))
        box.findChild(QPushButton, "stay").click()

    QTimer.singleShot(0, read_and_stay)
    qtbot.keyClick(key_target, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: seen != [], timeout=3000)
    return seen[0]


def test_leaving_after_an_answer_taken_back_says_it_stays_in_the_record(qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner)
    press(qtbot, screen, "1")
    with qtbot.waitSignal(screen.answer_submitted):
        press(qtbot, screen, ENTER)
    with qtbot.waitSignal(screen.answer_retracted):
        press(qtbot, screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _title, text, _width, _needed = leave_question(qtbot, screen, focused(screen))
    assert "nothing is recorded" not in text
    assert "The answer you took back stays in the record, marked as taken back" in text
    assert "does not count as an attempt" in text
    retracted = [r for r in store.export_rows(learner.id) if r.retracted is not None]
    assert len(retracted) == 1  # what the question says is so


def test_leaving_an_exam_counts_a_changed_answer_once(qtbot, store, learner):
    screen, session = quiz_screen(qtbot, store, learner, "exam")
    press(qtbot, screen, "1")
    press(qtbot, screen, ENTER)  # recorded; on to the second question
    assert session.current.id == "tf2"
    screen.exam_panel.question_list.setFocus()
    press(qtbot, screen, "1")  # back to question 1, its answer shown
    press(qtbot, screen, ENTER)  # into the question
    press(qtbot, screen, "2")  # False instead
    press(qtbot, screen, ENTER)
    assert len(session.answers) == 2 and session.unanswered == 1
    activate(qtbot, screen)
    _title, text, _width, _needed = leave_question(qtbot, screen, focused(screen))
    assert "Your answer is saved and counts" in text  # not "Your 2 answers"
    assert "The earlier answer you changed stays in the record, marked as taken back" in text


def test_leaving_flashcards_after_a_rating_taken_back_says_it_stays(qtbot, context, capitals):
    screen = flashcard_screen(qtbot, context, capitals)
    qtbot.keyClick(focused(screen), Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(focused(screen), ENTER)
    with qtbot.waitSignal(screen.rating_retracted, timeout=10000):
        qtbot.keyClick(focused(screen), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    title, text, width, needed = leave_question(qtbot, screen, focused(screen))
    assert "nothing is recorded" not in text
    assert "The rating you took back stays in the record, marked as taken back" in text
    assert "the cards stay due" in text.lower()
    # The box is as wide as a title bar needs for "Leave these flashcards?" (openbox cut
    # it to "Leave th… shcards?").
    assert title == "Leave these flashcards?" and width >= needed


def test_enter_on_a_focused_button_of_the_learners_screen_presses_it(qtbot, open_main_window):
    """Screens with no Enter of their own (learners, progress, teacher): the window
    presses the focused button."""
    win = open_main_window()
    store = win.context.store
    ana, ben = store.create_learner("Ana").id, store.create_learner("Ben").id
    win.set_learner(ana)
    win.show_learners()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen = win.learner_screen
    screen.list.setCurrentRow(1)  # Ben
    screen.list.setFocus()
    tab_to(qtbot, screen, screen.continue_button)
    with qtbot.waitSignal(screen.learner_chosen, timeout=5000) as chosen:
        qtbot.keyClick(focused(screen), ENTER)
    assert chosen.args == [ben]
