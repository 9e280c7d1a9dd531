"""A matching question whose right side answers two items (cat -> mammal, dog -> mammal):
a tester's Moodle question lost a pair, as the bank format refused a right side twice.
Now the format takes it, the quiz offers each right side once and grades every item,
and the imports and exports keep every pair."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from gui_helpers import focused, make_screen, press, recorded, settle
from helpers import package_collection_bytes
from PySide6.QtCore import Qt

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank
from quizapp.core.model import Matching
from quizapp.core.session import QuizSession

PAIRS = (("cat", "mammal"), ("trout", "fish"), ("dog", "mammal"))

BANK = """title: Animals
questions:
  - id: kinds
    type: matching
    prompt: Match each animal with its kind.
    shuffle: false
    pairs:
      - {left: cat, right: mammal}
      - {left: trout, right: fish}
      - {left: dog, right: mammal}
"""

MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="matching">
    <name><text>Animal kinds</text></name>
    <questiontext format="html"><text>Match each animal with its kind.</text></questiontext>
    <shuffleanswers>true</shuffleanswers>
    <subquestion format="html"><text>cat</text><answer><text>mammal</text></answer></subquestion>
    <subquestion format="html"><text>trout</text><answer><text>fish</text></answer></subquestion>
    <subquestion format="html"><text>dog</text><answer><text>mammal</text></answer></subquestion>
  </question>
</quiz>
"""


def quizapp(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quizapp", *map(str, args)],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)


def loaded(path) -> Matching:
    result = load_bank(path, use_cache=False)
    assert [p.format() for p in result.problems] == []
    assert result.bank is not None
    (question,) = result.bank.questions
    assert isinstance(question, Matching)
    return question


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "animals.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the bank format


def test_a_right_side_may_answer_two_items(bank):
    assert quizapp("validate", bank).stdout == "checked 1 bank: all valid\n"
    question = loaded(bank)
    assert question.pairs == PAIRS
    # dog given the cat's 'mammal' (pair 0) is as right as its own (pair 2)
    assert grade(question, [0, 1, 0]).correct and grade(question, [2, 1, 2]).correct
    wrong = grade(question, [0, 1, 1])
    assert not wrong.correct and wrong.credit == pytest.approx(2 / 3)


def test_a_repeated_left_a_look_alike_right_and_one_right_for_all_are_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "title: Bad\nquestions:\n"
        "  - id: lefts\n    type: matching\n    prompt: Match.\n    pairs:\n"
        "      - {left: cat, right: mammal}\n      - {left: cat, right: fish}\n"
        "  - id: look\n    type: matching\n    prompt: Match.\n    pairs:\n"
        "      - {left: cat, right: mammal}\n      - {left: dog, right: \"mammal\\u200b\"}\n"
        "      - {left: trout, right: fish}\n"
        "  - id: one\n    type: matching\n    prompt: Match.\n    pairs:\n"
        "      - {left: cat, right: mammal}\n      - {left: dog, right: mammal}\n",
        encoding="utf-8")
    lines = quizapp("validate", path).stdout.splitlines()
    assert lines == [
        f"{path}:8:16: error: 'cat' appears on the left twice (first at line 7); each left "
        "side must be different",
        f"{path}:14:28: error: 'mammal\\u200b' appears on the right twice (written with "
        "other, or invisible, characters) (first at line 13); write a repeated right side "
        "the same way each time",
        f"{path}:20:7: error: every pair has the same right side; a matching question needs "
        "at least two different right sides to choose from",
        "checked 1 bank: 3 errors in 1 bank",
    ]


def test_the_schema_says_a_right_side_may_repeat():
    schema = json.loads(quizapp("schema").stdout)
    pairs = schema["$defs"]["matching"]["properties"]["pairs"]
    assert "may repeat" in pairs["description"]


# ------------------------------------------------------------------ the quiz screen


