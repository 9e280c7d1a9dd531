"""At 800x600 zoomed as far as the app goes (Ctrl+= to the last step), nothing is wider
than the window: text wraps, a row of buttons wraps, nothing scrolls sideways. A tester
found the flashcard screen cut on the right ("Leave" read "L", the card's text clipped, a
horizontal scroll bar) and an exam's matching question clipping its prompt and its
drop-downs. Real keys: Ctrl+= zooms, F and Q start from the bank list, Space turns."""

from __future__ import annotations

from gui_helpers import answer, library_small_and_zoomed, press, settled
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QScrollArea, QWidget

from quizapp.gui import quiz_setup
from quizapp.gui.quiz_setup import MODES
from quizapp.gui.theme import ZOOM_STEPS

LONG = ("the voluntary purchase agreements that spell out how the makers plan to buy "
        "more parts made abroad, renewed every year since the first round of talks")
BANK = f"""\
title: Wide things
id: wide
questions:
  - id: card
    type: flashcard
    front: What kind of agreements does the United States want renewed? Give {LONG}.
    back: Voluntary purchase agreements, which spell out {LONG}.
  - id: roles
    type: matching
    prompt: Match each person with the role the article gives them in the week of talks.
    pairs:
      - {{left: Mickey Kantor, right: United States Trade Representative General Counsel}}
      - {{left: Ronald H. Brown, right: Secretary of Commerce of the United States}}
      - {{left: Ryutaro Hashimoto, right: Japan's minister of international trade and industry}}
"""


def zoomed_small_window(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "wide.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    library_small_and_zoomed(qtbot, win, "Wide things", active=True)
    assert win.appearance.zoom == max(ZOOM_STEPS)
    assert win.width() == 800
    return win


def outside_the_window(win, page: QScrollArea, screen: QWidget) -> list[str]:
    """What does not fit in the window's width: the page scrolling sideways, a widget
    reaching past the window's right edge, a button narrower than its whole label."""
    faults = []
    if page.horizontalScrollBar().maximum() > 0:
        faults.append(f"the page scrolls sideways by {page.horizontalScrollBar().maximum()} px")
    for widget in screen.findChildren(QWidget):
        if not widget.isVisibleTo(win) or not widget.isVisible():
            continue
        left = widget.mapTo(win, QPoint(0, 0)).x()
        name = widget.accessibleName() or type(widget).__name__
        if left + widget.width() > win.width():
            faults.append(f"{name} ends at {left + widget.width()} px")
        if isinstance(widget, QAbstractButton) and widget.width() < widget.sizeHint().width():
            faults.append(f"{name} is {widget.width()} px, its label needs {widget.sizeHint().width()}")
    return faults


def assert_fits(qtbot, win, page: QScrollArea, screen: QWidget) -> None:
    """Once the layout settles, nothing is outside the window (listed if something is)."""
    try:
        qtbot.waitUntil(lambda: not outside_the_window(win, page, screen), timeout=3000)
    except qtbot.TimeoutError:
        pass
    assert outside_the_window(win, page, screen) == []


def test_the_flashcard_screen_fits_a_small_window_at_the_largest_zoom(
        qtbot, open_library_window, tmp_path):
    win = zoomed_small_window(qtbot, open_library_window, tmp_path)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_F)
    screen = win.screen_named("flashcards")
    qtbot.waitUntil(lambda: screen.session is not None and not screen.busy, timeout=10000)
    page = screen.pages_holder.parentWidget().parentWidget()
    assert isinstance(page, QScrollArea)
    for side in ("front", "back"):
        assert_fits(qtbot, win, page, screen)
        assert screen.front_view.width() <= page.viewport().width()
        row = [screen.flip_button, *screen.rating_buttons.values(), screen.leave_button]
        assert all(b.isVisible() for b in row), side
        if side == "front":
            qtbot.keyClick(screen, Qt.Key.Key_Space)  # turn the card: the ratings get intervals
            qtbot.waitUntil(lambda: screen.session.flipped, timeout=3000)
    # The row wrapped onto a second line rather than leave the window; each button whole.
    tops = {b.mapTo(win, QPoint(0, 0)).y() for b in row}
    assert len(tops) > 1
    screen.session.abandon()


def test_an_exam_matching_question_fits_a_small_window_at_the_largest_zoom(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = zoomed_small_window(qtbot, open_library_window, tmp_path)

    def exam_of_the_matching_question(dialog: QDialog) -> QDialog.DialogCode:
        """The setup dialog, answered by keys: Exam (Down on the mode), one question."""
        dialog.show()
        qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Down)
        assert dialog.mode_combo.currentData() == "exam"
        assert dialog.windowTitle() == "Start an exam — Wide things"
        dialog.count_spin.selectAll()
        qtbot.keyClicks(dialog.count_spin, "1")
        dialog.hide()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", exam_of_the_matching_question)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    assert quiz.session.mode == "exam" and quiz.question_widget.question.type == "matching"
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert_fits(qtbot, win, quiz.scroll_area, quiz)
    assert all(combo.isVisible() for combo in quiz.question_widget.combos)
    quiz.session.abandon()


