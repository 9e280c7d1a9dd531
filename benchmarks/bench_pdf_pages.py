"""A PDF paper of a big bank: this checkout against a git revision (main), in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_pdf_pages.py \
        [--rev main] [--sizes 1000,5000,10000] [--repeat 3]

For each size, a bank of that many questions (make_big_bank.py) is printed as `quizapp
export BANK -o paper.pdf` prints it (interop.pdf.pdf_bytes: the HTML, its layout on A4
pages with each question kept on one page, the pages drawn), in a process of its own for
each version of the code, interleaved, `--repeat` times. Timed in the process: the whole
PDF, and of it the page breaks (keep_questions_whole). Prints medians in seconds and the
ratios revision/this checkout; asserts no time. The revision is taken with `git archive`.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAKER = Path(__file__).resolve().parent / "make_big_bank.py"

# Run in a child with the code under test first on sys.path: the bank's PDF, timed.
CHILD = """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {src!r})
from quizapp.core.loader import load_bank
from quizapp.interop import pdf
assert pdf.__file__.startswith({src!r}), pdf.__file__
bank = load_bank({bank!r}, use_cache=False).bank
pdf.ensure_gui_app()
spent = []
keep = pdf.keep_questions_whole
def timed(*args, **kwargs):
    started = time.perf_counter()
    try:
        return keep(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - started)
pdf.keep_questions_whole = timed
started = time.perf_counter()
data, _warnings = pdf.pdf_bytes(bank)
print(json.dumps({{"pdf": time.perf_counter() - started, "breaks": sum(spent),
                   "bytes": len(data)}}))
"""


def _checkout(rev: str, dest: Path) -> Path:
    """quizapp/ of `rev`, extracted into dest."""
    raw = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev, "quizapp"],
                         check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def _printed(src: Path, bank: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(src=str(src), bank=str(bank))],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = _checkout(args.rev, folder / "before")
        print(f"{'questions':>9} {'PDF now':>9} {args.rev:>9} {'ratio':>7} "
              f"{'breaks now':>10} {args.rev:>9} {'ratio':>7}", flush=True)
        for size in (int(s) for s in args.sizes.split(",")):
            bank = folder / f"bank-{size}" / "big.yaml"
            bank.parent.mkdir()
            subprocess.run([sys.executable, str(MAKER), str(bank), "--questions", str(size)],
                           check=True, stdout=subprocess.DEVNULL)
            now, then = [], []
            for run in range(args.repeat):  # interleaved, each first in turn
                pair = [(now, REPO), (then, before)]
                for into, src in pair if run % 2 == 0 else reversed(pair):
                    into.append(_printed(src, bank))
            pdf_now = statistics.median(r["pdf"] for r in now)
            pdf_then = statistics.median(r["pdf"] for r in then)
            breaks_now = statistics.median(r["breaks"] for r in now)
            breaks_then = statistics.median(r["breaks"] for r in then)
            print(f"{size:>9,} {pdf_now:9.2f} {pdf_then:9.2f} {pdf_then / pdf_now:7.2f} "
                  f"{breaks_now:10.2f} {breaks_then:9.2f} {breaks_then / breaks_now:7.2f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
