"""The class server's schema step 1, the first schema (schema.py runs every step; this one
lives here to keep schema.py a readable size): the group roles and what they may do, the
people, classes, enrolments and teaching, the logs a computer pushes (sessions, their ends,
answers, reviews) under row-level security, the teacher overview's summary
(quizapp.learner_banks) kept by statement-level triggers, and the banks published to the
classes. Frozen as it shipped: later steps change it, never this.
"""

from __future__ import annotations


def step_1(db: str, learner: str, teacher: str) -> list[str]:
    """The first schema's SQL for database `db` and its learner and teacher group roles."""
    q = f'"{db}"'
    L, T = f'"{learner}"', f'"{teacher}"'
    log_policies = []
    for table in ("sessions", "session_ends", "answers", "reviews"):
        log_policies += [
            f"ALTER TABLE quizapp.{table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY own_rows_read ON quizapp.{table} FOR SELECT TO {L}"
            " USING (learner = current_user)",
            f"CREATE POLICY own_rows_add ON quizapp.{table} FOR INSERT TO {L}"
            # Membership of the learner group is the right to add rows (a learner who
            # leaves the school loses it); no per-row function call, so a push of 100,000
            # rows pays only the comparison.
            " WITH CHECK (learner = current_user)",
            f"CREATE POLICY class_rows_read ON quizapp.{table} FOR SELECT TO {T}"
            " USING (learner IN (SELECT quizapp.taught_learners(current_user)))",
            f"GRANT SELECT, INSERT ON quizapp.{table} TO {L}",
            f"GRANT SELECT ON quizapp.{table} TO {T}",
        ]
    return [
        f"DO $$ BEGIN CREATE ROLE {L} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"DO $$ BEGIN CREATE ROLE {T} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"REVOKE ALL ON DATABASE {q} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {q} TO {L}, {T}",
        "CREATE SCHEMA quizapp",
        "REVOKE ALL ON SCHEMA quizapp FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA quizapp TO {L}, {T}",
        "CREATE TABLE quizapp.meta (key text PRIMARY KEY, value text NOT NULL)",
        """CREATE TABLE quizapp.people (
            role name PRIMARY KEY,
            display_name text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('learner', 'teacher')),
            created timestamptz NOT NULL DEFAULT now())""",
        """CREATE TABLE quizapp.classes (
            id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE)""",
        """CREATE TABLE quizapp.enrolments (
            class_id integer NOT NULL REFERENCES quizapp.classes,
            learner name NOT NULL REFERENCES quizapp.people,
            PRIMARY KEY (class_id, learner))""",
        """CREATE TABLE quizapp.teaching (
            class_id integer NOT NULL REFERENCES quizapp.classes,
            teacher name NOT NULL REFERENCES quizapp.people,
            PRIMARY KEY (class_id, teacher))""",
        # Security definer: the policies ask about enrolments without granting them. The
        # person is an argument: inside such a function current_user is its owner.
        """CREATE FUNCTION quizapp.taught_learners(who name) RETURNS SETOF name
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT DISTINCT e.learner FROM quizapp.enrolments e
               JOIN quizapp.teaching t ON t.class_id = e.class_id
               WHERE t.teacher = who $$""",
        """CREATE FUNCTION quizapp.is_enrolled(who name) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT EXISTS (SELECT 1 FROM quizapp.enrolments
                              WHERE learner = who) $$""",
        """CREATE FUNCTION quizapp.my_classes(who name) RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT class_id FROM quizapp.enrolments WHERE learner = who
               UNION SELECT class_id FROM quizapp.teaching WHERE teacher = who $$""",
        """CREATE FUNCTION quizapp.taught_classes(who name) RETURNS SETOF integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
            $$ SELECT class_id FROM quizapp.teaching WHERE teacher = who $$""",
        """CREATE TABLE quizapp.sessions (
            uuid uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            bank_id text NOT NULL,
            content_hash text NOT NULL,
            mode text NOT NULL,
            started text NOT NULL)""",
        "CREATE INDEX sessions_by_learner ON quizapp.sessions (learner, seq)",
        # A session's end is a row of its own: sessions stay append-only.
        """CREATE TABLE quizapp.session_ends (
            session_uuid uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            bank_id text NOT NULL,
            finished text NOT NULL,
            score double precision,
            outcome text NOT NULL,
            recall double precision)""",
        "CREATE INDEX session_ends_by_learner ON quizapp.session_ends (learner, seq)",
        """CREATE TABLE quizapp.answers (
            uuid uuid PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            session_uuid uuid NOT NULL,
            bank_id text NOT NULL,
            question_id text NOT NULL,
            response text NOT NULL,
            correct boolean NOT NULL,
            credit double precision NOT NULL,
            seconds double precision NOT NULL,
            answered text NOT NULL,
            shown text)""",
        "CREATE INDEX answers_by_learner ON quizapp.answers (learner, seq)",
        # A review is (its answer, its place among that answer's reviews): 0 the rating
        # given, 1.. the overrides, `overrides` naming the place it replaces.
        """CREATE TABLE quizapp.reviews (
            answer_uuid uuid NOT NULL,
            n smallint NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            learner name NOT NULL DEFAULT current_user,
            origin uuid,
            bank_id text NOT NULL,
            question_id text NOT NULL,
            rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed text NOT NULL,
            duration_ms integer,
            overrides smallint,
            PRIMARY KEY (answer_uuid, n))""",
        "CREATE INDEX reviews_by_learner ON quizapp.reviews (learner, seq)",
        # The teacher overview's summaries, one row per learner and bank.
        """CREATE TABLE quizapp.learner_banks (
            learner name NOT NULL,
            bank_id text NOT NULL,
            answers bigint NOT NULL DEFAULT 0,
            correct bigint NOT NULL DEFAULT 0,
            last_answered text,
            attempts bigint NOT NULL DEFAULT 0,
            best_score double precision,
            last_score double precision,
            last_finished text,
            PRIMARY KEY (learner, bank_id))""",
        """CREATE FUNCTION quizapp.count_answers() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            BEGIN
              INSERT INTO quizapp.learner_banks AS s (learner, bank_id, answers, correct,
                                                    last_answered)
              SELECT learner, bank_id, count(*), count(*) FILTER (WHERE correct),
                     max(answered) FROM new_rows GROUP BY learner, bank_id
              ON CONFLICT (learner, bank_id) DO UPDATE SET
                answers = s.answers + excluded.answers,
                correct = s.correct + excluded.correct,
                last_answered = greatest(s.last_answered, excluded.last_answered);
              RETURN NULL;
            END $$""",
        """CREATE TRIGGER count_answers AFTER INSERT ON quizapp.answers
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION quizapp.count_answers()""",
        # An attempt is a closed session with a score, as in the local store; the last
        # score is that of the attempt finished last.
        """CREATE FUNCTION quizapp.count_attempts() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
            BEGIN
              INSERT INTO quizapp.learner_banks AS s (learner, bank_id, attempts,
                                                    best_score, last_score, last_finished)
              SELECT learner, bank_id, count(*), max(score),
                     (array_agg(score ORDER BY finished DESC))[1], max(finished)
              FROM new_rows WHERE score IS NOT NULL GROUP BY learner, bank_id
              ON CONFLICT (learner, bank_id) DO UPDATE SET
                attempts = s.attempts + excluded.attempts,
                best_score = greatest(s.best_score, excluded.best_score),
                last_score = CASE WHEN s.last_finished IS NULL
                                    OR excluded.last_finished >= s.last_finished
                             THEN excluded.last_score ELSE s.last_score END,
                last_finished = greatest(s.last_finished, excluded.last_finished);
              RETURN NULL;
            END $$""",
        """CREATE TRIGGER count_attempts AFTER INSERT ON quizapp.session_ends
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION quizapp.count_attempts()""",
        "ALTER TABLE quizapp.learner_banks ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_summary ON quizapp.learner_banks FOR SELECT TO {L}"
        " USING (learner = current_user)",
        f"CREATE POLICY class_summary ON quizapp.learner_banks FOR SELECT TO {T}"
        " USING (learner IN (SELECT quizapp.taught_learners(current_user)))",
        f"GRANT SELECT ON quizapp.learner_banks TO {L}, {T}",
        "ALTER TABLE quizapp.people ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY me ON quizapp.people FOR SELECT TO {L}, {T}"
        " USING (role = current_user)",
        f"CREATE POLICY my_learners ON quizapp.people FOR SELECT TO {T}"
        " USING (role IN (SELECT quizapp.taught_learners(current_user)))",
        f"GRANT SELECT ON quizapp.people TO {L}, {T}",
        "ALTER TABLE quizapp.classes ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY my_classes ON quizapp.classes FOR SELECT TO {L}, {T}"
        " USING (id IN (SELECT quizapp.my_classes(current_user)))",
        f"GRANT SELECT ON quizapp.classes TO {L}, {T}",
        # Banks: content-addressed (sha256 of the YAML), published to classes.
        """CREATE TABLE quizapp.banks (
            content_hash text PRIMARY KEY,
            bank_id text NOT NULL,
            yaml text NOT NULL,
            published_by name NOT NULL DEFAULT current_user)""",
        """CREATE TABLE quizapp.class_banks (
            class_id integer NOT NULL REFERENCES quizapp.classes,
            bank_id text NOT NULL,
            content_hash text NOT NULL REFERENCES quizapp.banks,
            published timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (class_id, bank_id))""",
        "ALTER TABLE quizapp.banks ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY published_to_me ON quizapp.banks FOR SELECT TO {L}, {T}"
        " USING (content_hash IN (SELECT content_hash FROM quizapp.class_banks))",
        f"CREATE POLICY teacher_adds ON quizapp.banks FOR INSERT TO {T}"
        " WITH CHECK (published_by = current_user)",
        f"CREATE POLICY own_uploads ON quizapp.banks FOR SELECT TO {T}"
        " USING (published_by = current_user)",
        f"GRANT SELECT ON quizapp.banks TO {L}, {T}",
        f"GRANT INSERT ON quizapp.banks TO {T}",
        "ALTER TABLE quizapp.class_banks ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY my_class_banks ON quizapp.class_banks FOR SELECT TO {L}, {T}"
        " USING (class_id IN (SELECT quizapp.my_classes(current_user)))",
        f"CREATE POLICY teacher_publishes ON quizapp.class_banks FOR ALL TO {T}"
        " USING (class_id IN (SELECT quizapp.taught_classes(current_user)))"
        " WITH CHECK (class_id IN (SELECT quizapp.taught_classes(current_user)))",
        f"GRANT SELECT ON quizapp.class_banks TO {L}",
        f"GRANT SELECT, INSERT, UPDATE ON quizapp.class_banks TO {T}",
    ] + log_policies
