"""The score store: learners, sessions, answers, FSRS cards, statistics, faults."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from unittest.mock import patch

import pytest
from bank_samples import make_bank
from helpers import log_override

from quizapp.core import scheduler
from quizapp.core import store as store_module
from quizapp.core.model import Bank, ShortAnswer, TrueFalse
from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    s.close()


T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def answer(store, sid, q, ok, when=None, seconds=5.0, **kw):
    return store.record_answer(
        sid,
        q,
        response="yes" if ok else "no",
        correct=ok,
        credit=1.0 if ok else 0.0,
        seconds=seconds,
        now=when,
        **kw,
    )


# ---------------------------------------------------------------- opening


def test_open_creates_wal_database_in_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "env"))
    s = Store.open()
    try:
        assert s.path == tmp_path / "env" / DB_NAME
        assert s.recovery_message is None
        assert s.schema_version == SCHEMA_VERSION
        conn = s._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        s.close()
    explicit = Store.open(tmp_path / "explicit")
    assert explicit.path == tmp_path / "explicit" / DB_NAME
    explicit.close()


def test_reopen_keeps_everything(tmp_path):
    s = Store.open(tmp_path)
    ann = s.create_learner("Ann")
    sid = s.start_session(ann.id, make_bank(), "quiz")
    rec = answer(s, sid, make_bank().questions[0], True)
    s.close()
    s = Store.open(tmp_path)
    assert s.recovery_message is None
    assert [x.name for x in s.learners()] == ["Ann"]
    assert [r.uuid for r in s.export_rows()] == [rec.uuid]
    s.close()


# ---------------------------------------------------------------- learners


def test_learners_create_rename_delete_and_last(store):
    ann = store.create_learner("  Ann   Lee ")
    assert ann.name == "Ann Lee"
    bob = store.create_learner("Bob")
    assert [x.name for x in store.learners()] == ["Ann Lee", "Bob"]
    with pytest.raises(ValueError, match="already a learner"):
        store.create_learner("ann lee")
    with pytest.raises(ValueError, match="type a name"):
        store.create_learner("   ")
    with pytest.raises(ValueError, match="at most"):
        store.create_learner("x" * 200)
    store.rename_learner(bob.id, "Robert")
    assert store.learner(bob.id).name == "Robert"
    with pytest.raises(ValueError, match="already a learner"):
        store.rename_learner(bob.id, "ANN LEE")
    with pytest.raises(ValueError, match="no longer exists"):
        store.rename_learner(999, "Zed")
    assert store.last_learner() is None
    store.set_last_learner(bob.id)
    assert store.last_learner().name == "Robert"
    store.delete_learner(bob.id)
    assert store.last_learner() is None
    assert [x.name for x in store.learners()] == ["Ann Lee"]


def test_deleting_a_learner_deletes_their_answers_only(store):
    bank = make_bank()
    ann, bob = store.create_learner("Ann"), store.create_learner("Bob")
    for learner in (ann, bob):
        sid = store.start_session(learner.id, bank, "quiz")
        for q in bank.questions:
            answer(store, sid, q, True)
        store.finish_session(sid, 1.0)
    store.delete_learner(ann.id)
    rows = list(store.export_rows())
    assert {r.learner for r in rows} == {"Bob"} and len(rows) == len(bank.questions)
    assert store.bank_summary(ann.id, bank).answers == 0
    assert store.card_state(ann.id, bank.id, "q0") is None
    assert [r.learner for r in store.learner_bank_table()] == ["Bob"]
    counts = {
        t: store._conn.execute(
            f"SELECT count(*) FROM {t} WHERE learner_id = ?", (ann.id,)
        ).fetchone()[0]
        for t in (
            "sessions",
            "cards",
            "reviews",
            "question_stats",
            "bank_stats",
            "day_stats",
            "score_days",
        )
    }
    assert set(counts.values()) == {0}


# ---------------------------------------------------------------- answers


def test_record_answer_is_committed_and_visible_to_another_connection(store, tmp_path):
    bank = make_bank()
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "quiz")
    rec = store.record_answer(
        sid, bank.questions[0], response=["Détroit", 3], correct=True, credit=0.5, seconds=2.5
    )
    other = sqlite3.connect(tmp_path / DB_NAME)
    row = other.execute(
        "SELECT question_id, response, correct, credit, seconds FROM answers WHERE uuid = ?",
        (rec.uuid,),
    ).fetchone()
    other.close()
    assert row == ("q0", '["Détroit", 3]', 1, 0.5, 2.5)
    assert len(rec.uuid) == 36 and rec.uuid.count("-") == 4
    assert rec.answered.tzinfo is not None


def test_record_answer_clamps_bad_numbers_and_rejects_bad_rating(store):
    bank = make_bank()
    sid = store.start_session(store.create_learner("Ann").id, bank, "practice")
    rec = store.record_answer(
        sid, bank.questions[0], response=None, correct=False, credit=7, seconds=float("nan")
    )
    assert rec.credit == 1.0 and rec.seconds == 0.0
    rec = store.record_answer(
        sid, bank.questions[0], response=None, correct=True, credit=-0.0, seconds=-0.0
    )
    # A negative zero is stored as 0.0, not -0.0 (which an export would write as "-0.0").
    assert str(rec.credit) == "0.0" and str(rec.seconds) == "0.0"
    stored = store._db.read1("SELECT credit, seconds FROM answers WHERE uuid = ?", (rec.uuid,))
    assert stored is not None and [str(x) for x in stored] == ["0.0", "0.0"]
    with pytest.raises(ValueError, match="rating"):
        answer(store, sid, bank.questions[0], True, rating=9)
    with pytest.raises(ValueError, match="no study session"):
        answer(store, 12345, bank.questions[0], True)
    with pytest.raises(ValueError, match="mode"):
        store.start_session(1, bank, "nap")


def test_unserialisable_response_is_stored_as_text(store):
    bank = make_bank()
    sid = store.start_session(store.create_learner("Ann").id, bank, "quiz")
    store.record_answer(
        sid, bank.questions[0], response={1, 2} and object(), correct=False, credit=0, seconds=1
    )
    (row,) = store.export_rows()
    assert isinstance(row.response, str) and "object" in row.response


def test_listeners_called_after_each_write(store):
    calls = []
    store.add_listener(lambda: calls.append(store.bank_summary(1, "trade").answers))

    def broken():
        raise RuntimeError("a listener's bug must not lose the answer")

    store.add_listener(broken)
    bank = make_bank()
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "quiz")
    answer(store, sid, bank.questions[0], True)
    assert calls == [0, 0, 1]
    store.remove_listener(broken)


def test_finish_session_scores_and_second_finish_changes_nothing(store):
    bank = make_bank()
    ann = store.create_learner("Ann")
    scores = [0.5, 0.9, 0.7]
    for score in scores:
        sid = store.start_session(ann.id, bank, "quiz")
        answer(store, sid, bank.questions[0], True)
        store.finish_session(sid, score)
    store.finish_session(sid, 0.0)
    abandoned = store.start_session(ann.id, bank, "exam")
    answer(store, abandoned, bank.questions[1], False)
    s = store.bank_summary(ann.id, bank)
    assert (s.attempts, s.last_score, s.best_score) == (3, 0.7, 0.9)
    assert s.average_score == pytest.approx(sum(scores) / 3)
    assert s.answers == 4 and s.correct == 3
    assert [p.score for p in store.score_over_time(ann.id, bank)] == scores
    assert [p.score for p in store.score_over_time(ann.id, bank, limit=2)] == scores[1:]
    info = store.session(abandoned)
    assert info.finished is None and info.mode == "exam" and info.content_hash == "h1"


# ---------------------------------------------------------------- FSRS


def test_cards_follow_ratings_and_due_list(store):
    bank = make_bank()
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "flashcards")
    q0, q1, q2 = bank.questions[:3]
    answer(store, sid, q0, False, when=T0)  # Again: due within minutes
    answer(store, sid, q1, True, when=T0, rating=scheduler.EASY)  # Easy: due in days
    answer(store, sid, q2, True, when=T0 + timedelta(seconds=1))
    c0 = store.card_state(ann.id, bank.id, "q0")
    c1 = store.card_state(ann.id, bank.id, "q1")
    assert c0.due < T0 + timedelta(hours=1) < T0 + timedelta(days=1) < c1.due
    assert c0.reviews == 1 and c0.card_id == scheduler.card_id_for(ann.id, bank.id, "q0")
    later = T0 + timedelta(hours=2)
    assert store.due_question_ids(ann.id, bank.id, later)[0] == "q0"
    assert "q1" not in store.due_question_ids(ann.id, bank.id, later)
    assert store.next_due(ann.id, bank, ["q1"]) == c1.due
    assert store.next_due(ann.id, bank, ["q5"]) is None
    assert store.seen_question_ids(ann.id, bank) == {"q0", "q1", "q2"}
    answer(store, sid, q0, False, when=later)
    assert store.card_state(ann.id, bank.id, "q0").lapses == 1


def test_an_override_in_the_review_log_replays_the_card_and_keeps_the_log(store):
    # Earlier versions (and other computers through the class server) logged overrides.
    bank = make_bank()
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "review")
    q = bank.questions[0]
    answer(store, sid, q, True, when=T0, rating=scheduler.GOOD)
    rec = answer(store, sid, q, True, when=T0 + timedelta(days=3), rating=scheduler.GOOD)
    before = store.card_state(ann.id, bank.id, q.id)
    log_override(store, rec.uuid, scheduler.AGAIN)
    after = store.card_state(ann.id, bank.id, q.id)
    assert after.due < before.due and after.state in ("learning", "relearning")
    assert after.lapses == 1
    assert after.reviews == 2
    ratings = store._conn.execute(
        "SELECT rating, overrides IS NOT NULL FROM reviews WHERE answer_uuid = ? ORDER BY id",
        (rec.uuid,),
    ).fetchall()
    assert ratings == [(scheduler.GOOD, 0), (scheduler.AGAIN, 1)]
    # the answer itself is untouched: still right
    assert store.bank_summary(ann.id, bank).correct == 2
    with pytest.raises(ValueError, match="no such answer"):
        log_override(store, "nope", 3)
    # a rebuild of cards from the review log gives the same card
    store.rebuild_derived()
    assert store.card_state(ann.id, bank.id, q.id) == after


# ---------------------------------------------------------------- statistics


def populate(store, bank, learners=("Ann", "Bob", "Cy", "Di")):
    """Learners of different strength answer the bank over several days."""
    ids = []
    for strength, name in enumerate(learners):
        learner = store.create_learner(name)
        ids.append(learner.id)
        for day in range(3):
            sid = store.start_session(learner.id, bank, "quiz")
            right = 0
            for i, q in enumerate(bank.questions):
                ok = (i + day) % (len(learners) + 1) < strength + 1
                right += ok
                answer(store, sid, q, ok, when=T0 + timedelta(days=day, minutes=i), seconds=1.5 + i)
            store.finish_session(sid, right / len(bank.questions))
    return ids


def snapshot(store, bank, learner_ids, now):
    out = {}
    for lid in learner_ids:
        out[lid] = (
            store.bank_summary(lid, bank, now),
            store.tag_accuracy(lid, bank),
            store.weakest_questions(lid, bank, 5),
            store.question_stats(lid, bank),
            store.score_over_time(lid, bank),
            store.due_per_day(lid, bank, 30, now),
            store.answers_per_day(lid, bank),
            store.answers_per_day(lid),
            store.time_spent(lid, bank),
            store.time_spent(lid),
            [store.card_state(lid, bank.id, q.id) for q in bank.questions],
        )
    out["teacher"] = (store.learner_bank_table(), store.item_analysis(bank))
    # score_days, raw and as week averages (a cap of 0 points always averages).
    out["score_days"] = store._read("SELECT * FROM score_days ORDER BY 1, 2, 3")
    with patch.object(store_module, "SCORE_POINTS", 0):
        out["score_weeks"] = [store.score_over_time(lid, bank, None) for lid in learner_ids]
    return out


def test_statistics_match_the_exported_answers(store):
    bank = make_bank(8)
    ids = populate(store, bank)
    rows = list(store.export_rows())
    for lid in ids:
        name = store.learner(lid).name
        mine = [r for r in rows if r.learner == name]
        s = store.bank_summary(lid, bank, T0 + timedelta(days=3))
        assert s.answers == len(mine) == 24
        assert s.correct == sum(r.correct for r in mine)
        assert s.seconds == pytest.approx(sum(r.seconds for r in mine))
        assert s.questions_seen == s.questions_total == 8
        per_day = store.answers_per_day(lid, bank)
        assert [d.day for d in per_day] == sorted({r.answered.astimezone().date() for r in mine})
        assert sum(d.answers for d in per_day) == len(mine)
        for tag in store.tag_accuracy(lid, bank):
            qids = {q.id for q in bank.questions if tag.tag in q.tags}
            tagged = [r for r in mine if r.question_id in qids]
            assert (tag.answers, tag.correct) == (len(tagged), sum(r.correct for r in tagged))
        weak = store.weakest_questions(lid, bank, 3)
        smoothed = [(w.correct + 1) / (w.answers + 2) for w in weak]
        assert smoothed == sorted(smoothed)
        for w in weak:
            theirs = [r for r in mine if r.question_id == w.question_id]
            assert w.correct == sum(r.correct for r in theirs) < w.answers == len(theirs)
    # The strongest learner scores best.
    best = [store.bank_summary(lid, bank).best_score for lid in ids]
    assert best == sorted(best)
    table = store.learner_bank_table()
    assert [(r.learner, r.attempts) for r in table] == [(n, 3) for n in ("Ann", "Bob", "Cy", "Di")]


def test_item_analysis_facility_and_discrimination(store):
    bank = make_bank(8)
    populate(store, bank)
    items = {i.question_id: i for i in store.item_analysis(bank)}
    rows = list(store.export_rows())
    for qid, item in items.items():
        firsts = {}
        for r in rows:
            if r.question_id == qid:
                firsts.setdefault(r.learner, r.correct)
        assert item.learners == 4
        assert item.facility == pytest.approx(sum(firsts.values()) / 4)
        mine = [r for r in rows if r.question_id == qid]
        assert item.facility_overall == pytest.approx(sum(r.correct for r in mine) / len(mine))
    # Strong learners (later in the list) get more right, so most items discriminate positively.
    positive = [i for i in items.values() if i.discrimination is not None and i.discrimination > 0]
    assert len(positive) >= len(items) // 2


def test_rebuild_gives_identical_numbers(store):
    bank = make_bank(8)
    ids = populate(store, bank)
    bob = ids[1]
    sid = store.start_session(bob, bank, "review")
    rec = answer(store, sid, bank.questions[3], True, when=T0 + timedelta(days=5))
    log_override(store, rec.uuid, scheduler.HARD)
    now = T0 + timedelta(days=4)
    before = snapshot(store, bank, ids, now)
    tables = ("question_stats", "bank_stats", "day_stats", "score_days", "cards")
    raw_before = {t: sorted(store._conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    for t in tables:
        store._conn.execute(f"DELETE FROM {t}")
    assert store.bank_summary(bob, bank).answers == 0
    store.rebuild_derived()
    assert snapshot(store, bank, ids, now) == before
    raw_after = {t: sorted(store._conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    assert raw_after == raw_before


def test_removed_questions_keep_history_but_leave_bank_statistics(store):
    bank = make_bank(6)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "quiz")
    for q in bank.questions:
        answer(store, sid, q, q.id != "q5", when=T0)
    revised = make_bank(6, drop=(5,))
    later = T0 + timedelta(days=400)
    assert "q5" in store.due_question_ids(ann.id, bank.id, later)
    assert "q5" not in store.due_question_ids(ann.id, revised, later)
    assert store.bank_summary(ann.id, revised, later).due_count == 5
    assert all(w.question_id != "q5" for w in store.weakest_questions(ann.id, revised))
    assert store.weakest_questions(ann.id, bank)[0].question_id == "q5"
    assert sum(d.count for d in store.due_per_day(ann.id, revised, 30, later)) == 5
    assert {i.question_id for i in store.item_analysis(revised)} == {f"q{i}" for i in range(5)}
    assert sum(t.answers for t in store.tag_accuracy(ann.id, revised) if t.tag == "tariffs") == 2
    # The answer log keeps the removed question, and the bank's answer count includes it.
    assert len(list(store.export_rows(bank_id=bank.id))) == 6
    assert store.bank_summary(ann.id, revised).answers == 6
    # An edited bank (same question ids) keeps the progress.
    edited = Bank(id=bank.id, title="New title", questions=revised.questions, content_hash="h2")
    assert store.card_state(ann.id, edited.id, "q0") is not None


def test_due_per_day_buckets_the_next_days(store):
    bank = make_bank(4)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "flashcards")
    for q in bank.questions:
        answer(store, sid, q, True, when=T0, rating=scheduler.EASY)
    now = T0 + timedelta(hours=1)
    days = store.due_per_day(ann.id, bank, 30, now)
    assert len(days) == 30 and days[0].day == now.astimezone().date()
    assert [d.day for d in days] == [days[0].day + timedelta(days=n) for n in range(30)]
    for d in days:
        expected = sum(
            1
            for q in bank.questions
            if d.day
            == max(days[0].day, store.card_state(ann.id, bank.id, q.id).due.astimezone().date())
        )
        assert d.count == expected
    assert sum(d.count for d in days) == 4
    assert store.due_per_day(ann.id, bank, 30, now + timedelta(days=365))[0].count == 4


def test_tag_accuracy_needs_no_answers(store):
    bank = make_bank()
    ann = store.create_learner("Ann")
    assert store.tag_accuracy(ann.id, bank) == []
    assert store.weakest_questions(ann.id, bank) == []
    assert store.bank_summary(ann.id, bank).attempts == 0
    assert store.bank_summary(ann.id, bank).average_score is None
    assert store.answers_per_day(ann.id) == []
    assert store.time_spent(ann.id).seconds == 0
    items = store.item_analysis(bank)
    assert [i.question_id for i in items] == [q.id for q in bank.questions]
    assert {(i.learners, i.facility, i.discrimination) for i in items} == {(0, None, None)}


def test_answers_per_day_since_and_across_banks(store):
    a, b = make_bank(3, "a"), make_bank(3, "b")
    ann = store.create_learner("Ann")
    for day, bank in enumerate((a, b, a)):
        sid = store.start_session(ann.id, bank, "quiz")
        for q in bank.questions:
            answer(store, sid, q, True, when=T0 + timedelta(days=day))
    assert [d.answers for d in store.answers_per_day(ann.id)] == [3, 3, 3]
    assert [d.answers for d in store.answers_per_day(ann.id, a)] == [3, 3]
    since = (T0 + timedelta(days=1)).astimezone().date()
    assert [d.day for d in store.answers_per_day(ann.id, since=since)][0] == since
    assert store.studied_bank_ids(ann.id) == ["a", "b"]
    assert store.time_spent(ann.id).answers == 9 and store.time_spent(ann.id, b).days == 1
    assert isinstance(store.answers_per_day(ann.id)[0].day, date)


def test_settings_roundtrip(store):
    store.set_setting("theme", "dark")
    assert store.get_setting("theme") == "dark"
    store.set_setting("theme", None)
    assert store.get_setting("theme", "light") == "light"


def test_export_filters(store):
    bank = make_bank(3)
    ids = populate(store, bank, ("Ann", "Bob"))
    assert len(list(store.export_rows())) == 18
    assert {r.learner for r in store.export_rows("Bob")} == {"Bob"}
    assert len(list(store.export_rows(ids[0], "trade"))) == 9
    assert list(store.export_rows(bank_id="other")) == []
    row = next(store.export_rows())
    assert json.dumps(row.response) == '"yes"' or json.dumps(row.response) == '"no"'


def test_other_question_types_record(store):
    bank = Bank(
        id="mixed",
        title="Mixed",
        questions=(
            TrueFalse(id="tf", prompt="Sure?", answer=True),
            ShortAnswer(id="sa", prompt="Who?", answers=("Kantor",)),
        ),
    )
    sid = store.start_session(store.create_learner("Ann").id, bank, "practice")
    r1 = store.record_answer(
        sid, bank.questions[0], response=True, correct=True, credit=1, seconds=0.5
    )
    r2 = store.record_answer(sid, "sa", response="kantor", correct=True, credit=1, seconds=500)
    assert r1.rating == scheduler.EASY
    assert r2.rating == scheduler.GOOD  # no question object: no timing judgement


def test_next_due_with_many_ids_and_with_few(store):
    bank = make_bank(4)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, bank, "flashcards")
    for n, q in enumerate(bank.questions):
        answer(store, sid, q, True, when=T0 + timedelta(days=n), rating=scheduler.EASY)
    dues = {q.id: store.card_state(ann.id, bank.id, q.id).due for q in bank.questions}
    many = [f"x{i}" for i in range(1000)] + ["q2", "q3"]
    assert store.next_due(ann.id, bank.id, many) == min(dues["q2"], dues["q3"])
    assert store.next_due(ann.id, bank.id, ["q3"]) == dues["q3"]
    assert store.next_due(ann.id, bank.id, many[:600]) is None
    assert store.next_due(ann.id, bank) == min(dues.values())


def test_sessions_can_be_dated_for_histories_spread_over_time(store):
    bank = make_bank()
    ann = store.create_learner("Ann").id
    days = [T0 + timedelta(days=d) for d in (0, 7, 30)]
    for n, day in enumerate(days):
        sid = store.start_session(ann, bank, "quiz", now=day)
        answer(store, sid, bank.questions[0], ok=n != 1, when=day + timedelta(minutes=1))
        store.finish_session(sid, [0.2, 0.9, 0.6][n], now=day + timedelta(minutes=5))
        info = store.session(sid)
        assert (info.started, info.finished) == (day, day + timedelta(minutes=5))
    points = store.score_over_time(ann, bank)
    assert [(p.finished, p.score) for p in points] == [
        (d + timedelta(minutes=5), s) for d, s in zip(days, (0.2, 0.9, 0.6), strict=True)
    ]
    summary = store.bank_summary(ann, bank, now=days[-1])
    assert (summary.attempts, summary.best_score, summary.last_score) == (3, 0.9, 0.6)
    assert [d.day for d in store.answers_per_day(ann, bank)] == [
        (d + timedelta(minutes=1)).astimezone().date() for d in days
    ]


def test_answer_uuids_are_time_ordered_version_7(store):
    import uuid

    bank = make_bank()
    sid = store.start_session(store.create_learner("Ann").id, bank, "quiz")
    ids = [answer(store, sid, bank.questions[n % 6], ok=True).uuid for n in range(40)]
    parsed = [uuid.UUID(u) for u in ids]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert [str(u) for u in parsed] == ids and len(set(ids)) == len(ids)
    # The first 48 bits are the creation time in milliseconds: never decreasing, so each
    # new answer goes to the end of the answers.uuid index.
    millis = [u.int >> 80 for u in parsed]
    assert millis == sorted(millis)
    now_ms = datetime.now(UTC).timestamp() * 1000
    assert now_ms - 60_000 < millis[0] <= millis[-1] <= now_ms + 1


def test_export_rows_carry_their_session_like_the_records():
    from dataclasses import fields

    from quizapp.core.stats import ExportRow
    from quizapp.core.store import EXPORT_FIELDS

    assert tuple(f.name for f in fields(ExportRow)) == EXPORT_FIELDS


def test_exported_rows_and_records_agree_on_the_session(store):
    bank = make_bank()
    learner = store.create_learner("Ann")
    finished = store.start_session(learner.id, bank, "quiz")
    answer(store, finished, bank.questions[0], True)
    store.finish_session(finished, 0.75)
    open_session = store.start_session(learner.id, bank, "quiz")
    answer(store, open_session, bank.questions[1], False)

    rows = list(store.export_rows())
    records = list(store.export_records())
    assert [r.uuid for r in rows] == [r[0] for r in records]
    done, still_open = rows
    assert done.session_score == 0.75
    assert done.session_started <= done.session_finished
    assert still_open.session_score is None and still_open.session_finished is None
    assert still_open.session_started is not None


def test_whole_score_history_is_capped_by_day_then_week_averages(store, monkeypatch):
    import quizapp.core.store as store_module

    bank = make_bank()
    ann = store.create_learner("Ann").id
    # Monday 2026-03-02, 10:00 local time; three sessions on each of 8 days over 3 weeks.
    start = datetime(2026, 3, 2, 10, 0).astimezone()
    finished = []  # (session id, finish time, score, mode)
    for day in (0, 1, 2, 7, 8, 9, 14, 15):
        for k in range(3):
            when = start + timedelta(days=day, hours=3 * k)
            mode = "practice" if k == 2 and day == 1 else "quiz"
            sid = store.start_session(ann, bank, mode, now=when)
            score = ((day * 3 + k) % 7) / 7
            store.finish_session(sid, score, now=when + timedelta(minutes=5))
            finished.append((sid, (when + timedelta(minutes=5)).astimezone(UTC), score, mode))

    every = store.score_over_time(ann, bank, None)
    assert [(p.session_id, p.finished, p.score, p.mode, p.sessions) for p in every] == [
        (*f, 1) for f in finished
    ]

    def averaged(key):
        groups: dict = {}
        for f in finished:
            groups.setdefault(key(f[1].astimezone().date()), []).append(f)
        return [
            (
                g[-1][0],
                g[-1][1],
                pytest.approx(sum(f[2] for f in g) / len(g), abs=1e-6),
                g[-1][3],
                len(g),
            )
            for g in groups.values()
        ]

    monkeypatch.setattr(store_module, "SCORE_POINTS", 10)  # 24 sessions, 8 days
    daily = store.score_over_time(ann, bank, None)
    assert [(p.session_id, p.finished, p.score, p.mode, p.sessions) for p in daily] == averaged(
        lambda d: d
    )
    assert daily[1].mode == "practice" and daily[1].sessions == 3

    monkeypatch.setattr(store_module, "SCORE_POINTS", 5)  # 8 days: weeks, Monday to Sunday
    weekly = store.score_over_time(ann, bank, None)
    assert [(p.session_id, p.finished, p.score, p.mode, p.sessions) for p in weekly] == averaged(
        lambda d: d - timedelta(days=d.weekday())
    )
    assert [p.sessions for p in weekly] == [9, 9, 6]
    # A limit still means the latest sessions, one point each.
    assert [p.session_id for p in store.score_over_time(ann, bank, 4)] == [
        f[0] for f in finished[-4:]
    ]


def test_question_stats_rows_agree_with_the_answers_and_weakest_questions(store):
    bank = make_bank(6)
    ann = store.create_learner("Ann").id
    sid = store.start_session(ann, bank, "quiz")
    for k in range(3):
        for i, q in enumerate(bank.questions):
            answer(store, sid, q, (i + k) % 3 != 0, when=T0 + timedelta(minutes=10 * k + i))
    revised = make_bank(6, drop=(2,))
    rows = {r.question_id: r for r in store.question_stats(ann, revised)}
    assert sorted(rows) == ["q0", "q1", "q3", "q4", "q5"]
    exported = list(store.export_rows())
    for qid, row in rows.items():
        mine = [r for r in exported if r.question_id == qid]
        assert (row.answers, row.correct) == (len(mine), sum(r.correct for r in mine))
        assert row.credit == pytest.approx(sum(r.credit for r in mine))
        assert row.seconds == pytest.approx(sum(r.seconds for r in mine))
        assert (bool(row.first_correct), bool(row.last_correct)) == (
            mine[0].correct,
            mine[-1].correct,
        )
        assert row.last_answered == mine[-1].answered
        assert row.accuracy == pytest.approx(row.correct / row.answers)
    for weak in store.weakest_questions(ann, revised, 10):
        row = rows[weak.question_id]
        fields = ("answers", "correct", "credit", "seconds", "first_correct", "last_correct")
        assert [getattr(row, f) for f in fields] == [getattr(weak, f) for f in fields]
        assert (row.last_answered, row.smoothed_accuracy) == (
            weak.last_answered,
            weak.smoothed_accuracy,
        )
