"""The cloze widget: the text with a line edit in place of every blank, or a drop-down
for a blank to pick from (its choices, as Moodle's MULTICHOICE gap offers them).

Enter in a blank moves on to the next blank; Enter in the last blank submits, unless a
blank is still empty: then the first empty blank gets the focus (the quiz screen submits
on Ctrl+Enter or its Submit button as it is). An answer half typed is not sent by a
reflex Enter, which matters most in an exam, where there is no undo.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.core.kinds.cloze import grade_blank
from quizapp.core.model import (
    Cloze,
)
from quizapp.core.text_limits import MAX_BLANK_CHARS
from quizapp.gui.length_note import LengthNote
from quizapp.gui.markdown import PicturesAwaited
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    mark_label,
)
from quizapp.gui.question_widgets.flow_layout import FlowLayout, _LineBreak
from quizapp.rendering.cloze_words import ClozeBlank, ClozeBreak, ClozeWord, cloze_pieces

# What may follow a blank and belongs to it: its mark comes after these.
CLOSING_PUNCTUATION = frozenset(",.;:!?)]}»”’…")
_KEYS_HINT = (
    "Enter or Tab: next blank · Enter in the last blank submits · Ctrl+Enter submits at once"
)


class ClozeWidget(QuestionWidget):
    """The text with a line edit in place of every blank."""

    question: Cloze

    def _prompt_text(self) -> str:
        return self.question.prompt or "Fill in the blanks."

    def _build_answer(self, layout: QVBoxLayout) -> None:
        holder = QFrame()
        holder.setAccessibleName("Text with blanks")
        self._flow = FlowLayout(holder)
        self.length_note = LengthNote(MAX_BLANK_CHARS, "A blank")
        # one a blank, in order: a QLineEdit to type in, or a QComboBox to pick from
        self.edits: list[QWidget] = []
        self.marks: list[QLabel] = []
        # Big pictures in the text being decoded on a worker thread (rendering/pictures.py):
        # the text is laid out again when the last is ready.
        self._pictures_waited = PicturesAwaited(self, self._lay_out_text_again)
        self._lay_out_text()
        total = len(self.question.blanks)
        layout.addWidget(holder)
        # How to move between the blanks, always in view; it names an empty blank when
        # Enter would have submitted without it.
        self.keys_hint = QLabel(_KEYS_HINT if total > 1 else "")
        self.keys_hint.setObjectName("keysHint")
        self.keys_hint.setAccessibleName("How to fill in the blanks")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setVisible(total > 1)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.length_note)

    def _lay_out_text(self) -> None:
        """The text's words, with a line edit in each blank: made the first time, the same
        ones (what is typed in them, the focus, their marks) when laid out again."""
        # The text around the blanks is the bank's Markdown, as in the other kinds' text
        # (quizapp/rendering/cloze_words.py): shown word by word so the blanks wrap with it.
        # A blank's mark goes after the punctuation that closes it ("auto parts, ✔"), not
        # between the two ("auto parts ✔ ,"): it waits for the word after the blank.
        flow = self._flow
        pending: list[str] = []
        mark_waiting: QLabel | None = None
        for piece in cloze_pieces(self.question.segments(), self.bank_dir, pending):
            if mark_waiting is not None and not (
                    isinstance(piece, ClozeWord) and piece.text[:1] in CLOSING_PUNCTUATION):
                flow.addWidget(mark_waiting)
                mark_waiting = None
            if isinstance(piece, ClozeBreak):
                flow.addWidget(_LineBreak())
            elif isinstance(piece, ClozeBlank):
                while len(self.edits) <= piece.index:  # the blanks come in their order
                    self._make_blank(len(self.edits))
                flow.addWidget(self.edits[piece.index])
                mark_waiting = self.marks[piece.index]
            else:
                label = QLabel()
                if piece.html is None:
                    label.setTextFormat(Qt.TextFormat.PlainText)
                    label.setText(piece.text)
                else:  # built from escaped text and the bank's own pictures only
                    label.setTextFormat(Qt.TextFormat.RichText)
                    label.setText(piece.html)
                flow.addWidget(label)
                if mark_waiting is not None:  # after the closing punctuation
                    flow.addWidget(mark_waiting)
                    mark_waiting = None
        if mark_waiting is not None:  # the text ends with a blank
            flow.addWidget(mark_waiting)
        self._pictures_waited.wait_for(pending)

    def _make_blank(self, index: int) -> None:
        """Blank `index`'s control (see _blank_control) and its mark, made once: laying the
        text out again keeps them, with what was typed or picked."""
        edit = self._blank_control(index, len(self.question.blanks))
        edit.installEventFilter(self)  # Enter moves on (see eventFilter)
        mark = QLabel()
        mark.hide()
        self.edits.append(edit)
        self.marks.append(mark)

    def _lay_out_text_again(self) -> None:
        # The words go; the blanks (and their marks) are laid out again as they are.
        kept = set(self.edits) | set(self.marks)
        while (item := self._flow.takeAt(0)) is not None:
            word = item.widget()
            if word is not None and word not in kept:
                word.hide()
                word.deleteLater()
        self._lay_out_text()

    def _blank_control(self, n: int, total: int) -> QWidget:
        """Blank n's line edit, or its drop-down when it has choices (an empty line first:
        nothing is picked until the learner picks)."""
        # a fresh order for each showing, unless the bank pins it (`shuffle: false`)
        choices = self.question.choices_shown(n, random.Random())
        if choices:
            combo = QComboBox()
            combo.addItems(["", *choices])
            combo.setAccessibleName(f"Blank {n + 1} of {total}, to pick from")
            combo.setToolTip(f"Blank {n + 1} of {total}: pick the missing words "
                             "(Enter or Tab: next blank; Ctrl+Enter: submit)")
            combo.currentIndexChanged.connect(self._on_blank_edited)
            return combo
        edit = QLineEdit()
        longest = max((len(a) for a in self.question.blanks[n]), default=6)
        edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * max(8, longest + 4))
        edit.setAccessibleName(f"Blank {n + 1} of {total}")
        edit.setToolTip(
            f"Blank {n + 1} of {total}: type the missing words "
            "(Enter or Tab: next blank; Ctrl+Enter: submit)"
        )
        self.length_note.watch(edit)
        edit.setPlaceholderText(f"blank {n + 1}")
        edit.textChanged.connect(self._on_blank_edited)
        return edit

    def _on_blank_edited(self) -> None:
        self.response_changed.emit()
        if self.keys_hint.isVisible():  # a note on an empty blank is over once typing starts
            self.keys_hint.setText(_KEYS_HINT)

    def response(self) -> list[str]:
        return [_text_of(edit).strip() for edit in self.edits]

    def restore(self, response: Response) -> None:
        texts = response if isinstance(response, list) else []
        for edit, text in zip(self.edits, texts, strict=False):
            if isinstance(edit, QComboBox):
                edit.setCurrentIndex(max(0, edit.findText(str(text))))
            elif isinstance(edit, QLineEdit):
                edit.setText(str(text))

    def is_answered(self) -> bool:
        return any(_text_of(edit).strip() for edit in self.edits)

    def focus_answer(self) -> None:
        if self.edits:
            self.edits[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for edit in self.edits:
            if isinstance(edit, QLineEdit):
                edit.setReadOnly(not enabled)
            else:  # a drop-down has no read-only state
                edit.setEnabled(enabled)
        if not enabled:
            self.keys_hint.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QLineEdit | QComboBox)
            and watched in self.edits
            and watched.isEnabled()
            and not (isinstance(watched, QLineEdit) and watched.isReadOnly())
            and self._enter_moved_on(self.edits.index(watched))
        ):
            return True
        return super().eventFilter(watched, event)

    def _enter_moved_on(self, index: int) -> bool:
        """Enter in blank `index`: True when it moved the focus to another blank, False
        when the Enter goes on to the quiz screen to submit (every blank filled, or none:
        the screen then says there is no answer yet)."""
        if index + 1 < len(self.edits):
            self.edits[index + 1].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        empty = [i for i, edit in enumerate(self.edits) if not _text_of(edit).strip()]
        if not empty or len(empty) == len(self.edits):
            return False
        self.edits[empty[0]].setFocus(Qt.FocusReason.TabFocusReason)
        self.keys_hint.setText(
            f"Blank {empty[0] + 1} is still empty: fill it in, or press Ctrl+Enter"
            " to submit your answer as it is."
        )
        self.keys_hint.show()
        return True

    def _mark(self, grade: Grade) -> None:
        for n, (typed, variants, mark) in enumerate(zip(
            self.response(), self.question.blanks, self.marks, strict=False
        )):
            # The grader's own rule (names turned round, numbers as numbers, part marks),
            # so a blank marked right is one that counted.
            share = grade_blank(self.question, n, typed)[0] if typed else 0.0
            ok = share == 1.0
            partly = f" (partly right: {round(share * 100)}%)" if 0 < share < 1 else ""
            mark_label(mark, ok, "" if ok else variants[0] + partly)


def _text_of(control: QWidget) -> str:
    """A blank's answer: the text typed, or the choice picked ('' for none)."""
    if isinstance(control, QComboBox):
        return control.currentText()
    return control.text() if isinstance(control, QLineEdit) else ""


# --------------------------------------------------------------------------- flashcard
