"""A drop-down as wide as a number of characters where its row has room, and narrower,
down to a least number, where it has not: zoomed in an 800-pixel window, the progress
screen's header, with its bank selector at 26 characters, was wider than the window."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from quizapp.gui.elide import elide_words


class ShrinkingCombo(QComboBox):
    """`chars` characters wide (its size hint), at least `least_chars` (its minimum), in
    its font at every zoom; longer entries show the whole words that fit and "…"
    (paintEvent)."""

    def __init__(self, chars: int, least_chars: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._spare_chars = max(0, chars - least_chars)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        spare = self._spare_chars * self.fontMetrics().averageCharWidth()
        return QSize(hint.width() - spare, hint.height())

    def shown_text(self) -> str:
        """The chosen entry as the closed drop-down shows it: the whole words that fit and
        "…" (elide.elide_words), never a word cut short ("Practice — a wrong
        answer comes bac…", as testers saw the mode selector at 800x600)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return elide_words(option.currentText, self.fontMetrics(), field.width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """As QComboBox paints itself, with the text elided in whole words: under the
        app's stylesheet the style cut it off mid-letter ("comes bac")."""
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
