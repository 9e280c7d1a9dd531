"""Importing Aiken files."""

from pathlib import Path

from quizapp.core.loader import load_bank_text
from quizapp.core.model import MultipleChoice
from quizapp.interop import import_bank, import_file
from quizapp.interop.aiken import parse_aiken

DATA = Path(__file__).parent / "data" / "interop"


def test_aiken_file_imports_choices_and_answers():
    bank, warnings = import_bank(DATA / "aiken.txt")
    qs = bank.questions
    assert [type(q) for q in qs] == [MultipleChoice] * 3
    assert qs[0].prompt == "Who is the U.S. Trade Representative?"
    assert [c.text for c in qs[0].choices] == [
        "Mickey Kantor", "Ronald H. Brown", "Ryutaro Hashimoto", "Ira Shapiro",
    ]
    assert qs[0].answer == "Mickey Kantor"
    assert qs[1].answer == "Tokyo"  # "B)" choices work as well as "B."
    assert qs[2].answer == "$60 billion"
    assert [q.line for q in qs] == [1, 8, 18]
    assert warnings == [f"{DATA / 'aiken.txt'}:16: warning: the answer 'E' is not one of the "
                        "choices A, B; the question was skipped"]


def test_aiken_yaml_validates():
    text, _ = import_file(DATA / "aiken.txt")
    result = load_bank_text(text, "aiken.yaml")
    assert result.problems == []
    assert len(result.bank.questions) == 3


def test_multi_line_question_text_and_lower_case_answer():
    qs, warnings = parse_aiken(
        "The article says the talks\nconcern which market?\nA. Rice\nB. Autos\nanswer: b\n"
    )
    assert qs[0].prompt == "The article says the talks\nconcern which market?"
    assert qs[0].answer == "Autos"
    assert warnings == []


def test_problems_are_reported_with_lines():
    text = (
        "No answer line\nA. one\nB. two\n\n"      # 1: blank line before ANSWER
        "ANSWER: A\n\n"                           # 5: an ANSWER with nothing before it
        "Stray\nA. x\nB. y\nnot a choice\nANSWER: A\n\n"  # 10: junk line, question kept
        "Same twice\nA. x\nB. x\nANSWER: A\n\n"   # 13: duplicate choices
        "Last one without answer\nA. p\nB. q\n"   # 18
    )
    qs, warnings = parse_aiken(text, "a.txt")
    assert [q.prompt for q in qs] == ["Stray"]
    lines = [int(w.split(":")[1]) for w in warnings]
    assert lines == [1, 5, 10, 13, 18]
    assert "neither a choice" in warnings[2]
    assert "appears twice" in warnings[3]


def test_html_in_aiken_is_neutralised():
    qs, _ = parse_aiken("Is <script>x</script> safe?\nA. <b>yes</b>\nB. no\nANSWER: B\n")
    assert qs[0].prompt == "Is \\<script>x\\</script> safe?"
    assert qs[0].choices[0].text == "\\<b>yes\\</b>"


def test_hostile_lines_finish():
    from quizapp.interop import _sniff_format

    blank = "\n" * 200000
    assert _sniff_format(Path("x.txt"), blank + "x, y") == "csv"
    qs, warnings = parse_aiken("Q\nA. a\nB. b\nANSWER: a" + " " * 100000 + "b\n")
    assert qs == [] and "not one of the choices" in warnings[0]
