"""Moodle embedded-answer gaps whose meaning a quizapp blank cannot carry, through
`quizapp import`: kept where a blank can say it, else a warning naming the question and
the gap, or the question skipped."""

import pytest

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, MultipleSelect


def _cloze_xml(*questions: tuple[str, str]) -> str:
    body = "".join(
        f'<question type="cloze"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[<p>{text}</p>]]></text></questiontext>'
        "</question>\n" for name, text in questions)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}</quiz>\n'


def _import(tmp_path, capsys, *questions: tuple[str, str]):
    source = tmp_path / "cloze.xml"
    source.write_text(_cloze_xml(*questions), encoding="utf-8")
    out = tmp_path / "cloze.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    result = load_bank(out, use_cache=False)
    assert result.problems == []
    return {q.id: q for q in result.bank.questions}, err


def test_gap_weights_are_kept_and_graded(tmp_path, capsys):
    questions, err = _import(tmp_path, capsys,
                             ("weighted", "Summit in {2:SA:=Geneva} in {1:SA:=1995}."),
                             ("even", "Summit in {2:SA:=Geneva} in {2:SA:=1995}."))
    weighted, even = questions["weighted"], questions["even"]
    assert isinstance(weighted, Cloze) and isinstance(even, Cloze)
    assert "weighs" not in err  # kept, not said to be lost (before: "every blank counts the same")
    assert [marks[0] for marks in weighted.blank_marks] == [2, 1]
    assert abs(grade(weighted, ["Geneva", "1996"]).credit - 2 / 3) < 1e-9
    assert grade(even, ["Geneva", "1996"]).credit == 0.5  # the same weight everywhere


def test_an_answer_with_a_pipe_is_not_split_into_two_answers(tmp_path, capsys):
    questions, err = _import(tmp_path, capsys,
                             ("pipe", "Type {1:SA:=two|pipe~=two pipes}."),
                             ("only-pipe", "Type {1:SA:=two|pipe}."))
    q = questions["pipe"]
    assert isinstance(q, Cloze) and q.blanks == (("two pipes",),)
    assert grade(q, ["pipe"]).credit == 0  # before: 'pipe' alone was an accepted answer
    assert grade(q, ["two pipes"]).credit == 1
    assert ("question 'pipe': gap 1 {1:SA:=two|pipe~=two pipes}: the answer 'two|pipe' has "
            "a '|'") in err and "a learner typing it is marked wrong" in err
    assert "only-pipe" not in questions
    assert "question 'only-pipe': gap 1 {1:SA:=two|pipe}" in err
    assert "the question was skipped" in err


def test_a_wildcard_gap_takes_any_text_as_in_moodle(tmp_path, capsys):
    questions, err = _import(tmp_path, capsys, ("wild", "Say {1:SA:=*} and {1:SA:=ok}."))
    q = questions["wild"]
    assert isinstance(q, Cloze) and q.policy.moodle
    assert "warning" not in err  # kept as Moodle grades it: nothing to say
    # before: the learner had to type the '*' itself, and any real answer was wrong
    assert grade(q, ["anything at all", "ok"]).credit == 1
    assert grade(q, ["", "ok"]).credit == 0.5  # a blank is no answer, in Moodle too
    assert grade(q, ["hello", "the ok"]).credit == 0.5  # no leading "the" forgiven


def test_a_multiple_response_gap_beside_other_gaps_skips_its_question(tmp_path, capsys):
    questions, err = _import(tmp_path, capsys,
                             ("multi", "Pick {1:MULTIRESPONSE:=a~=b~c}, type {1:SA:=x}."),
                             ("halves", "Pick {1:MR:%50%a~%50%b~c}, type {1:SA:=x}."),
                             ("single", "Pick {1:MR:=a~b~c}, type {1:SA:=x}."))
    assert set(questions) == {"single"}  # before: {{a|b}}, where 'a' alone was full marks
    assert ("question 'multi': gap 1 {1:MULTIRESPONSE:=a~=b~c} is a multiple response gap: "
            "Moodle wants 2 choices ticked together") in err
    assert "question 'halves': gap 1 {1:MR:%50%a~%50%b~c} is a multiple response gap" in err
    # one right tick is one pick: a blank to pick from (before: typed)
    assert questions["single"].blank_choices == (("a", "b", "c"), ())
    assert "question 'single'" not in err


