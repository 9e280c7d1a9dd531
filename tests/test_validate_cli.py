"""`quizapp validate` as a teacher runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "title: Good\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: yes}\n"
BAD = """\
title: Bad
questions:
  - id: a
    type: multiple_choice
    prompt: Who?
    choices: [Kantor, Hashimoto]
    answer: Kantr
  - id: a
    type: numeric
    prompt: How much?
    answer: lots
"""


def validate(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=dict(os.environ),
        timeout=120,
    )


@pytest.fixture
def banks(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.yml").write_text(BAD)
    return tmp_path


def test_valid_bank_exits_0_with_a_summary(banks):
    proc = validate(banks / "good.yaml")
    assert proc.returncode == 0
    assert proc.stdout == "checked 1 bank: all valid\n"
    assert proc.stderr == ""


def test_problems_are_printed_linter_style_and_exit_1(banks):
    proc = validate(banks)
    assert proc.returncode == 1
    bad = banks / "sub" / "bad.yml"
    assert proc.stdout.splitlines() == [
        f"{bad}:7:13: error: the answer 'Kantr' is not one of the choices (did you mean 'Kantor'?)",
        f"{bad}:8:9: error: the id 'a' is already used by the question at line 3; "
        "ids must be unique in a bank",
        f"{bad}:11:13: error: 'answer' should be a number, not 'lots'",
        "checked 2 banks: 3 errors in 1 bank",
    ]
    assert "Traceback" not in proc.stderr


def test_warnings_alone_exit_0(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(
        "title: W\nquestions:\n  - {id: a, type: flashcard, front: f, back: b, tags: [x, x]}\n"
    )
    proc = validate(path)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        f"{path}:3:55: warning: 'tags' lists the same tag more than once",
        "checked 1 bank: 1 warning",
    ]


def test_json_format_lists_the_same_problems(banks):
    proc = validate("--format", "json", banks)
    assert proc.returncode == 1
    problems = json.loads(proc.stdout)
    assert [(p["line"], p["column"], p["severity"]) for p in problems] == [
        (7, 13, "error"),
        (8, 9, "error"),
        (11, 13, "error"),
    ]
    assert problems[0]["path"] == str(banks / "sub" / "bad.yml")
    assert problems[0]["message"].startswith("the answer 'Kantr'")
    assert json.loads(validate("--format", "json", banks / "good.yaml").stdout) == []


def test_usage_errors_exit_2(tmp_path):
    assert validate().returncode == 2  # no PATH
    missing = validate(tmp_path / "nope.yaml")
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = validate(tmp_path / "empty")
    assert empty.returncode == 2 and "no bank files" in empty.stderr
    assert validate("--format", "xml", tmp_path).returncode == 2


def test_hostile_files_never_give_a_traceback(tmp_path):
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "bomb.yaml").write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "questions: *i\n"
    )
    (tmp_path / "python.yaml").write_text("title: !!python/object/apply:os.system [ls]\n")
    (tmp_path / "empty.yaml").write_text("")
    proc = validate(tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    # python.yaml: its tag, and then that it has no questions (every problem at once)
    assert proc.stdout.splitlines()[-1] == "checked 4 banks: 5 errors in 4 banks"


TAGS = """\
title: Tags
questions:
  - id: q
    type: true_false
    prompt: !include other.yaml
    answer: true
  - id: r
    type: true_false
    prompt: !!binary aGVsbG8=
    answer: true
  - id: s
    type: numeric
    prompt: ts
    answer: 2001-12-14
  - id: t
    type: numeric
    prompt: hex
    answer: 0x1F
  - id: u
    type: numeric
    prompt: sexagesimal
    answer: 1:30
  - id: w
    type: short_answer
    prompt: !!python/object/apply:os.system [ls]
    answers: [x]
