"""The GUI operations layer (quizapp.gui.operations): reads on a read-only connection of
their own, writes in order on one writer thread, and a change signal that says what changed,
so that each screen redraws only for what it shows."""

from __future__ import annotations

import threading
import weakref

import pytest
from gui_helpers import FixedLibrary, learner_ids
from PySide6.QtWidgets import QApplication

from quizapp.core.store import Store, StoreError
from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings
from quizapp.gui.library_screen import LibraryScreen
from quizapp.gui.operations import Changes, LatestOnly, QueryOp, WriteOp
from quizapp.gui.progress_screen import ProgressScreen


@pytest.fixture
def context(tmp_path, banks):  # noqa: F811 (the imported fixture)
    store = Store.open(tmp_path / "data")
    ctx = AppContext(store=store, events=StoreEvents(store), library=FixedLibrary(banks),
                     settings=make_settings())
    yield ctx
    ctx.operations.shutdown()
    store.close()


def _read(qtbot, context, op):
    results = []
    with qtbot.waitSignal(context.operations.idle, timeout=10000):
        context.operations.read(op, results.append, failure=results.append)
    return results[0]


def test_a_query_runs_on_another_thread_over_a_read_only_connection(qtbot, context):
    context.store.create_learner("Ana")

    def query(store):
        return threading.get_ident(), store is context.store, [x.name for x in store.learners()]

    thread, same_store, names = _read(qtbot, context, query)
    assert thread != threading.get_ident() and not same_store
    assert names == ["Ana"]
    # The reader's connection refuses writes: a message comes back, not a crash.
    def write(store):
        with store._db.write() as c:
            c.execute("INSERT INTO learners(name) VALUES ('Ben')")

    message = str(_read(qtbot, context, write))
    assert "readonly" in message or "read-only" in message
    assert [x.name for x in context.store.learners()] == ["Ana"]


def test_a_query_does_not_wait_for_the_writers_connection(qtbot, context):
    context.store.create_learner("Ana")
    # The app's Store is busy (its lock held, as during a long write): a statistics query
    # still answers, over its own connection.
    with context.store._db.lock:
        names = _read(qtbot, context, lambda store: [x.name for x in store.learners()])
    assert names == ["Ana"]


def test_writes_commit_in_order_and_each_result_follows_its_commit(qtbot, context):
    seen_committed = []
    done = []
    names = [f"Learner {n}" for n in range(15)]
    with qtbot.waitSignal(context.operations.idle, timeout=20000):
        for name in names:
            WriteOp(
                parent=None,
                op=lambda store, name=name: store.create_learner(name).name,
                # success runs after the commit: another connection already sees the row
                success=lambda created: (
                    done.append(created),
                    seen_committed.append(
                        created in {x.name for x in context.operations.reader_store().learners()}),
                ),
                changes=Changes(learners=True),
            ).run_in_background(context.operations)
    assert done == names  # no answer reordered or duplicated
    assert all(seen_committed)
    assert [x.name for x in context.store.learners()] == sorted(names)


def test_a_write_op_announces_its_changes_and_the_store_stays_quiet(qtbot, context):
    announced = []
    context.events.store_changed.connect(announced.append)
    with qtbot.waitSignal(context.operations.idle, timeout=10000):
        WriteOp(parent=None, op=lambda store: store.create_learner("Ana").id,
                success=lambda _id: None,
                changes=lambda learner_id: Changes(learners=True, learner_id=learner_id)
                ).run_in_background(context.operations)
    # A news item the writer thread emitted would be queued before the op's result, which
    # `idle` follows: it would be in `announced` by now.
    ana = learner_ids(context.store)["Ana"]
    assert announced == [Changes(learners=True, learner_id=ana)]
    # A write outside any op (a restore, the class server) says everything changed.
    with qtbot.waitSignal(context.events.store_changed) as news:
        context.store.create_learner("Ben")
    assert news.args == [Changes.everything()]


def test_a_failed_write_is_reported_and_announces_nothing(qtbot, context):
    announced, failures = [], []
    context.events.store_changed.connect(announced.append)
    context.store.create_learner("Ana")  # on this thread: announced at once
    announced.clear()

    def taken(store):
        return store.create_learner("Ana")  # the name is taken: ValueError

    with qtbot.waitSignal(context.operations.idle, timeout=10000):
        WriteOp(parent=None, op=taken, success=lambda _l: None,
                changes=Changes(learners=True)).failure(failures.append).run_in_background(
            context.operations)
    assert len(failures) == 1 and isinstance(failures[0], ValueError)
    assert "Ana" in str(failures[0])
    assert announced == []


