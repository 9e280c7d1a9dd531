"""A start under another time zone: the local days counted again after the window shows,
in the background (core/store/local_days.recount_days, gui/days_recount.py), all or
nothing: another write meanwhile, two windows at once, a process killed while it counts,
`quizapp results` meanwhile, and the progress screen, which says it is counting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gui_helpers import make_context

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import Store
from quizapp.core.store import derived as derived_module
from quizapp.core.store.local_days import SNAPSHOT_ATTEMPTS

BANK = Bank(
    id="zones",
    title="Zones",
    content_hash="zones",
    questions=(MultipleChoice(id="q1", prompt="Pick A", choices=(Choice(text="A"), Choice(text="B")),
                              correct=0),),
)
ROOT = Path(__file__).resolve().parents[1]


def answer(store: Store, learner: int, when: datetime, finish: bool = True) -> None:
    session = store.start_session(learner, BANK, "quiz", now=when)
    store.record_answer(session, BANK.questions[0], response=0, correct=True, credit=1,
                        seconds=2, now=when)
    if finish:
        store.finish_session(session, 1.0, now=when)


# The first answer's time: 10:30 UTC three days ago, i.e. Auckland's 23:30 (or 22:30),
# within the progress screen's last 30 days.
START = (datetime.now(UTC) - timedelta(days=3)).replace(hour=10, minute=30, second=0,
                                                         microsecond=0)


def history_in_auckland(folder: Path, zone, answers: int = 48) -> int:
    """A store whose days were counted in Auckland: `answers` answers, one an hour from
    START, each its own finished quiz; the learner's id."""
    zone("Pacific/Auckland")
    store = Store.open(folder)
    learner = store.create_learner("Tess").id
    for n in range(answers):
        answer(store, learner, START + timedelta(hours=n))
    store.close()
    return learner


def day_rows(store: Store) -> tuple[list[tuple], list[tuple]]:
    """day_stats and score_days as a reader sees them (the statistics caught up first)."""
    store.answers_per_day(learner_id=-1)
    return (store._db.read("SELECT * FROM day_stats ORDER BY 1, 2, 3"),
            store._db.read("SELECT * FROM score_days ORDER BY 1, 2, 3"))


def rebuilt(store: Store) -> tuple[list[tuple], list[tuple]]:
    """What a full rebuild, answer by answer, gives (the reference)."""
    store.rebuild_derived(cards=False)
    return day_rows(store)


def test_the_app_opens_without_counting_and_the_recount_gives_what_a_rebuild_gives(
        tmp_path, zone):
    learner = history_in_auckland(tmp_path, zone)
    with Store.open(tmp_path) as store:
        auckland = day_rows(store)
    zone("America/Los_Angeles")
    store = Store.open(tmp_path, defer_days=True)
    try:
        assert not store.local_days_current()
        assert day_rows(store) == auckland  # nothing counted at open
        assert store.recount_days() is True
        assert store.local_days_current()
        counted = day_rows(store)
        assert counted != auckland
        assert sum(row[3] for row in counted[0]) == 48
        assert store.recount_days() is False  # once
        assert counted == rebuilt(store)
        assert sum(d.answers for d in store.answers_per_day(learner)) == 48
    finally:
        store.close()


@contextmanager
def two_windows(folder: Path):
    """(the window that counts, another one), both opened without counting, closed after."""
    store = Store.open(folder, defer_days=True)
    other = Store.open(folder, defer_days=True)
    try:
        yield store, other
    finally:
        other.close()
        store.close()


def other_windows_writes_during_each_count(monkeypatch, write) -> list[int]:
    """Call write(n) from inside each full count of the answers (n: 1, 2, ...), as another
    window's work meanwhile; the list of the counts made."""
    counts: list[int] = []
    count_score_days = derived_module._count_score_days

    def counting(conn, learner_id=None):
        counts.append(len(counts) + 1)
        write(len(counts))
        return count_score_days(conn, learner_id)

    monkeypatch.setattr(derived_module, "_count_score_days", counting)
    return counts


