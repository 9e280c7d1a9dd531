"""The class server's schema step 11 (schema.py runs every step; this one lives here to keep
schema.py a readable size): each learner's tries per question and *bank version*.

An edited question (a right answer or an option changed after learners answered) was
counted on the server as one question: the teacher's class item analysis blended the
answers to its versions, where the local one (the store's schema 12, answers.version)
counts the question as it is now and the earlier answers apart. The answers pushed carry
no version, but each answer's session carries the sha256 of the bank text it was answered
in (sessions.content_hash), and the server keeps every bank text published
(quizapp.banks), so the teacher's computer can tell which versions of a question each
text holds (server/item_versions.py).

quizapp.learner_question_versions is learner_questions split by that hash ('' when the
answer's session is not on the server), kept by the same statement-level trigger
(count_answers: one more join of the pushed answers with their sessions, by primary key)
and recounted for the keys an undo touches by a trigger of its own, after schema 3's
(triggers of one event fire in the order of their names). Backfilled from the answers.
A teacher may now read every bank text their classes were given (quizapp.banks, by
class_bank_history), as the earlier texts tell the versions apart.

Older computers ignore it (a compatible step: their pushes fill it through the trigger;
their teacher's analysis reads learner_questions, blended, as before).
"""

from __future__ import annotations

from dataclasses import dataclass

# The first try among answers, found by min() over "answered time + 0/1" (fixed-width text
# in the C collation: no sort), as schema 2's count_answers does.
FIRST_TRY = "{a}.answered || CASE WHEN {a}.correct THEN '1' ELSE '0' END COLLATE \"C\""


def step_11(learner_group: str, teacher_group: str) -> list[str]:
    L, T = f'"{learner_group}"', f'"{teacher_group}"'
    return [
        """CREATE TABLE quizapp.learner_question_versions (
            learner name NOT NULL,
            bank_id text NOT NULL,
            question_id text NOT NULL,
            content_hash text NOT NULL,
            answers bigint NOT NULL,
            correct bigint NOT NULL,
            first_answered text NOT NULL,
            first_correct boolean NOT NULL,
            PRIMARY KEY (bank_id, question_id, learner, content_hash))""",
        f"""INSERT INTO quizapp.learner_question_versions
            SELECT a.learner, a.bank_id, a.question_id, coalesce(s.content_hash, ''),
                   count(*), count(*) FILTER (WHERE a.correct),
                   left(min({FIRST_TRY.format(a="a")}), -1),
                   right(min({FIRST_TRY.format(a="a")}), 1) = '1'
            FROM quizapp.answers a
            LEFT JOIN quizapp.sessions s ON s.uuid = a.session_uuid AND s.learner = a.learner
            WHERE NOT EXISTS (SELECT 1 FROM quizapp.retractions x
                              WHERE x.answer_uuid = a.uuid)
            GROUP BY 1, 2, 3, 4""",
        # Schema 2's function, the pushed answers grouped by their session's bank hash too.
        # The session is the learner's own (a push sends sessions first).
        count_answers(),
        # After schema 3's uncount_retracted (which locked the questions' summaries): the
        # versions of the questions the undos touch, counted again from the answers kept.
        uncount_retracted_versions(),
        """CREATE TRIGGER uncount_retracted_versions AFTER INSERT ON quizapp.retractions
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION quizapp.uncount_retracted_versions()""",
        "ALTER TABLE quizapp.learner_question_versions ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_questions ON quizapp.learner_question_versions FOR SELECT TO {L}"
        " USING (learner = current_user)",
        # Schema 8's policy of learner_questions: not a learner's rows in another class's banks.
        f"CREATE POLICY class_questions ON quizapp.learner_question_versions FOR SELECT"
        f" TO {T} USING (learner IN (SELECT quizapp.taught_learners(current_user))"
        " AND (learner, bank_id) NOT IN"
        " (SELECT o.learner, o.bank_id FROM quizapp.other_classes_banks(current_user) o))",
        f"GRANT SELECT ON quizapp.learner_question_versions TO {L}, {T}",
        # A teacher reads every text their classes were given (schema 7's history, under
        # its own policy: the classes they teach), not only the current ones and their own
        # uploads: the text a colleague published before the teacher's correction tells
        # which answers went to the question's earlier version.
        f"CREATE POLICY taught_history ON quizapp.banks FOR SELECT TO {T}"
        " USING (content_hash IN (SELECT h.content_hash FROM quizapp.class_bank_history h))",
    ]


@dataclass(frozen=True, slots=True)
class _VersionKey:
    """What the answer's own question version adds to the summary's key (schema 13), as
    SQL fragments (empty before: schema 11's functions)."""

    select: str = ""  # in by_version's select list, after content_hash
    group: str = ""  # its place there, grouped by
    last: str = ""  # inserted last (the table's last column)
    key: str = ""  # in the conflict target
    order: str = ""  # in the lock order
    last_of_answer: str = ""  # inserted last, read from the answer
    group_last: str = ""  # its place there, grouped by


BY_ANSWER_VERSION = _VersionKey(
    select=" coalesce(a.version, '') AS version,", group=", 5", last=", version",
    key=", version", order=", v.version", last_of_answer=", coalesce(a.version, '')",
    group_last=", 9")


