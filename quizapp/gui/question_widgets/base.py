"""What every answer widget shares: the QuestionWidget base, marks and text helpers.

Each kind's widget is a module beside this one; __init__.py maps kinds to them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.arrangement import Arrangement, written
from quizapp.core.bank_folder import inside_bank_folder
from quizapp.core.grades import RIGHT_MARK, WRONG_MARK, Grade
from quizapp.core.kinds.base import Response
from quizapp.core.model import (
    Question,
)
from quizapp.gui.markdown import set_safe_markdown
from quizapp.gui.theme import DARK, LIGHT, scale_text
from quizapp.gui.tips import plain_tip
from quizapp.rendering.markdown import MARKDOWN_FEATURES, is_long, readable_chunks
from quizapp.rendering.pictures import Pending, Picture, drawn_image, preparer

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


# A mark's verdict, kept on the label so that its colour can follow the theme.
MARK_PROPERTY = "gradeMark"


class _MarkColours(QObject):
    """Watches the marks: when the palette changes (View > Theme; the stylesheet that
    View > Theme and Zoom set polishes every widget again), a mark takes its new theme's
    colour. It kept the colour of the theme it was marked in: the light theme's red on
    the dark card, 2.3:1, under a question answered before the switch."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QLabel):
            correct = watched.property(MARK_PROPERTY)
            if isinstance(correct, bool):
                _colour_mark(watched, correct)
        return False


_mark_colours: _MarkColours | None = None  # made with the first mark (a QObject needs Qt)


def _colour_mark(label: QLabel, correct: bool) -> None:
    right, wrong = grade_colours(label.palette())
    style = f"color: {(right if correct else wrong).name()}; font-weight: bold;"
    if label.styleSheet() != style:  # setting it polishes again, with a palette change
        label.setStyleSheet(style)


def mark_label(label: QLabel, correct: bool, text: str | None = None) -> None:
    """Turn `label` into a right/wrong mark: a symbol and a word, plus colour (the
    theme's, also after View > Theme changes it)."""
    global _mark_colours
    word = text if text is not None else ("Right" if correct else "Wrong")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(f"{RIGHT_MARK if correct else WRONG_MARK} {word}".strip())
    if label.property(MARK_PROPERTY) is None:
        if _mark_colours is None:
            _mark_colours = _MarkColours()
        label.installEventFilter(_mark_colours)
    label.setProperty(MARK_PROPERTY, correct)
    _colour_mark(label, correct)
    label.setAccessibleName(word or ("Right" if correct else "Wrong"))
    label.show()


