"""Moodle XML export of one cloze with many blanks, against the same number of short
answers written in the same run.

    .venv/bin/python benchmarks/bench_moodle_cloze_gaps.py [--blanks 100 500] [--repeat 7]

Each cloze blank becomes an embedded answer ({1:SHORTANSWER:=Kantor}), as each short
answer becomes a question of its own: so many blanks should cost about what so many short
answers do, whatever their number. (Until interop21 the writer worked out each gap's kind
twice and read the whole text again for every blank: quadratic in the blanks.) Prints the
medians of interleaved runs and the ratio cloze / short answers; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.core.model import Bank, Cloze, ShortAnswer  # noqa: E402
from quizapp.interop.moodle_xml_writer import write_moodle_xml  # noqa: E402

# Names from the article the bundled bank is written from (Reuters, 1995).
NAMES = ("Kantor", "Hashimoto", "Brown", "Garten", "Shapiro")


def cloze_bank(blanks: int) -> Bank:
    text = " ".join(f"Official {n} is {{{{{NAMES[n % len(NAMES)]}}}}}." for n in range(blanks))
    return Bank(id="gaps", title="Gaps", questions=(Cloze(id="c", prompt="", text=text),))


def short_answer_bank(count: int) -> Bank:
    return Bank(id="answers", title="Answers", questions=tuple(
        ShortAnswer(id=f"q{n}", prompt=f"Official {n} is?", answers=(NAMES[n % len(NAMES)],))
        for n in range(count)))


def seconds(bank: Bank) -> float:
    t0 = time.perf_counter()
    write_moodle_xml(bank)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blanks", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"{'blanks':>7} {'cloze ms':>9} {'short answers ms':>17} {'ratio':>6}")
    for count in args.blanks:
        gaps, answers = cloze_bank(count), short_answer_bank(count)
        cloze_times, answer_times = [], []
        for _ in range(args.repeat):  # interleaved: the machine's load falls on both
            cloze_times.append(seconds(gaps))
            answer_times.append(seconds(answers))
        cloze, plain = statistics.median(cloze_times), statistics.median(answer_times)
        print(f"{count:7} {cloze * 1e3:9.1f} {plain * 1e3:17.1f} {cloze / plain:6.2f}")


if __name__ == "__main__":
    main()
