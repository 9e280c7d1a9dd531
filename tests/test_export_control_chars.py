"""Control characters in a bank (a vertical tab, a bell, an escape): validate warns about
them, as a teacher cannot see them, and every export writes a file that reads back."""

from __future__ import annotations

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.interop import export_with_warnings, import_bank

BANK = """\
title: Controls
questions:
  - id: lines
    type: short_answer
    prompt: "line one\\vline two"
    answer: "ans\\x1bwer"
    explanation: "bell\\x07here"
  - id: pick
    type: multiple_choice
    prompt: "Pick one"
    choices: ["a\\x07", "b"]
    answer: "b"
  - id: clean
    type: true_false
    prompt: "Nothing hidden here"
    answer: true
"""


def test_validate_warns_about_control_characters_where_they_are():
    result = load_bank_text(BANK, "controls.yaml")
    assert result.bank is not None  # warnings only: the bank can be studied
    found = [(p.line, p.severity, p.message) for p in result.problems]
    assert [(line, severity) for line, severity, _ in found] == [
        (5, "warning"), (6, "warning"), (7, "warning"), (11, "warning")]
    assert "'prompt' holds control characters that cannot be seen (U+000B)" in found[0][2]
    assert "(U+001B)" in found[1][2] and "(U+0007)" in found[2][2]
    assert found[3][2].startswith("a choice holds control characters")


def test_validate_cli_no_longer_says_all_valid(tmp_path, capsys):
    path = tmp_path / "controls.yaml"
    path.write_text(BANK, encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:5:13: warning: 'prompt' holds control characters" in out
    assert "all valid" not in out and "4 warnings" in out


@pytest.fixture
def bank_file(tmp_path):
    path = tmp_path / "controls.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


def test_moodle_xml_export_leaves_them_out_and_reads_back(tmp_path, bank_file):
    bank = load_bank(bank_file, use_cache=False).bank
    out = tmp_path / "vt.xml"
    warnings = export_with_warnings(bank, out)
    assert [w for w in warnings if "control characters" in w] == [
        f"{bank_file}:3: warning: question 'lines': its text held control characters that a "
        "Moodle XML file cannot hold (U+0007, U+000B, U+001B); they are left out (a vertical "
        "tab or form feed becomes a line break)",
        f"{bank_file}:8: warning: question 'pick': its text held control characters that a "
        "Moodle XML file cannot hold (U+0007); they are left out (a vertical tab or form "
        "feed becomes a line break)",
    ]
    again, _ = import_bank(out)
    lines, pick, clean = again.questions
    assert lines.prompt == "line one\nline two"
    assert lines.answers == ("answer",) and lines.explanation == "bellhere"
    assert [c.text for c in pick.choices] == ["a", "b"]
    assert clean.prompt == "Nothing hidden here"


@pytest.mark.parametrize("suffix", ["gift", "apkg"])
def test_the_other_text_exports_read_back_with_the_characters(tmp_path, bank_file, suffix):
    """GIFT is plain text and an Anki deck a database: both hold them as they are."""
    bank = load_bank(bank_file, use_cache=False).bank
    out = tmp_path / f"vt.{suffix}"
    export_with_warnings(bank, out)
    again, _ = import_bank(out)
    assert len(again.questions) == 3
    assert "a\\x07" in repr(again.questions[1])  # the choice 'a\x07' came back as it was


def test_pdf_export_prints_them_as_nothing_harmful(qapp, tmp_path, bank_file):
    bank = load_bank(bank_file, use_cache=False).bank
    out = tmp_path / "vt.pdf"
    export_with_warnings(bank, out)
    assert out.read_bytes().startswith(b"%PDF")