def test_the_setup_dialog_title_follows_the_mode(qtbot):
    from quizapp.core.loader import load_bank_text

    bank = load_bank_text(BANK).bank
    dialog = quiz_setup.QuizSetupDialog(bank, options=quiz_setup.QuizOptions(mode="practice"))
    qtbot.addWidget(dialog)
    dialog.show()
    titles = [dialog.windowTitle()]
    for _ in range(2):
        qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Up)  # practice -> exam -> quiz
        titles.append(dialog.windowTitle())
    assert titles == ["Start practice — Wide things", "Start an exam — Wide things",
                      "Start a quiz — Wide things"]


def test_the_progress_screen_fits_a_small_window_at_the_largest_zoom(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Its header (the bank selector 26 characters wide, "Loading…") and its row of five
    summary tiles were wider than the window: the window grew past 800 pixels."""
    win = zoomed_small_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    quiz = win.screen_named("quiz")
    while win.current_screen_name() == "quiz":  # both questions, by keys
        answer(qtbot, quiz, True)
        press(qtbot, quiz, Qt.Key.Key_Return)  # submit
        press(qtbot, quiz, Qt.Key.Key_Return)  # on
    results = win.screen_named("results")
    settled(qtbot, results)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # Done
        qtbot.keyClick(results.focusWidget() or results, Qt.Key.Key_Return)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    progress = win.screen_named("progress")
    assert progress.status.text() == "Loading…"
    assert win.width() == 800
    # read, and filled (in steps, a turn each)
    qtbot.waitUntil(lambda: not progress._loading and not progress.filling, timeout=10000)
    page = progress.pages.currentWidget()
    assert isinstance(page, QScrollArea)  # the charts and tiles
    assert win.width() == 800
    assert_fits(qtbot, win, page, progress)


def test_the_quiz_setup_fits_an_800_pixel_screen_at_the_largest_zoom(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Its mode list was as wide as its longest entry (1184 px): Start and Cancel were off
    screen. A mode is elided in the closed list, whole in the open list and tooltips."""
    win = zoomed_small_window(qtbot, open_library_window, tmp_path)
    seen = []

    def shown(dialog):  # what the learner sees, then Esc
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.adjustSize()
        seen.append((dialog.width(), dialog.minimumSizeHint().width(),
                     dialog.start_button.mapTo(dialog, dialog.start_button.rect().topRight()).x(),
                     [dialog.mode_combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
                      for i in range(dialog.mode_combo.count())],
                     dialog.mode_combo.toolTip()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", shown)
    qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: bool(seen))
    width, least, start_right, tips, combo_tip = seen[0]
    assert least <= 800 and width <= 800, (width, least)
    assert start_right <= width
    assert tips == [text for _key, text in MODES]  # each mode whole in its tooltip
    assert MODES[0][1] in combo_tip  # the one chosen too


TALKS = """\
title: U.S.-Japan auto trade talks (1995)
id: talks
questions:
  - id: tokyo
    type: true_false
    prompt: Last week's low-level talks were held in Tokyo.
    answer: true
  - id: kantor
    type: short_answer
    prompt: Who threatened sanctions?
    answer: Kantor
"""


def test_zooming_during_an_exam_keeps_a_long_bank_title_in_an_800_pixel_window(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Found by a tester on the bundled bank: Ctrl+= during an exam made the window 1000
    px wide at 175%, its question list, Flag and Hand in off an 800 px screen. The title
    ("Exam: U.S.-Japan auto trade talks (1995)") never wrapped, its width the page's
    least; the tests above have a short title."""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "talks.yaml").write_text(TALKS, encoding="utf-8")
    win = open_library_window(folder)
    tree = library_small_and_zoomed(qtbot, win, "U.S.-Japan auto trade talks (1995)",
                                    active=True, zoom=False)

    def exam(dialog: QDialog) -> QDialog.DialogCode:
        dialog.show()
        qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Down)  # Exam
        dialog.hide()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", exam)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    assert quiz.session.mode == "exam"
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    for _ in ZOOM_STEPS:  # Ctrl+= on the exam, to the largest zoom
        qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Equal,
                       Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == max(ZOOM_STEPS)
    assert win.width() == 800
    assert_fits(qtbot, win, quiz.scroll_area, quiz)
    hand_in = [b for b in quiz.findChildren(QAbstractButton) if b.text() == "Hand in"]
    assert hand_in and hand_in[0].isVisible()
    assert quiz.title_label.text() == "Exam: U.S.-Japan auto trade talks (1995)"
    quiz.session.abandon()
