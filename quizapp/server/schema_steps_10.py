"""The class server's schema step 10 (schema.py runs every step; this one lives here to keep
schema.py a readable size). Nothing in it is for computers: older ones ignore it.

Version 10 closes two ways of reading another class's data on the server:

- quizapp.retractions. Schema 8 stopped a teacher reading a learner's rows in another
  class's banks, but left this table out (it has no bank_id): Tess, who teaches 7B, still
  read Bo's retractions (answer uuids and times) in 8C's banks. A teacher now reads a
  retraction only when they may read its answer: the subquery on quizapp.answers runs
  under the answers' own policy for the teacher (schema 8's), looked up by the answer's
  uuid (its primary key). An undo is rare, so the lookup per retraction costs little.
- The security-definer helpers the policies call took any role name, and any learner or
  teacher could call them: as Ann (7B), `SELECT quizapp.taught_learners('<Raj's role>')`
  listed 8C's learners, `quizapp.my_classes('<Bo's role>')` Bo's classes, and
  `quizapp.other_classes_banks(...)` which banks each class was given. Each now answers
  only for a role the signed-in person is, or is a member of (`pg_has_role(session_user,
  who, 'MEMBER')`: inside a security-definer function current_user is its owner, and
  session_user the person signed in; the school's owner, a superuser or a member of every
  role it made, still asks about anyone). The policies pass current_user, so they read the
  same as before; the check is evaluated once per call (it names no row), and the policies
  call each function once per query.
"""

from __future__ import annotations

# The caller may ask about `who` only as that role (or a member of it).
_MINE = "pg_has_role(session_user, who, 'MEMBER')"


def step_10(teacher_group: str) -> list[str]:
    T = f'"{teacher_group}"'
    return [
        f"""CREATE OR REPLACE FUNCTION quizapp.taught_learners(who name) RETURNS SETOF name
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT DISTINCT e.learner FROM quizapp.enrolments e
               JOIN quizapp.teaching t ON t.class_id = e.class_id
               WHERE t.teacher = who AND {_MINE} $$""",
        f"""CREATE OR REPLACE FUNCTION quizapp.is_enrolled(who name) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT {_MINE} AND EXISTS (SELECT 1 FROM quizapp.enrolments
                                          WHERE learner = who) $$""",
        f"""CREATE OR REPLACE FUNCTION quizapp.my_classes(who name) RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT class_id FROM quizapp.enrolments WHERE learner = who AND {_MINE}
               UNION SELECT class_id FROM quizapp.teaching
                     WHERE teacher = who AND {_MINE} $$""",
        f"""CREATE OR REPLACE FUNCTION quizapp.taught_classes(who name) RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT class_id FROM quizapp.teaching WHERE teacher = who AND {_MINE} $$""",
        f"""CREATE OR REPLACE FUNCTION quizapp.fellow_teachers(who name) RETURNS SETOF name
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT DISTINCT t.teacher FROM quizapp.teaching t
               WHERE t.class_id IN (SELECT class_id FROM quizapp.teaching
                                    WHERE teacher = who AND {_MINE}) $$""",
        # Schema 8's body, the classes taught checked as above (no class: no pair).
        f"""CREATE OR REPLACE FUNCTION quizapp.other_classes_banks(who name)
            RETURNS TABLE (learner name, bank_id text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ WITH taught AS (SELECT class_id FROM quizapp.teaching
                               WHERE teacher = who AND {_MINE}),
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
        "DROP POLICY class_rows_read ON quizapp.retractions",
        f"CREATE POLICY class_rows_read ON quizapp.retractions FOR SELECT TO {T}"
        " USING (EXISTS (SELECT 1 FROM quizapp.answers a WHERE a.uuid = answer_uuid))",
    ]
