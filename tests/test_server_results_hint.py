"""`quizapp results` on a teacher's computer says where the class's answers are: the
`quizapp server results` command to run, with the address in the form the teacher was
given (postgresql://ROLE@HOST/DB), not the `user=… host=…` form the sign-in keeps. Real
CLI processes on a real PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


def _quizapp(*argv: str, password: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    if password is not None:
        env["PGPASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "quizapp", *argv], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


def test_the_hint_gives_the_address_as_the_teacher_was_given_it(pg_server, pg_database,
                                                                tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    tess = school.add("Tess", "teacher")
    with school.computer(tmp_path / "lab", "Ann") as lab:
        study(lab, "Ann", make_bank(), [("q0", True, 3)], T0)
        assert sync.sync(lab).pushed == 1
    school.computer(tmp_path / "desk", "Tess").close()

    done = _quizapp("results", "--data-dir", str(tmp_path / "desk"))
    assert done.returncode == 0, done.stderr
    hint = re.fullmatch(r"quizapp results: this computer keeps only the answers given on it;"
                        r" the class's answers are on the class server:  quizapp server"
                        r" results '([^']+)' -o FILE\n", done.stderr)
    assert hint is not None, done.stderr
    assert hint.group(1) == tess.url  # what add-teacher printed for Tess
    assert tess.url.startswith("postgresql://") and "user=" not in tess.url

    # The command shown works as it is.
    done = _quizapp("server", "results", hint.group(1), "-o", "-", password=tess.password)
    assert done.returncode == 0, done.stderr
    assert [line.split(",")[1] for line in done.stdout.splitlines()[1:]] == ["Ann"]
