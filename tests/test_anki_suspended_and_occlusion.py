"""What a deck's learner did in Anki is said: a suspended card (kept suspended for the
learner of --with-history: tests/test_anki_import_suspended.py; a bank alone comes up in
study like any other, and before, nothing said so). An image
occlusion note is imported (tests/test_anki_image_occlusion.py), in its subdeck like the
others."""

import sys
from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def _deck(folder: Path) -> Path:
    def add(col, _deck_id):
        cells = col.decks.id("Bio::Cells")
        for front, back in (("Powerhouse", "mitochondrion"), ("Leech", "suspended"),
                            ("Another leech", "suspended too"), ("Buried", "until tomorrow")):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, cells)
            if "leech" in front.lower():
                col.sched.suspend_cards(note.card_ids())
            if front == "Buried":
                col.sched.bury_cards(note.card_ids(), manual=True)
        picture = folder / "diagram.png"
        picture.write_bytes(PNG)
        occlusion = col.models.by_name("Image Occlusion")
        col.decks.select(col.decks.id("Bio::Pictures"))  # where the new note goes
        col.add_image_occlusion_note(
            notetype_id=occlusion["id"], image_path=str(picture),
            occlusions="{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}",
            header="Name it", back_extra="", tags=[])

    return anki_deck(folder, "Bio", add, "bio.apkg", with_scheduling=True, with_media=True)


def test_suspended_cards_are_said_and_occlusion_is_a_subdeck_like_the_others(tmp_path, capsys):
    deck = _deck(tmp_path)
    out = tmp_path / "bio.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    sys.stderr.write(err)
    assert ("warning: 2 cards suspended in Anki (such as note 2 \"Leech\" (Basic)): imported "
            "with the deck's history (quizapp import --with-history NAME), they stay "
            "suspended for that learner, out of flashcards, practice and the due counts; a "
            "bank alone holds no one's study, so otherwise they come up like the others until "
            "a learner suspends them (@ on a flashcard)") in err
    # buried is for a day in Anki: the card comes up, and the import says so (interop21;
    # before it said nothing, and a card buried today came up in quizapp without a word)
    assert ('1 card buried in Anki (such as note 4 "Buried" (Basic)): Anki shows a buried '
            "card again the next day, so in quizapp it comes up as usual") in err
    assert "image occlusion" not in err
    assert ("a bank is one deck: the cards of the deck's subdecks are tagged with their "
            "subdeck ('Anki deck: Cells' (4 notes), 'Anki deck: Pictures' (1 note))") in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None and len(bank.questions) == 5
    tags = [[t for t in q.tags if t.startswith("Anki deck:")] for q in bank.questions]
    assert tags == [["Anki deck: Cells"]] * 4 + [["Anki deck: Pictures"]]
