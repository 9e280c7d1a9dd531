"""Markdown pictures in a question's texts (prompt, choice, choice feedback, explanation,
matching side) exported to Moodle XML travel as <file>s named @@PLUGINFILE@@/..., as the
question's `image` does; one that cannot be read is said, never dropped in silence. Read
back, the bank is the one exported, its pictures the same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from quizapp.core.loader import load_bank
from quizapp.interop import export_with_warnings, import_to_file

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

BANK = """title: Pictures
id: pictures
questions:
  - id: pick
    type: multiple_choice
    prompt: "Which is the chart? ![a bar chart](images/chart.png)"
    choices:
      - text: "![a pie](images/pie.png)"
        feedback: "Right: ![the pie again](images/pie.png)"
      - text: A table
    answer: "![a pie](images/pie.png)"
    explanation: "See ![the key](images/key.png)."
  - id: pairs
    type: matching
    prompt: Match.
    pairs:
      - {left: "![left](images/chart.png)", right: chart}
      - {left: pie, right: "![right](images/pie.png)"}
"""


def test_text_pictures_travel_with_the_moodle_file(tmp_path):
    folder = tmp_path / "bank"
    (folder / "images").mkdir(parents=True)
    for n, name in enumerate(("chart", "pie", "key")):
        (folder / "images" / f"{name}.png").write_bytes(PNG + bytes([n]))
    (folder / "pictures.yaml").write_text(BANK, encoding="utf-8")
    bank = load_bank(folder / "pictures.yaml", use_cache=False).raise_for_errors()

    out = tmp_path / "pictures.xml"
    warnings = export_with_warnings(bank, out)
    # a matching answer is plain text in Moodle: its picture cannot travel, and it is said
    assert [w.split(": warning: ")[1] for w in warnings if "picture" in w] == [
        "question 'pairs': Moodle shows a matching question's answers as plain text, so a "
        "picture in one shows there as its Markdown (quizapp reads it back)"]
    root = ET.parse(out).getroot()
    for text in root.iter("text"):
        assert "images/" not in (text.text or "") or text.text == "![right](images/pie.png)"
    assert len(root.findall(".//questiontext/file")) == 1
    assert len(root.findall(".//answer/file")) == 1  # the pie, in its choice
    assert len(root.findall(".//feedback/file")) == 1

    again_file = tmp_path / "again" / "pictures.yaml"
    again_file.parent.mkdir()
    import_to_file(out, again_file)
    again = load_bank(again_file, use_cache=False).raise_for_errors()
    media = "pictures-files/"
    for before, after in zip(bank.questions, again.questions, strict=True):
        for field in ("prompt", "explanation"):
            shown = (getattr(after, field) or "").replace(media, "images/")
            assert shown == (getattr(before, field) or "")
    pick = again.questions[0]
    assert [c.text.replace(media, "images/") for c in pick.choices] == [
        c.text for c in bank.questions[0].choices]
    assert [c.feedback and c.feedback.replace(media, "images/") for c in pick.choices] == [
        c.feedback for c in bank.questions[0].choices]
    assert [(left.replace(media, "images/"), right)
            for left, right in again.questions[1].pairs] == list(bank.questions[1].pairs)
    for name in ("chart", "pie", "key"):
        assert (again_file.parent / media / f"{name}.png").read_bytes() == (
            folder / "images" / f"{name}.png").read_bytes()


def test_a_text_picture_that_cannot_be_read_is_said(tmp_path):
    (tmp_path / "lost.yaml").write_text(
        "title: Lost\nid: lost\nquestions:\n  - id: q\n    type: true_false\n"
        "    prompt: \"Is it here? ![the map](images/gone.png)\"\n    answer: true\n",
        encoding="utf-8")
    bank = load_bank(tmp_path / "lost.yaml", use_cache=False).bank
    out = tmp_path / "lost.xml"
    warnings = export_with_warnings(bank, out)
    assert any("question 'q': the picture 'images/gone.png' was not found" in w
               for w in warnings)
    (text,) = [t.text for t in ET.parse(out).getroot().iter("text")
               if "Is it here" in (t.text or "")]
    assert text == "Is it here? [the map]"
