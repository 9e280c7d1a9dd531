"""The library reads its scores and counts on the reader thread, never on the GUI thread,
and counts again only the banks a change touched (through the real window)."""

from __future__ import annotations

import threading

import pytest
from gui_helpers import answer, press, settled
from helpers import SMALL_BANK, counted, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.core.bank_counts import study_counts
from quizapp.core.store import StoreReader
from quizapp.core.store.connection import Database
from quizapp.gui import quiz_setup
from quizapp.gui.changes import Changes
from quizapp.gui.library_rows import BEST, DUE, LAST, LEARNING, NEW


@pytest.fixture
def win(open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    other = SMALL_BANK.format(title="Other bank").replace("id: small", "id: other")
    (folder / "other.yaml").write_text(other, encoding="utf-8")
    return open_library_window(folder)


def _store_use_by_thread(monkeypatch) -> dict[str, list[str]]:
    """Every use of a store connection (a query, a write, a read under the lock) from now
    on, by thread: "gui" for the GUI thread, "worker" for any other."""
    used: dict[str, list[str]] = {"gui": [], "worker": []}
    real_live = Database.live

    def live(self):
        main = threading.current_thread() is threading.main_thread()
        used["gui" if main else "worker"].append(str(self.path))
        return real_live(self)

    monkeypatch.setattr(Database, "live", live)
    return used


def _counted_banks(monkeypatch) -> list[str]:
    """The banks the library's reader counts from now on (study_counts and bank_summary)."""
    banks: list[str] = []
    for name in ("study_counts", "bank_summary"):
        real = getattr(StoreReader, name)

        def spy(self, learner_id, bank, *args, _real=real, **kwargs):
            banks.append(bank.id)
            return _real(self, learner_id, bank, *args, **kwargs)

        monkeypatch.setattr(StoreReader, name, spy)
    return banks


def test_the_library_never_queries_the_store_on_the_gui_thread(qtbot, win, monkeypatch):
    screen = win.library_screen
    used = _store_use_by_thread(monkeypatch)
    # Every bank counted again, the library shown again, a change announced: the rows.
    screen.recount()
    counted(qtbot, win)
    win.show_library()
    counted(qtbot, win)
    win.context.events.announce(Changes.answer(win.context.learner_id, "small"))
    counted(qtbot, win)
    # The selection moved down every row with the arrow key: the details of each bank.
    screen.tree.setFocus()
    screen.tree.setCurrentItem(screen.tree.topLevelItem(0))
    shown = []
    for _ in range(screen.tree.topLevelItemCount() - 1):
        qtbot.keyClick(screen.tree, Qt.Key.Key_Down)
        shown.append(screen.details.toPlainText())
    assert len(shown) >= 2 and all("To study now: " in text for text in shown)
    assert used["worker"], "the counts were read somewhere"
    assert used["gui"] == []


def test_a_selection_move_shows_the_banks_counts_as_loaded(qtbot, win):
    screen = win.library_screen
    store, learner = win.context.store, win.context.learner_id
    screen.tree.setCurrentItem(library_rows(win)["Other bank"])
    bank = win.context.library.bank("other")
    counts = study_counts(store, learner, bank)
    assert f"To study now: {counts.due} due · {counts.new} new" in screen.details.toPlainText()


def test_an_answer_in_one_bank_recounts_that_bank_only(qtbot, win, monkeypatch):
    context = win.context
    store, learner = context.store, context.learner_id
    screen = win.library_screen
    others = {title for title in library_rows(win) if title != "Small bank"}
    assert "Other bank" in others
    before = {title: [row.text(c) for c in (NEW, LEARNING, DUE, BEST, LAST)]
              for title, row in library_rows(win).items() if title in others}
    counted_banks = _counted_banks(monkeypatch)
    # A quiz on the small bank from its row (Q), each question answered right with its
    # keys, then Enter on the results' Done: back to the library.
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen.tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # built on the writer thread
        qtbot.keyClick(screen.tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, right=True)
        with qtbot.waitSignal(quiz.answer_submitted):  # committed, then the feedback shows
            qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Return)
        press(qtbot, quiz, Qt.Key.Key_Return)  # the next question, or the results
    assert win.current_screen_name() == "results"
    results = win.screen_named("results")
    settled(qtbot, results)
    qtbot.keyClick(results.done_button, Qt.Key.Key_Return)
    assert win.current_screen_name() == "library"
    counted(qtbot, win)
    assert counted_banks and set(counted_banks) == {"small"}
    # The small bank's row is up to date; the others are as they were.
    small = library_rows(win)["Small bank"]
    assert (small.text(BEST), small.text(LAST)) == ("100%", "100%")
    counts = study_counts(store, learner, context.library.bank("small"))
    assert [small.text(c) for c in (NEW, LEARNING, DUE)] == [
        str(counts.new), str(counts.learning), str(counts.due)]
    after = {title: [row.text(c) for c in (NEW, LEARNING, DUE, BEST, LAST)]
             for title, row in library_rows(win).items() if title in others}
    assert after == before


def test_another_windows_answers_are_counted_when_the_library_shows_again(
    qtbot, win, tmp_path
):
    from quizapp.core.session import QuizSession
    from quizapp.core.store import Store

    row = library_rows(win)["Other bank"]
    assert (row.text(BEST), row.text(LAST)) == ("–", "–")
    # A second window on the same data folder (its own connection) finishes a quiz: this
    # window hears nothing of it.
    with Store.open(tmp_path / "data") as other_window:
        bank = win.context.library.bank("other")
        done = QuizSession(other_window, win.context.learner_id, bank, shuffle=False,
                           question_ids=["sky"])
        done.submit(True)
        done.advance()
    win.show_library()
    counted(qtbot, win)
    row = library_rows(win)["Other bank"]
    assert (row.text(BEST), row.text(LAST)) == ("100%", "100%")


def test_a_card_falling_due_while_the_library_is_hidden_is_counted_when_it_shows(qtbot, win):
    from datetime import UTC, datetime, timedelta

    from quizapp.core.session import FlashcardSession

    context = win.context
    bank = context.library.bank("small")
    # Rated Again as if 55 s ago: the learning card falls due about 5 s from now (time
    # enough for the count before it on a loaded machine; 2 s was not, once in a while).
    review = FlashcardSession(context.store, context.learner_id, bank,
                              now=datetime.now(UTC) - timedelta(seconds=55))
    review.flip()
    review.rate(1)
    review.abandon()
    win.show_library()
    counted(qtbot, win)
    timer = win.library_screen._due_timer
    assert timer.isActive()
    fired = []
    timer.timeout.connect(lambda: fired.append(timer.isActive()))
    win.show_learners()  # the library is hidden when the card falls due
    qtbot.waitUntil(lambda: bool(fired), timeout=20_000)
    # Not armed again from the count it had (that fired every 50 ms while hidden).
    assert not timer.isActive()
    win.show_library()
    counted(qtbot, win)
    row = library_rows(win)["Small bank"]
    assert (row.text(NEW), row.text(LEARNING), row.text(DUE)) == ("0", "1", "1")