def test_only_the_newest_ticket_is_current():
    tickets = LatestOnly()
    first, second = tickets.next(), tickets.next()
    assert not tickets.is_current(first) and tickets.is_current(second)


def test_changes_merge_and_say_whom_they_concern():
    ana, ben = Changes.answer(1), Changes.session(2)
    merged = ana | ben
    assert merged.answers and merged.sessions and merged.learner_id is None
    assert ana.concerns(1) and not ana.concerns(2)
    assert Changes.everything().concerns(2)
    assert (ana | Changes.session(1)).learner_id == 1
    # Which banks: both banks named; one change about any bank makes it any bank.
    assert (Changes.answer(1, "a") | Changes.session(1, "b")).bank_ids == {"a", "b"}
    assert (Changes.answer(1, "a") | Changes.session(1)).bank_ids is None
    assert Changes.answer(1, "a").concerns_bank("a")
    assert not Changes.answer(1, "a").concerns_bank("b")
    assert Changes.everything().concerns_bank("b")


def _counting_progress(qtbot, context):
    from quizapp.gui.progress_data import load_progress

    calls = []

    def counting(*args):
        calls.append(args[1])
        return load_progress(*args)

    screen = ProgressScreen(context, loader=counting)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    QApplication.processEvents()  # what showing queued (showEvent's zero-delay check) runs
    assert not context.operations.busy and not screen.redraw_rule.scheduled
    calls.clear()
    return screen, calls


def test_progress_redraws_for_its_learners_answers_only(qtbot, context):
    ana = context.store.create_learner("Ana").id
    ben = context.store.create_learner("Ben").id
    context.learner_id = ana
    screen, calls = _counting_progress(qtbot, context)
    # Another learner's answers, a bank reload, a new learner: nothing the screen shows.
    for news in (Changes.answer(ben), Changes(banks=True), Changes(learners=True, learner_id=ben)):
        context.events.announce(news)
    # No redraw ran, none is waiting for the burst to end, no query is running.
    assert not screen.redraw_rule.scheduled and not context.operations.busy
    assert calls == []
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        context.events.announce(Changes.answer(ana))
    assert calls == [ana]


def test_library_recounts_for_its_learners_scores_not_for_others(qtbot, context, monkeypatch):
    ana = context.store.create_learner("Ana").id
    ben = context.store.create_learner("Ben").id
    settings = make_settings()
    context = AppContext(store=context.store, events=context.events, settings=settings,
                         library=BankLibrary(settings, include_bundled=False, watch=False))
    context.learner_id = ana
    screen = LibraryScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    recounts = []
    monkeypatch.setattr(screen, "recount", lambda bank_ids=None: recounts.append(bank_ids))
    refreshes = []
    monkeypatch.setattr(screen, "refresh", lambda: refreshes.append("refresh"))
    screen.redraw_rule._redraw = screen.refresh
    context.events.announce(Changes.answer(ben, "small"))
    context.events.announce(Changes(learners=True, learner_id=ben))
    assert recounts == [] and refreshes == []
    # Ana's answer in one bank: that bank's row is counted again, nothing else is redrawn.
    context.events.announce(Changes.answer(ana, "small"))
    assert recounts == [frozenset({"small"})] and refreshes == []
    # A write nobody described: every row again.
    context.events.announce(Changes.everything())
    assert recounts[-1] is None and refreshes == ["refresh"]
    # Hidden, a change only marks it stale; it redraws once when shown.
    screen.hide()
    context.events.announce(Changes.everything())
    assert refreshes == ["refresh"] and screen.redraw_rule.stale
    screen.show()
    assert refreshes == ["refresh", "refresh"]


def test_reader_store_refuses_to_open_a_missing_file(tmp_path):
    store = Store.open(tmp_path / "data")
    path = store.path
    store.close()
    for side in [path, *path.parent.glob(path.name + "-*")]:
        side.unlink()
    with pytest.raises(StoreError):
        store.open_reader().learners()


def test_query_op_drops_the_result_of_a_closed_screen(qtbot, context):
    from PySide6.QtWidgets import QLabel

    screen = QLabel("a screen closed while its query runs")
    delivered = []
    gate = threading.Event()

    def slow(store):
        gate.wait(5)
        return 1

    QueryOp(parent=screen, op=slow, success=delivered.append).run_in_background(
        context.operations)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen), timeout=5000)
    with qtbot.waitSignal(context.operations.idle, timeout=10000):
        gate.set()
    assert delivered == []


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))


