"""A note whose cards are in two decks (a reversed card moved into a subdeck of its own, as
Anki's browser lets one do with Change Deck): the subdeck was read per note, from its first
card, so the moved card lost its subdeck, and went back to Anki in its note's deck."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

SUBDECK = "Anki deck: German"


def _deck(folder):
    def add(col, deck_id):
        both = col.new_note(col.models.by_name("Basic (and reversed card)"))
        both["Front"], both["Back"] = "dog", "Hund"
        col.add_note(both, deck_id)
        reverse = next(c for c in both.cards() if c.ord == 1)
        col.set_deck([reverse.id], col.decks.id("Lang::German"))
        plain = col.new_note(col.models.by_name("Basic (and reversed card)"))
        plain["Front"], plain["Back"] = "cat", "Katze"
        col.add_note(plain, deck_id)

    return anki_deck(folder, "Lang", add, "lang.apkg")


def _tags(bank_file):
    bank = load_bank(bank_file, use_cache=False).bank
    assert bank is not None
    return {q.prompt: q.tags for q in bank.questions}


def test_a_card_keeps_its_own_subdeck_there_and_back(tmp_path, capsys):
    out = tmp_path / "lang.yaml"
    assert main(["import", str(_deck(tmp_path)), "-o", str(out)]) == 0
    assert ("the cards of the deck's subdecks are tagged with their subdeck "
            "('Anki deck: German' (1 note))") in capsys.readouterr().err
    assert _tags(out) == {"dog": (), "Hund": (SUBDECK,), "cat": (), "Katze": ()}

    package = tmp_path / "back.apkg"
    assert main(["export", str(out), "-o", str(package), "-q"]) == 0
    col = anki_collection.Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=anki_collection.ImportAnkiPackageOptions()))
        # each card's front -> its deck (the notes are back in their own note type, Basic
        # and reversed card: card 1 shows Front, card 2 Back)
        decks = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            front = col.get_note(card.nid).fields[card.ord].split("<!--")[0]
            decks[front] = col.decks.name(card.did)
        assert len(col.find_notes("")) == 2  # still two notes of two cards
    finally:
        col.close()
    assert decks == {"dog": "Lang", "Hund": "Lang::German", "cat": "Lang", "Katze": "Lang"}

    again = tmp_path / "again.yaml"
    assert main(["import", str(package), "-o", str(again), "-q"]) == 0
    assert _tags(again) == _tags(out)
