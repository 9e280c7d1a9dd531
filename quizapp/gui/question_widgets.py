"""One answer widget per question type.

Every widget shows the question's prompt (safe Markdown) and the controls to
answer it, and hands back the learner's answer as the response that
quizapp.core.grading expects (see CONTRACTS.md, "Grading"). The quiz screen
owns the flow (submit, feedback, next); these widgets only collect an answer
and, once graded, mark it.

Keys 1-9 pick choices (multiple choice, true/false, multiple select) and rate a
flashcard (1-4); Alt+Up/Down moves an item of an ordering question.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from quizapp.core import textmatch
from quizapp.core.arrangement import Arrangement, written
from quizapp.core.model import (
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizapp.core.text_limits import MAX_ANSWER_CHARS, MAX_BLANK_CHARS
from quizapp.gui.length_note import LengthNote
from quizapp.gui.markdown import set_safe_markdown
from quizapp.gui.theme import DARK, LIGHT
from quizapp.rendering.images import load_pixmap
from quizapp.rendering.markdown import MARKDOWN_FEATURES, is_long, readable_chunks

RIGHT_MARK = "\u2714"  # heavy check mark
WRONG_MARK = "\u2718"  # heavy ballot x
RATINGS = ("Again", "Hard", "Good", "Easy")


# --------------------------------------------------------------------------- text helpers


def set_bank_text(label: QLabel, text: str | None, bank_dir: str | Path | None = None) -> None:
    """Show bank text as safe Markdown (never raw HTML)."""
    set_safe_markdown(label, text or "", bank_dir=bank_dir)


def plain_text(markdown: str | None) -> str:
    """Markdown as the words a screen reader should say (HTML kept as text)."""
    if not markdown:
        return ""
    if is_long(markdown):  # parsing it would block the window; the words are enough
        return " ".join(markdown.split())
    doc = QTextDocument()
    doc.setMarkdown(markdown, MARKDOWN_FEATURES)  # the same dialect as shown
    return " ".join(doc.toPlainText().split())


def grade_colours(
    palette: QPalette, background: QPalette.ColorRole = QPalette.ColorRole.Window
) -> tuple[QColor, QColor]:
    """(right, wrong) colours that read well on the palette's `background` colour (the
    theme's named colours: quizapp/gui/theme.py)."""
    theme = DARK if palette.color(background).lightnessF() < 0.5 else LIGHT
    return theme.color("right"), theme.color("wrong")


def mark_label(label: QLabel, correct: bool, text: str | None = None) -> None:
    """Turn `label` into a right/wrong mark: a symbol and a word, plus colour."""
    right, wrong = grade_colours(label.palette())
    colour = right if correct else wrong
    word = text if text is not None else ("Right" if correct else "Wrong")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(f"{RIGHT_MARK if correct else WRONG_MARK} {word}".strip())
    label.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
    label.setAccessibleName(word or ("Right" if correct else "Wrong"))
    label.show()


def _digit_of(event: QKeyEvent) -> int | None:
    """1-9 for an unmodified (or keypad) digit key, else None."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
        return key - Qt.Key.Key_0
    return None


class _WrapLabel(QLabel):
    """A word-wrapped label that asks for its text's own width, not QLabel's narrow guess."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self):
        # QLabel guesses a narrow width for wrapped text; ask for the text's own
        # width (the layout still shrinks it, wrapping, when the window is narrow).
        key = (self.text(), self.font().key())
        if getattr(self, "_hint_key", None) != key:
            doc = QTextDocument()
            doc.setDefaultFont(self.font())
            if self.textFormat() == Qt.TextFormat.PlainText:
                doc.setPlainText(self.text())
            else:
                doc.setHtml(self.text())
            width = min(int(doc.idealWidth()) + 2 * self.margin() + 4, 900)
            self._hint_key, self._hint = key, QSize(width, self.heightForWidth(width))
        return self._hint


