"""The class server compares the computers' times (text, as the store writes them) by
their characters, whatever the database's default collation. A school's database made with
an ICU or a language's collation (CREATE DATABASE ... ICU_LOCALE 'en-US', as a distribution
or a DBA may make it) orders '.' before '+': there a time with no fraction of a second,
"10:00:00+00:00", sorted after "10:00:00.500000+00:00", and a pull dated such an answer
at the moment the server took it, not when it was given (review21: pull.py's comparison
lacked the COLLATE "C" the counting triggers have)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

psycopg = pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school, study  # noqa: E402

BANK = make_bank(2)


def test_a_time_without_a_fraction_is_pulled_as_given(pg_server, icu_database, tmp_path):
    school = make_school(pg_server, icu_database)
    school.add("Ann")
    with school.admin() as conn:  # the collation these tests are about
        assert conn.execute("SELECT '10:00:00+00:00' > '10:00:00.5+00:00'").fetchone()[0]
    given = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    with school.computer(tmp_path / "first", "Ann") as first:
        study(first, "Ann", BANK, [("q0", True, 3)], given - timedelta(minutes=1))
        assert sync.sync(first).errors == []
    # As a computer of another make (or an older quizapp) writes a time of a whole second:
    # without its fraction. The server took it half a second later.
    with school.admin() as conn:
        conn.execute("UPDATE quizapp.answers SET answered = %s, taken = %s",
                     (given.isoformat(), given + timedelta(milliseconds=500)))
    with school.computer(tmp_path / "second", "Ann") as second:
        assert sync.sync(second).errors == []
        answered = second._db.value("SELECT answered FROM answers")
        assert datetime.fromisoformat(answered) == given


def test_the_teacher_sees_the_later_of_the_last_answer_and_attempt(pg_server, icu_database,
                                                                   tmp_path):
    from quizapp.server import overview

    school = make_school(pg_server, icu_database)
    school.add("Ann")
    school.add("Tess", "teacher")
    with school.computer(tmp_path / "lab", "Ann") as lab:
        study(lab, "Ann", BANK, [("q0", True, 3)], datetime.now(UTC) - timedelta(hours=1))
        assert sync.sync(lab).errors == []
    whole = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    later = whole + timedelta(milliseconds=500)
    with school.admin() as conn:  # the last answer at a whole second, an attempt after it
        conn.execute("UPDATE quizapp.learner_banks SET last_answered = %s, last_finished = %s",
                     (whole.isoformat(), later.isoformat(timespec="microseconds")))
    with school.as_person("Tess") as conn:
        (row,) = overview.learner_bank_rows(conn)
    assert row.last_studied == later
