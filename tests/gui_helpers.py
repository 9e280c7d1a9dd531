"""GUI test helpers shared by several test modules: driving the quiz screen as a learner,
opening the flashcard and teacher screens, and contexts over a built history of answers.

Plain functions and data (fixtures live in conftest.py and shared_fixtures.py), imported as
`from gui_helpers import ...`, so that no test module imports another test module.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QSpinBox,
)

from quizapp.core.grading import expected_response
from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.core.store import DB_NAME, Store
from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings
from quizapp.gui.flashcard_screen import FlashcardScreen
from quizapp.gui.quiz_screen import QuizScreen
from quizapp.gui.teacher_screen import TeacherScreen

# The bundled tour bank: one question of every type.
TOUR = Path(__file__).resolve().parents[1] / "question_banks" / "tour.yaml"


def context_for(store) -> AppContext:
    """A context over `store`: the screen records answers through its writer thread."""
    settings = make_settings()
    return AppContext(store=store, events=StoreEvents(store), settings=settings,
                      library=BankLibrary(settings, include_bundled=False, watch=False))


def settle(qtbot, screen) -> None:
    """Wait until the answer (or retraction) being written has committed and shows."""
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)


def written(qtbot, context) -> None:
    """Wait until every write op submitted has committed and its result is delivered (a
    session closed by leaving is written on the writer thread, after the screen let go)."""
    qtbot.waitUntil(lambda: not context.operations.busy, timeout=10000)


def make_screen(qtbot, session) -> QuizScreen:
    screen = QuizScreen(context_for(session.store))
    qtbot.addWidget(screen)
    screen.resize(900, 700)
    screen.show()
    screen.start(session)
    return screen


def written_order_screen(qtbot, store, learner, bank, first: str, mode: str = "quiz"):
    """A quiz (or exam) of `bank`'s questions as written, from the one with id `first`,
    in an active window (so that keys and shortcuts reach it): (screen, session)."""
    from quizapp.core.session import QuizSession

    ids = [first] + [q.id for q in bank.questions if q.id != first]
    session = QuizSession(store, learner.id, bank, mode=mode, shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen, session


def kept_responses(store, learner) -> list:
    """The responses recorded for `learner` and not taken back, oldest first."""
    return [r.response for r in store.export_rows(learner.id) if r.retracted is None]


def focused(screen):
    """Where a key press lands: the focused control inside the screen."""
    return screen.focusWidget() or screen


def press(qtbot, screen, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(screen), key, modifier)
    settle(qtbot, screen)


def answer(qtbot, screen, right: bool) -> None:
    """Answer the question on screen, rightly or wrongly, as a learner would."""
    widget = screen.question_widget
    q = widget.question
    kind = q.type
    if kind == "multiple_choice":
        index = q.correct if right else (q.correct + 1) % len(q.choices)
        press(qtbot, screen, str(widget.key_for(index)))  # the key shown beside it
    elif kind == "true_false":
        press(qtbot, screen, "1" if q.answer == right else "2")
    elif kind == "multiple_select":
        picks = (
            list(q.correct) if right else [i for i in range(len(q.choices)) if i not in q.correct]
        )
        for i in picks:
            press(qtbot, screen, str(widget.key_for(i)))
    elif kind == "short_answer":
        text = str(expected_response(q)) if right else "certainly not this"
        qtbot.keyClicks(focused(screen), text)
    elif kind == "numeric":  # a wrong answer is a wrong number (a non-number is asked again)
        text = str(expected_response(q)) if right else str(q.answer + abs(q.tolerance) + 1000)
        qtbot.keyClicks(focused(screen), text)
    elif kind == "matching":
        n = len(q.pairs)
        for i in range(n):
            widget.choose(i, i if right else (i + 1) % n)
    elif kind == "ordering":
        if right:  # sort by Alt+Up, one item at a time
            for target in range(len(q.items)):
                row = widget.shown_order().index(target)
                widget.list.setCurrentRow(row)
                for _ in range(row - target):
                    press(qtbot, screen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        else:  # the shuffled start order is never the right one: move an item and back,
            widget.list.setCurrentRow(0)  # which answers with the order shown
            press(qtbot, screen, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
            press(qtbot, screen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    elif kind == "cloze":
        for n, variants in enumerate(q.blanks):
            qtbot.keyClicks(focused(screen), variants[0] if right else "zzz")
            if n + 1 < len(q.blanks):
                press(qtbot, screen, Qt.Key.Key_Tab)
    elif kind == "flashcard":  # turned, the focus on the rating for Enter to record
        press(qtbot, screen, Qt.Key.Key_Space)  # the focus goes to "3 Good"
        if not right:
            press(qtbot, screen, Qt.Key.Key_Backtab)
            press(qtbot, screen, Qt.Key.Key_Backtab)  # "1 Again"
    else:  # pragma: no cover - a new type needs a line here
        raise AssertionError(f"no way to answer {kind}")


def recorded(store, learner_id):
    return list(store.export_rows(learner_id))


def open_flashcard_screen(qtbot, context):
    """A flashcard screen over context, shown, exposed and active (so keys reach it)."""
    screen = FlashcardScreen(context)
    qtbot.addWidget(screen)
    screen.resize(800, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def choose_from_more(qtbot, screen, action):
    """Open the real More menu with a click and click `action` in it."""
    clicked = []

    def click_in_menu():
        menu = QApplication.activePopupWidget()
        assert menu is screen.more.menu
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                         pos=menu.actionGeometry(action).center())
        clicked.append(True)

    QTimer.singleShot(100, click_in_menu)
    qtbot.mouseClick(screen.more.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clicked == [True], timeout=5000)


def open_suspended_cards(qtbot, screen, listed: int):
    """More > Suspended cards… with real clicks; the dialog once it lists `listed` cards."""
    choose_from_more(qtbot, screen, screen.more.list_action)
    qtbot.waitUntil(lambda: screen.suspended_dialog is not None, timeout=5000)
    dialog = screen.suspended_dialog
    qtbot.waitUntil(lambda: dialog.cards.count() == listed, timeout=10000)
    return dialog


def start_review(qtbot, screen, bank, **kwargs):
    """Start a flashcard review of `bank` on `screen`: it is built on the writer thread, and
    its first card (or its summary) shows with review_started."""
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank, **kwargs)


LEARNERS = {"Ana": 0.85, "Ben": 0.6, "Chloé": 0.4, "Dmitri": 0.7}  # name -> skill


def bundled_banks():
    folder = bundled_banks_dir()
    banks = {}
    for name in ("us-japan-auto-talks-1995.yaml", "tour.yaml"):
        result = load_bank(folder / name)
        assert result.bank is not None, result.problems
        banks[result.bank.id] = result.bank
    return banks


def build_history(store, banks, *, sessions: int = 4, seed: int = 7, now: datetime | None = None):
    """Several learners, sessions and answers, spread over the last weeks, through the Store."""
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    learners = {}
    for name, skill in LEARNERS.items():
        learner = store.create_learner(name)
        learners[name] = learner.id
        for bank in banks.values():
            for s in range(sessions):
                sid = store.start_session(learner.id, bank, rng.choice(["quiz", "practice"]))
                when = now - timedelta(days=3 * (sessions - s) + rng.random(), hours=rng.random())
                questions = rng.sample(bank.questions, k=min(8, len(bank.questions)))
                total = 0.0
                for i, q in enumerate(questions):
                    # Harder questions (later in the bank) are missed more often.
                    p = skill - 0.3 * bank.questions.index(q) / len(bank.questions) + 0.05 * s
                    right = rng.random() < p
                    total += 1.0 if right else 0.0
                    store.record_answer(
                        sid,
                        q,
                        response="typed answer" if right else "wrong",
                        correct=right,
                        credit=1.0 if right else 0.0,
                        seconds=round(rng.uniform(2, 30), 3),
                        now=when + timedelta(seconds=40 * i),
                    )
                if s < sessions - 1 or name != "Dmitri":  # one session left unfinished
                    store.finish_session(sid, total / len(questions))
    # Ben leaves a practice after two answers and reviews three flashcards: their answers
    # count, but neither is an attempt (no score; the flashcards report recall).
    bank = next(iter(banks.values()))
    for mode, oks in (("practice", (True, False)), ("flashcards", (True, True, False))):
        sid = store.start_session(learners["Ben"], bank, mode)
        for i, ok in enumerate(oks):
            store.record_answer(
                sid,
                bank.questions[i],
                response="Good" if ok else "Again",
                correct=ok,
                credit=1.0 if ok else 0.0,
                seconds=5.0,
                now=now - timedelta(hours=2, minutes=-i),
            )
        if mode == "practice":
            store.abandon_session(sid, now=now - timedelta(hours=1))
        else:
            store.finish_session(sid, None, now=now - timedelta(hours=1), recall=2 / 3)
    return learners


_HISTORY_CACHE: dict[int, Path] = {}


def store_with_history(folder: Path, banks, sessions: int = 4) -> Store:
    """A Store in folder holding build_history's data; built once per size, then copied.

    Every answer is a durable commit (an fsync), so building is slow; a copy of the
    closed database file is the same data.
    """
    source = _HISTORY_CACHE.get(sessions)
    if source is None:
        source = Path(tempfile.mkdtemp(prefix=f"quizapp-history-{sessions}-"))
        store = Store.open(source)
        build_history(store, banks, sessions=sessions)
        store.close()
        _HISTORY_CACHE[sessions] = source
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / DB_NAME, folder / DB_NAME)
    return Store.open(folder)


def learner_ids(store) -> dict[str, int]:
    return {learner.name: learner.id for learner in store.learners()}


class FixedLibrary:
    """The part of BankLibrary the screens read (banks, bank), over banks loaded up front."""

    def __init__(self, banks):
        self._banks = dict(banks)

    def banks(self):
        return list(self._banks.values())

    def bank(self, bank_id):
        return self._banks.get(bank_id)


def make_context(store, banks) -> AppContext:
    return AppContext(
        store=store,
        events=StoreEvents(store),
        library=FixedLibrary(banks),
        settings=make_settings(),
    )


def open_teacher_screen(qtbot, context) -> TeacherScreen:
    """A teacher screen over context, shown, once its overview has loaded."""
    screen = TeacherScreen(context)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.overview_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    return screen


def import_by_ctrl_i(qtbot, win, monkeypatch, source, target) -> list[tuple[str, list[str]]]:
    """File > Import as a teacher does it: Ctrl+I in the shown window, the file dialogs
    answering `source` and `target` (an error box fails the test); returns once the library
    lists the bank, with the warnings windows the app showed, as (title, warnings)."""
    import pytest
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(win, "_show_warnings", lambda title, w: shown.append((title, w)))
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    return shown


def shown_library_window(qtbot, open_library_window, tmp_path):
    """The library window on an empty bank folder, shown and active (so that its keys and
    the dialogs it opens have the focus)."""
    banks = tmp_path / "banks"
    banks.mkdir()
    win = open_library_window(banks)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch):
    """A library window on the small bank (helpers.SMALL_BANK) whose quiz was started with
    Q from the bank list, its setup dialog accepted as it stands; the window is active
    again (offscreen, no window manager hands activation back after the dialog)."""
    from helpers import SMALL_BANK, library_rows
    from PySide6.QtWidgets import QDialog

    from quizapp.gui import quiz_setup

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    win.library_screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.library_screen.tree.setFocus()
    # The session is started on the writer thread; the quiz shows once it is.
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def settled(qtbot, page) -> None:
    """Wait until a results page or review summary that has just replaced a question takes
    keys: for a moment it drops them (quizapp/gui/settling_page.py)."""
    qtbot.waitUntil(lambda: not page.settling.active, timeout=5000)


def timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now):
    """quiz_started_by_key, the session a one-minute exam of the small bank whose clock is
    now[0] (moved on by the test)."""
    from quizapp.core.session import QuizSession
    from quizapp.gui import quiz_setup

    def timed_exam(store, learner_id, bank, options, *, seed=None):
        return QuizSession(store, learner_id, bank, mode="exam", shuffle=False, time_limit=60,
                           clock=lambda: now[0])

    monkeypatch.setattr(quiz_setup, "build_session", timed_exam)
    return quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)


def submit_held(qtbot, screen, monkeypatch):
    """Enter on the answer shown, its save held on the writer thread until the returned
    event is set (a slow save, to press keys and click meanwhile)."""
    import threading

    session = screen.session
    saving, release = threading.Event(), threading.Event()
    submit = session.submit

    def slow_submit(response):
        saving.set()
        assert release.wait(10)
        return submit(response)

    monkeypatch.setattr(session, "submit", slow_submit)
    qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)
    qtbot.waitUntil(saving.is_set, timeout=10000)
    return release


def drawn_labels(view) -> list[str]:
    """The texts the chart's scene draws (axis labels, titles), as drawn: elided ones too.
    Qt Charts' labels are QGraphicsTextItems of private classes, seen as bare items."""
    import shiboken6
    from PySide6.QtWidgets import QGraphicsTextItem

    texts = []
    for item in view.scene().items():
        if item.type() == 8 and item.isVisible():  # QGraphicsTextItem::Type (unnamed in PySide)
            address = shiboken6.getCppPointer(item.toGraphicsObject())[0]
            text = shiboken6.wrapInstance(address, QGraphicsTextItem).toPlainText()
            if text:
                texts.append(text)
    return texts


