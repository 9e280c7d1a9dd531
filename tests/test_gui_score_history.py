""""Score over time" covers the learner's whole history: a tester with 2,000 attempts over
two years saw only the last year (the store's latest SCORE_POINTS sessions), with no word
of the year left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui_helpers import make_context

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import Store
from quizapp.gui.progress_screen import ProgressScreen

BANK = Bank(
    id="long",
    title="Long",
    questions=(MultipleChoice(id="q1", prompt="?", choices=(Choice(text="a"), Choice(text="b")),
                              correct=0),),
)


def test_the_score_chart_starts_at_the_first_attempt(qtbot, tmp_path):
    # 1,010 attempts, two a day: beyond the 1,000 latest the store gives by default.
    attempts = 1010
    store = Store.open(tmp_path / "data")
    context = make_context(store, {BANK.id: BANK})
    context.learner_id = store.create_learner("Ann").id
    first = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
    with store.batch():
        for n in range(attempts):
            when = first + timedelta(hours=12 * n)
            session = store.start_session(context.learner_id, BANK, "quiz", now=when)
            store.record_answer(session, BANK.questions[0], response=0, correct=n % 2 == 0,
                                credit=1, seconds=1, now=when)
            store.finish_session(session, 1.0 if n % 2 == 0 else 0.0, now=when)
    context.bank_id = BANK.id
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    screen.destroyed.connect(store.close)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    points = screen.data.scores[BANK.id]
    assert sum(n for _, _, n in points) == attempts == screen.data.sessions
    # (weekly averages, each dated on its Monday: the first week holds the first attempt)
    assert 0 <= (first.date() - min(when for when, _, _ in points).date()).days < 7
    # The average over the points, weighted by the attempts each holds, is the learner's.
    assert sum(score * n for _, score, n in points) / attempts == 50.0
