"""The cloze widget: the text with a line edit in place of every blank."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
)

from quizapp.core import textmatch
from quizapp.core.model import (
    Cloze,
)
from quizapp.core.text_limits import MAX_BLANK_CHARS
from quizapp.gui.length_note import LengthNote
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    mark_label,
)
from quizapp.gui.question_widgets.flow_layout import FlowLayout, _LineBreak


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
