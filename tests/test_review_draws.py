"""Each review's fuzz draw is recorded with it (store schema 13): the answer draws it once,
and every replay (an undo, a rebuild, a class pull) takes it from the review. Reviews
recorded before keep no draw and replay with the draw seeded by the review, so a migrated
store's cards and due dates stay exactly what quizapp 12 stored."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from bank_samples import FOUR_TAGGED as BANK

from quizapp.core import scheduler
from quizapp.core.migrations import MIGRATIONS, create_schema_v1
from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# A flashcard's history (days after the answer before, rating), 37.123457 s added to each
# gap, 4 s a card: learning, then review with the fuzz from the third answer on.
HISTORY = ((0, 3), (0.01, 3), (1, 3), (4, 3), (12, 2), (30, 4), (95, 3))
# The due dates quizapp 12 (commit d9a1461) stored after each of those answers, the review
# ones fuzzed by the draw seeded by each review.
DUES_STORED_BY_QUIZAPP_12 = (
    "2026-03-01T09:10:37.123457+00:00",
    "2026-03-03T09:15:38.246914+00:00",
    "2026-03-09T09:16:15.370371+00:00",
    "2026-03-28T09:16:52.493828+00:00",
    "2026-05-06T09:17:29.617285+00:00",
    "2026-09-17T09:18:06.740742+00:00",
    "2027-08-05T09:18:43.864199+00:00",
)


def _history_times() -> list[datetime]:
    times, when = [], T0
    for days, _rating in HISTORY:
        when = when + timedelta(days=days, seconds=37, microseconds=123457)
        times.append(when)
    return times


def test_a_review_without_a_draw_is_fuzzed_as_quizapp_12_fuzzed_it():
    card = scheduler.new_card(scheduler.card_id_for(1, "trade", "q0"), T0)
    dues = []
    for (_days, rating), when in zip(HISTORY, _history_times(), strict=True):
        card = scheduler.review(card, rating, when, 4.0)
        dues.append(card.due.isoformat())
    assert tuple(dues) == DUES_STORED_BY_QUIZAPP_12


def _make_v12_store_with_a_history(path) -> list[str]:
    """A schema-12 store (the shipped steps) where learner 1 (Ann) studied BANK's q0 as flashcards
    over HISTORY, recorded as quizapp 12 recorded it: each answer, its review with the card
    after it, and the card, all fuzzed by the seeded draw. The answers' uuids."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    create_schema_v1(conn)
    for version in range(1, 12):  # the frozen steps, one transaction each, as shipped
        conn.execute("BEGIN IMMEDIATE")
        MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version={version + 1}")
        conn.execute("COMMIT")
    assert "draw" not in {r[1] for r in conn.execute("PRAGMA table_info(reviews)")}
    conn.execute("INSERT INTO learners(id, name, created) VALUES (1, 'Ann', ?)",
                 (T0.isoformat(),))
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, uuid)"
        " VALUES (50, 1, 'trade', 'hash', 'flashcards', ?,"
        " 'f0000000-0000-4000-8000-000000000050')", (T0.isoformat(timespec="microseconds"),))
    key = (1, "trade", "q0")
    card = scheduler.new_card(scheduler.card_id_for(*key), T0)
    uuids = []
    for n, ((_days, rating), when) in enumerate(zip(HISTORY, _history_times(), strict=True)):
        uuid = f"a0000000-0000-7000-8000-{n:012d}"
        answered = when.isoformat(timespec="microseconds")
        card = scheduler.review(card, rating, when, 4.0)
        conn.execute(
            "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
            " seconds, answered, version) VALUES (?, 50, 'q0', '\"Good\"', 1, 1.0, 4.0, ?, NULL)",
            (uuid, answered))
        conn.execute(
            "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id, rating,"
            " reviewed, duration_ms, overrides, card) VALUES (?,?,?,?,?,?,?,4000,NULL,?)",
            (uuid, *key, card.card_id, rating, answered, card.to_json()))
        uuids.append(uuid)
    # as quizapp 12 wrote a card (its due date ISO text)
    conn.execute("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                 (*key, card.card_id, int(card.state), card.step, card.stability,
                  card.difficulty, card.due.isoformat(timespec="microseconds"),
                  card.last_review.isoformat(timespec="microseconds"), len(HISTORY), 0))
    conn.close()
    return uuids


