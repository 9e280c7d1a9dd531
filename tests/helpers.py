"""Helpers shared by several test modules (fixtures live in conftest.py).

Plain functions, imported as `from helpers import ...` (pytest puts tests/ on the path),
so that no test module has to import another test module for its helpers.
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable

from quizapp.core.model import Bank, Choice, MultipleChoice

# A small bank of three questions (two true/false, one flashcard), its title left to fill.
SMALL_BANK = """\
title: {title}
id: small
questions:
  - id: sky
    type: true_false
    prompt: The sky is blue.
    answer: true
  - id: grass
    type: true_false
    prompt: Grass is red.
    answer: false
  - id: card
    type: flashcard
    front: Two and two?
    back: Four
"""


def library_rows(window) -> dict:
    """The library's rows in a main window, by the text of their first column (the title)."""
    tree = window.library_screen.tree
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def two_choice_bank(
    count: int,
    bank_id: str = "trade",
    title: str = "Trade",
    tags: Callable[[int], tuple[str, ...]] = lambda i: (),
) -> Bank:
    """A bank of `count` multiple-choice questions q0, q1, ... whose answer is "a" of "a"/"b":
    the store tests care about how answers are kept, not what is asked."""
    return Bank(
        id=bank_id,
        title=title,
        questions=tuple(
            MultipleChoice(
                id=f"q{i}",
                prompt="?",
                choices=(Choice(text="a"), Choice(text="b")),
                correct=0,
                tags=tags(i),
            )
            for i in range(count)
        ),
    )


# One question, one choice: for tests that only need answers to be in the store.
ONE_QUESTION_BANK = Bank(
    id="trade",
    title="Trade",
    questions=(MultipleChoice(id="q", prompt="?", choices=(Choice(text="a"),), correct=0),),
)


def record_right_answers(store, learner_id: int, count: int = 1) -> None:
    """One quiz session of ONE_QUESTION_BANK with `count` right answers, each committed."""
    session = store.start_session(learner_id, ONE_QUESTION_BANK, "quiz")
    question = ONE_QUESTION_BANK.questions[0]
    for _ in range(count):
        store.record_answer(session, question, response=0, correct=True, credit=1, seconds=1)


def read_lines(fd: int, buffer: bytearray, timeout: float) -> list[str]:
    """The whole lines a child process wrote to the pipe `fd`, waiting at most `timeout`
    seconds for more (select, not a sleep); a partial line stays in `buffer` for later."""
    out = []
    if select.select([fd], [], [], timeout)[0]:
        chunk = os.read(fd, 65536)
        buffer.extend(chunk)
        if not chunk:
            return out
    while b"\n" in buffer:
        line, _, rest = bytes(buffer).partition(b"\n")
        buffer[:] = rest
        out.append(line.decode())
    return out


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, every: float = 0.02) -> None:
    """Wait for a condition outside Qt that nothing signals (another PostgreSQL session
    waiting on a lock): qtbot.waitUntil's counterpart, checking `every` seconds. Not for
    Qt (use qtbot.waitSignal / waitUntil) nor for files (os.utime sets an mtime)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s"
        time.sleep(every)  # the polling interval; the wait ends on the condition, not the clock
