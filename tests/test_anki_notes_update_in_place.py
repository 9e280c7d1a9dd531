"""Anki -> quizapp -> Anki: a note that came from Anki goes back in its own note type (its
id, field and card template names: Question.anki_note_type), so that importing the export
into the collection it came from updates the note in place. Before, it went back in
quizapp's note type, which Anki does not update a note from: the learner's notes were
left as they were ("conflicting"), and an edit made in quizapp never reached them."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck, notes_adder  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.anki_note_type import AnkiNoteType  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

NOTES = (
    ("Basic", ("Who was USTR in 1995?", "Mickey Kantor")),
    ("Basic (and reversed card)", ("tariff", "a tax on imports")),
    ("Basic (type in the answer)", ("Where were the talks held?", "Geneva")),
    # its third field (Add Reverse) is on no card: it says whether there is a card 2
    ("Basic (optional reversed card)", ("USTR", "United States Trade Representative", "y")),
    ("Basic (optional reversed card)", ("MITI", "Japan's trade ministry", "")),
)


def _collection(folder: Path) -> tuple[Path, Path]:
    """The learner's collection (in `folder`) and its deck, exported."""

    return folder / "collection.anki2", anki_deck(folder, "Trade", notes_adder(NOTES),
                                                  "trade.apkg")


def test_an_edit_made_in_quizapp_updates_the_learners_note_in_anki(tmp_path, capsys):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    collection, deck = _collection(tmp_path)
    bank_file = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    bank = load_bank(bank_file, use_cache=False).raise_for_errors()
    kept = {q.prompt: AnkiNoteType.from_text(q.anki_note_type or "") for q in bank.questions}
    assert {k: (v.name, v.cards, v.card) for k, v in kept.items() if v} == {
        "Who was USTR in 1995?": ("Basic", ("Card 1",), 1),
        "tariff": ("Basic (and reversed card)", ("Card 1", "Card 2"), 1),
        "a tax on imports": ("Basic (and reversed card)", ("Card 1", "Card 2"), 2),
        "Where were the talks held?": ("Basic (type in the answer)", ("Card 1",), 1),
        "USTR": ("Basic (optional reversed card)", ("Card 1", "Card 2"), 1),
        "United States Trade Representative": (
            "Basic (optional reversed card)", ("Card 1", "Card 2"), 2),
        "MITI": ("Basic (optional reversed card)", ("Card 1", "Card 2"), 1),
    }
    # the teacher corrects a back, and a front with the reversed card's back, and exports
    text = bank_file.read_text(encoding="utf-8")
    text = text.replace("back: Mickey Kantor", "back: Mickey Kantor (USTR 1993-1996)")
    text = text.replace("front: tariff", "front: tariff (a duty)")
    text = text.replace("back: tariff", "back: tariff (a duty)")
    bank_file.write_text(text, encoding="utf-8")
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back)]) == 0
    assert "reversed card" not in capsys.readouterr().err

    col = Collection(str(collection))
    try:
        templates = {m["name"]: [t["qfmt"] for t in m["tmpls"]] for m in col.models.all()}
        notes_before, cards_before = len(col.find_notes("")), len(col.find_cards(""))
        log = col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions())).log
        assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, 5)
        assert (len(col.find_notes("")), len(col.find_cards(""))) == (notes_before,
                                                                      cards_before)
        fields = sorted(tuple(f.split("<!--")[0] for f in col.get_note(n).fields)
                        for n in col.find_notes(""))
        # the learner's note types are as they were (Anki keeps its own templates)
        assert {m["name"]: [t["qfmt"] for t in m["tmpls"]] for m in col.models.all()} == \
            templates
    finally:
        col.close()
    assert fields == sorted([
        ("Who was USTR in 1995?", "Mickey Kantor (USTR 1993-1996)"),
        ("tariff (a duty)", "a tax on imports"),
        ("Where were the talks held?", "Geneva"),
        ("USTR", "United States Trade Representative", "y"),
        ("MITI", "Japan's trade ministry", ""),
    ])


def test_a_note_whose_cards_do_not_give_back_its_fields_keeps_quizapps_note_type(tmp_path):
    """A Cloze note, or a Basic note whose template adds words around a field: its fields
    cannot be written again from its cards, so it goes back as before (never doubled)."""
    def add_notes(col, deck) -> None:
        basic = col.models.by_name("Basic")
        basic["tmpls"][0]["qfmt"] = "Say: {{Front}}"
        col.models.update_dict(basic)
        note = col.new_note(basic)
        note["Front"], note["Back"] = "Who was USTR?", "Kantor"
        col.add_note(note, deck)

    out = anki_deck(tmp_path, "Trade", add_notes, "worded.apkg")
    bank_file = tmp_path / "worded.yaml"
    assert main(["import", str(out), "-o", str(bank_file), "-q"]) == 0
    (q,) = load_bank(bank_file, use_cache=False).raise_for_errors().questions
    assert q.prompt == "Say: Who was USTR?" and q.anki_note_type is None


def test_a_reversed_card_edited_alone_is_said(tmp_path, capsys):
    _, deck = _collection(tmp_path)
    bank_file = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("back: tariff", "back: tariff (a duty)"),
                         encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(bank_file), "-o", str(tmp_path / "back.apkg")]) == 0
    assert "is the reversed card of another question's Anki note" in capsys.readouterr().err


@pytest.mark.parametrize(("written", "said"), [
    ("{id: x, name: Basic, fields: [Front, Back]}", "needs an id"),
    ("{id: 17, name: Basic, fields: [Front]}", "needs fields"),
    ("{id: 17, name: Basic, fields: [Front, Back, Add Reverse], cards: [Card 1]}",
     "needs extra: the values of its 1 field(s) after the second"),
    ("{id: 17, name: Basic, fields: [Front, Back], cards: [Card 1], card: 2}",
     "has card 2, but its cards are 1"),
    ("[17, Basic]", "should be a mapping"),
    # the keys of a cloze or image occlusion note's type
    ("{id: 17, name: Cloze, kind: clozed, fields: [Text, Extra], cards: [Cloze]}",
     "has kind 'clozed'; it is basic, cloze or occlusion"),
    ("{id: 17, name: Cloze, kind: cloze, fields: [Text, Extra], cards: [Cloze], card: 2}",
     "has card 2; a cloze note is one question: card 1"),
    ("{id: 17, name: Cloze, kind: cloze, fields: [Text, Extra], cards: [Cloze], "
     "blanks: [1, 0]}", "has blanks: the cloze numbers of a cloze note's blanks"),
    ("{id: 17, name: Basic, fields: [Front, Back], cards: [Card 1], blanks: [1]}",
     "has blanks, which only a cloze note has"),
    ("{id: 17, name: IO, kind: occlusion, fields: [Header, Back Extra], cards: [IO]}",
     "needs picture: the path of its picture in the bank"),
    ("{id: 17, name: IO, kind: occlusion, fields: [Header, Back Extra], cards: [IO], "
     "picture: a.png, sides: [0, 2]}", "has sides [0, 2]: the positions of the two fields"),
])
def test_a_note_type_edited_by_hand_into_nonsense_is_said_where(tmp_path, capsys, written,
                                                                 said):
    bank_file = tmp_path / "hand.yaml"
    bank_file.write_text("title: Hand\nid: hand\nquestions:\n- id: a\n  type: flashcard\n"
                         f"  front: F\n  back: B\n  anki_note_type: {written}\n",
                         encoding="utf-8")
    assert main(["validate", str(bank_file)]) == 1
    err = capsys.readouterr()
    assert "hand.yaml:8:" in err.out + err.err and said in err.out + err.err
