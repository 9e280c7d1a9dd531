"""`quizapp validate` looks at what an image file holds, not only at its name: a text file
named .png, or the bank itself given as a picture, is an error at the 'image' key (the app
would show a broken picture), a warning for a picture inside a text. Each picture format
the app draws passes; the files refused are exactly ones Qt cannot draw."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPixmap

from quizapp.cli import main
from quizapp.core.loader import load_bank

BANK = """\
title: Pictures
questions:
  - id: shown
    type: true_false
    prompt: "Is this a picture? ![inline](inline.{inline})"
    image: {image}
    image_description: a picture
    answer: true
"""


def _bank(tmp_path, image: str, inline: str = "png"):
    path = tmp_path / "pics.yaml"
    path.write_text(BANK.format(image=image, inline=inline), encoding="utf-8")
    return path


# A 1 x 1 GIF (Qt reads GIF but does not write it)
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
       b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def _real_picture(path, fmt: str) -> None:
    if fmt == "GIF":
        path.write_bytes(GIF)
        return
    picture = QImage(8, 6, QImage.Format.Format_RGB32)
    picture.fill(0x3355AA)
    assert picture.save(str(path), fmt)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "ICO"])
def test_every_format_the_app_draws_passes(qapp, tmp_path, fmt):
    name = f"picture.{fmt.lower()}"
    _real_picture(tmp_path / name, fmt)
    _real_picture(tmp_path / "inline.png", "PNG")
    assert not QPixmap(str(tmp_path / name)).isNull()
    result = load_bank(_bank(tmp_path, name), use_cache=False)
    assert result.problems == [] and result.bank is not None


@pytest.mark.parametrize(("name", "content", "why"), [
    ("garbage.png", b"this is not a png", "it holds text, not a picture"),
    ("pics.yaml", None, "it holds text, not a picture"),
    ("empty.png", b"", "it is empty"),
    ("noise.jpg", bytes(range(256)) * 4, "its content is not a picture"),
    ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>',
     "it holds an SVG drawing; name it with .svg so that the app draws it as one"),
])
def test_a_file_that_is_not_a_picture_is_an_error_at_its_key(qapp, tmp_path, name, content,
                                                             why):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    _real_picture(tmp_path / "inline.png", "PNG")
    path = _bank(tmp_path, name)
    assert QPixmap(str(tmp_path / name)).isNull()  # what the app would have shown
    result = load_bank(path, use_cache=False)
    assert result.bank is None
    ((line, column, severity, message),) = [
        (p.line, p.column, p.severity, p.message) for p in result.problems]
    assert (line, column, severity) == (6, 12, "error")
    assert message == (f"the image '{name}' is not a picture the app can show ({why}); "
                       "use a PNG, JPEG, GIF, WebP or SVG file")


def test_a_non_picture_inside_a_text_is_a_warning(qapp, tmp_path, capsys):
    _real_picture(tmp_path / "real.png", "PNG")
    (tmp_path / "inline.txt").write_text("hello", encoding="utf-8")
    path = _bank(tmp_path, "real.png", inline="txt")
    assert main(["validate", "--no-cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert (f"{path}:5:13: warning: in this text, the image 'inline.txt' is not a picture the "
            "app can show (it holds text, not a picture)") in out


def test_validate_exits_1_and_names_the_place(tmp_path, capsys):
    (tmp_path / "garbage.png").write_bytes(b"16 bytes of text")
    (tmp_path / "inline.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = _bank(tmp_path, "garbage.png")
    assert main(["validate", "--no-cache", str(path)]) == 1
    assert f"{path}:6:12: error: the image 'garbage.png' is not a picture" in (
        capsys.readouterr().out)


def test_a_png_named_svg_and_a_folder_named_png_are_said_for_what_they_are(qapp, tmp_path):
    """A PNG saved as .svg is an error naming what it holds (it was a warning that the
    SVG 'is not valid XML'); a folder named .png is a folder (it 'did not exist')."""
    _real_picture(tmp_path / "inline.png", "PNG")
    _real_picture(tmp_path / "real.svg", "PNG")
    result = load_bank(_bank(tmp_path, "real.svg"), use_cache=False)
    assert [(p.severity, p.message) for p in result.problems] == [
        ("error", "the image 'real.svg' holds a PNG picture, not an SVG drawing; name it "
                  "with .png so that the app shows it")]
    (tmp_path / "dir.png").mkdir()
    result = load_bank(_bank(tmp_path, "dir.png"), use_cache=False)
    assert [(p.severity, p.message) for p in result.problems] == [
        ("error", "the image 'dir.png' is a folder, not a picture")]
