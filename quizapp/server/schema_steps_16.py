"""The class server's schema step 16 (schema.py runs every step): a learner's suspended
cards carried between their computers, and every time compared by its characters.

quizapp.suspensions is the log of a learner's suspensions and bringing cards back (the
store's suspension_log, its schema 16): one row per action, with the card (bank and
question), whether it suspended the card or brought it back, and when (`changed`, the
computer's clock, as text). It is pushed and pulled like the other logs (seq, txid,
origin, taken); each computer settles a card to its latest action by `changed`, read no
later than `taken` (a computer whose clock is ahead does not win until its date comes),
the uuid breaking a tie. Append-only: a learner inserts and reads only their own rows.
Teachers do not read it (a learner's study list is their own). Older computers ignore it
(a compatible step: they never name the table).

The times are ISO 8601 text as the computers write them, which an older quizapp (or
another make) writes without a fraction at a whole second ("10:00:00+00:00"). In a
database whose default collation is ICU's or a language's, '.' sorts before '+', so that
time sorted after "10:00:00.500000+00:00": the counting triggers' comparisons, least()
and greatest() of first and last answers and attempts (those without an explicit
COLLATE "C") took the earlier for the later. The time columns of the logs and of the
summaries are now of the C collation, so every comparison, min and max of them (the
triggers', the teacher's queries') is by characters, as the store compares them. A
collation change rewrites no row (text stays text).
"""

from __future__ import annotations

from quizapp.server.schema_steps_11 import FIRST_TRY
from quizapp.server.schema_steps_13 import answered_by_server, taken_text

# Every text column holding a computer's time, by table: the logs' and the summaries'.
TIME_COLUMNS = (
    ("sessions", "started"), ("session_ends", "finished"), ("answers", "answered"),
    ("reviews", "reviewed"), ("retractions", "retracted"),
    ("learner_banks", "last_answered"), ("learner_banks", "last_finished"),
    ("learner_questions", "first_answered"), ("learner_question_versions", "first_answered"),
)


def step_16(learner_group: str) -> list[str]:
    L = f'"{learner_group}"'
    return [
        *(f'ALTER TABLE quizapp.{table} ALTER COLUMN {column} TYPE text COLLATE "C"'
          for table, column in TIME_COLUMNS),
        """CREATE TABLE quizapp.suspensions (
            uuid uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            txid xid8 DEFAULT pg_current_xact_id(),
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            taken timestamptz NOT NULL DEFAULT now(),
            bank_id text NOT NULL,
            question_id text NOT NULL,
            suspended boolean NOT NULL,
            changed text COLLATE "C" NOT NULL)""",
        "CREATE INDEX suspensions_by_learner ON quizapp.suspensions (learner, seq)",
        "CREATE INDEX suspensions_by_learner_txid ON quizapp.suspensions (learner, txid)",
        "ALTER TABLE quizapp.suspensions ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_rows_read ON quizapp.suspensions FOR SELECT TO {L}"
        " USING (learner = current_user)",
        f"CREATE POLICY own_rows_add ON quizapp.suspensions FOR INSERT TO {L}"
        " WITH CHECK (learner = current_user)",
        f"GRANT SELECT, INSERT ON quizapp.suspensions TO {L}",
    ]


# Whether the database's default collation sorts a whole second after its half ('+' after
# '.'): then the summaries counted before this step may be wrong, and are counted again.
NOT_BY_CHARACTERS = "'0+'::text > '0.'::text"
_KEPT = ("NOT EXISTS (SELECT 1 FROM quizapp.retractions x WHERE x.answer_uuid = a.uuid)")


def recount_by_characters(recount_attempts: list[str]) -> str:
    """The first tries, the banks' last answers and (`recount_attempts`, schema.py's
    statements) the attempts' Last, counted again from the logs by characters: a DO block
    that does it only in a database whose default collation sorted them otherwise."""
    first = FIRST_TRY.format(a="a")
    statements = [
        f"""UPDATE quizapp.learner_questions q SET first_answered = left(f.first, -1),
              first_correct = right(f.first, 1) = '1'
            FROM (SELECT a.learner, a.bank_id, a.question_id, min({first}) AS first
                  FROM quizapp.answers a WHERE {_KEPT} GROUP BY 1, 2, 3) f
            WHERE q.learner = f.learner AND q.bank_id = f.bank_id
              AND q.question_id = f.question_id""",
        f"""UPDATE quizapp.learner_question_versions v SET first_answered = left(f.first, -1),
              first_correct = right(f.first, 1) = '1'
            FROM (SELECT a.learner, a.bank_id, a.question_id,
                         coalesce(s.content_hash, '') AS content_hash,
                         coalesce(a.version, '') AS version, min({first}) AS first
                  FROM quizapp.answers a LEFT JOIN quizapp.sessions s
                    ON s.uuid = a.session_uuid AND s.learner = a.learner
                  WHERE {_KEPT} GROUP BY 1, 2, 3, 4, 5) f
            WHERE v.learner = f.learner AND v.bank_id = f.bank_id
              AND v.question_id = f.question_id AND v.content_hash = f.content_hash
              AND v.version = f.version""",
        f"""UPDATE quizapp.learner_banks s SET last_answered = c.last_answered
            FROM (SELECT a.learner, a.bank_id, max({answered_by_server("a")}) AS last_answered
                  FROM quizapp.answers a WHERE {_KEPT} GROUP BY 1, 2) c
            WHERE s.learner = c.learner AND s.bank_id = c.bank_id""",
        *recount_attempts,
    ]
    body = ";\n".join(statements)
    return (f"DO $recount$ BEGIN IF {NOT_BY_CHARACTERS} THEN\n{body};\n"
            "END IF; END $recount$")


def settled_times(conn, uuids: list[str]) -> dict[str, str]:
    """The time each of these suspensions counts at on the server: `changed`, or when the
    server took it if earlier (a computer's clock ahead), as a pull reads it."""
    taken = taken_text()
    rows = conn.execute(
        f'SELECT uuid::text, CASE WHEN changed > {taken} THEN {taken} ELSE changed END'
        " FROM quizapp.suspensions WHERE uuid = ANY(%s::uuid[])", (uuids,)).fetchall()
    return dict(rows)
