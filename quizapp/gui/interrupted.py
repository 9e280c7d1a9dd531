"""At startup, once the window is painted: close the sessions an app that died (killed,
a power cut) left open, on the writer thread (Store.close_interrupted_sessions, see
quizapp.core.store.open_sessions), and say once what became of them, in the library and
the status bar: "Your exam of 08:52 was interrupted: 5 answers kept, not scored."
A session open in another live window of the same results file is left alone."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from quizapp.core.percent import percent_text
from quizapp.core.plural import counted
from quizapp.gui.changes import Changes
from quizapp.gui.operations import WriteOp

TYPE_CHECKING = False
if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

    from quizapp.core.store.open_sessions import Interrupted

log = logging.getLogger(__name__)

WHAT = {"quiz": "quiz", "exam": "exam", "practice": "practice", "review": "review of mistakes",
        "flashcards": "flashcard review"}
SAID = 3  # sessions named one by one; more are counted


def start_closing_interrupted(context, window) -> None:
    """Close a dead app's open sessions in the background; the window says what it found."""

    def close(store) -> tuple[list[Interrupted], dict[int, str]]:
        closed = store.close_interrupted_sessions()
        names = {learner.id: learner.name for learner in store.learners()} if closed else {}
        return closed, names

    def changes(done) -> Changes:
        closed, _names = done
        return Changes.session(None) if closed else Changes()

    WriteOp(parent=window, op=close, changes=changes,
            success=lambda done: _found(context, window, *done),
            ).failure(_failed).run_in_background(context.operations)


def _failed(error: Exception) -> None:  # they stay open; the next start tries again
    log.error("could not close the sessions left open by an earlier start: %s", error)


def _found(context, window, closed: list[Interrupted], names: dict[int, str]) -> None:
    # A session left with nothing in it (a review opened, no card rated) is closed without
    # a word: "0 ratings kept" tells the learner nothing.
    closed = [c for c in closed if c.answers or c.outcome != "abandoned"]
    if not closed:
        return
    # Each learner reads only their own: one learner's sessions are not another's
    # business, and "Your flashcard review" would be wrong in the other's library.
    by_learner: dict[int, list[Interrupted]] = {}
    for item in closed:
        by_learner.setdefault(item.learner_id, []).append(item)
    notes = {learner_id: interrupted_note(items, learner_id, names)
             for learner_id, items in by_learner.items()}
    own = notes.get(context.learner_id) if context.learner_id is not None else None
    window.library_screen.session_notes.add(notes)
    if own:
        window.statusBar().showMessage(own, 30_000)


class SessionNotes:
    """The library's note of the sessions interrupted before this start, to each learner
    their own: a note shows once, in its learner's library, until they leave it (another
    learner, a session, the progress screen)."""

    def __init__(self, screen: QWidget, label: QLabel, context) -> None:
        self.screen = screen  # the library
        self.label = label
        self.context = context
        self._pending: dict[int, str] = {}  # by learner id, not shown yet
        self.learner_id: int | None = None  # whose note shows (None: none)

    def add(self, notes: dict[int, str]) -> None:
        """Notes by learner id; the current learner's shows now if the library does."""
        self._pending.update(notes)
        if self.screen.isVisible():
            self.show_pending()

    def show_pending(self) -> None:
        """The library shows (again, or for another learner): the current learner's note,
        if one waits; another learner's is no longer shown."""
        learner_id = self.context.learner_id
        if self.learner_id != learner_id:
            self.hide()
        text = self._pending.pop(learner_id, "") if learner_id is not None else ""
        if text:
            self.label.setText(text)
            self.label.setVisible(True)
            self.learner_id = learner_id

    def hide(self) -> None:
        """The library was left: the note was read."""
        self.label.setVisible(False)
        self.label.clear()
        self.learner_id = None


def interrupted_note(closed: list[Interrupted], learner_id: int | None,
                     names: dict[int, str], today: datetime | None = None) -> str:
    """What became of the sessions closed, in a learner's words, one sentence each."""
    today = (today or datetime.now(UTC)).astimezone()
    lines = [_sentence(item, learner_id, names, today) for item in closed[:SAID]]
    if len(closed) > SAID:
        more = len(closed) - SAID
        lines.append(f"{more} more session{'s were' if more != 1 else ' was'} closed the same way.")
    return " ".join(lines)


def _sentence(item: Interrupted, learner_id: int | None, names: dict[int, str],
              today: datetime) -> str:
    whose = "Your" if item.learner_id == learner_id else f"{names.get(item.learner_id, 'A')}'s"
    started = item.started.astimezone()
    when = started.strftime("%H:%M" if started.date() == today.date() else "%d %b %H:%M")
    what = f"{whose} {WHAT.get(item.mode, item.mode)} of {when}"
    rated = item.mode == "flashcards"
    kept = f"{counted(item.answers, 'rating' if rated else 'answer')} kept"
    if item.outcome == "timed_out" and item.score is not None:
        return (f"{what} ran out of time while quizapp was closed: handed in as at time up,"
                f" {percent_text(item.score)} ({kept}; unanswered questions count 0).")
    if item.outcome == "finished":  # every question answered: as leaving it would have
        scored = "" if item.score is None else f", {percent_text(item.score)}"
        return (f"{what} was interrupted after its last answer: it is finished{scored}"
                f" ({kept}).")
    return f"{what} was interrupted: {kept}" + ("." if rated else ", not scored.")
