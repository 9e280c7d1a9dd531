"""A Moodle numerical question's unit handling, both ways. quizapp's numeric question takes
its unit as Moodle's "units are optional" does (a unit typed converts the number, none is
fine), so the export says that (showunits 0) instead of "units are not used at all"
(showunits 3, which Moodle's form shows, and whose units a teacher saving it loses); and
what the import cannot keep of Moodle's other settings (the unit graded with a penalty,
written before the number, instructions) is said instead of dropped in silence."""

import xml.etree.ElementTree as ET

from bank_samples import MOODLE_TABLE_LENGTH_XML
from helpers import imported

from quizapp.cli import main
from quizapp.core.model import Numeric


def test_the_export_asks_moodle_for_optional_units(tmp_path):
    bank = tmp_path / "units.yaml"
    bank.write_text("""title: Units
questions:
  - {id: table, type: numeric, prompt: How long is the table?, answer: 1.5, tolerance: 0.05,
     unit: m, other_units: {cm: 100}}
""", encoding="utf-8")
    out = tmp_path / "units.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    q = ET.parse(out).getroot().find("question[@type='numerical']")
    assert (q.findtext("unitgradingtype"), q.findtext("showunits")) == ("0", "0")
    assert [u.findtext("unit_name") for u in q.iter("unit")] == ["m", "cm"]


def _with_options(**options: str) -> str:
    xml = MOODLE_TABLE_LENGTH_XML
    for name, value in options.items():
        xml = xml.replace(f"<{name}>", f"<{name}>{value}<!--", 1).replace(
            f"</{name}>", f"--></{name}>", 1)
    return xml


def test_a_graded_unit_is_said_to_be_optional_here(tmp_path, capsys):
    xml = _with_options(unitgradingtype="1", unitpenalty="0.2500000", showunits="2")
    _out, bank, said = imported(tmp_path, capsys, "units.xml", xml)
    [q] = bank.questions
    assert isinstance(q, Numeric) and q.unit == "m"
    assert ("Moodle takes 25% of the marks off an answer without its unit or with a wrong "
            "one; quizapp accepts the number without a unit (a unit typed must be one of its "
            "own)") in said


def test_a_unit_before_the_number_and_unit_instructions_are_said(tmp_path, capsys):
    xml = _with_options(unitsleft="1").replace(
        "<units>", '<instructions format="html"><text>Give the length in m.</text>'
                   "</instructions>\n    <units>")
    _out, _bank, said = imported(tmp_path, capsys, "units.xml", xml)
    assert ("Moodle reads its unit before the number ('m 1.5'); quizapp reads it after "
            "the number ('1.5 m')") in said
    assert "its instructions on units ('Give the length in m.') were left out" in said


def test_moodles_own_optional_units_say_nothing(tmp_path, capsys):
    _out, _bank, said = imported(tmp_path, capsys, "units.xml",
                                 _with_options(showunits="0"))
    assert "warning" not in said
