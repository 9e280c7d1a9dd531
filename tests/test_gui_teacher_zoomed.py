"""The teacher's item analysis at 800x600 zoomed to 200%: a tester saw its legend, beside
the bank selector, wrap into a column of nine lines that left the table two rows. Real
keys: Ctrl+= zooms, Ctrl+T opens the teacher overview, Alt+I its Item analysis tab."""

from __future__ import annotations

from gui_helpers import library_small_and_zoomed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.gui.theme import ZOOM_STEPS

BANK = "title: Eight\nid: eight\nquestions:\n" + "".join(
    f"  - id: q{i}\n    type: true_false\n    prompt: Statement {i}.\n    answer: true\n"
    for i in range(8)
)


def test_item_analysis_keeps_room_for_its_table_zoomed(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "eight.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    store, learner = win.context.store, win.context.learner_id
    bank = win.context.library.bank("eight")
    session = store.start_session(learner, bank, "quiz")
    for i, question in enumerate(bank.questions):
        store.record_answer(session, question, response=True, correct=i % 3 > 0, credit=1,
                            seconds=2)
    tree = library_small_and_zoomed(qtbot, win, "Eight")
    assert win.appearance.zoom == max(ZOOM_STEPS)  # 200%
    screen = win.screen_named("teacher")
    with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_I,
                   Qt.KeyboardModifier.AltModifier)
    table = screen.item_table
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() == 8)
    rows_shown = table.viewport().height() / table.rowHeight(0)
    assert rows_shown >= 5, rows_shown
