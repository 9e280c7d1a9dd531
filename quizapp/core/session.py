"""Study sessions as plain state machines: quiz, exam, practice and flashcards.

No Qt: a screen calls these methods from its slots and shows what comes back.
Every answer goes through ``store.record_answer`` before the grade is handed
back to the screen, so an answer that the learner saw graded is always stored.

QuizSession
    mode "quiz":     feedback after each answer.
    mode "exam":     every answer is graded and recorded at once, but the
                     screen holds the feedback until the end
                     (``feedback_held`` is True; show ``results`` when finished).
                     The learner may go back (``go_to``), change an answer,
                     flag questions (``set_flag``) and ``hand_in()``; advance()
                     goes to the next unanswered question and hands in when none
                     is left. A changed answer is recorded with ``replaces=`` the
                     one it changes: the store retracts that one in the same
                     transaction, so one answer per question counts (the last
                     given), in the statistics, the card and the score.
    mode "practice": a question answered wrongly is queued again REQUEUE_GAP (3)
                     questions later (or at the end of a shorter queue), and at
                     the end of the queue when missed again; it comes back until
                     it has been answered right.
    mode "review":   practice over given questions; ``review_session()``
                     builds one over a finished session's mistakes
                     ("Review my mistakes"). Not an attempt (SCORED_MODES): its
                     answers were just shown, so, like a flashcard review, it
                     is stored without a score (``score`` still gives it).

    States: "asking" -> submit() -> "answered" -> advance() -> "asking" ...
    -> "finished". With a time limit, the session finishes once the time is up
    and ``finish_if_time_up()`` is called (a screen's clock, as a write op), or
    at the next submit(), advance() or hand_in(); questions not yet answered then
    count as 0. Reading ``state``, ``current``, ``finished`` or ``time_left``
    never writes (``time_up`` says the time has run out).

    Scores and mistakes are about the first attempt at each question: in
    practice, answering right the third time teaches, but it does not raise
    the score.

    How a session ends (``outcome``, stored by ``Store.finish_session``):
    "finished" when the last question is done; "timed_out" when an exam's time
    runs out (scored like a finished one: questions not reached count as 0);
    "abandoned" when the learner leaves (``abandon()``), whether or not they
    answered anything: the answers given stay in the store and count for the
    per-question statistics and the review schedule, but the session is not an
    attempt (no score, no Best or Last). Leaving after the last question was
    answered, with nothing left to ask, finishes the session instead.
    Practice and review are scored over the distinct questions answered (which
    is every question once they finish): the share right at the first try.

    Undo (``undo_last()``, Ctrl+Z): the last answer can be taken back while its
    feedback shows and on the next question until that one is answered. The store
    records the retraction first (``Store.retract_answer``: statistics and card
    recomputed); then the session goes back to the question as it was shown, a
    practice copy queued for the mistake is dropped, and first attempts, score and
    mistakes are as if the answer had never been given. Not in an exam: its
    feedback is held, so there is nothing seen to take back; an exam answer is
    changed by going back to its question (go_to) and answering again. Not once the
    session has finished (its score is stored).

FlashcardSession
    Which cards: first the cards that are due (``store.due_question_ids``,
    most overdue first), of ANY question type, because quizzes schedule every
    question they ask; a non-flashcard question is shown as a card with its
    prompt on the front and its right answer on the back (``card_front`` and
    ``card_back``). Then new cards: ``flashcard`` questions the learner has
    never answered (``store.seen_question_ids``), at most ``new_limit`` of them (20 by default, as in Anki).
    Other question types are introduced by quizzes, where they are graded
    objectively, not by self-rating.
    A card rated Again (1) goes to the back of the queue and comes back in the
    same session until it is rated Hard or better.
    Flashcards are not a score: a session reports its ``recall``, the share of
    its cards whose first rating was Good or Easy, and never counts in Best or
    Last. Leaving it early (``abandon()``) keeps the ratings given (they
    schedule the cards) and records no recall.
    ``undo_last()`` takes the last rating back while the next card shows (not after
    the last card, which finishes the session): the card comes back to be rated again.
"""

from quizapp.core.flashcard_session import FlashcardSession, card_back, card_front
from quizapp.core.quiz_session import QuizSession
from quizapp.core.session_base import (
    MODES,
    RECALLED,
    REPEATING_MODES,
    REQUEUE_GAP,
    QuestionResult,
    TimeUp,
    select_questions,
)

__all__ = [
    "MODES",
    "RECALLED",
    "REPEATING_MODES",
    "REQUEUE_GAP",
    "FlashcardSession",
    "QuestionResult",
    "QuizSession",
    "TimeUp",
    "card_back",
    "card_front",
    "select_questions",
]
