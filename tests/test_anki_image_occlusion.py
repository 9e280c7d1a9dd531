"""Anki's Image Occlusion notes were skipped. Each card now comes in as a flashcard: on the
front the picture with its masks as Anki draws them (the card's own red, the note's others
yellow when it hides them all, oi=1), on the back the card's masks opened, then Back Extra;
the cards keep their reviews, and a note whose picture is missing is skipped, said."""

from __future__ import annotations

import csv
import io
import math
import random
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Flashcard  # noqa: E402
from quizapp.interop._common import MARKDOWN_PICTURE  # noqa: E402

WIDTH, HEIGHT = 400, 200
# three cards: a rectangle, an ellipse and a triangle, each hiding the others (oi=1)
OCCLUSIONS = (
    "{{c1::image-occlusion:rect:left=.05:top=.1:width=.2:height=.3:oi=1}}"
    "{{c2::image-occlusion:ellipse:left=.4:top=.1:rx=.1:ry=.2:oi=1}}"
    "{{c3::image-occlusion:polygon:left=.7:top=.5:points=.7,.5 .95,.5 .825,.95:oi=1}}")
INSIDE = {1: (0.15, 0.25), 2: (0.5, 0.3), 3: (0.825, 0.7)}  # a point in each mask


def _picture(path: Path) -> Path:
    if path.name == "photo.png":
        _photo_as_png(path)
        return path
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor("#3050c0"))  # blue: no mask colour
    assert image.save(str(path), "JPG" if path.suffix == ".jpg" else "PNG")
    return path


def _deck(folder: Path, *, with_media: bool = True, picture_name: str = "heart.png") -> Path:
    def add(col, _deck_id):
        picture = _picture(folder / picture_name)
        occlusion = col.models.by_name("Image Occlusion")
        col.decks.select(col.decks.id("Anatomy::Pictures"))  # where the new note goes
        col.add_image_occlusion_note(
            notetype_id=occlusion["id"], image_path=str(picture), occlusions=OCCLUSIONS,
            header="Name the <b>chambers</b>", back_extra="From the atlas", tags=["heart"])
        basic = col.new_note(col.models.by_name("Basic"))
        basic["Front"], basic["Back"] = "Pumps blood", "the heart"
        col.add_note(basic, col.decks.id("Anatomy::Words"))
        # the first card studied in Anki: its review comes along with --with-history
        col.decks.select(col.decks.id("Anatomy::Pictures"))
        card = col.sched.getCard()
        col.sched.answerCard(card, 3)

    return anki_deck(folder, "Anatomy", add, "anatomy.apkg", with_scheduling=True,
                     with_media=with_media)


def _colour(image: QImage, where: tuple[float, float]) -> str:
    return image.pixelColor(int(where[0] * image.width()), int(where[1] * image.height())).name()


def _picture_of(bank_file: Path, markdown: str) -> QImage:
    (shown,) = MARKDOWN_PICTURE.findall(markdown)
    image = QImage(str(bank_file.parent / shown[shown.index("(") + 1 : -1]))
    assert not image.isNull() and (image.width(), image.height()) == (WIDTH, HEIGHT)
    return image


def test_each_card_is_a_flashcard_with_its_masks_drawn(tmp_path, capsys):
    deck = _deck(tmp_path)
    out = tmp_path / "anatomy.yaml"
    data = tmp_path / "data"
    assert main(["import", str(deck), "-o", str(out), "--with-history", "Ana",
                 "--data-dir", str(data)]) == 0
    err = capsys.readouterr().err
    assert "occlusion" not in err and "skipped" not in err
    # the three cards' six, and the note's own picture, kept for the export to Anki
    assert "7 pictures, 1 review for Ana" in err
    assert "'Anki deck: Pictures' (1 note), 'Anki deck: Words' (1 note)" in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    cards = [q for q in bank.questions if isinstance(q, Flashcard) and "heart" in q.tags]
    assert len(cards) == 3
    for number, card in enumerate(cards, start=1):
        assert card.prompt.startswith("Name the **chambers**\n\n![")
        assert card.back.endswith("\n\nFrom the atlas")
        assert card.tags == ("heart", "Anki deck: Pictures")
        front, back = _picture_of(out, card.prompt), _picture_of(out, card.back)
        for other, point in INSIDE.items():
            if other == number:  # its own mask: red on the front, opened on the back
                assert _colour(front, point) == "#ff8e8e"
                assert _colour(back, point) == "#3050c0"
            else:  # the others hidden on both sides ("hide all, guess one")
                assert _colour(front, point) == _colour(back, point) == "#ffeba2"
        assert _colour(front, (0.02, 0.9)) == "#3050c0"  # outside every mask
    # the pictures the cards show are written, and the unmasked one, which no card shows:
    # the export gives it back to Anki with the note (anki_note_type's picture)
    written = sorted(p.name for p in (tmp_path / "anatomy-files").iterdir()
                     if not p.name.startswith("."))  # (the import's own record)
    assert written == sorted([f"heart-c{n}-{side}.png" for n in (1, 2, 3)
                              for side in ("front", "back")] + ["heart.png"])

    # the card studied in Anki has its review, and only it
    assert main(["results", "--data-dir", str(data), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["question_id"], row["response"]) for row in rows] == [(cards[0].id, "Good")]


