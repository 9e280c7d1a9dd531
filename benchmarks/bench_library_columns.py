"""The library's Bank and Questions columns measured over every row (whole_words_column:
CappedTitleColumn.fit) against what Qt measures of a column (sizeHintForColumn, about
1,000 rows around those in view: what fit() asked before), in one run.

    .venv/bin/python benchmarks/bench_library_columns.py [--rows 10000] [--repeat 15]

Three libraries of `--rows` rows: titles all short and of one length (the worst case: every
title is measured), titles of many lengths, and one long title among them (the Bank column
is capped at once). Printed: the median of each, in ms, and the ratio new / Qt's. It
measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from quizapp.gui.bank_list import BankList  # noqa: E402
from quizapp.gui.library_rows import QUESTIONS, TITLE, BankRow  # noqa: E402


def rows_of(titles: list[str]) -> list[BankRow]:
    rows = []
    for n, title in enumerate(titles):
        row = BankRow()
        row.setText(TITLE, title)
        row.setText(QUESTIONS, str(n % 90 + 1))
        rows.append(row)
    return rows


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    app = QApplication([])
    libraries = {
        "one length": [f"Bank {n:05}" for n in range(args.rows)],
        "many lengths": [f"Trade talks, part {n}" + " and more" * (n % 4) for n in range(args.rows)],
        "one long title": [f"Bank {n:05}" for n in range(args.rows - 1)]
                          + ["Talks on cars, car parts and the rules of the auto trade"],
    }
    for name, titles in libraries.items():
        holder = QWidget()
        bank_list = BankList(holder)
        tree = bank_list.tree
        tree.resize(1000, 600)
        tree.show()
        rows = rows_of(titles)
        bank_list.place_rows(rows, [], rows)
        app.processEvents()

        def ours(bank_list: BankList = bank_list, rows: list[BankRow] = rows) -> None:
            bank_list.title_column.fit(rows)
            bank_list.count_column.fit(rows)

        def qts(tree=tree) -> None:
            tree.sizeHintForColumn(TITLE)
            tree.sizeHintForColumn(QUESTIONS)

        new, old = median_ms(ours, args.repeat), median_ms(qts, args.repeat)
        print(f"{name:>15}: every row {new:6.1f} ms, Qt's ~1,000 rows {old:6.1f} ms,"
              f" ratio {new / old:.2f}")
        holder.deleteLater()


if __name__ == "__main__":
    main()
