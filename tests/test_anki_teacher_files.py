"""Anki decks as teachers bring them, and quizapp's cards as Anki shows them: Markdown around
a cloze blank, Anki's HTML and TeX read as what the teacher wrote, subdecks."""

from dataclasses import replace

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


def _basic_deck(folder, deck_name: str, notes: list[tuple[str, str, str]]):
    """A deck written by Anki's own library: Basic notes (front, back) in decks by name."""
    pytest.importorskip("anki.collection")  # the test dependency `anki`
    from helpers import anki_deck

    def add_notes(col, top) -> None:
        for deck, front, back in notes:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, col.decks.id(deck) if deck else top)

    return anki_deck(folder, deck_name, add_notes, "teacher.apkg", with_scheduling=False)


def _app_shows(markdown: str) -> str:
    """What the app shows of a bank's Markdown, as text."""
    from quizapp.rendering.markdown import safe_document

    return safe_document(markdown).toPlainText()


def test_anki_text_is_read_as_text_and_tex_as_its_source(qapp, tmp_path):
    deck = _basic_deck(tmp_path, "Edge", [
        ("", "# not a heading", "__dunder__ and snake_case"),
        ("", "1. not a list", "[b](x) * star"),
        ("", r"Math: \(x^2\)", r"\[E=mc^2\] and [$]y[/$]"),
        ("", "Table?", "<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr>"
                       "</table>"),
        ("", "Steps?", "<ol><li>first</li><li>second</li></ol>"),
        ("", "Underlined?", "the <u>powerhouse</u> and <s>old</s>"),
    ])
    bank, deck_read = anki_bank(deck)
    cards = {q.prompt: q for q in bank.questions}
    shown = {_app_shows(front): _app_shows(q.back) for front, q in cards.items()}
    assert shown == {
        "# not a heading": "__dunder__ and snake_case",
        "1. not a list": "[b](x) * star",
        r"Math: \(x^2\)": r"\[E=mc^2\] and [$]y[/$]",
        "Table?": "\nh1\nh2\na\nb\n",  # a table of two rows, not "h1h2 / ab"
        "Steps?": "first\nsecond",
        "Underlined?": "the powerhouse and old",
    }
    assert cards["Steps?"].back == "1. first\n\n2. second"  # an ordered list stays ordered
    assert cards["Table?"].back == "| h1 | h2 |\n| --- | --- |\n| a | b |"
    assert cards["Underlined?"].back == "the powerhouse and ~~old~~"
    said = [w.split("warning: ", 1)[1] for w in deck_read.warnings]
    assert said == [
        'note 3 "Math: \\(x^2\\)" (Basic): the TeX math \'\\(x^2\\)\' is shown as its TeX '
        "source: quizapp does not typeset math",
        'note 3 "Math: \\(x^2\\)" (Basic): the LaTeX \'[$]y[/$]\' is shown as its source: '
        "quizapp does not typeset math",
        'note 3 "Math: \\(x^2\\)" (Basic): the TeX math \'\\[E=mc^2\\]\' is shown as its TeX '
        "source: quizapp does not typeset math",
        "note 6 \"Underlined?\" (Basic): the underlined text 'powerhouse' is not underlined: "
        "Markdown has no underline",
    ]


def test_subdecks_become_tags_and_decks_again(tmp_path):
    anki_collection = pytest.importorskip("anki.collection")
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    deck = _basic_deck(teacher, "Teacher", [
        ("Teacher", "Top card?", "top"),
        ("Teacher::Biology", "Cell unit?", "the cell"),
        ("Teacher::Biology::Cells", "Powerhouse?", "mitochondria"),
        ("Teacher::Biology::Cells", "Nucleus holds?", "DNA"),
        ("Teacher::French", "le chat?", "the cat"),
    ])
    bank, read = anki_bank(deck)
    tags = {q.prompt: q.tags for q in bank.questions}
    assert tags == {"Top card?": (), "Cell unit?": ("Anki deck: Biology",),
                    "Powerhouse?": ("Anki deck: Biology::Cells",),
                    "Nucleus holds?": ("Anki deck: Biology::Cells",),
                    "le chat?": ("Anki deck: French",)}
    assert any("'Anki deck: Biology::Cells' (2 notes)" in w and "each tag is a subdeck again" in w
               for w in read.warnings)
    # exported, each subdeck is a deck again in Anki, its cards in it and untagged
    again = tmp_path / "again.apkg"
    export_with_warnings(replace(bank, title="Teacher"), again)
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(again), options=anki_collection.ImportAnkiPackageOptions()))
        in_decks = {}
        for d in col.decks.all_names_and_ids():
            for cid in col.find_cards(f"did:{d.id} -deck:{d.name}::*"):
                note = col.get_card(cid).note()
                in_decks[note.fields[0]] = (d.name, note.tags)
        assert in_decks == {"Top card?": ("Teacher", []), "Cell unit?": ("Teacher::Biology", []),
                            "Powerhouse?": ("Teacher::Biology::Cells", []),
                            "Nucleus holds?": ("Teacher::Biology::Cells", []),
                            "le chat?": ("Teacher::French", [])}
    finally:
        col.close()
    # and read by quizapp again, the whole bank is the one exported
    back_again, _ = anki_bank(again)
    assert back_again.questions == bank.questions


