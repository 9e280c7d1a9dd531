"""What each startup trick buys: the app started as usual against the app with one trick
taken away, as whole processes, interleaved in the same run.

    .venv/bin/python benchmarks/bench_startup_tricks.py            # 11 runs each, offscreen
    .venv/bin/python benchmarks/bench_startup_tricks.py --runs 21 --answers 100000

The tricks (quizapp/gui/app.py and quizapp/gui/main_window.py) and how each is taken away
here, by a small wrapper that changes nothing in the app's files:

- "gc": the cycle collector is off until the window is painted and idle, then what
  startup built is frozen (gc.freeze). Taken away: gc.disable and gc.freeze do nothing.
- "core before Qt": the core modules startup uses are imported before PySide6, which
  otherwise reads the source of every module imported after it. Taken away: PySide6's
  widgets are imported first.
- "lazy imports": the editor, the exporters and importers, the PDF writer, the class
  server, the charts, html's entity table and the study counts come in only when first
  used. Taken away: they are imported before the app starts.
- "PySide's source scan": PySide reads the source of each module an import statement
  names after it is loaded, looking for the word PySide6; quizapp answers for its own
  modules and the standard library's without reading them
  (gui/app.py: _skip_pyside_source_scan). Taken away: that function does nothing.
- "argparse": the app's own options spelled in full are read without building the
  argparse parser (cli.py: _plain_app_arguments). Taken away: argparse reads them.

The answer each prints is the median time to a usable window (quizapp --exit-when-ready,
see bench_startup.py) and its ratio to the app as shipped, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import time_command  # noqa: E402

WRAPPER = r"""
import sys
variant = sys.argv.pop(1)
if variant == "no-gc-trick":
    import gc
    gc.disable = lambda: None
    gc.freeze = lambda: None
elif variant == "qt-first":
    import PySide6.QtWidgets  # noqa: F401
elif variant == "eager-imports":
    import importlib
    for name in LAZY_MODULES:
        importlib.import_module(name)
elif variant == "pyside-scans":
    import quizapp.gui.app
    quizapp.gui.app._skip_pyside_source_scan = lambda: None
elif variant == "argparse":
    import quizapp.cli
    quizapp.cli._plain_app_arguments = lambda argv: None
from quizapp.cli import main
sys.exit(main())
"""

# Modules the app imports only on first use (checked to exist at the start of a run).
LAZY_MODULES = [
    "quizapp.gui.editor.window",
    "quizapp.interop",
    "quizapp.interop.pdf",
    "quizapp.interop.apkg",
    "quizapp.interop.moodle_xml",
    "quizapp.interop.gift",
    "quizapp.interop.anki_import",
    "quizapp.server.sync",
    "quizapp.gui.charts",
    "quizapp.gui.progress_screen",
    "quizapp.gui.teacher_screen",
    "html",
    "quizapp.core.bank_counts",
]

VARIANTS = ["as shipped", "no-gc-trick", "qt-first", "eager-imports", "pyside-scans", "argparse"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--answers", type=int, default=0,
                        help="a store of this many answers (bench_store.build)")
    args = parser.parse_args()

    import importlib.util

    lazy = [name for name in LAZY_MODULES if importlib.util.find_spec(name) is not None]
    work = Path(tempfile.mkdtemp(prefix="quizapp-tricks-"))
    try:
        env = dict(os.environ)
        env.update(QT_QPA_PLATFORM=args.platform, QUIZAPP_DATA_DIR=str(work / "data"),
                   QUIZAPP_CACHE_DIR=str(work / "cache"), XDG_CONFIG_HOME=str(work / "config"),
                   PYTHONPYCACHEPREFIX=str(work / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        from quizapp.core.store import Store

        if args.answers:
            from bench_store import build

            (work / "data").mkdir()
            build(work / "data", args.answers, 10_000)
            store = Store.open(work / "data")
            store.set_last_learner(store.learners()[0].id)
        else:
            store = Store.open(work / "data")
            store.set_last_learner(store.create_learner("Bench").id)
        store.close()
        wrapper = work / "wrapper.py"
        wrapper.write_text(f"LAZY_MODULES = {lazy!r}\n{WRAPPER}", encoding="utf-8")

        def command(variant: str) -> list[str]:
            return [sys.executable, str(wrapper), variant, "--exit-when-ready"]

        for variant in VARIANTS:  # warm the bank cache, the bytecode cache and the OS cache
            time_command(command(variant), env)
        times: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for _ in range(args.runs):
            for variant in VARIANTS:
                times[variant].append(time_command(command(variant), env))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    shipped = statistics.median(times["as shipped"])
    print(f"platform {args.platform}, {args.runs} runs each, interleaved; "
          f"store of {args.answers} answers")
    for variant in VARIANTS:
        median = statistics.median(times[variant])
        print(f"{variant:14}: median {median * 1000:7.1f} ms  {median / shipped:.2f}x  "
              f"(the trick buys {1000 * (median - shipped):+.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
