"""Anki's <div>s, as its editor writes them: '<div>a</div><div>b</div>' is two lines with no
gap, '<div>a</div><div><br></div><div>b</div>' two paragraphs with an empty line between.
quizapp read both as two paragraphs, and wrote every paragraph back to Anki as 'a<br>b':
after a round trip Anki -> quizapp -> Anki, the gaps between a note's paragraphs were gone."""

import subprocess
import sys

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402
from quizapp.rendering.markdown import safe_document  # noqa: E402

NOTES = {
    # Anki's editor: an empty line is a <div> holding a <br>
    "Paragraphs": "<div>First paragraph.</div><div><br></div><div>Second paragraph.</div>",
    # the first line is not in a <div> of its own (what the editor writes after typing)
    "Editor": "Typed line<div><br></div><div>after an empty line</div><div>next line</div>",
    "Lines": "<div>one</div><div>two</div><div>three</div>",
    # older Anki (and Windows) wrote the empty line as a non-breaking space
    "Nbsp": "<div>p1</div><div>&nbsp;</div><div>p2</div>",
    "Trailing break": "<div>x<br></div><div>y</div>",
    "Empty div": "<div>a</div><div> </div><div>b</div>",
    "List": "<div>Steps:</div><ul><li><div>first</div></li><li>second</li></ul><div>done</div>",
}

MARKDOWN = {  # as Anki draws them: a gap is a blank line (two paragraphs), lines a hard break
    "Paragraphs": "First paragraph.\n\nSecond paragraph.",
    "Editor": "Typed line\n\nafter an empty line\\\nnext line",
    "Lines": "one\\\ntwo\\\nthree",
    "Nbsp": "p1\n\np2",
    "Trailing break": "x\\\ny",
    "Empty div": "a\\\nb",
}


def _shown_lines(markdown: str) -> list[str]:
    """The lines the app draws for a text (a hard break is a line separator in Qt)."""
    return [line.strip() for line in safe_document(markdown).toPlainText().splitlines()]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("divs")

    def add(col, deck_id):
        for front, back in NOTES.items():
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)

    deck = anki_deck(folder, "Divs", add, "divs.apkg")
    out = folder / "divs.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    return out, {q.prompt: q for q in bank.questions if isinstance(q, Flashcard)}


def test_the_app_shows_the_lines_and_gaps_anki_shows(imported):
    _, cards = imported
    for front, text in MARKDOWN.items():
        assert cards[front].back == text, front
    assert _shown_lines(cards["Lines"].back) == ["one", "two", "three"]
    paragraphs = safe_document(cards["Paragraphs"].back)
    assert paragraphs.blockCount() == 2  # two paragraphs, which the app sets apart
    # a list is the reader's: its items, and the lines around it
    assert _shown_lines(cards["List"].back) == ["Steps:", "first", "second", "done"]


def test_the_gaps_go_back_to_anki_and_come_in_again(imported, tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    source, cards = imported
    out = tmp_path / "back.apkg"
    assert main(["export", str(source), "-o", str(out), "-q"]) == 0
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(out), options=ImportAnkiPackageOptions()))
        backs = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            backs[note.fields[0]] = note.fields[1].split("<!--")[0]  # before quizapp's id
    finally:
        col.close()
    # a gap is an empty line in Anki (two <br>s); lines of one paragraph one <br> apart
    assert backs["Paragraphs"] == "First paragraph.<br><br>Second paragraph."
    assert backs["Editor"] == "Typed line<br><br>after an empty line<br>next line"
    assert backs["Lines"] == "one<br>two<br>three"
    assert backs["Nbsp"] == "p1<br><br>p2"

    # and the deck Anki now holds reads as the bank it came from
    again = tmp_path / "again.yaml"
    assert main(["import", str(out), "-o", str(again), "-q"]) == 0
    bank = load_bank(again, use_cache=False).bank
    assert bank is not None
    for q in bank.questions:
        assert isinstance(q, Flashcard)
        assert q.back == cards[q.prompt].back, q.prompt


def test_a_hostile_field_is_read_in_linear_time(tmp_path):
    """Tags unclosed by the thousand: each token stops at the next '<' (a field of 40 kB
    of '<a' took 95 s when a tag could reach further)."""
    field = tmp_path / "field.html"
    hostile = "<a" * 40000 + '<a "x' * 20000 + "<!--" * 40000
    field.write_text("<div>lead</div><div>next</div>" + hostile, encoding="utf-8")  # no '>'
    script = (  # in a child whose CPU time is limited to 10 s
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_CPU, (10, 10))\n"
        "from quizapp.interop.anki_lines import div_lines\n"
        f"html = open({str(field)!r}, encoding='utf-8').read()\n"
        "print(div_lines(html).startswith('lead<br>next<br><a<a'))\n")
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=60)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "True"
