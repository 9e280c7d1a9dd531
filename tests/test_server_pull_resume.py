"""A long pull to a new computer keeps its progress when cut off: the import commits in
pieces, each with the marks it justifies, and a pull resumed afterwards takes only the
rest, ending with exactly the rows, cards and statistics of an uninterrupted pull; after
every piece the store is consistent (cards and statistics equal a rebuild from the
logs). On a real PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402
from helpers import log_override  # noqa: E402

from quizapp.core.store.pulled import PulledImport  # noqa: E402
from quizapp.server import pull as server_pull  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()
OTHER_BANK = make_bank(4, bank_id="tariffs")
PIECE = 7  # rows per piece: the history below (166 rows) comes in 25 pieces
ANSWERS = 68

CARDS = ("SELECT bank_id, question_id, state, step, stability, difficulty, due, last_review,"
         " reviews, lapses FROM cards ORDER BY 1, 2")
QUESTION_STATS = ("SELECT bank_id, question_id, answers, correct, credit_ppm, ms,"
                  " first_correct, last_correct, last_answered, last_wrong FROM question_stats"
                  " ORDER BY 1, 2")
BANK_STATS = ("SELECT bank_id, answers, correct, ms, last_answered, sessions, score_ppm,"
              " best_score, last_score, last_finished FROM bank_stats ORDER BY 1")
DAY_STATS = "SELECT bank_id, day, answers, correct, ms FROM day_stats ORDER BY 1, 2"
SCORE_DAYS = "SELECT * FROM score_days ORDER BY 2, 3"
LOGS = {
    "sessions": "SELECT uuid, bank_id, mode, started, finished, score, outcome FROM sessions",
    "answers": "SELECT a.uuid, s.uuid, a.question_id, a.response, a.correct, a.credit,"
               " a.seconds, a.answered FROM answers a JOIN sessions s ON s.id = a.session_id",
    "reviews": "SELECT answer_uuid, bank_id, question_id, rating, reviewed, duration_ms,"
               " overrides IS NOT NULL FROM reviews",
    "retractions": "SELECT answer_uuid, retracted FROM retractions",
}


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _history(school, tmp_path: Path) -> int:
    """Ann's work on two computers, pushed: sessions of two banks, the two computers'
    days interleaved in time (the second pushes after the first), an override and a
    retraction. The server's rows of Ann."""
    lab_a = school.computer(tmp_path / "a", "Ann")
    lab_b = school.computer(tmp_path / "b", "Ann")
    for day in range(6):
        answers = [(f"q{(day + i) % 6}", (day + i) % 3 > 0, 3 if (day + i) % 3 else 1)
                   for i in range(6)]
        study(lab_a, "Ann", BANK, answers, T0 + timedelta(days=2 * day), score=day / 6)
    for day in range(4):
        answers = [(f"q{(day * 2 + i) % 4}", i % 2 == 0, 4 if i % 2 == 0 else 1)
                   for i in range(5)]
        study(lab_b, "Ann", OTHER_BANK, answers, T0 + timedelta(days=2 * day + 1), score=0.4)
        study(lab_b, "Ann", BANK, answers[:3], T0 + timedelta(days=2 * day + 1, hours=2))
    uuids = [r[0] for r in lab_a._read("SELECT uuid FROM answers ORDER BY id")]
    log_override(lab_a, uuids[4], 4)
    lab_a.retract_answer(uuids[-1], now=T0 + timedelta(days=20))
    assert sync.sync(lab_a).errors == []
    assert sync.sync(lab_b).errors == []
    with school.admin() as conn:
        rows = conn.execute(
            "SELECT (SELECT count(*) FROM quizapp.sessions) + (SELECT count(*) FROM"
            " quizapp.session_ends) + (SELECT count(*) FROM quizapp.answers) + (SELECT"
            " count(*) FROM quizapp.reviews) + (SELECT count(*) FROM quizapp.retractions)"
        ).fetchone()[0]
    lab_a.close()
    lab_b.close()
    return rows


def _everything(store) -> dict:
    """The logs (as sorted lists: a row twice shows) and the derived tables, read as the
    app reads them (the statistics caught up)."""
    store._stats.fresh()
    found = {name: sorted(store._read(sql), key=repr) for name, sql in LOGS.items()}
    for name, sql in (("cards", CARDS), ("questions", QUESTION_STATS), ("banks", BANK_STATS),
                      ("days", DAY_STATS), ("score days", SCORE_DAYS)):
        found[name] = store._read(sql)
    return found


