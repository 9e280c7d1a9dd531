"""Sessions left open by an app that died (killed, a power cut), told apart from sessions
open in another live window of the same results file, and closed at the next start.

How a live window is told from a dead one: each Store that starts a session keeps a
journal of the sessions it opened, a small file in `open-sessions/` beside the results
file, locked (flock) for as long as the Store is open. The operating system drops the lock
when the process dies, however it dies; so a journal that can be locked is a dead app's,
and one that cannot is a live window's (this process's other Stores included: flock locks
belong to the open file, not the process). Each line is one JSON object: the session's id
and, for a quiz, exam, practice or review, the points of the questions it asks and (timed)
when its time runs out, so that the session can be scored as its results page or its clock
would have scored it. A journal of an older quizapp noted points only for a timed session:
its other sessions have none, and are abandoned as they were then.

At the next start (quizapp.gui.interrupted, on the writer thread) close_interrupted():
- a timed quiz or exam whose time has run out is scored (unanswered questions count 0,
  as at time up) and closed as "timed_out", at the moment its time ran out;
- a quiz, exam, practice or review with nothing left to ask (every question answered;
  in practice and review, each one right at its last answer) is closed as "finished" at
  its last answer, scored as its results page would have: leaving it would have
  finished it too (QuizSession.leaving_finishes), and the Leave dialog says so;
- any other session of a dead app is closed as "abandoned" at its last answer: its
  answers stay and count (statistics, reviews), it is not an attempt;
- a session open in a live window's journal is left alone, and so is one in no journal
  at all made by a quizapp of schema 9 or later (its version 7 uuid says so): one pulled
  from the class server (open on another computer: its end comes with a later pull), one
  whose journal could not be written;
- a session an older quizapp opened (before schema 9: it keeps no journal, and its uuid is
  the random one migration 9 gave it) is a dead app's, closed as abandoned: no older app
  can have a current file open (see _older_apps). A journal of another computer
  (a data folder on a network drive) counts as live: its locks may not reach this one.
A Store that closes with a session of its journal still open (the app stopped by the
system, not through its window) leaves the journal, unlocked, for the next start to
find; one whose sessions are all closed removes it.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.store.values import _dt, _log, _ts

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from typing import TextIO

FOLDER = "open-sessions"

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Interrupted:
    """A session closed by close_interrupted()."""

    session_id: int
    learner_id: int
    bank_id: str
    mode: str
    started: datetime
    answers: int  # answers (ratings) it kept, not counting those taken back
    outcome: str  # "timed_out", "finished" (every question answered) or "abandoned"
    score: float | None  # the score its clock or results page would have given (a
    # review of mistakes has none: it is not an attempt)


class SessionJournal:
    """This Store's journal of the sessions it opened (see the module docstring); the
    file is made, and locked, at the first session."""

    def __init__(self, results_file: Path) -> None:
        self.folder = results_file.parent / FOLDER
        self.path: Path | None = None
        self._file: TextIO | None = None
        self.sessions: set[int] = set()  # the sessions noted in it

    def _open(self) -> TextIO:
        if self._file is None:
            self.folder.mkdir(exist_ok=True)
            path = self.folder / f"{_host()}-{os.getpid()}-{os.urandom(4).hex()}.journal"
            file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (held while open)
            if not _try_lock(file.fileno()):  # a fresh name: never locked by another
                file.close()
                raise OSError(f"cannot lock {path}")
            self.path, self._file = path, file
        return self._file

    def opened(self, session_id: int, *, deadline: datetime | None = None,
               points: dict[str, float] | None = None) -> None:
        """Note a session this Store opened (again with its deadline and points, for a
        timed one). A journal that cannot be written leaves the session in none: the
        next start then leaves it open, as quizapp did before it kept journals."""
        self.sessions.add(session_id)
        entry: dict[str, object] = {"session": session_id}
        if deadline is not None:
            entry["deadline"] = _ts(deadline)
        if points is not None:
            entry["points"] = points
        try:
            file = self._open()
            file.write(json.dumps(entry) + "\n")
            file.flush()
        except OSError as exc:
            _log().warning("could not note an open session: %s", exc)

    def close(self, *, still_open: bool) -> None:
        """The Store closes. With none of its sessions open the journal goes; with one
        still open (`still_open`: the app stopped without leaving it, e.g. by the system
        at logout) it stays, unlocked, so that the next start closes that session as
        a dead app's (a timed exam scored at its deadline)."""
        file, self._file = self._file, None
        if file is None:
            return
        try:
            if self.path is not None and not still_open:
                self.path.unlink(missing_ok=True)
            _unlock(file.fileno())
        except OSError:
            pass
        file.close()
        _remove_if_empty(self.folder)


