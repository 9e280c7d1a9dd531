"""Moodle files as teachers bring them: Moodle's own fractions (33.33333%), two answers
worth 100% in a single-choice question, a numerical gap's tolerance, names and ID numbers."""

from pathlib import Path

import pytest

from quizapp.core.grading import expected_response, grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import MultipleChoice, MultipleSelect
from quizapp.interop import import_bank


def _xml(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "teacher.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{questions}\n</quiz>\n',
                    encoding="utf-8")
    return path


def _answer(fraction: str, text: str) -> str:
    return (f'<answer fraction="{fraction}" format="html"><text>{text}</text>'
            '<feedback format="html"><text></text></feedback></answer>')


VECTORS = f"""
<question type="multichoice">
  <name><text>Vector quantities</text></name>
  <questiontext format="html"><text>Which are vectors?</text></questiontext>
  <single>false</single>
  <showstandardinstruction>0</showstandardinstruction>
  {_answer("33.33333", "Velocity")}
  {_answer("33.33333", "Force")}
  {_answer("33.33333", "Acceleration")}
  {_answer("-100", "Mass")}
</question>"""


def test_moodle_thirds_picked_together_are_fully_right(tmp_path):
    bank, _ = import_bank(_xml(tmp_path, VECTORS))
    q = bank.questions[0]
    assert isinstance(q, MultipleSelect)
    g = grade(q, [0, 1, 2])
    assert (g.correct, g.credit) == (True, 1.0)
    assert grade(q, expected_response(q)).correct
    two = grade(q, [0, 1])
    assert not two.correct and two.credit == pytest.approx(0.66666)
    assert grade(q, [0, 1, 2, 3]).credit == 0


def test_gift_thirds_picked_together_are_fully_right(tmp_path):
    path = tmp_path / "t.gift"
    path.write_text("::Vectors::Which are vectors? {\n~%33.33333%Velocity\n"
                    "~%33.33333%Force\n~%33.33333%Acceleration\n~%-100%Mass\n}\n",
                    encoding="utf-8")
    bank, _ = import_bank(path)
    g = grade(bank.questions[0], [0, 1, 2])
    assert (g.correct, g.credit) == (True, 1.0)


def test_weights_validate_accepts_are_full_marks_when_picked():
    """The one margin: what `quizapp validate` accepts as adding up to 1 grades as right."""
    text = """id: w
title: Weights
questions:
  - id: q
    type: multiple_select
    prompt: Which?
    choices:
      - {text: a, weight: 0.4995}
      - {text: b, weight: 0.5}
      - {text: c, weight: -1}
    answers: [a, b]
"""
    result = load_bank_text(text, "w.yaml")
    bank = result.bank
    assert bank is not None and not [p for p in result.problems if "weights" in p.message]
    g = grade(bank.questions[0], [0, 1])
    assert (g.correct, g.credit) == (True, 1.0)
    far = text.replace("0.4995", "0.49")
    result = load_bank_text(far, "w.yaml")
    bank = result.bank
    assert bank is not None and [p for p in result.problems if "add up to 0.99" in p.message]
    g = grade(bank.questions[0], [0, 1])
    assert not g.correct and g.credit == pytest.approx(0.99)


TWO_ACIDS = f"""
<question type="multichoice">
  <name><text>Two right singles</text></name>
  <questiontext format="html"><text>Which is an acid?</text></questiontext>
  <single>true</single>
  {_answer("100", "HCl")}
  {_answer("100", "H&lt;sub&gt;2&lt;/sub&gt;SO&lt;sub&gt;4&lt;/sub&gt;")}
  {_answer("50", "CO&lt;sub&gt;2&lt;/sub&gt; in water")}
  {_answer("0", "NaOH")}
</question>"""


def test_two_full_answers_of_a_single_choice_are_said_plainly(tmp_path):
    bank, warnings = import_bank(_xml(tmp_path, TWO_ACIDS))
    q = bank.questions[0]
    assert isinstance(q, MultipleChoice) and q.answer == "HCl"
    assert [w.split("teacher.xml:", 1)[1] for w in warnings] == [
        "4: warning: question 'Two right singles': Moodle counts 2 answers fully "
        "right; a quizapp multiple choice question has one right answer, so only 'HCl' is "
        "right here and a learner who picks 'H₂SO₄' is marked wrong",
        "4: warning: question 'Two right singles': choosing 'CO₂ in water' earns "
        "50% of the marks in Moodle; a quizapp multiple choice question has no partial "
        "credit, so here it is marked wrong",
    ]
    assert not any("partial credit for" in w for w in warnings)


def test_a_numerical_gap_keeps_its_tolerance(tmp_path):
    gaps = """
<question type="cloze">
  <name><text>Cloze kinematics</text></name>
  <questiontext format="html"><text>g is {2:NUMERICAL:=9.8:0.1} m/s² and pi {1:NM:=3.14}.</text></questiontext>
</question>"""
    bank, warnings = import_bank(_xml(tmp_path, gaps))
    q = bank.questions[0]
    assert q.text == "g is {{9.8}} m/s² and pi {{3.14}}."
    assert q.blank_tolerances == (0.1, 0.0)
    assert grade(q, ["9.85", "3.14"]).correct  # within Moodle's 9.8 ± 0.1
    assert not grade(q, ["9.8", "3.145"]).correct  # the second gap has none
    assert warnings == []  # nothing lost: said nothing


