"""Multiple-select weights exported to Moodle XML and GIFT are grades Moodle's import takes
(it refuses a file holding any other: "Error if grade not listed"): a weight close to one
of them, with the right choices still full marks, is written as it; any other is written
as the nearest with a warning naming the question. Imported back, the bank grades alike."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text
from quizapp.interop import export_with_warnings, import_bank

# Moodle's question_bank::fraction_options_full(), which match_grade_options() checks a
# fraction against (within 0.00001) when the import is set to "Error if grade not listed"
_POSITIVE = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
             0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05]
MOODLE_FRACTIONS = [0.0, *_POSITIVE, *(-f for f in _POSITIVE)]

ELEVEN = "\n".join(f"      - r{n}" for n in range(11))
BANK = f"""title: Weights
id: weights
questions:
  - id: doc-example
    type: multiple_select
    prompt: Who served under Clinton?
    choices:
      - {{text: Kantor, weight: 0.34}}
      - {{text: Brown, weight: 0.33}}
      - {{text: Garten, weight: 0.33}}
      - {{text: Hashimoto, weight: -1}}
    answers: [Kantor, Brown, Garten]
  - id: thirds
    type: multiple_select
    prompt: Pick three.
    choices:
      - {{text: a, weight: 0.333}}
      - {{text: b, weight: 0.333}}
      - {{text: c, weight: 0.333}}
      - {{text: d, weight: -0.5}}
    answers: [a, b, c]
  - id: eleven
    type: multiple_select
    prompt: Pick the eleven.
    choices:
{ELEVEN}
      - wrong
    answers: [{", ".join(f"r{n}" for n in range(11))}]
  - id: off-grid
    type: multiple_select
    prompt: Pick two.
    choices:
      - {{text: x, weight: 0.65}}
      - {{text: y, weight: 0.35}}
      - z
    answers: [x, y]
"""


def _moodle_match(fraction: float) -> bool:
    return any(abs(fraction - option) < 0.00001 for option in MOODLE_FRACTIONS)


def _fractions(path, suffix) -> list[float]:
    if suffix == "xml":
        root = ET.parse(path).getroot()
        return [float(a.get("fraction")) / 100 for q in root.iter("question")
                if q.get("type") == "multichoice" for a in q.iter("answer")]
    return [float(p) / 100 for p in re.findall(r"~%(-?[\d.]+)%", path.read_text("utf-8"))]


@pytest.mark.parametrize("suffix", ["xml", "gift"])
def test_weights_are_written_as_moodles_grades(tmp_path, suffix):
    bank = load_bank_text(BANK, "weights.yaml").raise_for_errors()
    out = tmp_path / f"weights.{suffix}"
    warnings = export_with_warnings(bank, out)
    fractions = _fractions(out, suffix)
    assert len(fractions) == sum(len(q.choices) for q in bank.questions)
    assert [f for f in fractions if not _moodle_match(f)] == []

    graded = [w for w in warnings if "grades its editor offers" in w]
    # the thirds, however written, are thirds; 1/11 and 0.65/0.35 are not Moodle's
    assert ["'eleven'" in w for w in graded] == [True, False]
    assert "'off-grid'" in graded[1] and "0.65 as 66.66667%" in graded[1]
    assert "0.35 as 33.33333%" in graded[1]

    again = {q.id: q for q in import_bank(out)[0].questions}
    for q in bank.questions:
        if q.id in ("eleven", "off-grid"):
            continue
        (back,) = [b for b in again.values() if b.prompt == q.prompt]
        right = sorted(q.correct)
        assert grade(q, right).correct and grade(back, right).correct
        assert grade(back, right[:1]).credit == pytest.approx(1 / 3, abs=0.01)