def test_a_multiple_response_gap_alone_is_a_multiple_select_question(tmp_path, capsys):
    """Its only gap wanting several ticks, the question was skipped; it is a question of
    choices with the gap's weights and feedback, graded as Moodle grades the ticks."""
    questions, err = _import(tmp_path, capsys, (
        "who-spoke", "Who spoke about the talks? {1:MULTIRESPONSE_S:%50%Kantor#Yes, to "
        "farm broadcasters.~%50%Brown#Yes, on television.~%-100%Hashimoto#Not here.}"))
    q = questions["who-spoke"]
    assert isinstance(q, MultipleSelect) and q.prompt == "Who spoke about the talks?"
    assert [c.text for c in q.choices] == ["Kantor", "Brown", "Hashimoto"]
    assert q.correct == (0, 1) and q.shuffle  # _S: Moodle shuffles them
    assert [c.weight for c in q.choices] == [0.5, 0.5, -1]
    assert q.choices[0].feedback == "Yes, to farm broadcasters."
    assert grade(q, [0, 1]).correct and grade(q, [0]).credit == 0.5
    assert grade(q, [0, 2]).credit == 0  # a wrong tick takes the marks away, as in Moodle
    assert "skipped" not in err and "multiple_select question here" in err


STARS = """title: Stars
id: stars
questions:
- id: product
  type: short_answer
  prompt: Write five times three as a formula.
  answers: ['5*3']
- id: glob
  type: cloze
  text: 'The pattern {{a*b}} matches ab.'
"""


@pytest.mark.parametrize(("suffix", "written"), [
    ("xml", ["<text>5\\*3</text>", "{1:SHORTANSWER:=a\\*b}"]),
    ("gift", ["{=5\\\\*3}", "{=a\\\\*b}"]),  # GIFT's '\\\\' is Moodle's '\\'
])
def test_an_asterisk_goes_to_moodle_as_an_asterisk_and_comes_back(tmp_path, capsys, suffix,
                                                                  written):
    """A bank's own typed answers have no wildcards: Moodle gets '\\*' (an asterisk there),
    not '*' (any text), and the import keeps it so, graded as Moodle grades it."""
    bank = tmp_path / "stars.yaml"
    bank.write_text(STARS, encoding="utf-8")
    exported = tmp_path / f"stars.{suffix}"
    assert main(["export", str(bank), "-o", str(exported), "-q"]) == 0
    text = exported.read_text(encoding="utf-8")
    assert all(w in text for w in written), text
    again = tmp_path / "again.yaml"
    assert main(["import", str(exported), "-o", str(again)]) == 0
    assert "wildcard" not in capsys.readouterr().err
    product, glob = load_bank(again, use_cache=False).bank.questions
    assert product.answers == ("5\\*3",) and glob.blanks == (("a\\*b",),)
    assert product.policy.moodle and glob.policy.moodle
    assert grade(product, "5*3").correct and not grade(product, "5 times 3").correct
    assert grade(product, "5 x 3").expected == "5*3"  # shown as Moodle shows it
    assert grade(glob, ["a*b"]).correct and not grade(glob, ["axb"]).correct


def test_a_wildcard_in_a_moodle_short_answer_takes_any_text_there(tmp_path, capsys):
    source = tmp_path / "sa.xml"
    source.write_text('<?xml version="1.0"?><quiz><question type="shortanswer"><name><text>'
                      "colour</text></name><questiontext><text>Spell it</text></questiontext>"
                      '<answer fraction="100"><text>colo*r</text></answer></question></quiz>',
                      encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "sa.yaml")]) == 0
    assert "warning" not in capsys.readouterr().err
    # before: kept as 'color' alone, with a warning; 'colour' was wrong here, right in Moodle
    [question] = load_bank(tmp_path / "sa.yaml", use_cache=False).bank.questions
    assert question.answers == ("colo*r",) and question.policy.moodle
    assert [grade(question, typed).correct for typed in ("color", "colour", "COLOUR", "colr",
                                                          "colours")] == [
        True, True, True, False, False]
