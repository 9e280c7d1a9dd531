"""Lists through Anki and back: a list inside a list's item stays inside it in the app and in
Anki again, a numbered list keeps its first number, and a list whose items are a blank line
apart (as every list read from Anki is) goes back to Anki as one list, not one list per item
(Anki numbered each of those '1.')."""

import re
from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402
from quizapp.rendering.markdown import safe_document  # noqa: E402

NESTED = ("<ul><li>nucleus</li><li>ribosome<ul><li>free</li><li>bound</li></ul></li>"
          "<li>membrane</li></ul>")
NUMBERED = ("<ol><li>Nucleus holds DNA</li><li>Ribosomes make protein<ol><li>on the ER</li>"
            "<li>in cytosol</li></ol></li></ol>")
STARTING = '<ol start="3"><li>three</li><li>four</li></ol>'


def _deck(folder: Path, legacy: bool) -> Path:
    def add(col, deck_id):
        for front, back in (("Parts", NESTED), ("Steps", NUMBERED), ("From three", STARTING)):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)

    return anki_deck(folder, "Cells", add, f"cells-{legacy}.apkg", legacy=legacy)


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "current"])
def bank(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("anki")
    out = folder / "cells.yaml"
    assert main(["import", str(_deck(folder, request.param)), "-o", str(out), "-q"]) == 0
    return out


def _backs(path: Path) -> dict[str, str]:
    loaded = load_bank(path, use_cache=False).bank
    assert loaded is not None
    return {q.prompt: q.back for q in loaded.questions if isinstance(q, Flashcard)}


def _items(markdown: str) -> list[tuple[str, int, int]]:
    """Each list item the app draws: its text, its nesting level and its number."""
    doc = safe_document(markdown)
    out = []
    block = doc.begin()
    while block.isValid():
        listed = block.textList()
        if listed is not None:
            out.append((block.text(), listed.format().indent(), listed.itemNumber(block) + 1))
        block = block.next()
    return out


def test_a_list_inside_an_item_is_inside_it_in_the_app(bank):
    backs = _backs(bank)
    assert _items(backs["Parts"]) == [
        ("nucleus", 1, 1), ("ribosome", 1, 2), ("free", 2, 1), ("bound", 2, 2),
        ("membrane", 1, 3)]
    assert _items(backs["Steps"]) == [
        ("Nucleus holds DNA", 1, 1), ("Ribosomes make protein", 1, 2), ("on the ER", 2, 1),
        ("in cytosol", 2, 2)]
    assert backs["From three"].startswith("3. three")


def _anki_backs(apkg: Path, folder: Path) -> dict[str, str]:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(folder / "check.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(apkg), options=ImportAnkiPackageOptions()))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        # the back ends with the invisible mark of the question's id
        return {n.fields[0]: re.sub(r"<!--.*?-->", "", n.fields[1]) for n in notes}
    finally:
        col.close()


def test_the_lists_go_back_to_anki_as_anki_had_them(bank, tmp_path):
    out = tmp_path / "cells.apkg"
    assert main(["export", str(bank), "-o", str(out), "-q"]) == 0
    backs = _anki_backs(out, tmp_path)
    assert backs == {"Parts": NESTED, "Steps": NUMBERED, "From three": STARTING}


def test_a_loose_list_written_in_quizapp_is_one_list_in_anki(tmp_path):
    bank = tmp_path / "loose.yaml"
    bank.write_text(
        "title: Loose\nid: loose\nquestions:\n"
        "- id: order\n  type: flashcard\n  front: The steps\n"
        "  back: |-\n    1. first\n\n    2. second\n       on two lines\n\n    3. third\n",
        encoding="utf-8")
    out = tmp_path / "loose.apkg"
    assert main(["export", str(bank), "-o", str(out), "-q"]) == 0
    assert _anki_backs(out, tmp_path) == {
        "The steps": "<ol><li>first</li><li>second<br>on two lines</li><li>third</li></ol>"}


def test_a_list_nested_thousands_deep_stays_small(tmp_path):
    """Every line of a list N deep is indented by about 2N: 3,000 nested <ul> (36 KB of
    HTML) wrote 9 MB of spaces. Lists deeper than MAX_NESTED_LISTS are drawn at that
    depth."""
    from quizapp.interop._common import MAX_NESTED_LISTS

    depth = 3000
    deep = "<ul><li>x" * depth + "</li></ul>" * depth

    def add(col, deck_id):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "Deep", deep
        col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Deep", add, "deep.apkg")
    out = tmp_path / "deep.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    back = _backs(out)["Deep"]
    assert len(back) < 2 * len(deep)
    lines = [line for line in back.split("\n") if line.strip()]
    assert len(lines) == depth
    indents = {len(line) - len(line.lstrip()) for line in lines}
    assert indents == {2 * level for level in range(MAX_NESTED_LISTS)}


@pytest.mark.parametrize(("text", "is_list"), [
    ("\u0663. an Arabic-Indic digit", False), ("\uff11) a fullwidth one", False),
    ("-\x1cseparator", False), ("3. three", True), ("- dash", True),
])
def test_the_export_takes_a_line_for_a_list_item_when_the_app_does(text, is_list):
    from quizapp.interop.apkg_html import markdown_html

    assert (safe_document(text).begin().textList() is not None) is is_list
    assert markdown_html(text).startswith(("<ol", "<ul")) is is_list
