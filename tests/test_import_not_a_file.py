"""`quizapp import` (and File > Import, which reads through the same import_with_media)
given something that is not a saved file says so at once (found by a tester): a named pipe
called quiz.gift, quiz.xml or deck.apkg blocked the import forever, waiting for a writer
that never came, and the Anki one was called "no such file"; a device (here /dev/null,
linked as a .gift) was read as if it were a file."""

from __future__ import annotations

import os

import pytest

from quizapp.cli import main
from quizapp.interop import InteropError, import_with_media

NOT_A_FILE = "is not a regular file (a pipe or a device); save the questions in a file and import that"


@pytest.mark.timeout(30)  # before the fix the pipe blocked the import for ever
@pytest.mark.parametrize("name", ["quiz.gift", "quiz.xml", "quiz.txt", "deck.apkg", "deck.colpkg"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    with pytest.raises(InteropError) as refused:
        import_with_media(pipe)
    assert str(refused.value) == f"{pipe}: this {NOT_A_FILE}"


@pytest.mark.timeout(30)
def test_the_command_says_a_pipe_is_no_file_and_writes_no_bank(tmp_path, capsys):
    pipe = tmp_path / "quiz.gift"
    os.mkfifo(pipe)
    out = tmp_path / "bank.yaml"
    assert main(["import", str(pipe), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"quizapp import: error: {pipe}: this {NOT_A_FILE}\n"
    assert not out.exists()


def test_a_device_linked_as_a_gift_file_is_refused(tmp_path):
    device = tmp_path / "empty.gift"
    device.symlink_to("/dev/null")
    with pytest.raises(InteropError) as refused:
        import_with_media(device)
    assert str(refused.value) == f"{device}: this {NOT_A_FILE}"
