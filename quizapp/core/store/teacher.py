"""Teacher queries: every learner's results on every bank, for the teacher overview."""

from __future__ import annotations

from quizapp.core.store.catch_up import StatsCatchUp
from quizapp.core.store.connection import Database
from quizapp.core.store.values import _dt

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.stats import LearnerBankRow


class Teacher:
    def __init__(self, db: Database, stats: StatsCatchUp) -> None:
        self._db = db
        self._stats = stats

    def learner_bank_table(self) -> list[LearnerBankRow]:
        """Every learner x bank with activity: best, last score and attempts."""
        self._stats.fresh()
        rows = self._db.read(
            "SELECT l.id, l.name, b.bank_id, b.sessions, b.best_score, b.last_score, b.answers,"
            " max(coalesce(b.last_answered, ''), coalesce(b.last_finished, ''))"
            " FROM bank_stats b JOIN learners l ON l.id = b.learner_id"
            " ORDER BY l.name, l.id, b.bank_id"
        )
        from quizapp.core.stats import LearnerBankRow

        return [
            LearnerBankRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _dt(r[7] or None))
            for r in rows
        ]
