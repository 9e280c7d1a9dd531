"""A durable answer in quizapp against Anki answering a card, on the same deck and history.

    .venv/bin/python benchmarks/bench_answer_vs_anki.py [--cards 10000] [--history 100000]
        [--repeat 200] [--anki-scheduler fsrs|sm2] [--no-flush] [--gc]

Both sides get a deck of `--cards` flashcards, every card reviewed `--history / --cards`
times over the past 300 days and due now, so each holds a history of `--history` reviews
(quizapp: answers + reviews rows; Anki: revlog rows). Timed alternately (one answer of
each in turn, which one first alternating, so both meet the same machine load), medians
and the ratio:
  - quizapp: FlashcardSession.rate(3) on the next due card, the path the flashcard screen
    takes (store.record_answer: the answer, the FSRS card and its review in one BEGIN
    IMMEDIATE transaction, committed in WAL with synchronous=FULL before it returns, so
    before the feedback shows). The card's review for each rating is planned when the
    screen shows the turned card (FlashcardSession.rating_intervals, which also gives the
    buttons' intervals), as Anki's reviewer computes its states when it shows a card:
    that is timed apart ("show"), and the answer applies the plan;
  - Anki (its own Python library, `pip install -e '.[bench]'`): what its desktop reviewer
    (aqt/reviewer.py) does when a rating button is pressed, `col.sched.build_answer(card,
    states, rating)` + `col.sched.answer_card(answer)`, which the Rust backend runs as one
    transaction and commits before it returns. The card and its scheduling states come from
    `col.sched.get_queued_cards()`, as the reviewer had them when it showed the card; that
    fetch is timed apart ("next card"), since the reviewer does it after the answer.
    `--anki-scheduler fsrs` (the default) switches FSRS on as Anki's deck options do, so
    every card has its memory state; `sm2` leaves Anki's default scheduler.
Python's automatic cycle collector is off while timing, as both desktop apps run it
(`--gc` keeps it on). It prints the collection's journal_mode, synchronous and locking_mode as Anki opened it
(what a commit of Anki's costs on disk), medians in ms and the ratios. It asserts nothing
about time.

`--no-flush` sets synchronous=OFF on both connections once they are open, so that each
commit writes its journal frames without waiting for the disk: what is left is the work
before the flush on each side, which the other programs sharing this machine's disk do
not blur (with a busy disk both sides wait milliseconds for their flush and the ratio
tends to 1 whatever each does before it). Only for measuring: the app never does this.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards import build_anki, finish_history, make_deck  # noqa: E402

from quizapp.core.flashcard_session import FlashcardSession  # noqa: E402
from quizapp.core.model import Bank  # noqa: E402
from quizapp.core.store import DB_NAME, Store  # noqa: E402

HISTORY_DAYS = 300
PER_SESSION = 50
ANKI_MAX_REVIEWS_PER_DAY = 9999


def build_quizapp(folder: Path, cards: int, history: int, seed: int = 1) -> Bank:
    """A store whose learner reviewed every card history // cards times, all due now."""
    bank = make_deck(cards)
    store = Store.open(folder)
    learner = store.create_learner("Learner").id
    store.close()
    rng = random.Random(seed)
    now = datetime.now(UTC)
    start = now - timedelta(days=HISTORY_DAYS)
    per_card = max(1, history // cards)
    total = per_card * cards
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # bulk build only; the store itself runs FULL
    conn.execute("BEGIN")
    sessions, answers, reviews = [], [], []
    step = (HISTORY_DAYS * 86400 - 86400) / total
    for n in range(total):
        i = n % cards  # the deck is reviewed round after round
        session_id = n // PER_SESSION + 1
        when_dt = start + timedelta(seconds=step * n)
        when = when_dt.isoformat(timespec="microseconds")
        if n % PER_SESSION == 0:
            sessions.append((session_id, learner, bank.id, when, when))
        qid = bank.questions[i].id
        uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        good = rng.random() < 0.85
        answers.append((uid, session_id, qid, json.dumps("good" if good else "again"),
                        int(good), 1.0 if good else 0.0, 3.0, when))
        card = {
            "card_id": i + 1,
            "state": 2,
            "step": None,
            "stability": round(rng.uniform(1, 100), 3),
            "difficulty": round(rng.uniform(1, 10), 3),
            "due": (now - timedelta(days=1, seconds=i)).isoformat(),
            "last_review": when,
        }
        reviews.append((uid, learner, bank.id, qid, i + 1, 3 if good else 1, when, 3000,
                        json.dumps(card)))
    conn.executemany(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score, outcome) VALUES (?, ?, ?, 'bench', 'flashcards', ?, ?, NULL, 'finished')",
        sessions,
    )
    return finish_history(conn, folder, learner, bank, answers, reviews)


