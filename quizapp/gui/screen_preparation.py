"""The flashcard and quiz screens are made while the learner is still at the library, a
little per turn.

The flashcards' first opening was one turn of the event loop of 119-134 ms, the quiz's
first start 50-100 ms (docs/performance.md): importing some forty modules (py-fsrs, the
Markdown and picture code, the question widgets of every kind, the screens' parts), then
making the widgets. A key pressed meanwhile waited for all of it. Here, a few seconds after
the learner is at the library, those modules come in one per turn, in the order they
import one another, so that each turn runs one module's own body (0.3-10 ms); then each
screen is made, the flashcards' a part per turn (FlashcardScreen's in_parts), and put into
the window's stack. Between two steps Qt handles whatever the learner did. Opening a screen
before its last step makes the rest at once, as it always did. What the first opening still
does that later ones do not is Qt's: the widgets' first show and paint (docs/performance.md).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

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

# The quiz's, after the flashcards' (which brought in what the two share): its setup
# dialog's module, the question widgets of every kind, the quiz screen's parts.
QUIZ_SCREEN_MODULES = (
    "quizapp.gui.shrinking_combo",
    "quizapp.gui.quiz_setup",
    "quizapp.gui.question_widgets.base",
    "quizapp.gui.question_widgets.flow_layout",
    "quizapp.rendering.cloze_words",
    "quizapp.gui.question_widgets.cloze",
    "quizapp.gui.question_widgets.flashcard",
    "quizapp.gui.answer_combo",
    "quizapp.gui.question_widgets.matching",
    "quizapp.gui.question_widgets.choice_list",
    "quizapp.gui.question_widgets.multiple_choice",
    "quizapp.gui.question_widgets.multiple_select",
    "quizapp.gui.question_widgets.line_edit",
    "quizapp.gui.question_widgets.numeric",
    "quizapp.gui.question_widgets.ordering",
    "quizapp.gui.question_widgets.short_answer",
    "quizapp.gui.question_widgets.true_false",
    "quizapp.gui.question_widgets",
    "quizapp.gui.exam_panel",
    "quizapp.core.paragraphs",
    "quizapp.core.quotes",
    "quizapp.gui.feedback_panel",
    "quizapp.gui.next_question",
    "quizapp.gui.quiz_exam",
    "quizapp.gui.quiz_header",
    "quizapp.gui.scroll_focus",
    "quizapp.gui.quiz_screen",
)

START_DELAY_MS = 3000  # after the learner is at the library: past its first counts
STEP_GAP_MS = 10  # between two steps, for the learner's keys and clicks and the paints


class ScreenPreparation(QObject):
    """Runs `steps` one step per turn of the event loop, STEP_GAP_MS apart, until they are
    done. The steps themselves stop early when their screen was opened meanwhile."""

    def __init__(self, steps: Generator[str, None, None], parent: QObject) -> None:
        super().__init__(parent)
        self._steps = steps
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
            step = next(self._steps, None)
        except Exception:  # only a head start: opening the screen says what is wrong
            log.exception("making a screen ahead of its use failed")
            step = None
        if step is None:
            self.done = True
            self._steps.close()  # a screen half made is deleted (_made_ahead)
            return
        self.steps_run.append(step)
        QTimer.singleShot(STEP_GAP_MS, self, self._run_next)


def _made_ahead(window: MainWindow, name: str, modules: Sequence[str],
                parts: Callable[[], tuple[QWidget, Iterator[str]]]) -> Generator[str, None, None]:
    """The steps that make `window`'s screen `name` ahead: `modules` one per step, then
    the screen (`parts()`: it, and the parts still to build, one per step), then into the
    window. They end as soon as the screen was opened another way (its own was made)."""
    for module in modules:
        if window.has_screen(name):
            return
        importlib.import_module(module)
        yield f"import {module}"
    if window.has_screen(name):
        return
    screen, parts_left = parts()
    taken = False
    try:
        yield f"{name} screen"
        while not window.has_screen(name):  # (looked at before each part is built)
            part = next(parts_left, None)
            if part is None:
                break
            yield f"{name} screen: {part}"
        taken = window.add_made_screen(name, screen)
        if taken:
            yield f"{name} screen into the window"
    finally:
        if not taken:  # dropped half made, or opened meanwhile
            # Now, not when the cycle collector comes to it: a screen built in parts and
            # its generator hold each other.
            screen.deleteLater()


def flashcard_screen_steps(window: MainWindow) -> Generator[str, None, None]:
    """Make `window`'s flashcard screen, a step per item (named by what it did)."""
    def parts() -> tuple[QWidget, Iterator[str]]:
        from quizapp.gui.flashcard_screen import FlashcardScreen

        screen = FlashcardScreen(window.context, in_parts=True)
        return screen, iter(screen.build_next_part, None)

    return _made_ahead(window, "flashcards", FLASHCARD_SCREEN_MODULES, parts)


def quiz_screen_steps(window: MainWindow) -> Generator[str, None, None]:
    """Make `window`'s quiz screen, a step per item (named by what it did)."""
    def parts() -> tuple[QWidget, Iterator[str]]:
        from quizapp.gui.quiz_screen import QuizScreen

        return QuizScreen(window.context), iter(())

    return _made_ahead(window, "quiz", QUIZ_SCREEN_MODULES, parts)


def study_screen_steps(window: MainWindow) -> Generator[str, None, None]:
    """The flashcard screen's steps, then the quiz screen's."""
    yield from flashcard_screen_steps(window)
    yield from quiz_screen_steps(window)


def prepare_study_screens(window: MainWindow,
                          delay_ms: int = START_DELAY_MS) -> ScreenPreparation:
    """Make `window`'s flashcard and quiz screens ahead (see the module's docstring),
    starting `delay_ms` after the learner is first at the library with the banks listed:
    they open from there only, and before it the learner may be typing a name on the
    learner screen, or the banks may still be loading."""
    preparation = ScreenPreparation(study_screen_steps(window), window)
    context = window.context

    def start_at_the_library(*_ignored: object) -> None:
        if (not preparation.started and window.current_screen_name() == "library"
                and context.learner_id is not None and not context.library.loading):
            preparation.start(delay_ms)

    window.screen_changed.connect(start_at_the_library)
    context.library.library_loaded.connect(start_at_the_library)
    start_at_the_library()
    return preparation
