"""`quizapp try` as a teacher runs it: a real process, a real bank file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import main

BANK = """\
title: Try me
questions:
  - id: kantor
    type: short_answer
    prompt: Who threatened sanctions?
    answers: [Mickey Kantor, Kantor]
  - id: hashimoto
    type: short_answer
    prompt: Name Japan's trade minister.
    answers:
      - person: Ryutaro Hashimoto
        family_name_alone: true
  - id: role
    type: multiple_choice
    prompt: What is Kantor's title?
    choices:
      - U.S. Trade Representative
      - text: Secretary of Commerce
        feedback: That is Ronald H. Brown's title.
      - Undersecretary of Commerce
    answer: U.S. Trade Representative
  - id: commerce
    type: multiple_select
    prompt: Who holds Commerce posts?
    choices: [Ronald H. Brown, Jeffrey Garten, Mickey Kantor, Ira Shapiro]
    answers: [Ronald H. Brown, Jeffrey Garten]
  - id: sanctions
    type: true_false
    prompt: Kantor threatened sanctions.
    answer: true
  - id: deficit
    type: numeric
    prompt: How large is the annual trade deficit, in billions of dollars?
    answer: 60
    unit: billion dollars
  - id: roles
    type: matching
    prompt: Match.
    pairs:
      - {left: Kantor, right: Trade Representative}
      - {left: Brown, right: Secretary of Commerce}
      - {left: Garten, right: Undersecretary of Commerce}
  - id: order
    type: ordering
    prompt: Order.
    items: [Tokyo talks, Technical talks, Kantor meets Hashimoto]
  - id: blanks
    type: cloze
    text: Japan's auto makers should {{renew}} {{voluntary}} purchase agreements.
  - id: card
    type: flashcard
    front: Kantor
    back: U.S. Trade Representative
