"""A card whose template quizapp does not render ({{hint:...}}, {{Tags}}) keeps each field
on the side its template puts it: a field only the back names stays on the back, a typed
answer on the front is the back's; the warning says which fields went where. Before, such
a card was read by field order (a second card as the first one reversed), which put the
answer on the front, under a warning that claimed 'the first field on the front'."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import add_note_type, anki_deck  # noqa: E402

from quizapp.core.model import Flashcard  # noqa: E402
from quizapp.interop import import_with_media  # noqa: E402


def build_deck(folder: Path, cards: list[tuple[str, str, str]],
               fields: list[str], values: list[str]) -> Path:
    def add_notes(col, deck) -> None:
        note = col.new_note(add_note_type(col, "Vocab DE", fields, cards))
        for n, value in enumerate(values):
            note.fields[n] = value
        col.add_note(note, deck)

    return anki_deck(folder, "German", add_notes, "german.apkg", legacy=False)


FIELDS = ["Word", "Meaning", "Example", "Picture"]
VALUES = ["Hund", "dog", "<i>Der Hund bellt.</i>", '<img src="dog.jpg">']


def test_the_answer_only_on_the_back_stays_on_the_back(tmp_path):
    deck = build_deck(tmp_path, [
        ("Read", "{{Word}}", "{{FrontSide}}<hr id=answer>{{Meaning}}"),
        ("Recall", "{{Meaning}} {{type:Word}}", "{{hint:Example}} {{Word}}"),
    ], FIELDS, VALUES)
    imported = import_with_media(deck, media_folder="german-files")
    cards = [(q.prompt, q.back) for q in imported.bank.questions if isinstance(q, Flashcard)]
    assert cards == [("Hund", "dog"), ("dog", "*Der Hund bellt.*\n\nHund")]
    said = [w.split(": warning: ", 1)[1] for w in imported.warnings]
    assert said == [
        "note type 'Vocab DE', card template 'Recall': it uses {{hint:Example}}; quizapp does "
        "not render it, so its cards show the fields its front names on the front ('Meaning') "
        "and the others it names on the back ('Example', 'Word'); a typed answer or a hint on "
        "the front goes on the back, as Anki shows it only when asked",
        # the picture is on no card: Anki never shows it, and neither does quizapp
        "note type 'Vocab DE': the field(s) 'Picture' are on none of its cards, so Anki never "
        "shows them; they were left out",
    ]


def test_a_front_naming_no_field_is_read_by_field_order_and_says_so(tmp_path):
    deck = build_deck(tmp_path, [("Tagged", "{{Tags}}", "{{Word}}")], FIELDS[:2], VALUES[:2])
    imported = import_with_media(deck, media_folder="german-files")
    [card] = imported.bank.questions
    assert (card.prompt, card.back) == ("Hund", "dog")
    [said] = imported.warnings
    assert said.endswith("card template 'Tagged': it uses {{Tags}}; quizapp does not render "
                         "it, so its cards were read by field order (the first field on the "
                         "front, the others on the back)")


def test_a_second_card_read_by_field_order_is_said_to_be_the_first_reversed(tmp_path):
    """Templates quizapp cannot draw that name no field on one side: the cards are read by
    field order, the second as the first turned round, and the warning for the second card
    says so (it claimed 'the first field on the front' while its back held that field)."""
    deck = build_deck(tmp_path, [
        ("Recognise", "{{hint:Example}}", "{{Word}} {{Meaning}}"),
        ("Produce", "{{hint:Example}} ", "{{Meaning}} {{Word}}"),
    ], FIELDS[:3], VALUES[:3])
    imported = import_with_media(deck, media_folder="german-files")
    cards = [(q.prompt, q.back) for q in imported.bank.questions if isinstance(q, Flashcard)]
    assert cards[1][1] == "Hund"  # the second card: the first field on its back
    said = " | ".join(w.split(": warning: ", 1)[1] for w in imported.warnings)
    assert "card template 'Produce'" in said
    produce = [w for w in imported.warnings if "'Produce'" in w][0]
    assert "as the first card reversed" in produce and "first field on the back" in produce
