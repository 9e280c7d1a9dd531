"""The list of warnings an import or export gave, in a window that fits any screen.

A message box grows with its text: 20 warnings pushed its OK button off an 800-pixel
screen. Here the warnings scroll in a read-only text box (selectable, to copy them into a
mail or a search) under a one-line summary, and the window keeps a size that fits 800x600.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

# The window's size: a comfortable reading width for FILE:LINE: warning lines, and a height
# that leaves room for the window's frame and a panel on an 800x600 screen.
PREFERRED_SIZE = QtCore.QSize(680, 420)
# What a screen keeps free around the window (frame, panels, a margin).
SCREEN_MARGIN = 80


class WarningsDialog(QtWidgets.QDialog):
    """A summary line, the warnings one a line in a scrolling box, and OK (focused)."""

    def __init__(self, title: str, warnings: list[str], parent: QtWidgets.QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Warnings")
        self.summary = QtWidgets.QLabel(title)
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # a file name is data
        self.summary.setWordWrap(True)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setPlainText("\n".join(str(w) for w in warnings))
        self.text.setAccessibleName("Warnings")
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.ok_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(fitted_size(self))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.ok_button.setFocus()  # Enter closes it; Tab goes to the list to scroll it


def fitted_size(widget: QtWidgets.QWidget) -> QtCore.QSize:
    """PREFERRED_SIZE, made smaller where the widget's screen is smaller."""
    screen = widget.screen() or QtWidgets.QApplication.primaryScreen()
    if screen is None:
        return PREFERRED_SIZE
    room = screen.availableGeometry().size() - QtCore.QSize(SCREEN_MARGIN, SCREEN_MARGIN)
    return PREFERRED_SIZE.boundedTo(room)


def open_warnings(parent: QtWidgets.QWidget, title: str, warnings: list[str]) -> WarningsDialog:
    """Show the warnings over `parent` (window-modal, deleted once closed); returns the dialog."""
    dialog = WarningsDialog(title, warnings, parent)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
