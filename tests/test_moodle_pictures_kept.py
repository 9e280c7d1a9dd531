"""Pictures a Moodle XML file carries in its less common ways are kept: in a folder of the
text's files, pasted into the editor (a data: URI), and Moodle 1.9's <image_base64>."""

import base64

import yaml

from quizapp.cli import main

RED = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAKUlEQVR4nO3NoQ0AAAwCMP5/ensBh2lS31wysVnFYrFY"
    "LBaLxWKxWFx5Pp2rjeB5c/4AAAAASUVORK5CYII=")
BLUE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64paAAAAGUlEQVR4nGNgYPhPARrVPKp5VPOo5gHVDAAUwI6AVu8g"
    "qwAAAABJRU5ErkJggg==")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


FILE = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>In a folder</text></name>
    <questiontext format="html"><text><![CDATA[<p>Red? <img src="@@PLUGINFILE@@/my%20pics/red.png" alt="a red square"></p>]]></text>
<file name="red.png" path="/my pics/" encoding="base64">{b64(RED)}</file></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Pasted</text></name>
    <questiontext format="html"><text><![CDATA[<p>Blue? <img src="data:image/png;base64,{b64(BLUE)}" alt="a blue square"> yes</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Old picture</text></name>
    <questiontext format="moodle_auto_format"><text>Is this red?</text></questiontext>
    <image>flag.png</image>
    <image_base64>{b64(RED)}</image_base64>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""


def test_pictures_in_folders_pasted_or_in_moodle_19s_tags_are_kept(tmp_path, capsys):
    source = tmp_path / "pictures.xml"
    source.write_text(FILE, encoding="utf-8")
    out = tmp_path / "pictures.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert "warning" not in said and "3 pictures" in said
    questions = {q["id"]: q for q in yaml.safe_load(out.read_text(encoding="utf-8"))["questions"]}
    assert questions["in-a-folder"]["prompt"] == "Red? ![a red square](pictures-files/red.png)"
    assert questions["pasted"]["prompt"] == ("Blue? ![a blue square](pictures-files/pasted.png) "
                                            "yes")
    assert questions["old-picture"]["image"] == "pictures-files/flag.png"
    assert (tmp_path / "pictures-files" / "red.png").read_bytes() == RED
    assert (tmp_path / "pictures-files" / "pasted.png").read_bytes() == BLUE
    assert (tmp_path / "pictures-files" / "flag.png").read_bytes() == RED
    # the bank is valid, its pictures found
    assert main(["validate", str(out)]) == 0
