"""Two messages of `quizapp validate` a tester found wrong: a number written with YAML's
'_' digit groups (1_000) was taken silently, and `source: {file: .}`, the bank's folder
itself, was said to point outside the bank's folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quizapp.core.loader import load_bank


def validate(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(path)],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )


NUMERIC = """title: Numbers
questions:
  - id: sold
    type: numeric
    prompt: How many cars were sold?
    answer: {answer}
    tolerance: {tolerance}
"""


def test_an_answer_written_1_000_is_kept_as_1000_with_a_warning(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(NUMERIC.format(answer="1_000", tolerance="0_5"), encoding="utf-8")
    proc = validate(path)
    assert proc.stdout.splitlines() == [
        f"{path}:6:13: warning: 'answer' 1_000 is read as 1000 (YAML drops the '_'); "
        "write 1000, as a learner would type it",
        f"{path}:7:16: warning: 'tolerance' 0_5 is read as 05 (YAML drops the '_'); "
        "write 05, as a learner would type it",
        "checked 1 bank: 2 warnings",
    ]
    assert proc.returncode == 0  # a warning: the bank still loads, its number as before
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    (question,) = result.bank.questions
    assert (question.answer, question.tolerance) == (1000.0, 5.0)


def test_an_answer_without_underscores_has_no_warning(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(NUMERIC.format(answer="1000", tolerance="2.5"), encoding="utf-8")
    assert validate(path).stdout == "checked 1 bank: all valid\n"


def test_1_comma_000_is_still_refused(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(NUMERIC.format(answer="'1,000'", tolerance="0"), encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is None
    (problem,) = result.problems
    assert "write it without separators, like 1000" in problem.message


SOURCE = """title: Quotes
source: {{file: '{name}'}}
questions:
  - id: q
    type: true_false
    prompt: Did Brown say it?
    answer: true
    source: {{paragraph: 1, quote: Brown said}}
"""


@pytest.mark.parametrize("name", [".", "./", "./."])
def test_the_source_text_named_as_the_banks_folder_is_said_to_be_the_folder(tmp_path, name):
    (tmp_path / "article.txt").write_text("Brown said it.\n", encoding="utf-8")
    path = tmp_path / "bank.yaml"
    path.write_text(SOURCE.format(name=name), encoding="utf-8")
    proc = validate(path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{path}:2:16: error: the source text '{name}' is the bank's folder itself, not a "
        "file: name a file in it",
        "checked 1 bank: 1 error in 1 bank",
    ]


def test_a_link_to_the_banks_folder_is_said_to_be_the_folder(tmp_path):
    (tmp_path / "here").symlink_to(tmp_path, target_is_directory=True)
    path = tmp_path / "bank.yaml"
    path.write_text(SOURCE.format(name="here"), encoding="utf-8")
    (problem,) = load_bank(path, use_cache=False).problems
    assert problem.message == ("the source text 'here' is the bank's folder itself, not a "
                               "file: name a file in it")


def test_a_name_outside_the_folder_still_says_so(tmp_path):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    path = folder / "bank.yaml"
    path.write_text(SOURCE.format(name="up"), encoding="utf-8")
    (problem,) = load_bank(path, use_cache=False).problems
    assert problem.message == "the source text 'up' points outside the bank's folder"


def test_an_image_named_as_the_banks_folder_is_said_to_be_the_folder(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text("title: Pictures\nquestions:\n  - id: q\n    type: true_false\n"
                    "    prompt: Is this a car?\n    image: .\n    answer: true\n",
                    encoding="utf-8")
    proc = validate(path)
    assert "the image '.' is the bank's folder itself, not a file: name a file in it" \
        in proc.stdout