def test_a_cloze_with_markdown_around_its_blanks_comes_back_from_anki(qapp, tmp_path):
    """The tester's bank: each blank in bold, italics, code and strikethrough, and in a
    link and a list, exported to Anki and read back as the card Anki shows."""
    bank = Bank(id="emph", title="Emph", questions=(
        Cloze(id="c1", prompt="", text="Capital of France is **{{Paris}}** and *{{Berlin}}* "
              "is `{{code}}` and ~~{{gone}}~~."),
        Cloze(id="c2", prompt="", text="A [link {{word}}](http://example.org) and a list:\n\n"
              "- {{one}}\n- two"),
    ))
    deck = tmp_path / "emph.apkg"
    export_with_warnings(bank, deck)
    again, _ = anki_bank(deck)
    assert [(q.id, q.prompt, q.back) for q in again.questions] == [
        ("c1", r"Capital of France is **\[…\]** and *\[…\]* is `[…]` and ~~\[…\]~~.",
         "Capital of France is **Paris** and ***Berlin*** is `code` and ~~**gone**~~."),
        ("c2", "A [link \\[…\\]](http://example.org) and a list:\n\n- \\[…\\]\n\n- two",
         "A [link **word**](http://example.org) and a list:\n\n- **one**\n\n- two"),
    ]
    assert _app_shows(again.questions[0].prompt) == (
        "Capital of France is […] and […] is […] and […].")


def test_ankis_own_deck_tags_stay_tags_and_subdecks_stay_subdecks(tmp_path):
    """Anki tags that look like the import's subdeck tag ('deck::Java') are the note's own:
    through a bank file and back into Anki, every card is in its deck with its tags."""
    anki_collection = pytest.importorskip("anki.collection")
    from helpers import anki_deck

    from quizapp.core.loader import load_bank
    from quizapp.interop import import_to_file

    notes = [("Prog", "top deck with tag", ["deck::Java", "Deck::Upper"]),
             ("Prog::Sp ace / slash", "slash deck", ["deck::Other"]),
             ("Prog::Java::Generics", "generic", ["java"])]

    def add_notes(col, top) -> None:
        for deck, front, tags in notes:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "b"
            note.tags = list(tags)
            col.add_note(note, col.decks.id(deck))

    source = anki_deck(tmp_path, "Prog", add_notes, "prog.apkg", with_scheduling=False)
    bank_file = tmp_path / "prog.yaml"
    import_to_file(source, bank_file)
    result = load_bank(bank_file, use_cache=False)
    bank = result.raise_for_errors()
    assert [p.message for p in result.problems] == []
    out = tmp_path / "out" / "prog.apkg"
    out.parent.mkdir()
    assert [w for w in export_with_warnings(bank, out) if "subdeck" in w] == []

    col = anki_collection.Collection(str(out.parent / "collection.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(out), options=anki_collection.ImportAnkiPackageOptions()))
        placed = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            placed[card.note().fields[0]] = (col.decks.name(card.did), sorted(card.note().tags))
    finally:
        col.close()
    assert placed == {front: (deck, sorted(tags)) for deck, front, tags in notes}
    back_again, _ = anki_bank(out)
    assert back_again.questions == tuple(replace(q, line=0) for q in bank.questions)


def test_a_question_tagged_with_two_subdecks_goes_into_the_first_with_a_warning(tmp_path):
    bank = Bank(id="two", title="Two", questions=(
        Flashcard(id="f", prompt="front", back="back",
                  tags=("Anki deck: A", "Anki deck: B::C", "plain")),))
    warnings = export_with_warnings(bank, tmp_path / "two.apkg")
    assert [w.split(": warning: ")[1] for w in warnings if "subdecks" in w] == [
        "question 'f': its tags name 2 Anki subdecks ('A', 'B::C'); a card is in one deck, "
        "so it goes into 'A'"]