def _derived(store) -> dict:
    found = _everything(store)
    return {k: v for k, v in found.items() if k not in LOGS}


def assert_consistent(store) -> None:
    """The cards and statistics are what the logs give: each card the replay of its
    reviews in the order they happened, and the state its latest review keeps (what
    rebuild_derived reads); the learner's statistics recounted in the order the answers
    were given (as a pull counts them; rebuild_derived counts a merged log, and a card's
    lapses, in log order: docs/classroom.md, Limits)."""
    from quizapp.core.store.catch_up import mark_counted_within
    from quizapp.core.store.derived import _rebuild_cards, _rebuild_score_days, _rebuild_stats

    before = _derived(store)
    assert store._read("SELECT * FROM cards ORDER BY 1, 2, 3") == _replayed(store)
    lid = store.learner_by_name("Ann").id
    with store._db.write() as c:
        _rebuild_stats(c, lid)
        mark_counted_within(c)
        _rebuild_score_days(c, lid)
        _rebuild_cards(c)
    after = _derived(store)
    assert [card[:8] for card in after.pop("cards")] == [card[:8] for card in before.pop("cards")]
    assert after == before


def _replayed(store) -> list[tuple]:
    """Every card replayed from its reviews in the order they happened, retracted
    answers left out (what a pull makes of them), as the cards table holds them."""
    from quizapp.core import scheduler
    from quizapp.core.store.derived import _effective_reviews, _replay
    from quizapp.core.store.values import _card_row

    retracted = {r[0] for r in store._read("SELECT answer_uuid FROM retractions")}
    by_card: dict[tuple, list[tuple]] = {}
    for row in store._read(
        "SELECT learner_id, bank_id, question_id, id, answer_uuid, rating, reviewed,"
        " duration_ms, overrides, draw FROM reviews ORDER BY reviewed, id"
    ):
        if row[4] not in retracted:
            by_card.setdefault(row[:3], []).append(row[3:])
    return [key + _card_row(card) + (count, lapses)
            for key, rows in sorted(by_card.items())
            for card, count, lapses in [_replay(scheduler.card_id_for(*key),
                                                _effective_reviews(rows))]]


def _pull(store, piece_rows: int = PIECE) -> int:
    lid = store.learner_by_name("Ann").id
    with sync.connect(sync._url(store, lid), sync.passfile(store), autocommit=True) as conn:
        sync.check_schema(conn)
        store.server_changed(lid, sync.server_identity(conn))
        return sync.pull(store, lid, conn, piece_rows=piece_rows)


class Cut(Exception):
    """The pull cut off (the app killed, the network gone)."""


def _cut_after(monkeypatch, pieces: int, committed: list[int]) -> None:
    """Let `pieces` pieces commit, then cut the pull off in the next one (its
    transaction rolled back), checking the store after each piece committed."""
    original = PulledImport.piece

    def piece(self, batch, settings=None):
        if len(committed) == pieces:
            raise Cut
        new = original(self, batch, settings)
        committed.append(len(batch))
        return new

    monkeypatch.setattr(PulledImport, "piece", piece)


def _fetched(monkeypatch) -> list[int]:
    read: list[int] = []
    fetch_piece = server_pull._fetch_piece
    monkeypatch.setattr(server_pull, "_fetch_piece", lambda *args: (
        rows := fetch_piece(*args), read.append(len(rows)))[0])
    return read


@pytest.fixture
def reference(school, tmp_path):
    """(rows on the server, what an uninterrupted pull in one piece gives)."""
    rows = _history(school, tmp_path)
    one_go = school.computer(tmp_path / "one go", "Ann")
    assert _pull(one_go, piece_rows=100_000) == ANSWERS
    found = _everything(one_go)
    assert_consistent(one_go)
    one_go.close()
    return rows, found


