"""A question's Moodle category is kept as its `category` ('Week 1/Trade'), so that a bank
imported from a file of several categories goes back to Moodle in the same ones (Moodle XML
and GIFT). Before, the import made the names tags only and the export sent every question
into one category named after the bank."""

import xml.etree.ElementTree as ET

from editor_helpers import leave_without_saving, open_ustr_bank, saved_and_loaded  # noqa: F401 (autouse fixture)
from helpers import imported
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank_text

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top</text></category>
    <info format="moodle_auto_format"><text>The default category for questions shared in context 'Trade 101'.</text></info>
    <idnumber></idnumber>
  </question>
  <question type="category">
    <category><text>$course$/top/Week 1</text></category>
    <info format="html"><text></text></info>
    <idnumber></idnumber>
  </question>
  <question type="truefalse">
    <name><text>Deficit</text></name>
    <questiontext format="html"><text>The deficit with Japan was about $60 billion.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
    <tags><tag><text>numbers</text></tag></tags>
  </question>
  <question type="category">
    <category><text>$course$/top/Week 1/Trade // tariffs</text></category>
    <info format="html"><text></text></info>
  </question>
  <question type="shortanswer">
    <name><text>Kantor</text></name>
    <questiontext format="html"><text>Who is the U.S. Trade Representative?</text></questiontext>
    <answer fraction="100"><text>Mickey Kantor</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Tariffs</text></name>
    <questiontext format="html"><text>The U.S. threatened tariffs on luxury cars.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="category">
    <category><text>$system$/top/Shared</text></category>
  </question>
  <question type="truefalse">
    <name><text>Geneva</text></name>
    <questiontext format="html"><text>The talks were held in Geneva.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="category">
    <category><text>$course$/top/Week 1</text></category>
  </question>
  <question type="truefalse">
    <name><text>Parts</text></name>
    <questiontext format="html"><text>Car parts were part of the talks.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""

# each question's category in Moodle, as the file above gives it
MOODLE_CATEGORIES = {
    "Deficit": "$course$/top/Week 1",
    "Kantor": "$course$/top/Week 1/Trade // tariffs",
    "Tariffs": "$course$/top/Week 1/Trade // tariffs",
    "Geneva": "$system$/top/Shared",
    "Parts": "$course$/top/Week 1",
}