def library_small_and_zoomed(qtbot, win, bank_title: str, *, active: bool = False,
                             zoom: bool = True):
    """The library window at 800x600 (made the active window when `active`), the row of
    `bank_title` chosen and focused, and with `zoom`, Ctrl+= pressed on it through every
    zoom step to the largest (200%): a small screen read at a large zoom. Its tree."""
    from helpers import library_rows

    from quizapp.gui.theme import ZOOM_STEPS

    win.resize(800, 600)
    if active:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)[bank_title])
    tree.setFocus()
    if zoom:
        for _ in ZOOM_STEPS:
            qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    return tree


def answer_save_dialog(qtbot, name_filter: str, typed: str, seen: list[str]) -> QTimer:
    """Once Qt's save dialog is up: choose `name_filter` in its file type list with the
    arrow keys, type `typed` as the file name and press Enter. (A name typed a key at a
    time is completed by the dialog: one that starts like a file beside it, or a whole
    path, selects that file or folder, and Enter opens it.)"""
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            return
        timer.stop()
        seen.append(dialog.windowTitle())
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        types.setFocus()
        for _ in range(types.count()):
            if types.currentText() == name_filter:
                break
            qtbot.keyClick(types, Qt.Key.Key_Down)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setFocus()
        name.selectAll()
        qtbot.keyClicks(name, typed)
        qtbot.keyClick(name, Qt.Key.Key_Return)

    timer.timeout.connect(answer)
    timer.start()
    return timer


