"""The .apkg export with its helper process against the same export in one process, in turns.

    .venv/bin/python benchmarks/bench_apkg_turns.py [--questions 10000] [--repeat 16]

Only our export, no Anki between the runs (bench_apkg.py has Anki's export beside ours):
export_counting(bank, path, "apkg") of a generated bank (make_big_bank.py), already loaded,
with the helper (as if a core were free and the bank big enough) and in one process, turn
about. For each, the medians of: the loop that makes the notes (from NoteRows' start to its
collection being asked for), the rest (the helper's answer awaited, or the rows, the
serializing and the compression made here), and the whole export. It asserts nothing about
time.
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

from make_big_bank import make_bank  # noqa: E402

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop import apkg_collection, export_counting  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=16, help="exports of each kind")
    args = parser.parse_args()
    marks: dict[str, float] = {}
    rows_class = apkg_collection.NoteRows
    start, collection = rows_class.__init__, rows_class.collection

    def timed_start(self, *args, **kwargs):
        start(self, *args, **kwargs)
        marks["loop from"] = time.perf_counter()

    def timed_collection(self, *args, **kwargs):
        marks["loop"] = time.perf_counter() - marks["loop from"]
        began = time.perf_counter()
        made = collection(self, *args, **kwargs)
        marks["rest"] = time.perf_counter() - began
        return made

    rows_class.__init__ = timed_start  # type: ignore[method-assign]
    rows_class.collection = timed_collection  # type: ignore[method-assign]
    apkg_collection._core_free = lambda: True
    shipped_min = apkg_collection.HELPER_MIN_NOTES
    runs: dict[str, list[tuple[float, float, float]]] = {"helper": [], "one process": []}
    with tempfile.TemporaryDirectory() as tmp:
        bank_file = Path(tmp) / "big.yaml"
        bank_file.write_text(make_bank(args.questions), encoding="utf-8")
        bank = load_bank(bank_file).raise_for_errors()
        export_counting(bank, Path(tmp) / "warm.apkg", "apkg")  # imports, caches
        for run in range(2 * args.repeat):
            name = "helper" if run % 2 == 0 else "one process"
            apkg_collection.HELPER_MIN_NOTES = 1 if name == "helper" else len(bank.questions) + 1
            began = time.perf_counter()
            export_counting(bank, Path(tmp) / "deck.apkg", "apkg")
            runs[name].append((marks["loop"], marks["rest"], time.perf_counter() - began))
    apkg_collection.HELPER_MIN_NOTES = shipped_min
    print(f"{args.questions} questions, {args.repeat} exports each, in turns (medians)")
    medians = {}
    for name, times in runs.items():
        loop, rest, whole = (statistics.median(t[k] for t in times) * 1000 for k in range(3))
        medians[name] = whole
        print(f"{name:12}: notes made {loop:6.1f} ms, then {rest:6.1f} ms; export {whole:6.1f} ms")
    print(f"ratio helper / one process: {medians['helper'] / medians['one process']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
