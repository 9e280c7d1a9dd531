"""File > Export's conversion, run in a process of its own:

    python -m quizapp.interop.export_process BANK.yaml TARGET [VERSIONS [FORMAT]]

loads the bank and writes TARGET as `quizapp export BANK.yaml -o TARGET [--versions N]
[--format FORMAT]` does (export_counting, the format from TARGET's ending unless named),
then prints one line of JSON on stdout:
{"warnings": [...], "written": N} or, when nothing was written, {"error": ..., "errno": N or
null}. A SIGTERM (File > Export's Cancel) stops it with nothing written: the file is written
through a temporary one that a stop removes (core/atomic.py).

Not a thread of the app: Qt keeps Python's lock through each of its calls, and the PDF's
calls run long (QTextDocument.setHtml of a 400-question paper holds it ~100 ms, of 10,000
questions for seconds), so a thread exporting stalled the window as much as the export did.
A process shares no lock with the window; it can be stopped at once, and ended at quit.
"""

from __future__ import annotations

import json
import signal
import sys


def _stop(signum, frame) -> None:
    raise SystemExit(2)  # unwinds through the file's writing: the temporary file goes


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _stop)
    bank_path, target, *rest = argv
    versions = int(rest[0]) if rest else 1  # of a PDF paper (the window asked)
    fmt = rest[1] if len(rest) > 1 else None  # the save dialog's type, when the name can't say
    from quizapp.core.loader import load_bank
    from quizapp.interop import export_counting

    try:
        result = load_bank(bank_path)
        if result.bank is None:
            errors = [p.format() for p in result.errors]
            raise ValueError(f"{bank_path} has errors; check it with `quizapp validate`: "
                             + "; ".join(errors[:3]))
        warnings, written = export_counting(result.bank, target, fmt, versions=versions)
    except OSError as exc:
        print(json.dumps({"error": exc.strerror or str(exc), "errno": exc.errno}))
        return 1
    except Exception as exc:  # said to the teacher in the window, never a traceback
        print(json.dumps({"error": str(exc), "errno": None}))
        return 1
    print(json.dumps({"warnings": warnings, "written": written}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
