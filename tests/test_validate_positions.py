"""Every position `quizapp validate` prints counts from 1: a problem about the whole file
is at 1:1 (it was 0:0, which editors cannot jump to), a bank id used twice is at the 'id:'
key that sets it. And the tools' one-line help names every format they convert."""

from __future__ import annotations

import json

import pytest

from quizapp.cli import main

GOOD = "questions:\n  - {id: a, type: true_false, prompt: p, answer: yes}\n"


def test_an_empty_file_is_at_its_start(tmp_path, capsys):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:1:1: error: the file is empty")
    assert main(["validate", "--no-cache", "--format", "json", str(path)]) == 1
    (problem,) = json.loads(capsys.readouterr().out)
    assert (problem["line"], problem["column"]) == (1, 1)


def test_a_shared_bank_id_is_at_the_id_key_or_the_files_start(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("title: A\ndescription: |\n  id: not this\n"
                                     "id: same\n" + GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text('"id": same\ntitle: B\n' + GOOD, encoding="utf-8")
    # a bank without 'id:' is known by its file name
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "same.yaml").write_text("title: C\n" + GOOD, encoding="utf-8")
    assert main(["validate", "--no-cache", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": error: ")[0] for line in lines[:3]] == [
        f"{tmp_path / 'a.yaml'}:4:1", f"{tmp_path / 'b.yaml'}:1:1",
        f"{tmp_path / 'sub' / 'same.yaml'}:1:1"]
    assert all("another bank has the same id 'same'" in line for line in lines[:3])


@pytest.mark.parametrize("tool", ["import", "export"])
def test_the_help_names_moodle_xml_and_anki(tool, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()
              if line.startswith("  ") and line.split()}
    assert "Moodle GIFT or XML" in listed[tool] and "Anki deck" in listed[tool]
