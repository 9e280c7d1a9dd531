"""An Anki deck's bank is titled with the deck's name, as a Moodle file's is with its
category's: it was titled with the file's name ('Auto studied' for auto_studied.apkg, whose
deck is 'U.S.-Japan auto trade talks (1995)'). Its id still comes from a file's name."""

from __future__ import annotations

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402


def _deck(folder, deck_name: str, out_name: str, *, subdeck: str | None = None):
    def add(col, deck_id):
        for n, front in enumerate(("hablar", "comer")):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "to speak" if n == 0 else "to eat"
            col.add_note(note, col.decks.id(f"{deck_name}::{subdeck}") if subdeck and n
                         else deck_id)

    return anki_deck(folder, deck_name, add, out_name)


def _bank(path):
    bank = load_bank(path, use_cache=False).bank
    assert bank is not None
    return bank


def test_the_title_is_the_decks_name(tmp_path):
    deck = _deck(tmp_path, "Spanish::Verbs", "my_export.apkg", subdeck="Irregular")
    out = tmp_path / "verbs.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    bank = _bank(out)
    assert (bank.title, bank.id) == ("Spanish::Verbs", "verbs")  # the id: the -o file's
    assert [q.tags for q in bank.questions] == [(), ("Anki deck: Irregular",)]
    # and a title given on the command line is the one written
    assert main(["import", str(deck), "-o", str(out), "--force", "--title", "Verbos",
                 "-q"]) == 0
    assert _bank(out).title == "Verbos"


def test_a_deck_in_default_is_titled_with_the_files_name(tmp_path):
    deck = _deck(tmp_path, "Default", "my_export.apkg")
    out = tmp_path / "default.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    assert _bank(out).title == "My export"
