"""The GUI thread's time to show a big picture in a label (set the text, lay out, paint),
three ways timed alternately in one process, so that the machine's load meets all alike.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_big_picture.py
        [--side 8000] [--repeat 9]

The picture is a one-colour PNG of `--side` x `--side` pixels (8,000: 200 KB, within
every limit a bank's picture has):
  - the file's URL: the <img src="file:..." width="560"> the app gave Qt until hostile18,
    which Qt decoded whole on the GUI thread at each showing;
  - prepared: set_safe_markdown as now, the picture decoded once on a worker thread at
    the size it is drawn (rendering/pictures.py), shown from what it kept;
  - no picture: the same label with the text alone (the floor).
It prints medians and their ratios to "no picture", and the first showing's time (the
picture then shows as loading). Then the first showing of a picture in a cloze's text and
on the results page (a new file each time, so never one decoded before): its words built
waiting for the picture, as both did until export19, against asking for it aside as they
do now. It asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from quizapp.gui.markdown import set_safe_markdown  # noqa: E402
from quizapp.rendering.pictures import preparer  # noqa: E402


def _shown(label: QLabel, show) -> float:
    start = time.perf_counter()
    show()
    label.adjustSize()
    label.grab()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    image = QImage(args.side, args.side, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(folder / "big.png"))
    del image
    size_kb = (folder / "big.png").stat().st_size / 1024
    label = QLabel()
    label.show()
    url = QUrl.fromLocalFile(str(folder / "big.png")).toString()
    first = _shown(label, lambda: set_safe_markdown(label, "Look: ![a wall](big.png)", folder))
    if "loading picture" in label.text():
        loop = QEventLoop()
        preparer().prepared.connect(lambda _key: QTimer.singleShot(0, loop.quit))
        loop.exec()
    # A label for each way, so that none pays for freeing what another showed before it
    # (the file's URL leaves 256 MB of decoded pixels in its label).
    labels = {name: QLabel() for name in ("no picture", "the file's URL", "prepared")}
    for each in labels.values():
        each.show()
    ways = {
        "no picture": lambda n, shown: shown.setText(f"<p>Look {n}</p>"),
        "the file's URL": lambda n, shown: shown.setText(
            f'<p>Look {n}: <img src="{url}" width="560" height="560"></p>'),
        "prepared": lambda n, shown: set_safe_markdown(
            shown, f"Look {n}: ![a wall](big.png)", folder),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for n in range(args.repeat):
        for name, way in ways.items():
            shown = labels[name]
            times[name].append(_shown(shown, lambda way=way, n=n, shown=shown: way(n, shown)))
    floor = statistics.median(times["no picture"])
    print(f"{args.side} x {args.side} PNG, {size_kb:,.0f} KB; first showing (prepared, "
          f"shown as loading): {first:.1f} ms")
    for name, taken in times.items():
        median = statistics.median(taken)
        print(f"  {name:15} median {median:8.1f} ms  {median / floor:7.1f}x no picture")
    first_showings(folder, args.side, args.repeat)
    app.processEvents()


def first_showings(folder: Path, side: int, repeat: int) -> None:
    """A cloze's words and a results page's row, with a picture shown for the first time."""
    from quizapp.core.kinds.cloze import Cloze
    from quizapp.gui.results_screen import bank_html
    from quizapp.rendering.cloze_words import cloze_pieces

    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    ways = {
        "cloze, waiting": lambda name: cloze_pieces(
            Cloze(id="c", prompt="", text=f"The {{{{dam}}}} ![a dam]({name}) stands.").segments(),
            folder),
        "cloze, aside": lambda name: cloze_pieces(
            Cloze(id="c", prompt="", text=f"The {{{{dam}}}} ![a dam]({name}) stands.").segments(),
            folder, []),
        "results, waiting": lambda name: bank_html(f"See ![a dam]({name}).", folder),
        "results, aside": lambda name: bank_html(f"See ![a dam]({name}).", folder, []),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for n in range(repeat):
        for way_name, way in ways.items():
            name = f"first-{n}-{len(times[way_name])}-{way_name[:5]}.png"
            image.save(str(folder / name))
            start = time.perf_counter()
            way(name)
            times[way_name].append((time.perf_counter() - start) * 1000)
    print(f"first showing of a {side} x {side} PNG on the GUI thread:")
    for kind in ("cloze", "results"):
        waiting = statistics.median(times[f"{kind}, waiting"])
        aside = statistics.median(times[f"{kind}, aside"])
        print(f"  {kind:8} waiting for it {waiting:8.1f} ms  asked aside {aside:6.1f} ms  "
              f"({aside / waiting:.3f}x)")


if __name__ == "__main__":
    main()
