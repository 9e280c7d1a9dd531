"""Anki -> quizapp -> Anki for Cloze and Image Occlusion notes: they go back in their own
note types (Question.anki_note_type: kind cloze or occlusion), so that importing the
export into the collection they came from updates them in place. Before, they went back in
quizapp's basic note type, and Anki left them as they were ("conflicting"): an edit made
in quizapp never reached the learner's notes. The learner's cards keep their scheduling
and their review history, and Anki's own note types are not touched. (A hand-edited note type of these kinds is
checked as the others are: tests/test_anki_notes_update_in_place.py.)"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck, package_collection, plain_picture  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.anki_note_type import AnkiNoteType  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze, Flashcard  # noqa: E402
from quizapp.interop.apkg import apkg_bytes  # noqa: E402

TEXT = "Talks in {{c1::Geneva::city}} went on into {{c2::June}}, said <b>Kantor</b>."
NONE = AnkiNoteType(1, "none", ("a", "b"), ("c",))
OCCLUSIONS = ("{{c1::image-occlusion:rect:left=.05:top=.1:width=.2:height=.3:oi=1}}"
              "{{c2::image-occlusion:ellipse:left=.4:top=.1:rx=.1:ry=.2:oi=1}}")


def _learners_collection(folder: Path) -> Path:
    """A collection with a cloze note of two cards and an image occlusion note of two,
    three cards studied, and its deck exported with the scheduling."""

    def add(col, deck) -> None:
        cloze = col.new_note(col.models.by_name("Cloze"))
        cloze["Text"], cloze["Back Extra"] = TEXT, "From a <i>Reuters</i> report"
        col.add_note(cloze, deck)
        picture = plain_picture(folder / "map.png", 300, 150)
        col.decks.select(deck)
        col.add_image_occlusion_note(
            notetype_id=col.models.by_name("Image Occlusion")["id"],
            image_path=str(picture), occlusions=OCCLUSIONS,
            header="Where were the <b>talks</b>?", back_extra="Low-level talks", tags=["map"])
        for _ in range(3):
            col.sched.answerCard(col.sched.getCard(), 3)
        col.db.execute("UPDATE notes SET mod = mod - 60")  # added a minute ago

    return anki_deck(folder, "Trade", add, "trade.apkg", with_scheduling=True,
                     with_media=True)


def _state(col) -> tuple:
    """What the learner has: each card's scheduling and the review log."""
    cards = col.db.all("SELECT id, nid, ord, type, queue, due, ivl, factor, reps, lapses, "
                       "data FROM cards ORDER BY id")
    return cards, col.db.all("SELECT * FROM revlog ORDER BY id")


def test_an_edit_made_in_quizapp_updates_cloze_and_occlusion_notes_in_anki(tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck = _learners_collection(tmp_path)
    bank_file = tmp_path / "bank" / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    bank = load_bank(bank_file, use_cache=False).raise_for_errors()
    kinds = [(type(q).__name__, AnkiNoteType.from_text(q.anki_note_type or ""))
             for q in bank.questions]
    assert sorted((k, t.kind if t else None, t.card if t else None) for k, t in kinds) == [
        ("Cloze", "cloze", 1), ("Flashcard", "occlusion", 1), ("Flashcard", "occlusion", 2)]
    # the teacher corrects the cloze's answer and the pictures' header and back
    text = bank_file.read_text(encoding="utf-8")
    for old, new in (("{{June}}", "{{July}}"), ("Where were the **talks**?",
                                                  "Where were the **auto talks**?"),
                     ("Low-level talks", "Low-level talks in Tokyo")):
        assert old in text
        text = text.replace(old, new)
    bank_file.write_text(text, encoding="utf-8")
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        templates = {m["name"]: (m["tmpls"], m["css"]) for m in col.models.all()}
        counts = len(col.find_notes("")), len(col.find_cards(""))
        studied = _state(col)
        assert len(studied[1]) == 3
        log = col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions())).log
        assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, 2)
        assert (len(col.find_notes("")), len(col.find_cards(""))) == counts
        assert _state(col) == studied  # no card rescheduled, no review lost
        assert {m["name"]: (m["tmpls"], m["css"]) for m in col.models.all()} == templates
        notes = {col.get_note(n).note_type()["name"]: col.get_note(n).fields
                 for n in col.find_notes("")}
    finally:
        col.close()
    text_field, back_extra = (f.split("<!--")[0] for f in notes["Cloze"])
    assert text_field == TEXT.replace("June", "July")  # its numbers and hint as they were
    assert back_extra == "From a <i>Reuters</i> report"
    occlusion, image, header, extra, comments = (f.split("<!--")[0]
                                                 for f in notes["Image Occlusion"])
    assert (occlusion, image, comments) == (OCCLUSIONS, '<img src="map.png">', "")
    assert (header, extra) == ("Where were the <b>auto talks</b>?", "Low-level talks in Tokyo")


