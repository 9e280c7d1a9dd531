"""A numeric question with other units shows them beside the answer box ("m (or cm, mm)"),
not its unit alone: a learner who saw only "m" had no way to know "150 cm" is taken too."""

from __future__ import annotations

from bank_samples import MOODLE_TABLE_LENGTH_XML as XML
from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession


def test_the_other_units_show_beside_the_answer_box(qtbot, tmp_path, store, learner):
    source = tmp_path / "units.xml"  # a Moodle numerical question: m, cm × 100, mm × 1000
    source.write_text(XML, encoding="utf-8")
    bank_file = tmp_path / "units.yaml"
    assert main(["import", str(source), "-o", str(bank_file)]) == 0
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="quiz", shuffle=False))
    widget = screen.question_widget
    assert widget.unit_label.isVisible()
    assert widget.unit_label.text() == "m (or cm, mm)"
    assert widget.edit.accessibleName() == "Your answer, in m (or cm, mm)"
    assert "cm, mm after it" in widget.edit.toolTip()
    # and what it says is so: 150 cm is taken for 1.5 m
    qtbot.keyClicks(widget.edit, "150 cm")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert recorded(store, learner.id)[-1].correct
    assert "Right" in screen.feedback.verdict.text()
