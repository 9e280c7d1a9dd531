"""A numeric question with other units shows them beside the answer box ("m (or cm, mm)"),
not its unit alone: a learner who saw only "m" had no way to know "150 cm" is taken too."""

from __future__ import annotations

from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession

# A Moodle numerical question as Moodle exports it: m, with cm (× 100) and mm (× 1000).
XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 104  -->
  <question type="numerical">
    <name>
      <text>Length of the table</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>How long is the table?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="100" format="moodle_auto_format">
      <text>1.5</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>0.05</tolerance>
    </answer>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>3</showunits>
    <unitsleft>0</unitsleft>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>m</unit_name>
      </unit>
      <unit>
        <multiplier>100</multiplier>
        <unit_name>cm</unit_name>
      </unit>
      <unit>
        <multiplier>1000</multiplier>
        <unit_name>mm</unit_name>
      </unit>
    </units>
  </question>
</quiz>
"""


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
