"""What the bank cache's column-wise layout buys: rebuilding a bank from its cache entry
(quizapp/core/cache.py, marshal tuples stored by column, objects filled a column at a
time) against the plain way, pickle, of the same bank, in the same run.

    .venv/bin/python benchmarks/bench_cache_decode.py --questions 10000 --runs 9

tests/test_cache.py checks that the decoded bank equals the bank the loader builds from
the file (test_unchanged_bank_comes_from_the_cache_equal_to_a_fresh_load and the round
trip for every question type); this only measures.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_bank import make_bank  # noqa: E402

from quizapp.core import cache  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402


def _timed(make) -> float:
    gc.collect()
    start = time.perf_counter()
    made = make()
    elapsed = time.perf_counter() - start
    del made
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(make_bank(args.questions), encoding="utf-8")
        result = load_bank(path, use_cache=False)
    payload = (result.bank, tuple(result.problems), ())
    summary, blob = cache.encode(payload)
    pickled = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    assert cache.decode(summary, blob) == pickle.loads(pickled) == payload
    ours, plain = [], []
    for _ in range(args.runs):  # interleaved
        ours.append(_timed(lambda: cache.decode(summary, blob)))
        plain.append(_timed(lambda: pickle.loads(pickled)))
    a, b = statistics.median(ours), statistics.median(plain)
    print(f"{args.questions} questions; entry {len(summary) + len(blob):,} bytes, "
          f"pickle {len(pickled):,} bytes")
    print(f"column-wise cache decode: median {a * 1000:7.1f} ms")
    print(f"pickle.loads (plain)    : median {b * 1000:7.1f} ms")
    print(f"ratio cache / pickle: {a / b:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