@pytest.mark.parametrize("pieces", [0, 1, 4, 13, 22])
def test_a_pull_cut_off_keeps_its_pieces_and_resumes_with_the_rest(
        school, tmp_path, monkeypatch, reference, pieces):
    rows, uninterrupted = reference
    new = school.computer(tmp_path / "new", "Ann")
    committed: list[int] = []
    with monkeypatch.context() as cut:
        _cut_after(cut, pieces, committed)
        with pytest.raises(Cut):
            _pull(new)
    assert len(committed) == pieces
    assert sum(committed) == sum(len(r) for r in new._read(
        "SELECT 1 FROM sessions UNION ALL SELECT 1 FROM sessions WHERE finished IS NOT NULL"
        " UNION ALL SELECT 1 FROM answers UNION ALL SELECT 1 FROM reviews"
        " UNION ALL SELECT 1 FROM retractions"))  # every piece committed is here
    assert_consistent(new)
    marks = json.loads(new.get_setting(f"sync.{new.learner_by_name('Ann').id}.pulled")
                       or "{}")
    assert ("pulling" in marks) == (pieces > 0) and "snapshot" not in marks
    # Resumed: only what the pieces committed lacks is read again.
    read = _fetched(monkeypatch)
    answers_here = len(new._read("SELECT 1 FROM answers"))
    assert _pull(new) == ANSWERS - answers_here
    assert sum(read) == rows - sum(committed)
    assert _everything(new) == uninterrupted
    assert_consistent(new)
    assert "pulling" not in json.loads(new.get_setting(
        f"sync.{new.learner_by_name('Ann').id}.pulled"))
    new.close()


def test_after_every_piece_the_store_is_consistent(school, tmp_path, monkeypatch, reference):
    _rows, uninterrupted = reference
    new = school.computer(tmp_path / "new", "Ann")
    checked: list[int] = []
    monkeypatch.setattr(PulledImport, "piece",
                        _checking_piece(PulledImport.piece, new, tmp_path, checked))
    assert _pull(new) == ANSWERS
    assert len(checked) == 25
    assert _everything(new) == uninterrupted


def _checking_piece(original, store, tmp_path: Path, checked: list[int]):
    """PulledImport.piece, then a check that the cards and statistics equal a rebuild
    from the logs, made on a copy of the store (the pull goes on with its own)."""
    import sqlite3

    from quizapp.core.store import Store
    from quizapp.core.store.schema import DB_NAME

    def piece(self, batch, settings=None):
        result = original(self, batch, settings)
        copy = tmp_path / f"after piece {len(checked)}"
        copy.mkdir()
        with sqlite3.connect(store.path) as source, \
                sqlite3.connect(copy / DB_NAME) as target:
            source.backup(target)
        with Store.open(copy) as after:
            assert_consistent(after)
        checked.append(len(batch))
        return result

    return piece


KILLED_PULL = textwrap.dedent("""
    import sys
    from pathlib import Path

    from quizapp.core.store import Store
    from quizapp.core.store.pulled import PulledImport
    from quizapp.server import sync

    folder, pieces, piece_rows = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = Store.open(folder)
    original = PulledImport.piece
    done = []

    def piece(self, batch, settings=None):
        new = original(self, batch, settings)
        done.append(len(batch))
        if len(done) == pieces:
            print(sum(done), flush=True)
            sys.stdin.read()  # killed here, the next piece not begun
        return new

    PulledImport.piece = piece
    lid = store.learner_by_name("Ann").id
    with sync.connect(sync._url(store, lid), sync.passfile(store), autocommit=True) as conn:
        sync.pull(store, lid, conn, piece_rows=piece_rows)
""")


def test_a_pull_killed_with_the_app_resumes(school, tmp_path, monkeypatch, reference):
    """The app killed (SIGKILL) in the middle of a pull, after 9 pieces: they stay, and
    the next pull takes only the rest."""
    from quizapp.core.store import Store

    rows, uninterrupted = reference
    folder = tmp_path / "new"
    school.computer(folder, "Ann").close()
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_PULL, str(folder), "9", str(PIECE)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    try:
        imported = child.stdout.readline()  # the ninth piece committed
        assert imported.strip().isdigit(), imported
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stdin.close()
    with Store.open(folder) as new:
        assert len(new._read("SELECT 1 FROM sessions")) == 14  # the first 4 pieces
        assert_consistent(new)
        read = _fetched(monkeypatch)
        _pull(new)
        assert sum(read) == rows - int(imported)
        assert _everything(new) == uninterrupted


