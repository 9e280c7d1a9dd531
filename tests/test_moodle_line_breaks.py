"""A line break inside a Moodle paragraph (<br>, a line of moodle_auto_format text) shows as
a new line, as in Moodle, and goes back to Moodle as its Markdown's break (two spaces)."""

from pathlib import Path

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.rendering.cloze_words import ClozeBreak, cloze_pieces
from quizapp.rendering.markdown import safe_document

LINES = Path(__file__).parent / "data" / "interop" / "moodle_line_breaks.xml"


def imported(tmp_path, source=LINES):
    bank = tmp_path / "lines.yaml"
    assert main(["import", str(source), "-o", str(bank), "--force"]) == 0
    return {q.id: q for q in load_bank(bank, use_cache=False).bank.questions}


def test_moodle_line_breaks_show_as_new_lines(qapp, tmp_path):
    qs = imported(tmp_path)
    shown = safe_document(qs["statements"].prompt).toPlainText()
    # before: "Consider: I. Water is wet. II. Fire is cold." on one line
    assert shown.startswith("Consider:\nI. Water is wet.\nII. Fire is cold.\nWhich are true?")
    assert "code\nline" in shown  # a <pre>'s own lines
    assert "a b" in shown  # a table cell stays one line
    assert safe_document(qs["statements"].choices[0].text).toPlainText() == "I only\n(the first)"
    assert safe_document(qs["auto"].prompt).toPlainText() == "Line one\nLine two"
    pieces = cloze_pieces(qs["cloze-lines"].segments())
    assert ClozeBreak() in pieces and pieces.index(ClozeBreak()) == 2  # Name: [Ann] / Town:
    assert qs["match-br"].pairs[0] == ("one two", "x")  # a matching side is one line


def test_line_breaks_go_to_moodle_as_two_spaces_and_come_back(tmp_path):
    qs = imported(tmp_path)
    bank = tmp_path / "lines.yaml"
    xml = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(xml), "-q"]) == 0
    written = xml.read_text(encoding="utf-8")
    assert "Consider:  \nI. Water is wet.  \nII. Fire is cold." in written
    assert "\\\n" not in written  # Moodle's Markdown has no backslash break
    (tmp_path / "x").mkdir()
    again = imported(tmp_path / "x", xml)
    assert again["statements"].prompt == qs["statements"].prompt
    assert again["cloze-lines"].text == qs["cloze-lines"].text
    gift = tmp_path / "again.gift"
    assert main(["export", str(bank), "-o", str(gift), "-q"]) == 0
    assert "Consider\\:  \nI. Water is wet.  \n" in gift.read_text(encoding="utf-8")
    back = imported(tmp_path / "x", gift)
    assert back["statements"].prompt == qs["statements"].prompt


def test_the_lines_of_a_gift_question_in_moodles_default_format_show(qapp, tmp_path):
    source = tmp_path / "lines.gift"
    source.write_text("::Lines::Line one\nLine two\n- a list item\n{T}\n\n"
                      "::Md::[markdown]Soft\nbreak {T}\n", encoding="utf-8")
    qs = imported(tmp_path, source)
    # Moodle shows each line (its default format turns newlines into breaks); it showed
    # "Line one Line two"; a line starting a Markdown block stays that block
    assert safe_document(qs["lines"].prompt).toPlainText() == "Line one\nLine two\na list item"
    assert safe_document(qs["md"].prompt).toPlainText() == "Soft break"  # Markdown's rule
