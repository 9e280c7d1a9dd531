"""--with-history on a deck exported without its scheduling: '0 reviews for Ana' said
nothing of why the learner's schedule did not carry over; the summary says the deck holds
no review history and how to export one that does."""

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402


def _studied(col, deck_id):
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "USTR in 1995?", "Mickey Kantor"
    col.add_note(note, deck_id)
    card = col.get_card(note.card_ids()[0])
    card.start_timer()
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=2))


@pytest.mark.parametrize(("scheduling", "said"), [
    (False, "0 reviews for Ana (the deck holds no review history; if its cards were studied "
            "in Anki, export it with 'Include scheduling information')"),
    (True, "1 review for Ana -> "),
])
def test_a_deck_without_its_history_says_so(tmp_path, capsys, scheduling, said):
    deck = anki_deck(tmp_path, "Talks", _studied, "talks.apkg", with_scheduling=scheduling)
    assert main(["import", str(deck), "-o", str(tmp_path / "talks.yaml"), "--with-history",
                 "Ana", "--data-dir", str(tmp_path / "data")]) == 0
    assert said in capsys.readouterr().err
