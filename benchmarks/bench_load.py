"""Time bank loading as whole processes, against a plain libyaml load in the same run.

    python benchmarks/bench_load.py [--runs 7] [--questions 10000] [--bank FILE]

Each figure is the median wall time of a fresh process (subprocess +
time.perf_counter), with the runs of every command interleaved so that a
busy machine slows them all alike:

  baseline   python -c "import yaml; yaml.load(open(F, 'rb'), Loader=yaml.CSafeLoader)"
  cold       python -m quizapp validate F   (with an empty cache folder: parse, check, cache)
  warm       python -m quizapp validate F   (unchanged file, cache filled by an earlier run)
  startup    python -c pass                  (for scale only)

Ratios are cold/baseline (target <= 0.5) and warm/baseline (target <= 0.05).
It measures and prints; it does not assert.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--bank", help="use this bank file instead of generating one")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    try:
        if args.bank:
            bank = Path(args.bank).resolve()
        else:
            sys.path.insert(0, str(HERE))
            from make_big_bank import make_bank

            bank = work / "big.yaml"
            bank.write_text(make_bank(args.questions), encoding="utf-8")
        size_mb = bank.stat().st_size / 1e6
        py = sys.executable
        env = dict(os.environ)
        env.pop("QUIZAPP_CACHE_DIR", None)

        baseline = [
            py,
            "-c",
            "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)",
            str(bank),
        ]
        validate = [py, "-m", "quizapp", "validate", str(bank)]
        warm_env = {**env, "QUIZAPP_CACHE_DIR": str(work / "warm-cache")}
        timed(validate, warm_env)  # fill the warm cache

        times: dict[str, list[float]] = {"baseline": [], "cold": [], "warm": [], "startup": []}
        for run in range(args.runs):
            cold_dir = work / f"cold-cache-{run}"
            times["baseline"].append(timed(baseline, env))
            times["cold"].append(timed(validate, {**env, "QUIZAPP_CACHE_DIR": str(cold_dir)}))
            times["warm"].append(timed(validate, warm_env))
            times["startup"].append(timed([py, "-c", "pass"], env))

        med = {name: statistics.median(values) for name, values in times.items()}
        print(f"bank: {bank} ({size_mb:.1f} MB, {args.questions} questions), {args.runs} runs each")
        for name, value in med.items():
            spread = f"{min(times[name]):.3f}..{max(times[name]):.3f}"
            print(f"  {name:<9} median {value:7.3f} s   (min..max {spread})")
        print(f"  cold / baseline = {med['cold'] / med['baseline']:.3f}   (target <= 0.5)")
        print(f"  warm / baseline = {med['warm'] / med['baseline']:.3f}   (target <= 0.05)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
