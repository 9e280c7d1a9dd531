"""Benchmark opening the progress screen on a store with 1,000,000 answers.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_progress.py \
        [--keep DIR] [--answers 1000000] [--questions 10000] [--repeat 9]

The store is bench_store.py's worst case (one learner, 1,000,000 answers over two years,
one bank of 10,000 questions), built by its bulk builder or reused from --keep DIR.

One run = construct a ProgressScreen, show it, refresh(), wait until every query has come
back from the worker thread and the charts and tables are filled (progress_loaded), then
paint the window once (repaint). Medians over --repeat runs, for:
  - baseline: the same screen for a learner with no answers (its empty state) in the same
    store, measured in the same run;
  - the learner with 1,000,000 answers, all banks (the screen's default view);
  - the same learner with the bank picked in the bank selector.
Also the GUI thread's longest turn (medians and max over --repeat openings, for the
baseline and the busy learner): the longest gap between 1 ms timer ticks, from before the
screen is built until SETTLE_MS after it is filled (construction, each step of the fill,
and the layout and paint that follow all count), in wall-clock ms and in the GUI thread's
CPU ms within a gap (time.thread_time: what other processes on a loaded machine add to
the wall clock it leaves out). The project's rule is 16 ms.
The screen is shown as the app shows it: inside a window with the app's light palette and
style sheet (quizapp/gui/theme.py), which every widget of it is polished and painted with.
It prints medians in ms and ratios to the baseline; it asserts nothing about time.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_store import build, make_bank  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget  # noqa: E402

from quizapp.core.store import DB_NAME, Store  # noqa: E402
from quizapp.gui.context import AppContext, StoreEvents  # noqa: E402
from quizapp.gui.progress_screen import ALL_BANKS, ProgressScreen  # noqa: E402
from quizapp.gui.theme import LIGHT, palette_for, stylesheet_for  # noqa: E402

SETTLE_MS = 300  # after the fill, for the layout and paint it posts to run under the ticks


class AppWindow(QWidget):
    """Where the screens open, dressed as the main window is (Appearance.apply): the app's
    light palette, and its style sheet on the window, inherited by the screen."""

    def __init__(self) -> None:
        super().__init__()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setPalette(palette_for(LIGHT))
        self.setStyleSheet(stylesheet_for(LIGHT, self.font().pointSizeF(), zoomed=False))
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.resize(1280, 800)
        self.show()

    def new_screen(self, context) -> ProgressScreen:
        """A progress screen built in the window, as the main window builds it."""
        screen = ProgressScreen(context, self)
        self.layout().addWidget(screen)
        return screen


WINDOW: AppWindow | None = None  # made once the application is


class OneBankLibrary:
    """The part of BankLibrary the screen reads, holding the benchmark's bank."""

    def __init__(self, bank):
        self._bank = bank

    def banks(self):
        return [self._bank]

    def bank(self, bank_id):
        return self._bank if bank_id == self._bank.id else None


def open_screen(context, bank_id: str = ALL_BANKS) -> tuple[float, float, ProgressScreen]:
    """(ms until filled, ms until painted, screen) for one opening of the screen."""
    loop = QEventLoop()
    # As the main window does: the library's bank in context.bank_id, the bank picked in
    # the selector, show, refresh().
    context.bank_id = None if bank_id == ALL_BANKS else bank_id
    t0 = time.perf_counter()
    assert WINDOW is not None
    screen = WINDOW.new_screen(context)
    if bank_id != ALL_BANKS:
        index = screen.bank_combo.findData(bank_id)
        if index < 0:
            screen.bank_combo.addItem(bank_id, bank_id)
            index = screen.bank_combo.count() - 1
        screen.bank_combo.setCurrentIndex(index)
    screen.progress_loaded.connect(loop.quit)
    screen.show()
    screen.refresh()
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    filled = time.perf_counter()
    screen.repaint()
    painted = time.perf_counter()
    if screen.data is None and context.learner_id is not None:
        raise SystemExit("the progress screen did not load in 60 s")
    return (filled - t0) * 1000, (painted - t0) * 1000, screen


