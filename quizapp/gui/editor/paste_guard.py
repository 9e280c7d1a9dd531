"""A paste with a line longer than the editor shows is refused where it would go: a text
box lays out one long line in time growing with its square (100,000 characters took a
second, 2,000,000 froze the editor for minutes), before the form could say that it is too
long to edit (authoring.document.too_long_to_edit)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from quizapp.authoring.document import MAX_EDIT_LINE


def refusal(text: str) -> str | None:
    """Why a paste of `text` is refused, or None."""
    if len(text) <= MAX_EDIT_LINE:
        return None
    longest = max(len(line) for line in text.splitlines())
    if longest <= MAX_EDIT_LINE:
        return None
    return (f"Not pasted: a line of it is {longest:,} characters long, more than the editor "
            f"shows ({MAX_EDIT_LINE:,}); break it into shorter lines first.")


class GuardedTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that refuses such a paste (or drop), saying why in the status line."""

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        why = refusal(source.text()) if source.hasText() else None
        if why is None:
            super().insertFromMimeData(source)
            return
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(why, 15000)
