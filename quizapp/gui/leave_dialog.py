"""The question asked before leaving a quiz, an exam, a practice, a review of mistakes or
a flashcard review: it names what is being left and says what becomes of the answers
already given (kept for the statistics and the review schedule; the session itself is not
an attempt, see quizapp.core.session).

The buttons say what they do, Leave and Stay, with no icons of their own: standard Yes
and No buttons relabelled would carry a Yes/No icon on some desktops (a tick beside
"Leave"). The dialog's icon is the Question one, since it asks; Esc and Enter both stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from quizapp.core.store.errors import StoreError
from quizapp.core.store.schema import SCORED_MODES

if TYPE_CHECKING:
    from quizapp.core.session_base import QuestionResult
    from quizapp.core.store.queries import StoreQueries

# A window manager draws the title larger and bold, beside its icon and three buttons:
# about this much wider than the title's own text (openbox: ~100 px), and this much larger.
TITLE_BAR_CHROME = 120
TITLE_FONT_SCALE = 1.25
READING_CHARACTERS = 40  # the text beside the icon wraps no narrower than this

# The object names of the questions asked about a session under way (leave_box here,
# ask_to_hand_in in exam_panel.py): close_open_questions closes them when it ends.
SESSION_QUESTIONS = ("leave_confirmation", "hand_in_confirmation")

# What the question calls each mode's session.
LEFT_THING = {
    "quiz": "this quiz",
    "exam": "this exam",
    "practice": "this practice",
    "review": "this review of your mistakes",
    "flashcards": "these flashcards",
}


def _taken_back_note(mode: str, taken_back: int) -> str:
    """What became of the answers (ratings) taken back: they stay in the record, marked,
    and count nowhere; "" when there are none. (An exam's are the answers changed.)"""
    if not taken_back:
        return ""
    one = taken_back == 1
    if mode == "flashcards":
        what = "The rating you took back stays" if one else (
            f"The {taken_back} ratings you took back stay")
        return f"{what} in the record, marked as taken back, and schedule{'s' if one else ''} nothing."
    if mode == "exam":
        what = "The earlier answer you changed stays" if one else (
            f"The {taken_back} earlier answers you changed stay")
    else:
        what = "The answer you took back stays" if one else (
            f"The {taken_back} answers you took back stay")
    return f"{what} in the record, marked as taken back, and count{'s' if one else ''} nowhere."


# An answer typed or picked on the question shown, not submitted: leaving does not save
# it (only a hand-in, or the time running out, collects it), and the dialog says so.
UNSUBMITTED_NOTE = ("The answer on screen is not submitted and is not saved: Stay and "
                    "submit it to keep it.")


def saving_note(answered: int, waits_for: str) -> str:
    """An answer submitted and still being written (its feedback not shown yet): leaving
    does not drop it, the writer thread commits it first (gui/operations.py) and the
    window's close waits for it. It is among the `answered`. waits_for: the program whose
    long write it waits for (`quizapp import` writing a deck's history, as the status bar
    says), or ""."""
    which = "It is" if answered <= 1 else "The last one is"
    if waits_for:
        return (f"{which} still being saved: it waits for {waits_for} to finish writing; "
                "leaving does not lose it.")
    return f"{which} still being saved; leaving does not lose it."


def lost_note(mode: str, lost: int) -> str:
    """Answers (ratings) given in this session that the store no longer holds: a backup
    made before them was restored meanwhile (`quizapp restore` in a terminal while the
    session was open). They count nowhere, and the question must not call them saved."""
    if not lost:
        return ""
    what = "rating" if mode == "flashcards" else "answer"
    gone = (f"1 {what} you gave here is" if lost == 1 else
            f"{lost} {what}s you gave here are")
    return (f"{gone} no longer in the record: a backup of your answers made before "
            f"{'it' if lost == 1 else 'them'} was restored meanwhile.")


# Ctrl+Z on an answer a restore took away: there is nothing to take back, and it counts
# nowhere (the undo's usual failure says the answer "still counts").
UNDO_LOST_NOTE = ("it is no longer in the record (a backup of your answers made before it "
                  "was restored meanwhile), so it counts nowhere.")


def still_recorded(store: StoreQueries, given: Sequence[QuestionResult]) -> list[QuestionResult]:
    """The answers of `given` that `store` still holds (all of them, but when a backup
    made before some was restored meanwhile); all of `given` when the store cannot say
    at once (its connection is in use: the GUI thread does not wait)."""
    uuids = [a.record.uuid for a in given if a.record is not None]
    try:
        recorded = store.recorded_answers(uuids)
    except StoreError:
        recorded = None
    if recorded is None:
        return list(given)
    return [a for a in given if a.record is None or a.record.uuid in recorded]


def leave_texts(mode: str, answered: int, finishes: bool = False,
                taken_back: int = 0, unsubmitted: bool = False,
                saving: bool = False, waits_for: str = "", lost: int = 0,
                suspended: int = 0) -> tuple[str, str]:
    """(question, what happens) for leaving a session of `mode` after `answered` answers
    that count (ratings, for flashcards) and `taken_back` taken back (Ctrl+Z; in an exam,
    replaced by a changed answer). finishes: nothing is left to ask, so leaving ends it.
    unsubmitted: an answer on screen was not submitted (it is lost). saving: the last of
    the `answered` is still being written, waiting for `waits_for` (see saving_note).
    lost: answers given that a restore took away (see lost_note), not among `answered`.
    suspended: flashcards suspended in this review (they stay suspended)."""
    question, detail = _leave_texts(mode, answered, finishes, taken_back, saving)
    if suspended:
        if detail == NOTHING_RATED:  # the suspension is recorded: not "nothing is"
            detail = "You have not rated any card yet: the cards stay due."
        stays = ("The card you suspended stays suspended." if suspended == 1
                 else f"The {suspended} cards you suspended stay suspended.")
        detail = f"{detail} {stays}"
    if lost:
        detail = f"{lost_note(mode, lost)} {detail}"
    if saving:
        detail = f"{detail} {saving_note(answered, waits_for)}"
    elif unsubmitted:
        detail = f"{detail} {UNSUBMITTED_NOTE}"
    return question, detail


NOTHING_RATED = "You have not rated any card yet: nothing is recorded and the cards stay due."


def _leave_texts(mode: str, answered: int, finishes: bool,
                 taken_back: int, saving: bool = False) -> tuple[str, str]:
    thing = LEFT_THING.get(mode, "this session")
    question = f"Leave {thing}?"
    note = _taken_back_note(mode, taken_back)
    if mode == "flashcards":
        if not answered:
            if note:
                return question, f"{note} The cards stay due."
            return question, NOTHING_RATED
        rated = (
            "The card you rated keeps its new review date"
            if answered == 1
            else f"The {answered} cards you rated keep their new review dates"
        )
        return question, " ".join(filter(None, (
            f"{rated}; the rest stay due.", note,
            f"Left unfinished, {thing} record no recall.")))
    if mode not in SCORED_MODES:  # a review of mistakes: never an attempt, however left
        return question, _not_an_attempt_texts(thing, answered, finishes, note, saving)
    if finishes:
        return question, (
            f"You have answered every question: leaving now finishes {thing} "
            "and records its score."
        )
    if not answered:
        if note:
            return question, (
                f"You have no answer that counts. {note} Left now, {thing} does not count "
                "as an attempt."
            )
        return question, (
            f"You have not answered any question yet: nothing is recorded, and {thing} "
            "does not count as an attempt."
        )
    saved = "kept" if saving else "saved"  # the last one is not saved yet
    return question, " ".join(filter(None, (
        _answers_kept(answered, saved), note,
        f"Left unfinished, {thing} is not scored: it adds no attempt, and your best and "
        "last scores stay as they are.")))


NEVER_AN_ATTEMPT = ("A review of your mistakes is never an attempt: your best and last "
                    "scores stay as they are.")


def _not_an_attempt_texts(thing: str, answered: int, finishes: bool, note: str,
                          saving: bool) -> str:
    if finishes:
        said = f"You have answered every question: leaving now finishes {thing}."
    elif not answered:
        said = "You have not answered any question yet: nothing is recorded."
    else:
        said = _answers_kept(answered, "kept" if saving else "saved")
    return " ".join(filter(None, (said, note, NEVER_AN_ATTEMPT)))


def _answers_kept(answered: int, saved: str) -> str:
    """One answer counts in its question's statistics, not "each question's"."""
    if answered == 1:
        return f"Your answer is {saved} and counts in its question's statistics and review schedule."
    return (f"Your {answered} answers are {saved} and count in each question's statistics "
            "and review schedule.")


def safe_question_box(parent: QWidget | None, name: str, title: str, question: str,
                      detail: str, act: tuple[str, str], safe: tuple[str, str]):
    """A question whose safe answer is the default: Enter and Esc choose `safe`, `act`
    must be chosen. act and safe: (button text, object name). Buttons that say what they
    do, without the Yes/No icons. Not yet shown: (box, act button, safe button)."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(detail)
    act_button = box.addButton(act[0], QMessageBox.ButtonRole.AcceptRole)
    act_button.setObjectName(act[1])
    safe_button = box.addButton(safe[0], QMessageBox.ButtonRole.RejectRole)
    safe_button.setObjectName(safe[1])
    box.setDefaultButton(safe_button)
    box.setEscapeButton(safe_button)
    _keep_title_whole(box)
    return box, act_button, safe_button


def title_bar_width(box: QWidget) -> int:
    """How wide a window manager's title bar needs to be for `box`'s whole title."""
    font = QFont(box.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * TITLE_FONT_SCALE)
    return QFontMetrics(font).horizontalAdvance(box.windowTitle()) + TITLE_BAR_CHROME


def _keep_title_whole(box: QMessageBox) -> None:
    """QMessageBox sizes itself to its text, allowing 50 pixels around the title: openbox
    cut "Leave these flashcards?" to "Leave th… shcards?" and wrapped the text at 20
    characters. The text beside the icon gets a minimum width: a reading line, and what
    the title bar needs."""
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is None:
        return
    reading = QFontMetrics(label.font()).averageCharWidth() * READING_CHARACTERS
    label.setMinimumWidth(max(reading, title_bar_width(box)))


def leave_box(parent: QWidget | None, mode: str, answered: int, finishes: bool = False,
              taken_back: int = 0, unsubmitted: bool = False, saving: bool = False,
              waits_for: str = "", lost: int = 0, suspended: int = 0):
    """The dialog, not yet shown: (box, leave button, stay button)."""
    question, detail = leave_texts(mode, answered, finishes, taken_back, unsubmitted,
                                   saving, waits_for, lost, suspended)
    return safe_question_box(parent, "leave_confirmation", question, question, detail,
                             act=("Leave", "leave"), safe=("Stay", "stay"))


def close_open_questions(parent: QWidget) -> int:
    """Reject the questions about a session still open over `parent` (Leave, Hand in): the
    session ended meanwhile (its time ran out), so their text no longer holds and the
    results must show. Rejected, they answer with their safe button's meaning: nothing
    more is done. How many were open."""
    closed = 0
    for box in parent.findChildren(QMessageBox):
        if box.objectName() in SESSION_QUESTIONS and box.isVisible():
            box.reject()
            closed += 1
    return closed


def ask_to_leave(parent: QWidget | None, mode: str, answered: int, finishes: bool = False,
                 taken_back: int = 0, unsubmitted: bool = False, saving: bool = False,
                 waits_for: str = "", lost: int = 0, suspended: int = 0) -> bool:
    """Show the dialog; True when the learner chose Leave."""
    box, leave, _stay = leave_box(parent, mode, answered, finishes, taken_back, unsubmitted,
                                  saving, waits_for, lost, suspended)
    box.exec()
    return box.clickedButton() is leave
