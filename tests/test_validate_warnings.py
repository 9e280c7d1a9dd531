"""`quizapp validate` warns about what the app shows differently or slowly: pictures in
choices from the web or an absolute path (as in prompts), and very long texts."""

from __future__ import annotations

import json

from quizapp.cli import main
from quizapp.core.loader import load_bank_text
from quizapp.core.text_limits import MAX_CHOICE_CHARS, MAX_PROSE_CHARS


def bank(prompt: str, choices: list[str]) -> str:
    lines = ["title: T", "questions:", "  - id: q", "    type: multiple_choice",
             f"    prompt: {json.dumps(prompt)}", "    choices:"]
    lines += [f"      - {json.dumps(c)}" for c in choices]
    lines.append(f"    answer: {json.dumps(choices[0])}")
    return "\n".join(lines) + "\n"


def warnings(text: str) -> list[tuple[int, str]]:
    result = load_bank_text(text)
    assert result.bank is not None  # warnings only: the bank can be studied
    assert all(p.severity == "warning" for p in result.problems)
    return [(p.line, p.message) for p in result.problems]


def test_web_and_absolute_pictures_in_choices_are_warned_about():
    found = warnings(bank("Which?", ["![a](http://example.com/a.png)", "![b](/etc/b.png)", "c"]))
    assert [line for line, _ in found] == [7, 8]
    assert "not a web address" in found[0][1] and "not absolute" in found[1][1]
    assert all("will not be shown" in message for _, message in found)
    # as with one in the prompt
    ((line, message),) = warnings(bank("![p](https://example.com/p.png)", ["a", "b"]))
    assert line == 5 and "will not be shown" in message


def test_long_prompts_and_choices_are_warned_about():
    assert warnings(bank("x" * MAX_PROSE_CHARS, ["y" * MAX_CHOICE_CHARS, "b"])) == []
    found = warnings(bank("x" * (MAX_PROSE_CHARS + 1), ["y" * (MAX_CHOICE_CHARS + 1), "b"]))
    assert [line for line, _ in found] == [5, 7]
    assert f"{MAX_PROSE_CHARS + 1:,} characters long" in found[0][1]
    assert "this choice is" in found[1][1]


def test_validate_prints_them_and_passes(tmp_path, capsys):
    path = tmp_path / "b.yaml"
    path.write_text(bank("p" * 1_000_000, ["![a](http://example.com/a.png)", "b"]))
    assert main(["validate", "--no-cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:5:13: warning: this text is 1,000,000 characters long" in out
    assert f"{path}:7:9: warning: the picture 'http://example.com/a.png'" in out