def test_answers_given_during_the_count_neither_wait_for_it_nor_make_it_count_again(
        tmp_path, zone, monkeypatch):
    import quizapp.core.store as store_module

    learner = history_in_auckland(tmp_path, zone)
    zone("America/Los_Angeles")
    # An answer that waits longer than this for the file fails: the count must not hold it.
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    with two_windows(tmp_path) as (store, other):  # another window, answering meanwhile
        # A quiz the other window began before the count and finishes during it.
        begun = other.start_session(learner, BANK, "quiz", now=START + timedelta(days=2))
        other.record_answer(begun, BANK.questions[0], response=0, correct=False, credit=0,
                            seconds=4, now=START + timedelta(days=2))

        def meanwhile(n: int) -> None:
            for minute in range(SNAPSHOT_ATTEMPTS + 1):  # more than the old count's tries
                answer(other, learner, START + timedelta(days=2, hours=n, minutes=minute))
            other.finish_session(begun, 0.5, now=START + timedelta(days=2, hours=1))

        counts = other_windows_writes_during_each_count(monkeypatch, meanwhile)
        assert store.recount_days() is True
        assert counts == [1]  # the answers read once: those given meanwhile added after
        monkeypatch.undo()
        total = 48 + 1 + SNAPSHOT_ATTEMPTS + 1
        assert sum(d.answers for d in store.answers_per_day(learner)) == total
        assert store.time_spent(learner).answers == total
        days, scores = day_rows(store)
        assert sum(row[3] for row in days) == total
        assert sum(row[3] for row in scores) == total  # one finished quiz per answer
        assert (days, scores) == rebuilt(store)


def test_answers_taken_back_during_the_count_leave_its_days(tmp_path, zone, monkeypatch):
    learner = history_in_auckland(tmp_path, zone)
    zone("Asia/Kolkata")
    with two_windows(tmp_path) as (store, other):
        counted_before = [r[0] for r in other._db.read("SELECT uuid FROM answers LIMIT 2")]

        def meanwhile(n: int) -> None:
            for uuid in counted_before:  # answers the count read
                other.retract_answer(uuid)
            # and one given and taken back while it counted
            session = other.start_session(learner, BANK, "quiz", now=START + timedelta(days=2))
            given = other.record_answer(session, BANK.questions[0], response=0, correct=True,
                                        credit=1, seconds=2, now=START + timedelta(days=2))
            other.retract_answer(given.uuid)

        counts = other_windows_writes_during_each_count(monkeypatch, meanwhile)
        assert store.recount_days() is True
        assert counts == [1]
        monkeypatch.undo()
        assert sum(d.answers for d in store.answers_per_day(learner)) == 48 - 2
        assert day_rows(store) == rebuilt(store)


def test_a_learner_deleted_during_the_count_makes_it_count_again(tmp_path, zone, monkeypatch):
    learner = history_in_auckland(tmp_path, zone)
    zone("America/Los_Angeles")
    with two_windows(tmp_path) as (store, other):
        gone = other.create_learner("Gone")
        answer(other, gone.id, START)

        def meanwhile(n: int) -> None:
            if n == 1:
                other.delete_learner(gone.id)

        counts = other_windows_writes_during_each_count(monkeypatch, meanwhile)
        assert store.recount_days() is True
        assert counts == [1, 2]  # the answers it had read were not all there any more
        monkeypatch.undo()
        days, scores = day_rows(store)
        assert {row[0] for row in days} == {row[0] for row in scores} == {learner}
        assert (days, scores) == rebuilt(store)


def test_a_command_opened_in_another_zone_lets_a_window_answer_while_it_counts(
        tmp_path, zone, monkeypatch):
    """`quizapp import` (and `server`) count the days at open: another window's answer
    meanwhile is saved at once, not refused after waiting for the whole count."""
    import quizapp.core.store as store_module

    learner = history_in_auckland(tmp_path, zone)
    zone("America/Los_Angeles")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    window = Store.open(tmp_path, defer_days=True)

    def meanwhile(n: int) -> None:
        answer(window, learner, START + timedelta(days=2, minutes=n))

    counts = other_windows_writes_during_each_count(monkeypatch, meanwhile)
    try:
        with Store.open(tmp_path) as command:
            assert command.local_days_current()
        assert counts == [1]
        monkeypatch.undo()
        assert sum(d.answers for d in window.answers_per_day(learner)) == 48 + 1
        assert day_rows(window) == rebuilt(window)
    finally:
        window.close()


