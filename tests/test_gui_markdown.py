"""Bank text is Markdown without HTML: scripts and remote images show as text, nothing loads."""

import base64

from helpers import image_formats
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel

from quizapp.gui.markdown import SafeTextBrowser, set_safe_markdown
from quizapp.rendering.markdown import safe_html, safe_local_file

HOSTILE = (
    "Hello **world**\n\n"
    "<script>alert('x')</script>\n\n"
    '<img src="http://example.invalid/track.png">\n\n'
    "![remote](http://example.invalid/pixel.png)\n\n"
    "![escape](../secret.png)\n\n"
    "![absolute](/etc/hostname)\n\n"
    "[a link](http://example.invalid/)"
)


def _image_names(html: str) -> list[str]:
    return [image.name() for image in image_formats(html)]


def test_raw_html_shows_as_text_and_remote_images_are_dropped(qtbot, tmp_path):
    browser = SafeTextBrowser(bank_dir=tmp_path)
    qtbot.addWidget(browser)
    browser.set_markdown(HOSTILE)
    text = browser.toPlainText()
    assert "<script>alert('x')</script>" in text
    assert '<img src="http://example.invalid/track.png">' in text
    assert "image not shown: http://example.invalid/pixel.png" in text
    assert "image not shown: ../secret.png" in text
    assert "image not shown: /etc/hostname" in text
    assert _image_names(browser.toHtml()) == []
    assert not browser.openExternalLinks() and not browser.openLinks()
    assert "world" in text and "**" not in text  # Markdown still works


def test_images_inside_the_bank_folder_are_kept(qtbot, tmp_path):
    (tmp_path / "img").mkdir()
    picture = tmp_path / "img" / "map.png"
    image = QImage(8, 6, QImage.Format.Format_RGB32)  # a picture Qt draws (only those are kept)
    image.fill(0)
    assert image.save(str(picture))
    html = safe_html("See ![map](img/map.png) and ![x](http://example.invalid/a.png)", tmp_path)
    names = _image_names(html)
    # drawn from the file's bytes, read once by the app (tests/test_picture_swaps.py)
    expected = "data:image/png;base64," + base64.b64encode(picture.read_bytes()).decode()
    assert names == [expected]


def test_browser_refuses_to_load_files_outside_the_bank(qtbot, tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    # a picture's bytes: image_bytes hands Qt no file that is not a picture format the
    # app draws (tests/test_svg_named_as_raster.py)
    inside = b"\x89PNG\r\n\x1a\n ok"
    (bank / "inside.txt").write_bytes(inside)
    (tmp_path / "outside.txt").write_text("secret")
    browser = SafeTextBrowser(bank_dir=bank)
    qtbot.addWidget(browser)
    from PySide6.QtCore import QUrl

    kind = QTextDocument.ResourceType.ImageResource
    assert browser.loadResource(kind, QUrl("inside.txt")) == inside
    assert browser.loadResource(kind, QUrl("../outside.txt")) is None
    assert browser.loadResource(kind, QUrl.fromLocalFile(str(tmp_path / "outside.txt"))) is None
    assert browser.loadResource(kind, QUrl("http://example.invalid/x.png")) is None


def test_safe_local_file_rejects_schemes_and_escapes(tmp_path):
    (tmp_path / "a.png").write_bytes(b"x")
    assert safe_local_file(tmp_path, "a.png") == (tmp_path / "a.png").resolve()
    for bad in ("http://x/a.png", "file:///etc/hostname", "/etc/hostname", "../a.png",
                "data:image/png;base64,AAAA", "missing.png", ""):
        assert safe_local_file(tmp_path, bad) is None
    assert safe_local_file(None, "a.png") is None


def test_label_gets_escaped_rich_text(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, "*hi* <b>not bold</b>")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in label.text()
    assert not label.openExternalLinks()
