"""A data folder the store cannot use says why in a learner's words: a file where the
folder should be, a read-only folder (permissions or read-only media)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.core.store import DB_NAME, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent


def test_a_data_folder_that_is_a_file_says_so(tmp_path):
    blocker = tmp_path / "quizapp-data"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker)
    message = str(caught.value)
    assert "is a file, not a folder" in message and "File exists" not in message
    assert blocker.read_text() == "x"


def _open_as_unprivileged(folder: Path) -> subprocess.CompletedProcess:
    """Store.open(folder) in a process that may not write in folder: the tests' own user,
    or, when they run as root (who may write anywhere), an unprivileged user of a user
    namespace of its own (util-linux `unshare`)."""
    as_user = ["unshare", "--map-user=65534", "--map-group=65534"] if os.geteuid() == 0 else []
    probe = subprocess.run([*as_user, "touch", str(folder / "probe")], capture_output=True)
    assert probe.returncode != 0  # the folder is read-only to the process
    code = (
        "import sys\n"
        "from quizapp.core.store import Store, StoreError\n"
        "try:\n"
        f"    Store.open({str(folder)!r})\n"
        "except StoreError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(1)\n"
    )
    return subprocess.run(
        [*as_user, sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        cwd=ROOT,
    )


@pytest.mark.parametrize("with_answers", [True, False])
def test_a_read_only_data_folder_says_it_is_read_only(tmp_path, with_answers):
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="quizapp-ro-"))  # reachable by any user
    try:
        if with_answers:
            with Store.open(folder) as store:
                store.create_learner("Ann")
        os.chmod(folder, 0o555)
        done = _open_as_unprivileged(folder)
        assert done.returncode == 1, done.stdout + done.stderr
        message = done.stdout
        assert f"The data folder {folder} is read-only" in message, message
        assert "--data-dir" in message and "other quizapp windows" not in message
        assert ("`quizapp results` can still export" in message) is with_answers
        names = sorted(p.name for p in folder.iterdir())
        assert names == ([DB_NAME] if with_answers else [])
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_a_full_disk_at_open_says_the_disk_is_full(tmp_path, monkeypatch):
    """On a full disk SQLite cannot make the WAL's shared-memory file and reports a "disk
    I/O error" (seen on a full 2 MB tmpfs); the learner is told the disk is full, not to
    close other windows. (The disk is reported full here; the open fails as it did there.)"""
    import shutil
    import sqlite3
    from collections import namedtuple

    import quizapp.core.store as store_module

    with Store.open(tmp_path) as store:
        store.create_learner("Ann")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # the open fails, as on the full disk
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(2 << 20, 2 << 20, 0))
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "cannot be opened: the disk is full: free some space" in str(caught.value)
    assert "other quizapp windows" not in str(caught.value)
