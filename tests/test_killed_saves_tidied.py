"""A file saved through a temporary file and a rename (core/atomic: the editor's bank save,
`quizapp export`, `quizapp import -o`) and killed before its rename leaves the earlier
file whole, and a hidden `.quizapp-save-h<computer>-<pid>-….tmp` beside it, as big as what was
written. The next save in that folder removes it once its process is gone; a save still
being written by a live process is never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from quizapp.authoring.document import BankDocument
from quizapp.cli import main

BANK = textwrap.dedent(
    """\
    id: trade
    title: Trade talks
    questions:
      - id: q1
        type: true_false
        prompt: The talks were about cars and car parts.
        answer: true
    """
)

# The child writes the file through quizapp's own command, and stops for good just before
# the rename (at the fsync of the finished temporary file), where the parent kills it.
STOPS_BEFORE_THE_RENAME = textwrap.dedent(
    """
    import os, sys, threading
    from quizapp.cli import main

    def stop_here(fd):
        print("written", flush=True)
        threading.Event().wait()  # until the parent kills us here

    os.fsync = stop_here
    main(sys.argv[1:])
    """
)


def _stopped_writer(*args: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", STOPS_BEFORE_THE_RENAME, *args],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "written"
    return child


def _killed(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def _left(folder: Path, pid: int) -> list[Path]:
    return list(folder.glob(f".quizapp-save-h*-{pid}-*"))


def test_an_export_killed_before_its_rename_is_tidied_by_the_next_export(tmp_path, capsys):
    bank = tmp_path / "trade.yaml"
    bank.write_text(BANK, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(bank), "-o", str(out / "trade.gift"), "-q"]) == 0
    earlier = (out / "trade.gift").read_bytes()

    child = _stopped_writer("export", str(bank), "-o", str(out / "trade.gift"), "--force", "-q")
    _killed(child)
    assert (out / "trade.gift").read_bytes() == earlier  # the earlier file, whole
    (left,) = _left(out, child.pid)
    assert left.read_bytes() == earlier

    assert main(["export", str(bank), "-o", str(out / "trade.xml"), "-q"]) == 0
    assert not left.exists()
    assert sorted(p.name for p in out.iterdir()) == ["trade.gift", "trade.xml"]


def test_a_bank_save_beside_a_killed_one_tidies_it_and_keeps_a_live_ones(tmp_path):
    bank = tmp_path / "trade.yaml"
    bank.write_text(BANK, encoding="utf-8")
    live = _stopped_writer("export", str(bank), "-o", str(tmp_path / "other.yaml"), "-q")
    try:
        killed = _stopped_writer("export", str(bank), "-o", str(tmp_path / "copy.yaml"), "-q")
        _killed(killed)
        (killed_temp,) = _left(tmp_path, killed.pid)
        (live_temp,) = _left(tmp_path, live.pid)
        document = BankDocument.open(bank)
        document.save()  # the editor's save
        assert not killed_temp.exists()
        assert live_temp.exists()  # still being written: never removed
    finally:
        _killed(live)
    assert bank.read_text(encoding="utf-8") == BANK


def test_another_computers_save_in_a_shared_folder_is_never_removed(tmp_path):
    """A bank folder on a network drive: a save another computer is making has a process
    id this computer cannot see, and is left alone."""
    bank = tmp_path / "trade.yaml"
    bank.write_text(BANK, encoding="utf-8")
    # As this version names it there (its computer's tag), and as an older quizapp did:
    # neither process id is running here.
    elsewhere = [tmp_path / ".quizapp-save-h0badc0de-4194000-x1y2z3.tmp",
                 tmp_path / ".quizapp-save-4194001-a1b2c3.tmp"]
    for save in elsewhere:
        save.write_bytes(b"another computer's save, half written")
    BankDocument.open(bank).save()
    assert main(["results", "--data-dir", str(tmp_path / "data"),
                 "-o", str(tmp_path / "results.csv")]) == 0  # results -o tidied them too
    assert all(save.exists() for save in elsewhere)