"""


@pytest.fixture
def bank(tmp_path) -> Path:
    path = tmp_path / "try-me.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


def run_try(*args, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if data_dir is not None:
        env["QUIZAPP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "try", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_one_line_per_answer_with_verdict_credit_and_note(bank, tmp_path):
    data = tmp_path / "learners"
    proc = run_try(
        bank, "kantor", "Mr. Kantor", "Mickey Kanter", "Cantor", "Kantor Mickey", data_dir=data
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("right") and "credit 1.00" in lines[0] and "'Mr. Kantor'" in lines[0]
    assert lines[1].startswith("right")
    assert "Accepted, but check the spelling: Mickey Kantor" in lines[1]
    assert lines[2].startswith("wrong") and "credit 0.00" in lines[2]
    assert lines[3].startswith("right")
    assert not data.exists()  # no learner, no store


def test_json_is_the_same_as_a_list(bank):
    proc = run_try(bank, "hashimoto", "Hashimoto Ryutaro", "Hashimoto", "Ryutaro", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["answer"] for r in rows] == ["Hashimoto Ryutaro", "Hashimoto", "Ryutaro"]
    assert [r["verdict"] for r in rows] == ["right", "right", "wrong"]
    assert [r["credit"] for r in rows] == [1.0, 1.0, 0.0]
    assert all(r["expected"] == "Ryutaro Hashimoto" for r in rows)
    assert set(rows[0]) == {
        "answer", "response", "verdict", "correct", "credit", "note", "feedback", "expected"
    }


@pytest.mark.parametrize(
    "qid, answer, verdict, credit",
    [
        ("role", "a", "right", 1.0),
        ("role", "1", "right", 1.0),
        ("role", "u.s. trade representative", "right", 1.0),
        ("role", "b", "wrong", 0.0),
        ("commerce", "a; b", "right", 1.0),
        ("commerce", "b, a", "right", 1.0),
        ("commerce", "a", "partly right", 0.5),
        ("commerce", "a; c", "wrong", 0.0),
        ("commerce", "", "wrong", 0.0),
        ("sanctions", "true", "right", 1.0),
        ("sanctions", "no", "wrong", 0.0),
        ("deficit", "$60B", "right", 1.0),
        ("deficit", "60 billion a year", "right", 1.0),
        ("deficit", "60 million", "wrong", 0.0),
        ("roles", "1=a, 2=b, 3=c", "right", 1.0),
        ("roles", "1=a; 2=c; 3=b", "partly right", 0.3333),
        ("roles", "Kantor=Trade Representative", "partly right", 0.3333),
        ("order", "a, b, c", "right", 1.0),
        ("order", "b, a, c", "partly right", 0.5),
        ("order", "3, 2, 1", "wrong", 0.0),
        ("blanks", "renew | voluntary", "right", 1.0),
        ("blanks", "renew | involuntary", "partly right", 0.5),
        ("card", "good", "right", 1.0),
        ("card", "1", "wrong", 0.0),
    ],
)
def test_text_forms_of_every_type(bank, qid, answer, verdict, credit, capsys):
    assert main(["try", str(bank), qid, answer, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["verdict"], row["credit"]) == (verdict, credit)


def test_a_picked_choice_shows_its_feedback(bank, capsys):
    assert main(["try", str(bank), "role", "b"]) == 0
    assert "That is Ronald H. Brown's title." in capsys.readouterr().out


def test_unknown_question_or_invalid_bank_exit_1(bank, tmp_path):
    proc = run_try(bank, "kantr", "Kantor")
    assert proc.returncode == 1
    assert "no question 'kantr'" in proc.stderr and "did you mean 'kantor'" in proc.stderr
    assert "Traceback" not in proc.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: Broken\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: lots}\n")
    proc = run_try(broken, "a", "5")
    assert proc.returncode == 1
    assert "broken.yaml:3:" in proc.stderr and "'answer' should be a number" in proc.stderr
    assert proc.stdout == ""


def test_usage_errors_exit_2(bank, tmp_path):
    missing = run_try(tmp_path / "missing.yaml", "a", "b")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    no_answer = run_try(bank, "kantor")
    assert no_answer.returncode == 2 and "ANSWER" in no_answer.stderr
    bad_form = run_try(bank, "role", "a", "z")
    assert bad_form.returncode == 2
    assert "no choice 'z'" in bad_form.stderr and "(a-c)" in bad_form.stderr
    assert bad_form.stdout == ""
    bad_pair = run_try(bank, "roles", "1-a")
    assert bad_pair.returncode == 2 and "left=right" in bad_pair.stderr
    folder = run_try(tmp_path, "a", "b")
    assert folder.returncode == 2


def test_try_never_imports_qt_nor_opens_the_store(bank, tmp_path):
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        f"rc = main(['try', {str(bank)!r}, 'kantor', 'Kantor'])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert 'quizapp.core.store' not in sys.modules\n"
    )
    env = dict(os.environ, QUIZAPP_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "data").exists()


def test_an_unreadable_number_is_not_graded_as_the_app_asks_again(bank):
    """The app asks again for a numeric answer it cannot read and records nothing, so
    `try` must not call it wrong: it says 'not graded', still grades the other answers,
    and exits 2 as for an answer it cannot take."""
    proc = run_try(bank, "deficit", "1995 yrs", "60")
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.splitlines() == [
        "not graded: '1995 yrs' cannot be read as a number; the app asks again",
        "right        credit 1.00  '60'",
    ]
    assert "Traceback" not in proc.stderr
    as_json = run_try(bank, "deficit", "  1995 yrs ", "--format", "json")
    assert as_json.returncode == 2
    (row,) = json.loads(as_json.stdout)
    assert (row["verdict"], row["credit"], row["correct"]) == ("not graded", None, False)
    assert row["note"] == "'1995 yrs' cannot be read as a number; the app asks again"
    readable = run_try(bank, "deficit", "60 billion dollars", "61")
    assert readable.returncode == 0 and "not graded" not in readable.stdout


def test_a_typo_python_reads_as_a_number_is_not_graded_right(bank):
    """Python's float() takes '1_995' as 1995 and NFKC makes '6⁰' 60: a learner who typed
    them is asked again, not told they are right. A choice named '²' (a digit int() refuses)
    is a clear error, not a traceback."""
    wrong_ones = run_try(bank, "deficit", "60_000_000_000", "6⁰", "nan", "inf", "60")
    assert wrong_ones.returncode == 2, wrong_ones.stderr
    assert wrong_ones.stdout.splitlines() == [
        "not graded: '60_000_000_000' cannot be read as a number; the app asks again",
        "not graded: '6⁰' cannot be read as a number; the app asks again",
        "not graded: 'nan' cannot be read as a number; the app asks again",
        "not graded: 'inf' cannot be read as a number; the app asks again",
        "right        credit 1.00  '60'",
    ]
    # digits as an Arabic or a Japanese keyboard types them are the number
    other_digits = run_try(bank, "deficit", "٦٠", "６０")
    assert other_digits.returncode == 0, other_digits.stderr
    assert other_digits.stdout.splitlines() == [
        "right        credit 1.00  '٦٠'",
        "right        credit 1.00  '６０'",
    ]
    superscript = run_try(bank, "role", "²")
    assert superscript.returncode == 2 and "Traceback" not in superscript.stderr
    assert "no choice '²'; name a choice by its letter" in superscript.stderr
