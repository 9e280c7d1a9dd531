"""Moodle's hints for "interactive with multiple tries" (<hint>) are kept as the question's
`hints`: practice shows the next one with the feedback on a mistake, as the question comes
back for another try, and the Moodle XML export writes them back. Before, the import left
them out ("1 hint(s) for further tries are not supported")."""

from editor_helpers import (  # noqa: F401 (autouse fixture)
    leave_without_saving,
    open_ustr_bank,
    saved_and_loaded,
    type_lines,
)
from gui_helpers import make_screen, press
from helpers import imported
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.session import QuizSession
from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Trade Representative</text></name>
    <questiontext format="html"><text><![CDATA[<p>Who is the U.S. Trade Representative?</p>]]></text></questiontext>
    <penalty>0.3333333</penalty>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>Mickey Kantor</text></answer>
    <hint format="html"><text><![CDATA[<p>He spoke to the farm <b>broadcasters</b>.</p>]]></text></hint>
    <hint format="html"><text>His first name is Mickey.</text><shownumcorrect/></hint>
  </question>
</quiz>
"""

FIRST = "He spoke to the farm **broadcasters**."
SECOND = "His first name is Mickey."


def _imported(tmp_path, capsys):
    source = tmp_path / "hints.xml"
    source.write_text(XML, encoding="utf-8")
    bank = tmp_path / "hints.yaml"
    assert main(["import", str(source), "-o", str(bank), "--force"]) == 0
    return bank, capsys.readouterr().err


def test_the_hints_are_kept_and_what_practice_does_anyway_is_not_said(tmp_path, capsys):
    bank, err = _imported(tmp_path, capsys)
    [q] = load_bank(bank, use_cache=False).bank.questions
    assert q.hints == (FIRST, SECOND)
    assert "not supported" not in err
    # practice marks each part and asks again from empty: nothing is lost to warn about
    assert "how many parts are right" not in err
    source = tmp_path / "options.xml"
    source.write_text(XML.replace("<shownumcorrect/>", "<options>1</options>"), "utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "options.yaml")]) == 0
    assert ("question 'Trade Representative': its hints also show more (an option of its "
            "type) in Moodle; quizapp shows the hint's text only") in capsys.readouterr().err


GAPS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>Who met</text></name>
    <questiontext format="html"><text><![CDATA[<p>{1:SA:=Kantor} met \
{1:SA:=Hashimoto}.</p>]]></text></questiontext>
    <hint format="html"><text>One is Japan's trade minister.</text><shownumcorrect/>\
<clearwrong/></hint>
  </question>
</quiz>
"""


def test_practice_marks_each_part_and_asks_again_from_empty(qtbot, tmp_path, capsys, store,
                                                            learner):
    """Moodle's 'show the number of correct responses' and 'clear incorrect responses':
    after a mistake practice marks each blank right or wrong (more than a count) and the
    question comes back with every blank empty (the wrong ones cleared, the right ones
    asked again). The export writes both settings on the hints of a question of parts,
    so that Moodle comes nearest to that."""
    source = tmp_path / "gaps.xml"
    source.write_text(GAPS, encoding="utf-8")
    bank_file = tmp_path / "gaps.yaml"
    assert main(["import", str(source), "-o", str(bank_file)]) == 0
    assert "warning" not in capsys.readouterr().err
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="practice",
                                            shuffle=False))
    first, second = screen.question_widget.edits
    qtbot.keyClicks(first, "Kantor")
    qtbot.keyClicks(second, "Brown")
    press(qtbot, screen, Qt.Key.Key_Return)  # blank 1: on to blank 2
    press(qtbot, screen, Qt.Key.Key_Return)  # submit: one blank wrong
    marks = [m.text() for m in screen.question_widget.marks]
    assert marks[0].startswith(RIGHT_MARK) and marks[1].startswith(WRONG_MARK), marks
    assert screen.feedback.rows.text("hint") == "One is Japan's trade minister."
    press(qtbot, screen, Qt.Key.Key_Return)  # on: the question comes back
    assert [edit.text() for edit in screen.question_widget.edits] == ["", ""]
    screen.session.abandon()
    out = tmp_path / "again.xml"
    assert main(["export", str(bank_file), "-o", str(out)]) == 0
    hint = out.read_text(encoding="utf-8").split("<hint", 1)[1].split("</hint>", 1)[0]
    assert "<shownumcorrect />" in hint and "<clearwrong />" in hint


def test_the_hints_go_back_to_moodle_and_gift_says_it_has_none(tmp_path, capsys):
    bank, _ = _imported(tmp_path, capsys)
    out = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    written = out.read_text(encoding="utf-8")
    assert f'<hint format="markdown">\n      <text>{FIRST}</text>' in written
    again = tmp_path / "again.yaml"
    assert main(["import", str(out), "-o", str(again)]) == 0
    assert load_bank(again, use_cache=False).bank.questions[0].hints == (FIRST, SECOND)
    assert main(["export", str(bank), "-o", str(tmp_path / "out.gift")]) == 0
    assert ("question 'trade-representative': GIFT has no hints; its 2 hint(s)"
            in capsys.readouterr().err)


