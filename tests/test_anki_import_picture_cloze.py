"""An Anki cloze whose answer is a picture ({{c1::<img ...>}}) cannot be a typed blank (its
answer would be the picture's Markdown): it becomes a flashcard, the text with [...] on the
front and the picture on the back, with a warning naming the note."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze, Flashcard  # noqa: E402
from quizapp.interop import import_to_file  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_picture_answer_becomes_a_flashcard_with_the_picture_on_the_back(tmp_path):
    def add_notes(col, deck):
        picture = tmp_path / "cell diagram.png"
        picture.write_bytes(PNG)
        name = col.media.add_file(str(picture))
        cloze = col.models.by_name("Cloze")
        note = col.new_note(cloze)
        note["Text"] = (f'Image cloze {{{{c1::<img src="{name}">}}}} and MathJax '
                        r"\(x^{{c2::2}}\).")
        note["Back Extra"] = "The cell"
        note.tags = ["cells"]
        col.add_note(note, deck)
        words = col.new_note(cloze)
        words["Text"] = "The {{c1::mitochondria}} makes energy."
        col.add_note(words, deck)

    deck = anki_deck(tmp_path, "Biology", add_notes, "bio.apkg", with_media=True)
    written = import_to_file(deck, tmp_path / "out" / "bio.yaml")
    bank, warnings, pictures = written.bank, written.warnings, written.pictures
    card, typed = bank.questions
    assert isinstance(card, Flashcard)
    # TeX is kept as its source, in code: Markdown would show \(x^2\) as (x^2)
    assert card.prompt == r"Image cloze […] and MathJax `\(x^[…]\)`."
    assert card.back == r"Image cloze ![picture](bio-files/cell_diagram.png) and MathJax `\(x^2\)`."
    assert (card.explanation, card.tags) == ("The cell", ("cells",))
    assert isinstance(typed, Cloze) and typed.blanks == (("mitochondria",),)
    [warning] = [w for w in warnings if "a cloze answer is a picture" in w]
    [tex] = [w for w in warnings if "TeX" in w]
    assert tex.endswith(r"the TeX math '\(x^{{2}}\)' is shown as its TeX source: quizapp does "
                        "not typeset math")
    assert 'note 1 "Image cloze {{c1::}} and MathJax' in warning
    assert "a cloze answer is a picture, which no learner can type: the note became a " \
           "flashcard" in warning
    assert pictures == 1 and (tmp_path / "out" / "bio-files" / "cell_diagram.png").is_file()
    # the bank written passes quizapp's check and shows the picture on the card's back
    loaded = load_bank(tmp_path / "out" / "bio.yaml")
    assert loaded.problems == []
    assert loaded.bank.questions[0] == Flashcard(
        id=card.id, prompt=card.prompt, back=card.back, explanation="The cell", tags=("cells",),
        anki_guid=card.anki_guid, line=loaded.bank.questions[0].line)
    assert card.anki_guid  # its note's, for the Anki export
