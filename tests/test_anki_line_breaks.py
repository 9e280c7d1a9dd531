"""An Anki field's lines: Anki's editor starts a new line with <br> or a <div>, and a raw
line break in the HTML shows as a space. quizapp shows the same lines, and gives them back
to Anki as <br> (an imported '<br>' became a single newline, which Markdown shows as a
space: 'The mitochondrion (plural: mitochondria)' on one line)."""

import zipfile
from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze, Flashcard  # noqa: E402
from quizapp.rendering.markdown import safe_document  # noqa: E402

NOTES = [
    ("Powerhouse?", "The <i>mitochondrion</i><br>(plural: mitochondria)"),
    ("Lines in divs<div>second line</div><div>third line</div>", "one"),
    ("A raw\nline break", "is a space, as in Anki"),
    ("Item with a break", "<ul><li>first<br>still first</li><li>second</li></ul>"),
    ("Backslash at the end C:\\<br>next", "x"),
    ("Code", "<pre>keep\n  this</pre>after"),
    ("Pipes", "a<br>| not a table |<br>b"),
    ("Item in a paragraph", "<ul><li><p>para one</p></li><li><div>two</div></li></ul>"),
]


def _deck(folder: Path, legacy: bool) -> Path:
    def add(col, deck_id):
        for front, back in NOTES:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"] = "{{c1::Paris}} is the capital<br>of {{c2::France}}"
        col.add_note(cloze, deck_id)
        broken = col.new_note(col.models.by_name("Cloze"))
        broken["Text"] = "An answer on two lines: {{c1::New<br>York}}"
        col.add_note(broken, deck_id)

    return anki_deck(folder, "Lines", add, f"lines-{legacy}.apkg", legacy=legacy)


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "current"])
def bank(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki")
    out = folder / "lines.yaml"
    assert main(["import", str(_deck(folder, request.param)), "-o", str(out), "-q"]) == 0
    loaded = load_bank(out, use_cache=False).bank
    assert loaded is not None
    return out, loaded


def _shown_lines(markdown: str) -> list[str]:
    """The lines the app draws for a text (a hard break is a line separator in Qt)."""
    return [line.strip() for line in safe_document(markdown).toPlainText().splitlines()]


def _cards(bank) -> dict[str, Flashcard]:
    return {q.prompt: q for q in bank[1].questions if isinstance(q, Flashcard)}


def test_a_br_is_a_line_break_in_the_app(bank):
    card = _cards(bank)["Powerhouse?"]
    assert _shown_lines(card.back) == ["The mitochondrion", "(plural: mitochondria)"]


def test_divs_are_lines_and_a_raw_line_break_is_a_space(bank):
    cards = _cards(bank)
    divs = next(c for c in cards.values() if c.prompt.startswith("Lines in divs"))
    # (two <div>s in a row are read as two paragraphs: a line apart, as Anki shows them)
    assert [line for line in _shown_lines(divs.prompt) if line] == [
        "Lines in divs", "second line", "third line"]
    raw = next(c for c in cards.values() if c.prompt.startswith("A raw"))
    assert _shown_lines(raw.prompt) == ["A raw line break"]


def test_a_list_item_keeps_its_break_and_the_list_stays_one(bank):
    card = _cards(bank)["Item with a break"]
    assert [line for line in _shown_lines(card.back) if line] == [
        "first", "still first", "second"]


def test_a_backslash_before_a_break_and_a_code_block_stay_as_written(bank):
    cards = _cards(bank)
    backslash = next(c for c in cards.values() if c.prompt.startswith("Backslash"))
    assert _shown_lines(backslash.prompt) == ["Backslash at the end C:\\", "next"]
    code = cards["Code"]
    assert "keep\n  this" in code.back and "\\" not in code.back


def test_a_cloze_text_keeps_its_break(bank):
    cloze, broken = (q for q in bank[1].questions if isinstance(q, Cloze))
    assert cloze.text.split("\n") == ["{{Paris}} is the capital\\", "of {{France}}"]
    # an answer is typed on one line: its break is a space, never a backslash to type
    assert broken.text == "An answer on two lines: {{New York}}"


def test_the_breaks_go_back_to_anki_as_br(bank, tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    source, _ = bank
    out = tmp_path / "lines.apkg"
    assert main(["export", str(source), "-o", str(out), "-q"]) == 0
    assert zipfile.is_zipfile(out)
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(out), options=ImportAnkiPackageOptions()))
        fields = [field for nid in col.find_notes("") for field in col.get_note(nid).fields]
    finally:
        col.close()
    joined = "\n".join(fields)
    assert "The <i>mitochondrion</i><br>(plural: mitochondria)" in joined
    assert "Backslash at the end C:\\<br>next" in joined
    assert "still first" in joined and "\\<br>" not in joined.replace("C:\\<br>", "")


def test_a_line_starting_with_a_bar_is_a_line_and_an_items_paragraph_its_text(bank):
    """A line that merely starts with '|' is no table row: its breaks are kept; an item
    whose text is a <p> or <div> of its own has that text beside its bullet."""
    cards = _cards(bank)
    assert _shown_lines(cards["Pipes"].back) == ["a", "| not a table |", "b"]
    assert _items_of(cards["Item in a paragraph"].back) == ["para one", "two"]


def _items_of(markdown: str) -> list[str]:
    doc = safe_document(markdown)
    items, block = [], doc.begin()
    while block.isValid():
        if block.textList() is not None:
            items.append(block.text())
        block = block.next()
    return items
