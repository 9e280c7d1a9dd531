"""A wrong answer with feedback of its own (feedback_for) in a question where Moodle's '*'
(any other answer) is worth part of the marks: quizapp gives it '*''s share and its own
feedback. The Moodle XML export left it out (it is taken by '*', which matched it a second
time), so that in Moodle, and read back, it got '*''s feedback: the teacher's feedback for
it was lost without a word. It is now written before '*', at '*''s grade."""

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank

# Facts from the article the bundled bank is written from (Reuters, 1995).
BANK = """title: Officials
id: officials
questions:
  - id: ustr
    type: short_answer
    prompt: Who is the U.S. Trade Representative?
    answers: [Mickey Kantor]
    grading: {moodle: true}
    partly_right: {'*': 0.1}
    feedback_if_wrong: Mickey Kantor is the Trade Representative.
    feedback_for:
      Ronald H. Brown: Brown is Secretary of Commerce.
  - id: meeting
    type: cloze
    text: Kantor will meet {{Hashimoto}} on Wednesday.
    grading: {moodle: true}
    blanks:
      - partly_right: {'*': 0.1}
        feedback_if_wrong: Kantor meets Japan's trade minister.
        feedback_for:
          Garten: Garten is Undersecretary of Commerce.
"""


def test_a_wrong_answers_feedback_goes_to_moodle_before_any_other(tmp_path):
    source = tmp_path / "officials.yaml"
    source.write_text(BANK, encoding="utf-8")
    before = load_bank(source, use_cache=False).raise_for_errors()
    back = tmp_path / "back.xml"
    assert main(["export", str(source), "-o", str(back), "-q"]) == 0
    written = back.read_text(encoding="utf-8")
    assert written.index("Ronald H. Brown") < written.index("<text>*</text>")
    assert "%10%Garten#Garten is Undersecretary of Commerce.~%10%*#" in written
    again = tmp_path / "again.yaml"
    assert main(["import", str(back), "-o", str(again), "-q"]) == 0
    after = load_bank(again, use_cache=False).raise_for_errors()
    for q, read_back, response in zip(before.questions, after.questions,
                                      ("Ronald H. Brown", ["Garten"]), strict=True):
        first, second = grade(q, response), grade(read_back, response)
        assert (second.credit, second.feedback) == (first.credit, first.feedback)
        assert "Commerce" in (first.feedback or "")