def test_practice_shows_the_next_hint_after_each_mistake(qtbot, tmp_path, capsys, store,
                                                         learner):
    bank_file, _ = _imported(tmp_path, capsys)
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="practice",
                                            shuffle=False))
    shown = []
    for typed in ("Ronald Brown", "Brown", "Jeffrey Garten"):
        qtbot.keyClicks(screen.question_widget.edit, typed)
        press(qtbot, screen, Qt.Key.Key_Return)  # submit: wrong
        shown.append(screen.feedback.rows.text("hint"))
        press(qtbot, screen, Qt.Key.Key_Return)  # on: the question comes back
    # the first, the second, and the last again once they run out
    assert shown == [FIRST, SECOND, SECOND]
    qtbot.keyClicks(screen.question_widget.edit, "Mickey Kantor")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.feedback.rows.text("hint") == ""  # right: no hint
    screen.session.abandon()


def test_a_quiz_shows_no_hint(qtbot, tmp_path, capsys, store, learner):
    """A quiz has one try, as Moodle's deferred and immediate feedback have: no hint."""
    bank_file, _ = _imported(tmp_path, capsys)
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="quiz"))
    qtbot.keyClicks(screen.question_widget.edit, "Brown")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "Wrong" in screen.feedback.verdict.text()
    assert screen.feedback.rows.text("hint") == ""
    screen.session.abandon()


def test_a_bank_writes_hints_as_a_list_of_texts():
    bank = """title: Talks
questions:
  - id: ustr
    type: short_answer
    prompt: Who is the U.S. Trade Representative?
    answer: Mickey Kantor
    hints: {hints}
"""
    good = load_bank_text(bank.format(hints="[He spoke to farm broadcasters.]"), "t.yaml")
    assert good.problems == [] and good.bank.questions[0].hints == (
        "He spoke to farm broadcasters.",)
    bad = load_bank_text(bank.format(hints="Think of farms."), "t.yaml")
    assert [p.message for p in bad.problems] == [
        "'hints' should be a list, like [a, b], not text"]


def test_a_penalty_of_the_teachers_own_is_said_to_be_left_out(tmp_path, capsys):
    """Moodle writes <penalty> on every question; its editor's third says nothing, another
    (Moodle's shortanswer fixture has 0) was the teacher's choice, silently dropped."""
    for penalty, said in (("0.3333333", False), ("0.0000000", True), ("0.5", True)):
        source = tmp_path / "penalty.xml"
        source.write_text(XML.replace("<penalty>0.3333333</penalty>",
                                      f"<penalty>{penalty}</penalty>"), encoding="utf-8")
        assert main(["import", str(source), "-o", str(tmp_path / "p.yaml"), "--force"]) == 0
        err = capsys.readouterr().err
        assert ("its penalty for each wrong try" in err) is said, (penalty, err)
    assert "(50% of its marks" in err


def test_the_anki_export_says_it_leaves_the_hints_out(tmp_path):
    from quizapp.core.model import Bank, Flashcard
    from quizapp.interop import export_with_warnings

    bank = Bank(id="hinted", title="Hinted", questions=(
        Flashcard(id="h1", prompt="front", back="back", hints=("Think of farms.",)),
        Flashcard(id="plain", prompt="front", back="back")))
    assert export_with_warnings(bank, tmp_path / "hinted.apkg") == [
        "hinted: warning: Anki has no tries to give hints for: the hints of 1 question(s) "
        "are left out: 'h1'"]


def test_the_form_has_a_row_for_the_hints(qtbot, tmp_path):
    w, bank = open_ustr_bank(qtbot, tmp_path)
    row = w.form.fields[("hints",)]
    row.setFocus()
    type_lines(qtbot, row, "He spoke to farm broadcasters.\nHis first name is Mickey.")
    assert saved_and_loaded(qtbot, w, bank).questions[0].hints == (
        "He spoke to farm broadcasters.", "His first name is Mickey.")


def test_a_true_false_questions_own_penalty_is_not_said(tmp_path, capsys):
    """Moodle's true/false has no penalty setting: its editor fixes it at 1 (two answers,
    one try), and every true/false question in a Moodle file says <penalty>1.0000000;
    each was said to be 'not kept'. The export writes it so too."""
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Sanctions</text></name>
    <questiontext format="html"><text>Kantor threatened trade sanctions.</text></questiontext>
    <penalty>1.0000000</penalty>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""
    bank, _bank, err = imported(tmp_path, capsys, "sanctions.xml", xml)
    assert "penalty" not in err
    out = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "<penalty>1.0000000</penalty>" in out.read_text(encoding="utf-8")
