"""Walk the app through every screen and every question type, one step at a time.

    python scripts/app_tour.py --data-dir DIR [--theme light|dark] [--size 1280x800]

For each step it shows a screen, prints "STEP <name>" and waits for a line on stdin
before the next (the event loop keeps running meanwhile, so a screen reader or a
screenshot sees a live window); at the end it prints "DONE" and quits. Used by
scripts/screenshots.py (a picture per step) and tests/a11y_walk.py (the accessible tree
per step). It opens the bundled banks with a fresh learner in DIR.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOUR_BANK = "tour"  # the bundled bank with one question of every type
CARDS_BANK = "us-japan-auto-talks-1995"  # flashcards: none of it was answered in the quiz


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="light")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--tab-keys", action="store_true",
                        help='a line "tab" presses Tab (then prints TABBED); others go on')
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("quizapp")
    QCoreApplication.setApplicationName("quizapp")
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("quizapp")

    from quizapp.core.session import QuizSession
    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    context = create_context(argparse.Namespace(data_dir=args.data_dir, bank_dir=[]), app)
    window = MainWindow(context)
    window.appearance.set_theme(args.theme)
    window.open_initial_screen()
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    window.name_library_viewports()  # as run_app does once the window is painted

    def fit_frame() -> None:
        # The window manager's title bar is outside resize(): fit the whole frame.
        frame = window.frameGeometry()
        window.resize(width - (frame.width() - window.width()),
                      height - (frame.height() - window.height()))
        window.move(0, 0)

    QTimer.singleShot(200, fit_frame)
    learner = context.store.create_learner("Ana")

    # An action may return a name for its step (the question type it showed).
    steps: list[tuple[str, Callable[[], object]]] = []

    def step(name: str):
        def add(action: Callable[[], object]) -> Callable[[], object]:
            steps.append((name, action))
            return action
        return add

    step("learners")(window.show_learners)
    step("library")(lambda: window.set_learner(learner.id))

    seen_types: set[str] = set()

    def quiz_screen():
        return window.screen_named("quiz")

    def start_tour_quiz(mode: str) -> None:
        bank = context.library.bank(TOUR_BANK)
        assert bank is not None, "the bundled tour bank did not load"
        # In the bank's order, so that every run shows the same pictures.
        window._run_quiz(QuizSession(context.store, learner.id, bank, mode=mode, shuffle=False))

    def first_question() -> str:
        start_tour_quiz("quiz")
        return question_step_name()

    step("quiz")(first_question)

    def settle(screen) -> None:
        """Wait until the screen's answer or rating is stored (the writer thread delivers
        the result as an event; keys are ignored until then)."""
        from PySide6.QtCore import QEventLoop

        while screen.busy:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    def answer_and_show_feedback() -> None:
        screen = quiz_screen()
        screen.activate()  # "no answer yet": the second Enter skips, showing the right answer
        settle(screen)
        screen.activate()
        settle(screen)

    def skip_to_next() -> str | None:
        """Skip the question on screen (Enter until the next one shows: a flashcard turns
        over first); the step is named after the next question's type."""
        screen = quiz_screen()
        if screen.session is None:
            return None
        shown = screen.question_widget
        for _ in range(5):
            screen.activate()
            settle(screen)
            if screen.session is None or screen.question_widget is not shown:
                break
        return question_step_name()

    def question_step_name() -> str | None:
        """quiz-TYPE for the question on screen (quiz-TYPE-2 for the second of a type)."""
        widget = quiz_screen().question_widget
        if widget is None:
            return None
        kind = widget.question.type
        name = f"quiz-{kind}" if kind not in seen_types else f"quiz-{kind}-2"
        seen_types.add(kind)
        return name

    def finish_quiz() -> None:
        for _ in range(40):
            if quiz_screen().session is None:
                return
            skip_to_next()

    step("quiz-feedback")(answer_and_show_feedback)
    for _ in range(11):  # the tour bank's other questions, named by type as they come
        step("quiz-question")(skip_to_next)
    step("results")(finish_quiz)
    step("exam")(lambda: start_tour_quiz("exam"))
    step("flashcards")(lambda: (quiz_screen().abandon_session(),
                                window.start_flashcards(CARDS_BANK)))

    def flip() -> None:
        screen = window.screen_named("flashcards")
        settle(screen)  # the review is built on the writer thread
        screen.flip()

    step("flashcards-back")(flip)
    step("progress")(lambda: (window.screen_named("flashcards").abandon_session(),
                              window.show_progress(TOUR_BANK)))
    step("teacher")(window.show_teacher)
    step("shortcuts")(lambda: (window.show_library(), window.show_shortcuts().activateWindow()))

    position = 0
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def run_next() -> None:
        nonlocal position
        if position >= len(steps):
            print("DONE", flush=True)
            app.exit(0)
            return
        name, action = steps[position]
        position += 1
        (QApplication.activeModalWidget() or window).activateWindow()  # no window manager:
        # nothing else gives the window the keyboard under a bare Xvfb
        shown = action()
        if isinstance(shown, str):
            name = shown
        # Let the screen lay out and paint before saying it is there.
        QTimer.singleShot(300, lambda: print(f"STEP {name}", flush=True))

    def press_tab() -> None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        target = QApplication.focusWidget() or QApplication.activeWindow() or window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_Tab,
                                                     Qt.KeyboardModifier.NoModifier))
        QTimer.singleShot(60, lambda: print("TABBED", flush=True))

    def on_line() -> None:
        line = sys.stdin.readline()
        if not line:  # the driver went away
            app.exit(0)
            return
        if args.tab_keys and line.strip() == "tab":
            press_tab()
            return
        run_next()

    stdin.activated.connect(on_line)

    def when_loaded() -> None:
        context.library.library_loaded.disconnect(when_loaded)
        run_next()

    context.library.library_loaded.connect(when_loaded)
    context.library.reload()
    code = app.exec()
    context.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
