"""The integrity check off the startup path: Store.open(defer_check=True) opens a file
without reading every page; check_integrity() finds damage later, keeps the file (in use,
untouched) and says so; the next start checks it before using it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bank_samples import FOUR_TAGGED as BANK
from store_samples import filled_database, garble_later_pages

import quizapp.core.store as store_module
from quizapp.core.store import DB_NAME, Store


def test_a_sound_file_passes_and_the_check_is_noted(tmp_path):
    filled_database(tmp_path)
    store = Store.open(tmp_path, defer_check=True)
    try:
        assert store.integrity_check_due()
        assert store.check_integrity() is None
        assert not (tmp_path / (DB_NAME + ".check")).exists()
        assert store.bank_summary(1, BANK).answers == 30 * len(BANK.questions)
    finally:
        store.close()


def test_damage_is_found_later_and_the_file_is_kept_in_use(tmp_path):
    damaged = garble_later_pages(tmp_path)
    # The same file opened the old way is set aside at once (a full check at open) ...
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / DB_NAME).write_bytes(damaged)
    eager = Store.open(copy)
    assert eager.recovery_message and "moved aside" in eager.recovery_message
    eager.close()
    # ... deferred, it opens as it is and the check says what it found.
    store = Store.open(tmp_path, defer_check=True)
    try:
        assert store.recovery_message is None
        notice = store.check_integrity()
        assert notice is not None and notice.title == "Your results file may be damaged"
        assert "kept" in notice.text and DB_NAME in notice.text
        assert notice.details and "malformed" in notice.details
        assert (tmp_path / (DB_NAME + ".check")).exists()
        assert (tmp_path / DB_NAME).exists()
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(DB_NAME + ".")) == [
            DB_NAME + ".check"
        ]  # nothing moved aside while the app runs
        assert store.learners()[0].name == "Ann"  # still in use
        assert store.integrity_check_due()  # the marker: check again
    finally:
        store.close()
    # The next start checks before using it, even deferred, and sets it aside untouched.
    again = Store.open(tmp_path, defer_check=True)
    try:
        assert again.recovery_message and "moved aside" in again.recovery_message
        moved = [p for p in tmp_path.iterdir() if p.name.endswith(".bad")]
        assert len(moved) == 1 and moved[0].stat().st_size >= len(damaged) // 2
    finally:
        again.close()


def test_big_files_are_checked_once_a_week(tmp_path, monkeypatch):
    filled_database(tmp_path)
    monkeypatch.setattr(store_module, "FULL_CHECK_MAX_BYTES", 1000)  # every file is "big"
    store = Store.open(tmp_path, defer_check=True)
    try:
        assert store.integrity_check_due()  # never checked
        assert store.check_integrity() is None
        now = datetime.now(UTC)
        assert not store.integrity_check_due(now + timedelta(days=6))
        assert store.integrity_check_due(now + store_module.FULL_CHECK_INTERVAL)
    finally:
        store.close()


def test_a_big_files_check_cut_short_is_tried_again_a_day_later(tmp_path, monkeypatch):
    """At 10,000,000 answers a check takes ~38 s; a learner who quits sooner must not pay
    for a new one at every start."""
    import sqlite3

    import quizapp.core.store.opening as opening

    filled_database(tmp_path)
    monkeypatch.setattr(store_module, "FULL_CHECK_MAX_BYTES", 1000)  # every file is "big"
    store = Store.open(tmp_path, defer_check=True)
    real_connect = sqlite3.connect

    def app_quit(*args, **kwargs):
        raise sqlite3.OperationalError("the app quit before the check could read the file")

    try:
        monkeypatch.setattr(opening.sqlite3, "connect", app_quit)
        assert store.check_integrity() is None  # begun, never finished
        monkeypatch.setattr(opening.sqlite3, "connect", real_connect)
        now = datetime.now(UTC)
        assert not store.integrity_check_due(now + timedelta(hours=23))
        assert store.integrity_check_due(now + store_module.CHECK_RETRY_INTERVAL)
        assert store.check_integrity() is None  # a whole, sound check
        sound = datetime.now(UTC)
        assert not store.integrity_check_due(sound + timedelta(days=6))
        assert store.integrity_check_due(sound + store_module.FULL_CHECK_INTERVAL)
    finally:
        store.close()
