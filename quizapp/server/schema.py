"""The class server's schema in PostgreSQL: versioned, migrated forward, never dropped.

Everything lives in the schema `quizapp` of one database (a school's). The version is in
quizapp.meta; `migrate` runs each missing step in one transaction, as the local store does.

Roles (names carry the database's name, because PostgreSQL roles belong to the whole
cluster and one cluster may host several schools):
- `<db>_learner`: every learner's login role is a member. May INSERT and SELECT only its
  own rows of sessions, session_ends, answers, reviews and retractions (row-level security: `learner
  = current_user`), never UPDATE or DELETE; reads the banks published to its classes.
- `<db>_teacher`: every teacher's login role is a member. Reads the rows and summaries of
  the learners enrolled in the classes it teaches (quizapp.taught_learners(current_user)),
  except in the banks of another of their classes (schema 8; their retractions too, schema
  10), publishes banks to those classes and withdraws them (schema 7).
- the owner (whoever ran `quizapp server init`, typically a superuser or the database's
  owner) creates classes and people.

Times are ISO 8601 UTC text of fixed width, exactly as the local store writes them, so a
round trip through the server changes no byte (but a time later than the server took its
row, from version 15: a clock ahead; see pull.py). `origin` is the store id of the computer
that pushed a row, so that a computer does not pull back what it pushed. Every log table has a
`seq` (identity) and, from version 6, `txid` (the push's transaction), so a computer pulls only
what committed since its last pull: an index range, not a scan.

quizapp.retractions (version 3) holds the answers learners took back; a trigger recounts
the summaries they touch without them.

The teacher overview reads quizapp.learner_banks, kept by statement-level triggers as rows
arrive (one upsert per learner and bank per push, not per answer), so it never scans the
answers: a school of ten million answers paints as fast as a class of ten.
"""

from __future__ import annotations

from quizapp.server.connection import ServerTooNew, require_psycopg
from quizapp.server.schema_steps_1 import step_1
from quizapp.server.schema_steps_10 import step_10
from quizapp.server.schema_steps_11 import step_11
from quizapp.server.schema_steps_13 import (
    SERVER_NOW,
    answered_by_server,
    step_13,
    step_14,
    step_15_columns,
    step_15_last_answered,
    taken_text,
)
from quizapp.server.schema_steps_16 import recount_by_characters, step_16

SCHEMA = "quizapp"


def role_names(dbname: str) -> tuple[str, str]:
    """(learner group role, teacher group role) of a database."""
    return f"{dbname}_learner", f"{dbname}_teacher"


# Version 2: each learner's tries per question (first try included), kept by the same
# statement-level trigger as learner_banks, so the teacher's item analysis (facility,
# discrimination) reads learners x questions rows, never the answers. Backfilled.
def _step_2(db: str) -> list[str]:
    learner, teacher = role_names(db)
    L, T = f'"{learner}"', f'"{teacher}"'
    return [
        """CREATE TABLE quizapp.learner_questions (
            learner name NOT NULL,
            bank_id text NOT NULL,
            question_id text NOT NULL,
            answers bigint NOT NULL,
            correct bigint NOT NULL,
            first_answered text NOT NULL,
            first_correct boolean NOT NULL,
            PRIMARY KEY (bank_id, question_id, learner))""",
        """INSERT INTO quizapp.learner_questions
            SELECT learner, bank_id, question_id, count(*), count(*) FILTER (WHERE correct),
                   min(answered), (array_agg(correct ORDER BY answered, uuid))[1]
            FROM quizapp.answers GROUP BY learner, bank_id, question_id""",
        # One pass over the pushed rows: per learner, bank and question first (the first
        # try found by min() over "answered time + 0/1", fixed-width text in the C
        # collation: no sort), then per learner and bank from those groups.
        """CREATE OR REPLACE FUNCTION quizapp.count_answers() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            BEGIN
              WITH pushed AS (
                SELECT learner, bank_id, question_id, count(*) AS answers,
                       count(*) FILTER (WHERE correct) AS correct,
                       min(answered || CASE WHEN correct THEN '1' ELSE '0' END COLLATE "C")
                         AS first,
                       max(answered COLLATE "C") AS last_answered
                FROM new_rows GROUP BY learner, bank_id, question_id
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
            END $$""",
        "ALTER TABLE quizapp.learner_questions ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_questions ON quizapp.learner_questions FOR SELECT TO {L}"
        " USING (learner = current_user)",
        f"CREATE POLICY class_questions ON quizapp.learner_questions FOR SELECT TO {T}"
        " USING (learner IN (SELECT quizapp.taught_learners(current_user)))",
        f"GRANT SELECT ON quizapp.learner_questions TO {L}, {T}",
    ]