"""


def test_a_refused_tag_does_not_hide_the_other_problems(tmp_path):
    path = tmp_path / "tags.yaml"
    path.write_text(TAGS)
    proc = validate(path)
    assert proc.returncode == 1
    found = [line.split(": error: ")[0].removeprefix(f"{path}:")
             for line in proc.stdout.splitlines()[:-1]]
    # each tag at its value, every bad number after them, and nothing said twice about a
    # tagged value (the list under !!python/... is not also "not text")
    assert found == ["5:13", "9:13", "14:13", "18:13", "22:13", "25:13"], proc.stdout
    assert "the tag !include is not allowed" in proc.stdout
    assert "the tag !!binary is not allowed" in proc.stdout
    assert "the tag !!python/object/apply:os.system is not allowed" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "checked 1 bank: 6 errors in 1 bank"


def test_duplicate_ids_across_files_name_both(tmp_path):
    (tmp_path / "one.yaml").write_text(GOOD.replace("title: Good", "title: One\nid: same"))
    (tmp_path / "two.yaml").write_text(GOOD.replace("title: Good", "title: Two\nid: same"))
    proc = validate(tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'one.yaml'}:2:1: error: another bank has the same id")
    assert str(tmp_path / "two.yaml") in lines[0]
    assert str(tmp_path / "one.yaml") in lines[1]


def test_validate_imports_neither_qt_nor_yaml_when_the_cache_answers(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        f"rc = main(['validate', {str(path)!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'yaml'))\n"
        "print(rc, heavy)\n"
    )
    env = dict(os.environ)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stdout.splitlines()[-1].startswith("0 [")  # parsing needs yaml...
    assert "PySide6" not in first.stdout  # ...but never Qt
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert second.stdout.splitlines()[-1] == "0 []"  # the cache answered: no yaml either


def test_validate_uses_the_cache_between_runs(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    assert validate(path).returncode == 0
    cache_files = list((Path(os.environ["QUIZAPP_CACHE_DIR"]) / "banks").iterdir())
    assert len(cache_files) == 1
    assert validate("--no-cache", path).returncode == 0


def test_clean_unchanged_banks_are_answered_from_the_cache_summary(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    code = (
        "import sys\n"
        "from quizapp.cli import main\n"
        f"rc = main(['validate', {str(path)!r}])\n"
        "print(rc, 'quizapp.core.model' in sys.modules, 'quizapp.core.loader' in sys.modules)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
        for _ in range(2)
    ]
    assert runs[0].splitlines()[-1] == "0 True True"  # first run: parse, check, cache
    assert runs[1].splitlines()[-1] == "0 False False"  # then: the summary answers


def test_cached_clean_bank_still_notices_a_removed_image_and_an_edit(tmp_path):
    (tmp_path / "car.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = tmp_path / "img.yaml"
    path.write_text(GOOD.replace("answer: yes}", "answer: yes, image: car.png}"))
    assert validate(path).returncode == 0
    assert validate(path).returncode == 0  # from the cache
    (tmp_path / "car.png").unlink()
    gone = validate(path)
    assert gone.returncode == 0  # a warning: the bank can still be studied
    assert "warning: the image 'car.png' does not exist" in gone.stdout
    path.write_text(GOOD.replace("answer: yes", "answer: perhaps"))
    edited = validate(path)
    assert edited.returncode == 1 and "not 'perhaps'" in edited.stdout


def test_a_file_named_twice_is_checked_once(banks):
    proc = validate(banks / "good.yaml", banks, banks / "good.yaml")
    assert proc.stdout.splitlines()[-1] == "checked 2 banks: 3 errors in 1 bank"


@pytest.mark.parametrize(
    ("line", "says", "at"),
    [
        # one space too many before a key: the message points at the indentation
        ("     prompt: What?", "'prompt' starts in column 6, further right than 'type'", 5),
        # a ': ' inside text: the message says to quote it
        ("    prompt: What is it: a test?", "inside text? Put the text in quotes", 5),
        # a prompt wrapped onto a deeper line that holds ': ' (found in review)
        ("    prompt: Which is\n      the answer: 42?", "inside text? Put the text in quotes",
         6),
    ],
)
def test_a_syntax_error_says_what_the_teacher_most_likely_did(tmp_path, line, says, at):
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: short_answer\n"
                    f"{line}\n    answers: [a]\n", encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{bank}:{at}:") and says in first


def test_a_repeated_choice_does_not_hide_a_wrong_answer(tmp_path):
    """Both mistakes of the question are told in one run, not the second after the
    first is fixed."""
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: multiple_select\n"
                    "    prompt: Which?\n    choices: [a, a, b]\n    answers: [c]\n",
                    encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bank}:6:18: error: the choice 'a' is listed twice (first at line 6)" in lines
    assert f"{bank}:7:15: error: the answer 'c' is not one of the choices" in lines


def test_invisible_answers_and_look_alike_choices_are_errors(tmp_path):
    """An answer of a zero-width space cannot be typed; 'é' as one character and as 'e'
    with an accent look the same on screen: a learner could not tell the choices apart."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'title: T\nquestions:\n  - id: q1\n    type: short_answer\n    prompt: Which?\n'
        '    answers: ["\\u200b"]\n  - id: q2\n    type: multiple_choice\n'
        '    prompt: Which?\n    choices: ["\\u00e9", "e\\u0301", b]\n    answer: b\n'
        '  - id: q3\n    type: multiple_choice\n    prompt: "Two\\nlines"\n'
        '    choices: [x, "y\\u200b"]\n    answer: x\n', encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bank}:6:15: error: an item of 'answers' has only invisible characters in it" in lines
    assert any(line.startswith(f"{bank}:10:")
               and "is listed twice (written with other, or invisible, characters)" in line
               for line in lines)
    assert not any(f"{bank}:1" in line and ":14:" in line for line in lines)  # q3 is fine
    assert result.stdout.count("error:") == 2