def test_a_note_whose_picture_is_missing_is_skipped_with_a_warning(tmp_path, capsys):
    deck = _deck(tmp_path, with_media=False)
    out = tmp_path / "anatomy.yaml"
    assert main(["import", str(deck), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert ("(Image Occlusion): its picture 'heart.png' is not in the deck (or cannot be "
            "copied); the image occlusion note was skipped") in err
    assert "only its description was kept" not in err
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    assert [q.prompt for q in bank.questions] == ["Pumps blood"]


def _photo_as_png(path: Path) -> None:
    """A photo-like picture (shades and grain) saved as PNG, four times a JPEG's size."""
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    grain = random.Random(7)
    for y in range(HEIGHT):
        for x in range(WIDTH):
            shade = 128 + int(60 * math.sin(x / 7) * math.cos(y / 5)) + grain.randint(-20, 20)
            image.setPixelColor(x, y, QColor(shade, shade // 2 + 40, 200))
    assert image.save(str(path), "PNG")


@pytest.mark.parametrize("picture_name", ["heart.jpg", "photo.png"])
def test_a_photo_gets_photos_with_its_masks(tmp_path, picture_name):
    """A JPEG's cards are JPEGs (written four times faster than PNGs), masks and all, and so
    are a photo's saved as PNG (16 PNG copies of a 1.4 MB scan, for 8 masks, were 22 MB)."""
    deck = _deck(tmp_path, picture_name=picture_name)
    out = tmp_path / "anatomy.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None
    first = next(q for q in bank.questions if "heart" in q.tags)
    stem = picture_name.split(".")[0]
    assert f"{stem}-c1-front.jpg" in first.prompt and f"{stem}-c1-back.jpg" in first.back
    front, back = _picture_of(out, first.prompt), _picture_of(out, first.back)

    def near(colour: str, expected: str) -> bool:  # a JPEG's colours are a little off
        a, b = QColor(colour), QColor(expected)
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
                   abs(a.blue() - b.blue())) <= 12

    assert near(_colour(front, INSIDE[1]), "#ff8e8e")
    assert near(_colour(front, INSIDE[2]), "#ffeba2") and near(_colour(back, INSIDE[2]), "#ffeba2")
    if picture_name == "heart.jpg":  # opened on the back: the blue picture again
        assert near(_colour(back, INSIDE[1]), "#3050c0")


def _one_note_deck(folder: Path, occlusions: str, size: tuple[int, int]) -> Path:
    def add(col, deck_id):
        picture = folder / "scan.png"
        image = QImage(*size, QImage.Format.Format_RGB32)
        image.fill(QColor("#3050c0"))
        assert image.save(str(picture), "PNG")
        col.decks.select(deck_id)
        col.add_image_occlusion_note(
            notetype_id=col.models.by_name("Image Occlusion")["id"], image_path=str(picture),
            occlusions=occlusions, header="", back_extra="", tags=[])

    return anki_deck(folder, "Scans", add, "scans.apkg", with_media=True)


def test_a_large_scan_is_drawn_on_at_a_screens_size(tmp_path):
    """Two pictures a card: a 6-megapixel scan is written at 4 megapixels, its shape kept."""
    deck = _one_note_deck(tmp_path, OCCLUSIONS, (3000, 2000))
    out = tmp_path / "scans.yaml"
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None and len(bank.questions) == 3
    (shown,) = MARKDOWN_PICTURE.findall(bank.questions[0].prompt)
    image = QImage(str(out.parent / shown[shown.index("(") + 1 : -1]))
    assert (image.width(), image.height()) == (2449, 1632)  # 3:2, 4.0 megapixels
    assert _colour(image, INSIDE[1]) == "#ff8e8e"


def test_a_stopped_import_stops_between_the_cards_of_a_note(tmp_path):
    """File > Import's Cancel is asked before each card's pictures, not once a note."""
    from quizapp.interop.anki_import import read_anki_package

    def calls(occlusions: str, folder: Path) -> int:
        folder.mkdir()
        asked = []
        read_anki_package(_one_note_deck(folder, occlusions, (400, 200)), str(folder / "f"),
                          should_stop=lambda: asked.append(1) is not None)
        return len(asked)

    one_card = OCCLUSIONS.split("}}")[0] + "}}"
    assert calls(OCCLUSIONS, tmp_path / "three") - calls(one_card, tmp_path / "one") == 2
