"""Flashcards on a big deck: starting a review and the per-card count refresh, as ratios.

    .venv/bin/python benchmarks/bench_flashcards.py [--cards 20000] [--due 10000] [--repeat 15]

The deck has `--cards` flashcards; `--due` of them were reviewed before and are due now, the
rest were never seen (new). Measured, as medians:
  - start: FlashcardSession(...) on a freshly opened store (the bank's catalog already synced,
    as the library has done by then), which queues the due cards and the day's new ones;
  - refresh: what the flashcard screen reads after each rating (due_count, new_count,
    next_due), at the start of a review and after a rating; then the header and progress
    line it makes of them on the GUI thread (gui/flashcard_summary.py);
  - the baseline, in the same run: Anki's own Python library (`pip install anki`, an optional
    benchmark dependency) building its queue for the same deck in a freshly opened
    collection (`get_queued_cards()`: the first card and the counts), with its review limit
    raised so that it queues every due card as quizapp does and its new-card limit at 20 like
    quizapp's. Without `anki`, a plain SQL baseline (the due cards in order, then the unseen
    ones) stands in, and the report says so.
It prints medians in ms and the ratios; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.core.model import Bank, Flashcard  # noqa: E402
from quizapp.core.session import FlashcardSession  # noqa: E402
from quizapp.core.store import DB_NAME, Store  # noqa: E402
from quizapp.core.utc_text import utc_micros  # noqa: E402
from quizapp.gui.flashcard_summary import ReviewCounts, header_text, progress_line  # noqa: E402


def make_deck(cards: int) -> Bank:
    return Bank(
        id="deck",
        title="Big deck",
        content_hash="bench",
        questions=tuple(
            Flashcard(id=f"c{i:06d}", prompt=f"Front of card {i}", back=f"Back of card {i}")
            for i in range(cards)
        ),
    )


def build_quizapp(folder: Path, cards: int, due: int) -> Bank:
    """A store whose learner reviewed the first `due` cards once, all of them due now."""
    bank = make_deck(cards)
    store = Store.open(folder)
    learner = store.create_learner("Learner").id
    store.close()
    now = datetime.now(UTC)
    answered = now - timedelta(days=10)
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # bulk build only
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score, outcome) VALUES (1, ?, ?, 'bench', 'flashcards', ?, ?, NULL, 'finished')",
        (learner, bank.id, answered.isoformat(), answered.isoformat()),
    )
    answers, reviews = [], []
    for i in range(due):
        qid = bank.questions[i].id
        uid = str(uuid.UUID(int=i + 1, version=4))
        when = answered.isoformat(timespec="microseconds")
        answers.append((uid, 1, qid, json.dumps("good"), 1, 1.0, 3.0, when))
        card = {
            "card_id": i + 1,
            "state": 2,
            "step": None,
            "stability": 5.0,
            "difficulty": 5.0,
            "due": (now - timedelta(days=1, seconds=i)).isoformat(),
            "last_review": when,
        }
        reviews.append((uid, learner, bank.id, qid, i + 1, 3, when, 3000, json.dumps(card)))
    return finish_history(conn, folder, learner, bank, answers, reviews)


def finish_history(conn, folder: Path, learner: int, bank, answers: list, reviews: list):
    """Write the answers and reviews built straight into the store's tables, commit, and
    derive the statistics and cards from them as the app would; returns the bank."""
    conn.executemany(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit, seconds,"
        " answered) VALUES (?,?,?,?,?,?,?,?)",
        answers,
    )
    conn.executemany(
        "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id, rating,"
        " reviewed, duration_ms, card) VALUES (?,?,?,?,?,?,?,?,?)",
        reviews,
    )
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(folder)
    store.rebuild_derived()
    store.bank_summary(learner, bank)  # the library lists the bank first: catalog synced
    store.close()
    return bank


def build_anki(path: Path, cards: int, due: int):
    """An Anki collection with the same deck: `due` review cards due today, the rest new."""
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    deck_id = col.decks.id("Big deck")
    notetype = col.models.by_name("Basic")
    requests = []
    for i in range(cards):
        note = col.new_note(notetype)
        note["Front"] = f"Front of card {i}"
        note["Back"] = f"Back of card {i}"
        requests.append(AddNoteRequest(note, deck_id))
    col.add_notes(requests)
    card_ids = col.find_cards('deck:"Big deck"', order="c.id")
    col.sched.set_due_date(card_ids[:due], "0")
    config = col.decks.config_dict_for_deck_id(deck_id)
    # Queue every due card, as quizapp does, up to Anki's own maximum: it silently resets a
    # daily review limit over 9999 to 200 (found by bench_answer_vs_anki.py), which made
    # earlier runs compare against a queue of 200 reviews.
    config["rev"]["perDay"] = min(cards, 9999)
    config["new"]["perDay"] = 20  # quizapp's default new_limit
    col.decks.update_config(config)
    col.decks.select(deck_id)
    col.close()


def anki_start(path: Path) -> tuple[Callable[[], None], Callable[[], None]]:
    """(build the queue once, tear down) on a freshly opened collection."""
    from anki.collection import Collection

    col = Collection(str(path))

    def start() -> None:
        queued = col.sched.get_queued_cards()
        assert queued.cards and queued.review_count > 0

    return start, col.close


def sql_start(path: Path, learner: int, bank: Bank) -> Callable[[], None]:
    """The plain SQL baseline: the due card ids in due order, then the unseen ones."""

    def start() -> None:
        conn = sqlite3.connect(path)
        now = utc_micros(datetime.now(UTC))  # as the store keeps due dates (schema 14)
        due = [r[0] for r in conn.execute(
            "SELECT question_id FROM cards WHERE learner_id = ? AND bank_id = ? AND due <= ?"
            " ORDER BY due", (learner, bank.id, now))]
        seen = {r[0] for r in conn.execute(
            "SELECT question_id FROM question_stats WHERE learner_id = ? AND bank_id = ?",
            (learner, bank.id))}
        due_set = set(due)
        new = [q for q in bank.questions if q.id not in seen and q.id not in due_set][:20]
        assert due and new is not None
        conn.close()

    return start


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    try:
        import anki  # noqa: F401

        have_anki = True
    except ImportError:
        have_anki = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        (folder / "quizapp").mkdir()
        bank = build_quizapp(folder / "quizapp", args.cards, args.due)
        if have_anki:
            build_anki(folder / "anki.anki2", args.cards, args.due)
        print(f"built {args.cards} cards ({args.due} due) in {time.perf_counter() - t:.1f} s")

        ours, base, refresh, screen_texts = [], [], [], []
        for run in range(args.repeat):
            # Each run on a copy of the built store: a rating changes it.
            copy = folder / f"run{run}"
            shutil.copytree(folder / "quizapp", copy)
            store = Store.open(copy)
            learner = store.learners()[0].id
            store.bank_summary(learner, bank)  # as the library does before F is pressed
            t = time.perf_counter()
            session = FlashcardSession(store, learner, bank)
            ours.append(time.perf_counter() - t)
            assert session.total == args.due + min(20, args.cards - args.due)
            for rated in range(1, 6):
                session.flip()
                session.rate(3)
                t = time.perf_counter()
                counts = (session.due_count, session.new_count, session.next_due)
                refresh.append(time.perf_counter() - t)
                assert counts[0] == args.due - rated, counts
                t = time.perf_counter()
                texts = (header_text(session, ReviewCounts(counts[0], counts[2], 0)),
                         progress_line(session))
                screen_texts.append(time.perf_counter() - t)
                assert f"{rated} rated" in texts[1], texts
            session.abandon()
            store.close()
            shutil.rmtree(copy)
            if have_anki:
                start, close = anki_start(folder / "anki.anki2")
                t = time.perf_counter()
                start()
                base.append(time.perf_counter() - t)
                close()
            else:
                start = sql_start(folder / "quizapp" / DB_NAME, learner, bank)
                t = time.perf_counter()
                start()
                base.append(time.perf_counter() - t)
        name = "Anki get_queued_cards()" if have_anki else "plain SQL (anki not installed)"
        ours_ms, base_ms = median_ms(ours), median_ms(base)
        print(f"start a review, quizapp FlashcardSession: {ours_ms:8.2f} ms")
        print(f"start a review, {name}: {base_ms:8.2f} ms")
        print(f"  ratio quizapp / baseline: {ours_ms / base_ms:.2f}x")
        print(f"per-card refresh (due_count, new_count, next_due): {median_ms(refresh):.3f} ms")
        print(f"  then the screen's header and progress line (GUI thread): "
              f"{median_ms(screen_texts):.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
