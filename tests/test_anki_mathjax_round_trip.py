"""MathJax in an Anki deck (\\(...\\) inline, \\[...\\] displayed) comes into quizapp as its
TeX source, in code (quizapp typesets no math), and goes back to Anki as the formula Anki
typesets again: it went back inside <code>, where Anki's MathJax typesets nothing, so every
formula of a deck showed as raw TeX in Anki after a round trip."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

NOTES = {
    r"Solve \(x^2 = 4\)": r"\[x = \pm 2\]",
    r"Is \(a < b\) here?": r"yes, and <code>x = 1</code> stays code",
}


def test_formulas_go_back_to_anki_as_formulas(tmp_path):
    def add(col, deck_id):
        for front, back in NOTES.items():
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)

    source = tmp_path / "source"
    source.mkdir()
    deck = anki_deck(source, "Maths", add, "maths.apkg")
    bank_file = tmp_path / "maths.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    bank = load_bank(bank_file, use_cache=False).bank
    assert bank is not None
    assert [q.prompt for q in bank.questions] == [
        r"Solve `\(x^2 = 4\)`", r"Is `\(a < b\)` here?"]

    out = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(out), "-q"]) == 0
    col = anki_collection.Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(out), options=anki_collection.ImportAnkiPackageOptions()))
        fields = {}
        for nid in col.find_notes(""):
            front, back = col.get_note(nid).fields
            fields[front] = back.split("<!--")[0]
    finally:
        col.close()
    assert fields == {
        r"Solve \(x^2 = 4\)": r"\[x = \pm 2\]",
        # '<' as Anki's editor keeps it; the note's own code stays code
        r"Is \(a &lt; b\) here?": r"yes, and <code>x = 1</code> stays code",
    }
