"""Learners: who studies on this computer. Deleting a learner deletes everything of theirs
(sessions, answers, cards, reviews, statistics, sign-in): the one exception to "answers are
never deleted", and only at the learner's own request."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.connection import Database
from quizapp.core.store.errors import NameRefused
from quizapp.core.store.schema import MAX_NAME_LENGTH
from quizapp.core.store.settings import Settings
from quizapp.core.store.values import _ts

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.learner import Learner


class Learners:
    def __init__(self, db: Database, caches: StoreCaches, settings: Settings) -> None:
        self._db = db
        self._caches = caches
        self._settings = settings

    @staticmethod
    def _clean_name(name: str) -> str:
        """The name to store, or NameRefused saying why not (empty, invisible, too long)."""
        from quizapp.core.learner_names import clean_name

        try:
            return clean_name(name, MAX_NAME_LENGTH)
        except ValueError as refused:
            raise NameRefused(str(refused)) from None

    def _refuse_look_alike(self, name: str, learner_id: int | None = None) -> None:
        """NameRefused if another learner's name looks the same (core/learner_names.py)."""
        from quizapp.core.learner_names import look_alike, look_alike_message

        others = (n for i, n in self._db.read("SELECT id, name FROM learners") if i != learner_id)
        existing = look_alike(name, others)
        if existing is not None:
            raise NameRefused(look_alike_message(name, existing))

    def learners(self) -> list[Learner]:
        from quizapp.core.learner import Learner

        return [
            Learner(i, n, datetime.fromisoformat(c))
            for i, n, c in self._db.read("SELECT id, name, created FROM learners ORDER BY name, id")
        ]

    def learner(self, learner_id: int) -> Learner | None:
        from quizapp.core.learner import Learner

        row = self._db.read1("SELECT id, name, created FROM learners WHERE id = ?", (learner_id,))
        return None if row is None else Learner(row[0], row[1], datetime.fromisoformat(row[2]))

    def learner_by_name(self, name: str) -> Learner | None:
        import unicodedata

        from quizapp.core.learner import Learner

        row = self._db.read1(
            "SELECT id, name, created FROM learners WHERE name = ?",
            (unicodedata.normalize("NFC", " ".join(name.split())),),  # stored as NFC
        )
        return None if row is None else Learner(row[0], row[1], datetime.fromisoformat(row[2]))

    def create_learner(self, name: str) -> Learner:
        from quizapp.core.learner import Learner

        name = self._clean_name(name)
        self._refuse_look_alike(name)
        created = datetime.now(UTC)
        try:
            with self._db.write() as c:
                cur = c.execute(
                    "INSERT INTO learners(name, created) VALUES (?, ?)", (name, _ts(created))
                )
                learner_id = cur.lastrowid
                assert learner_id is not None  # a row was inserted
        except sqlite3.IntegrityError:
            raise NameRefused(f'There is already a learner called "{name}".') from None
        return Learner(learner_id, name, datetime.fromisoformat(_ts(created)))

    def rename_learner(self, learner_id: int, name: str) -> None:
        name = self._clean_name(name)
        self._refuse_look_alike(name, learner_id)
        try:
            with self._db.write() as c:
                cur = c.execute("UPDATE learners SET name = ? WHERE id = ?", (name, learner_id))
                if cur.rowcount == 0:
                    raise ValueError("This learner no longer exists.")
        except sqlite3.IntegrityError:
            raise NameRefused(f'There is already a learner called "{name}".') from None

    def delete_learner(self, learner_id: int) -> None:
        """Delete the learner with all their sessions, answers, cards and statistics."""
        from quizapp.core.store.catch_up import after_deleting_answers_within, catch_up_within

        with self._db.write() as c:
            catch_up_within(c)
            c.execute("DELETE FROM learners WHERE id = ?", (learner_id,))
            after_deleting_answers_within(c)
            c.execute(
                "DELETE FROM settings WHERE key = 'last_learner' AND value = ?",
                (str(learner_id),),
            )
            # Their class server sign-in and sync marks go too: SQLite may give the next
            # new learner the same id, who must not inherit the sign-in.
            c.execute(
                "DELETE FROM settings WHERE key LIKE ? OR (key LIKE 'server.%' AND key LIKE ?)",
                (f"sync.{int(learner_id)}.%", f"%.{int(learner_id)}"),
            )
        keys = self._caches.session_keys
        for session_id in [k for k, v in keys.items() if v[0] == learner_id]:
            del keys[session_id]

    def last_learner(self) -> Learner | None:
        value = self._settings.get_setting("last_learner")
        if value is None or not value.isdigit():
            return None
        return self.learner(int(value))

    def set_last_learner(self, learner_id: int) -> None:
        self._settings.set_setting("last_learner", str(int(learner_id)))
