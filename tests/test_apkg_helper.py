"""A big bank's .apkg export: its collection made by the helper process on another core
(apkg_rows.py) is the one this process makes, byte for byte, and a helper that cannot start,
dies, or answers nonsense costs nothing but the time: the export makes it itself."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import wait_until

from quizapp.core.loader import load_bank
from quizapp.interop import apkg, apkg_collection, export_counting

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_big_bank import make_bank  # noqa: E402

QUESTIONS = 1_300  # three batches of rows and part of a fourth (apkg_collection._BATCH)


@pytest.fixture(scope="module")
def big_bank(tmp_path_factory):
    path = tmp_path_factory.mktemp("bank") / "big.yaml"
    path.write_text(make_bank(QUESTIONS), encoding="utf-8")
    return load_bank(path, use_cache=False).raise_for_errors()


@pytest.fixture
def helpers_made(monkeypatch):
    """The export as if a core were free and the bank big enough, and what each helper
    gave back (None: the export made the collection itself)."""
    monkeypatch.setattr("time.time", lambda: 1_760_000_000.25)  # the same ids and zip
    monkeypatch.setattr(apkg_collection, "_core_free", lambda: True)
    monkeypatch.setattr(apkg_collection, "HELPER_MIN_NOTES", QUESTIONS)
    made: list[bytes | None] = []
    original = apkg_collection.NoteRows._helper_collection

    def recorded(self):
        made.append(original(self))
        return made[-1]

    monkeypatch.setattr(apkg_collection.NoteRows, "_helper_collection", recorded)
    return made


def _in_one_process(bank, monkeypatch, legacy=False) -> bytes:
    with monkeypatch.context() as m:
        m.setattr(apkg_collection, "HELPER_MIN_NOTES", len(bank.questions) + 1)
        return apkg.apkg_bytes(bank, legacy=legacy)[0]


@pytest.mark.parametrize("legacy", [False, True])
def test_the_helpers_package_is_the_one_made_here(big_bank, helpers_made, monkeypatch,
                                                  legacy):
    by_helper, _ = apkg.apkg_bytes(big_bank, legacy=legacy)
    assert len(helpers_made) == 1 and helpers_made[0] is not None  # the helper's own
    assert by_helper == _in_one_process(big_bank, monkeypatch, legacy)


def test_a_small_bank_or_a_busy_machine_starts_no_helper(big_bank, monkeypatch):
    started = []
    monkeypatch.setattr(apkg_collection, "_start_helper", lambda: started.append(1))
    monkeypatch.setattr(apkg_collection, "_core_free", lambda: True)
    apkg.apkg_bytes(big_bank)  # as shipped: 1,300 notes are too few to pay for it
    monkeypatch.setattr(apkg_collection, "HELPER_MIN_NOTES", 1)
    monkeypatch.setattr(apkg_collection, "_core_free", lambda: False)
    apkg.apkg_bytes(big_bank)
    assert started == []


def _stand_in(code: str):
    """A helper that is not apkg_rows: this Python running `code`."""
    def start():
        return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
    return start


@pytest.mark.parametrize("code", [
    "pass",  # ends at once: the rows meet a closed pipe
    "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write(b'nonsense')",
    "import os; os._exit(3)",
    # reads everything, answers FAILED as apkg_rows does when SQLite refuses
    "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write((6).to_bytes(8, 'little')"
    " + b'f' + b'Error!')",
    # a collection cut short (it died while answering), and one that says it is 2**60 bytes
    "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write((10**6).to_bytes(8,"
    " 'little') + b'd' + b'SQLite format 3')",
    "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write((2**60).to_bytes(8,"
    " 'little') + b'd' + b'SQLite format 3')",
])
def test_a_helper_that_fails_leaves_the_export_to_this_process(big_bank, helpers_made,
                                                               monkeypatch, tmp_path, code):
    monkeypatch.setattr(apkg_collection, "_start_helper", _stand_in(code))
    out = tmp_path / "deck.apkg"
    warnings, written = export_counting(big_bank, out, "apkg")
    assert written == QUESTIONS
    assert warnings == apkg.apkg_bytes(big_bank)[1]  # what the bank loses in Anki, only
    # (a helper that died at once is not asked)
    assert all(made is None for made in helpers_made)
    assert out.read_bytes() == _in_one_process(big_bank, monkeypatch)


def test_a_helper_that_cannot_start(big_bank, helpers_made, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(Path(__file__).parent / "no-such-python"))
    assert apkg.apkg_bytes(big_bank)[0] == _in_one_process(big_bank, monkeypatch)
    assert helpers_made == []  # none started, none asked


def test_an_export_that_fails_ends_its_helper(big_bank, helpers_made, monkeypatch):
    started = []
    start = apkg_collection._start_helper

    def recorded_start():
        started.append(start())
        return started[-1]

    monkeypatch.setattr(apkg_collection, "_start_helper", recorded_start)
    card_sides = apkg._card_sides
    calls = []

    def fails_late(*args):
        calls.append(1)
        if len(calls) == 1_000:  # after the helper had two batches
            raise OSError("the disk went away")
        return card_sides(*args)

    monkeypatch.setattr(apkg, "_card_sides", fails_late)
    with pytest.raises(OSError, match="the disk went away"):
        apkg.apkg_bytes(big_bank)
    assert len(started) == 1 and started[0] is not None
    assert started[0].returncode is not None  # ended and waited for: no process left


def test_a_helper_that_dies_before_the_end_leaves_the_export_to_this_process(
        big_bank, helpers_made, monkeypatch, caplog):
    """Killed after the last batch of rows, before it is told to end (out of memory, say):
    the end meets a closed pipe, and the export makes the collection itself."""
    send = apkg_collection.NoteRows._send

    def killed_before_the_end(self, request):
        if request[0] == "end":
            self._helper.kill()
            self._helper.wait()
        send(self, request)

    monkeypatch.setattr(apkg_collection.NoteRows, "_send", killed_before_the_end)
    assert apkg.apkg_bytes(big_bank)[0] == _in_one_process(big_bank, monkeypatch)
    assert helpers_made == []  # (not asked: it was gone)
    assert "helper process ended early" in caplog.text


def test_why_a_helper_failed_is_logged(big_bank, helpers_made, monkeypatch, caplog):
    monkeypatch.setattr(apkg_collection, "_start_helper", _stand_in(
        "import sys; sys.stdin.buffer.read(); why = b'OperationalError: x';"
        " sys.stdout.buffer.write(len(why).to_bytes(8, 'little') + b'f' + why)"))
    apkg.apkg_bytes(big_bank)
    assert helpers_made == [None]
    assert "helper process failed (OperationalError: x)" in caplog.text


@pytest.mark.parametrize(("cores", "load", "room"), [
    (1, 0.0, False), (2, 0.0, False), (3, 0.1, False),  # the other core is seldom free
    (4, 2.0, True), (4, 2.5, False), (8, 5.9, True), (8, 7.0, False),
    (4, None, True), (2, None, False),  # load not known (Windows)
])
def test_room_for_the_helper(monkeypatch, cores, load, room):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    if load is None:
        monkeypatch.delattr("os.getloadavg")
    else:
        monkeypatch.setattr("os.getloadavg", lambda: (load, load, load))
    assert apkg_collection._core_free() is room


@pytest.mark.skipif(sys.platform != "linux", reason="reads the helper's signal mask in /proc")
def test_the_helper_takes_a_sigterm_though_started_with_it_held():
    """The export holds SIGTERM back while the helper starts (_cancel_held); a child
    inherits that, so the helper takes it again itself, or a stop sent to it would wait."""
    with apkg_collection._cancel_held():
        helper = apkg_collection._start_helper()
    assert helper is not None
    try:
        status = Path(f"/proc/{helper.pid}/status")

        def sigterm_blocked() -> bool:
            mask = next(line for line in status.read_text().splitlines()
                        if line.startswith("SigBlk:"))
            return bool(int(mask.split()[1], 16) & 1 << (signal.SIGTERM - 1))

        wait_until(lambda: not sigterm_blocked(), 30)
        helper.terminate()
        assert helper.wait(timeout=30) == -signal.SIGTERM
    finally:
        helper.kill()
        helper.wait()
        for pipe in (helper.stdin, helper.stdout):
            pipe.close()


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
def test_the_cancel_is_taken_again_after_the_helper_starts_even_when_the_start_fails():
    def held() -> bool:
        return signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, [])

    assert not held()
    with apkg_collection._cancel_held():
        assert held()
    assert not held()
    with pytest.raises(OSError), apkg_collection._cancel_held():
        raise OSError("no process")
    assert not held()
