"""What an import leaves out is said with the question's name, and a blank choice alone does
not cost a Moodle question its place."""

from quizapp.core.model import MultipleChoice
from quizapp.interop import import_with_media

BLANK_CHOICE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Has blank choice</text></name>
    <questiontext format="html"><text><![CDATA[<p>Pick the metal.</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<p>Iron</p>]]></text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>Wood</p>]]></text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>&nbsp;</p>]]></text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>Glass</p>]]></text></answer>
  </question>
  <question type="multichoice">
    <name><text>One real choice</text></name>
    <questiontext format="html"><text>Pick.</text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text>Only</text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p><br></p>]]></text></answer>
  </question>
  <question type="essay">
    <name><text>Opinion</text></name>
    <questiontext format="html"><text>Why?</text></questiontext>
  </question>
</quiz>
"""


def test_a_blank_moodle_choice_is_left_out_and_its_question_kept(tmp_path):
    path = tmp_path / "blank.xml"
    path.write_text(BLANK_CHOICE, encoding="utf-8")
    imported = import_with_media(path)
    [question] = imported.bank.questions
    assert isinstance(question, MultipleChoice)
    assert [c.text for c in question.choices] == ["Iron", "Wood", "Glass"]
    assert question.choices[question.correct].text == "Iron"
    assert imported.warnings == [
        f"{path}:3: warning: question 'Has blank choice': answer 3 has no text and was left out",
        f"{path}:12: warning: question 'One real choice': answer 2 has no text and was left out",
        f"{path}:12: warning: question 'One real choice': a multiple choice question needs at "
        "least two non-empty answers; skipped",
        f"{path}:19: warning: question 'Opinion': essay questions are not supported: quizapp "
        "cannot grade free text; the question was skipped",
    ]


GLUED = """::Kept::First {T}

::Markdown q::[markdown]Some *emphasis* {=yes ~no}
// a comment between does not separate questions
::No blank before next::First {T}
::Second glued::Second {F}

::Essay::Write about Grant. {}

::Last::Still here {F}
"""


def test_gift_questions_without_a_blank_line_between_them_are_named(tmp_path):
    path = tmp_path / "glued.gift"
    path.write_text(GLUED, encoding="utf-8")
    imported = import_with_media(path)
    assert [q.title for q in imported.bank.questions] == ["Kept", "Last"]
    assert imported.warnings == [
        f"{path}:3: warning: question 'Markdown q': no blank line separates it from 'No blank "
        "before next' and 'Second glued', so Moodle reads them as one question; they were "
        "skipped (put a blank line between two questions)",
        f"{path}:8: warning: question 'Essay': essay questions ({{}}) are not supported: "
        "quizapp cannot grade free text; the question was skipped",
    ]


BEST_IS_90 = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Almost right</text></name>
    <questiontext format="html"><text>Best?</text></questiontext>
    <single>true</single>
    <answer fraction="90"><text>Almost</text></answer>
    <answer fraction="0"><text>Nope</text></answer>
  </question>
</quiz>
"""


def test_a_one_answer_question_whose_best_answer_is_worth_90_is_said(tmp_path):
    # Moodle refuses it; quizapp keeps it with the best answer right, and says so
    path = tmp_path / "ninety.xml"
    path.write_text(BEST_IS_90, encoding="utf-8")
    imported = import_with_media(path)
    [question] = imported.bank.questions
    assert question.choices[question.correct].text == "Almost"
    assert imported.warnings == [
        f"{path}:3: warning: question 'Almost right': no answer is worth 100% (Moodle refuses "
        "such a question); the best, 'Almost' (90%), is the right answer here, with full marks"]


SAME_ID_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Unit 1</text></category></question>
  <question type="truefalse"><name><text>First</text></name>
    <questiontext format="html"><text>A?</text></questiontext><idnumber>Q1</idnumber>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
  <question type="category"><category><text>$course$/top/Unit 2</text></category></question>
  <question type="truefalse"><name><text>Second</text></name>
    <questiontext format="html"><text>B?</text></questiontext><idnumber>Q1</idnumber>
    <answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer>
  </question>
  <question type="multichoice"><name><text>Twice</text></name>
    <questiontext format="html"><text>Pick</text></questiontext><single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<p>Same</p>]]></text></answer>
    <answer fraction="0" format="html"><text>Same</text></answer>
  </question>
  <question type="shortanswer"><name><text>Agency</text></name>
    <questiontext format="html"><text>Which agency?</text></questiontext>
    <answer fraction="100"><text>MITI</text></answer>
    <answer fraction="50"><text>*</text></answer>
  </question>
  <foo/>
</quiz>
"""

SAME_ID_GIFT = """// [id:Q1]
::First::A? {T}

// [id:Q1]
::Second::B? {F}

::Twice::Pick {=Same ~Same}

::Agency::Which agency? {=MITI =%50%*}
"""


def test_every_warning_about_a_question_names_it(tmp_path):
    # Moodle keeps ID numbers apart by category: two questions may share one
    for name, text in (("same.xml", SAME_ID_XML), ("same.gift", SAME_ID_GIFT)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        imported = import_with_media(path)
        assert [q.id for q in imported.bank.questions] == ["Q1", "Q1-2", "agency"], name
        said = [w.split(": warning: ", 1)[1] for w in imported.warnings]
        assert said[:2] == [
            "question 'Second': its ID number 'Q1' is another question's too (Moodle keeps "
            "them apart by category); here, and in an export, it is 'Q1-2'",
            "question 'Twice': the choice 'Same' appears twice; the question was skipped",
        ], name
        # '*' worth 50% is kept (tests/test_moodle_wildcard_part_marks.py): nothing to say
        assert not any("'Agency'" in line for line in said), name
    # what is not a question names none (not the question read before it)
    assert said_about_foo(tmp_path) == "<foo> is not a question; it was skipped"


def said_about_foo(tmp_path):
    path = tmp_path / "same.xml"
    path.write_text(SAME_ID_XML, encoding="utf-8")
    [foo] = [w for w in import_with_media(path).warnings if "<foo>" in w]
    return foo.split(": warning: ", 1)[1]