def uncount_retracted(create: str, answered: str = "a.answered") -> str:
    """uncount_retracted: the summaries of the learners, banks and questions a push's
    retractions touch, counted again from the answers left; `answered`, an answer's time
    (alias a) for the bank's last answer (schema 15: as at most when the server took it)."""
    return f"""{create} FUNCTION quizapp.uncount_retracted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
          -- Lock the summaries touched, questions first then banks (the order in
          -- which count_answers writes them, so no deadlock with a push): a push
          -- committing meanwhile is then seen by the recount below, and one not
          -- committed yet adds its answers after it.
          PERFORM 1 FROM quizapp.learner_questions q
            JOIN quizapp.answers a ON a.learner = q.learner AND a.bank_id = q.bank_id
              AND a.question_id = q.question_id
            JOIN new_rows r ON r.answer_uuid = a.uuid
            ORDER BY q.bank_id, q.question_id, q.learner FOR UPDATE OF q;
          PERFORM 1 FROM quizapp.learner_banks s
            JOIN quizapp.answers a ON a.learner = s.learner AND a.bank_id = s.bank_id
            JOIN new_rows r ON r.answer_uuid = a.uuid
            ORDER BY s.learner, s.bank_id FOR UPDATE OF s;
          CREATE TEMP TABLE IF NOT EXISTS retracted_keys
            (learner name, bank_id text, question_id text) ON COMMIT DROP;
          TRUNCATE retracted_keys;
          INSERT INTO retracted_keys SELECT DISTINCT a.learner, a.bank_id, a.question_id
            FROM new_rows r JOIN quizapp.answers a ON a.uuid = r.answer_uuid;
          DELETE FROM quizapp.learner_questions q USING retracted_keys k
            WHERE q.learner = k.learner AND q.bank_id = k.bank_id
              AND q.question_id = k.question_id;
          INSERT INTO quizapp.learner_questions
            SELECT learner, bank_id, question_id, count(*),
                   count(*) FILTER (WHERE correct), left(min(first), -1),
                   right(min(first), 1) = '1'
            FROM (SELECT a.learner, a.bank_id, a.question_id, a.correct,
                         a.answered || CASE WHEN a.correct THEN '1' ELSE '0' END
                           COLLATE "C" AS first
                  FROM quizapp.answers a JOIN retracted_keys k
                    ON a.learner = k.learner AND a.bank_id = k.bank_id
                   AND a.question_id = k.question_id
                  WHERE NOT EXISTS (SELECT 1 FROM quizapp.retractions x
                                    WHERE x.answer_uuid = a.uuid)) kept
            GROUP BY learner, bank_id, question_id;
          UPDATE quizapp.learner_banks s SET answers = c.answers, correct = c.correct,
                 last_answered = c.last_answered
            FROM (SELECT k.learner, k.bank_id, count(a.uuid) AS answers,
                         count(a.uuid) FILTER (WHERE a.correct) AS correct,
                         max({answered} COLLATE "C") AS last_answered
                  FROM (SELECT DISTINCT learner, bank_id FROM retracted_keys) k
                  LEFT JOIN quizapp.answers a ON a.learner = k.learner
                    AND a.bank_id = k.bank_id
                    AND NOT EXISTS (SELECT 1 FROM quizapp.retractions x
                                    WHERE x.answer_uuid = a.uuid)
                  GROUP BY k.learner, k.bank_id) c
            WHERE s.learner = c.learner AND s.bank_id = c.bank_id;
          RETURN NULL;
        END $$"""


