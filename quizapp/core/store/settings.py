"""Settings: small named values kept in the store (the last learner, sync marks, ...)."""

from __future__ import annotations

from quizapp.core.store.connection import Database


class Settings:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._db.read1("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else row[0]

    def set_setting(self, key: str, value: str | None) -> None:
        with self._db.write() as c:
            if value is None:
                c.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, str(value)),
                )
