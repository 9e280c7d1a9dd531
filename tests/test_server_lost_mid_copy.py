"""A connection lost in the middle of a push's COPY (the school's server restarted):
`quizapp sync` says it in its own words only. psycopg's note on the COPY it could not
end ("error ignored terminating <psycopg.Copy [BAD] at 0x7fa4867e2490>: the connection
is lost") reached the learner's terminal, through Python's last-resort log handler,
above quizapp's "offline: The connection to the class server was lost…"."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from tests.server_helpers import T0, make_school, study  # noqa: E402

# The real `quizapp sync` in a process of its own (no pytest log handlers), whose push is
# cut off in its COPY: the server ends the connection as the first row is written.
CUT_OFF_SYNC = """
import sys
import psycopg
from quizapp.cli import main

data_dir, admin_url = sys.argv[1], sys.argv[2]
def cut_off(self, row):
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (self.connection.info.backend_pid,))
    # What psycopg raises when its write meets the closed connection (here at once: a
    # row is buffered, not sent); the end of the COPY then fails too.
    raise psycopg.OperationalError("the connection is lost")

psycopg.Copy.write_row = cut_off
sys.exit(main(["--data-dir", data_dir, "sync"]))
"""


def test_a_push_cut_off_in_its_copy_says_offline_in_quizapps_words(
        pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    with school.computer(tmp_path / "lab", "Ann") as lab:
        study(lab, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
    run = subprocess.run(
        [sys.executable, "-c", CUT_OFF_SYNC, str(tmp_path / "lab"),
         pg_server.admin_url(pg_database)],
        capture_output=True, text=True, timeout=120,
    )
    said = run.stdout + run.stderr
    assert run.returncode == 3, said
    assert "The connection to the class server was lost" in said
    assert "psycopg" not in said and "error ignored" not in said and " at 0x" not in said
    assert "Traceback" not in said
