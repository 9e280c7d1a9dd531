"""The Linux desktop entry and icon that `pip install` puts under share/."""

import configparser
import tomllib
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent


def _data_files() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["data-files"]


def test_pyproject_installs_the_entry_and_the_icon():
    files = _data_files()
    assert files["share/applications"] == ["data/quizapp.desktop"]
    assert files["share/icons/hicolor/scalable/apps"] == ["quizapp/gui/resources/quizapp.svg"]
    for paths in files.values():
        for path in paths:
            assert (ROOT / path).is_file(), path


def test_desktop_entry_starts_quizapp_with_its_icon():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(ROOT / "data" / "quizapp.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "quizapp"
    assert entry["Icon"] == "quizapp"  # found as share/icons/hicolor/scalable/apps/quizapp.svg
    assert entry["Name"]
    assert "Education" in entry["Categories"].split(";")
    assert entry["Categories"].endswith(";")
    assert entry["Terminal"] == "false"


def test_icon_is_a_valid_svg_that_qt_can_draw(qtbot):
    from PySide6.QtGui import QIcon

    path = ROOT / "quizapp" / "gui" / "resources" / "quizapp.svg"
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    pixmap = QIcon(str(path)).pixmap(64, 64)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert image.pixelColor(32, 32).alpha() > 0  # something is drawn in the middle