def count_answers(v: _VersionKey = _VersionKey(), answered: str = "a.answered") -> str:
    """count_answers: the pushed answers into learner_question_versions (by the bank text
    of their session, and with `v` their own version too), learner_questions and
    learner_banks, one upsert per key; `answered`, an answer's time (alias a) for the
    bank's last answer (schema 15: as at most when the server took it)."""
    return f"""CREATE OR REPLACE FUNCTION quizapp.count_answers() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
          WITH by_version AS (
            SELECT a.learner, a.bank_id, a.question_id,
                   coalesce(s.content_hash, '') AS content_hash,{v.select} count(*) AS answers,
                   count(*) FILTER (WHERE a.correct) AS correct,
                   min({FIRST_TRY.format(a="a")}) AS first,
                   max({answered} COLLATE "C") AS last_answered
            FROM new_rows a LEFT JOIN quizapp.sessions s
              ON s.uuid = a.session_uuid AND s.learner = a.learner
            GROUP BY 1, 2, 3, 4{v.group}
          ), versions AS (
            INSERT INTO quizapp.learner_question_versions AS v
            SELECT learner, bank_id, question_id, content_hash, answers, correct,
                   left(first, -1), right(first, 1) = '1'{v.last}
            FROM by_version
            ON CONFLICT (bank_id, question_id, learner, content_hash{v.key})
            DO UPDATE SET
              answers = v.answers + excluded.answers,
              correct = v.correct + excluded.correct,
              first_correct = CASE WHEN excluded.first_answered < v.first_answered
                              THEN excluded.first_correct ELSE v.first_correct END,
              first_answered = least(v.first_answered, excluded.first_answered)
          ), pushed AS (
            SELECT learner, bank_id, question_id, sum(answers) AS answers,
                   sum(correct) AS correct, min(first COLLATE "C") AS first,
                   max(last_answered COLLATE "C") AS last_answered
            FROM by_version GROUP BY learner, bank_id, question_id
          ), questions AS (
            INSERT INTO quizapp.learner_questions AS q
            SELECT learner, bank_id, question_id, answers, correct,
                   left(first, -1), right(first, 1) = '1'
            FROM pushed
            ON CONFLICT (bank_id, question_id, learner) DO UPDATE SET
              answers = q.answers + excluded.answers,
              correct = q.correct + excluded.correct,
              first_correct = CASE WHEN excluded.first_answered < q.first_answered
                              THEN excluded.first_correct ELSE q.first_correct END,
              first_answered = least(q.first_answered, excluded.first_answered)
          )
          INSERT INTO quizapp.learner_banks AS s (learner, bank_id, answers, correct,
                                                last_answered)
          SELECT learner, bank_id, sum(answers), sum(correct), max(last_answered)
          FROM pushed GROUP BY learner, bank_id
          ON CONFLICT (learner, bank_id) DO UPDATE SET
            answers = s.answers + excluded.answers,
            correct = s.correct + excluded.correct,
            last_answered = greatest(s.last_answered, excluded.last_answered);
          RETURN NULL;
        END $$"""


def uncount_retracted_versions(v: _VersionKey = _VersionKey(), replace: bool = False) -> str:
    """The versions of the questions the undos touch, counted again from the answers kept
    (after schema 3's uncount_retracted, which locked the questions' summaries)."""
    create = "CREATE OR REPLACE" if replace else "CREATE"
    return f"""{create} FUNCTION quizapp.uncount_retracted_versions() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
          PERFORM 1 FROM quizapp.learner_question_versions v
            JOIN quizapp.answers a ON a.learner = v.learner AND a.bank_id = v.bank_id
              AND a.question_id = v.question_id
            JOIN new_rows r ON r.answer_uuid = a.uuid
            ORDER BY v.bank_id, v.question_id, v.learner, v.content_hash{v.order}
            FOR UPDATE OF v;
          CREATE TEMP TABLE IF NOT EXISTS retracted_version_keys
            (learner name, bank_id text, question_id text) ON COMMIT DROP;
          TRUNCATE retracted_version_keys;
          INSERT INTO retracted_version_keys
            SELECT DISTINCT a.learner, a.bank_id, a.question_id
            FROM new_rows r JOIN quizapp.answers a ON a.uuid = r.answer_uuid;
          DELETE FROM quizapp.learner_question_versions v USING retracted_version_keys k
            WHERE v.learner = k.learner AND v.bank_id = k.bank_id
              AND v.question_id = k.question_id;
          INSERT INTO quizapp.learner_question_versions
            SELECT a.learner, a.bank_id, a.question_id, coalesce(s.content_hash, ''),
                   count(*), count(*) FILTER (WHERE a.correct),
                   left(min({FIRST_TRY.format(a="a")}), -1),
                   right(min({FIRST_TRY.format(a="a")}), 1) = '1'{v.last_of_answer}
            FROM quizapp.answers a
            JOIN retracted_version_keys k ON a.learner = k.learner
              AND a.bank_id = k.bank_id AND a.question_id = k.question_id
            LEFT JOIN quizapp.sessions s ON s.uuid = a.session_uuid
              AND s.learner = a.learner
            WHERE NOT EXISTS (SELECT 1 FROM quizapp.retractions x
                              WHERE x.answer_uuid = a.uuid)
            GROUP BY 1, 2, 3, 4{v.group_last};
          RETURN NULL;
        END $$"""