NAMED = f"""
<question type="multichoice">
  <name><text>Newton first law</text></name>
  <questiontext format="html"><text>Which law is the law of inertia?</text></questiontext>
  <idnumber>N1</idnumber>
  <single>true</single>
  <showstandardinstruction>0</showstandardinstruction>
  {_answer("100", "First law")}
  {_answer("0", "Second law")}
</question>
<question type="shortanswer">
  <name><text>SI unit of force</text></name>
  <questiontext format="html"><text>Name the SI unit of force.</text></questiontext>
  <idnumber></idnumber>
  {_answer("100", "newton")}
</question>"""


def _same_bank(a, b) -> None:
    """Two banks hold the same questions (the lines they were read from aside)."""
    from dataclasses import replace

    assert [replace(q, line=0) for q in a.questions] == [replace(q, line=0) for q in b.questions]


@pytest.mark.parametrize("fmt", ["xml", "gift"])
def test_moodle_names_and_id_numbers_survive_a_round_trip(tmp_path, fmt):
    from quizapp.core.loader import load_bank
    from quizapp.interop import export_bank, import_to_file

    bank = import_to_file(_xml(tmp_path, NAMED), tmp_path / "named.yaml").bank
    first, second = bank.questions
    assert (first.id, first.title) == ("N1", "Newton first law")
    assert (second.id, second.title) == ("si-unit-of-force", "SI unit of force")
    # the bank file keeps the names
    saved = load_bank(tmp_path / "named.yaml").raise_for_errors()
    _same_bank(saved, bank)
    out = tmp_path / f"again.{fmt}"
    export_bank(saved, out)
    written = out.read_text(encoding="utf-8")
    if fmt == "xml":
        assert "<text>Newton first law</text>" in written
        assert written.count("<idnumber>") == 1 and "<idnumber>N1</idnumber>" in written
    else:  # no [id:...] made up for the question that had none
        assert "// [id:N1]\n::Newton first law::" in written
        assert "::SI unit of force::" in written and "[id:si-unit" not in written
    again, _ = import_bank(out)
    _same_bank(again, saved)


def test_gift_titles_and_ids_are_written_back_as_read(tmp_path):
    from quizapp.interop import export_bank

    path = tmp_path / "id.gift"
    path.write_text("// [id:N1] [tag:laws]\n::Newton first law::Which law is inertia? "
                    "{=First ~Second}\n\n::Second Q::Capital? {=Paris}\n", encoding="utf-8")
    bank, _ = import_bank(path)
    assert [(q.id, q.title) for q in bank.questions] == [("N1", "Newton first law"),
                                                         ("second-q", "Second Q")]
    out = tmp_path / "again.gift"
    export_bank(bank, out)
    written = out.read_text(encoding="utf-8")
    assert "[id:second-q]" not in written and "::Second Q::" in written
    again, _ = import_bank(out)
    _same_bank(again, bank)


def test_a_quizapp_bank_keeps_its_ids_through_moodle_xml(tmp_path):
    """A bank written in quizapp (no titles): its ids go out as ID numbers and come back."""
    from quizapp.core.loader import load_bank
    from quizapp.core.paths import bundled_banks_dir
    from quizapp.interop import export_with_warnings

    bank = load_bank(bundled_banks_dir() / "us-japan-auto-talks-1995.yaml").raise_for_errors()
    assert all(q.title is None for q in bank.questions)
    out = tmp_path / "talks.xml"
    export_with_warnings(bank, out)
    again, _ = import_bank(out)
    assert [(q.id, q.title) for q in again.questions] == [(q.id, None) for q in bank.questions]


def test_a_name_is_kept_as_written(tmp_path):
    from quizapp.interop import export_bank

    named = NAMED.replace("Newton first law", "F &lt; ma? *not* Newton's [1st]")
    bank, _ = import_bank(_xml(tmp_path, named))
    assert bank.questions[0].title == "F < ma? *not* Newton's [1st]"
    out = tmp_path / "again.xml"
    export_bank(bank, out)
    again, _ = import_bank(out)
    assert again.questions[0].title == "F < ma? *not* Newton's [1st]"


@pytest.mark.parametrize(("fmt", "written"), [("xml", 'fraction="33.33333"'),
                                               ("gift", "~%33.33333%Velocity")])
def test_thirds_go_back_to_moodle_as_moodle_writes_them(tmp_path, fmt, written):
    from quizapp.interop import export_bank

    bank, _ = import_bank(_xml(tmp_path, VECTORS))
    out = tmp_path / f"again.{fmt}"
    export_bank(bank, out)
    assert out.read_text(encoding="utf-8").count(written.split("Velocity")[0]) == 3
    again, _ = import_bank(out)
    _same_bank(again, bank)
    assert grade(again.questions[0], [0, 1, 2]).credit == 1.0
