"""Lines on stdout when the library lists its banks, for a benchmark timing them from outside.

QUIZAPP_ANNOUNCE_LIBRARY=1 (benchmarks/bench_startup.py --new-bank): once the library
screen shows the new banks being checked, "quizapp: banks listed, checking: TITLE", and
once every bank is checked, "quizapp: banks loaded"; each when the event loop next goes
idle, i.e. after the repaint that shows the rows. With QUIZAPP_EXIT_AFTER_LOAD=1 the app
then exits after the second line.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from quizapp.gui.context import call_when_idle
from quizapp.gui.library_rows import CHECKING_STATUS, STATUS, TITLE
from quizapp.gui.main_window import MainWindow


def announce_library(app: QApplication, window: MainWindow, exit_after_load: bool) -> None:
    library = window.context.library

    def listed() -> None:
        tree = window.library_screen.tree
        rows = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        titles = [row.text(TITLE) for row in rows
                  if row is not None and row.text(STATUS) == CHECKING_STATUS]
        print(f"quizapp: banks listed, checking: {'; '.join(titles)}", flush=True)

    def loaded() -> None:
        print("quizapp: banks loaded", flush=True)
        if exit_after_load:
            app.exit(0)

    library.banks_listed.connect(lambda: call_when_idle(listed))
    library.library_loaded.connect(lambda: call_when_idle(loaded))
