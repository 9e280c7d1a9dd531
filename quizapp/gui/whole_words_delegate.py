"""The library's Bank and About cells end on whole words and "…". Found by an outside
tester: the title was cut at the list's edge in the middle of a word ("…between Japanese
manufactu"), and the About column, elided by Qt, ended mid-word too ("every feature of the
ba…"). The whole text is in the row's tooltip and in the details under the list. The
teacher overview's squeezed columns (learner, bank, question, note) end the same way (its
bank titles were cut "U.S.-Japan auto trade tal…"). The library's question count keeps a
gap before the status beside it (CountBeforeTextDelegate).

Imported when the first banks are listed, not with the library screen: importing QPainter,
QStyle and QStyleOptionViewItem builds their Python types and 23 enum types (57 M
instructions, 7% of a start; gui/__init__.py's startup rule)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from quizapp.gui.elide import TEXT_SLACK, column_gap, elide_words


def _cell(delegate: QStyledItemDelegate, option: QStyleOptionViewItem,
          index: QModelIndex | QPersistentModelIndex) -> tuple[QStyleOptionViewItem, QStyle, QWidget | None]:
    """The cell's option as Qt would paint it, the style that paints it, and its view."""
    shown = QStyleOptionViewItem(option)
    delegate.initStyleOption(shown, index)
    widget = shown.widget
    return shown, (widget.style() if widget is not None else QApplication.style()), widget


class WholeWordsDelegate(QStyledItemDelegate):
    """Paints a cell as Qt does, its text ending on the whole words that fit and "…" where
    it does not fit (elide.elide_words). Only paint is Python's: a delegate's
    sizeHint is asked for every cell whenever the columns are sized (see FullHeightRows)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        shown, style, widget = _cell(self, option, index)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        # Qt keeps a margin each side of the text within that rectangle.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        # And a pixel or two to spare: Qt lays the text out in fractional pixels, a little
        # wider than the whole-pixel advance may say, and then cuts it again, mid-word
        # ("auto trade talk…" in the teacher overview on X11).
        room = text_rect.width() - 2 * margin - TEXT_SLACK
        shown.text = elide_words(shown.text, shown.fontMetrics, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)


class CountBeforeTextDelegate(QStyledItemDelegate):
    """Paints a number flush right in its cell as Qt does, but column_gap short of the
    cell's right edge: the library's question count, beside the status flush left in the
    next column (they read "1 ready" zoomed). The cell's background and selection fill it
    to its edge, painted once; its column is made that much wider
    (whole_words_column.CountColumn)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        shown, style, widget = _cell(self, option, index)
        text = shown.text
        shown.text = ""  # the whole cell's background, selection and focus
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)
        # Then the number alone, short of the gap, as Qt's item view paints a cell's text
        # (QCommonStyle's margins and colours). Not the whole cell again: its selection,
        # painted twice, showed darker where a highlight is see-through (review21).
        shown.rect = shown.rect.adjusted(0, 0, -column_gap(shown.fontMetrics), 0)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        state = shown.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        palette = QPalette(shown.palette)
        palette.setCurrentColorGroup(
            QPalette.ColorGroup.Disabled if not enabled
            else QPalette.ColorGroup.Active if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive)
        role = (QPalette.ColorRole.HighlightedText if state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        painter.save()
        painter.setFont(shown.font)
        style.drawItemText(painter, text_rect.adjusted(margin, 0, -margin, 0),
                           shown.displayAlignment.value, palette, enabled, text, role)
        painter.restore()
