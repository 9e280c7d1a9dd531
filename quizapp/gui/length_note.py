"""A note under text fields that appears when one is full, showing the limit.

QLineEdit.setMaxLength stops typing at the limit and cuts a longer paste, silently. The
note makes it visible: as soon as a watched field holds `limit` characters it says
what the limit is, so a learner never loses the end of an answer without knowing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


class LengthNote(QLabel):
    """'… at most N characters' under the fields it watches, shown while one is full."""

    def __init__(self, limit: int, what: str = "An answer", parent: QWidget | None = None):
        super().__init__(parent)
        self.limit = limit
        self._edits: list[QLineEdit] = []
        self.setProperty("textFormat", "PlainText")  # not Qt.*: see gui/__init__.py
        self.setText(f"{what} can have at most {limit:,} characters; the field stops there.")
        self.setAccessibleName("Length limit reached")
        self.setWordWrap(True)
        self.hide()

    def watch(self, edit: QLineEdit) -> None:
        edit.setMaxLength(self.limit)
        tip = edit.toolTip()
        edit.setToolTip(f"{tip} (at most {self.limit:,} characters)" if tip else tip)
        self._edits.append(edit)
        edit.textChanged.connect(self._update)

    def full(self) -> bool:
        return any(len(edit.text()) >= self.limit for edit in self._edits)

    def _update(self, *_text: str) -> None:
        self.setVisible(self.full())