def test_invisible_blanks_and_look_alike_pairs_and_items_are_errors(tmp_path):
    """A blank holding only a zero-width space cannot be typed; matching sides and
    ordering items that look the same (a zero-width space more, 'é' as one character or
    two, a Greek capital alpha for a Latin A) cannot be told apart, as choices cannot."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        'title: T\nquestions:\n'
        '  - id: q1\n    type: cloze\n    text: "The {{\\u200b}} and {{cat|\\u200b}}."\n'
        '  - id: q2\n    type: matching\n    prompt: Pair them\n    pairs:\n'
        '      - {left: x, right: "caf\\u00e9"}\n'
        '      - {left: "x\\u200b", right: "cafe\\u0301"}\n'
        '  - id: q3\n    type: ordering\n    prompt: Order them\n'
        '    items: [one, two, "one\\u200b"]\n'
        '  - id: q4\n    type: multiple_choice\n    prompt: Which?\n'
        '    choices: [A, "\\u0391", B]\n    answer: B\n'
        '  - id: q5\n    type: matching\n    prompt: Fine\n    pairs:\n'
        '      - {left: "\\u03b1", right: "caf\\u00e9"}\n'
        '      - {left: a, right: cafe}\n'
        '  - id: q6\n    type: cloze\n    text: "Fine {{\\u00e9t\\u00e9}}."\n',
        encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    look = "(written with other, or invisible, characters)"
    assert (f"{bank}:5:11: error: the blank '{{{{\\u200b}}}}' has an answer of only "
            "invisible characters") in lines  # told with the escape, as it shows nothing
    assert (f"{bank}:5:11: error: the blank '{{{{cat|\\u200b}}}}' has an answer of only "
            "invisible characters") in lines
    assert (f"{bank}:11:16: error: 'x\\u200b' appears on the left twice {look} (first at "
            "line 10); each left side must be different") in lines
    assert (f"{bank}:11:34: error: 'cafe\u0301' appears on the right twice {look} (first at "
            "line 10); write a repeated right side the same way each time") in lines
    assert (f"{bank}:15:23: error: 'items' lists the item 'one\\u200b' twice {look} (first at "
            "line 15); each must be different") in lines
    assert (f"{bank}:19:18: error: the choice '\u0391' is listed twice {look} "
            "(first at line 19)") in lines
    assert result.stdout.count("error:") == 6  # q5 and q6 are fine: alpha is no 'a'


def test_repeated_items_written_alike_name_no_other_characters(tmp_path):
    """An item written twice the same way is told as repeated, with no word of other
    characters; the ASCII fast path and the look-alike path agree."""
    bank = tmp_path / "bank.yaml"
    bank.write_text('title: T\nquestions:\n  - id: q1\n    type: ordering\n'
                    '    prompt: Order\n    items: [b, a, b, "\\u00e9", "\\u00e9"]\n',
                    encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    lines = [x for x in result.stdout.splitlines() if "error:" in x]
    assert lines == [
        f"{bank}:6:19: error: 'items' lists the item 'b' twice (first at line 6); "
        "each must be different",
        f"{bank}:6:32: error: 'items' lists the item '\u00e9' twice (first at line 6); "
        "each must be different",
    ]


def test_characters_that_turn_the_text_are_named(tmp_path):
    """A right-to-left override makes a title read otherwise than it is written (the
    'Trojan Source' trick); plain right-to-left text is left alone."""
    bank = tmp_path / "bank.yaml"
    bank.write_text('title: "Price \\u202eEXCEL\\u202c list"\nquestions:\n'
                    '  - id: q1\n    type: short_answer\n    prompt: "מה השם?"\n'
                    '    answers: [a]\n', encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 0
    (line,) = [x for x in result.stdout.splitlines() if ": warning: " in x]
    assert line.startswith(f"{bank}:1:8: warning: 'title' holds characters that turn")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in line


def _png_header(width: int, height: int) -> bytes:
    """A PNG's signature and header chunk (what validate reads of it), then its end."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0)) + chunk(b"IEND", b""))