def digit_key(event: QKeyEvent) -> int | None:
    """0-9 for an unmodified (or keypad) digit key, else None."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return key - Qt.Key.Key_0
    return None


def _digit_of(event: QKeyEvent) -> int | None:
    """1-9 for an unmodified (or keypad) digit key, else None."""
    return digit_key(event) or None


class TypedNumber:
    """Digits typed in quick succession (within the platform's key interval) read as one
    number, as a list's type-ahead reads letters: "1" "2" is 12."""

    def __init__(self) -> None:
        self.digits = ""
        self._at = 0.0

    def add(self, digit: int, most: int) -> int:
        """The number the digits make with `digit`; started anew with `digit` alone when
        the digits before it are stale or the number would pass `most`."""
        now = time.monotonic()
        if (now - self._at > QApplication.keyboardInputInterval() / 1000
                or int(self.digits + str(digit)) > most):
            self.digits = ""
        self.digits += str(digit)
        self._at = now
        return int(self.digits)

    def clear(self) -> None:
        self.digits = ""


class _WrapLabel(QLabel):
    """A word-wrapped label that asks for its text's own width, not QLabel's narrow guess."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint_key: tuple[str, str] | None = None  # the text and font _hint was made for
        self._hint = QSize()
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # QLabel guesses a narrow width for wrapped text; ask for the text's own
        # width (the layout still shrinks it, wrapping, when the window is narrow).
        key = (self.text(), self.font().key())
        if self._hint_key != key:
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

    def __init__(self, buddy: QAbstractButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buddy = buddy
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
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
    # The learner answered the last part by keys (a matching question's last item): the
    # screen moves the focus on to its Submit button.
    answer_completed = Signal()

    def __init__(
        self,
        question: Question,
        bank_dir: str | Path | None = None,
        parent: QWidget | None = None,
        arrangement: Arrangement | None = None,
    ) -> None:
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
            scale_text(view, 1.2)
            view.setAccessibleName("Question")
            view.setPlainText(readable_chunks(self._prompt_text()))
            view.setMinimumHeight(160)
            view.setMaximumHeight(360)
            layout.addWidget(view)
            self.long_prompt_view = view
        self.picture_label: QLabel | None = None
        self._waiting_for = ""  # the key of the picture decoded aside, if it is
        picture = self._picture()
        if picture is not None:
            self.picture_label = QLabel()
            described = f"Picture: {self._image_description()}"
            self.picture_label.setAccessibleDescription(described)
            self.picture_label.setToolTip(plain_tip(described))
            layout.addWidget(self.picture_label)
            if isinstance(picture, Pending):  # decoded on a worker thread (big)
                self._waiting_for = picture.key
                self.picture_label.setText(f"[loading picture: {self.question.image}]")
                self.picture_label.setTextFormat(Qt.TextFormat.PlainText)
                self.picture_label.setAccessibleName("Question image loading")
                preparer().prepared.connect(self._picture_prepared)
            else:
                self._show_picture(picture)
        elif self.question.image:
            self.missing_image_label = QLabel(self._not_shown_words())
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

    def response(self) -> Response:
        """The answer in the form grading expects (the table in quizapp/core/grading.py;
        None: no answer yet)."""
        raise NotImplementedError

    def is_answered(self) -> bool:
        """Whether the learner has given an answer at all."""
        raise NotImplementedError

    def previewed_response(self) -> Response:
        """What the editor's preview grades when its author presses Grade: the answer
        given (a kind whose untouched look is itself an answer says so)."""
        return self.response()

    def no_answer_note(self) -> str:
        """What Enter says on a question with no answer yet (Enter again skips it)."""
        return "No answer yet. Answer first, or press Enter again to skip this question."

    def answer_problem(self) -> str | None:
        """Why the answer given cannot be graded as it stands (said to the learner, who
        is asked again instead of being marked wrong), or None."""
        return None

    def pick(self, number: int) -> bool:
        """Key `number` (1-9) was pressed; True if it picked something."""
        return False

    def restore(self, response: Response) -> None:
        """Show `response` (an answer given before, in the form response() returns) in the
        controls, to be read or changed: an exam's question gone back to. A response of
        another form (none of this kind's) leaves the controls as they are."""
        raise NotImplementedError

    def focus_answer(self) -> None:
        """Put the keyboard focus on the first answer control."""
        self.focusNextChild()

    def _set_controls_enabled(self, enabled: bool) -> None:
        raise NotImplementedError

    def _mark(self, grade: Grade) -> None:
        pass

    # -- common API
    def set_enabled(self, enabled: bool) -> None:
        """Lock (after submitting) or unlock the answer controls."""
        self._set_controls_enabled(enabled)

    def show_grade(self, grade: Grade) -> None:
        """Mark the answer right or wrong in place (the quiz screen shows the rest)."""
        self.set_enabled(False)
        self._mark(grade)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        number = _digit_of(event)
        if number is not None and self.pick(number):
            event.accept()
            return
        super().keyPressEvent(event)

    def _image_description(self) -> str:
        """The bank's words for the picture; without them, its file's name is the best
        there is."""
        if self.question.image_description:
            return self.question.image_description
        return Path(self.question.image or "").stem.replace("-", " ").replace("_", " ")

    def _picture(self) -> Picture | Pending | None:
        """The question's picture, only from inside the bank's folder: decoded at the
        size it is drawn, a big one on a worker thread (rendering/pictures.py)."""
        path = inside_bank_folder(self.bank_dir, self.question.image or "")
        if path is None:
            return None
        return preparer().picture(path, wait=False)

    def _show_picture(self, picture: Picture) -> None:
        assert self.picture_label is not None
        image = drawn_image(picture)  # an SVG drawn from its cleaned bytes
        if image.isNull():
            self._say_picture_not_shown()
            return
        self.picture_label.setPixmap(QPixmap.fromImage(image))
        self.picture_label.setAccessibleName("Question image")

    def _picture_prepared(self, key: str) -> None:
        if key != self._waiting_for or self.picture_label is None:
            return
        preparer().prepared.disconnect(self._picture_prepared)
        path = inside_bank_folder(self.bank_dir, self.question.image or "")
        picture = preparer().picture(path, wait=False) if path is not None else None
        if isinstance(picture, Picture):
            self._show_picture(picture)
        else:  # it could not be decoded, or is gone
            self._say_picture_not_shown()

    def _say_picture_not_shown(self) -> None:
        """The picture's label says it is not shown (missing, or not drawable)."""
        assert self.picture_label is not None
        self.missing_image_label, self.picture_label = self.picture_label, None
        self.missing_image_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_image_label.setText(self._not_shown_words())
        self.missing_image_label.setAccessibleName("Question image missing")

    def _not_shown_words(self) -> str:
        # The loader warns about a missing picture; the question stays answerable.
        # os.path.exists, not Path.exists: a name too long for the disk is just missing.
        image = self.question.image or ""
        gone = self.bank_dir is None or not os.path.exists(self.bank_dir / image)
        what = "image missing" if gone else "image not shown"
        if self.question.image_description:  # what the picture would have shown
            image = f"{image}. It shows: {self.question.image_description}"
        return f"[{what}: {image}]"


# --------------------------------------------------------------------------- choices
