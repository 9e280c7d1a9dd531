"""The question asked before leaving a quiz, an exam, a practice, a review of mistakes or
a flashcard review: it names what is being left and says what becomes of the answers
already given (kept for the statistics and the review schedule; the session itself is not
an attempt, see quizapp.core.session).

The buttons say what they do, Leave and Stay, with no icons of their own: standard Yes
and No buttons relabelled would carry a Yes/No icon on some desktops (a tick beside
"Leave"). The dialog's icon is the Question one, since it asks; Esc and Enter both stay.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

# What the question calls each mode's session.
LEFT_THING = {
    "quiz": "this quiz",
    "exam": "this exam",
    "practice": "this practice",
    "review": "this review of your mistakes",
    "flashcards": "these flashcards",
}


def leave_texts(mode: str, answered: int, finishes: bool = False) -> tuple[str, str]:
    """(question, what happens) for leaving a session of `mode` after `answered` answers
    (ratings, for flashcards). finishes: nothing is left to ask, so leaving ends it."""
    thing = LEFT_THING.get(mode, "this session")
    question = f"Leave {thing}?"
    if mode == "flashcards":
        if not answered:
            return question, (
                "You have not rated any card yet: nothing is recorded and the cards stay due."
            )
        rated = (
            "The card you rated keeps its new review date"
            if answered == 1
            else f"The {answered} cards you rated keep their new review dates"
        )
        return question, f"{rated}; the rest stay due. Left unfinished, {thing} record no recall."
    if finishes:
        return question, (
            f"You have answered every question: leaving now finishes {thing} "
            "and records its score."
        )
    if not answered:
        return question, (
            f"You have not answered any question yet: nothing is recorded, and {thing} "
            "does not count as an attempt."
        )
    kept = (
        "Your answer is saved and counts"
        if answered == 1
        else f"Your {answered} answers are saved and count"
    )
    return question, (
        f"{kept} in each question's statistics and review schedule. "
        f"Left unfinished, {thing} is not scored: it adds no attempt, and your best and "
        "last scores stay as they are."
    )


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
    return box, act_button, safe_button


def leave_box(parent: QWidget | None, mode: str, answered: int, finishes: bool = False):
    """The dialog, not yet shown: (box, leave button, stay button)."""
    question, detail = leave_texts(mode, answered, finishes)
    return safe_question_box(parent, "leave_confirmation", question, question, detail,
                             act=("Leave", "leave"), safe=("Stay", "stay"))


def ask_to_leave(parent: QWidget | None, mode: str, answered: int, finishes: bool = False) -> bool:
    """Show the dialog; True when the learner chose Leave."""
    box, leave, _stay = leave_box(parent, mode, answered, finishes)
    box.exec()
    return box.clickedButton() is leave
