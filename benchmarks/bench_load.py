"""Time bank loading as whole processes, against a plain libyaml load in the same run.

    python benchmarks/bench_load.py [--runs 7] [--questions 10000] [--bank FILE]
                                    [--compile-each-run]

Each figure is the median wall time of a fresh process (subprocess +
time.perf_counter), with the runs of every command interleaved so that a
busy machine slows them all alike:

  baseline   python -c "import yaml; yaml.load(open(F, 'rb'), Loader=yaml.CSafeLoader)"
  cold       python -m quizapp validate F   (with an empty cache folder: parse, check, cache)
  warm       python -m quizapp validate F   (unchanged file, cache filled by an earlier run;
                                             validate reads the entry's summary only)
  reopen     python -c "load_bank(F)"        (unchanged file: the whole Bank rebuilt from the
                                             cache, as the app does)
  startup    python -c pass                  (for scale only)

Ratios are cold/baseline (target <= 0.35) and warm/baseline (target <= 0.05), for wall
time and for CPU time (user + sys of the child, which a busy machine disturbs less), and
cold/baseline for peak memory (each child's own ru_maxrss, from os.wait4; target <= 0.5).
    python benchmarks/bench_load.py --questions 100000 --runs 3   # a 63 MB bank
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


PEAK_MB: dict[str, list[float]] = {}  # command name -> peak resident MB of each run


def timed(cmd: list[str], env: dict[str, str], name: str = "") -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of cmd; its peak memory goes to PEAK_MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, with its peak RSS
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr.decode()[-500:]}")
    PEAK_MB.setdefault(name, []).append(usage.ru_maxrss / 1024)  # KiB on Linux
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--bank", help="use this bank file instead of generating one")
    parser.add_argument(
        "--compile-each-run",
        action="store_true",
        help="keep the environment's bytecode setting (PYTHONDONTWRITEBYTECODE=1 makes "
        "every process compile quizapp's sources again)",
    )
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
        # An installed app runs from compiled bytecode (pip writes it, and so does
        # the first run of an editable install), so every command gets a private
        # bytecode folder, filled by the untimed first runs below. Without it, under
        # PYTHONDONTWRITEBYTECODE=1, every run would compile quizapp's sources again
        # (~45 ms), while PyYAML's installed bytecode spares the baseline.
        if not args.compile_each_run:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

        baseline = [
            py,
            "-c",
            "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)",
            str(bank),
        ]
        validate = [py, "-m", "quizapp", "validate", str(bank)]
        reopen = [
            py,
            "-c",
            "import sys; from quizapp.core.loader import load_bank; "
            "assert len(load_bank(sys.argv[1]).bank.questions)",
            str(bank),
        ]
        warm_env = {**env, "QUIZAPP_CACHE_DIR": str(work / "warm-cache")}
        timed(validate, warm_env)  # fill the warm cache
        for cmd in (baseline, reopen, [py, "-c", "pass"]):  # and the bytecode folder
            timed(cmd, warm_env)

        names = ("baseline", "cold", "warm", "reopen", "startup")
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for run in range(args.runs):
            cold_env = {**env, "QUIZAPP_CACHE_DIR": str(work / f"cold-cache-{run}")}
            for name, cmd, run_env in (
                ("baseline", baseline, env),
                ("cold", validate, cold_env),
                ("warm", validate, warm_env),
                ("reopen", reopen, warm_env),
                ("startup", [py, "-c", "pass"], env),
            ):
                w, c = timed(cmd, run_env, name)
                wall[name].append(w)
                cpu[name].append(c)

        print(f"bank: {bank} ({size_mb:.1f} MB, {args.questions} questions), {args.runs} runs each")
        bytecode = "compiled on every run" if args.compile_each_run else "cached"
        print(f"bytecode: {bytecode}")
        for label, table in (("wall", wall), ("cpu", cpu)):
            med = {name: statistics.median(values) for name, values in table.items()}
            print(f"{label} time (median, min..max):")
            for name in names:
                spread = f"{min(table[name]):.3f}..{max(table[name]):.3f}"
                print(f"  {name:<9} {med[name]:7.3f} s   ({spread})")
            for name, target in (("cold", "0.35"), ("warm", "0.05"), ("reopen", "-")):
                ratio = med[name] / med["baseline"]
                print(f"  {name} / baseline = {ratio:.3f}   (target <= {target})")
        peak = {name: statistics.median(PEAK_MB[name]) for name in names}
        print("peak memory (median of the runs' peak resident size):")
        for name in names:
            print(f"  {name:<9} {peak[name]:7.1f} MB")
        print(f"  cold / baseline = {peak['cold'] / peak['baseline']:.3f}   (target <= 0.5)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
