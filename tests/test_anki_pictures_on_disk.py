"""An Image Occlusion deck makes two pictures for every card (its front and its back). They
were all held in memory until the bank was written: a deck of many large pictures cost its
whole size in memory (benchmarks/bench_occlusion_memory.py: 123 MiB more for 118 MiB of
pictures). They now go to a temporary folder as they are made, and are read one at a time
when the bank's pictures are written; the folder goes when the import is done with."""

from __future__ import annotations

import gc
import random
import tempfile
import tracemalloc
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from quizapp.interop import import_with_media, media_folder_for, write_imported  # noqa: E402

NOTES, CARDS, SIDE = 6, 4, 700


def _deck(folder: Path) -> Path:
    rng = random.Random(7)
    masks = "".join(f"{{{{c{n + 1}::image-occlusion:rect:left={0.05 + n * 0.22:.2f}:top=.2"
                    f":width=.15:height=.3:oi=1}}}}" for n in range(CARDS))

    def add(col, deck_id):
        occlusion = col.models.by_name("Image Occlusion")
        col.decks.select(deck_id)
        for n in range(NOTES):
            noise = rng.randbytes(SIDE * SIDE * 3)  # no encoder makes it small
            image = QImage(noise, SIDE, SIDE, SIDE * 3, QImage.Format.Format_RGB888).copy()
            picture = folder / f"plate-{n}.png"
            assert image.save(str(picture), "PNG")
            col.add_image_occlusion_note(notetype_id=occlusion["id"], image_path=str(picture),
                                         occlusions=masks, header=f"Plate {n}", back_extra="",
                                         tags=[])

    return anki_deck(folder, "Atlas", add, "atlas.apkg", with_media=True)


def test_the_pictures_made_for_the_cards_are_not_held_in_memory(tmp_path, monkeypatch):
    deck = _deck(tmp_path)
    spool = tmp_path / "tmp"  # TMPDIR, for this test alone
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    # once first, so that the modules it imports are not counted
    first = tmp_path / "first" / "atlas.yaml"
    first.parent.mkdir()
    write_imported(import_with_media(deck, media_folder=media_folder_for(first)), deck, first)
    target = tmp_path / "bank" / "atlas.yaml"
    target.parent.mkdir()
    gc.collect()
    tracemalloc.start()
    try:
        imported = import_with_media(deck, media_folder=media_folder_for(target))
        written = write_imported(imported, deck, target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    pictures = sorted(p for p in target.parent.rglob("*") if p.suffix in (".png", ".jpg"))
    # two for each card, and each note's own picture, kept for the export to Anki
    assert written.pictures == len(pictures) == NOTES * CARDS * 2 + NOTES
    total = sum(p.stat().st_size for p in pictures)
    largest = max(p.stat().st_size for p in pictures)
    # all of them in memory at once was over `total`; one at a time, the peak is a few
    # pictures' worth (the note's own picture, read and unpacked, and one drawn on it)
    assert total > 10 * largest
    assert peak < total / 3, (peak, total, largest)
    # each picture the bank shows is there, whole
    for p in pictures:
        assert not QImage(str(p)).isNull()
    # and the temporary copies are gone once the import is done with
    assert list(spool.iterdir()) != []
    del imported
    gc.collect()
    assert list(spool.iterdir()) == []
