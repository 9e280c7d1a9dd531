"""Pictures in a bank's Markdown, as a learner sees them (bankqa17): a picture wider than the
question card is drawn at the card's width, as a question's `image:` is; one Qt cannot draw
says so in the text instead of vanishing."""

from __future__ import annotations

from helpers import image_formats, library_rows
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from quizapp.gui import quiz_setup
from quizapp.rendering.markdown import safe_html
from quizapp.rendering.pictures import MAX_PICTURE_WIDTH

BANK = """title: Photos
questions:
  - id: photo
    type: multiple_choice
    prompt: "What does the photo show? ![a red wall](images/photo.png)"
    choices:
      - "![a green banner](images/banner.png)"
      - A blue sky
    answer: A blue sky
"""


def _picture(path, width: int, height: int, colour: str) -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def _drawn_sizes(html: str) -> list[tuple[int, int]]:
    """The size each picture in `html` is drawn at: its width and height if given, else
    its own (a big one is decoded at the size it is drawn: rendering/pictures.py)."""
    sizes = []
    for image in image_formats(html):
        own = QImage.fromData(QByteArray.fromBase64(image.name().split(",", 1)[1].encode()))
        sizes.append((round(image.width()) or own.width(), round(image.height()) or own.height()))
    return sizes


def _photo_bank(tmp_path):
    folder = tmp_path / "banks"
    (folder / "images").mkdir(parents=True)
    _picture(folder / "images" / "photo.png", 4000, 3000, "red")  # a phone's photo
    _picture(folder / "images" / "banner.png", 4000, 300, "green")
    (folder / "photos.yaml").write_text(BANK, encoding="utf-8")
    return folder


def test_a_photo_in_a_prompt_and_a_choice_fits_the_question_card(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Drawn at 4,000 pixels, the photo made the card 4,000 pixels wide: a scroll bar under
    it, the prompt's end and the choices' texts off the screen."""
    win = open_library_window(_photo_bank(tmp_path))
    win.resize(1280, 800)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    win.library_screen.tree.setCurrentItem(library_rows(win)["Photos"])
    win.library_screen.tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    scroll = win.screens["quiz"].scroll_area
    qtbot.waitUntil(lambda: scroll.widget() is not None and scroll.widget().isVisible())
    qtbot.wait(50)  # the page lays out
    assert scroll.horizontalScrollBar().maximum() == 0
    assert scroll.widget().width() <= scroll.viewport().width()


def test_a_wide_picture_is_drawn_at_the_cards_width_keeping_its_shape(tmp_path):
    folder = _photo_bank(tmp_path)
    html = safe_html("![a red wall](images/photo.png)", folder)
    assert _drawn_sizes(html) == [(MAX_PICTURE_WIDTH, MAX_PICTURE_WIDTH * 3 // 4)]
    _picture(folder / "images" / "small.png", 40, 30, "red")
    small = safe_html("![a small one](images/small.png)", folder)
    assert "width=" not in small and _drawn_sizes(small) == [(40, 30)]


def test_a_picture_qt_cannot_draw_says_so_in_the_text(tmp_path):
    """A text file named .png, or a PNG of 30,000 x 30,000 pixels (more than Qt decodes):
    the picture vanished from the prompt without a word."""
    folder = _photo_bank(tmp_path)
    (folder / "images" / "notes.png").write_text("my notes", encoding="utf-8")
    header = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (30000).to_bytes(4, "big") * 2
              + b"\x01\x00\x00\x00\x00\x00\x00\x00\x00")
    (folder / "images" / "huge.png").write_bytes(header)
    for name in ("notes.png", "huge.png"):
        html = safe_html(f"Look: ![it](images/{name})", folder)
        assert f"[image not shown: images/{name}]" in html
        assert "<img" not in html


def test_a_wide_picture_in_a_cloze_is_drawn_at_the_cards_width(tmp_path):
    from quizapp.rendering.cloze_words import ClozeWord, cloze_pieces

    folder = _photo_bank(tmp_path)
    pieces = cloze_pieces(["The wall ![a red wall](images/photo.png) is ", 0, "."], folder)
    pictures = [p.html for p in pieces if isinstance(p, ClozeWord) and p.html and "<img" in p.html]
    assert len(pictures) == 1
    assert _drawn_sizes(pictures[0]) == [(MAX_PICTURE_WIDTH, MAX_PICTURE_WIDTH * 3 // 4)]


def test_underscores_are_italic_and_bold_as_on_github(qtbot):
    """Qt's GitHub dialect underlined `_word_` and `__word__` (they looked like links); the
    format is GitHub's Markdown, where they are italic and bold, as `*word*` and `**word**`."""
    from PySide6.QtGui import QFont, QTextDocument
    from PySide6.QtWidgets import QLabel

    from quizapp.gui.markdown import set_safe_markdown

    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "_one_ and __two__ and *three* and **four**")
    doc = QTextDocument()
    doc.setHtml(label.text())
    looks = {}
    block = doc.begin()
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        fmt = fragment.charFormat()
        looks[fragment.text()] = (fmt.fontItalic(), fmt.fontWeight() >= QFont.Weight.Bold,
                                  fmt.fontUnderline())
        it += 1
    assert looks["one"] == looks["three"] == (True, False, False)
    assert looks["two"] == looks["four"] == (False, True, False)