def build_anki_history(path: Path, cards: int, history: int, scheduler: str, seed: int = 1):
    """bench_flashcards' collection (every card a review card due today) plus a revlog of
    history // cards reviews per card over the past 300 days."""
    from anki.collection import Collection

    build_anki(path, cards, cards)
    col = Collection(str(path))
    rng = random.Random(seed)
    card_ids = col.find_cards('deck:"Big deck"', order="c.id")
    per_card = max(1, history // cards)
    total = per_card * len(card_ids)
    start_ms = int((time.time() - HISTORY_DAYS * 86400) * 1000)
    step_ms = (HISTORY_DAYS - 1) * 86400 * 1000 // total
    rows = []
    for n in range(total):
        cid = card_ids[n % len(card_ids)]
        ease = 3 if rng.random() < 0.85 else 1
        # id, cid, usn, ease, ivl, lastIvl, factor, time (ms), type (1: review)
        rows.append((start_ms + n * step_ms, cid, -1, ease, 10, 5, 2500, 3000, 1))
    col.db.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", rows)
    # Anki takes no daily review limit over 9999: it silently resets a bigger one (which
    # build_anki sets from 10,000 cards up) to its default of 200.
    config = col.decks.config_dict_for_deck_id(col.decks.id("Big deck"))
    config["rev"]["perDay"] = min(cards, ANKI_MAX_REVIEWS_PER_DAY)
    col.decks.update_config(config)
    if scheduler == "fsrs":
        # As Anki's deck options do when FSRS is switched on and saved: every card gets its
        # memory state from its revlog now, so answering it does not compute one.
        deck_id = col.decks.id("Big deck")
        current = col._backend.get_deck_configs_for_update(deck_id)
        col._backend.update_deck_configs(
            target_deck_id=deck_id,
            configs=[c.config for c in current.all_config],
            removed_config_ids=[],
            mode=0,  # UPDATE_DECK_CONFIGS_MODE_NORMAL
            card_state_customizer=current.card_state_customizer,
            limits=current.current_deck.limits,
            new_cards_ignore_review_limit=current.new_cards_ignore_review_limit,
            fsrs=True,
            apply_all_parent_limits=current.apply_all_parent_limits,
            fsrs_reschedule=False,
            fsrs_health_check=False,
        )
        assert col.get_card(card_ids[0]).memory_state is not None
    col.close()


def anki_pragmas(col) -> dict[str, str]:
    return {
        name: str(col.db.scalar(f"PRAGMA {name}"))
        for name in ("journal_mode", "synchronous", "locking_mode", "wal_autocheckpoint")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--anki-scheduler", choices=("fsrs", "sm2"), default="fsrs")
    parser.add_argument(
        "--no-flush", action="store_true", help="synchronous=OFF on both sides (see above)"
    )
    parser.add_argument(
        "--gc", action="store_true",
        help="keep Python's automatic cycle collector on while timing (see above)",
    )
    args = parser.parse_args(argv)
    try:
        from anki.collection import Collection
        from anki.scheduler.v3 import CardAnswer
    except ImportError:
        print("Anki's Python library is not installed: pip install -e '.[bench]'")
        return 1
    from anki.cards import Card

    if args.repeat > min(args.cards, ANKI_MAX_REVIEWS_PER_DAY):
        parser.error("--repeat must not exceed --cards (nor 9999): each answer takes a due card")
    with tempfile.TemporaryDirectory(prefix="bench-answer-anki-") as tmp:
        folder = Path(tmp)
        (folder / "quizapp").mkdir()
        t = time.perf_counter()
        bank = build_quizapp(folder / "quizapp", args.cards, args.history)
        anki_path = folder / "anki.anki2"
        build_anki_history(anki_path, args.cards, args.history, args.anki_scheduler)
        print(
            f"built {args.cards:,} cards with {args.history:,} reviews each side in"
            f" {time.perf_counter() - t:.1f} s"
        )

        store = Store.open(folder / "quizapp")
        learner = store.learners()[0].id
        session = FlashcardSession(store, learner, bank)
        assert session.total >= args.repeat
        col = Collection(str(anki_path))
        pragmas = anki_pragmas(col)
        ours_pragmas = {
            name: str(store._db.live().execute(f"PRAGMA {name}").fetchone()[0])
            for name in pragmas
        }
        if args.no_flush:
            col.db.execute("PRAGMA synchronous=OFF")
            store._db.live().execute("PRAGMA synchronous=OFF")
        print(f"Anki 'fsrs' config: {col.get_config('fsrs', False)}")
        print(f"Anki collection as opened:   {pragmas}")
        print(f"quizapp store as opened:     {ours_pragmas}")
        revlog_before = col.db.scalar("SELECT count() FROM revlog")

        current: dict[str, object] = {}

        def anki_next() -> None:
            queued = col.sched.get_queued_cards()
            top = queued.cards[0]
            card = Card(col, backend_card=top.card)
            card.start_timer()
            current["card"], current["states"] = card, top.states

        def anki_answer() -> None:
            answer = col.sched.build_answer(
                card=current["card"], states=current["states"], rating=CardAnswer.GOOD
            )
            col.sched.answer_card(answer)

        def ours_show() -> None:
            session.flip()
            session.rating_intervals()  # what the screen asks of the turned card

        def ours_answer() -> None:
            session.rate(3)

        ours, anki, anki_fetch, ours_plan = [], [], [], []
        # Both desktop apps run with Python's automatic cycle collector off: Anki's main
        # window calls gc.disable() when it starts (disable_automatic_garbage_collection),
        # ours once its window is ready (quizapp/gui/collector.py); each collects on its
        # own schedule between answers. --gc keeps it on, as in a plain script.
        collecting = gc.isenabled()
        if not args.gc:
            gc.collect()
            gc.disable()
        for n in range(args.repeat):
            t = time.perf_counter()
            anki_next()
            anki_fetch.append(time.perf_counter() - t)
            t = time.perf_counter()
            ours_show()
            ours_plan.append(time.perf_counter() - t)
            # Which side answers first alternates: the second one's commit may wait on the
            # disk still flushing the first one's.
            for side in (("anki", "ours") if n % 2 else ("ours", "anki")):
                t = time.perf_counter()
                if side == "anki":
                    anki_answer()
                    anki.append(time.perf_counter() - t)
                else:
                    ours_answer()
                    ours.append(time.perf_counter() - t)
        if collecting:
            gc.enable()
        answered = col.db.scalar("SELECT count() FROM revlog") - revlog_before
        assert answered == args.repeat, answered
        assert len(session.answers) == args.repeat
        session.abandon()
        col.close()
        store.close()

    def med(times: list[float]) -> float:
        return statistics.median(times) * 1000

    def mean(times: list[float]) -> float:
        return statistics.mean(times) * 1000

    o, a, f, p = med(ours), med(anki), med(anki_fetch), med(ours_plan)
    flush = "no flush (synchronous=OFF), " if args.no_flush else ""
    print(f"\n{flush + 'median of ' + str(args.repeat) + ' answers':<44} {'ms':>8} {'mean ms':>8}")
    print(f"{'quizapp FlashcardSession.rate (durable)':<44} {o:>8.3f} {mean(ours):>8.3f}")
    print(f"{'Anki build_answer + answer_card':<44} {a:>8.3f} {mean(anki):>8.3f}")
    print(f"{'Anki next card (get_queued_cards), apart':<44} {f:>8.3f} {mean(anki_fetch):>8.3f}")
    print(f"{'quizapp card shown (its plan), apart':<44} {p:>8.3f} {mean(ours_plan):>8.3f}")
    print(f"\nquizapp / Anki answering: {o / a:.2f}x (means {mean(ours) / mean(anki):.2f}x)")
    print(f"quizapp / Anki answering + showing the card: {(o + p) / (a + f):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
