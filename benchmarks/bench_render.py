"""How long a question with a very long prompt takes to appear, against a short one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_render.py [--repeat 5] [--before]

One run = build the question widget for a true/false question whose prompt has N
characters of Markdown, show it and let Qt lay it out and paint (processEvents), then
resize it once (a second layout). Medians in ms and ratios to the baseline, a
1,000-character prompt measured in the same run. Past MARKDOWN_RENDER_LIMIT characters
the app shows plain text in short paragraphs; --before also times the same prompts
rendered as Markdown, as the app did before (a 1 MB prompt: seconds). It asserts
nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from quizapp.core.model import TrueFalse  # noqa: E402
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT  # noqa: E402
from quizapp.gui import markdown, question_widgets  # noqa: E402
from quizapp.rendering import markdown as rendering  # noqa: E402

WORDS = "The **voluntary** purchase agreements spell out purchases of U.S.-made parts. "
SIZES = (1_000, MARKDOWN_RENDER_LIMIT, 100_000, 1_000_000)


def once(app: QApplication, length: int) -> tuple[float, float]:
    prompt = (WORDS * (length // len(WORDS) + 1))[:length]
    question = TrueFalse(id="t", prompt=prompt, answer=True)
    start = time.perf_counter()
    widget = question_widgets.widget_for(question)
    widget.resize(800, 600)
    widget.show()
    app.processEvents()
    shown = time.perf_counter() - start
    start = time.perf_counter()
    widget.resize(700, 600)
    app.processEvents()
    resized = time.perf_counter() - start
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return shown * 1000, resized * 1000


def measure(app: QApplication, repeat: int, label: str, sizes=SIZES) -> None:
    once(app, 1_000)  # warm up fonts and Qt's Markdown parser
    baseline = statistics.median(once(app, 1_000)[0] for _ in range(repeat))
    print(f"{label}: baseline (1,000 characters) {baseline:.1f} ms")
    for length in sizes:
        runs = [once(app, length) for _ in range(repeat)]
        shown = statistics.median(r[0] for r in runs)
        resized = statistics.median(r[1] for r in runs)
        print(
            f"  {length:>9,} characters: shown in {shown:8.1f} ms ({shown / baseline:5.1f}x), "
            f"relaid out in {resized:7.1f} ms ({resized / baseline:5.2f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before", action="store_true", help="also time Markdown rendering")
    args = parser.parse_args()
    qInstallMessageHandler(lambda *_: None)  # the offscreen plugin's notes
    app = QApplication([])
    measure(app, args.repeat, "now")
    if args.before:
        # What the app did before: every prompt parsed and laid out as Markdown.
        never_long = lambda _text: False  # noqa: E731
        question_widgets.base.is_long = markdown.is_long = rendering.is_long = never_long
        measure(app, 1, "before (Markdown at any length, one run each)")


if __name__ == "__main__":
    main()