def test_the_quiz_offers_mammal_once_and_grades_every_item(qtbot, store, learner, bank):
    session = QuizSession(store, learner.id, load_bank(bank, use_cache=False).bank,
                          mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    widget = screen.question_widget
    combos = widget.combos
    offered = [combos[0].itemText(i) for i in range(combos[0].count())]
    assert offered == ["— choose —", "1. mammal", "2. fish"]
    assert [label.text() for label in widget.legend_labels] == ["1. mammal", "2. fish"]
    assert widget.keys_hint.text().startswith("1–2 picks")
    # cat: a mouse click opens its list, Down and Enter pick the first answer
    qtbot.mouseClick(combos[0], Qt.MouseButton.LeftButton)
    view = combos[0].view()
    qtbot.waitUntil(view.isVisible)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combos[0].currentText() == "1. mammal"
    combos[1].setFocus()
    press(qtbot, screen, Qt.Key.Key_2)  # trout: fish
    press(qtbot, screen, Qt.Key.Key_1)  # dog: mammal, the one 'mammal' on offer
    assert focused(screen) is screen.submit_button
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert submitted.args[0].correct and submitted.args[0].credit == 1.0
    assert all(mark.isVisible() and "right:" not in mark.toolTip() + mark.text()
               for mark in widget.marks)
    (row,) = recorded(store, learner.id)
    assert row.correct


def test_a_dog_marked_wrong_is_told_mammal(qtbot, store, learner, bank):
    session = QuizSession(store, learner.id, load_bank(bank, use_cache=False).bank,
                          mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_2):  # dog: fish, wrong
        press(qtbot, screen, key)
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert not submitted.args[0].correct
    assert submitted.args[0].credit == pytest.approx(2 / 3)
    dog = screen.question_widget.marks[2]
    assert "right: mammal" in dog.text() + dog.toolTip()


def test_a_stored_answer_naming_the_other_mammal_pair_shows_mammal(qtbot, bank):
    from quizapp.gui.question_widgets import widget_for

    widget = widget_for(loaded(bank))
    qtbot.addWidget(widget)
    widget.restore([2, 1, 0])  # cat given dog's 'mammal', dog given cat's: both shown
    assert [combo.currentText() for combo in widget.combos] == [
        "1. mammal", "2. fish", "1. mammal"]
    assert grade(loaded(bank), widget.response()).correct


# ------------------------------------------------------------------ imports and exports


def test_the_moodle_import_keeps_both_mammals_and_the_exports_read_back(tmp_path):
    source = tmp_path / "animals.xml"
    source.write_text(MOODLE, encoding="utf-8")
    imported = tmp_path / "imported.yaml"
    proc = quizapp("import", source, "-o", imported)
    assert proc.returncode == 0, proc.stderr
    assert "left out" not in proc.stdout + proc.stderr
    assert loaded(imported).pairs == PAIRS

    for suffix in ("gift", "xml"):
        exported = tmp_path / f"out.{suffix}"
        proc = quizapp("export", imported, "-o", exported)
        assert proc.returncode == 0, proc.stderr
        back = tmp_path / f"back-{suffix}.yaml"
        proc = quizapp("import", exported, "-o", back)
        assert proc.returncode == 0, proc.stderr
        assert "left out" not in proc.stdout + proc.stderr
        assert loaded(back).pairs == PAIRS


def test_the_anki_deck_lists_mammal_once(tmp_path, bank):
    deck = tmp_path / "animals.apkg"
    proc = quizapp("export", bank, "-o", deck)
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "col").write_bytes(package_collection_bytes(deck))
    with sqlite3.connect(tmp_path / "col") as db:
        (fields,) = [row[0] for row in db.execute("select flds from notes")]
    front, back = fields.split("\x1f")[:2]
    match_with = front.split("Match with:")[1]
    assert match_with.count("mammal") == 1 and match_with.count("fish") == 1
    assert back.count("mammal") == 2  # cat → mammal, dog → mammal


def test_the_printed_paper_lists_mammal_once_and_its_key_gives_it_to_both(tmp_path, bank):
    from PySide6.QtPdf import QPdfDocument

    paper = tmp_path / "animals.pdf"
    proc = quizapp("export", bank, "-o", paper)
    assert proc.returncode == 0, proc.stderr
    doc = QPdfDocument()
    assert doc.load(str(paper)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    quiz, key = text.split("Answer key", 1)
    assert quiz.count("mammal") == 1 and "C." not in quiz  # shuffle: false: A. mammal, B. fish
    assert "1 \u2192 A, 2 \u2192 B, 3 \u2192 A" in key
