"""The results page: the score, then every question with the learner's answer,
the right answer, right or wrong, feedback, explanation and source.

In exam mode this is the first time the learner sees any feedback.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.arrangement import Arrangement
from quizapp.core.grading import expected_response, expected_text, response_words
from quizapp.core.kinds import Kind, kind_of
from quizapp.core.model_base import Question
from quizapp.core.percent import percent_text
from quizapp.core.plural import counted
from quizapp.core.quiz_session import QuizSession
from quizapp.core.quotes import shown_quotes
from quizapp.core.session_base import SCORED_MODES, QuestionResult
from quizapp.gui.feedback_panel import FEEDBACK_ROWS, MODE_NAMES, verdict_text
from quizapp.gui.focus_keys import press_focused_button
from quizapp.gui.markdown import PicturesAwaited, SafeTextBrowser, bank_dir_of
from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK, grade_colours
from quizapp.gui.quiz_header import bank_title_label
from quizapp.gui.scroll_focus import page_keys_scroll
from quizapp.gui.settling_page import SettlingPage
from quizapp.gui.theme import scale_text
from quizapp.rendering.markdown import safe_html

# The results page adds, before the feedback rows, the choices in the order the learner
# saw them, numbered by the keys they had.
# (a hint is for the try to come: the results have none)
RESULT_ROWS = [("shown", "Choices shown"), *(r for r in FEEDBACK_ROWS if r[0] != "hint")]


PickedChoices = Callable[[Question, object], Sequence[int]]


def _numbered_choices(
    question: Question, kind: Kind[Any] | None
) -> tuple[PickedChoices, tuple[str, ...]] | None:
    """How a response picks a question's choices and the choices' texts, for a kind whose
    options are numbered choices on screen (Kind.picked_choices); else None."""
    if kind is None or kind.picked_choices is None:
        return None
    texts = kind.arranged_texts(question)
    return None if texts is None else (kind.picked_choices, texts)


def shown_choices(question: Question, arrangement: Arrangement | None) -> str:
    """'1. Garten · 2. Kantor · …' (Markdown): the choices as they were on the learner's
    screen. The dot after a number is escaped so that Markdown does not make a list."""
    return _shown(_numbered_choices(question, kind_of(question)), arrangement)


def numbered_answer(
    question: Question, response: object, arrangement: Arrangement | None
) -> str | None:
    """The learner's choice(s) (Markdown) with the key each had on screen ('2. Kantor');
    None when the question has no numbered choices or no answer."""
    return _numbered(_numbered_choices(question, kind_of(question)), question, response, arrangement)


def _shown(
    choices: tuple[PickedChoices, tuple[str, ...]] | None, arrangement: Arrangement | None
) -> str:
    if arrangement is None or choices is None:
        return ""
    texts = choices[1]
    return " · ".join(
        f"{position}\\. {texts[i]}" for position, i in enumerate(arrangement.order, start=1)
    )


def _numbered(
    choices: tuple[PickedChoices, tuple[str, ...]] | None,
    question: Question,
    response: object,
    arrangement: Arrangement | None,
) -> str | None:
    if arrangement is None or choices is None or response is None:
        return None
    picked_choices, texts = choices
    try:
        picked = picked_choices(question, response)
        return "; ".join(
            f"{arrangement.position_of(i) + 1}\\. {texts[i]}"
            for i in sorted(picked, key=arrangement.position_of)
        ) or "(none)"
    except (ValueError, TypeError, IndexError):
        return None


_MARKUP = re.compile(r"[\\`*_\[\]#<>&|~!]|^\s*(\d+[.)]|[-+>])\s|\n", re.M)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def bank_html(text: str | None, bank_dir: Path | None = None,
              pending: list[str] | None = None) -> str:
    """Bank Markdown as an HTML fragment (Qt's own output from a no-HTML Markdown parse).
    Given a `pending` list, a picture too big to decode on the GUI thread shows as loading
    and its key goes in the list (rendering/pictures.py)."""
    if not text:
        return ""
    if not _MARKUP.search(text):  # plain words: no need to run the Markdown parser
        return f"<p>{html.escape(text)}</p>"
    match = _BODY.search(safe_html(text, bank_dir, pending=pending))
    return match.group(1) if match else f"<p>{html.escape(text)}</p>"


@dataclass
class ReviewItem:
    """One question of the review, as shown (texts are plain, for tests and screen readers)."""

    number: int
    result: QuestionResult
    right: bool
    verdict: str
    rows: dict[str, str] = field(default_factory=dict)
    html: str = ""


def review_item(
    number: int,
    result: QuestionResult,
    bank_dir: Path | None = None,
    colours: tuple[str, str] = ("green", "red"),
    caption_width: int = 140,
    pending: list[str] | None = None,
) -> ReviewItem:
    """The review of one question; `colours` are (right, wrong) CSS colours; `pending`:
    see bank_html."""
    question = result.question
    grade = result.grade
    if grade is None:
        right, verdict = False, "Not answered"
    else:
        right, verdict = verdict_text(grade)
    if result.attempts > 1:
        verdict += f" ({result.attempts} tries)"
    kind = kind_of(question)
    prompt = question.prompt if kind is None else kind.review_prompt(question)
    arrangement = result.arrangement
    # (the kind's choices looked up once for the three rows that number them)
    choices = None if arrangement is None else _numbered_choices(question, kind)
    words = _numbered(choices, question, result.response, arrangement)
    if words is None:
        words = response_words(question, result.response)
    # What the learner typed is their words, not Markdown.
    typed = (kind is not None and kind.learner_typed) or result.response is None
    expected = grade.expected if grade is not None else expected_text(question)
    if choices is not None:
        expected = _numbered(choices, question, expected_response(question), arrangement) \
            or expected
    rows = {
        "shown": _shown(choices, arrangement),
        "your_answer": words,
        "expected": expected,
        "note": (grade.note if grade is not None else None) or "",
        "feedback": (grade.feedback if grade is not None else None) or "",
        "explanation": question.explanation or "",
        "source": question.source or "",
        "quote": shown_quotes(question),
    }
    markdown_rows = {"shown", "expected", "feedback", "explanation"} | (
        set() if typed else {"your_answer"}
    )
    cells = []
    for key, caption in RESULT_ROWS:
        text = rows[key]
        if not text:
            continue
        if key in markdown_rows:
            body = bank_html(text, bank_dir, pending)
        else:  # plain text; a quote per line
            body = "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
        cells.append(
            f'<tr><td align="right" valign="top" width="{caption_width}"'
            f' style="padding-right:12px"><p><b>{caption}</b></p></td>'
            f'<td valign="top">{body}</td></tr>'
        )
    mark = RIGHT_MARK if right else WRONG_MARK
    colour = html.escape(colours[0] if right else colours[1])
    item_html = (
        f'<a name="q{number}"></a><h3>{number}. <span style="color:{colour}">'
        f"{mark} {html.escape(verdict)}</span></h3>"
        + bank_html(prompt, bank_dir, pending)
        + f'<table cellspacing="0" cellpadding="0">{"".join(cells)}</table><hr/>'
    )
    return ReviewItem(number, result, right, verdict, rows, item_html)


class ResultsScreen(QWidget):
    """`show_results(session)` after a QuizSession finished."""

    mistakes_review_requested = Signal(object)  # the finished session
    results_closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: QuizSession | None = None
        self.entries: list[ReviewItem] = []
        # The big pictures of the review being decoded on a worker thread: once the last
        # is ready, the review is written again (rendering/pictures.py).
        self._pictures_waited = PicturesAwaited(self, self._show_review_in_place)
        self.setAccessibleName("Results")

        layout = QVBoxLayout(self)
        self.title_label = bank_title_label()
        layout.addWidget(self.title_label)

        self.score_label = QLabel()
        self.score_label.setAccessibleName("Score")
        scale_text(self.score_label, 2.2)  # at every zoom (a font set here stayed as it was)
        font = self.score_label.font()
        font.setBold(True)
        self.score_label.setFont(font)
        layout.addWidget(self.score_label)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        # One text view for the whole review: hundreds of questions lay out at once.
        self.review = SafeTextBrowser()
        self.review.setAccessibleName("Review of every question")
        self.review.document().setDocumentMargin(12)
        self.review.setToolTip("Every question with your answer and the right one (arrows scroll)")
        self.review.installEventFilter(self)  # its palette changes: see eventFilter
        layout.addWidget(self.review, 1)
        page_keys_scroll(self.review, self)  # from Done too, where the focus starts

        buttons = QHBoxLayout()
        self.mistakes_button = QPushButton("Review my &mistakes")
        self.mistakes_button.setAccessibleName("Review my mistakes")
        self.mistakes_button.setToolTip(
            "Practise the questions you got wrong until you get each one right (Alt+M)"
        )
        self.mistakes_button.clicked.connect(self._review_mistakes)
        self.done_button = QPushButton("Done")
        self.done_button.setAccessibleName("Done")
        self.done_button.setToolTip("Back to the library (Enter or Esc)")
        self.done_button.clicked.connect(self.results_closed.emit)
        buttons.addStretch(1)
        buttons.addWidget(self.mistakes_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        # The results replace the last question under the learner's fingers (the time ran
        # out as they typed): keys pressed in that moment must not press Done.
        self.settling = SettlingPage(self, self.done_button)

    def refresh(self) -> None:
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_results(self, session: QuizSession) -> None:
        self.session = session
        bank = session.bank
        mode = session.mode
        self.title_label.setText(f"{MODE_NAMES.get(mode, mode.title())} results: {bank.title}")
        results = list(session.results)
        right = sum(1 for r in results if r.grade is not None and r.grade.correct)
        self.score_label.setText(percent_text(session.score))
        summary = [f"{right} of {counted(len(results), 'question')} right"]
        earned, possible = session.points
        summary.append(f"{_num(earned)} of {_num(possible)} points")
        if session.timed_out:
            summary.append("time ran out; questions not reached count as wrong")
        elif session.abandoned:
            summary.append("you left before the end: your answers are kept, but this is not "
                           "counted as an attempt")
        if session.repeats_mistakes:
            summary.append("scored on your first try at each question")
        if session.mode not in SCORED_MODES and not session.abandoned:
            summary.append("a review of your mistakes is not an attempt: Best, Last and the "
                           "score chart leave it out")
        self.summary_label.setText(" · ".join(summary))
        self.score_label.setAccessibleDescription(self.summary_label.text())

        self._show_review(session)
        self.review.verticalScrollBar().setValue(0)
        self.mistakes_button.setVisible(bool(session.mistakes))
        self.settling.arm()  # Done takes the focus when the moment has passed

    def _show_review(self, session: QuizSession) -> None:
        """Every question's verdict, answers and explanation, in the theme's colours."""
        bank_dir = bank_dir_of(session.bank)
        right_colour, wrong_colour = grade_colours(self.review.palette(), QPalette.ColorRole.Base)
        colours = (right_colour.name(), wrong_colour.name())
        bold = self.review.font()
        bold.setBold(True)
        caption_width = (
            max(QFontMetrics(bold).horizontalAdvance(caption) for _, caption in RESULT_ROWS) + 16
        )
        pending: list[str] = []
        self.entries = [
            review_item(number, result, bank_dir, colours, caption_width, pending)
            for number, result in enumerate(session.results, start=1)
        ]
        self.review.bank_dir = bank_dir
        self.review.setHtml("".join(e.html for e in self.entries))
        self._pictures_waited.wait_for(pending)

    def _show_review_in_place(self) -> None:
        """The review written again where the learner has scrolled to."""
        if self.session is None:
            return
        scrolled = self.review.verticalScrollBar().value()
        self._show_review(self.session)
        self.review.verticalScrollBar().setValue(scrolled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # View > Theme (or Zoom) while the results show: the page is written again in the
        # new theme's colours. It kept the old theme's "Wrong" (#ff8a80 on white, 2.2:1),
        # being HTML with its colours in it. (The view has the palette change, polished
        # by the window's stylesheet; this screen is not told.)
        if (watched is self.review and event.type() == QEvent.Type.PaletteChange
                and self.session is not None):
            self._show_review_in_place()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            # Enter presses the focused button (Review my mistakes, Done); Esc, or Enter
            # in the review, goes back to the library.
            if event.key() == Qt.Key.Key_Escape or not press_focused_button(self):
                self.results_closed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _review_mistakes(self) -> None:
        if self.session is not None and self.session.mistakes:
            self.mistakes_review_requested.emit(self.session)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
