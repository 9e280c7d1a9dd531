"""A matching question's drop-down of answers that shows whole words. Testers at 800
pixels wide saw "3. Said in Washington that the United Stat": the closed drop-down cut
the answer mid-word, and its open list, as wide as the longest answer, ran past the
window's edge. Closed, it now shows the words that fit and "…"; open, its list is never
wider than the window (nor the screen) and a long answer wraps onto more lines."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QWidget,
)

from quizapp.gui.elide import elide_words

ITEM_MARGIN_PX = 4  # above, below and beside an item's text in the open list


class WrappedItems(QStyledItemDelegate):
    """The open list's items, their text wrapped at `wrap_width` pixels."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.wrap_width = 1 << 16  # no wrapping until the list is opened (AnswerCombo)

    def initStyleOption(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        text = str(index.data() or "")
        room = max(1, self.wrap_width - 2 * ITEM_MARGIN_PX)
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, room, 1 << 20), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(bounds.width() + 2 * ITEM_MARGIN_PX, bounds.height() + 2 * ITEM_MARGIN_PX)


class AnswerCombo(QComboBox):
    """A drop-down whose chosen answer shows in whole words and whose open list stays
    inside the window, wrapping long answers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.items = WrappedItems(self)
        self.setItemDelegate(self.items)

    def shown_text(self) -> str:
        """The chosen answer as the closed drop-down shows it."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return elide_words(option.currentText, self.fontMetrics(), self._field(option).width())

    def _field(self, option: QStyleOptionComboBox) -> QRect:
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def popup_room(self) -> QRect:
        """Where the open list may be, on the screen: the window, within the screen."""
        room = self.window().frameGeometry()
        screen = self.screen()
        return room.intersected(screen.availableGeometry()) if screen is not None else room

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        room = self.popup_room()
        width = max(self.width(), room.width())
        view = self.view()
        # The list's frame and a scroll bar's room are not the items'.
        chrome = (2 * view.frameWidth() + 2 * view.window().contentsMargins().left()
                  + view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 4)
        self.items.wrap_width = width - chrome
        view.doItemsLayout()  # the rows' heights at this width (zoomed, resized since)
        super().showPopup()
        popup = view.window()  # the list's own top-level frame
        if popup.width() > width or popup.x() < room.left() or popup.geometry().right() > room.right():
            popup_width = min(popup.width(), width)
            x = max(room.left(), min(popup.x(), room.right() + 1 - popup_width))
            popup.setGeometry(x, popup.y(), popup_width, popup.height())