def test_the_exported_notes_come_back_into_quizapp_as_the_same_questions(tmp_path):
    deck = _learners_collection(tmp_path)
    bank_file = tmp_path / "bank" / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0
    again = tmp_path / "bank" / "again.yaml"
    assert main(["import", str(back), "-o", str(again), "-q"]) == 0

    def described(path: Path) -> list[tuple]:
        bank = load_bank(path, use_cache=False).raise_for_errors()
        # (the occlusion's picture is in each bank's own folder of pictures)
        return sorted((q.id, type(q).__name__, q.anki_guid,
                       replace(AnkiNoteType.from_text(q.anki_note_type or "") or NONE,
                               picture=""),
                       q.text if isinstance(q, Cloze) else q.prompt.splitlines()[0],
                       q.back.splitlines()[-1] if isinstance(q, Flashcard) else q.explanation)
                      for q in bank.questions)

    assert described(again) == described(bank_file)


def test_a_blank_added_in_quizapp_takes_a_new_cloze_number_and_is_said(tmp_path, capsys):
    deck = _learners_collection(tmp_path)
    bank_file = tmp_path / "bank" / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("said **Kantor**", "said {{Kantor}}"), encoding="utf-8")
    data, warnings = apkg_bytes(load_bank(bank_file, use_cache=False).raise_for_errors())
    (cloze,) = (fields for kind, fields in _package_notes(data, tmp_path) if kind == "Cloze")
    assert cloze[0] == ("Talks in {{c1::Geneva::city}} went on into {{c2::June}}, said "
                        "{{c3::Kantor}}.")
    assert any("its Anki cloze note had 2 blank(s) and the question has 3" in w
               for w in warnings)


def _package_notes(data: bytes, folder: Path) -> list[tuple[str, list[str]]]:
    """(note type name, fields without quizapp's id marks) of each note of a package."""
    import json

    package = folder / "package.apkg"
    package.write_bytes(data)
    db = package_collection(package, folder)
    try:
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        return [(models[str(mid)]["name"], [f.split("<!--")[0] for f in flds.split("\x1f")])
                for mid, flds in db.execute("SELECT mid, flds FROM notes ORDER BY id")]
    finally:
        db.close()


def test_a_table_without_a_header_goes_back_without_an_empty_one(tmp_path):
    """Anki's table of plain rows comes in as a Markdown table, whose header (Markdown
    needs one) is empty; the export wrote that header as a row of empty bordered cells,
    which the learner's note showed after the trip. A header of empty cells is left out."""
    def add(col, deck) -> None:
        note = col.new_note(col.models.by_name("Cloze"))
        note["Text"] = ("Asked of Japan: <table><tr><td>{{c1::dealers}}</td><td>access</td>"
                        "</tr><tr><td>parts</td><td>purchase plans</td></tr></table>")
        col.add_note(note, deck)

    deck = anki_deck(tmp_path, "Trade", add, "trade.apkg")
    bank_file = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    data, _ = apkg_bytes(load_bank(bank_file, use_cache=False).raise_for_errors())
    ((_, (text, _)),) = _package_notes(data, tmp_path)
    assert "<th" not in text and "></td>" not in text
    assert [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr>.*?</tr>", text)] == [
        "{{c1::dealers}}access", "partspurchase plans"]


OCCLUSION_BANK = """title: Hand
id: hand
questions:
- id: a
  type: flashcard
  front: Where?
  back: There
  anki_note_type:
    id: 17
    name: Image Occlusion
    kind: occlusion
    fields: [Occlusion, Image, Header, Back Extra, Comments]
    cards: [Image Occlusion]
    extra: ['{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2}}',
            '<img src="map.png">', '']
    sides: [2, 3]
    picture: PICTURE
"""


@pytest.mark.parametrize(("picture", "said", "code"), [
    ("hand-files/gone.png", "hand.yaml:9:5: warning: in 'anki_note_type', the image "
     "'hand-files/gone.png' does not exist in the bank's folder: the export to Anki sends "
     "the note without its picture", 0),
    ("/etc/hosts", "hand.yaml:9:5: error: 'anki_note_type' picture: an image path must be "
     "relative to the bank's folder, not absolute", 1),
])
def test_an_occlusion_notes_picture_is_looked_at_by_validate(tmp_path, capsys, picture,
                                                             said, code):
    """The picture an image occlusion note's type keeps is one of the bank's pictures: a
    missing one is said (the export cannot give it back to Anki), one outside the bank's
    folder refused, as any picture of a bank."""
    bank_file = tmp_path / "hand.yaml"
    bank_file.write_text(OCCLUSION_BANK.replace("PICTURE", picture), encoding="utf-8")
    assert main(["validate", str(bank_file)]) == code
    err = capsys.readouterr()
    assert said in err.out + err.err
