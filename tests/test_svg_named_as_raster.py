"""A bank's picture named as a PNG that holds an SVG drawing is not drawn: Qt tells a
picture's format by its content, so such a file in a Markdown text (![x](evil.png)) was
drawn by Qt's SVG reader uncleaned, following the files it names, one outside the bank's
folder too; the check said the text shows [image not shown: evil.png]. Now it does, and
the app's text views (image_bytes) refuse the file too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPainter

from quizapp.core.loader import load_bank
from quizapp.rendering.images import image_bytes
from quizapp.rendering.markdown import safe_document
from quizapp.rendering.pictures import Picture, preparer


def _bank_with_disguised_svg(tmp_path: Path) -> tuple[Path, Path]:
    secret = tmp_path / "secret.png"  # outside the bank's folder: red
    picture = QImage(40, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ff0000"))
    assert picture.save(str(secret), "PNG")
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "evil.png").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="40" height="40"><image x="0" y="0" width="40" height="40"'
        f' xlink:href="{secret}"/></svg>', encoding="utf-8")
    (folder / "bank.yaml").write_text(
        "title: T\nid: t\nquestions:\n  - id: q1\n    type: true_false\n"
        "    prompt: 'See ![a map](evil.png)'\n    answer: true\n", encoding="utf-8")
    return folder, secret


def test_an_svg_named_png_in_a_text_is_not_shown(qapp, tmp_path):
    folder, _secret = _bank_with_disguised_svg(tmp_path)
    result = load_bank(folder / "bank.yaml", use_cache=False)
    assert result.bank is not None
    [problem] = result.problems  # the check's word, now kept by the text
    assert "[image not shown: evil.png]" in problem.message
    doc = safe_document(result.bank.questions[0].prompt, folder)
    assert doc.toPlainText() == "See [image not shown: evil.png]"
    assert "evil.png\"" not in doc.toHtml()  # no picture left to load
    page = QImage(300, 100, QImage.Format.Format_RGB32)
    page.fill(QColor("#ffffff"))
    painter = QPainter(page)
    doc.drawContents(painter)
    painter.end()
    reds = sum(QColor(page.pixel(x, y)).name() == "#ff0000"
               for x in range(page.width()) for y in range(page.height()))
    assert reds == 0  # nothing of the file outside the bank's folder


def test_the_app_s_loaders_refuse_it(qapp, tmp_path):
    folder, _secret = _bank_with_disguised_svg(tmp_path)
    assert image_bytes(folder / "evil.png") is None
    assert preparer().picture(folder / "evil.png") is None
    real = folder / "real.png"
    picture = QImage(10, 10, QImage.Format.Format_RGB32)
    picture.fill(QColor("#00ff00"))
    assert picture.save(str(real), "PNG")
    assert image_bytes(real) == real.read_bytes()
    assert isinstance(preparer().picture(real), Picture)
