"""Starting a quiz or practice from the main window: the setup dialog (mode, number of
questions, tags; practice counted without the learner's suspended cards), then the
session built on the writer thread (starting one writes its session row) and shown on the
quiz screen; a review of a finished session's mistakes starts the same way.

A base class of MainWindow (gui/main_window.py), kept apart by meaning (the window's
module had grown past ~700 lines); it reads the window's `context` and shows the screens
through `screen_named` and `show_screen`, which the window defines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6 import QtWidgets

from quizapp.gui.bank_files import BankFileActions
from quizapp.gui.changes import Changes

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from quizapp.core.model import Bank
    from quizapp.core.session import QuizSession
    from quizapp.core.store import Store
    from quizapp.gui.quiz_screen import QuizScreen


class QuizStartActions(BankFileActions):
    """The quiz-starting part of the main window (see the module doc)."""

    # A session is being written on the writer thread (slow under load): until it shows,
    # keys typed at the library (Enter: a second "Start a quiz") start nothing.
    session_starting = False
    # The window's (MainWindow): a screen by name, made on first use; show one.
    screen_named: Callable[[str], QWidget]
    show_screen: Callable[[str], QWidget]
    show_library: Callable[[], None]

    def _bank_or_warn(self, bank_id: str | None):
        bank = self.context.library.bank(bank_id) if bank_id else None
        if bank is None:
            QtWidgets.QMessageBox.information(self, "Bank not available",
                                    "That bank is not loaded (it may have been changed or removed).")
        return bank

    def start_quiz(self, bank_id: str, mode: str = "quiz") -> None:
        """Ask how to run it (mode preset, number of questions, tags...), then start. The
        dialog counts practice without the learner's suspended cards: read first (reader)."""
        if self.session_starting:
            return
        bank = self._bank_or_warn(bank_id)
        learner_id = self.context.learner_id
        if bank is None or learner_id is None:
            return
        self.session_starting = True  # one dialog, however often Q or P is pressed
        self.context.operations.read(
            lambda store: frozenset(store.suspended_questions(learner_id, bank.id)),
            lambda suspended: self._set_up_quiz(bank, learner_id, mode, suspended),
            failure=self._cannot_start, owner=self)

    def _set_up_quiz(self, bank: Bank, learner_id: int, mode: str,
                     suspended: frozenset[str]) -> None:
        """The setup dialog, then the session it asks for."""
        self.session_starting = False
        if self.context.learner_id != learner_id:  # another learner chose meanwhile
            return
        from quizapp.gui import quiz_setup

        dialog = quiz_setup.QuizSetupDialog(bank, self, quiz_setup.QuizOptions(mode=mode),
                                            suspended)
        if not dialog.exec():
            return
        options = dialog.options()
        self._start_session(
            lambda store: quiz_setup.build_session(store, learner_id, bank, options))

    def _start_session(self, build: Callable[[Store], QuizSession]) -> None:
        """Build a quiz or practice session on the writer thread (starting one writes its
        session row), then show it; a ValueError (e.g. no question has the chosen tags)
        or a store failure is a "Cannot start" message."""
        if self.session_starting:
            return
        self.session_starting = True
        self.context.operations.write(
            build, self._run_quiz,
            changes=lambda session: Changes.session(session.learner_id, session.bank.id),
            failure=self._cannot_start, owner=self)

    def _cannot_start(self, exc: Exception) -> None:
        self.session_starting = False
        QtWidgets.QMessageBox.information(self, "Cannot start", str(exc))

    def start_practice(self, bank_id: str | None, question_ids: list[str] | None = None) -> None:
        """Practice given questions (the weakest, a review's), or ask how many and which
        tags first, as a quiz does, for a whole bank."""
        if self.session_starting:
            return
        if not question_ids and bank_id:
            self.start_quiz(bank_id, mode="practice")
            return
        bank = self._bank_or_warn(bank_id)
        if bank is None or self.context.learner_id is None:
            return
        from quizapp.core.session import QuizSession

        ids = list(question_ids) if question_ids else None
        learner_id = self.context.learner_id
        # A ValueError when none of these questions is in the bank any more.
        self._start_session(
            lambda store: QuizSession(store, learner_id, bank, mode="practice", question_ids=ids))

    def _run_quiz(self, session) -> None:
        self.session_starting = False
        widget = cast("QuizScreen", self.screen_named("quiz"))
        self.show_screen("quiz")
        widget.start(session)

    def _review_mistakes(self, session) -> None:
        """"Review my mistakes": practice the finished session's wrong answers until right
        (the review's session row is written on the writer thread, as any start)."""
        if not session.mistakes:
            self.show_library()
            return
        self._start_session(lambda _store: session.review_session())
