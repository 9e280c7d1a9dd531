"""Anki decks as teachers bring them, and quizapp's cards as Anki shows them: Markdown around
a cloze blank, Anki's HTML and TeX read as what the teacher wrote, subdecks."""

import pytest

from quizapp.core.model import Bank, Cloze, Flashcard
from quizapp.interop import export_with_warnings
from quizapp.interop.anki_import import anki_bank
from quizapp.interop.apkg import card_sides


def _shown(html_text: str) -> str:
    """What Anki's card shows, as text (Qt reads the HTML as a web view would)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html_text)
    return doc.toPlainText()


@pytest.mark.parametrize(("text", "front", "back"), [
    ("The capital is **{{Paris}}**.", "The capital is <b>[…]</b>.",
     "The capital is <b><b>Paris</b></b>."),
    ("Run `{{ls}}` first.", "Run <code>[…]</code> first.", "Run <code><b>ls</b></code> first."),
    ("It was ~~{{Bonn}}~~ Berlin.", "It was <s>[…]</s> Berlin.",
     "It was <s><b>Bonn</b></s> Berlin."),
    ("See [the {{treaty}}](https://example.org/t).",
     'See <a href="https://example.org/t">the […]</a>.',
     'See <a href="https://example.org/t">the <b>treaty</b></a>.'),
    ("A star: {{*}}, a bracket {{[}}.", "A star: […], a bracket […].",
     "A star: <b>*</b>, a bracket <b>[</b>."),
])
def test_markdown_around_a_blank_is_formatted_on_the_card(qapp, text, front, back):
    q = Cloze(id="c", prompt="", text=text)
    assert card_sides(q) == (front, back)


def test_a_bold_blank_comes_back_from_anki_as_written(qapp, tmp_path):
    bank = Bank(id="capitals", title="Capitals", questions=(
        Cloze(id="berlin", prompt="", text="The capital is **{{Berlin}}**."),))
    deck = tmp_path / "capitals.apkg"
    export_with_warnings(bank, deck)
    _, back = card_sides(bank.questions[0])
    assert "**" not in _shown(back) and _shown(back) == "The capital is Berlin."
    again, _ = anki_bank(deck)
    card = again.questions[0]
    assert isinstance(card, Flashcard)
    assert card.back.startswith("The capital is **Berlin**.")
    assert "****" not in card.back