def test_a_store_of_schema_12_keeps_its_due_dates_and_replays_them_after_an_undo(tmp_path):
    uuids = _make_v12_store_with_a_history(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        # The reviews recorded before have no draw; nothing was rewritten.
        assert store._read("SELECT count(*), count(draw) FROM reviews") == [(7, 0)]
        assert store.card_state(1, "trade", "q0").due.isoformat() == DUES_STORED_BY_QUIZAPP_12[-1]
        # Taking the last answer back replays the six before it with their seeded draws:
        # the card quizapp 12 stored after the sixth.
        store.retract_answer(uuids[-1])
        assert store.card_state(1, "trade", "q0").due.isoformat() == DUES_STORED_BY_QUIZAPP_12[5]
        # A new answer records its draw; taking it back gives the same card again.
        sid = store.start_session(1, BANK, "flashcards", now=T0 + timedelta(days=200))
        record = store.record_answer(sid, BANK.questions[0], response="Good", correct=True,
                                     credit=1.0, seconds=4.0, rating=3,
                                     now=T0 + timedelta(days=200))
        ((draw,),) = store._read("SELECT draw FROM reviews WHERE answer_uuid = ?", (record.uuid,))
        assert 0.0 <= draw < 1.0
        store.retract_answer(record.uuid)
        assert store.card_state(1, "trade", "q0").due.isoformat() == DUES_STORED_BY_QUIZAPP_12[5]
        cards = store._read("SELECT * FROM cards")
        store.rebuild_derived()
        assert store._read("SELECT * FROM cards") == cards


def _answer_over_the_history(store: Store) -> list:
    learner = store.create_learner("Ann").id
    sid = store.start_session(learner, BANK, "flashcards", now=T0)
    records = []
    for (_days, rating), when in zip(HISTORY, _history_times(), strict=True):
        plan = store.plan_review(learner, BANK.id, "q0", when - timedelta(seconds=4))
        records.append(store.record_answer(
            sid, BANK.questions[0], response="Good", correct=True, credit=1.0, seconds=4.0,
            rating=rating, now=when, plan=plan))
    return records


def test_each_answer_records_the_draw_its_due_date_was_fuzzed_by(tmp_path):
    with Store.open(tmp_path) as store:
        records = _answer_over_the_history(store)
        draws = [r[0] for r in store._read("SELECT draw FROM reviews ORDER BY id")]
        assert len(set(draws)) == len(HISTORY) and all(0.0 <= d < 1.0 for d in draws)
        # Each due date is the answer's plain FSRS card, fuzzed by its recorded draw.
        card = scheduler.new_card(scheduler.card_id_for(1, "trade", "q0"), T0)
        for (_days, rating), when, draw, record in zip(
                HISTORY, _history_times(), draws, records, strict=True):
            card = scheduler.review(card, rating, when, 4.0, draw)
            assert record.due == card.due


def test_an_undo_replays_the_card_with_the_draws_recorded(tmp_path):
    """The draw is read back from the file: written over, the replay follows it, at both
    ends of the fuzz's range."""
    times = _history_times()
    before = scheduler.new_card(scheduler.card_id_for(1, "trade", "q0"), T0)
    for (_days, rating), when in zip(HISTORY[:5], times, strict=False):
        before = scheduler.review(before, rating, when, 4.0)
    dues = {}
    for n, draw in enumerate((0.0, scheduler.LAST_DRAW)):
        with Store.open(tmp_path / str(n)) as store:
            records = _answer_over_the_history(store)
            with store._db.write() as c:  # the sixth answer's review
                c.execute("UPDATE reviews SET draw = ? WHERE id ="
                          " (SELECT id FROM reviews ORDER BY id LIMIT 1 OFFSET 5)", (draw,))
            # Ann takes the seventh answer back: the sixth's card comes back by replay.
            store.retract_answer(records[-1].uuid)
            dues[draw] = store.card_state(1, "trade", "q0").due
        assert dues[draw] == scheduler.review(before, HISTORY[5][1], times[5], 4.0, draw).due
    unfuzzed = scheduler.review_unfuzzed(before, HISTORY[5][1], times[5])
    fuzz = scheduler.fuzz_range((unfuzzed.due - times[5]).days)
    assert fuzz is not None
    low, high = scheduler.fuzzed_days_range(*fuzz)
    assert (dues[scheduler.LAST_DRAW] - dues[0.0]).days == high - low > 0


def test_a_draw_is_never_drawn_again_from_the_review(tmp_path, monkeypatch):
    """An answer costs no seeded draw (blake2b, sha512, seeding a Mersenne Twister): the
    store neither seeds nor hashes when a learner answers, planned or not."""
    with Store.open(tmp_path) as store:
        learner = store.create_learner("Ann").id
        sid = store.start_session(learner, BANK, "flashcards", now=T0)
        seeded = []
        monkeypatch.setattr(scheduler, "_fuzz_seed", lambda *a: seeded.append(a) or b"x")
        for n, ((_days, rating), when) in enumerate(zip(HISTORY, _history_times(), strict=True)):
            plan = store.plan_review(learner, BANK.id, "q0", when) if n % 2 else None
            store.record_answer(sid, BANK.questions[0], response="Good", correct=True,
                                credit=1.0, seconds=4.0, rating=rating, now=when, plan=plan)
        assert seeded == []
        # An undo replays with the recorded draws too.
        (uuid,) = store._read("SELECT answer_uuid FROM reviews ORDER BY id DESC LIMIT 1")[0]
        store.retract_answer(uuid)
        assert seeded == []


def test_reviews_of_schema_12_and_13_replay_together(tmp_path):
    """Answers given after the update continue a card whose reviews were recorded before
    it; taking back one of the old answers replays the old ones seeded and the new ones
    with their draws, giving the card a plain replay of that history gives."""
    uuids = _make_v12_store_with_a_history(tmp_path / DB_NAME)
    with Store.open(tmp_path) as store:
        sid = store.start_session(1, BANK, "flashcards", now=T0 + timedelta(days=600))
        later = [T0 + timedelta(days=600 + d, hours=1) for d in (0, 40, 300)]
        for when in later:
            store.record_answer(sid, BANK.questions[0], response="Good", correct=True,
                                credit=1.0, seconds=4.0, rating=3, now=when)
        new_draws = [r[0] for r in store._read(
            "SELECT draw FROM reviews WHERE draw IS NOT NULL ORDER BY id")]
        assert len(new_draws) == 3
        store.retract_answer(uuids[3])
        card = scheduler.new_card(scheduler.card_id_for(1, "trade", "q0"), T0)
        kept = [(r, w, None) for n, ((_d, r), w) in
                enumerate(zip(HISTORY, _history_times(), strict=True)) if n != 3]
        for rating, when, draw in kept + [(3, w, d) for w, d in zip(later, new_draws,
                                                                     strict=True)]:
            card = scheduler.review(card, rating, when, 4.0, draw)
        assert store.card_state(1, "trade", "q0").due == card.due
        assert store.card_state(1, "trade", "q0").stability == card.stability


def test_the_migration_keeps_every_review_as_it_was(tmp_path):
    """The draw column comes with ADD COLUMN: every review stays as it was, with no draw."""
    _make_v12_store_with_a_history(tmp_path / DB_NAME)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    before = conn.execute("SELECT * FROM reviews ORDER BY id").fetchall()
    conn.close()
    with Store.open(tmp_path) as store:
        after = store._read("SELECT * FROM reviews ORDER BY id")
    assert [row[:-1] for row in after] == before
    assert {row[-1] for row in after} == {None}
