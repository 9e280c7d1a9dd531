"""The teacher's view of the class from the class server: learners × banks.

Reads quizapp.learner_banks (kept by triggers as answers and session ends arrive), so it
costs one index scan of the class's rows whatever the number of answers; row-level
security limits it to the learners of the classes the teacher teaches. The rows are the
local store's LearnerBankRow, so the teacher screen shows them as it shows a computer's.
"""

from __future__ import annotations

from datetime import datetime

from quizapp.core.model import Bank
from quizapp.core.stats import ItemStat, LearnerBankRow


def learner_bank_rows(conn) -> list[LearnerBankRow]:
    # One JSON text instead of 10,000 rows: psycopg's pure-Python row loading took 280 ms
    # for a school's 10,000 learner x bank rows (the query itself 23 ms); json.loads (C)
    # reads the same in a few. Floats come as PostgreSQL's shortest exact digits. The
    # times are text, compared by their characters (C), whatever the database's collation.
    import json

    text = conn.execute(
        "SELECT coalesce(json_agg(json_build_array(p.display_name, s.bank_id, s.attempts,"
        " s.best_score, s.last_score, s.answers,"
        ' greatest(s.last_answered COLLATE "C", s.last_finished))'
        " ORDER BY lower(p.display_name), p.display_name, s.bank_id), '[]')::text"
        " FROM quizapp.learner_banks s JOIN quizapp.people p ON p.role = s.learner"
    ).fetchone()[0]
    # The server has no local learner ids: number the learners in the order shown.
    numbers: dict[str, int] = {}
    out = []
    for name, bank_id, attempts, best, last, answers, studied in json.loads(text):
        number = numbers.setdefault(name, len(numbers) + 1)
        out.append(
            LearnerBankRow(
                number, name, bank_id, attempts, best, last, answers,
                datetime.fromisoformat(studied) if studied else None,
            )
        )
    return out


def item_stats(conn, bank_id: str, question_ids: list[str] | None = None,
               bank: Bank | None = None) -> list[ItemStat]:
    """Item analysis of one bank over the class (stats.item_analysis, the local store's
    reference): from quizapp.learner_questions, one row per learner and question.
    question_ids: the bank's current questions in order (None: every answered one).
    bank: the bank as the teacher has it; a question of it changed since learners answered
    counts the answers to it as it is now, the others apart (server/item_versions.py)."""
    from quizapp.core.stats import item_analysis

    first: dict[str, dict[str, int]] = {}
    answers: dict[str, int] = {}
    correct: dict[str, int] = {}
    for learner, qid, n, right, first_right in conn.execute(
        "SELECT learner, question_id, answers, correct, first_correct"
        " FROM quizapp.learner_questions WHERE bank_id = %s",
        (bank_id,),
    ):
        first.setdefault(qid, {})[learner] = int(first_right)
        answers[qid] = answers.get(qid, 0) + n
        correct[qid] = correct.get(qid, 0) + right
    ids = question_ids if question_ids is not None else sorted(first)
    found = item_analysis(first, answers, correct, ids)
    if bank is None or bank.id != bank_id or not first:
        return found
    from quizapp.server import item_versions

    if not item_versions.has_versions(conn):
        return found  # a server before schema 11: every answer, as before
    return item_versions.split_versions(conn, bank, ids, found, first)
