"""A warning that does not stop the app: shown over the window, closed by the learner."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.store import StoreNotice


def open_warning(window, title: str, text: str):
    """Show a non-modal warning box over `window` (deleted once closed); returns it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def open_store_notice(window, notice: StoreNotice):
    """Show a StoreNotice (quizapp.core.store) as a non-modal warning over `window`: its title,
    its few lines, and SQLite's report behind "Show Details…"; returns the box."""
    box = open_warning(window, notice.title, notice.text)
    if notice.details:
        box.setDetailedText(notice.details)
    return box


def behind_note(uncounted: int) -> str:
    """What the progress screen and the library say when the statistics leave out
    `uncounted` answers (Store.uncounted_answers(): their catch-up could not be written on a
    full disk); "" when none."""
    if not uncounted:
        return ""
    answers = "answer" if uncounted == 1 else f"{uncounted} answers"
    return (
        f"These numbers leave out your newest {answers}: the disk is full, so the statistics "
        "could not be brought up to date. Your answers are saved; free some space and the "
        "numbers catch up."
    )