# Version 3: retractions (the learner's undo of an answer), append-only and keyed by the
# answer's uuid, pushed and pulled like the logs. A learner may retract only an answer of
# their own that the server has (the policy looks it up under the learner's own
# row-level security). When retractions arrive, a statement-level trigger recomputes the
# summaries of the learners, banks and questions they touch from the answers left, so the
# teacher overview and item analysis never count an answer taken back.
def _step_3(db: str) -> list[str]:
    learner, teacher = role_names(db)
    L, T = f'"{learner}"', f'"{teacher}"'
    return [
        """CREATE TABLE quizapp.retractions (
            answer_uuid uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            retracted text NOT NULL)""",
        "CREATE INDEX retractions_by_learner ON quizapp.retractions (learner, seq)",
        # No index on answers by (learner, bank): the recount reads the learner's answers
        # through answers_by_learner (an undo is rare; every push would pay the index).
        uncount_retracted("CREATE"),
        """CREATE TRIGGER uncount_retracted AFTER INSERT ON quizapp.retractions
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION quizapp.uncount_retracted()""",
        "ALTER TABLE quizapp.retractions ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_rows_read ON quizapp.retractions FOR SELECT TO {L}"
        " USING (learner = current_user)",
        # Only an answer of the learner's own: the subquery reads quizapp.answers under
        # the learner's policies, so another learner's answer is not found.
        f"CREATE POLICY own_rows_add ON quizapp.retractions FOR INSERT TO {L}"
        " WITH CHECK (learner = current_user AND EXISTS (SELECT 1 FROM quizapp.answers a"
        " WHERE a.uuid = answer_uuid AND a.learner = current_user))",
        f"CREATE POLICY class_rows_read ON quizapp.retractions FOR SELECT TO {T}"
        " USING (learner IN (SELECT quizapp.taught_learners(current_user)))",
        f"GRANT SELECT, INSERT ON quizapp.retractions TO {L}",
        f"GRANT SELECT ON quizapp.retractions TO {T}",
    ]


# Version 4: the pictures a published bank names (its `image:` files and Markdown images
# inside its folder), stored with the bank's content hash, so a class's computers get the
# bank whole. Readable where the bank is; a teacher adds them to banks they published.
def _step_4(db: str) -> list[str]:
    learner, teacher = role_names(db)
    L, T = f'"{learner}"', f'"{teacher}"'
    return [
        """CREATE TABLE quizapp.bank_files (
            content_hash text NOT NULL REFERENCES quizapp.banks,
            path text NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (content_hash, path))""",
        "ALTER TABLE quizapp.bank_files ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY published_to_me ON quizapp.bank_files FOR SELECT TO {L}, {T}"
        " USING (content_hash IN (SELECT content_hash FROM quizapp.class_banks))",
        f"CREATE POLICY own_uploads ON quizapp.bank_files FOR SELECT TO {T}"
        " USING (content_hash IN"
        " (SELECT content_hash FROM quizapp.banks WHERE published_by = current_user))",
        f"CREATE POLICY teacher_adds ON quizapp.bank_files FOR INSERT TO {T}"
        " WITH CHECK (content_hash IN"
        " (SELECT content_hash FROM quizapp.banks WHERE published_by = current_user))",
        f"GRANT SELECT ON quizapp.bank_files TO {L}, {T}",
        f"GRANT INSERT ON quizapp.bank_files TO {T}",
    ]


# Version 5: learners and teachers may read the schema's version, so that a computer
# whose quizapp is older than its server sees it and writes nothing there (sync.check_schema).
def _step_5(db: str) -> list[str]:
    learner, teacher = role_names(db)
    return [f'GRANT SELECT ON quizapp.meta TO "{learner}", "{teacher}"']


