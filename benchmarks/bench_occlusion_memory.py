"""Peak memory of `quizapp import` of an Image Occlusion deck with large pictures, against
the same deck with small pictures, in one run.

    .venv/bin/python benchmarks/bench_occlusion_memory.py [--notes 8] [--cards 4] [--side 1600]

Anki's own library (the optional 'bench' extra) writes the decks: `--notes` Image Occlusion
notes, each with a picture of its own (`--side` pixels square, noise, so that it does not
compress away) and `--cards` masks; the baseline deck is the same with 64-pixel pictures.
Each import runs in a process of its own (`quizapp import DECK -o BANK.yaml`); its peak
resident memory (ru_maxrss) is read when it ends. Every card gets two pictures drawn for it
(its front and back), so the large deck's bank holds notes x cards x 2 large pictures: held
in memory until the bank is written, the peak grows with the deck; written to disk as they
are made, it stays near one picture's. Prints the peaks, their ratio and the bytes of
pictures written; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUIZAPP = [sys.executable, "-m", "quizapp.cli"]


def make_deck(folder: Path, notes: int, cards: int, side: int) -> Path:
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions
    from PySide6.QtGui import QImage

    rng = random.Random(side)
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Atlas")
        col.decks.select(deck)
        occlusion = col.models.by_name("Image Occlusion")
        width = 0.8 / cards
        masks = "".join(f"{{{{c{n + 1}::image-occlusion:rect:left={0.1 + n * width:.3f}:top=.2"
                        f":width={width * 0.8:.3f}:height=.3:oi=1}}}}" for n in range(cards))
        for n in range(notes):
            # noise, which no encoder makes small (a scanned plate is not far off)
            noise = rng.randbytes(side * side * 3)
            image = QImage(noise, side, side, side * 3, QImage.Format.Format_RGB888).copy()
            picture = folder / f"plate-{n}.png"
            assert image.save(str(picture), "PNG")
            col.add_image_occlusion_note(notetype_id=occlusion["id"], image_path=str(picture),
                                         occlusions=masks, header=f"Plate {n}", back_extra="",
                                         tags=[])
        out = folder / "atlas.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(with_media=True))
        return out
    finally:
        col.close()


def peak_of_import(deck: Path, folder: Path) -> tuple[int, int]:
    """(peak resident KiB of the import's process, bytes of pictures it wrote)."""
    bank = folder / "bank" / "atlas.yaml"
    code = ("import resource, sys; from quizapp.cli import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
            "sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, "import", str(deck), "-o", str(bank),
                           "-q"], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode:
        raise SystemExit(done.stderr)
    peak = int(done.stderr.strip().splitlines()[-1])
    written = sum(p.stat().st_size for p in (folder / "bank").rglob("*") if p.is_file()
                  and p.suffix.lower() in (".png", ".jpg", ".jpeg"))
    return peak, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=8)
    parser.add_argument("--cards", type=int, default=4)
    parser.add_argument("--side", type=int, default=1600)
    args = parser.parse_args()
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        raise SystemExit("needs Anki's library: pip install -e '.[bench]'") from None
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-occlusion-") as tmp:
        rows = []
        for label, side in (("small pictures (baseline)", 64), ("large pictures", args.side)):
            folder = Path(tmp) / str(side)
            folder.mkdir()
            deck = make_deck(folder, args.notes, args.cards, side)
            peak, written = peak_of_import(deck, folder)
            rows.append((label, side, deck.stat().st_size, peak, written))
        for label, side, size, peak, written in rows:
            print(f"{label:28} {side:5} px  deck {size / 2**20:7.1f} MiB  pictures written "
                  f"{written / 2**20:7.1f} MiB  peak RSS {peak / 1024:7.1f} MiB")
        print(f"peak RSS, large against small: {rows[1][3] / rows[0][3]:.2f}x; "
              f"large peak - small peak = {(rows[1][3] - rows[0][3]) / 1024:.1f} MiB "
              f"for {rows[1][4] / 2**20:.1f} MiB of pictures")


if __name__ == "__main__":
    main()
