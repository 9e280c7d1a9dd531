"""A response Moodle's '*' (any other answer) takes, after answers worth part of the marks:
each of those answers is compared with it once. Before, the grader walked them a second
time only to learn whether '*' was the one that took it, which doubled the time a wrong
answer took to grade."""

from quizapp.core import textmatch
from quizapp.core.grading import grade
from quizapp.core.model import Cloze, ShortAnswer, TextPolicy

MOODLE = TextPolicy(moodle=True)
# Officials named in the article the bundled bank is written from (Reuters, 1995).
PARTS = (("Ronald H. Brown", 0.5), ("Jeffrey Garten", 0.5), ("Ira Shapiro", 0.5), ("*", 0.1))


def _compared(monkeypatch) -> list[tuple[str, ...]]:
    """Every list of answers a response is compared with, as the grader asks."""
    asked: list[tuple[str, ...]] = []
    real = textmatch.match_any

    def counting(text, answers, *args, **kwargs):
        asked.append(tuple(answers))
        return real(text, answers, *args, **kwargs)

    monkeypatch.setattr(textmatch, "match_any", counting)
    return asked


def test_a_short_answer_compares_each_part_answer_once(monkeypatch):
    q = ShortAnswer(id="kantor", prompt="Who is the U.S. Trade Representative?",
                    answers=("Mickey Kantor",), policy=MOODLE, partly_right=PARTS,
                    feedback_if_wrong="Kantor is the Trade Representative.")
    asked = _compared(monkeypatch)
    result = grade(q, "Ryutaro Hashimoto")
    assert (result.credit, result.feedback) == (0.1, "Kantor is the Trade Representative.")
    assert [a for a in asked if a in {(answer,) for answer, _ in PARTS}] == [
        (answer,) for answer, _ in PARTS]


def test_a_typed_blank_compares_each_part_answer_once(monkeypatch):
    q = Cloze(id="meeting", prompt="", text="{{Kantor}} will meet Hashimoto.", policy=MOODLE,
              blank_marks=((1, PARTS, (), "Kantor meets Hashimoto."),))
    asked = _compared(monkeypatch)
    result = grade(q, ["Garten"])
    assert (result.credit, result.feedback) == (0.1, "(1) Kantor meets Hashimoto.")
    assert [a for a in asked if a in {(answer,) for answer, _ in PARTS}] == [
        (answer,) for answer, _ in PARTS]
