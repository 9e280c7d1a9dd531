"""An Image Occlusion note's Occlusion field is read in one pass: its shapes were found
with '(.*?)}}' across the whole field, so every '{{c1::image-occlusion:...' never closed
was searched to the field's end: a field of 200 KB of such openings took 16 s, a megabyte
minutes (the import of a deck, File > Import's window waiting). A shape's properties end
at its first '}}' and hold no '{{'."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from pathlib import Path  # noqa: E402

from helpers import anki_deck, plain_picture  # noqa: E402

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop.anki_occlusion import occlusion_shapes  # noqa: E402

OCCLUSIONS = (
    "{{c1::image-occlusion:rect:left=.05:top=.1:width=.2:height=.3:oi=1}}"
    "{{c2::image-occlusion:ellipse:left=.4:top=.1:rx=.1:ry=.2:oi=1}}"
    "{{c3::image-occlusion:polygon:left=.7:top=.5:points=.7,.5 .95,.5 .825,.95:oi=1}}")
UNCLOSED = "{{c9::image-occlusion:rect:left=.1:" * 30_000  # 1 MB, no '}}' after it


def _one_note_deck(folder: Path, occlusions: str) -> Path:
    def add(col, deck_id):
        picture = plain_picture(folder / "scan.png", 400, 200)
        col.decks.select(deck_id)
        col.add_image_occlusion_note(
            notetype_id=col.models.by_name("Image Occlusion")["id"], image_path=str(picture),
            occlusions=occlusions, header="", back_extra="", tags=[])

    return anki_deck(folder, "Scans", add, "scans.apkg", with_media=True)


def test_openings_never_closed_do_not_stall_the_import(tmp_path):
    deck = _one_note_deck(tmp_path, OCCLUSIONS + UNCLOSED)
    out = tmp_path / "scans.yaml"
    # In a process of its own: the quadratic search fails the test instead of hanging it.
    subprocess.run([sys.executable, "-m", "quizapp", "import", str(deck), "-o", str(out),
                    "-q"], timeout=120, check=True, capture_output=True)
    bank = load_bank(out, use_cache=False).bank
    assert bank is not None and len(bank.questions) == 3  # c1, c2, c3; c9 never closed


def test_a_shape_is_cut_at_its_own_end_and_before_another_opening():
    shapes = occlusion_shapes(
        "{{c1::image-occlusion:rect:left=.1"  # never closed: given up at the next one
        "{{c2::image-occlusion:text:left=.5:text=a}b{c:oi=1}}"
        "{{c3::image-occlusion:rect:left=.2}}}")
    assert [(s.card, s.kind, s.properties) for s in shapes] == [
        (2, "text", {"left": ".5", "text": "a}b{c", "oi": "1"}),
        (3, "rect", {"left": ".2"}),
    ]
