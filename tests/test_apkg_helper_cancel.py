"""File > Export's Cancel (a SIGTERM to its export process, quizapp/interop/export_process.py)
while the .apkg export's helper process works: the helper ends with it, is waited for (no
process left, running or a zombie), and no file is written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import wait_until

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_big_bank import make_bank  # noqa: E402

# export_process as File > Export runs it, with the helper as if a core were free
_EXPORT = ("import sys; import quizapp.interop.apkg_collection as rows;"
           " rows._core_free = lambda: True;"
           " from quizapp.interop import export_process;"
           " sys.exit(export_process.main(sys.argv[1:]))")


def _export_command(tmp_path: Path, script: str, questions: int) -> tuple[list[str], dict,
                                                                          Path]:
    """The export process `script` runs as File > Export would, of a bank of `questions`,
    its environment, and the empty folder it exports into."""
    bank = tmp_path / "big.yaml"
    bank.write_text(make_bank(questions), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return ([sys.executable, "-c", script, str(bank), str(out / "deck.apkg")],
            {**os.environ, "QUIZAPP_DATA_DIR": str(tmp_path / "data")}, out)


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(sys.platform != "linux", reason="finds the helper's pid in /proc")
def test_cancel_ends_the_helper_and_writes_nothing(tmp_path):
    command, env, out = _export_command(tmp_path, _EXPORT, 20_000)
    export = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        wait_until(lambda: bool(_children(export.pid)) or export.poll() is not None, 120)
        (helper,) = _children(export.pid)  # the export is making its notes
        export.send_signal(signal.SIGTERM)
        assert export.wait(timeout=60) == 2  # stopped, as export_process says
    finally:
        if export.poll() is None:
            export.kill()
            export.wait()
    assert not Path(f"/proc/{helper}").exists()  # ended and waited for by the export
    assert list(out.iterdir()) == []  # no package, no temporary file


# The Cancel comes at the worst moment: as the helper has just been started, before the
# export holds it (a SIGTERM sent by the export to itself the moment the helper is there)
_CANCELLED_AS_IT_STARTS = """
import os, signal, sys
import quizapp.interop.apkg_collection as rows
from quizapp.interop import export_process
rows._core_free = lambda: True
start = rows._start_helper

def start_then_cancel():
    helper = start()
    print(helper.pid, flush=True)
    os.kill(os.getpid(), signal.SIGTERM)
    return helper

rows._start_helper = start_then_cancel
sys.exit(export_process.main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="looks for the helper in /proc")
def test_a_cancel_as_the_helper_starts_still_ends_it(tmp_path):
    command, env, out = _export_command(tmp_path, _CANCELLED_AS_IT_STARTS, 6_000)
    export = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert export.returncode == 2, export.stderr  # stopped, as export_process says
    helper = int(export.stdout.split()[0])
    # ended and waited for (where no init reaps orphans, as in a container, one left
    # behind stays a zombie)
    assert not Path(f"/proc/{helper}").exists()
    assert list(out.iterdir()) == []
