"""The step to store schema 14 (the cards copied into a new table) meeting a full disk or a
kill: the file stays as it was, at schema 13 with every card, the learner is told in plain
words, and the next start with room makes the step."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from store_samples import database_of_version

from quizapp.core.store import DB_NAME, SCHEMA_VERSION

CARDS = 3000


def _schema_13_store(path: Path) -> None:
    """A store as quizapp 13 left it, one learner with CARDS cards (enough rows that their
    copy needs pages of its own)."""
    conn = database_of_version(path, 13)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', '2025-05-01T09:00:00+00:00')")
    conn.executemany(
        "INSERT INTO cards VALUES (1, 'trade', ?, 7, 2, NULL, 3.5, 5.25,"
        " '2025-05-03T09:00:00.000000+00:00', '2025-05-01T09:00:00.000000+00:00', 2, 0)",
        [(f"question-{n:05d}",) for n in range(CARDS)],
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _version_and_cards(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("SELECT count(*) FROM cards").fetchone()[0])
    finally:
        conn.close()


_ON_A_SMALL_DISK = """
import json, shutil, sqlite3, subprocess, sys
from pathlib import Path
from quizapp.core.store import Store, StoreError

store, disk, room_k = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={room_k}k", "tmpfs", str(disk)], check=True)
shutil.copy(store, disk)


def version_and_cards():
    conn = sqlite3.connect(disk / store.name)
    try:
        return [conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("SELECT count(*) FROM cards").fetchone()[0]]
    finally:
        conn.close()


seen = {}
try:
    Store.open(disk).close()
except StoreError as refused:
    seen["refused"] = str(refused)
seen["full"] = version_and_cards()
seen["set_aside"] = sorted(p.name for p in disk.glob("*.bad*"))
subprocess.run(["mount", "-o", f"remount,size={room_k * 4}k", str(disk)], check=True)
with Store.open(disk) as again:
    seen["notice"] = again.recovery_message
seen["room"] = version_and_cards()
print(json.dumps(seen))
"""


def test_the_step_to_14_on_a_full_disk_says_the_disk_is_full_and_keeps_the_file(tmp_path):
    """A real full disk: a tmpfs in a mount namespace of the child's own (`unshare`), with
    room for the file and little more. SQLite ends the transaction itself when the disk
    fills at its commit; the step's ROLLBACK then failed ("cannot rollback - no transaction
    is active") and hid the cause: the learner was told to close other windows or check
    the folder's permissions."""
    path = tmp_path / DB_NAME
    _schema_13_store(path)
    disk = tmp_path / "disk"
    disk.mkdir()
    room_k = path.stat().st_size // 1024 + 64  # the file, its -shm, and a few pages
    child = subprocess.run(
        ["unshare", "--map-root-user", "--mount", sys.executable, "-c", _ON_A_SMALL_DISK,
         str(path), str(disk), str(room_k)],
        capture_output=True, text=True, timeout=120,
    )
    assert child.returncode == 0, child.stderr
    seen = json.loads(child.stdout)
    assert "disk is full" in seen["refused"], seen["refused"]
    assert "rollback" not in seen["refused"] and "permissions" not in seen["refused"]
    assert seen["full"] == [13, CARDS]
    assert seen["set_aside"] == []  # a full disk is no damage: nothing set aside
    assert seen["notice"] is None
    assert seen["room"] == [SCHEMA_VERSION, CARDS]