def test_pushes_committing_around_a_cut_off_pull_all_come_once(school, tmp_path, monkeypatch):
    """A push under way while a new computer's pull begins (it commits after the pull was
    cut off, below the seq of a push the pull takes) and one made between the cut and the
    resumed pull: both reach the new computer, nothing twice."""
    from quizapp.server.connection import connect

    _history(school, tmp_path)
    late = school.computer(tmp_path / "late", "Ann")
    study(late, "Ann", BANK, [("q0", True, 3), ("q5", False, 1)], T0 + timedelta(days=30))
    lid = late.learner_by_name("Ann").id
    held = connect(sync._url(late, lid), sync.passfile(late), autocommit=False)
    try:
        batch = late.unpushed(lid, sync.BATCH_ANSWERS)
        sync._prepare(held)
        sync.push_batch(held, batch, sync._origin(late))  # inserted, not committed
        # Pushed after it (higher seq), committed before the pull: the pull's marks pass
        # the open push's rows, which its snapshot does not see.
        early = school.computer(tmp_path / "early", "Ann")
        study(early, "Ann", OTHER_BANK, [("q2", True, 3)], T0 + timedelta(days=29))
        assert sync.sync(early).pushed == 1
        early.close()
        new = school.computer(tmp_path / "new", "Ann")
        committed: list[int] = []
        with monkeypatch.context() as cut:
            _cut_after(cut, 12, committed)
            with pytest.raises(Cut):
                _pull(new)
        held.commit()
    finally:
        held.close()
    late.mark_pushed(lid, batch)
    after = school.computer(tmp_path / "after", "Ann")
    study(after, "Ann", OTHER_BANK, [("q1", True, 3)], T0 + timedelta(days=31))
    assert sync.sync(after).pushed == 1
    answers_here = len(new._read("SELECT 1 FROM answers"))
    assert _pull(new) == ANSWERS + 4 - answers_here
    with school.admin() as conn:
        on_server = sorted(r[0] for r in conn.execute("SELECT uuid::text FROM quizapp.answers"))
    assert sorted(r[0] for r in new._read("SELECT uuid FROM answers")) == on_server
    assert len(new._read("SELECT 1 FROM reviews")) == ANSWERS + 1 + 4  # one override
    assert_consistent(new)
    assert _pull(new) == 0
    for store in (late, after, new):
        store.close()


def test_answers_recorded_here_between_pieces_are_kept_and_counted(school, tmp_path,
                                                                  monkeypatch, reference):
    """The app records answers between two pieces (the store is not held for the whole
    pull): the pull's memory of cards and statistics is dropped, the next piece replays
    and recounts from the logs, and the answers recorded here stay, counted."""
    _rows, uninterrupted = reference
    new = school.computer(tmp_path / "new", "Ann")
    lid = new.learner_by_name("Ann").id
    original = PulledImport.piece
    pieces: list[int] = []

    def piece(self, batch, settings=None):
        result = original(self, batch, settings)
        pieces.append(len(batch))
        if len(pieces) == 8:  # among the answers
            study(new, "Ann", BANK, [("q1", False, 1), ("q2", True, 3)], T0 + timedelta(days=40))
        if len(pieces) == 16:  # among the reviews
            # q5: a card whose next reviews pulled come in time order (the first
            # computer's): it would continue its replay if nobody had written here.
            study(new, "Ann", BANK, [("q5", False, 1)], T0 + timedelta(days=41))
        return result

    monkeypatch.setattr(PulledImport, "piece", piece)
    assert _pull(new) == ANSWERS
    assert len(new._read("SELECT 1 FROM answers")) == ANSWERS + 3
    assert_consistent(new)
    monkeypatch.setattr(PulledImport, "piece", original)
    found = _everything(new)
    assert found["retractions"] == uninterrupted["retractions"]
    assert (new.bank_summary(lid, BANK).answers
            == [r[1] for r in uninterrupted["banks"] if r[0] == "trade"][0] + 3)


def test_odd_text_comes_back_as_it_went(school, tmp_path):
    """Pieces are read as JSON: tabs, newlines, backslashes, quotes and other scripts in
    a response, exact floats, missing values."""
    lab = school.computer(tmp_path / "lab", "Ann")
    lid = lab.learner_by_name("Ann").id
    sid = lab.start_session(lid, BANK, "quiz", now=T0)
    for i, response in enumerate(['a\tb\nc', 'back\\slash \\N', '"quoted" \u00e9\u674e\U0001f600',
                                  "\x01\x7f", ""]):
        lab.record_answer(sid, f"q{i}", response=response, correct=i % 2 == 0,
                          credit=1 / 3, seconds=0.1 + 0.2, rating=3,
                          now=T0 + timedelta(minutes=i))
    lab.finish_session(sid, 2 / 3, now=T0 + timedelta(minutes=9))
    assert sync.sync(lab).pushed == 5
    new = school.computer(tmp_path / "new", "Ann")
    assert _pull(new) == 5
    for name in ("sessions", "answers", "reviews"):
        assert sorted(new._read(LOGS[name]), key=repr) == sorted(lab._read(LOGS[name]), key=repr)
    lab.close()
    new.close()
