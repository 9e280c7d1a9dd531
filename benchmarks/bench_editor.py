"""Opening a 10,000-question bank in the bank editor, and one keystroke in a field.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_editor.py [--questions 10000] [--keys 40]

Writes the generated bank (benchmarks/make_big_bank.py) and a 100-question one,
loads each once so the loader's cache holds them (as the library does at
start), then times:

- open: BankDocument.open + EditorWindow (question list, form of the first
  question) + show and processEvents, median of 3;
- keystroke: one letter typed into the prompt of a question in the middle of
  the bank (QTest.keyClick, which returns once the key is handled: the field
  edit, the undo step, the form and YAML tab in step), median over --keys.
  The check of the whole bank starts later, in a worker process, and is not
  in this figure; the same keystrokes typed while that check runs are
  reported on their own line.

Prints milliseconds and the ratios to the 100-question bank measured in the
same run. Asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_big_bank import make_bank  # noqa: E402
from PySide6.QtCore import Qt, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

DURING: list[tuple[float, float]] = []


def measure(app: QApplication, path: Path, keys: int) -> tuple[float, float]:
    from quizapp.core.loader import load_bank
    from quizapp.gui.editor import EditorWindow

    assert load_bank(path).bank is not None  # cached, as after the library's load
    opens = []
    window = None
    for _ in range(3):
        if window is not None:
            window.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()
        start = time.perf_counter()
        window = EditorWindow.open_file(path)
        window.show()
        app.processEvents()
        opens.append(time.perf_counter() - start)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.select_question(len(window.doc) // 2)
    app.processEvents()
    prompt = window.form.fields[("prompt",)]
    prompt.setFocus()
    QTest.keyClick(prompt, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    strokes = []
    for i in range(keys):
        letter = "abcdefghijklmnopqrstuvwxyz"[i % 26]
        start = time.perf_counter()
        QTest.keyClick(prompt, letter)
        strokes.append(time.perf_counter() - start)
    # The same keystrokes while the check of the whole bank runs in its worker process
    # (started once, as the editor does 0.4 s after opening; a thread held the GIL).
    window.checker.check_now()
    while window.checker.pending:
        app.processEvents()
    during = []
    window.checker.check_now()
    for i in range(keys):
        if not window.checker.pending:
            break
        start = time.perf_counter()
        QTest.keyClick(prompt, "abcdefghijklmnopqrstuvwxyz"[i % 26])
        during.append(time.perf_counter() - start)
    while window.checker.pending:
        app.processEvents()
    window.undo_stack.setClean()
    window.checker.shutdown()
    window.close()
    DURING.append((statistics.median(during) * 1000, max(during) * 1000) if during else (0.0, 0.0))
    return statistics.median(opens) * 1000, statistics.median(strokes) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    qInstallMessageHandler(lambda *a: None)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("QUIZAPP_CACHE_DIR", str(Path(folder) / "cache"))
        app = QApplication.instance() or QApplication([])
        small = Path(folder) / "small.yaml"
        big = Path(folder) / "big.yaml"
        small.write_text(make_bank(100), encoding="utf-8")
        big.write_text(make_bank(args.questions), encoding="utf-8")
        base_open, base_key = measure(app, small, args.keys)
        big_open, big_key = measure(app, big, args.keys)
    print(f"{'bank':<22}{'open (ms)':>12}{'keystroke (ms)':>16}")
    print(f"{'100 questions':<22}{base_open:>12.1f}{base_key:>16.2f}")
    print(f"{f'{args.questions:,} questions':<22}{big_open:>12.1f}{big_key:>16.2f}")
    print(f"ratio to 100 questions: open {big_open / base_open:.1f}x, keystroke {big_key / base_key:.2f}x")
    median, worst = DURING[-1]
    print(f"keystroke while the {args.questions:,}-question check runs: median {median:.1f} ms, "
          f"worst {worst:.1f} ms")


if __name__ == "__main__":
    main()
