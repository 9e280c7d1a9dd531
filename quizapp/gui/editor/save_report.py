"""What a save tells the teacher about the bank just written: "Saved" alone when the check
finds nothing; a bar when the bank has errors, since the library then lists it as "cannot be
studied" and no learner can start it; and the warnings' count, which stop nobody.

The check runs in a worker (checker.py): the report waits for the check of the text saved.
The bar stays until the next save, with a button that goes to the first error's line, and
follows the teacher's fixes meanwhile: once none is left, it says to save.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from quizapp.core.model import Problem
from quizapp.core.plural import counted
from quizapp.gui.editor.checker import Checker

SAVED_NOTE_MS = 8000


def saved_note(path: str, problems: Sequence[Problem]) -> str:
    """The status line after saving `path`, its check's findings in short."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors:
        return f"Saved {path}, with {counted(errors, 'error')}."
    if warnings:
        return (f"Saved {path}. Learners can study it; {counted(warnings, 'warning')} "
                f"{'is' if warnings == 1 else 'are'} listed under the problems below.")
    return f"Saved {path}"


def bar_words(errors: Sequence[Problem], just_saved: bool) -> str:
    """What the bar says of the saved bank's `errors` (as the text stands now: the bar
    follows the teacher's fixes until the next save)."""
    if not errors:
        return "No errors left: save (Ctrl+S), and learners can study the bank."
    first = errors[0]
    where = f"line {first.line}, column {first.column}" if first.line else "in the file as a whole"
    if len(errors) == 1:
        what = f"its error is fixed{_LIBRARY_SAYS}. {where[0].upper()}{where[1:]}"
    else:
        what = (f"its {len(errors)} errors are fixed{_LIBRARY_SAYS}; all are listed under the "
                f"problems below. The first, {where}")
    until = f"learners cannot study this bank until {what}: {first.message}"
    return f"Saved, but {until}" if just_saved else until[0].upper() + until[1:]


# What the library shows for a bank with an error (library_screen.py)
_LIBRARY_SAYS = ' (the library lists it as "cannot be studied")'


class SaveReport(QWidget):
    """The bar under the menus that says a saved bank cannot be studied, and why."""

    line_chosen = Signal(int)  # the 1-based line the teacher asked to go to

    def __init__(self, status: QStatusBar, checker: Checker, parent: QWidget | None = None):
        super().__init__(parent)
        self._status = status
        self._checker = checker
        checker.checked.connect(self.bank_checked)
        self._waiting_for: str | None = None  # the path saved, while its check runs
        self._line = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("What is wrong with the saved bank")
        row.addWidget(self.label, 1)
        self.go_button = QPushButton()
        self.go_button.clicked.connect(lambda: self.line_chosen.emit(self._line))
        row.addWidget(self.go_button)
        self.hide()

    def bank_saved(self, path: str) -> None:
        """`path` was written: check it now (a new bank's pictures are looked for in its new
        folder) and say what the check finds when it comes back (``bank_checked``)."""
        self._waiting_for = path
        self._status.showMessage(f"Saved {path}; checking it…", SAVED_NOTE_MS)
        # Asked last: the check of a small bank can come back within check_now itself.
        self._checker.check_now()

    def bank_checked(self, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        if self._waiting_for is not None:
            path, self._waiting_for = self._waiting_for, None
            self._status.showMessage(saved_note(path, problems), SAVED_NOTE_MS)
            self.setVisible(bool(errors))
            self._say(errors, just_saved=True)
        elif not self.isHidden():  # an edit since the save: the bar says what is left
            self._say(errors, just_saved=False)

    def _say(self, errors: Sequence[Problem], *, just_saved: bool) -> None:
        self.label.setText(bar_words(errors, just_saved))
        self._line = errors[0].line if errors else 0
        self.go_button.setVisible(bool(self._line))
        self.go_button.setText(f"&Go to line {self._line}")
        self.go_button.setAccessibleName(f"Go to the error on line {self._line}")
