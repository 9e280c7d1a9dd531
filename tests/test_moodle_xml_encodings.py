"""A Moodle XML file saved again as Windows-1252 by an editor, its declaration still saying
UTF-8, is read (with a warning), not refused as 'not well-formed (invalid token)'."""

import pytest

from quizapp.cli import main
from quizapp.interop import import_with_media

QUESTION = ("<quiz><question type=\"truefalse\"><name><text>Café</text></name>"
            "<questiontext format=\"html\"><text>Un café coûte 2 € “environ”.</text>"
            "</questiontext><answer fraction=\"100\"><text>true</text></answer>"
            "<answer fraction=\"0\"><text>false</text></answer></question></quiz>\n")


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="UTF-8"?>\n', ""])
def test_windows_1252_bytes_in_a_file_taken_as_utf8_are_read(tmp_path, capsys, declaration):
    path = tmp_path / "cafe.xml"
    path.write_bytes((declaration + QUESTION).encode("cp1252"))
    imported = import_with_media(path)
    [question] = imported.bank.questions
    assert question.prompt == "Un café coûte 2 € “environ”."
    assert question.title == "Café"
    assert imported.warnings == [
        f"{path}: warning: the file says it is UTF-8 but is not (saved again by another "
        "program?); it was read as Windows-1252 (Western European)"]
    assert main(["import", str(path), "-o", str(tmp_path / "cafe.yaml")]) == 0


def test_a_declared_encoding_is_read_as_declared(tmp_path):
    path = tmp_path / "latin.xml"
    path.write_bytes(('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
                      + QUESTION.replace("€", "EUR").replace("“", '"').replace("”", '"'))
                     .encode("latin-1"))
    imported = import_with_media(path)
    assert imported.warnings == []
    assert imported.bank.questions[0].prompt == 'Un café coûte 2 EUR "environ".'
