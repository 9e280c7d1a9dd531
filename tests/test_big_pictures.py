"""A big picture is decoded off the GUI thread, at the size it is drawn (hostile18).

A 200 KB PNG of 8,000 x 8,000 pixels passes every check a bank's picture goes through,
and Qt decoded all of it on the GUI thread each time a text or a question showed it:
1.1 to 1.5 s a time (benchmarks/bench_big_picture.py). Such a picture now shows as
loading, is decoded on a worker thread, and is drawn when it is ready.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from quizapp.core.model import TrueFalse
from quizapp.gui.markdown import set_safe_markdown
from quizapp.gui.question_widgets import widget_for
from quizapp.rendering.pictures import GUI_THREAD_PIXELS, MAX_PICTURE_WIDTH, preparer


def _picture(path, width: int, height: int, colour: str = "red") -> None:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def _drawn_picture(html: str) -> QImage:
    start = html.index("data:image/")
    url = html[start:html.index('"', start)]
    return QImage.fromData(QByteArray.fromBase64(url.split(",", 1)[1].encode()))


def test_a_big_markdown_picture_shows_as_loading_then_drawn_at_its_drawn_size(qtbot, tmp_path):
    _picture(tmp_path / "big.png", 2400, 1800)
    assert 2400 * 1800 > GUI_THREAD_PIXELS
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "A wall: ![a red wall](big.png)", tmp_path)
    assert "[loading picture: big.png]" in label.text()
    assert "<img" not in label.text()  # nothing for Qt to decode on the GUI thread
    qtbot.waitUntil(lambda: "<img" in label.text(), timeout=10000)
    assert "loading picture" not in label.text()
    drawn = _drawn_picture(label.text())
    assert (drawn.width(), drawn.height()) == (MAX_PICTURE_WIDTH, MAX_PICTURE_WIDTH * 3 // 4)
    assert drawn.pixelColor(10, 10) == QColor("red")
    # kept decoded: shown again at once
    set_safe_markdown(label, "Again: ![a red wall](big.png)", tmp_path)
    assert "<img" in label.text() and "loading picture" not in label.text()


def test_a_label_given_another_text_meanwhile_keeps_it(qtbot, tmp_path):
    _picture(tmp_path / "big.png", 2000, 2000)
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "First ![it](big.png)", tmp_path)
    set_safe_markdown(label, "Second question", tmp_path)
    # the picture is announced in the same turn of the event loop that ends its pending
    qtbot.waitUntil(lambda: not preparer()._pending, timeout=10000)
    assert "Second question" in label.text() and "First" not in label.text()


def test_a_big_question_picture_shows_as_loading_then_drawn(qtbot, tmp_path):
    _picture(tmp_path / "photo.png", 3000, 1500, "blue")
    question = TrueFalse(id="t", prompt="Is it blue?", answer=True, image="photo.png")
    widget = widget_for(question, tmp_path)
    qtbot.addWidget(widget)
    label = widget.picture_label
    assert label is not None
    assert label.text() == "[loading picture: photo.png]"
    qtbot.waitUntil(lambda: not label.pixmap().isNull(), timeout=10000)
    pixmap = label.pixmap()
    assert (pixmap.width(), pixmap.height()) == (MAX_PICTURE_WIDTH, MAX_PICTURE_WIDTH // 2)
    assert pixmap.toImage().pixelColor(5, 5) == QColor("blue")
    assert label.accessibleName() == "Question image"


def test_an_icon_whose_directory_lies_about_its_size_is_decoded_aside(qtbot, tmp_path):
    """An ICO's directory says at most 256 x 256; the PNG inside may be of any size."""
    inner = tmp_path / "inner.png"
    _picture(inner, 2000, 2000, "green")
    png = inner.read_bytes()
    icon = (struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32,
                                                       len(png), 22) + png)
    (tmp_path / "icon.ico").write_bytes(icon)
    question = TrueFalse(id="t", prompt="Green?", answer=True, image="icon.ico")
    widget = widget_for(question, tmp_path)
    qtbot.addWidget(widget)
    label = widget.picture_label
    assert label is not None and label.text() == "[loading picture: icon.ico]"
    qtbot.waitUntil(lambda: not label.pixmap().isNull(), timeout=10000)
    assert label.pixmap().width() * label.pixmap().height() <= GUI_THREAD_PIXELS


