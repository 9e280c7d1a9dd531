"""Numbers on local days under the computer's time zone: the same store used in Auckland
and in Los Angeles, a zone half an hour off UTC, and the teacher's "Last studied"."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from gui_helpers import make_context, open_teacher_screen
from PySide6.QtCore import Qt

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import Store
from quizapp.core.store.local_days import zone_key

BANK = Bank(
    id="zones",
    title="Zones",
    content_hash="zones",
    questions=(MultipleChoice(id="q1", prompt="Pick A", choices=(Choice(text="A"), Choice(text="B")),
                              correct=0),),
)


def quiz(store: Store, learner_id: int, *times: datetime, finish: datetime | None = None):
    session = store.start_session(learner_id, BANK, "quiz", now=times[0])
    for when in times:
        store.record_answer(session, BANK.questions[0], response=0, correct=True, credit=1,
                            seconds=2, now=when)
    if finish is not None:
        store.finish_session(session, 1.0, now=finish)


def test_days_follow_the_time_zone_the_store_is_opened_in(tmp_path, zone):
    # 10:30 and 12:30 UTC: 23:30 on the 29th and 01:30 on the 30th in Auckland (UTC+13),
    # 02:30 and 04:30 on the 29th in Los Angeles (UTC-8): one day of study there.
    first = datetime(2026, 11, 29, 10, 30, tzinfo=UTC)
    second = datetime(2026, 11, 29, 12, 30, tzinfo=UTC)
    zone("Pacific/Auckland")
    store = Store.open(tmp_path)
    learner = store.create_learner("Tess").id
    quiz(store, learner, first, finish=first)
    quiz(store, learner, second, finish=second)
    assert [(d.day, d.answers) for d in store.answers_per_day(learner)] == [
        (date(2026, 11, 29), 1), (date(2026, 11, 30), 1)]
    store.close()

    zone("America/Los_Angeles")
    store = Store.open(tmp_path)
    try:
        days = store.answers_per_day(learner, BANK)
        assert [(d.day, d.answers, d.seconds) for d in days] == [(date(2026, 11, 29), 2, 4.0)]
        assert store.time_spent(learner, BANK).days == 1  # "4 s a day", not "2 s a day"
        assert store.time_spent(learner).days == 1
        # Finished sessions per local day (the whole-history score chart's points).
        assert store._db.read("SELECT day, sessions FROM score_days") == [("2026-11-29", 2)]
        # A new answer there is counted on the same days as the old ones.
        quiz(store, learner, datetime(2026, 11, 29, 20, 0, tzinfo=UTC))  # 12:00 in LA
        assert [(d.day, d.answers) for d in store.answers_per_day(learner)] == [
            (date(2026, 11, 29), 3)]
    finally:
        store.close()

    zone("Pacific/Auckland")  # and back: the days move back
    store = Store.open(tmp_path)
    try:
        assert [(d.day, d.answers) for d in store.answers_per_day(learner)] == [
            (date(2026, 11, 29), 1), (date(2026, 11, 30), 2)]
    finally:
        store.close()


def test_a_zone_half_an_hour_off_utc_splits_its_days_at_its_own_midnight(tmp_path, zone):
    # Kolkata is UTC+5:30: its midnight is 18:30 UTC, inside an hour of UTC time.
    zone("Asia/Kolkata")
    store = Store.open(tmp_path)
    try:
        learner = store.create_learner("Asha").id
        quiz(store, learner,
             datetime(2026, 11, 29, 18, 10, tzinfo=UTC),  # 23:40 on the 29th
             datetime(2026, 11, 29, 18, 40, tzinfo=UTC))  # 00:10 on the 30th
        assert [(d.day, d.answers) for d in store.answers_per_day(learner)] == [
            (date(2026, 11, 29), 1), (date(2026, 11, 30), 1)]
        store.rebuild_derived(cards=False)  # a full recount gives the same days
        assert [(d.day, d.answers) for d in store.answers_per_day(learner)] == [
            (date(2026, 11, 29), 1), (date(2026, 11, 30), 1)]
    finally:
        store.close()


def test_teacher_overview_shows_last_studied_on_the_local_clock(qtbot, tmp_path, zone):
    zone("America/Los_Angeles")
    store = Store.open(tmp_path)
    try:
        learner = store.create_learner("Tess").id
        quiz(store, learner, datetime(2026, 11, 29, 16, 14, tzinfo=UTC))
        screen = open_teacher_screen(qtbot, make_context(store, {BANK.id: BANK}))
        model = screen.overview_model
        assert model.headerData(6, Qt.Orientation.Horizontal) == "Last studied"
        assert model.index(0, 6).data() == "2026-11-29 08:14"  # 16:14 UTC
    finally:
        store.close()


def test_a_recount_in_another_zone_gives_the_days_a_full_rebuild_gives(tmp_path, zone):
    # follow_zone's recount sums SQLite's hours; it must hold the same day totals as the
    # full rebuild's answer by answer: a zone whose midnight is inside a UTC hour, wrong
    # and retracted answers, times in milliseconds that round either way.
    zone("Pacific/Auckland")
    store = Store.open(tmp_path)
    learner = store.create_learner("Asha").id
    session = store.start_session(learner, BANK, "quiz", now=datetime(2026, 11, 1, tzinfo=UTC))
    taken_back = []
    for n in range(240):
        when = datetime(2026, 11, 1 + n // 12, (n * 7) % 24, (n * 13) % 60, tzinfo=UTC)
        record = store.record_answer(session, BANK.questions[0], response=0, correct=n % 3 > 0,
                                     credit=1, seconds=1.0005 + n / 7, now=when)
        if n % 50 == 7:
            taken_back.append(record.uuid)
    for uuid in taken_back:
        store.retract_answer(uuid, now=datetime(2026, 11, 25, tzinfo=UTC))
    store.close()

    zone("Asia/Kolkata")  # UTC+5:30: its midnight is 18:30 UTC
    store = Store.open(tmp_path)  # counted again in Kolkata, at open
    try:
        recounted = store._db.read("SELECT * FROM day_stats ORDER BY 1, 2, 3")
        assert sum(row[3] for row in recounted) == 240 - len(taken_back)
        store.rebuild_derived(cards=False)  # the full rebuild, answer by answer
        assert recounted == store._db.read("SELECT * FROM day_stats ORDER BY 1, 2, 3")
    finally:
        store.close()


@pytest.mark.parametrize("name", ["Pacific/Auckland", "Australia/Sydney", "America/New_York",
                                  "Europe/London", "Asia/Kolkata", "America/Santiago"])
def test_a_zone_keeps_its_key_from_year_to_year(zone, name):
    # A new key counts every store's days again at its next open: it must change with the
    # zone, not with the calendar (Auckland's and Sydney's first Sundays of April and
    # October fall on the 1st in some years).
    zone(name)
    keys = {zone_key(date(year, 6, 1)) for year in range(2026, 2037)}
    assert len(keys) == 1
    zone("America/Los_Angeles")
    assert zone_key(date(2026, 6, 1)) not in keys  # and another zone's key differs