def test_two_windows_counting_at_once_count_once(tmp_path, zone):
    learner = history_in_auckland(tmp_path, zone, answers=200)
    zone("Asia/Kolkata")
    stores = [Store.open(tmp_path, defer_days=True) for _ in range(2)]
    results: list[bool] = []
    go = threading.Barrier(2)

    def count(store: Store) -> None:
        go.wait()
        results.append(store.recount_days())

    threads = [threading.Thread(target=count, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert sorted(results) == [False, True]  # the second found it counted
        assert all(s.local_days_current() for s in stores)
        assert sum(d.answers for d in stores[0].answers_per_day(learner)) == 200
        assert day_rows(stores[1]) == rebuilt(stores[0])
    finally:
        for s in stores:
            s.close()


# A process that counts the days again in Los Angeles and stops inside its transaction,
# after day_stats was rewritten and before score_days and the zone's note: it says so, then
# waits to be killed.
KILLED_COUNT = textwrap.dedent("""
    import os, sys, time
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    from quizapp.core.store import Store
    from quizapp.core.store import derived

    def write_then_hang(conn, days, learner_id=None):
        print("counted", flush=True)
        time.sleep(600)

    derived._write_score_days = write_then_hang
    store = Store.open(sys.argv[1], defer_days=True)
    store.recount_days()
""")


def test_a_count_killed_midway_changes_nothing_and_the_next_start_counts(tmp_path, zone):
    learner = history_in_auckland(tmp_path, zone)
    with Store.open(tmp_path) as store:
        auckland = day_rows(store)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    counting = subprocess.Popen([sys.executable, "-c", KILLED_COUNT, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert counting.stdout is not None
        assert counting.stdout.readline().strip() == "counted"
        # `quizapp results` meanwhile: every answer, once.
        results = subprocess.run(
            [sys.executable, "-m", "quizapp", "--data-dir", str(tmp_path), "results",
             "--learner", "Tess", "--format", "csv"],
            capture_output=True, text=True, env=env, timeout=60)
        assert results.returncode == 0, results.stderr
        assert len(results.stdout.strip().splitlines()) == 1 + 48
    finally:
        counting.send_signal(signal.SIGKILL)
        counting.wait(30)

    zone("America/Los_Angeles")
    store = Store.open(tmp_path, defer_days=True)
    try:
        assert not store.local_days_current()
        assert day_rows(store) == auckland  # the half-written count is gone, whole
        assert store.recount_days() is True  # the next start counts
        assert sum(d.answers for d in store.answers_per_day(learner)) == 48
        assert day_rows(store) == rebuilt(store)
    finally:
        store.close()


def test_the_progress_screen_says_it_is_counting_then_shows_this_zones_days(
        qtbot, tmp_path, zone):
    from quizapp.gui.days_recount import COUNTING_MESSAGE, start_days_recount
    from quizapp.gui.progress_screen import ProgressScreen

    learner = history_in_auckland(tmp_path, zone)
    zone("America/Los_Angeles")
    store = Store.open(tmp_path, defer_days=True)
    try:
        context = make_context(store, {BANK.id: BANK})
        context.learner_id = learner
        screen = ProgressScreen(context)
        qtbot.addWidget(screen)
        with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
            screen.show()
            screen.refresh()
        assert screen.pages.currentIndex() == 0
        assert screen.empty_label.text() == COUNTING_MESSAGE
        assert not screen.data.activity and screen.data.study_days == 0

        with qtbot.waitSignal(screen.progress_loaded, timeout=30000):
            recount = context.days_recount = start_days_recount(
                store, context.events.announce, screen)
        assert recount is not None and not recount.counting and recount.failure is None
        assert screen.pages.currentIndex() == 1
        # The local days of Los Angeles (10:30 UTC is 02:30 or 03:30 there), not Auckland's.
        here = Counter((START + timedelta(hours=n)).astimezone().date() for n in range(48))
        assert [(d, n) for d, n, _, _ in screen.data.activity] == sorted(here.items())
        assert screen.data.study_days == len(here) == 3
        assert start_days_recount(store, context.events.announce, screen) is None  # counted
    finally:
        store.close()


def test_days_written_under_another_zone_before_its_count_are_counted_again_back_home(
        tmp_path, zone):
    """A start abroad whose count never ended (the app closed first): what it wrote
    meanwhile (an answer caught up, a quiz finished, an answer taken back) went on that
    zone's days; back in the zone the store notes, its days are counted again."""
    learner = history_in_auckland(tmp_path, zone)
    zone("America/Los_Angeles")
    abroad = Store.open(tmp_path, defer_days=True)
    try:
        # 12:30 UTC: 04:30 or 05:30 in Los Angeles, the next day's 01:30 in Auckland.
        answer(abroad, learner, START + timedelta(days=2, hours=2))
        first = abroad._db.read("SELECT uuid FROM answers ORDER BY id LIMIT 1")[0][0]
        abroad.retract_answer(first)
        abroad.answers_per_day(learner)  # the statistics catch up, on Los Angeles' days
    finally:
        abroad.close()  # before any count
    zone("Pacific/Auckland")
    home = Store.open(tmp_path, defer_days=True)
    try:
        if not home.local_days_current():
            assert home.recount_days() is True
        assert home.local_days_current()
        assert sum(d.answers for d in home.answers_per_day(learner)) == 48
        assert day_rows(home) == rebuilt(home)
    finally:
        home.close()
