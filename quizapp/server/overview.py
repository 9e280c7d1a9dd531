"""The teacher's view of the class from the class server: learners × banks.

Reads quizapp.learner_banks (kept by triggers as answers and session ends arrive), so it
costs one index scan of the class's rows whatever the number of answers; row-level
security limits it to the learners of the classes the teacher teaches. The rows are the
local store's LearnerBankRow, so the teacher screen shows them as it shows a computer's.
"""

from __future__ import annotations

from datetime import datetime

from quizapp.core.stats import LearnerBankRow


def learner_bank_rows(conn) -> list[LearnerBankRow]:
    rows = conn.execute(
        "SELECT p.display_name, s.bank_id, s.attempts, s.best_score, s.last_score, s.answers,"
        " greatest(s.last_answered, s.last_finished)"
        " FROM quizapp.learner_banks s JOIN quizapp.people p ON p.role = s.learner"
        " ORDER BY lower(p.display_name), p.display_name, s.bank_id"
    ).fetchall()
    # The server has no local learner ids: number the learners in the order shown.
    numbers: dict[str, int] = {}
    out = []
    for name, bank_id, attempts, best, last, answers, studied in rows:
        number = numbers.setdefault(name, len(numbers) + 1)
        out.append(
            LearnerBankRow(
                number, name, bank_id, attempts, best, last, answers,
                datetime.fromisoformat(studied) if studied else None,
            )
        )
    return out