# Version 6: pulls by commit, not by `seq`. A row's seq is drawn when it is inserted, but
# another computer sees it only once its push commits: a push committing after a later
# one (two computers of one learner pushing at once) lands below a mark a pull already
# moved past, and was never pulled. Each row now records its push's transaction id
# (`txid`, the default: 64 bits, never wrapping); a pull reads, in one REPEATABLE READ
# transaction, the rows its previous snapshot did not see (pg_visible_in_snapshot) and
# keeps its own snapshot for the next (sync.pull). The rows already here keep no txid:
# they all committed before this step (ALTER TABLE waits for the pushes under way), so
# every snapshot taken since sees them, and a computer that has not pulled them yet gets
# them by seq as before. Adding a column without a default rewrites nothing.
_PULLED_LOGS = ("sessions", "session_ends", "answers", "reviews", "retractions")


def _step_6(db: str) -> list[str]:
    steps = []
    for table in _PULLED_LOGS:
        steps += [
            f"ALTER TABLE quizapp.{table} ADD COLUMN txid xid8",
            f"ALTER TABLE quizapp.{table} ALTER COLUMN txid SET DEFAULT pg_current_xact_id()",
            f"CREATE INDEX {table}_by_learner_txid ON quizapp.{table} (learner, txid)",
        ]
    return steps


# Version 7: who published a class's current bank (class_banks.published_by, set by a
# trigger to whoever writes the row, so a teacher's computer of an older quizapp records
# it too), so that publishing over another teacher's version warns and says whose it was
# (banks.publish); a teacher may withdraw a bank from the classes they teach (DELETE, under
# the same policy as publishing); a teacher reads the enrolments of the classes they teach
# (`quizapp server results --class`) and the names of those who teach those classes with
# them. Rows already there keep published_by empty (not known); their versions start the
# history. Older computers ignore all of it.
def _step_7(db: str) -> list[str]:
    teacher = role_names(db)[1]
    T = f'"{teacher}"'
    return [
        "ALTER TABLE quizapp.class_banks ADD COLUMN published_by name",
        """CREATE FUNCTION quizapp.stamp_class_bank() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog AS $$
            BEGIN
              NEW.published_by := current_user;
              NEW.published := now();
              RETURN NEW;
            END $$""",
        """CREATE TRIGGER stamp_class_bank BEFORE INSERT OR UPDATE ON quizapp.class_banks
            FOR EACH ROW EXECUTE FUNCTION quizapp.stamp_class_bank()""",
        # Every version a class was given, so that publishing an earlier one again is
        # seen as going back; kept by the owner's function (teachers only read it).
        """CREATE TABLE quizapp.class_bank_history (
            class_id integer NOT NULL REFERENCES quizapp.classes,
            bank_id text NOT NULL,
            content_hash text NOT NULL,
            published_by name,
            published timestamptz NOT NULL)""",
        "CREATE INDEX class_bank_history_by_bank ON quizapp.class_bank_history (class_id, bank_id)",
        """INSERT INTO quizapp.class_bank_history
            SELECT class_id, bank_id, content_hash, NULL, published FROM quizapp.class_banks""",
        """CREATE FUNCTION quizapp.log_class_bank() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            BEGIN
              INSERT INTO quizapp.class_bank_history VALUES
                (NEW.class_id, NEW.bank_id, NEW.content_hash, NEW.published_by, NEW.published);
              RETURN NULL;
            END $$""",
        """CREATE TRIGGER log_class_bank AFTER INSERT OR UPDATE ON quizapp.class_banks
            FOR EACH ROW EXECUTE FUNCTION quizapp.log_class_bank()""",
        "ALTER TABLE quizapp.class_bank_history ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY taught_history ON quizapp.class_bank_history FOR SELECT TO {T}"
        " USING (class_id IN (SELECT quizapp.taught_classes(current_user)))",
        f"GRANT SELECT ON quizapp.class_bank_history TO {T}",
        f"GRANT DELETE ON quizapp.class_banks TO {T}",
        "ALTER TABLE quizapp.enrolments ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY taught_enrolments ON quizapp.enrolments FOR SELECT TO {T}"
        " USING (class_id IN (SELECT quizapp.taught_classes(current_user)))",
        f"GRANT SELECT ON quizapp.enrolments TO {T}",
        # The names of those who teach a class with them (whose version a publish warns
        # about), and nobody else's.
        """CREATE FUNCTION quizapp.fellow_teachers(who name) RETURNS SETOF name
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT DISTINCT t.teacher FROM quizapp.teaching t
               WHERE t.class_id IN (SELECT class_id FROM quizapp.teaching
                                    WHERE teacher = who) $$""",
        f"CREATE POLICY fellow_teachers ON quizapp.people FOR SELECT TO {T}"
        " USING (role IN (SELECT quizapp.fellow_teachers(current_user)))",
    ]