def test_feedback_shows_only_after_the_answer_is_committed_and_enter_twice_records_once(
        qtbot, tmp_path):
    from pathlib import Path

    from gui_helpers import context_for
    from PySide6.QtCore import Qt

    from quizapp.core.loader import load_bank
    from quizapp.core.session import QuizSession
    from quizapp.gui.quiz_screen import QuizScreen

    tour = Path(__file__).resolve().parents[1] / "question_banks" / "tour.yaml"
    bank = load_bank(tour, use_cache=False).bank
    store = Store.open(tmp_path / "quiz")
    learner = store.create_learner("Ada").id
    question = next(q for q in bank.questions if q.type == "true_false")
    session = QuizSession(store, learner, bank, shuffle=False, question_ids=[question.id])
    context = context_for(store)
    screen = QuizScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    screen.start(session)
    target = screen.focusWidget() or screen
    qtbot.keyClick(target, "1")
    submitted = []
    screen.answer_submitted.connect(submitted.append)
    # The writer cannot commit while the store is held (as by another slow write).
    with store._db.lock:
        qtbot.keyClick(target, Qt.Key.Key_Return)
        qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Return)  # Enter again, quickly
        QApplication.processEvents()  # whatever the keys queued runs; the writer stays held
        assert screen.busy and submitted == []
        assert not screen.feedback.isVisible()  # no feedback before the answer is stored
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    assert len(submitted) == 1 and screen.feedback.isVisible()
    rows = list(store.export_rows(learner))
    assert [r.question_id for r in rows] == [question.id]  # recorded once
    context.operations.shutdown()
    store.close()


def test_a_review_says_loading_until_its_session_is_built_and_keys_wait(qtbot, tmp_path):
    from bank_samples import CAPITALS as BANK
    from PySide6.QtCore import Qt

    from quizapp.core.loader import load_bank
    from quizapp.gui.flashcard_screen import FlashcardScreen

    path = tmp_path / "capitals.yaml"
    path.write_text(BANK, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    store = Store.open(tmp_path / "cards")
    settings = make_settings()
    context = AppContext(store=store, events=StoreEvents(store), settings=settings,
                         library=BankLibrary(settings, include_bundled=False, watch=False))
    context.learner_id = store.create_learner("Ana").id
    screen = FlashcardScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    with store._db.lock:  # the writer is held up (as by a slow disk)
        screen.start(bank)
        QApplication.processEvents()  # whatever starting queued runs; the writer stays held
        assert screen.pages.currentWidget() is screen.loading_label
        assert screen.loading_label.isVisible() and screen.session is None
        qtbot.keyClick(screen, Qt.Key.Key_Space)  # nothing to turn over yet
        qtbot.keyClick(screen, Qt.Key.Key_3)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        pass
    assert screen.pages.currentIndex() == 0 and not screen.session.flipped
    assert "3 new" in screen.counts.text()
    assert list(store.export_rows(context.learner_id)) == []
    screen.abandon_session()
    context.close()


def test_a_pool_thread_holds_nothing_of_an_op_once_its_result_is_on_its_way(
        qtbot, context, monkeypatch):
    """The last reference to an op's callbacks (and what they hold: a screen, a window's
    Operations) goes on the GUI thread, never on the pool thread, where freeing a QObject
    would destroy it on the wrong thread."""
    from quizapp.gui.operations import Operations

    taken = threading.Event()
    original = Operations._deliver

    def deliver_then_linger(relay, handoff):
        original(relay, handoff)
        taken.wait(10)  # the pool thread stays in the job while the GUI thread takes the result

    monkeypatch.setattr(Operations, "_deliver", staticmethod(deliver_then_linger))

    class Screen:
        def show_result(self, result) -> None:
            self.result = result

    screen = Screen()
    gone = weakref.ref(screen)
    try:
        with qtbot.waitSignal(context.operations.idle, timeout=10000):
            context.operations.read(lambda store: len(store.learners()), screen.show_result)
            del screen
        assert gone() is None, "the pool thread still holds the op's callback"
    finally:
        taken.set()


@pytest.mark.parametrize(("error", "traceback_printed"),
                         [(StoreError("The disk is full: free some space."), False),
                          (KeyError("a bug"), True)])
def test_a_readable_store_failure_is_one_log_line_a_bug_a_traceback(
        qtbot, context, capfd, caplog, error, traceback_printed):
    """The learner is told either way (the op's failure); the terminal gets a traceback only
    for a bug, not for a full disk the window already explains."""
    failures = []

    def fails(store):
        raise error

    with qtbot.waitSignal(context.operations.idle, timeout=10000):
        WriteOp(parent=None, op=fails, success=lambda _r: None,
                changes=Changes(learners=True)).failure(failures.append).run_in_background(
            context.operations)
    assert failures == [error]
    assert ("Traceback" in capfd.readouterr().err) is traceback_printed
    assert ("The disk is full" in caplog.text) is not traceback_printed
