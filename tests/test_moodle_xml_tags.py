"""Moodle XML export: a question's tags are Moodle <tags>, the bank is the one category
(a tag path as nested categories, .../Kinematics/units, was no tag in Moodle)."""

import xml.etree.ElementTree as ET

from quizapp.core.model import Bank, Choice, Flashcard, MultipleChoice, ShortAnswer
from quizapp.interop import export_with_warnings, import_bank

BANK = Bank(id="physics", title="Physics / mechanics", questions=(
    MultipleChoice(id="speed", prompt="Unit of speed?", choices=(Choice(text="m/s"),
                   Choice(text="m")), correct=0, tags=("Kinematics", "units")),
    ShortAnswer(id="g", prompt="g on Earth, in m/s²?", answers=("9.8",)),
    Flashcard(id="newton", prompt="Newton", back="kg·m/s²", tags=("units", "a/b")),
))


def test_tags_are_moodle_tags_and_the_bank_is_the_category(tmp_path):
    path = tmp_path / "physics.xml"
    export_with_warnings(BANK, path)
    root = ET.parse(path).getroot()
    categories = [q.findtext("category/text") for q in root.iter("question")
                  if q.get("type") == "category"]
    assert categories == ["$course$/top/Physics // mechanics"]  # one, the bank ('/' as '//')
    tags = {q.findtext("name/text"): [t.findtext("text") for t in q.findall("tags/tag")]
            for q in root.iter("question") if q.get("type") != "category"}
    assert tags == {"speed": ["Kinematics", "units"], "g": [],
                    "newton": ["units", "a/b", "quizapp-flashcard"]}


def test_quizapps_moodle_xml_gives_back_the_tags_and_the_title(tmp_path):
    path = tmp_path / "physics.xml"
    export_with_warnings(BANK, path)
    back, _ = import_bank(path)
    assert back.title == "Physics / mechanics"
    assert [(q.id, type(q), q.tags) for q in back.questions] == [
        ("speed", MultipleChoice, ("Kinematics", "units")),
        ("g", ShortAnswer, ()),  # the bank's category is no tag
        ("newton", Flashcard, ("units", "a/b")),
    ]


def test_a_moodle_category_still_gives_its_questions_tags(tmp_path):
    path = tmp_path / "moodle.xml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Physics/Kinematics</text></category>
    <info format="html"><text>Moodle's own</text></info></question>
  <question type="shortanswer"><name><text>g</text></name>
    <questiontext format="html"><text>g?</text></questiontext>
    <answer fraction="100"><text>9.8</text></answer>
    <tags><tag><text>units</text></tag></tags></question>
</quiz>
""", encoding="utf-8")
    back, _ = import_bank(path)
    assert back.title == "Moodle"  # named after the file
    assert back.questions[0].tags == ("Physics", "Kinematics", "units")


def test_a_teachers_own_flashcard_tag_does_not_turn_a_question_into_a_flashcard(tmp_path):
    from quizapp.core.model import Bank, ShortAnswer
    from quizapp.interop import export_with_warnings, import_bank
    from quizapp.interop.moodle_common import FLASHCARD_TAG

    bank = Bank(id="b", title="B", questions=(
        ShortAnswer(id="q", prompt="Which?", answers=("x",), tags=(FLASHCARD_TAG, "kept")),))
    path = tmp_path / "b.xml"
    warnings = export_with_warnings(bank, path)
    assert any(f"its tag {FLASHCARD_TAG!r} is left out" in w for w in warnings)
    back, _ = import_bank(path)
    (question,) = back.questions
    assert type(question) is ShortAnswer and question.tags == ("kept",)
