"""`quizapp import --with-history` of a deck studied with FSRS in Anki: each card keeps the
due date, stability and difficulty Anki gave it (its memory state), so that a learner
moving from Anki finds the same cards due on the same days; quizapp's own replay of the
review log would schedule them otherwise (other parameters, a desired retention of its
own, and a due date moved by hand in Anki, which the log does not carry)."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.store import Store  # noqa: E402

# Anki's ratings as its scheduler takes them: 0 Again, 1 Hard, 2 Good, 3 Easy; each card's
# ratings end in the review state (no card in learning, which Anki counts to the minute)
RATINGS = ([3], [0, 3], [3, 3], [3, 2], [3, 1])
DAYS = 31  # today and the next 30


class Studied:
    """A deck studied in Anki with FSRS, exported with its scheduling, and what Anki says
    of it: cards due on each of the next days, and each card's memory state."""

    def __init__(self, folder: Path) -> None:
        from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

        col = anki_collection.Collection(str(folder / "collection.anki2"))
        try:
            col.set_config("fsrs", True)
            deck = col.decks.id("Trade talks")
            config = col.decks.config_dict_for_deck_id(deck)
            config["desiredRetention"] = 0.75  # not quizapp's 0.9
            col.decks.update_config(config)
            card_ids = []
            for n in range(25):
                note = col.new_note(col.models.by_name("Basic"))
                note["Front"], note["Back"] = f"Round {n} of the 1995 talks?", f"Geneva {n}"
                col.add_note(note, deck)
                card = col.get_card(note.card_ids()[0])
                for rating in RATINGS[n % len(RATINGS)]:
                    card.start_timer()
                    states = col._backend.get_scheduling_states(card.id)
                    col.sched.answer_card(col.sched.build_answer(card=card, states=states,
                                                                 rating=rating))
                    card = col.get_card(card.id)
                card_ids.append(card.id)
            # due dates the learner set by hand: today, in 3 days, in 12 days
            col.sched.set_due_date(card_ids[0:4], "0")
            col.sched.set_due_date(card_ids[4:7], "3")
            col.sched.set_due_date(card_ids[7:9], "12")
            self.rollover = datetime.fromtimestamp(col.crt, UTC)  # the start of day 0
            today = col.sched.today
            self.due_by_day = Counter({
                day - today: len(col.find_cards(f"prop:due={day - today}"))
                for day in range(today, today + DAYS)})
            self.due_now = len(col.find_cards("is:due"))
            self.memory = sorted((round(card.memory_state.stability, 3),
                                  round(card.memory_state.difficulty, 3))
                                 for card in map(col.get_card, card_ids))
            self.deck = folder / "studied.apkg"
            col.export_anki_package(out_path=str(self.deck), limit=DeckIdLimit(deck_id=deck),
                                    options=ExportAnkiPackageOptions(with_scheduling=True))
        finally:
            col.close()


@pytest.fixture(scope="module")
def studied(tmp_path_factory) -> Studied:
    return Studied(tmp_path_factory.mktemp("anki"))


@pytest.mark.parametrize("rebuilt", [False, True], ids=["as imported", "cards rebuilt"])
def test_the_first_day_in_quizapp_has_the_cards_due_that_anki_has(studied, tmp_path, rebuilt):
    """Also once the cards are rebuilt from the review log (a repair, the class server's
    sync): the schedule is in the log, with the last review."""
    out, data = tmp_path / "talks.yaml", tmp_path / "data"
    assert main(["import", str(studied.deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data), "-q"]) == 0
    bank = load_bank(out, use_cache=False).bank
    now = datetime.now(UTC)
    store = Store.open(data)
    try:
        if rebuilt:
            store.rebuild_derived()
        learner = store.learner_by_name("Ana")
        assert store.count_due(learner.id, bank.id, now) == studied.due_now
        cards = [store.card_state(learner.id, bank.id, q.id) for q in bank.questions]
    finally:
        store.close()
    assert all(card is not None for card in cards)
    day = timedelta(days=1)
    due_by_day = Counter((card.due - studied.rollover) // day for card in cards
                         if card.due < studied.rollover + DAYS * day)
    assert +due_by_day == +studied.due_by_day
    assert sorted((round(card.stability, 3), round(card.difficulty, 3))
                  for card in cards) == studied.memory