def test_a_big_picture_that_cannot_be_decoded_says_so_when_its_turn_comes(qtbot, tmp_path):
    # a PNG's header of 3,000 x 3,000 pixels, and nothing after it
    header = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (3000).to_bytes(4, "big") * 2
              + b"\x08\x02\x00\x00\x00\x00\x00\x00\x00")
    (tmp_path / "cut.png").write_bytes(header)
    question = TrueFalse(id="t", prompt="Cut?", answer=True, image="cut.png")
    widget = widget_for(question, tmp_path)
    qtbot.addWidget(widget)
    assert widget.picture_label is not None
    qtbot.waitUntil(lambda: widget.picture_label is None, timeout=10000)
    assert widget.missing_image_label.text() == "[image not shown: cut.png]"
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "![cut](cut.png)", tmp_path)
    assert "[image not shown: cut.png]" in label.text()


def test_an_svg_declaring_8000_pixels_a_side_is_drawn_at_its_drawn_size(qtbot, tmp_path):
    """Given its vectors, Qt drew all 8,000 x 8,000 pixels on the GUI thread (0.3-0.4 s) at
    each showing, to scale them to 560."""
    (tmp_path / "wall.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="8000" '
        'viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>',
        encoding="utf-8")
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "![a wall](wall.svg)", tmp_path)
    assert "data:image/png;base64," in label.text()  # drawn here, not left to Qt
    drawn = _drawn_picture(label.text())
    assert (drawn.width(), drawn.height()) == (MAX_PICTURE_WIDTH, MAX_PICTURE_WIDTH)
    assert drawn.pixelColor(100, 100) == QColor("red")
    # a small one stays vectors
    (tmp_path / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
        '<circle cx="20" cy="20" r="10" fill="blue"/></svg>', encoding="utf-8")
    set_safe_markdown(label, "![a dot](dot.svg)", tmp_path)
    assert "data:image/svg+xml;base64," in label.text()


def test_a_small_picture_padded_to_megabytes_is_written_anew(qtbot, tmp_path):
    """A 40 x 30 PNG padded with 3 MB of a chunk Qt skips: its bytes went into the text
    at each showing."""
    import zlib

    _picture(tmp_path / "small.png", 40, 30, "red")
    png = (tmp_path / "small.png").read_bytes()
    padding = b"x" * 3_000_000
    chunk = (len(padding).to_bytes(4, "big") + b"zzZz" + padding
             + zlib.crc32(b"zzZz" + padding).to_bytes(4, "big"))
    (tmp_path / "padded.png").write_bytes(png[:33] + chunk + png[33:])  # after IHDR
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "![padded](padded.png)", tmp_path)
    assert "<img" in label.text() and len(label.text()) < 100_000
    drawn = _drawn_picture(label.text())
    assert (drawn.width(), drawn.height()) == (40, 30)