def _host() -> str:
    """This computer's name, as a journal's name starts: a safe file-name part."""
    name = socket.gethostname() or "computer"
    return "".join(ch if ch.isalnum() or ch in "._" else "_" for ch in name)[:60]


def _remove_if_empty(folder: Path) -> None:
    """No journal left: no folder either, so a data folder only holds it while needed."""
    try:
        folder.rmdir()
    except OSError:  # another window's journal is in it (or it is gone already)
        pass


@dataclass(frozen=True, slots=True)
class _Answer:
    """An answer of a session left open, not taken back."""

    question_id: str
    credit: float
    correct: bool
    answered: datetime


def nothing_left_to_ask(mode: str, points: dict[str, float], answers: list[_Answer]) -> bool:
    """True when the session had nothing left to ask, as QuizSession.leaving_finishes
    says: every question answered (an exam's changed answers are taken back, so each
    counts once); in practice and review, each one's last answer right too (a wrong one
    is asked again later)."""
    from quizapp.core.session_base import REPEATING_MODES  # only at a start after a death

    last: dict[str, _Answer] = {}
    for answer in answers:
        last[answer.question_id] = answer
    if not points or any(question_id not in last for question_id in points):
        return False
    if mode in REPEATING_MODES:
        return all(last[question_id].correct for question_id in points)
    return True


def finished_score(mode: str, points: dict[str, float], answers: list[_Answer]) -> float | None:
    """The score QuizSession.score gives a session with every question answered: over the
    first answer to each question in practice (right at the first try), the answer that
    counts in a quiz or exam; None for a review of mistakes, which is not an attempt."""
    from quizapp.core.session_base import REPEATING_MODES, SCORED_MODES

    if mode not in SCORED_MODES:
        return None
    if mode in REPEATING_MODES:
        first: dict[str, _Answer] = {}
        for answer in answers:
            first.setdefault(answer.question_id, answer)
        return _points_score(points, list(first.values()))
    return _points_score(points, answers)


def _points_score(points: dict[str, float], answers: list[_Answer]) -> float:
    """Points-weighted credit of the answers over every question (unanswered count 0)."""
    possible = sum(value for value in points.values() if value > 0)
    earned = sum(min(1.0, max(0.0, answer.credit)) * max(0.0, points.get(answer.question_id, 0.0))
                 for answer in answers)
    return min(1.0, earned / possible) if possible > 0 else 0.0


@dataclass
class _Entry:
    deadline: datetime | None = None
    points: dict[str, float] | None = None


def _read(file: TextIO) -> dict[int, _Entry]:
    entries: dict[int, _Entry] = {}
    file.seek(0)
    for line in file.read().splitlines():
        try:
            row = json.loads(line)
            entry = entries.setdefault(int(row["session"]), _Entry())
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by the death it records
        if row.get("deadline"):
            entry.deadline = _dt(row["deadline"])
        if isinstance(row.get("points"), dict):
            entry.points = {str(k): float(v) for k, v in row["points"].items()}
    return entries


