"""An Anki card exported for Moodle: a flashcard is written as a short answer, and its
answer is what Moodle compares with what a learner types, as plain text. A tester found
the back's Markdown there ('The \\*mitochondrion\\*\\' and a stray backslash from a line
break): the answer is now the words the back shows, on one line, and the whole back, with
its formatting, is the answer's feedback, which quizapp reads back as the card's back."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402
from quizapp.core.moodle_match import shown_moodle_answer  # noqa: E402
from quizapp.interop.markdown_text import shown_line  # noqa: E402

NOTES = [  # Anki's HTML: literal asterisks, a line break, italics, a product, snake_case
    ("Powerhouse?", "The *mitochondrion*<br>(plural: mitochondria)"),
    ("Which organelle?", "The <i>mitochondrion</i>: 5*3 = 15 #1 of a_b_c"),
    ("Plain?", "Paris"),
]
# What a learner reads on each back, and so types in Moodle
SHOWN = [
    "The *mitochondrion* (plural: mitochondria)",
    "The mitochondrion: 5*3 = 15 #1 of a_b_c",
    "Paris",
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cards")

    def add(col, deck_id):
        for front, back in NOTES:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)

    deck = anki_deck(folder, "Cells", add, "cells.apkg")
    bank = folder / "cells.yaml"
    assert main(["import", str(deck), "-o", str(bank), "-q"]) == 0
    result = load_bank(bank, use_cache=False)
    assert result.bank is not None
    cards = result.bank.questions
    assert all(isinstance(card, Flashcard) for card in cards)
    assert cards[0].back == "The \\*mitochondrion\\*\\\n(plural: mitochondria)"  # as reported
    return bank, cards


def backs(path) -> list[str]:
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    assert all(isinstance(card, Flashcard) for card in result.bank.questions)
    return [card.back for card in result.bank.questions]


def test_the_moodle_xml_answer_is_the_words_the_back_shows(imported, capsys):
    bank, cards = imported
    out = bank.parent / "cells.xml"
    assert main(["export", str(bank), "-o", str(out), "--force", "-q"]) == 0
    questions = ET.parse(out).getroot().findall("question[@type='shortanswer']")
    answers = [q.find("answer") for q in questions]
    # Moodle reads '\*' in an answer as an asterisk ('*' alone is any text)
    assert [shown_moodle_answer(a.findtext("text")) for a in answers] == SHOWN
    assert [a.findtext("feedback/text").strip() for a in answers] == [
        "The \\*mitochondrion\\*  \n(plural: mitochondria)",  # Moodle's Markdown line break
        cards[1].back, "Paris"]

    again = bank.parent / "from-xml.yaml"
    capsys.readouterr()
    assert main(["import", str(out), "-o", str(again), "--force"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert backs(again) == [card.back for card in cards]


def test_the_gift_answer_is_the_words_the_back_shows(imported, capsys):
    bank, cards = imported
    out = bank.parent / "cells.gift"
    assert main(["export", str(bank), "-o", str(out), "--force", "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    # GIFT escapes ':', '=', '#' and a backslash; '\*' is Moodle's asterisk
    assert ("Powerhouse? {=The \\\\*mitochondrion\\\\* (plural\\: mitochondria)"
            "#The \\\\*mitochondrion\\\\*  \n(plural\\: mitochondria)}") in text
    assert "Which organelle? {=The mitochondrion\\: 5\\\\*3 \\= 15 \\#1 of a_b_c#" in text
    assert "Plain? {=Paris}" in text  # nothing more to show: no feedback

    again = bank.parent / "from-gift.yaml"
    capsys.readouterr()
    assert main(["import", str(out), "-o", str(again), "--force"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert backs(again) == [card.back for card in cards]


def test_a_gift_flashcard_written_before_keeps_its_answer_as_its_back(tmp_path):
    old = tmp_path / "old.gift"
    old.write_text("// quizapp: flashcard\n::card::[markdown]Capital of France? {=Paris}\n",
                   encoding="utf-8")
    bank = tmp_path / "old.yaml"
    assert main(["import", str(old), "-o", str(bank), "-q"]) == 0
    assert backs(bank) == ["Paris"]


@pytest.mark.parametrize(("markdown", "shown"), [
    ("**bold**, `a*b`, [a link](https://example.org) and ~~gone~~", "bold, a*b, a link and gone"),
    ("- one\n- two\n1. three", "one two three"),
    ("![a cell](cell.png) drawn", "a cell drawn"),
    ("C:\\\\\nnext &amp; <b>", "C:\\ next & <b>"),
    ("snake_case and 2*3*4, _one_", "snake_case and 234, one"),  # as Qt draws it
])
def test_shown_line_follows_what_the_app_draws(markdown, shown):
    assert shown_line(markdown) == shown


@pytest.mark.parametrize("markdown", [
    "The \\*mitochondrion\\*\\\n(plural: mitochondria)",
    "The *mitochondrion*: 5\\*3 = 15 #1 of a\\_b\\_c",
    "**bold**, `a*b`, [a link](https://example.org) and ~~gone~~",
    "- one\n- two\n1. three",
    "# A heading\n> a quote",
    "snake_case and 2*3*4, _one_ &amp; <b>",
])
def test_shown_line_is_the_text_the_app_shows(qapp, markdown):
    from quizapp.rendering.markdown import safe_document

    assert shown_line(markdown) == " ".join(safe_document(markdown).toPlainText().split())