class _ClickableLabel(_WrapLabel):
    """A choice's text: clicking it clicks its button, like a normal button label."""

    def __init__(self, buddy: QAbstractButton, parent=None):
        super().__init__(parent)
        self._buddy = buddy
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._buddy.isEnabled():
            self._buddy.click()
        super().mouseReleaseEvent(event)


# --------------------------------------------------------------------------- the base


class QuestionWidget(QWidget):
    """The prompt and the controls for one question.

    Subclasses build their controls in `_build_answer(layout)` and implement
    `response()`, `is_answered()`, `_set_controls_enabled()` and `_mark()`.
    """

    response_changed = Signal()

    def __init__(
        self,
        question: Question,
        bank_dir: str | Path | None = None,
        parent=None,
        arrangement: Arrangement | None = None,
    ):
        super().__init__(parent)
        self.question = question
        self.bank_dir = Path(bank_dir) if bank_dir else None
        # The order the options are shown in (positions -> indexes as written); the
        # response is always in written indexes, as grading expects.
        self.arrangement = arrangement or written(question)
        self.setAccessibleName(f"Question: {plain_text(question.prompt)[:80]}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("prompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.prompt_label.setFont(font)
        set_bank_text(self.prompt_label, self._prompt_text(), self.bank_dir)
        self.prompt_label.setAccessibleName("Question")
        self.prompt_label.setAccessibleDescription(plain_text(self._prompt_text())[:1000])
        self.prompt_label.setVisible(bool(self._prompt_text()))
        layout.addWidget(self.prompt_label)
        self.long_prompt_view: QPlainTextEdit | None = None
        if is_long(self._prompt_text()):
            # All of a very long prompt, as plain text in a scrolling view that lays out
            # only what is on screen (the label would show its start only).
            self.prompt_label.setVisible(False)
            view = QPlainTextEdit()
            view.setReadOnly(True)
            view.setFont(font)
            view.setAccessibleName("Question")
            view.setPlainText(readable_chunks(self._prompt_text()))
            view.setMinimumHeight(160)
            view.setMaximumHeight(360)
            layout.addWidget(view)
            self.long_prompt_view = view
        image = self._image()
        if image is not None:
            picture = QLabel()
            picture.setPixmap(image)
            picture.setAccessibleName("Question image")
            layout.addWidget(picture)
        elif self.question.image:
            # The loader warns about a missing picture; the question stays answerable.
            gone = self.bank_dir is None or not (self.bank_dir / self.question.image).exists()
            what = "image missing" if gone else "image not shown"
            self.missing_image_label = QLabel(f"[{what}: {self.question.image}]")
            self.missing_image_label.setTextFormat(Qt.TextFormat.PlainText)
            self.missing_image_label.setAccessibleName("Question image missing")
            layout.addWidget(self.missing_image_label)
        self._build_answer(layout)
        layout.addStretch(1)

    # -- to override
    def _prompt_text(self) -> str:
        return self.question.prompt

    def _build_answer(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def response(self):
        """The answer in the form grading expects (CONTRACTS.md, "Grading")."""
        raise NotImplementedError

    def is_answered(self) -> bool:
        """Whether the learner has given an answer at all."""
        raise NotImplementedError

    def pick(self, number: int) -> bool:
        """Key `number` (1-9) was pressed; True if it picked something."""
        return False

    def focus_answer(self) -> None:
        """Put the keyboard focus on the first answer control."""
        self.focusNextChild()

    def _set_controls_enabled(self, enabled: bool) -> None:
        raise NotImplementedError

    def _mark(self, grade) -> None:
        pass

    # -- common API
    def set_enabled(self, enabled: bool) -> None:
        """Lock (after submitting) or unlock the answer controls."""
        self._set_controls_enabled(enabled)

    def show_grade(self, grade) -> None:
        """Mark the answer right or wrong in place (the quiz screen shows the rest)."""
        self.set_enabled(False)
        self._mark(grade)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        number = _digit_of(event)
        if number is not None and self.pick(number):
            event.accept()
            return
        super().keyPressEvent(event)

    def _image(self) -> QPixmap | None:
        """The question's picture, only from inside the bank's folder."""
        if not self.question.image or self.bank_dir is None:
            return None
        try:
            root = self.bank_dir.resolve()
            path = (root / self.question.image).resolve()
        except OSError:
            return None
        if not path.is_relative_to(root) or not path.is_file():
            return None
        pixmap = load_pixmap(path)  # an SVG cleaned of the files it names first
        if pixmap is None or pixmap.isNull():
            return None
        if pixmap.width() > 560:
            pixmap = pixmap.scaledToWidth(560, Qt.TransformationMode.SmoothTransformation)
        return pixmap


# --------------------------------------------------------------------------- choices


class _ChoiceListWidget(QuestionWidget):
    """Buttons in a column, each with its number key and its Markdown text."""

    exclusive = True

    def _choice_texts(self) -> list[str]:
        raise NotImplementedError

    def _display_order(self) -> tuple[int, ...]:
        """Written indexes of the choices, in the order shown."""
        return self.arrangement.order

    def _build_answer(self, layout):
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        self.buttons: list[QAbstractButton] = []  # in the order shown: key 1 is buttons[0]
        self.marks: list[QLabel] = []
        self.order = self._display_order()
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)  # marks sit right after the text, not at the far edge
        grid.setHorizontalSpacing(8)
        texts = self._choice_texts()
        for i, text in enumerate(texts[w] for w in self.order):
            button = QRadioButton() if self.exclusive else QCheckBox()
            key = i + 1
            button.setText(f"{key}." if key <= 9 else "")
            name = plain_text(text) or f"Choice {key}"
            button.setAccessibleName(name)
            tip = f"Choice {key}" + (f" (key {key})" if key <= 9 else "")
            if not self.exclusive:
                tip += " — toggles; you may pick several"
            button.setToolTip(tip)
            self.group.addButton(button, i)
            label = _ClickableLabel(button)
            set_bank_text(label, text, self.bank_dir)
            label.setToolTip(tip)
            mark = QLabel()
            mark.hide()
            grid.addWidget(button, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 1)
            grid.addWidget(mark, i, 2, Qt.AlignmentFlag.AlignVCenter)  # level with its text
            self.buttons.append(button)
            self.marks.append(mark)
        self.group.idToggled.connect(lambda *_: self.response_changed.emit())
        layout.addLayout(grid)

    def key_for(self, written_index: int) -> int:
        """The number key (1-based position on screen) of the choice written at
        `written_index`."""
        return self.order.index(written_index) + 1

    def pick(self, number):
        index = number - 1
        if not 0 <= index < len(self.buttons) or not self.buttons[index].isEnabled():
            return False
        button = self.buttons[index]
        if self.exclusive:
            button.setChecked(True)
        else:
            button.toggle()
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def focus_answer(self):
        if not self.buttons:
            return
        checked = self.group.checkedButton()
        (checked or self.buttons[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def _checked(self) -> list[int]:
        """Written indexes of the checked choices, in written order."""
        return sorted(self.order[i] for i, b in enumerate(self.buttons) if b.isChecked())

    def is_answered(self):
        return bool(self._checked())

    def _set_controls_enabled(self, enabled):
        for button in self.buttons:
            button.setEnabled(enabled)

    def _right_indexes(self) -> set[int]:
        raise NotImplementedError

    def _mark(self, grade):
        right = self._right_indexes()
        chosen = set(self._checked())
        for position, mark in enumerate(self.marks):
            i = self.order[position]
            if i in right:
                mark_label(mark, True, "right answer" if i not in chosen else "your answer, right")
            elif i in chosen:
                mark_label(mark, False, "your answer, wrong")


class MultipleChoiceWidget(_ChoiceListWidget):
    question: MultipleChoice

    def _choice_texts(self):
        return [c.text for c in self.question.choices]

    def response(self):
        checked = self._checked()
        return checked[0] if checked else None

    def _right_indexes(self):
        return {self.question.correct}


class TrueFalseWidget(_ChoiceListWidget):
    question: TrueFalse

    def _choice_texts(self):
        return ["True", "False"]

    def _display_order(self):
        return (0, 1)  # True then False, always

    def response(self):
        checked = self._checked()
        return (checked[0] == 0) if checked else None

    def _right_indexes(self):
        return {0 if self.question.answer else 1}


class MultipleSelectWidget(_ChoiceListWidget):
    question: MultipleSelect
    exclusive = False

    def _build_answer(self, layout):
        hint = QLabel("Pick every right answer.")
        hint.setEnabled(False)  # drawn in the palette's muted text colour
        layout.addWidget(hint)
        super()._build_answer(layout)

    def _choice_texts(self):
        return [c.text for c in self.question.choices]

    def response(self):
        return self._checked()

    def _right_indexes(self):
        return set(self.question.correct)


# --------------------------------------------------------------------------- typed answers


class _LineEditWidget(QuestionWidget):
    placeholder = "Type your answer"

    def _build_answer(self, layout):
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.placeholder)
        self.edit.setAccessibleName("Your answer")
        self.edit.setToolTip(f"{self.placeholder}, then press Enter to submit")
        self.edit.textChanged.connect(lambda *_: self.response_changed.emit())
        row.addWidget(self.edit, 1)
        self._add_after_edit(row)
        self.mark = QLabel()
        self.mark.hide()
        row.addWidget(self.mark)
        layout.addLayout(row)
        self.length_note = LengthNote(MAX_ANSWER_CHARS, "An answer")
        self.length_note.watch(self.edit)
        layout.addWidget(self.length_note)

    def _add_after_edit(self, row):
        pass

    def response(self):
        return self.edit.text().strip()

    def is_answered(self):
        return bool(self.edit.text().strip())

    def focus_answer(self):
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        self.edit.setReadOnly(not enabled)

    def _mark(self, grade):
        mark_label(self.mark, grade.correct)


class ShortAnswerWidget(_LineEditWidget):
    question: ShortAnswer


class NumericWidget(_LineEditWidget):
    question: Numeric
    placeholder = "Type a number"

    def _add_after_edit(self, row):
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.edit.setMaximumWidth(240)
        self.unit_label = QLabel(self.question.unit or "")
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unit_label.setVisible(bool(self.question.unit))
        if self.question.unit:
            self.edit.setAccessibleName(f"Your answer, in {self.question.unit}")
            self.edit.setToolTip(
                f"Type a number in {self.question.unit}, then press Enter to submit"
            )
        row.addWidget(self.unit_label)
        row.addStretch(1)


# --------------------------------------------------------------------------- matching


class MatchingWidget(QuestionWidget):
    """A combo box of right-hand sides for every left-hand item."""

    question: Matching

    def _build_answer(self, layout):
        pairs = self.question.pairs
        order = self.arrangement.order  # the right-hand column, as shown
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.combos: list[QComboBox] = []
        self.marks: list[QLabel] = []
        for i, (left, _right) in enumerate(pairs):
            label = _WrapLabel()
            set_bank_text(label, left, self.bank_dir)
            combo = QComboBox()
            combo.addItem("— choose —", None)
            for number, j in enumerate(order, start=1):  # the number is its key (1-9)
                combo.addItem(f"{number}. {plain_text(pairs[j][1]) or pairs[j][1]}", j)
            combo.installEventFilter(self)  # digits pick (see eventFilter), not search
            combo.setAccessibleName(f"Match for {plain_text(left)}")
            combo.setToolTip(
                f"Choose what matches “{plain_text(left)}” (Alt+Down opens the list; Tab moves on)"
            )
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda *_: self.response_changed.emit())
            label.setBuddy(combo)
            mark = QLabel()
            mark.hide()
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            grid.addWidget(mark, i, 2)
            self.combos.append(combo)
            self.marks.append(mark)
        layout.addLayout(grid)

    def response(self):
        return [combo.currentData() for combo in self.combos]

    def is_answered(self):
        return any(combo.currentData() is not None for combo in self.combos)

    def choose(self, left_index: int, pair_index: int) -> None:
        """Match left item `left_index` with the right side of pair `pair_index`."""
        combo = self.combos[left_index]
        combo.setCurrentIndex(combo.findData(pair_index))

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and watched in self.combos:
            number = _digit_of(event)
            if number is not None and self.pick(number):
                return True
        return super().eventFilter(watched, event)

    def pick(self, number):
        """Key `number` picks the number-th answer for the focused item (else the first
        item not matched yet), then moves on to the next item."""
        combos = [c for c in self.combos if c.isEnabled()]
        if not combos:
            return False
        focused = next((c for c in combos if c.hasFocus()), None)
        combo = focused or next((c for c in combos if c.currentData() is None), combos[0])
        if not 1 <= number < combo.count():
            return False
        combo.setCurrentIndex(number)  # item 0 is "— choose —"
        following = combos.index(combo) + 1
        (combos[following] if following < len(combos) else combo).setFocus(
            Qt.FocusReason.ShortcutFocusReason)
        return True

    def focus_answer(self):
        if self.combos:
            self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        for combo in self.combos:
            combo.setEnabled(enabled)

    def _mark(self, grade):
        for i, (combo, mark) in enumerate(zip(self.combos, self.marks, strict=True)):
            right = combo.currentData() == i or (
                combo.currentData() is not None
                and self.question.pairs[combo.currentData()][1] == self.question.pairs[i][1]
            )
            if right:
                mark_label(mark, True)
            else:
                mark_label(mark, False, f"right: {plain_text(self.question.pairs[i][1])}")


# --------------------------------------------------------------------------- ordering


class OrderingWidget(QuestionWidget):
    """A list the learner puts in order by dragging, Alt+Up/Down or the buttons."""

    question: Ordering

    def _build_answer(self, layout):
        hint = QLabel(
            "Put these in the right order: drag them, or select one and press Alt+Up / Alt+Down."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Items to put in order")
        self.list.setToolTip("Drag an item, or press Alt+Up / Alt+Down to move the selected one")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for index in self.arrangement.order:
            item = QListWidgetItem(
                plain_text(self.question.items[index]) or self.question.items[index]
            )
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.model().rowsMoved.connect(lambda *_: self.response_changed.emit())
        self.list.installEventFilter(self)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = min(max(2, self.list.count()), 12)
        height = rows * (self.list.sizeHintForRow(0) + 4) + 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(height)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton("Move up")
        self.up_button.setAccessibleName("Move the selected item up")
        self.up_button.setToolTip("Move the selected item up (Alt+Up)")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setAccessibleName("Move the selected item down")
        self.down_button.setToolTip("Move the selected item down (Alt+Down)")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for b in (self.up_button, self.down_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list keeps focus; Alt+arrows do the same
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

    def eventFilter(self, watched, event):
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            if event.modifiers() & Qt.KeyboardModifier.AltModifier:
                if event.key() == Qt.Key.Key_Up:
                    self.move_current(-1)
                    return True
                if event.key() == Qt.Key.Key_Down:
                    self.move_current(1)
                    return True
        return super().eventFilter(watched, event)

    def move_current(self, step: int) -> None:
        """Move the selected item `step` places (negative: up)."""
        if (
            not self.list.isEnabled()
            or self.list.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
        ):
            return
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.response_changed.emit()

    def response(self):
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    def is_answered(self):
        return True  # the shown order is an answer too

    def focus_answer(self):
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        mode = QAbstractItemView.DragDropMode
        self.list.setDragDropMode(mode.InternalMove if enabled else mode.NoDragDrop)
        self.up_button.setEnabled(enabled)
        self.down_button.setEnabled(enabled)

    def _mark(self, grade):
        right, wrong = grade_colours(self.list.palette())
        for r in range(self.list.count()):
            item = self.list.item(r)
            ok = item.data(Qt.ItemDataRole.UserRole) == r
            item.setText(f"{RIGHT_MARK if ok else WRONG_MARK} {item.text()}")
            item.setForeground(right if ok else wrong)


# --------------------------------------------------------------------------- cloze


class _LineBreak(QWidget):
    """A marker in a FlowLayout: what follows starts a new line."""

    def sizeHint(self):
        return QSize(0, 0)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping like words in a paragraph."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item):
        self._items.append(item)

    def count(self):
        return len(self._items)

    def itemAt(self, index):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self):
        return self.minimumSize()

    def minimumSize(self):
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        # Words and blanks of one line are centred on the line, like text.
        x, y = rect.x(), rect.y()
        line: list[tuple[object, int, QSize]] = []
        line_height = 0

        def close_line(gap: int) -> None:
            nonlocal y, line, line_height
            if apply:
                for item, left, hint in line:
                    top = y + (line_height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), hint))
            if line:
                y += line_height + gap
            line, line_height = [], 0

        for item in self._items:
            if isinstance(item.widget(), _LineBreak):
                close_line(self._spacing * 3)
                x = rect.x()
                continue
            hint = item.sizeHint()
            if line and x + hint.width() > rect.right():
                close_line(self._spacing)
                x = rect.x()
            line.append((item, x, hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        close_line(0)
        return y - rect.y()


class ClozeWidget(QuestionWidget):
    """The text with a line edit in place of every blank."""

    question: Cloze

    def _prompt_text(self):
        return self.question.prompt or "Fill in the blanks."

    def _build_answer(self, layout):
        holder = QFrame()
        holder.setAccessibleName("Text with blanks")
        flow = FlowLayout(holder)
        self.length_note = LengthNote(MAX_BLANK_CHARS, "A blank")
        self.edits: list[QLineEdit] = []
        self.marks: list[QLabel] = []
        blanks = self.question.blanks
        total = len(blanks)
        for segment in self.question.segments():
            if isinstance(segment, int):
                edit = QLineEdit()
                longest = max((len(a) for a in blanks[segment]), default=6)
                edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * max(8, longest + 4))
                edit.setAccessibleName(f"Blank {segment + 1} of {total}")
                edit.setToolTip(
                    f"Blank {segment + 1} of {total}: type the missing words "
                    "(Tab: next blank, Enter: submit)"
                )
                self.length_note.watch(edit)
                edit.setPlaceholderText(f"blank {segment + 1}")
                edit.textChanged.connect(lambda *_: self.response_changed.emit())
                flow.addWidget(edit)
                mark = QLabel()
                mark.hide()
                flow.addWidget(mark)
                self.edits.append(edit)
                self.marks.append(mark)
                continue
            paragraphs = segment.split("\n\n")
            for p, paragraph in enumerate(paragraphs):
                if p:
                    flow.addWidget(_LineBreak())
                for word in paragraph.split():
                    label = QLabel(word)
                    label.setTextFormat(Qt.TextFormat.PlainText)
                    flow.addWidget(label)
        layout.addWidget(holder)
        layout.addWidget(self.length_note)

    def response(self):
        return [edit.text().strip() for edit in self.edits]

    def is_answered(self):
        return any(edit.text().strip() for edit in self.edits)

    def focus_answer(self):
        if self.edits:
            self.edits[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        for edit in self.edits:
            edit.setReadOnly(not enabled)

    def _mark(self, grade):
        for typed, variants, mark in zip(
            self.response(), self.question.blanks, self.marks, strict=False
        ):
            # The grader's own rule (names turned round included), so a blank
            # marked right is one that counted.
            ok = bool(typed) and textmatch.match_any(typed, variants, self.question.policy)[0]
            mark_label(mark, ok, "" if ok else variants[0])


# --------------------------------------------------------------------------- flashcard


class FlashcardWidget(QuestionWidget):
    """Front, a Show-answer button (Space), then a self-rating 1-4."""

    question: Flashcard

    def _build_answer(self, layout):
        self.flip_button = QPushButton("Show answer")
        self.flip_button.setAccessibleName("Show answer")
        self.flip_button.setToolTip("Turn the card over (Space or Enter)")
        self.flip_button.clicked.connect(self.flip)
        layout.addWidget(self.flip_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.back_label = QLabel()
        self.back_label.setWordWrap(True)
        self.back_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.back_label.setMargin(8)
        set_bank_text(self.back_label, self.question.back, self.bank_dir)
        self.back_label.setAccessibleName("Back of the card")
        self.back_label.hide()
        layout.addWidget(self.back_label)
        self.rate_hint = QLabel("How well did you know it?")
        self.rate_hint.hide()
        layout.addWidget(self.rate_hint)
        row = QHBoxLayout()
        self.rating_group = QButtonGroup(self)
        self.rating_buttons: list[QPushButton] = []
        for i, name in enumerate(RATINGS, start=1):
            button = QPushButton(f"{i} {name}")
            button.setCheckable(True)
            button.setAccessibleName(f"Rate: {name}")
            button.setToolTip(f"I knew it: {name} (key {i})")
            button.setEnabled(False)
            self.rating_group.addButton(button, i)
            self.rating_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.rating_group.idToggled.connect(lambda *_: self.response_changed.emit())
        layout.addLayout(row)
        self.flipped = False

    def flip(self) -> None:
        if self.flipped:
            return
        self.flipped = True
        self.back_label.show()
        self.rate_hint.show()
        self.flip_button.setEnabled(False)
        for button in self.rating_buttons:
            button.setEnabled(True)
        self.rating_buttons[2].setFocus(Qt.FocusReason.OtherFocusReason)
        self.response_changed.emit()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Space and not self.flipped and self.flip_button.isEnabled():
            self.flip()
            event.accept()
            return
        super().keyPressEvent(event)

    def pick(self, number):
        if not self.flipped or not 1 <= number <= 4:
            return False
        button = self.rating_buttons[number - 1]
        if not button.isEnabled():
            return False
        button.setChecked(True)
        return True

    def response(self):
        rating = self.rating_group.checkedId()
        return rating if rating > 0 else None

    def is_answered(self):
        return self.response() is not None

    def focus_answer(self):
        (self.flip_button if not self.flipped else self.rating_buttons[2]).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _set_controls_enabled(self, enabled):
        for button in self.rating_buttons:
            button.setEnabled(enabled and self.flipped)
        self.flip_button.setEnabled(enabled and not self.flipped)


# --------------------------------------------------------------------------- factory

WIDGETS: dict[str, type[QuestionWidget]] = {
    MultipleChoice.TYPE: MultipleChoiceWidget,
    TrueFalse.TYPE: TrueFalseWidget,
    MultipleSelect.TYPE: MultipleSelectWidget,
    ShortAnswer.TYPE: ShortAnswerWidget,
    Numeric.TYPE: NumericWidget,
    Matching.TYPE: MatchingWidget,
    Ordering.TYPE: OrderingWidget,
    Cloze.TYPE: ClozeWidget,
    Flashcard.TYPE: FlashcardWidget,
}


def widget_for(
    question: Question,
    bank_dir: str | Path | None = None,
    parent=None,
    arrangement: Arrangement | None = None,
) -> QuestionWidget:
    """The answer widget for `question` (KeyError for an unknown type), its options in
    `arrangement`'s order (None: as written; a session draws a shuffled one for each
    showing, see quizapp.core.arrangement)."""
    return WIDGETS[question.type](
        question, bank_dir=bank_dir, parent=parent, arrangement=arrangement
    )


__all__ = [
    "ClozeWidget",
    "FlashcardWidget",
    "FlowLayout",
    "MatchingWidget",
    "MultipleChoiceWidget",
    "MultipleSelectWidget",
    "NumericWidget",
    "OrderingWidget",
    "QuestionWidget",
    "ShortAnswerWidget",
    "TrueFalseWidget",
    "WIDGETS",
    "grade_colours",
    "mark_label",
    "plain_text",
    "set_bank_text",
    "widget_for",
]
