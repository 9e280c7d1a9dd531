"""A card template that names a field its note type does not have: Anki's own editor refuses
such a template, but a deck edited outside it (or by an add-on) has one, and Anki then
shows an error in place of each of its cards. The import said only "it uses {{Nowhere}}",
as for a filter it does not render; it now says that the field does not exist and that
Anki shows an error there, and still makes the cards from the fields the template names."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import add_note_type, anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402


def _deck_with_a_broken_template(folder: Path) -> Path:
    def add(col, deck) -> None:
        add_note_type(col, "Three", ["Question", "Answer", "Notes"],
                      [("Ask", "{{Question}}", "{{FrontSide}}<hr id=answer>{{Answer}}")])
        note = col.new_note(col.models.by_name("Three"))
        note["Question"], note["Answer"] = "Who spoke to the farm broadcasters?", "Kantor"
        col.add_note(note, deck)

    made = anki_deck(folder, "Trade", add, "made.apkg", legacy=True)
    # the template edited outside Anki's editor, which would refuse it
    with zipfile.ZipFile(made) as z:
        z.extractall(folder / "made")
    db = sqlite3.connect(folder / "made" / "collection.anki21")
    try:
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        (three,) = (m for m in models.values() if m["name"] == "Three")
        three["tmpls"][0]["qfmt"] = "{{Question}} {{Nowhere}}"
        db.execute("UPDATE col SET models = ?", (json.dumps(models),))
        db.commit()
    finally:
        db.close()
    out = folder / "broken.apkg"
    with zipfile.ZipFile(made) as z, zipfile.ZipFile(out, "w") as w:
        for name in z.namelist():
            w.write(folder / "made" / name, name)
    return out


def test_a_template_naming_a_field_its_note_type_lacks_is_said_as_such(tmp_path, capsys):
    deck = _deck_with_a_broken_template(tmp_path)
    bank_file = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file)]) == 0
    err = capsys.readouterr().err
    assert ("note type 'Three', card template 'Ask': {{Nowhere}} names a field the note type "
            "does not have (Anki shows an error in place of such a card)") in err
    (q,) = load_bank(bank_file, use_cache=False).raise_for_errors().questions
    assert (q.prompt, q.back) == ("Who spoke to the farm broadcasters?", "Kantor")
