"""Two bank files can share one pictures' folder (my-bank.yaml and "My Bank.yaml" both use
my-bank-files/; so do bank.yml and bank.yaml): an import never replaces the other bank's
pictures without asking: `quizapp import` refuses without --force, File > Import asks
(No by default), write_imported refuses (found by a tester)."""

from __future__ import annotations

import base64

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from quizapp import interop
from quizapp.cli import main

RED = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSu"
       "QmCC")
BLUE = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSu"
        "QmCC")


def xml_with(picture: str) -> str:
    return ('<?xml version="1.0"?>\n<quiz><question type="shortanswer"><name><text>Q</text></name>'
            '<questiontext format="html"><text><![CDATA[Who is this? '
            '<img src="@@PLUGINFILE@@/face.png" alt="face">]]></text>'
            f'<file name="face.png" encoding="base64">{picture}</file></questiontext>'
            '<answer fraction="100"><text>Kantor</text></answer></question></quiz>\n')


@pytest.fixture
def sources(tmp_path):
    physics, chemistry = tmp_path / "physics.xml", tmp_path / "chemistry.xml"
    physics.write_text(xml_with(RED), encoding="utf-8")
    chemistry.write_text(xml_with(BLUE), encoding="utf-8")
    return physics, chemistry


@pytest.mark.parametrize("first, second", [("my-bank.yaml", "My Bank.yaml"),
                                           ("bank.yml", "bank.yaml"), ("Bank.yaml", "bank.yaml")])
def test_import_refuses_to_replace_the_pictures_of_another_bank(
        tmp_path, capsys, sources, first, second):
    physics, chemistry = sources
    assert main(["import", str(physics), "-o", str(tmp_path / first)]) == 0
    picture = tmp_path / interop.media_folder_for(first) / "face.png"
    assert picture.read_bytes() == base64.b64decode(RED)
    capsys.readouterr()

    assert main(["import", str(chemistry), "-o", str(tmp_path / second)]) == 1
    err = capsys.readouterr().err
    assert "1 picture already in" in err and "face.png" in err
    assert "nothing was written (use --force to replace them)" in err
    assert picture.read_bytes() == base64.b64decode(RED)
    assert not (tmp_path / second).exists() or second.lower() == first.lower()

    assert main(["import", str(chemistry), "-o", str(tmp_path / second), "--force"]) == 0
    assert picture.read_bytes() == base64.b64decode(BLUE)


def test_the_same_pictures_again_are_no_harm(tmp_path, sources):
    physics, _ = sources
    assert main(["import", str(physics), "-o", str(tmp_path / "my-bank.yaml")]) == 0
    assert main(["import", str(physics), "-o", str(tmp_path / "My Bank.yaml")]) == 0


def test_write_imported_refuses_unless_told_to_replace(tmp_path, sources):
    physics, chemistry = sources
    interop.import_to_file(physics, tmp_path / "my-bank.yaml")
    target = tmp_path / "My Bank.yaml"
    imported = interop.import_with_media(chemistry, None, interop.media_folder_for(target))
    with pytest.raises(interop.InteropError, match="would be replaced"):
        interop.write_imported(imported, chemistry, target)
    assert not target.exists()
    assert (tmp_path / "my-bank-files" / "face.png").read_bytes() == base64.b64decode(RED)
    interop.write_imported(imported, chemistry, target, replace_pictures=True)
    assert (tmp_path / "my-bank-files" / "face.png").read_bytes() == base64.b64decode(BLUE)


@pytest.mark.parametrize("replace", [False, True])
def test_file_import_asks_before_replacing_the_pictures_of_another_bank(
        qtbot, open_library_window, tmp_path, monkeypatch, sources, replace):
    physics, chemistry = sources
    assert main(["import", str(physics), "-o", str(tmp_path / "my-bank.yaml")]) == 0
    picture = tmp_path / "my-bank-files" / "face.png"
    target = tmp_path / "My Bank.yaml"
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chemistry), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    asked: list[tuple[str, object]] = []
    buttons = QMessageBox.StandardButton

    def question(parent, title, text, choices, default):
        asked.append((text, default))
        return buttons.Yes if replace else buttons.No

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    text, default = asked[0]
    assert "face.png" in text and "Replace them?" in text and default == buttons.No
    qtbot.waitUntil(lambda: not win._import_under_way, timeout=10000)
    assert len(asked) == 1
    if replace:
        assert target.exists()
        assert picture.read_bytes() == base64.b64decode(BLUE)
    else:
        assert not target.exists()
        assert picture.read_bytes() == base64.b64decode(RED)
