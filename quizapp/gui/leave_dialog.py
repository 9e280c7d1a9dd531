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


def leave_box(parent: QWidget | None, mode: str, answered: int, finishes: bool = False):
    """The dialog, not yet shown: (box, leave button, stay button)."""
    question, detail = leave_texts(mode, answered, finishes)
    box = QMessageBox(parent)
    box.setObjectName("leave_confirmation")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(question)
    box.setText(question)
    box.setInformativeText(detail)
    leave = box.addButton("Leave", QMessageBox.ButtonRole.AcceptRole)
    leave.setObjectName("leave")
    stay = box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName("stay")
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    return box, leave, stay


def ask_to_leave(parent: QWidget | None, mode: str, answered: int, finishes: bool = False) -> bool:
    """Show the dialog; True when the learner chose Leave."""
    box, leave, _stay = leave_box(parent, mode, answered, finishes)
    box.exec()
    return box.clickedButton() is leave
