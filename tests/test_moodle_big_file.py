"""A Moodle XML file carries its pictures inside it: a course's question bank with
screenshots is over 20 MB, and imports (up to 100 MB); a bigger file, and a GIFT file over
20 MB, are still refused in words, by their size before they are read."""

from __future__ import annotations

import base64
import os

import pytest

from quizapp.cli import main


def _moodle_xml_with_pictures(path, questions: int, picture_bytes: int) -> None:
    picture = base64.b64encode(b"\x89PNG\r\n\x1a\n" + os.urandom(picture_bytes)).decode()
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
        for n in range(questions):
            out.write(
                f'<question type="multichoice"><name><text>Flag {n}</text></name>\n'
                f'<questiontext format="html"><text><![CDATA[<p>Whose flag is this? '
                f'<img src="@@PLUGINFILE@@/flag{n}.png"></p>]]></text>\n'
                f'<file name="flag{n}.png" path="/" encoding="base64">{picture}</file>'
                f"</questiontext>\n<single>true</single>\n"
                f'<answer fraction="100" format="html"><text>Japan</text></answer>\n'
                f'<answer fraction="0" format="html"><text>France</text></answer>\n'
                f"</question>\n")
        out.write("</quiz>\n")


def test_a_moodle_xml_of_25_mb_with_its_pictures_imports(tmp_path, capsys):
    source = tmp_path / "course-questions.xml"
    _moodle_xml_with_pictures(source, 190, 100_000)
    assert 24 * 2**20 < source.stat().st_size < 26 * 2**20
    bank = tmp_path / "course.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    assert "imported 190 questions, 190 pictures" in capsys.readouterr().err
    pictures = sorted((tmp_path / "course-files").glob("*.png"))
    assert len(pictures) == 190
    assert pictures[0].stat().st_size == 100_008


@pytest.mark.parametrize("name, limit", [("huge.xml", 100), ("huge.gift", 20)])
def test_a_file_over_its_limit_is_refused_in_words(tmp_path, capsys, name, limit):
    source = tmp_path / name
    with open(source, "wb") as out:  # sparse: no disk taken
        out.truncate(limit * 2**20 + 1)  # a byte over: said as the next MB, not the limit
    bank = tmp_path / "huge.yaml"
    assert main(["import", str(source), "-o", str(bank)]) != 0
    said = capsys.readouterr().err
    assert f"the file is {limit + 1} MB; files over {limit} MB are not imported" in said
    assert "Traceback" not in said
    assert not bank.exists()


@pytest.mark.parametrize("name", ["huge.gift", "huge.txt", "huge.csv"])
def test_a_text_file_too_big_to_read_is_refused_by_its_size_before_it_is_read(
        tmp_path, capsys, name):
    # 1 TB, sparse: before the fix the whole file was read first, and this was
    # "unexpected problem (MemoryError)" (a stray video named .txt was read whole)
    source = tmp_path / name
    with open(source, "wb") as out:
        out.truncate(2**40)
    assert main(["import", str(source), "-o", str(tmp_path / "huge.yaml")]) == 1
    assert capsys.readouterr().err == (f"quizapp import: error: {source}: the file is 1048576 MB;"
                                       " files over 20 MB are not imported\n")
