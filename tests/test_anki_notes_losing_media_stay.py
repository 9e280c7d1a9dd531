"""Anki -> quizapp -> Anki: a note that holds a sound, or a picture the deck lacks, loses it
on the way into quizapp (quizapp plays no sound; the picture is not there to copy). Written
back in its own note type, it updated the learner's note in Anki and took the sound or the
picture out of it. Such a note now keeps no note type: Anki leaves it as it is (its
"conflicting" list), the import says so, and the other notes are updated as before."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck, notes_adder  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

NOTES = (
    ("Basic", ("Who was USTR in 1995?", "Mickey Kantor")),
    ("Basic", ("What did Kantor tell the farm broadcasters?", "[sound:kantor.mp3] We'll stand up")),
    ("Basic", ("Where were the talks?", 'Geneva <img src="not-in-the-deck.png">')),
    ("Cloze", ("Talks in {{c1::Tokyo}} [sound:tokyo.mp3]", "")),
)


def test_a_note_that_lost_a_sound_or_a_picture_is_left_as_it_is_in_anki(tmp_path, capsys):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck = anki_deck(tmp_path, "Trade", notes_adder(NOTES), "trade.apkg")
    bank_file = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank_file)]) == 0
    assert ("3 notes (such as note 2 \"What did Kantor tell the farm broadcasters?\" (Basic)) "
            "hold a sound or a picture that quizapp could not keep: exported to Anki again, "
            "they stay as they are in Anki") in capsys.readouterr().err
    bank = load_bank(bank_file, use_cache=False).raise_for_errors()
    assert [q.anki_note_type is not None for q in bank.questions] == [True, False, False,
                                                                        False]
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("Mickey Kantor", "Mickey Kantor (USTR)")
                         .replace("stand up", "stand up to them"), encoding="utf-8")
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions())).log
        assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 3)
        fields = sorted(tuple(f.split("<!--")[0] for f in col.get_note(n).fields)
                        for n in col.find_notes(""))
    finally:
        col.close()
    assert fields == sorted([("Who was USTR in 1995?", "Mickey Kantor (USTR)"),
                             *(fields for _, fields in NOTES[1:])])
