"""`quizapp import DECK -o BANK --with-history LEARNER` keeps what the learner suspended in
Anki suspended for them (out of flashcards, practice and the due counts), whether or not the
card was reviewed; the warning says so in words. The deck is written by Anki's own library."""

from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.session import FlashcardSession, QuizSession  # noqa: E402
from quizapp.core.store import Store  # noqa: E402

NOTES = (
    ("Who was U.S. Trade Representative?", "Mickey Kantor"),
    ("Who was Secretary of Commerce?", "Ronald H. Brown"),
    ("Where were last week's low-level talks?", "Tokyo"),
)
GOOD = 2  # Anki's protobuf rating Good (the log writes 3)


def _deck(folder: Path) -> Path:
    """Three Basic notes: the first reviewed Good then suspended, the second suspended
    without a review, the third reviewed Good."""

    def add(col, deck_id) -> None:
        for n, (front, back) in enumerate(NOTES):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)
            card = col.get_card(note.card_ids()[0])
            if n != 1:
                card.start_timer()
                states = col._backend.get_scheduling_states(card.id)
                col.sched.answer_card(col.sched.build_answer(card=card, states=states,
                                                             rating=GOOD))
            if n != 2:
                col.sched.suspend_cards(note.card_ids())

    return anki_deck(folder, "Talks", add, "talks.apkg", with_scheduling=True)


def _imported_for_ana(tmp_path: Path, deck: Path, capsys) -> tuple[Path, Path, str]:
    """`quizapp import DECK -o talks.yaml --with-history Ana`: the bank, the data folder
    and what the import said on stderr."""
    out, data = tmp_path / "talks.yaml", tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data)]) == 0
    return out, data, capsys.readouterr().err


def test_the_learners_suspended_cards_stay_suspended_for_them(tmp_path, capsys):
    deck = _deck(tmp_path)
    out, data, err = _imported_for_ana(tmp_path, deck, capsys)
    assert ('2 cards suspended in Anki (such as note 1 "Who was U.S. Trade Representative?" '
            "(Basic)): imported with the deck's history (quizapp import --with-history NAME), "
            "they stay suspended for that learner, out of flashcards, practice and the due "
            "counts") in err
    assert "quizapp has no suspended cards" not in err
    assert "2 reviews for Ana (2 cards kept suspended, as in Anki)" in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    ids = [q.id for q in bank.questions]
    with Store.open(data) as store:
        ana = store.learner_by_name("Ana").id
        assert set(store.suspended_questions(ana, bank.id)) == {ids[0], ids[1]}
        # the suspended card reviewed in Anki keeps its schedule, out of the due counts
        assert store.card_state(ana, bank.id, ids[0]) is not None
        later = max(store.card_state(ana, bank.id, i).due for i in (ids[0], ids[2]))
        assert store.count_due(ana, bank.id, later) == 1
        review = FlashcardSession(store, ana, bank, now=later)
        assert [q.id for q in review.due_cards] == [ids[2]]
        assert review.new_cards == []  # the unreviewed card is suspended, not new
        review.abandon()


def test_without_history_the_bank_is_written_and_nobody_has_suspended_cards(tmp_path, capsys):
    deck = _deck(tmp_path)
    out = tmp_path / "talks.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "otherwise they come up like the others until a learner suspends them" in err
    assert "kept suspended" not in err


CLOZES = (  # a note's text, and which of its cards (ord) the learner suspended in Anki
    ("{{c1::Mickey Kantor}} will meet {{c2::Ryutaro Hashimoto}} on {{c3::Wednesday}}.", {0}),
    ("Low-level talks were in {{c1::Tokyo}}; {{c2::Ronald H. Brown}} is Secretary of "
     "Commerce.", {1}),
    ("The annual U.S. trade deficit with Japan is {{c1::$60-billion}}, a reason for the "
     "{{c2::dollar}}'s slide.", {0, 1}),
)


def test_a_cloze_note_is_kept_suspended_only_when_all_its_cards_are(tmp_path, capsys):
    """A cloze note is one quizapp question asking every blank: it followed its first card
    alone (suspended with card 1 while cards 2 and 3 were studied; studied with card 2
    suspended). Now it is suspended when every card of the note is, and says why not."""
    def add(col, deck_id) -> None:
        for text, suspended in CLOZES:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck_id)
            cards = sorted((col.get_card(cid) for cid in note.card_ids()), key=lambda c: c.ord)
            col.sched.suspend_cards([c.id for c in cards if c.ord in suspended])

    deck = anki_deck(tmp_path, "Talks", add, "talks.apkg", with_scheduling=True)
    out, data, err = _imported_for_ana(tmp_path, deck, capsys)
    assert ('2 cloze notes (such as note 1 "{{c1::Mickey Kantor}} will meet {{c2::Ryutaro '
            'Has…" (Cloze)) have some cards suspended in Anki and some not: a quizapp cloze '
            "question is one card with every blank, kept suspended only when every card of "
            "its note is, so they stay in study") in err
    assert "1 card suspended in Anki (such as note 3 " in err
    assert "(1 card kept suspended, as in Anki)" in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None and len(bank.questions) == 3
    ids = [q.id for q in bank.questions]
    with Store.open(data) as store:
        ana = store.learner_by_name("Ana").id
        assert set(store.suspended_questions(ana, bank.id)) == {ids[2]}
        practice = QuizSession(store, ana, bank, mode="practice", shuffle=False)
        assert [q.id for q in practice.questions] == ids[:2]
        practice.abandon()
