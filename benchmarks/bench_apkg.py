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
left the writing out: about 13 ms of 10.7 MB here.)
Our export runs twice a round: as shipped ('quizapp': its collection made by a helper
process on another core when the bank is big and a core is free, four cores or more with
the load two below them, apkg_collection._core_free; `--helper always` as if one always
were), and all in this process ('one process').
CPU counts this process's threads and the helper's. Medians of interleaved runs (the
three sides in every order in turn) and their ratios; it asserts nothing about time. Without
`anki` it says so and stops.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop import apkg_collection, export_counting  # noqa: E402
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


def _children_cpu() -> float:
    """The CPU seconds of this process's ended children (the helper); 0 where not known."""
    try:
        import resource
    except ImportError:  # (Windows)
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_ORDERS = list(itertools.permutations(["anki", "quizapp", "one process"]))


class Side:
    """One side's runs: wall and CPU times (this process's threads, and the helper
    process's, which ends within the run)."""

    def __init__(self) -> None:
        self.walls: list[float] = []
        self.own: list[float] = []
        self.children: list[float] = []
        self.size = 0

    @contextlib.contextmanager
    def timed(self):
        before = _children_cpu()
        t, c = time.perf_counter(), time.process_time()
        yield
        self.walls.append(time.perf_counter() - t)
        self.own.append(time.process_time() - c)
        self.children.append(_children_cpu() - before)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def own_cpu(self) -> float:
        return statistics.median(self.own)

    @property
    def child_cpu(self) -> float:
        return statistics.median(self.children)

    @property
    def cpu(self) -> float:
        return statistics.median([a + b for a, b in zip(self.own, self.children, strict=True)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--bank", help="use this bank file instead of generating one")
    parser.add_argument("--legacy", action="store_true", help="Anki's legacy package format")
    parser.add_argument("--helper", choices=("as-shipped", "always"), default="as-shipped",
                        help="'always': the helper process even when the load leaves no core"
                        " free (as shipped, the export decides)")
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
        if args.helper == "always":  # as if a core were always free
            apkg_collection._core_free = lambda: True
        started = []  # one entry a helper started (the "as shipped" side's runs)
        start_helper = apkg_collection._start_helper

        def counted_start():
            helper = start_helper()
            started.append(helper is not None)
            return helper

        apkg_collection._start_helper = counted_start
        shipped_min = apkg_collection.HELPER_MIN_NOTES
        sides = {"anki": Side(), "quizapp": Side(), "one process": Side()}
        for run in range(args.repeat):
            # Every order of the three in turn: each side follows each other as often (a
            # turning order had "quizapp" follow Anki's export 2 times in 3, whose freed
            # memory the next export faults in again: the same code measured 1.18x and
            # 1.24x "one process" that way)
            order = _ORDERS[run % len(_ORDERS)]
            for name in order:
                out = folder / f"{name.replace(' ', '-')}-{run}.apkg"
                if name == "anki":
                    with sides[name].timed():
                        count = col.export_anki_package(out_path=str(out), options=options,
                                                        limit=DeckIdLimit(deck_id))
                    assert count == len(bank.questions)
                    sides[name].size = out.stat().st_size
                    continue
                apkg_collection.HELPER_MIN_NOTES = (
                    shipped_min if name == "quizapp" else len(bank.questions) + 1)
                with sides[name].timed():
                    _, written = export_counting(bank, out, fmt)
                assert written == len(bank.questions)
                sides[name].size = out.stat().st_size
        col.close()
        anki = sides["anki"]
        print(f"{len(bank.questions)} questions, {args.repeat} runs each (interleaved), "
              f"format {fmt}")
        # (a run whose load left no room never asked for one: args.repeat runs in all)
        print(f"the helper process started in {sum(started)} of {args.repeat} runs of"
              f" 'quizapp' (--helper {args.helper})")
        for name, side in sides.items():
            print(f"{name:12}: median {side.wall * 1000:7.1f} ms wall, CPU {side.cpu * 1000:7.1f}"
                  f" ms (this process {side.own_cpu * 1000:6.1f}, helper {side.child_cpu * 1000:5.1f})"
                  f"; fastest {min(side.walls) * 1000:7.1f} ms; {side.size / 1e6:.1f} MB")
        for name in ("quizapp", "one process"):
            side = sides[name]
            print(f"ratio {name} / Anki: {side.wall / anki.wall:.2f}x wall (target <= 1x), "
                  f"{side.cpu / anki.cpu:.2f}x CPU")
        print(f"ratio quizapp / one process: {sides['quizapp'].wall / sides['one process'].wall:.2f}x"
              " wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
