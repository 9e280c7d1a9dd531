"""A cloze blank to pick from, and answers worth part of the marks, in the exports a
teacher prints or hands on: the PDF paper and its key, GIFT, an Anki deck."""

from __future__ import annotations

from quizapp.cli import main
from quizapp.core.loader import load_bank_text
from quizapp.core.model import Bank, Cloze, ShortAnswer
from quizapp.interop.apkg import card_sides
from quizapp.interop.yaml_writer import bank_to_yaml

PICK = Cloze(id="who", prompt="", text="{{Kantor}} will meet Hashimoto on {{Wednesday}}.",
             blank_marks=((1, (), (("Brown", "No, Commerce."),), None),
                          (1, (("Monday", 0.5),), (), None)),
             blank_choices=(("Brown", "Kantor", "Garten"), ("Monday", "Wednesday", "Friday")),
             pinned_choices=(0, 1))
PARTLY = ShortAnswer(id="where", prompt="Where did the low-level talks take place?",
                     answers=("Tokyo",), partly_right=(("Japan", 0.5),))


def test_the_paper_shows_a_blanks_choices_and_the_key_its_part_marks(qapp):
    from quizapp.interop.pdf import quiz_html

    page = quiz_html(Bank(id="p", title="P", questions=(PICK, PARTLY)))
    paper, key = page.split("Answer key")
    assert "Brown / Kantor / Garten" in paper and "Monday / Wednesday / Friday" in paper
    assert "Kantor" in key and "Brown" not in key
    # before: only the right answers; a marker could not give the half mark
    assert "Monday: 50%" in key and "Japan: 50%" in key


def test_gift_writes_one_blank_to_pick_from_as_a_missing_word_choice(tmp_path, capsys):
    one = Cloze(id="one", prompt="", text="{{Kantor}} spoke to the farm broadcasters.",
                blank_choices=(("Brown", "Kantor"),))
    bank = tmp_path / "one.yaml"
    bank.write_text(bank_to_yaml(Bank(id="one", title="One", questions=(one,))), encoding="utf-8")
    assert load_bank_text(bank.read_text(encoding="utf-8")).problems == []
    out = tmp_path / "one.gift"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "{~Brown =Kantor} spoke to the farm broadcasters." in text
    assert "missing-word multiple choice" in capsys.readouterr().err


def test_an_anki_card_offers_the_choices_in_place_of_the_blank():
    front, back = card_sides(PICK)
    assert "[Brown / Kantor / Garten]" in front
    assert "<b>Kantor</b>" in back


def test_a_cloze_of_choices_only_is_not_said_to_be_compared_as_typed(tmp_path, capsys):
    """'Moodle compares typed answers exactly' was said of a cloze with nothing typed."""
    bank = tmp_path / "picks.yaml"
    bank.write_text(bank_to_yaml(Bank(id="picks", title="Picks", questions=(PICK,))),
                    encoding="utf-8")
    assert main(["export", str(bank), "-o", str(tmp_path / "picks.xml")]) == 0
    assert "typed answers" not in capsys.readouterr().err
