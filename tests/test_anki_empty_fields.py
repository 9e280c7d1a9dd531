"""Notes whose fields are empty, as Anki users have them: a card with an empty side is left
out, each with a warning that names its note as the teacher finds it in Anki's browser (a
note whose first field is only a picture was named as if that field were empty), and the
rest of the deck comes in."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def _deck(tmp_path):
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

    return anki_deck(tmp_path, "Empty", add, "empty.apkg", with_media=True)


def test_an_empty_back_comes_in_and_an_empty_front_is_left_out(tmp_path, capsys):
    deck = _deck(tmp_path)
    out = tmp_path / "empty.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    # Anki shows the card of a note whose Back is empty: its front, then nothing more
    assert "Front only" not in err and "One way" not in err and "lung.png'" not in err
    assert ("note 5 (its first field is empty) (Basic): card 1 has an empty front; "
            "it was skipped") in err
    assert "card 2" not in err
    assert 'back: ""' in out.read_text(encoding="utf-8")
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [(q.prompt, q.back) for q in bank.questions] == [
        ("Front only", ""), ("![picture](empty-files/lung.png)", ""), ("One way", ""), ("Kept", "its back")]


def test_an_empty_back_goes_back_to_anki_empty(tmp_path, capsys):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    bank = tmp_path / "empty.yaml"
    assert main(["import", str(_deck(tmp_path)), "-o", str(bank)]) == 0
    again = tmp_path / "again.apkg"
    assert main(["export", str(bank), "-o", str(again), "-q"]) == 0
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(again), options=ImportAnkiPackageOptions()))
        notes = {(n := col.get_note(nid)).fields[0]: n.fields[1] for nid in col.find_notes("")}
    finally:
        col.close()
    # the back holds only the invisible mark of the question's id, nothing a learner sees
    assert re.sub(r"<!--.*?-->", "", notes["Front only"]) == ""
    assert re.sub(r"<!--.*?-->", "", notes["One way"]) == ""
    assert re.sub(r"<!--.*?-->", "", notes["Kept"]) == "its back"


@pytest.mark.parametrize(("back", "problem"), [
    ('""', None),  # written on purpose: a card with nothing on its back
    ("''", None),
    ("", "'back' is empty; for a card with nothing on its back write back: \"\""),
    ("~", "'back' is empty; for a card with nothing on its back write back: \"\""),
    ("   ", "'back' is empty; for a card with nothing on its back write back: \"\""),
])
def test_a_back_left_empty_on_purpose_is_written_in_quotes(back, problem):
    from quizapp.core.loader import load_bank_text

    result = load_bank_text(f"title: T\nid: t\nquestions:\n- id: c\n  type: flashcard\n"
                            f"  front: Recite the oath\n  back: {back}\n")
    said = [p.message for p in result.problems]
    if problem is None:
        assert not said and result.bank is not None
        assert result.bank.questions[0].back == ""
    else:
        assert any(problem in p for p in said), said


@pytest.mark.parametrize("suffix", ["xml", "gift"])
def test_moodle_formats_name_the_card_with_an_empty_back_they_leave_out(tmp_path, capsys,
                                                                         suffix):
    bank = tmp_path / "empty.yaml"
    assert main(["import", str(_deck(tmp_path)), "-o", str(bank)]) == 0
    out = tmp_path / f"empty.{suffix}"
    capsys.readouterr()
    assert main(["export", str(bank), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("its back is empty, and Moodle's short answer it would become needs an "
                     "answer (the back); it was left out") == 3
    again = tmp_path / "again.yaml"
    assert main(["import", str(out), "-o", str(again)]) == 0
    [card] = load_bank(again, use_cache=False).bank.questions
    assert (card.prompt, card.back) == ("Kept", "its back")