# Version 8: a teacher no longer reads a learner's rows in another class's banks. Until
# now row-level security filtered by learner alone: Raj, who teaches 7C, read everything
# Bo (in 7B and 7C) did, 7B's banks included. A teacher now reads an enrolled learner's
# rows in every bank but those published (now or before: class_bank_history) to another
# of the learner's classes and never to one the teacher teaches with them: a bank no
# class was given (the bundled one, the learner's own) stays in every teacher's view, as
# before. The policies are replaced, no row is touched; the banks to leave out are one
# set per query (a hashed NOT IN), not a lookup per row. Older computers ignore it.
_TEACHER_POLICIES = (("sessions", "class_rows_read"), ("session_ends", "class_rows_read"),
                     ("answers", "class_rows_read"), ("reviews", "class_rows_read"),
                     ("learner_banks", "class_summary"),
                     ("learner_questions", "class_questions"))


def _step_8(db: str) -> list[str]:
    teacher = role_names(db)[1]
    T = f'"{teacher}"'
    steps = [
        # (learner, bank) pairs: the learners of the classes `who` teaches, with the banks
        # ever given to their other classes, less those given to a class `who` teaches
        # with them. One set per query (2,000 pairs for 1,000 learners: ~10 ms).
        """CREATE FUNCTION quizapp.other_classes_banks(who name)
            RETURNS TABLE (learner name, bank_id text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ WITH taught AS (SELECT class_id FROM quizapp.teaching WHERE teacher = who),
                    mine AS (SELECT e.learner, e.class_id FROM quizapp.enrolments e
                             WHERE e.learner IN (SELECT m.learner FROM quizapp.enrolments m
                                                 WHERE m.class_id IN (SELECT class_id
                                                                      FROM taught))),
                    given AS (SELECT DISTINCT class_id, bank_id
                              FROM quizapp.class_bank_history)
               SELECT mine.learner, g.bank_id FROM mine JOIN given g USING (class_id)
               WHERE mine.class_id NOT IN (SELECT class_id FROM taught)
               EXCEPT
               SELECT mine.learner, g.bank_id FROM mine JOIN given g USING (class_id)
               WHERE mine.class_id IN (SELECT class_id FROM taught) $$""",
    ]
    for table, policy in _TEACHER_POLICIES:
        steps += [
            f"DROP POLICY {policy} ON quizapp.{table}",
            f"CREATE POLICY {policy} ON quizapp.{table} FOR SELECT TO {T}"
            " USING (learner IN (SELECT quizapp.taught_learners(current_user))"
            " AND (learner, bank_id) NOT IN"
            " (SELECT o.learner, o.bank_id FROM quizapp.other_classes_banks(current_user) o))",
        ]
    return steps


# Version 9: a review of mistakes is no attempt (the local store's schema 11). Computers of
# an older quizapp still end one with a score, and the ends already here carry theirs: the
# attempts count only the ends of sessions whose mode scores (an end whose session row is
# not here yet counts, as before), and learner_banks' attempt columns are counted again
# from the ends. The ends keep their scores (`quizapp server results` still shows them).
_NOT_SCORED = "('flashcards', 'review')"


def _step_9(db: str) -> list[str]:
    return _counting_attempts(finished="{end}.finished", last_first="{end}.finished DESC")