def _xml_categories(path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each question's category in a Moodle XML file (the last category before it), and
    its Moodle tags."""
    categories, tags = {}, {}
    category = ""
    for q in ET.parse(path).getroot().iter("question"):
        if q.get("type") == "category":
            category = q.findtext("category/text")
            continue
        name = q.findtext("name/text")
        categories[name] = category
        tags[name] = [t.findtext("text") for t in q.findall("tags/tag")]
    return categories, tags


def test_moodle_xml_categories_are_kept_and_written_back(tmp_path, capsys):
    out, bank, _said = imported(tmp_path, capsys, "week.xml", MOODLE_XML)
    assert {q.title: q.category for q in bank.questions} == {
        "Deficit": "Week 1", "Kantor": "Week 1/Trade // tariffs",
        "Tariffs": "Week 1/Trade // tariffs", "Geneva": "$system$/Shared",
        "Parts": "Week 1"}
    # the names are still tags, for studying by topic
    assert bank.questions[1].tags == ("Week 1", "Trade / tariffs")
    back = tmp_path / "back.xml"
    assert main(["export", str(out), "-o", str(back)]) == 0
    categories, tags = _xml_categories(back)
    assert categories == MOODLE_CATEGORIES
    # a category's names go back as the category, not as Moodle tags as well
    assert tags == {"Deficit": ["numbers"], "Kantor": [], "Tariffs": [], "Geneva": [],
                    "Parts": []}


GIFT = """$CATEGORY: $course$/top/Week 1

::Deficit::The deficit with Japan was about $60 billion. {T}

$CATEGORY: $course$/top/Week 1/Trade

// [tag:people]
::Kantor::Who is the U.S. Trade Representative? {=Mickey Kantor}

$CATEGORY: Week 2
::Parts::Car parts were part of the talks. {T}
"""


def test_gift_categories_are_kept_and_written_back(tmp_path, capsys):
    out, bank, _said = imported(tmp_path, capsys, "week.gift", GIFT)
    assert [(q.title, q.category, q.tags) for q in bank.questions] == [
        ("Deficit", "Week 1", ("Week 1",)),
        ("Kantor", "Week 1/Trade", ("Week 1", "Trade", "people")),
        ("Parts", "Week 2", ("Week 2",))]
    back = tmp_path / "back.gift"
    assert main(["export", str(out), "-o", str(back)]) == 0
    text = back.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "$CATEGORY:" in b or "::" in b]
    said = [b.strip().splitlines()[-1] for b in blocks]
    assert said == ["$CATEGORY: $course$/top/Week 1", "::Deficit::[markdown]The deficit "
                    "with Japan was about $60 billion. {TRUE}",
                    "$CATEGORY: $course$/top/Week 1/Trade",
                    "::Kantor::[markdown]Who is the U.S. Trade Representative? {=Mickey Kantor}",
                    "$CATEGORY: $course$/top/Week 2",
                    "::Parts::[markdown]Car parts were part of the talks. {TRUE}"]
    assert "// [tag:people]" in text and "[tag:Week" not in text and "[tag:Trade" not in text


def test_questions_without_a_category_go_into_the_banks_own(tmp_path):
    bank = tmp_path / "mixed.yaml"
    bank.write_text("""title: Auto talks
questions:
  - {id: a, type: true_false, prompt: One?, answer: true}
  - {id: b, type: true_false, prompt: Two?, answer: true, category: Week 2, tags: [Week 2, x]}
  - {id: c, type: true_false, prompt: Three?, answer: true}
""", encoding="utf-8")
    back = tmp_path / "mixed.xml"
    assert main(["export", str(bank), "-o", str(back)]) == 0
    categories, tags = _xml_categories(back)
    assert categories == {"a": "$course$/top/Auto talks", "b": "$course$/top/Week 2",
                          "c": "$course$/top/Auto talks"}
    assert tags["b"] == ["x"]


def _problems(text: str) -> list[str]:
    return [p.message for p in load_bank_text(text, "b.yaml").problems]


def test_validate_checks_a_category(tmp_path):
    head = "title: T\nquestions:\n  - {id: a, type: true_false, prompt: P?, answer: true, "
    assert _problems(head + "category: Week 1/Trade}\n") == []
    assert _problems(head + "category: '$system$/Shared'}\n") == []
    assert _problems(head + "category: 'Week 1/Trade // tariffs'}\n") == []
    assert _problems(head + "category: 'Week 1/ /Trade'}\n") == [
        "the category 'Week 1/ /Trade' has an empty name between two '/' (a '/' inside a "
        "name is written '//')"]
    assert _problems(head + "category: 'Week 1/$system$'}\n") == [
        "the category 'Week 1/$system$': a Moodle context such as '$system$' can only "
        "come first"]
    assert any("'category'" in p for p in _problems(head + "category: [a, b]}\n"))


def test_a_categorys_description_and_id_number_are_kept_and_written_back(tmp_path, capsys):
    xml = MOODLE_XML.replace(
        '<category><text>$course$/top/Week 1</text></category>\n    <info format="html">'
        "<text></text></info>\n    <idnumber></idnumber>",
        '<category><text>$course$/top/Week 1</text></category>\n    <info format="html">'
        "<text><![CDATA[<p>The <b>first</b> week's reading.</p>]]></text></info>\n"
        "    <idnumber>wk1</idnumber>")
    out, bank, said = imported(tmp_path, capsys, "week.xml", xml)
    # Moodle's own description of a context's top category is nothing a teacher wrote
    assert bank.categories == (("Week 1", "The **first** week's reading.", "wk1"),)
    assert "warning" not in said
    back = tmp_path / "back.xml"
    assert main(["export", str(out), "-o", str(back)]) == 0
    written = [(q.findtext("category/text"), q.findtext("info/text"), q.findtext("idnumber"))
               for q in ET.parse(back).getroot().iter("question") if q.get("type") == "category"]
    # described where Moodle makes it: the first time it meets the category
    assert written[0] == ("$course$/top/Week 1", "The **first** week's reading.", "wk1")
    assert _xml_categories(back)[0] == MOODLE_CATEGORIES
    gift = tmp_path / "back.gift"
    assert main(["export", str(out), "-o", str(gift)]) == 0
    assert ("GIFT has no place for a category's description or ID number: those of 1 "
            "category are left out (Moodle XML keeps them)") in capsys.readouterr().err


def test_a_parent_category_is_described_before_its_children(tmp_path):
    bank = tmp_path / "nested.yaml"
    bank.write_text("""title: Nested
categories:
  Sigma/Tau: {description: Tau's questions.}
  Sigma: {description: Sigma's questions., id_number: sigma}
questions:
  - {id: tau, type: true_false, prompt: Tau?, answer: true, category: Sigma/Tau}
  - {id: sigma, type: true_false, prompt: Sigma?, answer: true, category: Sigma}
""", encoding="utf-8")
    back = tmp_path / "nested.xml"
    assert main(["export", str(bank), "-o", str(back)]) == 0
    written = [(q.findtext("category/text"), q.findtext("info/text"), q.findtext("idnumber"))
               for q in ET.parse(back).getroot().iter("question") if q.get("type") == "category"]
    assert written == [("$course$/top/Sigma", "Sigma's questions.", "sigma"),
                       ("$course$/top/Sigma/Tau", "Tau's questions.", None),
                       ("$course$/top/Sigma", None, None)]
    assert _xml_categories(back)[0] == {"tau": "$course$/top/Sigma/Tau",
                                        "sigma": "$course$/top/Sigma"}


def test_validate_checks_the_banks_categories():
    head = "title: T\ncategories:\n"
    tail = "questions:\n  - {id: a, type: true_false, prompt: P?, answer: true}\n"
    assert _problems(head + "  Week 1: {description: Read it., id_number: wk1}\n" + tail) == []
    assert _problems(head + "  'Week 1/ /x': {description: Read it.}\n" + tail) == [
        "the category 'Week 1/ /x' has an empty name between two '/' (a '/' inside a "
        "name is written '//')"]
    said = _problems(head + "  Week 1: {info: Read it.}\n" + tail)
    assert len(said) == 1 and "'info'" in said[0]
    said = _problems(head + "  Week 1: Read it.\n" + tail)
    assert len(said) == 1 and "description and id_number" in said[0]


def test_moodles_own_default_category_is_kept_but_gives_no_tag(tmp_path, capsys):
    """Moodle 4 files every course's questions under 'Default for <course>', which it
    describes itself: a category to go back to, but no topic to study by."""
    xml = MOODLE_XML.replace("$course$/top/Week 1", "$course$/top/Default for Trade 101/Week 1")
    xml = xml.replace("<quiz>", """<quiz>
  <question type="category">
    <category><text>$course$/top/Default for Trade 101</text></category>
    <info format="moodle_auto_format"><text>The default category for questions shared in context 'Trade 101'.</text></info>
  </question>""", 1)
    _out, bank, _said = imported(tmp_path, capsys, "week.xml", xml)
    deficit = bank.questions[0]
    assert (deficit.category, deficit.tags) == ("Default for Trade 101/Week 1",
                                                ("Week 1", "numbers"))
    assert bank.categories == ()  # Moodle's own description is not kept either


def test_the_form_has_a_row_for_the_category(qtbot, tmp_path):
    w, bank = open_ustr_bank(qtbot, tmp_path)
    row = w.form.fields[("category",)]
    row.setFocus()
    qtbot.keyClicks(row, "Week 1/Trade")
    qtbot.keyClick(row, Qt.Key.Key_Return)
    assert saved_and_loaded(qtbot, w, bank).questions[0].category == "Week 1/Trade"
