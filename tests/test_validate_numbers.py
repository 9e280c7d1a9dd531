"""`quizapp validate` on numbers the app cannot keep as written: `points` past the cap (two of
1e308 made "inf of inf points"), whole numbers past 2**53 and numbers so near 0 that the
grader takes a neighbour (or 0) for them, each at its file:line:column."""

from __future__ import annotations

from pathlib import Path

from quizapp.cli import main
from quizapp.core.loader import load_bank_text
from quizapp.core.model_base import MAX_POINTS
from quizapp.interop import import_with_media

DOCS = Path(__file__).resolve().parent.parent / "docs" / "bank-format.md"


def numeric(answer: str, extra: str = "") -> str:
    return ("title: N\nquestions:\n  - id: q\n    type: numeric\n    prompt: How many?\n"
            f"    answer: {answer}\n{extra}")


def problems(text: str) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.severity, p.message) for p in load_bank_text(text).problems]


def test_points_past_the_cap_are_an_error_at_each_value(tmp_path, capsys):
    path = tmp_path / "points.yaml"
    path.write_text(
        "title: Points huge\nquestions:\n"
        "  - id: points\n    type: true_false\n    prompt: A\n    points: 1e308\n    answer: true\n"
        "  - id: points2\n    type: true_false\n    prompt: B\n    points: 1e308\n    answer: true\n"
        "  - id: small\n    type: true_false\n    prompt: C\n    answer: true\n")
    assert main(["validate", "--no-cache", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{path}:6:13: error: 'points' should be at most {MAX_POINTS:,} (how much "
                      "the question weighs in a score), not 1e308")
    assert out[1].startswith(f"{path}:11:13: error: 'points' should be at most")
    assert out[2] == "checked 1 bank: 2 errors in 1 bank"


def test_the_cap_itself_is_allowed_and_the_docs_name_it():
    text = ("title: T\nquestions:\n  - id: q\n    type: true_false\n    prompt: p\n"
            f"    points: {MAX_POINTS}\n    answer: true\n")
    result = load_bank_text(text)
    assert result.bank is not None and result.problems == []
    assert result.bank.questions[0].points == MAX_POINTS
    assert f"at most {MAX_POINTS:,}" in DOCS.read_text(encoding="utf-8")


def test_a_whole_number_past_2_to_the_53_is_warned_about():
    assert problems(numeric(str(2**53))) == []  # still exact
    ((line, column, severity, message),) = problems(
        numeric("1234567890123456789012345678901234567890"))
    assert (line, column, severity) == (6, 13, "warning")
    assert message.startswith("'answer' 123456789012345678901... is past 9,007,199,254,740,992")
    assert "short_answer" in message
    # the same for every number a bank holds, such as a tolerance
    found = problems(numeric("5", f"    tolerance: {2**53 + 1}\n"))
    assert [(p[0], p[1], p[2]) for p in found] == [(7, 16, "warning")]
    assert found[0][3].startswith("'tolerance' 9007199254740993 is past")


def test_a_cloze_blank_of_such_a_number_is_warned_about():
    text = ("title: C\nquestions:\n  - id: cl\n    type: cloze\n"
            "    text: 'It was {{99999999999999999999999}} or {{1995}}.'\n")
    ((line, column, severity, message),) = problems(text)
    assert (line, column, severity) == (5, 11, "warning")
    assert message.startswith("in the blank '{{99999999999999999999999}}', "
                              "99999999999999999999999 is past 9,007,199,254,740,992")


def test_an_answer_too_near_zero_for_floats_is_warned_about():
    ((line, column, severity, message),) = problems(numeric("1e-320"))
    assert (line, column, severity) == (6, 13, "warning")
    assert "under 2.2e-308" in message
    # a tiny answer is graded as itself, not as 0, so it needs no warning
    assert problems(numeric("1.6e-19")) == []
    assert problems(numeric("1e-13", "    tolerance: 1e-12\n")) == []
    assert problems(numeric("0.001")) == []
    ((_, _, _, message),) = problems(numeric("1e-400"))
    assert message == "'answer' 1e-400 is too close to 0 for the app: it reads as 0"


def test_numbers_that_are_not_numbers_say_what_was_meant():
    def error(answer: str) -> str:
        ((_, _, severity, message),) = problems(numeric(answer))
        assert severity == "error"
        return message

    assert error("1e400") == ("'answer' should be a number, not '1e400' (it is too large: the "
                              "app's numbers go up to about 1.8e308)")
    assert error("0x1F").endswith("(write it in decimal digits, like 31)")
    assert error("1:30").endswith("(write one number, like 1.5 or 90, and its unit in 'unit:')")


def test_a_moodle_default_grade_past_the_cap_is_imported_at_the_cap(tmp_path):
    xml = tmp_path / "q.xml"
    xml.write_text(
        '<?xml version="1.0"?><quiz><question type="truefalse"><name><text>big</text></name>'
        '<questiontext format="html"><text>Heavy?</text></questiontext>'
        "<defaultgrade>1e308</defaultgrade>"
        '<answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>',
        encoding="utf-8")
    result = import_with_media(xml, media_folder="pics")
    assert [q.points for q in result.bank.questions] == [MAX_POINTS]
    assert any(f"it counts {MAX_POINTS:,} points" in w for w in result.warnings)
