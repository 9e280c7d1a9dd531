"""F1: every keyboard shortcut, grouped by where it works, in one table a screen reader reads.

The keys of the menus are read from the window's own actions, so the sheet cannot fall
behind them; the keys screens handle themselves are listed here.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.gui.button_icons import InkedIcons
from quizapp.gui.screen_fit import fit_on_screen

# (where, keys, what) for keys the screens handle themselves.
SCREEN_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Anywhere", "Enter or Space",
     "press the focused (outlined) button: Leave, Undo, Flag this question, Hand in…"),
    ("Library", "Q, or Enter in the bank list", "start a quiz on the selected bank"),
    ("Library", "F", "flashcards"),
    ("Library", "P", "practice"),
    ("Library", "G", "progress for the selected bank"),
    ("Quiz, exam, practice", "1–9",
     "pick a choice (in matching: the answer for the focused item, then the next item)"),
    ("Quiz, exam, practice", "Up / Down, then Space",
     "move between the choices, then pick the outlined one (Space again unticks a box)"),
    ("Quiz, exam, practice", "Enter",
     "on the answer: submit it, then go on (in a cloze: next blank)"),
    ("Quiz, exam, practice", "1 / 2 / 3 / 4",
     "on a turned flashcard: rate it Again / Hard / Good / Easy, recorded at once"
     " (Enter on a focused rating too)"),
    ("Quiz, exam, practice", "Ctrl+Enter", "submit at once (a cloze with a blank left empty)"),
    ("Quiz, exam, practice", "Alt+Up / Alt+Down", "move the selected item in an ordering question"),
    ("Quiz, exam, practice", "Tab / Shift+Tab", "next / previous control"),
    ("Quiz, exam, practice", "Ctrl+Z",
     "take the last answer back (not in an exam; in a text box: first the typing)"),
    ("Quiz, exam, practice", "Esc", "leave, after asking (answers given are kept)"),
    ("Quiz, exam, practice", "PageUp / PageDown", "scroll the page"),
    ("Exam: the question list", "1–9 (typed together: 12)", "go to that question"),
    ("Exam: the question list", "Enter", "show the selected question"),
    ("Results", "Enter", "press the focused button: Review my mistakes, Done"),
    ("Results", "Esc", "back to the library"),
    ("Results", "PageUp / PageDown", "scroll the review of every question"),
    ("Flashcards", "Space or Enter", "turn the card over (on Leave or Undo: press it)"),
    ("Flashcards", "1 / 2 / 3 / 4", "rate Again / Hard / Good / Easy"),
    ("Flashcards", "@", "suspend the card shown: out of your study until you bring it back"
     " (More > Suspended cards…)"),
    ("Flashcards", "Ctrl+Z", "take the last rating back (or bring back the card just suspended)"),
    ("Flashcards", "Esc", "leave"),
    ("Flashcards", "PageUp / PageDown", "scroll a card too long for the screen"),
    ("Progress", "PageUp / PageDown", "scroll the page"),
    ("Progress, teacher overview", "F5", "ask for the numbers again"),
    ("Progress, teacher overview, learners", "Esc", "back to the library"),
    ("Teacher overview", "Ctrl+F", "filter the rows"),
    ("Teacher overview", "Esc in the filter", "clear it (Esc again: back to the library)"),
    ("Teacher overview", "Ctrl+E", "save the table shown as a CSV file"),
    ("Learners", "F2", "rename the selected learner"),
    ("Learners", "Delete", "delete the selected learner (after asking)"),
    ("Bank editor", "Ctrl+S", "save"),
    ("Bank editor", "Ctrl+Shift+O", "open an article to write questions from"),
    ("Bank editor", "Ctrl+W", "close the editor (asks to save)"),
    ("Bank editor", "Ctrl+N / Ctrl+D / Ctrl+Delete", "add / duplicate / delete a question"),
    ("Bank editor", "Alt+Up / Alt+Down", "move the selected question"),
    ("Bank editor", "Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y", "undo / redo"),
    ("Bank editor", "Ctrl+Shift+A", "start a question from the selected article words"),
    ("Bank editor", "F1", "this list of keys"),
    ("Bank editor", "Ctrl+= / Ctrl+- / Ctrl+0",
     "zoom in / out / actual size, with the main window (when opened from it)"),
)


# Qt's short names of keys, and the names on the keys that the sheet uses.
KEY_NAMES = {"Del": "Delete", "PgUp": "PageUp", "PgDown": "PageDown", "Return": "Enter"}


def key_text(keys: QKeySequence) -> str:
    """A key as the sheet writes it: "Ctrl+Shift+Delete", not Qt's "Ctrl+Shift+Del"."""
    text = keys.toString(QKeySequence.SequenceFormat.NativeText)
    head, plus, last = text.rpartition("+")
    if not last:  # "Ctrl++": the key is "+"
        return text
    return head + plus + KEY_NAMES.get(last, last)


def menu_keys(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every action of `window` that has a shortcut."""
    rows = []
    for action in window.findChildren(QAction):
        keys = [key_text(k) for k in action.shortcuts()]
        text = str(action.property("ownText") or action.text())  # not "(pick a learner first)"
        if keys and text:
            rows.append(("Anywhere (menus)", " or ".join(keys), text.replace("&", "")))
    return sorted(set(rows), key=lambda row: row[2])


DESCRIPTION_CHARACTERS = 45  # the "What it does" column's room, in average characters
SHEET_LINES = 32  # the sheet's height, in lines of its text
SHEET_MARGINS = 80  # the layout's margins, the table's frame and its scroll bar, in pixels


class ShortcutSheet(QDialog):
    """A table of where / keys / what; Esc or Close closes it. `window`'s menu keys are
    listed too when `with_menus` (the main window's; the editor's are in SCREEN_KEYS,
    tests/test_gui_shortcut_sheet.py checks them against its actions)."""

    def __init__(self, window: QWidget, *, with_menus: bool = True):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel("Everything in quizapp works from the keyboard. These are its keys.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = [*SCREEN_KEYS, *(menu_keys(window) if with_menus else ())]
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName("Shortcuts")
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Each row as tall as its wrapped text (a fixed height cut it to "…" at large fonts).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_icon = InkedIcons(buttons)  # Close's cross seen on the dark theme too
        layout.addWidget(buttons)
        # As large as the text asks (the zoom grows the font: at 200% a 720x560 sheet gave
        # its descriptions one word a line), at least 720x560, no larger than the screen.
        self.ensurePolished()  # the zoom's font comes with the style sheet
        metrics = self.fontMetrics()
        width = (self.table.sizeHintForColumn(0) + self.table.sizeHintForColumn(1)
                 + DESCRIPTION_CHARACTERS * metrics.averageCharWidth() + SHEET_MARGINS)
        height = SHEET_LINES * metrics.lineSpacing()
        fit_on_screen(self, max(720, width), max(560, height), near=window)

    def keys_listed(self) -> list[str]:
        items = (self.table.item(row, 1) for row in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]
