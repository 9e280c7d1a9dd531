"""Export a bank to an Anki package (.apkg): quizapp against Anki's own export, in one run.

    .venv/bin/python benchmarks/bench_apkg.py [--questions 10000] [--repeat 5] [--bank FILE]

quizapp: the app's export of a generated bank (make_big_bank.py), already loaded, to a
file: quizapp.interop.export_counting(bank, path, "apkg"), that is apkg_bytes(bank)
written atomically (a temporary file, fsync, rename). Anki (its Python library, the
optional 'bench' extra: pip install anki): a collection holding the same notes (the same
front and back HTML and tags, in one deck), exported with Collection.export_anki_package
(no scheduling, no media), which also writes a temporary file, fsyncs and renames it.
Both sides write Anki's current format (a zstd-compressed collection.anki21b), or with
`--legacy` both write the older one (an uncompressed collection; ours: --format
apkg-legacy).
Both sides end with the file on disk. (Until 2026-11 our side stopped at the bytes, and
left the writing out: about 13 ms of 10.7 MB here.) Medians of interleaved runs and
their ratio; it asserts nothing about time. Without `anki` it says so and stops.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop import export_counting  # noqa: E402
from quizapp.interop.apkg import card_order, card_sides  # noqa: E402


def anki_collection(path: Path, bank):
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    deck_id = col.decks.id(bank.title)
    notetype = col.models.by_name("Basic")
    requests = []
    for q in bank.questions:
        front, back = card_sides(q, card_order(bank.id, q))
        note = col.new_note(notetype)
        note["Front"], note["Back"] = front, back
        note.tags = [t.replace(" ", "_") for t in q.tags]
        requests.append(AddNoteRequest(note, deck_id))
    col.add_notes(requests)
    return col, deck_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--bank", help="use this bank file instead of generating one")
    parser.add_argument("--legacy", action="store_true", help="Anki's legacy package format")
    args = parser.parse_args()
    try:
        from anki.collection import DeckIdLimit, ExportAnkiPackageOptions
    except ImportError:
        print("Anki's Python library is not installed (pip install anki, or '.[bench]'):"
              " there is no baseline to compare with.")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.bank:
            bank_file = Path(args.bank)
        else:
            from make_big_bank import make_bank

            bank_file = folder / "big.yaml"
            bank_file.write_text(make_bank(args.questions), encoding="utf-8")
        bank = load_bank(bank_file).raise_for_errors()
        col, deck_id = anki_collection(folder / "anki.anki2", bank)
        options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                           with_media=False, legacy=args.legacy)
        fmt = "apkg-legacy" if args.legacy else "apkg"  # the same format on both sides
        ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
        for run in range(args.repeat):
            ours_file = folder / f"quizapp-{run}.apkg"
            t, c = time.perf_counter(), time.process_time()
            _, written = export_counting(bank, ours_file, fmt)
            ours.append(time.perf_counter() - t)
            ours_cpu.append(time.process_time() - c)
            out = folder / f"anki-{run}.apkg"
            t, c = time.perf_counter(), time.process_time()
            count = col.export_anki_package(out_path=str(out), options=options,
                                            limit=DeckIdLimit(deck_id))
            theirs.append(time.perf_counter() - t)
            theirs_cpu.append(time.process_time() - c)
            assert count == written == len(bank.questions)
        col.close()
        o, a = statistics.median(ours), statistics.median(theirs)
        print(f"{len(bank.questions)} questions, {args.repeat} runs each (interleaved)")
        print(f"Anki export_anki_package{' (legacy)' if args.legacy else ''}: "
              f"median {a * 1000:8.1f} ms, {out.stat().st_size / 1e6:.1f} MB")
        print(f"quizapp export ({fmt})            : median {o * 1000:8.1f} ms, "
              f"{ours_file.stat().st_size / 1e6:.1f} MB")
        print(f"ratio quizapp / Anki: {o / a:.2f}x (target <= 1x)")
        oc, ac = statistics.median(ours_cpu), statistics.median(theirs_cpu)
        print(f"CPU time (all threads of this process): Anki {ac * 1000:.1f} ms, "
              f"quizapp {oc * 1000:.1f} ms, ratio {oc / ac:.2f}x")
        # On a shared machine the fastest run is the least disturbed one: for scale only.
        print(f"fastest runs: Anki {min(theirs) * 1000:.1f} ms wall, {min(theirs_cpu) * 1000:.1f}"
              f" ms CPU; quizapp {min(ours) * 1000:.1f} ms wall, {min(ours_cpu) * 1000:.1f} ms"
              f" CPU; ratio {min(ours) / min(theirs):.2f}x wall, "
              f"{min(ours_cpu) / min(theirs_cpu):.2f}x CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
