"""Pictures in banks: SVGs drawn without the files they name, missing pictures as a note.

The SVG tests use a real file outside the bank, painted a colour nothing else uses, and
look for that colour in the pixels Qt draws."""

from __future__ import annotations

import textwrap

import pytest
from helpers import package_media
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QLabel

from quizapp.core.loader import load_bank
from quizapp.core.model import TrueFalse
from quizapp.core.svg_safety import UnsafeSvg, external_references, safe_svg
from quizapp.gui import question_widgets as qw
from quizapp.gui.markdown import set_safe_markdown

SECRET = QColor(0, 200, 77)  # the outside file's colour
SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="120" height="60">
  <rect x="0" y="0" width="30" height="60" fill="#3355aa"/>
  <image x="40" y="0" width="80" height="60" xlink:href="{href}"/>
</svg>
"""


@pytest.fixture
def secret_png(tmp_path):
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(SECRET)
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    assert image.save(str(path))
    return path


@pytest.fixture
def bank_dir(tmp_path, secret_png):
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "pic.svg").write_text(SVG.format(href=secret_png), encoding="utf-8")
    return folder


def _count(image: QImage, colour: QColor) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y) == colour
    )


def test_qt_alone_would_draw_the_outside_file(qapp, bank_dir):
    # Why the cleaning exists: without it, the SVG shows a file from anywhere on disk.
    pixmap = QPixmap(str(bank_dir / "pic.svg"))
    assert not pixmap.isNull()
    assert _count(pixmap.toImage(), SECRET) > 100


def test_the_question_image_is_drawn_without_the_outside_file(qtbot, bank_dir):
    question = TrueFalse(id="t", prompt="Look.", answer=True, image="pic.svg")
    widget = qw.widget_for(question, bank_dir=bank_dir)
    qtbot.addWidget(widget)
    widget.show()
    pictures = [w for w in widget.findChildren(QLabel) if w.accessibleName() == "Question image"]
    assert len(pictures) == 1
    assert pictures[0].accessibleDescription() == "Picture: pic"  # said by a screen reader
    drawn = pictures[0].pixmap().toImage()
    assert _count(drawn, QColor("#3355aa")) > 100  # the SVG itself is drawn
    assert _count(drawn, SECRET) == 0
    assert _count(widget.grab().toImage(), SECRET) == 0


def test_a_markdown_svg_in_a_prompt_is_drawn_without_the_outside_file(qtbot, bank_dir):
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "See ![the chart](pic.svg) here.", bank_dir)
    label.resize(400, 200)
    label.show()
    qtbot.waitExposed(label)
    drawn = label.grab().toImage()
    assert _count(drawn, QColor("#3355aa")) > 20
    assert _count(drawn, SECRET) == 0
    assert "secret.png" not in label.text()


def test_safe_svg_keeps_internal_references_and_drops_the_rest(secret_png):
    data = textwrap.dedent(f"""\
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
          <style>@import url(http://evil.example/a.css); rect {{ fill: url(file:///x.png) }}</style>
          <defs><linearGradient id="g"/></defs>
          <rect fill="url(#g)" width="5" height="5"/>
          <use xlink:href="#g"/>
          <use href="other.svg#part"/>
          <image href="{secret_png}"/>
          <image href="data:image/png;base64,iVBORw0KGgo="/>
        </svg>""").encode()
    found = external_references(data)
    assert str(secret_png) in found and "other.svg#part" in found
    assert "http://evil.example/a.css" in " ".join(found) and "file:///x.png" in found
    cleaned = safe_svg(data).decode()
    assert str(secret_png) not in cleaned and "other.svg" not in cleaned
    assert "evil.example" not in cleaned and "file:" not in cleaned
    assert 'url(#g)' in cleaned and 'href="#g"' in cleaned and "data:image/png" in cleaned
    assert external_references(safe_svg(data)) == []


def test_entities_are_not_fetched_and_bad_svgs_are_refused(tmp_path, secret_png):
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{secret_png}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    ).encode()
    with pytest.raises(UnsafeSvg):
        safe_svg(xxe)  # expat does not fetch it; an undefined entity is an error
    with pytest.raises(UnsafeSvg):
        safe_svg(b"<svg><unclosed></svg>")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode()
            for i in range(9)
        )
        + b']><svg xmlns="http://www.w3.org/2000/svg"><text>&j;</text></svg>'
    )
    with pytest.raises(UnsafeSvg):
        safe_svg(laughs)


def test_validate_warns_about_an_svg_naming_outside_files(bank_dir):
    path = bank_dir / "b.yaml"
    path.write_text(
        "title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: no, "
        "image: pic.svg}\n",
        encoding="utf-8",
    )
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    (problem,) = result.problems
    assert problem.severity == "warning" and problem.line == 3
    assert "the SVG image 'pic.svg' refers to files" in problem.message
    assert "secret.png" in problem.message


def test_a_missing_image_is_a_note_in_the_question_and_it_can_be_answered(qtbot, tmp_path):
    question = TrueFalse(id="t", prompt="Look.", answer=True, image="gone.png")
    widget = qw.widget_for(question, bank_dir=tmp_path)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.missing_image_label.text() == "[image missing: gone.png]"
    assert widget.missing_image_label.isVisible()
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.is_answered() and widget.response() is True


def test_a_missing_markdown_image_says_so(qtbot, tmp_path):
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "See ![x](gone.png) and ![y](/etc/hostname).", tmp_path)
    assert "[image missing: gone.png]" in label.text()
    assert "[image not shown: /etc/hostname]" in label.text()


def _svg_bank(bank_dir):
    from quizapp.core.model import Bank

    return Bank(
        id="svg",
        title="SVG",
        path=str(bank_dir / "svg.yaml"),
        questions=(TrueFalse(id="t", prompt="Look.", answer=True, image="pic.svg", line=3),),
    )


def test_the_pdf_quiz_draws_the_cleaned_svg(qapp, bank_dir, secret_png):
    from quizapp.interop.pdf import quiz_html

    html = quiz_html(_svg_bank(bank_dir))
    assert "data:image/svg+xml;base64," in html
    assert "pic.svg" not in html and "secret" not in html


def test_the_anki_deck_gets_the_cleaned_svg(tmp_path, bank_dir, secret_png):

    from quizapp.interop import export_with_warnings

    out = tmp_path / "deck.apkg"
    warnings = export_with_warnings(_svg_bank(bank_dir), out)
    # nothing about the picture (that Anki does not grade the true/false question is said)
    assert [w for w in warnings if "image" in w or "SVG" in w] == []
    (svg,) = [data for name, data in package_media(out).items() if name.endswith("pic.svg")]
    assert b"<rect" in svg and str(secret_png).encode() not in svg
    assert external_references(svg) == []
