"""File > Export (Ctrl+E): the longest GUI-thread stall while a bank is exported, through the
window, against the export run on the GUI thread as it was before (baseline), in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_export_gui.py \
        [--questions 10000] [--pdf-questions 1000] [--pictures 20] [--repeat 3]

Banks: the bundled us-japan-auto-talks-1995.yaml; one of `--questions` questions
(make_big_bank.py) for GIFT, Moodle XML and the Anki deck, and one of `--pdf-questions` for
the PDF (bench_pdf_pages.py times its layout); and the bundled bank with `--pictures`
questions showing a 2,000 x 2,000 PNG. For each, a heartbeat QTimer (every 1 ms) runs on
the GUI thread while Ctrl+E is pressed in a real main window (the save dialog, and for a
PDF the box asking how many versions, answer at once), until the status bar says
"Exported"; the longest gap between two beats is the longest time the window could not answer (a frame is 16 ms).
Baseline, interleaved: the same heartbeat around interop.export_counting called on the GUI
thread (what File > Export did); and, as the floor, the longest gap in the same window left
idle as long as its export took (on a loaded machine a 1 ms timer misses tens of ms by
itself). Prints medians in ms and the ratio window/before; asserts no time.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards_gui import Heartbeat, spin  # noqa: E402
from bench_import_gui import close_window, open_window  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from quizapp import interop  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402

BUNDLED = Path(__file__).resolve().parents[1] / "question_banks" / "us-japan-auto-talks-1995.yaml"


def bank_with_pictures(folder: Path, count: int) -> Path:
    """The bundled bank, its first `count` questions each showing a 2,000 x 2,000 PNG."""
    folder.mkdir()
    image = QImage(2000, 2000, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    image.save(str(folder / "map.png"))
    lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    out, added = [], 0
    for line in lines:
        out.append(line)
        if line.startswith("  - id: ") and added < count:
            out.append("    image: map.png")
            added += 1
    path = folder / "pictures.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    assert load_bank(path).bank is not None
    return path


def wait_until(condition, timeout_s: float = 1200) -> None:
    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the export did not end")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def exported_in_window(heart: Heartbeat, folder: Path, bank_path: Path, target: Path,
                       run: str) -> tuple[int, int]:
    """(the longest stall during the export, the longest in as long a time idle before)."""
    banks = folder / f"banks-{run}"
    banks.mkdir()
    shutil.copy(bank_path, banks / bank_path.name)
    if (bank_path.parent / "map.png").exists():
        shutil.copy(bank_path.parent / "map.png", banks / "map.png")
    win = open_window(folder / f"data-{run}", banks)
    win._show_warnings = lambda *a: None
    tree = win.library_screen.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    QFileDialog.getSaveFileName = staticmethod(lambda *a, t=target, **k: (str(t), ""))  # type: ignore[method-assign]
    win._ask_versions = lambda title: 1  # a PDF's box asking how many versions: one
    spin(50)
    heart.start()
    started = time.perf_counter()
    QTest.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: win.statusBar().currentMessage().startswith("Exported "))
    stall = heart.stop()
    took_ms = int((time.perf_counter() - started) * 1000)
    assert target.is_file()
    heart.start()  # the floor: the same window, idle as long (the machine's own noise)
    spin(max(took_ms, 20))
    idle = heart.stop()
    close_window(win)
    return stall, idle


def exported_on_gui_thread(heart: Heartbeat, bank_path: Path, target: Path) -> int:
    bank = load_bank(bank_path).bank
    heart.start()
    QTimer.singleShot(0, lambda: interop.export_counting(bank, target))
    spin(20)
    stall = heart.stop()
    assert target.is_file()
    return stall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--pdf-questions", type=int, default=1_000)
    parser.add_argument("--pictures", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    gc.disable()  # as the app does (gui/collector.py); collected between runs
    heart = Heartbeat()
    QMessageBox.warning = staticmethod(lambda *a, **k: sys.exit(f"export failed: {a[2]}"))  # type: ignore[method-assign]
    maker = Path(__file__).resolve().parent / "make_big_bank.py"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big" / "big.yaml"
        big.parent.mkdir()
        subprocess.run([sys.executable, str(maker), str(big), "--questions", str(args.questions)],
                       check=True, stdout=subprocess.DEVNULL)
        for_pdf = folder / "for-pdf" / "big.yaml"
        for_pdf.parent.mkdir()
        subprocess.run([sys.executable, str(maker), str(for_pdf), "--questions",
                        str(args.pdf_questions)], check=True, stdout=subprocess.DEVNULL)
        pictures = bank_with_pictures(folder / "pictures", args.pictures)
        cases = [("bundled", BUNDLED, ext) for ext in ("gift", "xml", "apkg", "pdf")]
        cases += [(f"{args.questions:,} questions", big, ext) for ext in ("gift", "xml", "apkg")]
        cases += [(f"{args.pdf_questions:,} questions", for_pdf, "pdf")]
        cases += [(f"{args.pictures} pictures", pictures, ext) for ext in ("xml", "apkg", "pdf")]
        print(f"{'bank':>18} {'format':>6} {'window (ms)':>12} {'idle (ms)':>10} "
              f"{'before (ms)':>12} {'window/before':>14}")
        for n, (name, path, ext) in enumerate(cases):
            app_stalls, idle_stalls, base_stalls = [], [], []
            for run in range(args.repeat):
                stall, idle = exported_in_window(
                    heart, folder, path, folder / f"app-{n}-{run}.{ext}", f"{n}-{run}")
                app_stalls.append(stall)
                idle_stalls.append(idle)
                gc.collect()
                base_stalls.append(exported_on_gui_thread(heart, path, folder / f"base-{n}-{run}.{ext}"))
                gc.collect()
            app, base = statistics.median(app_stalls), statistics.median(base_stalls)
            idle = statistics.median(idle_stalls)
            print(f"{name:>18} {ext:>6} {app:12.0f} {idle:10.0f} {base:12.0f} "
                  f"{app / max(base, 1):14.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
