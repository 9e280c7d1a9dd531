"""A Moodle numerical question's other units (cm × 100 beside m) are kept as its
`other_units`: '150 cm' is 1.5 m, as in Moodle. Before, they were left out with a warning,
and a learner who typed '150 cm' was told it could not be read as a number."""

import pytest
from bank_samples import MOODLE_TABLE_LENGTH_XML as XML

from quizapp.cli import main
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import Numeric


def _graded(capsys, bank, *answers) -> list[str]:
    capsys.readouterr()
    assert main(["try", str(bank), "length-of-the-table", *answers]) == 0
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_a_moodle_numerical_answer_is_right_in_each_of_its_units(tmp_path, capsys):
    source = tmp_path / "units.xml"
    source.write_text(XML, encoding="utf-8")
    bank = tmp_path / "units.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert "warning" not in capsys.readouterr().err  # no unit left out
    [q] = load_bank(bank, use_cache=False).bank.questions
    assert isinstance(q, Numeric) and q.unit == "m"
    assert q.other_units == (("cm", 100.0), ("mm", 1000.0))
    # 1.5 ± 0.05 m: 145 to 155 cm, 1450 to 1550 mm
    assert _graded(capsys, bank, "150 cm", "1500mm", "1.5 m", "1.5", "152 cm", "156 cm",
                   "150") == ["right", "right", "right", "right", "right", "wrong", "wrong"]
    assert main(["try", str(bank), "length-of-the-table", "15 dm"]) != 0  # not a unit here
    assert "cannot be read as a number" in capsys.readouterr().out
    # back to Moodle with every unit, and again
    xml = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(xml)]) == 0
    again = tmp_path / "again.yaml"
    assert main(["import", str(xml), "-o", str(again)]) == 0
    assert "warning" not in capsys.readouterr().err
    [back] = load_bank(again, use_cache=False).bank.questions
    assert (back.unit, back.other_units) == (q.unit, q.other_units)
    # GIFT has no units: the export names each one it leaves out
    assert main(["export", str(bank), "-o", str(tmp_path / "units.gift")]) == 0
    assert "GIFT has no unit; 'm', 'cm', 'mm' was left out" in capsys.readouterr().err


@pytest.mark.parametrize(("other", "said"), [
    ("other_units: {cm: 100}", "'other_units' needs the question's 'unit'"),
    ("unit: m\n  other_units: {cm: 0}", "'other_units: cm' should be a number above 0"),
    ("unit: m\n  other_units: [cm]", "'other_units' should be a mapping like {cm: 100}"),
])
def test_other_units_written_wrong_are_named(other, said):
    result = load_bank_text(f"""title: T
id: t
questions:
- id: q
  type: numeric
  prompt: How long?
  answer: 1.5
  {other}
""")
    assert any(said in str(p) for p in result.problems), result.problems
