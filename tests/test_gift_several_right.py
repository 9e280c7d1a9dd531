"""A GIFT question with two '=' answers ({=Amsterdam =The Hague ~Rotterdam}) is one-answer
in Moodle with both fully right: imported as the Moodle XML reader imports the same
question, a multiple choice keeping the first, with the same warning."""

from __future__ import annotations

from quizapp.core.model import MultipleChoice, MultipleSelect
from quizapp.interop import import_bank

GIFT = """::Two equals::Capital of NL? {=Amsterdam =The Hague ~Rotterdam}

::Eq and pct::Pick {=%100%yes ~%100%also ~no}

::Weighted::Pick {~%50%a ~%50%b ~%-100%c}
"""


def _warnings_about(warnings: list[str], text: str) -> list[str]:
    return [w.split(": warning: ", 1)[1] for w in warnings if text in w]


def test_two_fully_right_answers_in_gift_import_as_moodle_xml_does(tmp_path):
    source = tmp_path / "two.gift"
    source.write_text(GIFT, encoding="utf-8")
    bank, warnings = import_bank(source)
    two, eq, weighted = bank.questions
    assert isinstance(two, MultipleChoice) and two.choices[two.correct].text == "Amsterdam"
    assert isinstance(eq, MultipleChoice) and eq.choices[eq.correct].text == "yes"
    assert isinstance(weighted, MultipleSelect)  # no '=': Moodle's multiple answers
    gift_said = _warnings_about(warnings, "fully right")
    assert len(gift_said) == 2 and "'The Hague'" in gift_said[0] and "'also'" in gift_said[1]
    assert not [w for w in warnings if "partial credit" in w]

    # the same bank through Moodle XML: the same questions and the same words
    moodle = tmp_path / "moodle.xml"
    moodle.write_text(_as_moodle_single(GIFT), encoding="utf-8")
    xml_bank, xml_warnings = import_bank(moodle)
    assert [(type(q), q.prompt, q.choices) for q in xml_bank.questions[:1]] == [
        (type(two), two.prompt, two.choices)]
    (xml_said,) = _warnings_about(xml_warnings, "fully right")
    assert xml_said == gift_said[0]  # both name the question: "question 'Two equals': ..."
    assert xml_said.startswith("question 'Two equals': Moodle counts 2 answers fully right")


def _as_moodle_single(_gift: str) -> str:
    """The first question of GIFT as Moodle's own XML export writes it."""
    return """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Two equals</text></name>
    <questiontext format="moodle_auto_format"><text>Capital of NL?</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>Amsterdam</text></answer>
    <answer fraction="100"><text>The Hague</text></answer>
    <answer fraction="0"><text>Rotterdam</text></answer>
  </question>
</quiz>
"""