def _counting_attempts(finished: str, last_first: str) -> list[str]:
    """count_attempts (the trigger adding a push's scored ends to learner_banks) and the
    recount of learner_banks' attempt columns from every end: `finished`, the time an
    attempt counts as finished at, and `last_first`, the order putting the last attempt
    first ({end}: the end row's table)."""
    scored = (f"score IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quizapp.sessions x"
              f" WHERE x.uuid = {{end}}.session_uuid AND x.mode IN {_NOT_SCORED})")
    return [
        f"""CREATE OR REPLACE FUNCTION quizapp.count_attempts() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            BEGIN
              INSERT INTO quizapp.learner_banks AS s (learner, bank_id, attempts,
                                                    best_score, last_score, last_finished)
              SELECT learner, bank_id, count(*), max(score),
                     (array_agg(score ORDER BY {last_first.format(end="new_rows")}))[1],
                     max({finished.format(end="new_rows")})
              FROM new_rows WHERE {scored.format(end="new_rows")}
              GROUP BY learner, bank_id
              ON CONFLICT (learner, bank_id) DO UPDATE SET
                attempts = s.attempts + excluded.attempts,
                best_score = greatest(s.best_score, excluded.best_score),
                last_score = CASE WHEN s.last_finished IS NULL
                                    OR excluded.last_finished >= s.last_finished
                             THEN excluded.last_score ELSE s.last_score END,
                last_finished = greatest(s.last_finished, excluded.last_finished);
              RETURN NULL;
            END $$""",
        "UPDATE quizapp.learner_banks SET attempts = 0, best_score = NULL, last_score = NULL,"
        " last_finished = NULL",
        f"""UPDATE quizapp.learner_banks s SET attempts = t.attempts, best_score = t.best,
              last_score = t.last, last_finished = t.finished
            FROM (SELECT e.learner, e.bank_id, count(*) AS attempts, max(e.score) AS best,
                         (array_agg(e.score ORDER BY {last_first.format(end="e")}))[1] AS last,
                         max({finished.format(end="e")}) AS finished
                  FROM quizapp.session_ends e WHERE {scored.format(end="e")}
                  GROUP BY e.learner, e.bank_id) t
            WHERE s.learner = t.learner AND s.bank_id = t.bank_id""",
    ]


# Version 10 (schema_steps_10): a teacher reads only the retractions of answers they may
# read, and the policies' helper functions answer only for the person asking.
def _step_10(db: str) -> list[str]:
    return step_10(role_names(db)[1])


# Version 12: the last attempt is the one finished last by the server's clock. An end's
# `finished` is the clock of the computer that ended it: one whose clock was ahead (a wrong
# date) kept its score as the class's "Last" until that date came, whatever the learner
# did meanwhile. An attempt now counts as finished at its time, or at the time the server
# took it if that is earlier (no end is later than its push), and of two at the same time
# the one pushed last is the last; learner_banks' attempt columns are counted again that
# way (an end in the future then counts as finished at the update). Ends stay as they
# came. Older computers ignore it (their ends go through the same trigger).


def _step_12(db: str) -> list[str]:
    at = f"least({{end}}.finished, {SERVER_NOW})"
    return _counting_attempts(finished=at, last_first=f"{at} DESC, {{end}}.seq DESC")


# Version 15 (schema_steps_13): the time the server took each row of the logs; pulls read
# every time as at most it, and the bank's last answer counts that way too.
def _step_15(db: str) -> list[str]:
    return [*step_15_columns(), *step_15_last_answered(),
            uncount_retracted("CREATE OR REPLACE", answered=answered_by_server("a"))]


# Version 16 (schema_steps_16): a learner's suspensions and bringing cards back, pushed and
# pulled as a log; every time column of the C collation.
def _step_16(db: str) -> list[str]:
    # Each end at most when the server took it, as the trigger counted it at its push (not
    # at this update: an end from a clock ahead would be the later one again).
    at = f"least({{end}}.finished, {taken_text('{end}')})"
    attempts = _counting_attempts(finished=at, last_first=f"{at} DESC, {{end}}.seq DESC")
    return [*step_16(role_names(db)[0]), recount_by_characters(attempts[1:])]


