"""shuffle: false (a pinned order, for "All of the above") survives import and export in
every format that has it (Moodle XML, the bank's YAML) and is named as lost in GIFT."""

from quizapp.core.loader import load_bank
from quizapp.core.model import Matching, MultipleChoice, MultipleSelect
from quizapp.interop import export_with_warnings, import_to_file

PINNED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>All of above</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which are fruit?</p>]]></text></questiontext>
    <single>true</single>
    <shuffleanswers>0</shuffleanswers>
    <answer fraction="0" format="html"><text>apple</text></answer>
    <answer fraction="0" format="html"><text>pear</text></answer>
    <answer fraction="100" format="html"><text>All of the above</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Word false</text></name>
    <questiontext format="html"><text>Which two?</text></questiontext>
    <single>false</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="50" format="html"><text>apple</text></answer>
    <answer fraction="50" format="html"><text>pear</text></answer>
    <answer fraction="-100" format="html"><text>Neither</text></answer>
  </question>
  <question type="matching">
    <name><text>Pinned pairs</text></name>
    <questiontext format="html"><text>Match</text></questiontext>
    <shuffleanswers>false</shuffleanswers>
    <subquestion format="html"><text>a</text><answer><text>1</text></answer></subquestion>
    <subquestion format="html"><text>b</text><answer><text>2</text></answer></subquestion>
  </question>
  <question type="multichoice">
    <name><text>Shuffled</text></name>
    <questiontext format="html"><text>Which?</text></questiontext>
    <single>true</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="100" format="html"><text>yes</text></answer>
    <answer fraction="0" format="html"><text>no</text></answer>
  </question>
</quiz>
"""

PIN_YAML = """title: Pin
questions:
  - id: all-of-them
    type: multiple_choice
    prompt: Who took part?
    shuffle: false
    choices: [U.S. officials, Japanese officials, All of the above]
    answer: All of the above
  - id: pairs
    type: matching
    prompt: Match
    shuffle: false
    pairs:
      - {left: a, right: "1"}
      - {left: b, right: "2"}
  - id: free
    type: multiple_choice
    prompt: Which?
    choices: [yes, no]
    answer: "yes"
"""


def _shuffles(bank) -> dict[str, bool]:
    return {q.id: q.shuffle for q in bank.questions
            if isinstance(q, MultipleChoice | MultipleSelect | Matching)}


def test_a_pinned_moodle_question_stays_pinned_in_the_imported_bank(tmp_path):
    source = tmp_path / "shuf.xml"
    source.write_text(PINNED_XML, encoding="utf-8")
    target = tmp_path / "shuf.yaml"
    import_to_file(source, target)
    text = target.read_text(encoding="utf-8")
    assert text.count("shuffle: false") == 3  # written only where the author pinned it
    bank = load_bank(target).bank
    assert _shuffles(bank) == {"all-of-above": False, "word-false": False,
                               "pinned-pairs": False, "shuffled": True}


def test_quizapps_own_moodle_export_and_import_keep_the_pinned_order(tmp_path):
    source = tmp_path / "pin.yaml"
    source.write_text(PIN_YAML, encoding="utf-8")
    bank = load_bank(source).bank
    xml = tmp_path / "pin.xml"
    export_with_warnings(bank, xml)
    again = tmp_path / "again.yaml"
    import_to_file(xml, again)
    assert _shuffles(load_bank(again).bank) == {"all-of-them": False, "pairs": False, "free": True}
    yaml_copy = tmp_path / "copy.yaml"
    export_with_warnings(bank, yaml_copy)
    assert _shuffles(load_bank(yaml_copy).bank) == {"all-of-them": False, "pairs": False,
                                               "free": True}


def test_gift_export_says_it_loses_the_pinned_order(tmp_path):
    source = tmp_path / "pin.yaml"
    source.write_text(PIN_YAML, encoding="utf-8")
    warnings = export_with_warnings(load_bank(source).bank, tmp_path / "pin.gift")
    lost = [w for w in warnings if "shuffle: false" in w]
    assert len(lost) == 2
    assert "'all-of-them'" in lost[0] and "choices" in lost[0]
    assert "'pairs'" in lost[1] and "right-hand answers" in lost[1]
