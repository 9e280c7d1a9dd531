"""Moodle XML that quizapp cannot take as it is says so clearly (found by a tester): a
numerical answer '*' worth 100%, a hidden question, and a course backup's questions.xml."""

from __future__ import annotations

import pytest

from quizapp.core.model import Numeric
from quizapp.interop import InteropError, import_with_media

NUMERICAL_ANY = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="numerical"><name><text>any</text></name>
    <questiontext format="html"><text>Any number</text></questiontext>
    <answer fraction="100"><text>*</text><tolerance>0</tolerance></answer></question>
  <question type="numerical"><name><text>year or any</text></name>
    <questiontext format="html"><text>What year?</text></questiontext>
    <answer fraction="100"><text>1995</text><tolerance>0</tolerance></answer>
    <answer fraction="100"><text>*</text><tolerance>0</tolerance></answer></question>
  <question type="truefalse"><name><text>old one</text></name><hidden>1</hidden>
    <questiontext format="html"><text>Kantor was USTR.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer></question>
</quiz>
"""


def test_a_star_worth_full_marks_and_a_hidden_question_are_said(tmp_path):
    path = tmp_path / "m6.xml"
    path.write_text(NUMERICAL_ANY, encoding="utf-8")
    imported = import_with_media(path)
    year, hidden = imported.bank.questions
    assert isinstance(year, Numeric) and (year.answer, year.tolerance) == (1995, 0)
    assert hidden.title == "old one"
    assert imported.warnings == [
        f"{path}:3: warning: question 'any': its right answer is '*', any number (Moodle marks every number "
        "right); a quizapp numerical question needs the number that is right, so the "
        "question was skipped",
        f"{path}:6: warning: question 'year or any': the answer '*' worth 100% (any number, in Moodle) was left "
        "out: here only 1995 is right",
        f"{path}:10: warning: question 'old one': it was hidden in Moodle (kept out of new "
        "quizzes); quizapp has no hidden questions, so it is imported as any other",
    ]


def test_a_backups_questions_xml_says_to_export_from_the_question_bank(tmp_path):
    path = tmp_path / "questions.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<question_categories>\n'
                    "  <question_category id=\"12\"><name>Default</name></question_category>\n"
                    "</question_categories>\n", encoding="utf-8")
    with pytest.raises(InteropError) as refused:
        import_with_media(path)
    assert str(refused.value) == (
        f"{path}:2: this XML file is not Moodle XML (it starts with <question_categories>, "
        "not <quiz>); it is the questions.xml of a Moodle backup, which quizapp cannot read: "
        "in Moodle, export the questions from the question bank (Question bank > Export, "
        "format Moodle XML) and import that file")


STAR_AT_HALF = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="numerical"><name><text>StarHalf</text></name>
    <questiontext format="html"><text>Star at 50</text></questiontext>
    <answer fraction="100"><text>60</text><tolerance>1</tolerance></answer>
    <answer fraction="50"><text>*</text><tolerance>0</tolerance></answer></question>
</quiz>
"""


def test_a_star_worth_part_of_the_marks_beside_a_right_number_is_said(tmp_path):
    """Moodle gives 50% for any other number; quizapp cannot, and says so (found by a
    tester: it was dropped with no word)."""
    path = tmp_path / "m.xml"
    path.write_text(STAR_AT_HALF, encoding="utf-8")
    imported = import_with_media(path)
    (star,) = imported.bank.questions
    assert isinstance(star, Numeric) and (star.answer, star.tolerance) == (60, 1)
    assert imported.warnings == [
        f"{path}:3: warning: question 'StarHalf': the answer '*' worth 50% (any other number, "
        "in Moodle) was left out: here a number other than 60 ± 1 scores nothing"]


def test_a_moodle_course_backup_says_what_it_is_and_what_to_export(tmp_path, capsys):
    """Not "this is not a text file" (found by a tester), in the app and the command."""
    import gzip
    import io
    import tarfile

    from quizapp.cli import main

    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        info = tarfile.TarInfo("moodle_backup.xml")
        info.size = 6
        tar.addfile(info, io.BytesIO(b"<x/>\n\n"))
    path = tmp_path / "course.mbz"
    path.write_bytes(gzip.compress(archive.getvalue()))
    said = (f"{path}: this is a Moodle course backup (.mbz), which quizapp cannot read: in "
            "Moodle, export the questions from the question bank (Question bank > Export, "
            "format Moodle XML) and import that file")
    with pytest.raises(InteropError) as raised:
        import_with_media(path)
    assert str(raised.value) == said
    assert main(["import", str(path), "-o", str(tmp_path / "course.yaml")]) != 0
    assert capsys.readouterr().err == f"quizapp import: error: {said}\n"
    assert not (tmp_path / "course.yaml").exists()
