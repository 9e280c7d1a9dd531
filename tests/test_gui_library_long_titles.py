"""A long bank title in the library's list. Found by an outside tester at 800x600: a bank
titled in 150 characters made the Bank column as wide as the title, every count (New,
Learning, Due, Best, Last) was pushed off to the right, and the title was cut at the
list's edge in the middle of a word ("…between Japanese manufactu"); the About column
ended mid-word too ("every feature of the ba…"). The Bank column now grows up to a reading
line of titles, and both end on whole words and "…"; the whole title is in the tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle

from quizapp.gui.library_rows import ABOUT, LAST, TITLE
from quizapp.gui.whole_words_column import MOST_TITLE_CHARS

LONG_TITLE = ("Internationalisation and standardisation of automobile replacement-parts"
              " procurement agreements between Japanese manufacturers and American"
              " suppliers, 1985–1995")
SHORT_TITLE = "U.S.-Japan auto trade talks (1995)"
DESCRIPTION = ("A very long bank of generated questions on extraordinarily multisyllabic"
               " terminology, for the learner who reads descriptions to the end.")


def _bank(title: str, bank_id: str) -> str:
    return f"""\
title: "{title}"
id: {bank_id}
description: "{DESCRIPTION}"
questions:
  - id: q1
    type: true_false
    prompt: The talks were in Tokyo.
    answer: true
"""


class _CellsPainted(QProxyStyle):
    """The list's style, noting the text of each cell it is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[int, int, str]] = []  # (row, column, text)

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 (Qt override)
        if element == QStyle.ControlElement.CE_ItemViewItem:
            self.cells.append((option.index.row(), option.index.column(), option.text))
        super().drawControl(element, option, painter, widget)


_KEPT_STYLES: list[QProxyStyle] = []  # a widget does not own a style set on it


def _whole_words(shown: str, full: str) -> None:
    """`shown` is `full` cut after a whole word, with "…"."""
    assert shown.endswith("…") and len(shown) < len(full), (shown, full)
    kept = shown[:-1]
    assert full.startswith(kept) and full[len(kept)] in " ,", f"cut mid-word: {shown!r}"


def test_a_long_title_leaves_the_counts_in_view_and_ends_on_whole_words(
        qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "long.yaml").write_text(_bank(LONG_TITLE, "long"), encoding="utf-8")
    (folder / "short.yaml").write_text(_bank(SHORT_TITLE, "short"), encoding="utf-8")
    win = open_library_window(folder)
    win.resize(800, 600)
    tree = win.library_screen.tree
    header = tree.header()
    qtbot.waitUntil(lambda: tree.viewport().width() < 800, timeout=5000)

    most = tree.fontMetrics().averageCharWidth() * MOST_TITLE_CHARS
    assert header.sectionSize(TITLE) <= most
    # Every count up to Last is in view, none pushed off to the right.
    assert header.sectionViewportPosition(LAST) + header.sectionSize(LAST) <= tree.viewport().width()

    style = _CellsPainted()
    _KEPT_STYLES.append(style)
    tree.setStyle(style)
    tree.viewport().grab()
    rows = {tree.topLevelItem(i).toolTip(TITLE): i for i in range(tree.topLevelItemCount())}
    assert {LONG_TITLE, SHORT_TITLE} <= set(rows)  # the whole title in each tooltip
    painted = {(row, column): text for row, column, text in style.cells}
    _whole_words(painted[(rows[LONG_TITLE], TITLE)], LONG_TITLE)
    assert painted[(rows[SHORT_TITLE], TITLE)] == SHORT_TITLE  # a usual title shows whole
    _whole_words(painted[(rows[LONG_TITLE], ABOUT)], tree.topLevelItem(rows[LONG_TITLE]).text(ABOUT))


def test_the_widest_of_short_titles_shows_whole(qtbot, open_library_window, tmp_path):
    """Found by an outside tester with 10,000 banks named "Bank 0" to "Bank 9999": the Bank
    column was as wide as Qt measures the widest title, but the cell keeps two pixels to
    spare (elide.TEXT_SLACK), so "Bank 1000" showed as "Bank…" beside an empty About
    column (here: "Bank 1000 of the trade talks in…")."""
    folder = tmp_path / "banks"
    folder.mkdir()
    # The widest wider than the bundled banks' titles, narrower than the column's cap.
    titles = ("Bank 0", "Bank 1", "Bank 100", "Bank 1000 of the trade talks in Tokyo")
    for n, title in enumerate(titles):
        (folder / f"b{n}.yaml").write_text(_bank(title, f"b{n}"), encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1024, 700)
    tree = win.library_screen.tree
    style = _CellsPainted()
    _KEPT_STYLES.append(style)
    tree.setStyle(style)
    most = tree.fontMetrics().averageCharWidth() * MOST_TITLE_CHARS
    assert tree.header().sectionSize(TITLE) < most  # sized by the titles, not capped
    tree.viewport().grab()
    painted = {text for _row, column, text in style.cells if column == TITLE}
    assert set(titles) <= painted, sorted(painted)