# Version 11 (schema_steps_11): the tries per question counted per bank version too.
# Version 13 (schema_steps_13): each answer's question version.
# Version 14 (schema_steps_13): each review's fuzz draw.
# Each step is a function of the database name giving its SQL statements (version 1, the
# first schema: schema_steps_1).
STEPS = {1: lambda db: step_1(db, *role_names(db)), 2: _step_2, 3: _step_3, 4: _step_4,
         5: _step_5, 6: _step_6, 7: _step_7, 8: _step_8, 9: _step_9, 10: _step_10,
         11: lambda db: step_11(*role_names(db)), 12: _step_12, 13: lambda db: step_13(),
         14: lambda db: step_14(), 15: _step_15, 16: _step_16}
SCHEMA_VERSION = max(STEPS)
# Steps that computers of an older quizapp may ignore: they add what those computers need
# not know (step 6: a column with a default, which their pushes fill without naming it;
# they go on pulling by seq). quizapp.meta keeps two numbers: 'steps', the steps done, and
# 'version', the last step done that is not one of these, which is what a computer
# compares with the schema it knows (sync.check_schema): a computer of schema 5 keeps
# syncing with a server of schema 6 to 16.
COMPATIBLE_STEPS = frozenset({6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})


def version(conn) -> int:
    """The server schema's version (the steps done); 0 when `quizapp server init` never
    ran."""
    row = conn.execute(
        "SELECT to_regclass('quizapp.meta') IS NOT NULL"
    ).fetchone()
    if not row[0]:
        return 0
    row = conn.execute(
        "SELECT max(value::integer) FROM quizapp.meta WHERE key IN ('version', 'steps')"
    ).fetchone()
    return int(row[0]) if row[0] is not None else 0


def newer_words(found: int) -> str:
    """Every `quizapp server` command's refusal of a schema newer than this quizapp."""
    return (f"The class server's schema is version {found}, newer than this quizapp knows"
            f" ({SCHEMA_VERSION}): update quizapp on this computer. Nothing was changed.")


def refuse_newer(conn, *, every_step: bool) -> None:
    """ServerTooNew when the schema is newer than this quizapp. `every_step`: the owner's
    commands compare every step done, as `init` does (they write what any step may have
    changed); a teacher's the 'version', as a computer's sync (COMPATIBLE_STEPS)."""
    psycopg = require_psycopg()
    keys = ["version", "steps"] if every_step else ["version"]
    if not conn.execute("SELECT to_regclass('quizapp.meta') IS NOT NULL").fetchone()[0]:
        return  # no schema yet: `init` makes it, the other commands say so
    try:
        with conn.transaction():  # a savepoint in a caller's transaction
            row = conn.execute("SELECT max(value::integer) FROM quizapp.meta"
                               " WHERE key = ANY(%s)", (keys,)).fetchone()
    except psycopg.errors.InsufficientPrivilege:
        return  # before schema 5 learners and teachers could not read it: not newer
    if row[0] is not None and int(row[0]) > SCHEMA_VERSION:
        raise ServerTooNew(newer_words(int(row[0])))


def migrate(conn) -> tuple[int, int]:
    """Bring the schema to SCHEMA_VERSION, one transaction per step; (before, after).

    A server newer than this quizapp is left alone (ServerTooNew says so).
    """
    dbname = conn.info.dbname
    before = current = version(conn)
    if current > SCHEMA_VERSION:
        raise ServerTooNew(newer_words(current))
    while current < SCHEMA_VERSION:
        step = current + 1
        with conn.transaction():
            for sql in STEPS[step](dbname):
                conn.execute(sql)
            for key in ("steps",) if step in COMPATIBLE_STEPS else ("steps", "version"):
                conn.execute(
                    "INSERT INTO quizapp.meta VALUES (%s, %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, str(step)),
                )
        current = step
    return before, current
