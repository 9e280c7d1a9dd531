"""A small window shown while the results file is checked before use: a query, the
background check or a backup met damage in it last time (its `.check` marker), so the
start reads the whole file before the main window can open (about 2 s at 1,000,000
answers, ~40 s at 10,000,000). Without it nothing was on the screen meanwhile, and a
learner could take the app for hung and kill it again. Only on this rare path: a usual
start never imports this module."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel


def checking_note(file_name: str, size: int) -> QLabel:
    """The note, shown and painted (the check that follows holds the GUI thread); the
    caller closes it once the file is open."""
    megabytes = max(1, round(size / 1_000_000))
    note = QLabel(
        f"quizapp met damage in your results file last time, so it checks your results "
        f"file {file_name} ({megabytes:,} MB) before using it. A big file takes a while: "
        "the window opens as soon as the check is done."
    )
    note.setWindowTitle("quizapp is checking your results")
    note.setWordWrap(True)
    note.setMargin(24)
    note.setFixedWidth(460)
    note.show()
    note.repaint()
    QApplication.processEvents()
    return note