def answer_versions_dialog(qtbot, versions: str | None, seen: list[str]) -> QTimer:
    """Once the box asking how many versions of a PDF paper to print is up: type
    `versions` in its number field ('' keeps the number offered) and press Enter, or
    press Esc (None). `seen` gets 'TITLE: the number offered'."""
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog) or not box.isVisible():
            return
        timer.stop()
        field = box.findChild(QSpinBox)
        seen.append(f"{box.windowTitle()}: {field.value()}")
        field.setFocus()
        if versions is None:
            qtbot.keyClick(field, Qt.Key.Key_Escape)
            return
        if versions:
            field.selectAll()
            qtbot.keyClicks(field, versions)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    timer.timeout.connect(answer)
    timer.start()
    return timer


def press_ctrl_e(qtbot, win, name_filter: str, typed: str, versions: str | None = "") -> list[str]:
    """Ctrl+E, answered in the save dialog (and, for a PDF, in the box asking how many
    versions: see answer_versions_dialog); the titles of the dialogs that opened."""
    # (offscreen, no window manager gives the window back its activation after a dialog,
    # and a menu's key needs an active window)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    seen: list[str] = []
    timers = [answer_save_dialog(qtbot, name_filter, typed, seen),
              answer_versions_dialog(qtbot, versions, seen)]
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    for timer in timers:
        timer.stop()
    return seen


def wait_for_message(qtbot, win, start: str) -> None:
    """Until the status bar says something starting with `start` (how the window says an
    export has ended)."""
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith(start), timeout=120000)
