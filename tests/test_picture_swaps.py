"""A bank's picture is read by the app itself, once, after its check: Qt is never handed
a path it would open on its own (hostile18).

Qt's text documents load an <img src="file:..."> when they lay out or paint, after the
app checked the name, and on a screen of twice the pixels they first look for a
`name@2x.png` beside it, which no check ever saw: a link there drew any picture on the
computer. A picture swapped for a link between the check and the read must not be drawn
or printed either.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from quizapp.core.loader import load_bank
from quizapp.core.model import Bank
from quizapp.interop._common import Report

RED, BLUE = QColor("red"), QColor("blue")


def _picture(path: Path, colour: QColor, side: int = 40) -> None:
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path))


def _colours(doc: QTextDocument, pixel_ratio: float = 1.0) -> set[str]:
    """The colours `doc` paints, on a device of `pixel_ratio` (2: a high-density screen)."""
    doc.setTextWidth(300)
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.setDevicePixelRatio(pixel_ratio)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    return {image.pixelColor(x, y).name() for x in range(0, 600, 2) for y in range(0, 600, 2)}


@pytest.fixture
def folders(tmp_path):
    """(the bank's folder with a red pic.png, a blue picture outside it)."""
    bank = tmp_path / "bank"
    bank.mkdir()
    _picture(bank / "pic.png", RED)
    outside = tmp_path / "outside.png"
    _picture(outside, BLUE, 80)
    return bank, outside


@pytest.mark.parametrize("pixel_ratio", [1, 2])
def test_an_at_2x_link_beside_a_markdown_picture_is_never_drawn(qapp, folders, pixel_ratio):
    from quizapp.rendering.markdown import safe_html

    bank, outside = folders
    os.symlink(outside, bank / "pic@2x.png")
    doc = QTextDocument()
    doc.setHtml(safe_html("![a map](pic.png)", bank))
    colours = _colours(doc, pixel_ratio)
    assert RED.name() in colours
    assert BLUE.name() not in colours


def _bank_with_picture(bank_folder: Path, prompt: str = "Which colour?") -> Bank:
    (bank_folder / "bank.yaml").write_text(
        "id: colours\ntitle: Colours\nquestions:\n"
        "  - id: c1\n    type: true_false\n"
        f"    prompt: \"{prompt}\"\n    image: pic.png\n    answer: true\n",
        encoding="utf-8",
    )
    loaded = load_bank(bank_folder / "bank.yaml")
    assert loaded.bank is not None, loaded.problems
    assert loaded.bank.questions[0].image == "pic.png"
    return loaded.bank


def _swap_after_check(monkeypatch, module, picture: Path, outside: Path) -> None:
    """The picture becomes a link to `outside` right after `module` checked its name."""
    checked = module.inside_bank_folder

    def check_then_swap(folder, name, **kwargs):
        found = checked(folder, name, **kwargs)
        if picture.is_file() and not picture.is_symlink():
            picture.unlink()
            os.symlink(outside, picture)
        return found

    monkeypatch.setattr(module, "inside_bank_folder", check_then_swap)


def test_a_printed_picture_swapped_for_a_link_after_its_check_is_not_printed(
        qapp, folders, monkeypatch):
    from quizapp.interop import pdf

    bank_folder, outside = folders
    bank = _bank_with_picture(bank_folder)
    _swap_after_check(monkeypatch, pdf, bank_folder / "pic.png", outside)
    report = Report(str(bank.path))
    doc = QTextDocument()
    doc.setHtml(pdf.quiz_html(bank, report))
    assert BLUE.name() not in _colours(doc)
    assert any("pic.png" in warning for warning in report.warnings)


def test_a_markdown_picture_swapped_for_a_link_after_its_check_is_not_drawn(
        qapp, folders, monkeypatch):
    from quizapp.rendering import markdown

    bank, outside = folders
    _swap_after_check(monkeypatch, markdown, bank / "pic.png", outside)
    doc = QTextDocument()
    doc.setHtml(markdown.safe_html("![a map](pic.png)", bank))
    colours = _colours(doc)
    assert BLUE.name() not in colours
    assert RED.name() not in colours  # the red picture is gone too: nothing is drawn


def test_a_printed_picture_is_printed_from_the_banks_own_file(qapp, folders):
    from quizapp.interop import pdf

    bank_folder, _outside = folders
    bank = _bank_with_picture(bank_folder, prompt="Which colour? ![again](pic.png)")
    report = Report(str(bank.path))
    doc = QTextDocument()
    doc.setHtml(pdf.quiz_html(bank, report))
    assert RED.name() in _colours(doc)
    assert report.warnings == []


def _zip_bytes(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(name) for name in z.namelist())


@pytest.mark.parametrize(("fmt", "module_name"), [("apkg", "apkg_media"),
                                                  ("xml", "moodle_xml_writer")])
def test_an_exported_picture_swapped_for_a_link_after_its_check_is_left_out(
        qapp, folders, monkeypatch, tmp_path, fmt, module_name):
    """The Anki deck and the Moodle XML file copied the file the name led to when they
    read it, after the check: a link by then put a file from outside in the export."""
    import importlib

    from quizapp.interop import export_with_warnings

    bank_folder, outside = folders
    outside.write_bytes(outside.read_bytes() + b"SECRET-OUTSIDE")
    bank = _bank_with_picture(bank_folder)
    module = importlib.import_module(f"quizapp.interop.{module_name}")
    _swap_after_check(monkeypatch, module, bank_folder / "pic.png", outside)
    out = tmp_path / f"export.{fmt}"
    warnings = export_with_warnings(bank, out)
    written = _zip_bytes(out) if fmt == "apkg" else out.read_bytes()
    assert b"SECRET-OUTSIDE" not in written
    assert base64.b64encode(outside.read_bytes())[:40] not in written
    assert any("pic.png" in warning for warning in warnings)
