"""The flashcard and quiz screens made at idle, a step per turn (gui/screen_preparation.py),
are the ones the Flashcards and Quiz buttons open; opening one half-way through still works;
and the steps import everything that the first card and the first question import on the
GUI thread."""

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bank_samples import CAPITALS
from helpers import library_rows
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from shiboken6 import isValid

from quizapp.gui.flashcard_screen import FlashcardScreen
from quizapp.gui.quiz_screen import QuizScreen
from quizapp.gui.screen_preparation import (
    FLASHCARD_SCREEN_MODULES,
    QUIZ_SCREEN_MODULES,
    ScreenPreparation,
    flashcard_screen_steps,
    prepare_study_screens,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def win(open_library_window, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    window = open_library_window(banks)
    window.library_screen.tree.setCurrentItem(library_rows(window)["Capitals"])
    return window


def _open_flashcards_by_click(qtbot, win) -> FlashcardScreen:
    """Click the library's Flashcards button; the screen shown once its first card is."""
    assert win.library_screen.flash_button.isEnabled()
    started = []
    win.screen_changed.connect(started.append)
    qtbot.mouseClick(win.library_screen.flash_button, Qt.MouseButton.LeftButton)
    assert started == ["flashcards"]
    screen = win.screens["flashcards"]
    assert isinstance(screen, FlashcardScreen)
    qtbot.waitUntil(lambda: screen.session is not None, timeout=10000)
    return screen


def _leave_by_escape(qtbot, win, screen) -> None:
    """Esc, then Leave in the box that asks: the window's wiring takes the learner back."""
    def press_leave() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        qtbot.mouseClick(box.findChild(QPushButton, "leave"), Qt.MouseButton.LeftButton)

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    QTimer.singleShot(50, press_leave)
    with qtbot.waitSignal(screen.session_left, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert win.current_screen_name() == "library"


def _rate_the_first_card(qtbot, win, screen) -> None:
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.back_view.isVisible()
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    rows = list(win.context.store.export_rows(win.context.learner_id, "capitals"))
    assert [row.response for row in rows] == ["Good"]


STEPS = [
    *(f"import {name}" for name in FLASHCARD_SCREEN_MODULES),
    "flashcards screen", "flashcards screen: header", "flashcards screen: card sides",
    "flashcards screen: card buttons", "flashcards screen: done page, keys",
    "flashcards screen into the window",
    *(f"import {name}" for name in QUIZ_SCREEN_MODULES),
    "quiz screen", "quiz screen into the window",
]


def test_the_screen_made_at_idle_is_the_one_the_flashcards_button_opens(qtbot, win):
    assert not win.has_screen("flashcards")
    preparation = prepare_study_screens(win, delay_ms=0)
    qtbot.waitUntil(lambda: preparation.done, timeout=10000)
    # One module per step, in order, then the screen a part per step, then the window;
    # then the quiz's.
    assert preparation.steps_run == STEPS
    made = win.screens["flashcards"]
    assert win.current_screen_name() == "library"  # made, not shown

    screen = _open_flashcards_by_click(qtbot, win)
    assert screen is made
    assert win.stack.currentWidget() is made
    assert "Capitals" in screen.title.text()
    assert screen.front_view.toPlainText().strip()
    _rate_the_first_card(qtbot, win, screen)
    _leave_by_escape(qtbot, win, screen)  # the window's wiring came with the screen


def test_the_quiz_screen_made_at_idle_is_the_one_the_quiz_button_opens(qtbot, win):
    preparation = prepare_study_screens(win, delay_ms=0)
    qtbot.waitUntil(lambda: preparation.done, timeout=10000)
    made = win.screens["quiz"]
    assert isinstance(made, QuizScreen) and win.current_screen_name() == "library"

    def accept_the_setup() -> None:  # the quiz's setup dialog, accepted as it stands
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and "Capitals" in dialog.windowTitle(), dialog
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(100, accept_the_setup)
    with qtbot.waitSignal(win.screen_changed, timeout=10000) as shown:
        qtbot.mouseClick(win.library_screen.quiz_button, Qt.MouseButton.LeftButton)
    assert shown.args == ["quiz"]
    assert win.stack.currentWidget() is made
    qtbot.waitUntil(lambda: made.question_widget is not None, timeout=10000)
    assert made.session is not None and made.session.bank.id == "capitals"


def test_opening_the_flashcards_half_way_through_stops_the_preparation(qtbot, win):
    clicked = []

    def steps_with_a_click():
        # The learner's click comes between two steps, when the screen is half made.
        for step in flashcard_screen_steps(win):
            if step == "flashcards screen: card sides":
                QTimer.singleShot(0, lambda: clicked.append(_open_flashcards_by_click(qtbot, win)))
            yield step

    preparation = ScreenPreparation(steps_with_a_click(), win)
    preparation.start(0)
    qtbot.waitUntil(lambda: preparation.done, timeout=10000)
    assert preparation.steps_run[-1] == "flashcards screen: card sides"  # none after the click
    [screen] = clicked
    assert win.screens["flashcards"] is screen
    # The half-made screen is deleted at once, not left for the cycle collector.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    alive = [o for o in gc.get_objects() if isinstance(o, FlashcardScreen) and isValid(o)]
    assert alive == [screen]
    _rate_the_first_card(qtbot, win, screen)
    _leave_by_escape(qtbot, win, screen)


def test_a_step_that_fails_ends_the_preparation_and_the_flashcards_still_open(
        qtbot, win, caplog):
    def steps_that_fail():
        yield "first"
        raise ImportError("a module went missing")

    preparation = ScreenPreparation(steps_that_fail(), win)
    preparation.start(0)
    qtbot.waitUntil(lambda: preparation.done, timeout=10000)
    assert preparation.steps_run == ["first"]
    assert "a module went missing" in caplog.text
    screen = _open_flashcards_by_click(qtbot, win)
    _rate_the_first_card(qtbot, win, screen)
    _leave_by_escape(qtbot, win, screen)


def test_the_preparation_waits_for_a_learner_at_the_library(qtbot, open_main_window):
    """On a first run the learner screen shows, where the learner types a name: nothing is
    made then (the first import of a step would build Qt's enum types there, 36-74 ms)."""
    win = open_main_window()
    assert win.current_screen_name() == "learners"
    preparation = prepare_study_screens(win, delay_ms=0)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.context.library.reload()
    assert not preparation.started
    qtbot.keyClicks(win.learner_screen.name_edit, "Ana")
    with qtbot.waitSignal(win.learner_screen.learner_chosen, timeout=10000):
        qtbot.keyClick(win.learner_screen.name_edit, Qt.Key.Key_Return)
    assert win.current_screen_name() == "library"
    assert preparation.started
    qtbot.waitUntil(lambda: preparation.done, timeout=10000)
    assert win.has_screen("flashcards") and win.has_screen("quiz")
    assert win.current_screen_name() == "library"


# Started as the app starts, the library up; then the preparation's steps; then, recording the
# modules the GUI thread imports, the flashcards opened, their first card turned and rated.
OPENING_SCRIPT = textwrap.dedent("""
    import gc, json, sys, threading
    # As run_app does: Python's own collector could run on the writer thread and free Qt
    # objects of the GUI thread there (gui/collector.py): it crashed this script 1 run in 8.
    gc.disable()
    from argparse import Namespace
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    context = create_context(Namespace(data_dir=sys.argv[1], bank_dir=[sys.argv[2]],
                                       exit_when_ready=False))
    win = MainWindow(context)
    win.open_initial_screen()
    win.set_learner(context.store.create_learner("Ana").id)
    win.show()

    def wait(done, what):
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: done() and loop.quit())
        timer.start(5)
        QTimer.singleShot(20000, loop.quit)
        loop.exec()
        assert done(), what

    loaded = []
    context.library.library_loaded.connect(lambda: loaded.append(True))
    context.library.reload()
    wait(lambda: loaded, "the library did not load")

    from quizapp.gui.screen_preparation import prepare_study_screens
    preparation = prepare_study_screens(win, delay_ms=0)
    wait(lambda: preparation.done, "the preparation did not end")
    # The library's counts, read on the reader thread, are shown before the recording: what
    # showing them imports is the library's, not the first card's.
    wait(lambda: not win.library_screen.counting, "the library's counts did not come")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    imported = []

    class Recorder:
        def find_spec(self, name, path=None, target=None):
            if threading.current_thread() is threading.main_thread():
                imported.append(name)
            return None

    sys.meta_path.insert(0, Recorder())
    win.start_flashcards("capitals")
    screen = win.screens["flashcards"]
    wait(lambda: screen.session is not None and screen.front_view.toPlainText(),
         "no card showed")
    # The first card turned (its intervals planned) and rated, and the next one shown.
    rated = []
    screen.card_rated.connect(rated.append)
    QTest.keyClick(screen, Qt.Key.Key_Space)
    QTest.keyClick(screen, Qt.Key.Key_3)
    wait(lambda: rated, "the card was not rated")
    print("IMPORTED " + json.dumps(sorted(set(imported) - set(sys.builtin_module_names))))
""")


def _imported_on_the_gui_thread(tmp_path, script: str) -> list[str]:
    """What `script` (OPENING_SCRIPT or one like it) saw the GUI thread import, run in a new
    process on a banks folder holding CAPITALS."""
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "capitals.yaml").write_text(CAPITALS, encoding="utf-8")
    (tmp_path / "data").mkdir()
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data"), str(banks)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    lines = [line for line in out.stdout.splitlines() if line.startswith("IMPORTED ")]
    assert len(lines) == 1, f"exit {out.returncode}\n{out.stdout}{out.stderr}"
    return json.loads(lines[0][len("IMPORTED "):])


def test_the_steps_import_all_that_the_first_card_of_a_review_imports(tmp_path):
    """A module the screen needs that FLASHCARD_SCREEN_MODULES lacks would be imported at
    the click, or at the first card turned, on the GUI thread, with all it imports: this
    fails and names it."""
    assert _imported_on_the_gui_thread(tmp_path, OPENING_SCRIPT) == []


QUIZ_OPENING_SCRIPT = OPENING_SCRIPT.split("win.start_flashcards(")[0] + textwrap.dedent("""
    def accept_the_setup():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, accept_the_setup)
            return
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(20, accept_the_setup)
    win.start_quiz("capitals")
    wait(lambda: win.current_screen_name() == "quiz"
         and win.screens["quiz"].question_widget is not None, "no question showed")
    print("IMPORTED " + json.dumps(sorted(set(imported) - set(sys.builtin_module_names))))
""")


def test_the_steps_import_all_that_the_first_question_of_a_quiz_imports(tmp_path):
    """As above, for a quiz: its setup dialog, the quiz screen and the first question."""
    assert _imported_on_the_gui_thread(tmp_path, QUIZ_OPENING_SCRIPT) == []


def test_the_app_prepares_its_flashcard_screen_once_ready(tmp_path):
    """In a real start (quizapp's main), run_app starts the preparation once the window is
    ready (at the library: a returning learner); here without its delay, and the app ends
    when the screen is in the window."""
    probe = textwrap.dedent("""
        import os, sys, threading
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from quizapp.gui import screen_preparation
        prepare = screen_preparation.prepare_study_screens

        def prepare_now(window, delay_ms=0):
            preparation = prepare(window, 0)
            def done():
                if preparation.done:
                    print("steps:", len(preparation.steps_run), preparation.steps_run[-1])
                    print("made:", type(window.screens.get("flashcards")).__name__,
                          type(window.screens.get("quiz")).__name__,
                          "shown:", window.current_screen_name(), flush=True)
                    QApplication.instance().exit(0)
            timer = QTimer(window)
            timer.timeout.connect(done)
            timer.start(20)
            return preparation

        screen_preparation.prepare_study_screens = prepare_now
        never_prepared = threading.Timer(30, lambda: os._exit(3))  # fail, not hang
        never_prepared.daemon = True
        never_prepared.start()
        from quizapp.__main__ import main
        sys.exit(main(sys.argv[1:]))
    """)
    from quizapp.core.store import Store

    store = Store.open(tmp_path / "data")  # a returning learner: the app opens on the library
    store.set_last_learner(store.create_learner("Ana").id)
    store.close()
    result = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"steps: {len(STEPS)} quiz screen into the window",
        "made: FlashcardScreen QuizScreen shown: library",
    ]


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}