def read_journals(
    folder: Path, own: Path | None
) -> tuple[set[int], dict[int, _Entry], list[tuple[Path, TextIO]]]:
    """(ids in live journals, entries of dead journals, the dead journals' files, locked
    by this call: the caller removes them once their sessions are closed)."""
    live: set[int] = set()
    dead: dict[int, _Entry] = {}
    held: list[tuple[Path, TextIO]] = []
    if not folder.is_dir():
        return live, dead, held
    this_host = _host() + "-"
    for path in sorted(folder.glob("*.journal")):
        try:
            file = open(path, "r+", encoding="utf-8")  # noqa: SIM115 (closed by the caller)
        except OSError:
            continue
        if path == own or not path.name.startswith(this_host) or not _try_lock(file.fileno()):
            with file:
                try:
                    live.update(_read(file))
                except OSError:  # a lock that also bars reading (Windows): left alone
                    pass
            continue
        dead.update(_read(file))
        held.append((path, file))
    return live, dead, held


def _older_apps(uuid: str | None) -> bool:
    """Whether a session was opened by a quizapp older than schema 9: migration 9 gave it
    a random (version 4) uuid, where every quizapp since makes version 7 ones, here or on
    the computer a pulled session comes from. Such an app keeps no journal, and cannot have
    a current file open (a migration waits for every other connection to close, and an
    older app refuses a newer file), so its open session is a dead app's."""
    return uuid is None or (len(uuid) == 36 and uuid[14] == "4")


def close_interrupted(store, now: datetime | None = None) -> list[Interrupted]:
    """Close the sessions a dead app left open (see the module docstring); what was closed,
    oldest first. Runs on the thread that owns the store's writes."""
    now = now or datetime.now(UTC)
    db = store._db
    journal: SessionJournal = store._journal
    live, dead, held = read_journals(journal.folder, journal.path)
    closed: list[Interrupted] = []
    swept = False
    try:
        rows = db.read(
            "SELECT id, learner_id, bank_id, mode, started, uuid FROM sessions"
            " WHERE finished IS NULL ORDER BY id"
        )
        for session_id, learner_id, bank_id, mode, started_text, uuid in rows:
            started = datetime.fromisoformat(started_text)
            if session_id in live or (session_id not in dead and not _older_apps(uuid)):
                continue
            entry = dead.get(session_id, _Entry())
            answers = [
                _Answer(question_id, credit, bool(correct), datetime.fromisoformat(answered))
                for question_id, credit, correct, answered in db.read(
                    "SELECT a.question_id, a.credit, a.correct, a.answered FROM answers a"
                    " LEFT JOIN retractions r ON r.answer_uuid = a.uuid"
                    " WHERE a.session_id = ? AND r.id IS NULL ORDER BY a.id",
                    (session_id,),
                )
            ]
            last = answers[-1].answered if answers else started
            if entry.deadline is not None and entry.points and entry.deadline <= now:
                score: float | None = _points_score(entry.points, answers)
                store.finish_session(session_id, score, entry.deadline, outcome="timed_out")
                outcome = "timed_out"
            elif entry.points and nothing_left_to_ask(mode, entry.points, answers):
                # As leaving it would have: every question answered finishes it, scored as
                # its results page would have, at its last answer.
                score = finished_score(mode, entry.points, answers)
                store.finish_session(session_id, score, last, outcome="finished")
                outcome = "finished"
            else:
                store.abandon_session(session_id, last)
                outcome, score = "abandoned", None
            closed.append(Interrupted(session_id, learner_id, bank_id, mode, started,
                                      len(answers), outcome, score))
        swept = True
    finally:
        # A sweep that failed part way (the file busy) keeps the dead journals: the
        # sessions it did not close keep their deadlines for the next start.
        for path, file in held:
            try:
                if swept:
                    path.unlink(missing_ok=True)
                _unlock(file.fileno())
            except OSError:
                pass
            file.close()
        if held:
            _remove_if_empty(journal.folder)
    return closed