def longest_turn_ms(context) -> tuple[float, float]:
    """(wall ms, CPU ms) of the longest gaps between 1 ms timer ticks on the GUI thread,
    from before the screen is built (in the event loop, as the main window builds it) until
    SETTLE_MS after it is filled: its construction, each step of the fill, and the layout
    and paint they post all count (ticks that began only at the event loop, and ended with
    the fill, saw none of them). CPU: the GUI thread's own time in a gap."""
    ticks: list[tuple[float, float]] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    loop = QEventLoop()
    screens: list[ProgressScreen] = []

    def open_in_the_loop() -> None:
        context.bank_id = None
        assert WINDOW is not None
        screen = WINDOW.new_screen(context)
        screen.progress_loaded.connect(lambda: QTimer.singleShot(SETTLE_MS, loop.quit))
        screen.show()
        screen.refresh()
        screens.append(screen)

    timer.start()
    QTimer.singleShot(20, open_in_the_loop)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    timer.stop()
    for screen in screens:
        screen.close()
        screen.deleteLater()
    QApplication.processEvents()
    pairs = list(zip(ticks, ticks[1:], strict=False))
    wall = max(((b[0] - a[0]) * 1000 for a, b in pairs), default=0.0)
    cpu = max(((b[1] - a[1]) * 1000 for a, b in pairs), default=0.0)
    return wall, cpu


def median_runs(context, repeat: int, bank_id: str = ALL_BANKS) -> tuple[float, float]:
    filled, painted = [], []
    for _ in range(repeat):
        f, p, screen = open_screen(context, bank_id)
        filled.append(f)
        painted.append(p)
        screen.close()
        screen.deleteLater()
        QApplication.processEvents()
    return statistics.median(filled), statistics.median(painted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="store folder to reuse (built if missing)")
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    tmp = None
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-progress-")
        folder = Path(tmp.name)
    if not (folder / DB_NAME).exists():
        t = time.perf_counter()
        build(folder, args.answers, args.questions)
        print(f"built the store ({args.answers:,} answers) in {time.perf_counter() - t:.1f} s")
    bank = make_bank(args.questions)

    # The offscreen platform warns on every show; keep the table readable.
    qInstallMessageHandler(
        lambda _kind, _context, message: (
            None if "propagateSizeHints" in message else print(message, file=sys.stderr)
        )
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    global WINDOW
    WINDOW = AppWindow()
    store = Store.open(folder)
    settings_file = Path(tempfile.mkdtemp(prefix="bench-progress-settings-")) / "q.conf"
    context = AppContext(
        store=store,
        events=StoreEvents(store),
        library=OneBankLibrary(bank),
        settings=QSettings(str(settings_file), QSettings.Format.IniFormat),
    )
    learners = store.learners()
    busy = max(learners, key=lambda learner: store.time_spent(learner.id).answers)
    answers = store.time_spent(busy.id).answers
    empty = store.learner_by_name("Bench newcomer") or store.create_learner("Bench newcomer")

    # Warm-up: the first screen pays for imports, fonts and the chart module.
    context.learner_id = busy.id
    median_runs(context, 1)

    context.learner_id = empty.id
    base_filled, base_painted = median_runs(context, args.repeat)
    context.learner_id = busy.id
    all_filled, all_painted = median_runs(context, args.repeat)
    one_filled, one_painted = median_runs(context, args.repeat, bank.id)
    turns = [longest_turn_ms(context) for _ in range(args.repeat)]
    context.learner_id = empty.id
    base_turns = [longest_turn_ms(context) for _ in range(args.repeat)]

    print(
        f"store: {answers:,} answers for {busy.name}, {args.questions:,} questions; "
        f"median of {args.repeat} openings"
    )
    print(
        f"{'opening the progress screen':<44} {'filled ms':>10} {'painted ms':>11} {'x baseline':>11}"
    )
    rows = [
        ("baseline: learner with no answers", base_filled, base_painted),
        (f"{answers:,} answers, all banks", all_filled, all_painted),
        (f"{answers:,} answers, one bank selected", one_filled, one_painted),
    ]
    for name, filled, painted in rows:
        print(f"{name:<44} {filled:>10.1f} {painted:>11.1f} {painted / base_painted:>10.2f}x")
    print(f"{'longest GUI-thread turn, opening to painted':<44} {'median ms':>10} {'max ms':>11}"
          f" {'CPU median':>11} {'CPU max':>8}")
    for name, runs in (("baseline: learner with no answers", base_turns),
                       (f"{answers:,} answers, all banks", turns)):
        wall = [w for w, _ in runs]
        cpu = [c for _, c in runs]
        print(f"{name:<44} {statistics.median(wall):>10.1f} {max(wall):>11.1f}"
              f" {statistics.median(cpu):>11.1f} {max(cpu):>8.1f}")
    store.close()
    app.quit()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
