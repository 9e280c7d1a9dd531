"""`quizapp validate` as a tester drove it (bankqa17): picture names that name no file
say which file was meant, and a picture that is a pipe is named so."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QImage

from quizapp.cli import main

BANK = """title: Pictures
questions:
  - id: q1
    type: true_false
    prompt: "Look ![the map]({name})"
    image: {name}
    answer: true
"""


def _bank_with_picture(tmp_path, picture: str, written: str):
    (tmp_path / "images").mkdir()
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(tmp_path / picture))
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.format(name=written), encoding="utf-8")
    return bank


def test_a_picture_name_in_other_capitals_names_the_file(tmp_path, capsys):
    """Written on Windows or a Mac, 'images/Map.PNG' finds images/map.png; on Linux the
    learners see [image missing] and validate said only 'does not exist'."""
    bank = _bank_with_picture(tmp_path, "images/map.png", "images/Map.PNG")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    missing = ("the image 'images/Map.PNG' does not exist in the bank's folder; the file is "
               "named 'images/map.png': write the name as the file has it (upper and lower "
               "case count on Linux, where learners would see no picture); the question shows "
               "[image missing: images/Map.PNG] instead")
    assert capsys.readouterr().out.splitlines() == [
        f"{bank}:5:13: warning: in this text, {missing}",
        f"{bank}:6:12: warning: {missing}",
        "checked 1 bank: 2 warnings",
    ]


def test_a_picture_path_written_with_backslashes_is_told_to_use_slashes(tmp_path, capsys):
    bank = _bank_with_picture(tmp_path, "images/map.png", "images/map.png")
    bank.write_text(BANK.replace('"Look ![the map]({name})"', "Look").format(
        name="images\\map.png"), encoding="utf-8")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{bank}:6:12: warning: the image 'images\\map.png' does not exist in the bank's "
        "folder; write the path with / ('images/map.png'); the question shows "
        "[image missing: images\\map.png] instead")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_picture_that_is_a_pipe_is_named_so(tmp_path, capsys):
    """It was 'does not exist in the bank's folder', though it was right there."""
    bank = _bank_with_picture(tmp_path, "images/map.png", "images/pipe.png")
    os.mkfifo(tmp_path / "images" / "pipe.png")
    assert main(["validate", "--no-cache", str(bank)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{bank}:6:12: error: the image 'images/pipe.png' is not a file but a pipe or a device")


ARTICLE = """# Trade talks

By a correspondent

Kantor will meet Hashimoto on Wednesday.

The talks resume in Geneva.
"""

SOURCES = """title: Talks
source: {{file: article.txt}}
questions:
  - id: q1
    type: true_false
    prompt: Kantor meets Hashimoto on Wednesday.
    answer: true
    source: {first}
  - id: q2
    type: true_false
    prompt: The talks resume in Geneva.
    answer: true
    source: {second}
"""


def test_a_paragraph_past_the_end_of_the_source_text_is_named(tmp_path, capsys):
    """'paragraph 9' of a text of four blocks was valid: learners were sent to a paragraph
    that is not there. Two paragraphs as the editor's article pane counts them (the heading
    and the byline are not), four blocks in all: only numbers past every block are wrong."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    bank = tmp_path / "talks.yaml"
    bank.write_text(SOURCES.format(first='{paragraph: [1, 9], quote: "Kantor will meet"}',
                                   second='"paragraph 4"'), encoding="utf-8")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{bank}:8:25: warning: paragraph 9 of the source text 'article.txt' cannot be found: "
        "it has 2 paragraphs as sources count them, 4 blocks of text between blank lines in all",
        "checked 1 bank: 1 warning",
    ]
    bank.write_text(SOURCES.format(first="paragraph 5", second="paragraphs 2 and 7"),
                    encoding="utf-8")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    *problems, summary = capsys.readouterr().out.splitlines()
    assert summary == "checked 1 bank: 2 warnings"
    assert [line.split(": ", 2)[2] for line in problems] == [
        "paragraph 5 of the source text 'article.txt' cannot be found: it has 2 paragraphs "
        "as sources count them, 4 blocks of text between blank lines in all",
        "paragraph 7 of the source text 'article.txt' cannot be found: it has 2 paragraphs "
        "as sources count them, 4 blocks of text between blank lines in all",
    ]


def test_a_cut_off_or_oversized_picture_is_named(tmp_path, capsys):
    """A PNG cut off in a copy (the app draws nothing of it) and one over the 20 MB the app
    reads were valid; the learner saw [image not shown] or nothing."""
    bank = _bank_with_picture(tmp_path, "images/map.png", "images/cut.png")
    whole = (tmp_path / "images" / "map.png").read_bytes()
    (tmp_path / "images" / "cut.png").write_bytes(whole[:len(whole) - 20])
    with open(tmp_path / "images" / "huge.png", "wb") as f:  # sparse: 30 MB on paper
        f.write(whole[:-12])
        f.seek(30 * 1024 * 1024)
        f.write(whole[-12:])
    assert main(["validate", "--no-cache", str(bank)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{bank}:6:12: warning: the image 'images/cut.png' is cut off (the end of the PNG file "
        "is missing): the app cannot show it; copy or save the picture again")
    bank.write_text(BANK.format(name="images/huge.png"), encoding="utf-8")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{bank}:6:12: warning: the image 'images/huge.png' is 30 MB, more than the 20 MB the "
        "app reads to show a picture; make it smaller")
    bank.write_text(BANK.format(name="images/map.png"), encoding="utf-8")
    assert main(["validate", "--no-cache", str(bank)]) == 0
    assert capsys.readouterr().out.splitlines() == ["checked 1 bank: all valid"]