def test_a_label_given_a_long_text_meanwhile_keeps_it(qtbot, tmp_path):
    from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT

    _picture(tmp_path / "big.png", 1900, 1900)
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "First ![it](big.png)", tmp_path)
    long_text = "word " * (MARKDOWN_RENDER_LIMIT // 4)
    set_safe_markdown(label, long_text, tmp_path)
    qtbot.waitUntil(lambda: not preparer()._pending, timeout=10000)  # and announced
    assert label.text().startswith("word word") and "First" not in label.text()


def test_a_fifo_put_in_a_pictures_place_after_its_check_is_not_waited_on(qtbot, tmp_path):
    """Its header was read with open(), which waits for a FIFO's writer: the window froze."""
    import os

    from quizapp.core.bank_folder import inside_bank_folder

    _picture(tmp_path / "big.png", 2000, 2000)
    checked = inside_bank_folder(tmp_path, "big.png")
    assert checked is not None
    checked.unlink()
    os.mkfifo(checked)
    assert preparer().picture(checked, wait=False) is None
    question = TrueFalse(id="t", prompt="Piped?", answer=True, image="big.png")
    widget = widget_for(question, tmp_path)  # the check itself refuses a FIFO
    qtbot.addWidget(widget)
    assert widget.missing_image_label.text() == "[image not shown: big.png]"


def test_a_big_picture_on_the_results_screen_is_decoded_aside_then_drawn(
        qtbot, tmp_path, store, learner):
    """The results page showed each picture of the review decoded on the GUI thread (once
    each): now as loading, and drawn when the worker has decoded it, where the page was."""
    from quizapp.core.loader import load_bank
    from quizapp.core.session import QuizSession
    from quizapp.gui.results_screen import ResultsScreen

    _picture(tmp_path / "big.png", 2400, 1800, "blue")
    facts = "\n".join(
        f"  - id: fact-{i}\n    type: true_false\n    prompt: Fact {i} is true.\n"
        f"    answer: true\n    explanation: See the map. ![a map](big.png)" for i in range(30))
    (tmp_path / "map.yaml").write_text(f"title: Map\nid: map\nquestions:\n{facts}\n",
                                       encoding="utf-8")
    bank = load_bank(tmp_path / "map.yaml").bank
    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    while not session.finished:
        session.submit(True)
        session.advance()
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.resize(800, 600)
    results.show()
    results.show_results(session)
    shown = results.review.toHtml()
    assert "[loading picture: big.png]" in shown
    assert "data:image/" not in shown  # nothing for Qt to decode on the GUI thread
    scrolled = results.review.verticalScrollBar().maximum() // 2
    results.review.verticalScrollBar().setValue(scrolled)
    qtbot.waitUntil(lambda: "data:image/" in results.review.toHtml(), timeout=10000)
    shown = results.review.toHtml()
    assert "loading picture" not in shown
    assert _drawn_picture(shown).pixelColor(5, 5) == QColor("blue")
    assert results.review.verticalScrollBar().value() == scrolled  # the learner's place kept


def test_a_big_picture_in_a_cloze_text_is_decoded_aside_and_the_blanks_keep_what_was_typed(
        qtbot, tmp_path):
    """The cloze's words were laid out with their pictures decoded on the GUI thread (once
    each): the picture shows as loading, then drawn in its place among the words, and the
    blanks stay the ones the learner is typing in."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel as Label

    from quizapp.core.model import Cloze

    _picture(tmp_path / "dam.png", 2400, 1800, "green")
    question = Cloze(id="c", prompt="Fill in.",
                     text="The {{Hoover}} dam ![a dam](dam.png) stands on the {{Colorado}}.")
    widget = widget_for(question, tmp_path)
    qtbot.addWidget(widget)
    widget.show()

    def words() -> str:
        return " ".join(label.text() for label in widget.findChildren(Label)
                        if label.isVisibleTo(widget) and label.text())

    assert "[loading picture: dam.png]" in words()
    assert "data:image/" not in words()  # nothing for Qt to decode on the GUI thread
    first, second = widget.edits
    first.setFocus()
    qtbot.keyClicks(first, "Hoov")
    qtbot.waitUntil(lambda: "data:image/" in words(), timeout=10000)
    assert "loading picture" not in words()
    assert widget.edits == [first, second]
    assert first.text() == "Hoov" and first.hasFocus()
    qtbot.keyClicks(first, "er")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClicks(second, "Colorado")
    assert widget.response() == ["Hoover", "Colorado"]
    [drawn] = [label.text() for label in widget.findChildren(Label) if "data:image/" in label.text()]
    assert _drawn_picture(drawn).pixelColor(5, 5) == QColor("green")
