"""The teacher overview at 800x600: a tester saw the bundled bank's title cut mid-word in
the Learners × banks table ("U.S.-Japan auto trade tal…"). Its squeezed columns now end on
whole words and "…", as the library's titles do; the whole title is in the tooltip.
Real keys: Ctrl+T opens the overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QProxyStyle, QStyle

from quizapp.gui.teacher_screen import content_widths

TITLE = "U.S.-Japan auto trade talks (1995)"
LEARNER, BANK = 0, 1


class _CellsPainted(QProxyStyle):
    """The table's style, noting the text of each cell it is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[int, int, str]] = []  # (row, column, text)
        self.overflowing: list[str] = []  # texts Qt cut again where it drew them

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 (Qt override)
        if element == QStyle.ControlElement.CE_ItemViewItem:
            self.cells.append((option.index.row(), option.index.column(), option.text))
            # Qt lays the text out in fractional pixels and cuts it again (mid-word) when
            # it is wider than the text's room, however little.
            rect = self.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
            margin = self.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            if QFontMetricsF(option.font).horizontalAdvance(option.text) > rect.width() - 2 * margin:
                self.overflowing.append(option.text)
        super().drawControl(element, option, painter, widget)


_KEPT_STYLES: list[QProxyStyle] = []  # a widget does not own a style set on it


def _whole_words(shown: str, full: str) -> None:
    """`shown` is `full`, or `full` cut after a whole word, with "…"."""
    if shown == full:
        return
    assert shown.endswith("…") and len(shown) < len(full), (shown, full)
    kept = shown[:-1].rstrip()
    assert full.startswith(kept) and full[len(kept)] in " ,", f"cut mid-word: {shown!r}"


def test_the_overviews_bank_titles_end_on_whole_words_at_800x600(
        qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    win = open_library_window(folder)  # the bundled banks alone
    context = win.context
    bank = next(b for b in (e.bank for e in context.library.entries) if b and b.title == TITLE)
    store = context.store
    # Learners with long names, as a class has: the learner column takes its share.
    for name in ("Ana", "Maximiliana Fernández-Castellanos", "Bartholomew Higginbotham-Smythe"):
        known = {known.name: known for known in store.learners()}
        learner = known.get(name) or store.create_learner(name)
        session = store.start_session(learner.id, bank, "quiz")
        store.record_answer(session, bank.questions[0], response="x", correct=False,
                            credit=0.0, seconds=4)
    win.resize(800, 600)
    tree = win.library_screen.tree
    qtbot.waitUntil(lambda: win.width() <= 800, timeout=5000)
    screen = win.screen_named("teacher")
    with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    table = screen.overview_table
    model = table.model()
    qtbot.waitUntil(lambda: table.isVisible() and model.rowCount() == 3, timeout=10000)

    # The squeezed columns get the room there is: the last one (Last studied) does not
    # stretch wide beside them (the rows came before the table had its width).
    last = model.columnCount() - 1
    wanted = content_widths(table, screen.overview_model)[last]
    qtbot.waitUntil(lambda: table.columnWidth(last) <= wanted + 2, timeout=5000)

    style = _CellsPainted()
    _KEPT_STYLES.append(style)
    table.setStyle(style)
    table.viewport().grab()
    shown = {(row, column): text for row, column, text in style.cells}
    # Squeezed at 800 px (else this tests nothing): the title does not fit its column, so
    # a cell shows part of it; Qt cut it where the column ended, mid-word.
    assert table.fontMetrics().horizontalAdvance(TITLE) > table.columnWidth(BANK)
    assert style.overflowing == []
    for row in range(3):
        assert shown[(row, BANK)] != TITLE
        _whole_words(shown[(row, BANK)], TITLE)
        _whole_words(shown[(row, LEARNER)], model.index(row, LEARNER).data())
        # The whole title is in the tooltip.
        assert TITLE in model.index(row, BANK).data(Qt.ItemDataRole.ToolTipRole)
    # The column dragged narrower, a pixel at a time: every width ends on a whole word
    # (down to the first word's width: a word alone too long is cut where it must be).
    least = table.fontMetrics().horizontalAdvance("U.S.-Japan…") + 12
    for width in range(table.columnWidth(BANK), least, -1):
        table.setColumnWidth(BANK, width)
        style.cells.clear()
        table.viewport().grab()
        assert style.overflowing == [], width
        for _row, column, text in style.cells:
            if column == BANK:
                _whole_words(text, TITLE)
