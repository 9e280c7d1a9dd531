"""Showing the next question: GUI-thread time from Enter on the feedback to the next question
laid out and painted, with the theme (card, type scale, focus ring) against without it.

    .venv/bin/python benchmarks/bench_next_question.py [--rounds 5] [--platform offscreen]

A quiz over the tour bank (one question of every type, one with a picture) runs `--rounds`
times in each variant, interleaved: each question is skipped (Enter, Enter), then the
time of QuizScreen.next_question() plus the event processing it causes (layout, polish,
paint) is taken on the GUI thread. It prints the median and the slowest per variant in ms,
the themed/plain ratio, and how the slowest compares with a 16 ms frame; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRAME_MS = 16.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", args.platform)
    os.environ["QUIZAPP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-next-")
    sys.path.insert(0, str(REPO))

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from quizapp.core.loader import load_bank
    from quizapp.core.session import QuizSession
    from quizapp.core.store import Store
    from quizapp.gui.quiz_screen import QuizScreen
    from quizapp.gui.theme import LIGHT, palette_for, stylesheet_for

    bank = load_bank(REPO / "question_banks" / "tour.yaml", use_cache=False).bank
    assert bank is not None
    from PySide6.QtCore import QEventLoop

    from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings

    store = Store.open()
    learner = store.create_learner("Bench")
    settings = make_settings()
    # Answers are written on the context's writer thread, as in the app.
    context = AppContext(store=store, events=StoreEvents(store), settings=settings,
                         library=BankLibrary(settings, include_bundled=False, watch=False))

    def settle(screen: QuizScreen | None = None) -> None:
        """Let the screen lay out and paint; first wait for an answer being written."""
        while screen is not None and screen.busy:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        app.processEvents()
        app.processEvents()

    kinds: dict[str, list[float]] = {}

    def one_quiz(screen: QuizScreen) -> list[float]:
        screen.start(QuizSession(store, learner.id, bank, mode="quiz", shuffle=False))
        settle()
        times = []
        while screen.session is not None:
            for _ in range(3):  # (a flashcard turns over), "no answer yet", skip: feedback
                if screen.session is None or screen.session.state == "answered":
                    break
                screen.activate()
                settle(screen)
            settle(screen)  # the answer's write has come back: Enter would be taken now
            if screen.session is None or screen.session.state != "answered":
                break
            shown = screen.question_widget
            start = time.perf_counter()
            screen.next_question()
            settle()
            elapsed = (time.perf_counter() - start) * 1000
            widget = screen.question_widget
            if widget is shown:  # the last question: the session is closed on the writer
                settle(screen)  # thread and the results show (not a next question)
                continue
            kinds.setdefault(widget.question.type if widget else "results", []).append(elapsed)
            times.append(elapsed)
        return times

    screens = {}
    for variant in ("plain", "themed"):
        screen = QuizScreen(context)
        if variant == "themed":
            screen.setPalette(palette_for(LIGHT))
            screen.setStyleSheet(stylesheet_for(LIGHT, app.font().pointSizeF()))
        screen.resize(1280, 800)
        screen.show()
        screens[variant] = screen
    results: dict[str, list[float]] = {"plain": [], "themed": []}
    one_quiz(screens["plain"])  # warm-up: modules, fonts, the picture
    one_quiz(screens["themed"])
    for _ in range(args.rounds):
        for variant, screen in screens.items():
            results[variant] += one_quiz(screen)
    for variant, times in results.items():
        print(f"{variant:7s} next question: median {statistics.median(times):6.2f} ms, "
              f"slowest {max(times):6.2f} ms over {len(times)} questions")
    print("by the type shown (both variants): " + ", ".join(
        f"{kind} {statistics.median(t):.1f}/{max(t):.1f}" for kind, t in sorted(kinds.items())))
    ratio = statistics.median(results["themed"]) / statistics.median(results["plain"])
    slowest = max(results["themed"])
    print(f"themed/plain median ratio: {ratio:.2f}")
    print(f"themed slowest against a {FRAME_MS:.0f} ms frame: {slowest / FRAME_MS:.2f}")
    context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
