"""A Moodle ordering question's grading type: said when quizapp's part marks differ from it,
and quizapp's own export asks Moodle for the grading closest to quizapp's."""

from quizapp.cli import main
from quizapp.interop import import_with_media

ORDERING = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="ordering">
    <name><text>Planets</text></name>
    <questiontext format="html"><text><![CDATA[<p>Order from the Sun.</p>]]></text></questiontext>
    <layouttype>VERTICAL</layouttype>
    <selecttype>ALL</selecttype>
    <selectcount>0</selectcount>
    <gradingtype>{grading}</gradingtype>
    <answer fraction="2.0000000" format="moodle_auto_format"><text>Venus</text></answer>
    <answer fraction="1.0000000" format="moodle_auto_format"><text>Mercury</text></answer>
    <answer fraction="3.0000000" format="moodle_auto_format"><text>Earth</text></answer>
  </question>
</quiz>
"""


def test_an_all_or_nothing_order_says_that_quizapp_gives_part_marks(tmp_path):
    path = tmp_path / "order.xml"
    path.write_text(ORDERING.format(grading="ALL_OR_NOTHING"), encoding="utf-8")
    imported = import_with_media(path)
    [order] = imported.bank.questions
    assert order.items == ("Mercury", "Venus", "Earth")
    assert imported.warnings == [
        f"{path}:3: warning: question 'Planets': Moodle grades this order by the whole order "
        "only (all or nothing); quizapp gives part marks for the longest run of items in the "
        "right order, so a learner's marks may differ"]
    path.write_text(ORDERING.format(grading="5"), encoding="utf-8")  # by number too
    assert import_with_media(path).warnings == []


def test_quizapps_export_asks_moodle_for_the_longest_ordered_run(tmp_path, capsys):
    source = tmp_path / "order.xml"
    source.write_text(ORDERING.format(grading="LONGEST_ORDERED_SUBSET"), encoding="utf-8")
    bank = tmp_path / "order.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    out = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "<gradingtype>LONGEST_ORDERED_SUBSET</gradingtype>" in written
    capsys.readouterr()
    assert main(["import", str(out), "-o", str(tmp_path / "again.yaml")]) == 0
    assert "warning" not in capsys.readouterr().err
