"""What the flashcard screen says about a review's cards: the counts in its header (read
on the writer thread right after each op's commit), its progress line, and the summary a
finished review shows (rated, recall, what is due next). Plain text and numbers, no widgets: the screen
(quizapp/gui/flashcard_screen.py) puts them on its labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.core.interval_preview import describe_due
from quizapp.core.session_base import self_rated

if TYPE_CHECKING:
    from quizapp.core.session import FlashcardSession


@dataclass(frozen=True)
class ReviewCounts:
    """What the header shows, read on the writer thread right after the op's commit."""

    due: int
    next_due: datetime | None
    # new cards brought back from suspension that the finished review did not show
    new_back: int = 0


def counts_of(session: FlashcardSession) -> ReviewCounts:
    """Reads the store: call it where the session's store is used (the writer thread)."""
    return ReviewCounts(session.due_count, session.next_due,
                        session.new_cards_brought_back() if session.finished else 0)


def header_text(session: FlashcardSession, counts: ReviewCounts) -> str:
    """ "12 due · 3 new · card 4 of 15" """
    parts = [f"{counts.due} due"]
    new = session.new_count
    if new:
        parts.append(f"{new} new")
    if not session.finished:
        parts.append(f"card {session.position} of {session.total}")
    return " · ".join(parts)


def progress_line(session: FlashcardSession) -> str:
    """ "3 rated · 12 to go (incl. 1 to see again)": the progress bar's text."""
    line = f"{session.rated} rated · {session.remaining} to go"
    again = session.to_see_again
    if again:
        line += f" (incl. {again} to see again)"
    return line


@dataclass(frozen=True)
class ReviewSummary:
    """A finished review's summary: its text, the cards due now and the new ones brought
    back from suspension ("Review it now" shows when there are any) and when the next one
    falls due (the screen redraws then)."""

    text: str
    due_now: int
    next_due: datetime | None
    new_back: int = 0

    @property
    def to_review_now(self) -> bool:
        return self.due_now > 0 or self.new_back > 0


def review_summary(session: FlashcardSession, counts: ReviewCounts | None) -> ReviewSummary:
    reviewed = len(session.answers)
    next_due = counts.next_due if counts is not None else None
    when = describe_due(next_due, session.now)
    # As many cards due now as the header says ("2 due"), at least the one next_due
    # names when its moment has passed.
    due = counts.due if counts is not None else 0
    new_back = counts.new_back if counts is not None else 0
    if next_due is not None and when == "now":
        due = max(due, 1)
    has_cards = any(self_rated(q) for q in session.bank.questions)
    if reviewed == 0 and not has_cards and next_due is None:
        text = ("This bank has no flashcards. Questions you answer in a quiz or practice "
                "come back here when they are due for review.")
    elif reviewed == 0:
        text = ("Nothing was due when this review began." if due or new_back
                else "Nothing to review in this bank right now.")
    else:
        text = f"Done! You rated {reviewed} card{'' if reviewed == 1 else 's'}."
        recall = session.recall
        if recall is not None:
            cards = len(session.results)
            recalled = round(recall * cards)
            # Recall is not a score: it never goes into Best or Last.
            text += (f"\nRecall: {round(recall * 100)}% ({recalled} of {cards} "
                     f"card{'' if cards == 1 else 's'} rated Good or Easy the first time).")
    if due > 1:
        text += f"\n{due} cards are due now."
    elif due == 1:
        text += "\nA card is due again now." if reviewed else "\nA card is due now."
    elif next_due is not None:
        text += f"\nThe next card is due {when}."
    if new_back == 1:
        text += "\nThe new card you brought back waits: review it now."
    elif new_back:
        text += f"\nThe {new_back} new cards you brought back wait: review them now."
    return ReviewSummary(text, due, next_due, new_back)
