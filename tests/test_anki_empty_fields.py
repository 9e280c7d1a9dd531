"""Notes whose fields are empty, as Anki users have them: a card with an empty side is left
out, each with a warning that names its note as the teacher finds it in Anki's browser (a
note whose first field is only a picture was named as if that field were empty), and the
rest of the deck comes in."""

from __future__ import annotations

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def test_empty_sides_are_left_out_and_each_note_is_named(tmp_path, capsys):
    def add(col, deck_id):
        picture = col.media.write_data("lung.png", PNG)
        for model, fields in (
                ("Basic", ["Front only", ""]),
                ("Basic", [f'<img src="{picture}">', ""]),  # a picture, no back
                ("Basic (and reversed card)", ["One way", ""]),  # Anki makes no card 2
                ("Basic (optional reversed card)", ["Kept", "its back", ""]),
                ("Basic", ["<br>", "blank front"])):
            note = col.new_note(col.models.by_name(model))
            for n, value in enumerate(fields):
                note.fields[n] = value
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Empty", add, "empty.apkg", with_media=True)
    out = tmp_path / "empty.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    for label in ('note 1 "Front only" (Basic)',
                  "note 2 (its first field is the picture 'lung.png') (Basic)",
                  'note 3 "One way" (Basic (and reversed card))',
                  "note 5 (its first field is empty) (Basic)"):
        assert f"{label}: card 1 has an empty side; it was skipped" in err, label
    assert "card 2" not in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [(q.prompt, q.back) for q in bank.questions] == [("Kept", "its back")]
