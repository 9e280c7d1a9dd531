"""Instructions per answer, quizapp's and Anki's, counted by callgrind (load-independent).

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \\
        .venv/bin/python benchmarks/callgrind_answer.py quizapp [--answers 300] [--store DIR]
    valgrind ... (the same) .venv/bin/python benchmarks/callgrind_answer.py anki

callgrind counts only what runs inside functools.reduce (--toggle-collect), and this script
calls reduce around each answer alone, so "Collected" / --answers is the answer's count:
  - quizapp: FlashcardSession.rate(3), the card turned and its review planned before it
    (rating_intervals, as the screen does), not counted;
  - anki: col.sched.build_answer + answer_card, the card and its states fetched before it
    (get_queued_cards), not counted.
The deck and history are bench_answer_vs_anki.py's (10,000 cards, 100,000 reviews, all due),
built into --store (default: a temporary folder; kept there for the next run when given),
both sides with synchronous=OFF: the flush is the disk's, the same for both
(docs/performance.md, "Tenth round"). 50 answers of warm-up first; the cycle collector off.
Run without valgrind, it only answers (a check that it works).
"""

from __future__ import annotations

import argparse
import functools
import gc
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_answer_vs_anki import build_anki_history, build_quizapp  # noqa: E402
from bench_flashcards import make_deck  # noqa: E402

CARDS, HISTORY, WARM_UP = 10_000, 100_000, 50


def answer_in_quizapp(folder: Path, answers: int) -> None:
    from quizapp.core.flashcard_session import FlashcardSession
    from quizapp.core.store import Store

    built = folder / "quizapp"
    if not built.exists():
        built.mkdir(parents=True)
        build_quizapp(built, CARDS, HISTORY)
    work = Path(tempfile.mkdtemp(prefix="callgrind-answer-"))
    try:
        shutil.copytree(built, work / "store")
        store = Store.open(work / "store")
        store._db.live().execute("PRAGMA synchronous=OFF")
        session = FlashcardSession(store, store.learners()[0].id, make_deck(CARDS))

        def show() -> None:
            session.flip()
            session.rating_intervals()

        for _ in range(WARM_UP):
            show()
            session.rate(3)
        gc.collect()
        gc.disable()
        for _ in range(answers):
            show()
            functools.reduce(lambda _a, _b: session.rate(3), (0, 0))
        session.abandon()
        store.close()
    finally:
        shutil.rmtree(work)


def answer_in_anki(folder: Path, answers: int) -> None:
    from anki.collection import Collection  # first: anki.cards alone imports in a cycle
    from anki.scheduler.v3 import CardAnswer

    Card = sys.modules["anki.cards"].Card

    built = folder / "anki.anki2"
    if not built.exists():
        folder.mkdir(parents=True, exist_ok=True)
        build_anki_history(built, CARDS, HISTORY, "fsrs")
    work = Path(tempfile.mkdtemp(prefix="callgrind-answer-"))
    try:
        shutil.copy(built, work / "anki.anki2")
        col = Collection(str(work / "anki.anki2"))
        col.db.execute("PRAGMA synchronous=OFF")

        def show():
            top = col.sched.get_queued_cards().cards[0]
            card = Card(col, backend_card=top.card)
            card.start_timer()
            return card, top.states

        def rate(card, states) -> None:
            col.sched.answer_card(
                col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD)
            )

        for _ in range(WARM_UP):
            rate(*show())
        gc.collect()
        gc.disable()
        for _ in range(answers):
            card, states = show()
            functools.reduce(lambda _a, _b: rate(card, states), (0, 0))
        col.close()
    finally:
        shutil.rmtree(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("side", choices=("quizapp", "anki"))
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--store", type=Path, help="where the built deck is kept between runs")
    args = parser.parse_args(argv)
    folder = args.store or Path(tempfile.mkdtemp(prefix="callgrind-deck-"))
    try:
        if args.side == "quizapp":
            answer_in_quizapp(folder, args.answers)
        else:
            answer_in_anki(folder, args.answers)
    finally:
        if args.store is None:
            shutil.rmtree(folder)
    print(f"{args.answers} answers ({args.side}): instructions per answer = callgrind's"
          f" Collected / {args.answers}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