def test_a_picture_too_big_to_draw_is_a_warning(tmp_path):
    """The app cannot draw a 30,000 x 30,000 picture (Qt refuses anything over 256 MiB);
    validate says so before a learner meets [image not shown]."""
    (tmp_path / "huge.png").write_bytes(_png_header(30_000, 30_000))
    (tmp_path / "fine.png").write_bytes(_png_header(1_000, 800))
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n"
                    "  - {id: a, type: true_false, prompt: p, answer: yes, image: huge.png}\n"
                    "  - {id: b, type: true_false, prompt: p, answer: yes, image: fine.png}\n",
                    encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 0
    warnings = [x for x in result.stdout.splitlines() if ": warning: " in x]
    assert len(warnings) == 1 and warnings[0].startswith(f"{bank}:3:")
    assert "'huge.png' is 30,000 x 30,000 pixels, more than the app can draw" in warnings[0]


def test_pictures_inside_texts_are_checked_against_the_folder_too(tmp_path):
    """A Markdown picture that is a link out of the bank's folder, or a missing one, is
    told as a warning (the app shows [image not shown] / [image missing] in its place);
    the bank can still be studied."""
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(_png_header(10, 10))
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "link.png").symlink_to(outside)
    (folder / "fine.png").write_bytes(_png_header(10, 10))
    bank = folder / "bank.yaml"
    bank.write_text(
        "title: T\nquestions:\n"
        "  - {id: a, type: true_false, prompt: 'See ![map](link.png)', answer: yes}\n"
        "  - {id: b, type: true_false, prompt: 'See ![map](gone.png)', answer: yes}\n"
        "  - {id: c, type: true_false, prompt: 'See ![map](fine.png)', answer: yes}\n",
        encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 0
    warnings = [x for x in result.stdout.splitlines() if ": warning: " in x]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{bank}:3:") and "'link.png' points outside" in warnings[0]
    assert "[image not shown: link.png]" in warnings[0]
    assert warnings[1].startswith(f"{bank}:4:") and "'gone.png' does not exist" in warnings[1]


def test_a_choice_indented_one_column_too_far_is_named(tmp_path):
    """'- Brown' one column right of '- Kantor' is read by YAML as the first choice going
    on ('Kantor - Brown'): the message says what became of it and what to do (a second
    tester met only 'needs at least two choices')."""
    bank = tmp_path / "bank.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: multiple_choice\n"
                    "    prompt: Which?\n    choices:\n      - Kantor\n       - Brown\n"
                    "    answer: Kantor\n", encoding="utf-8")
    result = validate(bank)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{bank}:7:7: error: a question needs at least two choices")
    assert "'Kantor - Brown'" in first and "same column" in first


def test_a_nul_written_in_a_file_name_is_a_problem_at_its_place_not_an_internal_error(tmp_path):
    """"\\0" in image:, a Markdown picture or source: file: is said where it is written, and
    every other problem of the bank is still listed (it was one '1:1 internal error')."""
    bank = tmp_path / "nul.yaml"
    bank.write_text(
        'title: NUL\n'
        'source: {file: "art\\0.txt"}\n'
        'questions:\n'
        '  - {id: q1, type: true_false, prompt: "see ![x](images/a\\0.png)", answer: true}\n'
        '  - {id: q2, type: true_false, prompt: p, answer: true, image: "b\\0.png"}\n'
        '  - {id: q3, type: numeric, prompt: p, answer: lots}\n', encoding="utf-8")
    result = validate("--no-cache", bank)
    assert result.returncode == 1
    assert "internal error" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    nul = 'a file name cannot contain a NUL character (written "\\0" in the bank)'
    assert f"{bank}:2:16: error: {nul}" in lines
    assert f"{bank}:4:40: warning: the picture 'images/a\\x00.png' will not be shown: {nul}" in lines
    assert f"{bank}:5:64: error: {nul}" in lines
    assert any(line.startswith(f"{bank}:6:") and "error" in line for line in lines)
