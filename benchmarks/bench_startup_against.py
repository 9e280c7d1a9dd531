"""Startup of `quizapp --exit-when-ready`: this checkout against a git revision, as a ratio in one run.

Both versions are copied into a temporary folder laid out as installed
(quizapp/ with question_banks/ as quizapp/banks), and run by the same
interpreter, interleaved, N times each, with the same environment as
bench_startup.py (a returning learner, a warm bank cache, bytecode cache on).
The report gives both medians and their ratio; a change that only adds work
on first use (such as the grader's word list) should keep it near 1.00.

    .venv/bin/python benchmarks/bench_startup_against.py               # against main
    .venv/bin/python benchmarks/bench_startup_against.py --rev HEAD~3 --runs 21
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench_startup import time_command

REPO = Path(__file__).resolve().parent.parent
RUN = "import sys; sys.path.insert(0, {src!r}); from quizapp.cli import main; sys.exit(main(['--exit-when-ready']))"
MAKE_LEARNER = (
    "import sys; sys.path.insert(0, {src!r}); from quizapp.core.store import Store;"
    " s = Store.open(); s.set_last_learner(s.create_learner('Bench').id); s.close()"
)


def _lay_out(src: Path, dest: Path) -> None:
    """quizapp/ and question_banks/ (as quizapp/banks) from src into dest."""
    shutil.copytree(src / "quizapp", dest / "quizapp", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        src / "question_banks", dest / "quizapp" / "banks", ignore=shutil.ignore_patterns("__pycache__")
    )


def _export(rev: str, dest: Path) -> None:
    raw = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "quizapp", "question_banks"],
        check=True,
        capture_output=True,
    ).stdout
    tree = dest.with_name(dest.name + "-tree")
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        tar.extractall(tree, filter="data")
    _lay_out(tree, dest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main", help="the git revision to compare with (main)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizapp-bench-against-"))
    try:
        before, after = work / "before", work / "after"
        _export(args.rev, before)
        _lay_out(REPO, after)
        # Each side its own data, cache and settings (the same learner in each): a store of
        # a newer schema is refused by an older quizapp, and bank caches differ by version.
        envs = {}
        for side, src in (("before", before), ("after", after)):
            env = dict(os.environ)
            env.update(
                QT_QPA_PLATFORM=args.platform,
                QUIZAPP_DATA_DIR=str(work / side / "data"),
                QUIZAPP_CACHE_DIR=str(work / side / "cache"),
                XDG_CONFIG_HOME=str(work / side / "config"),
                PYTHONPYCACHEPREFIX=str(work / side / "pycache"),
            )
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([sys.executable, "-c", MAKE_LEARNER.format(src=str(src))], env=env,
                           check=True)
            envs[side] = env
        before_cmd = [sys.executable, "-c", RUN.format(src=str(before))]
        after_cmd = [sys.executable, "-c", RUN.format(src=str(after))]
        for _ in range(2):  # warm caches for both
            time_command(before_cmd, envs["before"])
            time_command(after_cmd, envs["after"])
        before_times, after_times = [], []
        for _ in range(args.runs):
            before_times.append(time_command(before_cmd, envs["before"]))
            after_times.append(time_command(after_cmd, envs["after"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    b, a = statistics.median(before_times), statistics.median(after_times)
    print(f"platform {args.platform}, {args.runs} runs each (interleaved), whole processes")
    print(f"{args.rev:>12}: median {b * 1000:7.1f} ms (min {min(before_times) * 1000:.1f})")
    print(f"{'this checkout':>12}: median {a * 1000:7.1f} ms (min {min(after_times) * 1000:.1f})")
    print(f"ratio this checkout / {args.rev}: {a / b:.3f} (target <= 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
