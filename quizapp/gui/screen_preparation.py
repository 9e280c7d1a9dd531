"""The flashcard screen is made while the learner is still at the library, a little per turn.

Its first opening was one turn of the event loop of 119-134 ms (docs/performance.md):
importing some forty modules (py-fsrs, the Markdown and picture code, the screen's parts),
then making its widgets. A key pressed meanwhile waited for all of it. Here, a few seconds
after the learner is at the library, those modules come in one per turn, in the order they
import one another, so that each turn runs one module's own body (0.3-10 ms); then the
screen is made a part per turn (FlashcardScreen's in_parts) and put into the window's stack
in the last. Between two steps Qt handles whatever the learner did. Pressing Flashcards
before the last step makes the rest at once, as it always did. What the first opening still
does that later ones do not is Qt's: the widgets' first show and paint (docs/performance.md).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from quizapp.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# In the order they import one another (a module after what it imports), so that each step
# runs one module's body, or a few small ones. tests/test_screen_preparation.py fails when
# opening the flashcards imports a module this list does not bring in.
FLASHCARD_SCREEN_MODULES = (
    "quizapp.core.interval_preview",
    "quizapp.gui.wrap_row",
    "quizapp.gui.card",
    "xml.etree.ElementTree",
    "quizapp.core.svg_safety",
    "quizapp.rendering.images",
    "html",
    "quizapp.rendering.pictures",
    "quizapp.rendering.markdown",
    "quizapp.gui.markdown",
    "quizapp.gui.card_sides",
    "typing_extensions",
    "fsrs",
    "quizapp.core.scheduler",
    "quizapp.core.review_plan",  # the first card turned plans its review (7-10 ms)
    "quizapp.gui.flashcard_card_buttons",
    "quizapp.gui.flashcard_done_page",
    "quizapp.gui.flashcard_header",
    "quizapp.core.session_base",
    "quizapp.gui.flashcard_summary",
    "quizapp.gui.leave_dialog",
    "quizapp.gui.suspended_cards",
    "quizapp.gui.flashcard_screen",
    "quizapp.core.flashcard_session",
    "quizapp.core.session",  # FlashcardScreen.start imports it
)

START_DELAY_MS = 3000  # after the learner is at the library: past its first counts
STEP_GAP_MS = 10  # between two steps, for the learner's keys and clicks and the paints


class ScreenPreparation(QObject):
    """Runs `steps` one step per turn of the event loop, STEP_GAP_MS apart, until they are
    done or `needed_no_more()` says the screen was made another way (opened before the end).
    """

    def __init__(self, steps: Generator[str, None, None], needed_no_more: Callable[[], bool],
                 parent: QObject) -> None:
        super().__init__(parent)
        self._steps = steps
        self._needed_no_more = needed_no_more
        self.started = False
        self.done = False
        self.steps_run: list[str] = []  # what each step did, in order

    def start(self, delay_ms: int) -> None:
        self.started = True
        QTimer.singleShot(delay_ms, self, self._run_next)

    def _run_next(self) -> None:
        if self.done:
            return
        try:
            step = None if self._needed_no_more() else next(self._steps, None)
        except Exception:  # only a head start: opening the screen says what is wrong
            log.exception("making a screen ahead of its use failed")
            step = None
        if step is None:
            self.done = True
            self._steps.close()  # a screen half made is deleted (flashcard_screen_steps)
            return
        self.steps_run.append(step)
        QTimer.singleShot(STEP_GAP_MS, self, self._run_next)


def flashcard_screen_steps(window: MainWindow) -> Generator[str, None, None]:
    """Make `window`'s flashcard screen, a step per item (named by what it did)."""
    for name in FLASHCARD_SCREEN_MODULES:
        importlib.import_module(name)
        yield f"import {name}"
    from quizapp.gui.flashcard_screen import FlashcardScreen

    screen = FlashcardScreen(window.context, in_parts=True)
    taken = False
    try:
        yield "screen"
        while (part := screen.build_next_part()) is not None:
            yield f"screen: {part}"
        taken = window.add_flashcard_screen(screen)
        yield "into the window"
    finally:
        if not taken:  # dropped half made, or the flashcards were opened meanwhile
            # Now, not when the cycle collector comes to it: the screen's generator and
            # the screen hold each other.
            screen.deleteLater()


def prepare_flashcard_screen(window: MainWindow,
                             delay_ms: int = START_DELAY_MS) -> ScreenPreparation:
    """Make `window`'s flashcard screen ahead (see the module's docstring), starting
    `delay_ms` after the learner is first at the library with the banks listed: the
    flashcards open from there only, and before it the learner may be typing a name on
    the learner screen, or the banks may still be loading."""
    preparation = ScreenPreparation(flashcard_screen_steps(window),
                                    lambda: window.has_screen("flashcards"), window)
    context = window.context

    def start_at_the_library(*_ignored: object) -> None:
        if (not preparation.started and window.current_screen_name() == "library"
                and context.learner_id is not None and not context.library.loading):
            preparation.start(delay_ms)

    window.screen_changed.connect(start_at_the_library)
    context.library.library_loaded.connect(start_at_the_library)
    start_at_the_library()
    return preparation
