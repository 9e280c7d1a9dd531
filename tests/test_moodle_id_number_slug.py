"""A Moodle ID number that is the slug of the question's name ('newton-first-law' for
"Newton first law") comes back from Moodle XML and GIFT, through a bank file, as an ID
number; a question without one still gets none made up."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quizapp.core.loader import load_bank
from quizapp.interop import export_with_warnings, import_to_file

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Newton first law</text></name>
    <questiontext format="html"><text><![CDATA[<p>Has an ID number equal to its slug.</p>]]></text></questiontext>
    <idnumber>newton-first-law</idnumber>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Newton second law</text></name>
    <questiontext format="html"><text><![CDATA[<p>Has no ID number.</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""

GIFT = """// [id:newton-first-law]
::Newton first law::Has an ID number equal to its slug. {TRUE}

::Newton second law::Has no ID number. {TRUE}
"""


def _id_numbers(path) -> list[str | None]:
    if path.suffix == ".xml":
        return [q.findtext("idnumber") for q in ET.parse(path).getroot().iter("question")
                if q.get("type") != "category"]
    out, pending = [], None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("// [id:"):
            pending = line[len("// [id:"):].split("]")[0]
        elif line.startswith("::"):
            out.append(pending)
            pending = None
    return out


@pytest.mark.parametrize("source_suffix", ["xml", "gift"])
@pytest.mark.parametrize("out_suffix", ["xml", "gift"])
def test_an_id_number_equal_to_the_names_slug_survives(tmp_path, source_suffix, out_suffix):
    source = tmp_path / f"laws.{source_suffix}"
    source.write_text(XML if source_suffix == "xml" else GIFT, encoding="utf-8")
    bank_file = tmp_path / "laws.yaml"
    import_to_file(source, bank_file)
    bank = load_bank(bank_file, use_cache=False).raise_for_errors()
    assert [(q.id, q.title) for q in bank.questions] == [
        ("newton-first-law", "Newton first law"), ("newton-second-law", "Newton second law")]
    out = tmp_path / f"out.{out_suffix}"
    export_with_warnings(bank, out)
    assert _id_numbers(out) == ["newton-first-law", None]

    again_file = tmp_path / "again" / "laws.yaml"
    again_file.parent.mkdir()
    import_to_file(out, again_file)
    again = load_bank(again_file, use_cache=False).raise_for_errors()
    assert [(q.id, q.title, q.id_number) for q in again.questions] == [
        (q.id, q.title, q.id_number) for q in bank.questions]
