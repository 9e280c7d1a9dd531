"""A warning that does not stop the app: shown over the window, closed by the learner."""

from __future__ import annotations


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
